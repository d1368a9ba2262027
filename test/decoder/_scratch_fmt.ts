import { Decoder, DecoderOptions, Instruction, Formatter, FormatterSyntax } from 'iced-x86';
const hexes = process.argv.slice(2);
const f = new Formatter(FormatterSyntax.Gas);
for (const h of hexes) {
  const bytes = Uint8Array.from(Buffer.from(h, 'hex'));
  const d = new Decoder(64, bytes, DecoderOptions.None); d.ip = 0x1000n;
  const i = d.decode();
  console.log(h.padEnd(24), JSON.stringify(f.format(i)));
  i.free(); d.free();
}
f.free();
