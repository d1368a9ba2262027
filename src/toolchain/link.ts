// Links sandboxed objects with the NaCl linker script and stamps the header
// fields real nexes carry (OSABI 123, ABI version 7, EF_NACL_ALIGN_32).
import { readFileSync, writeFileSync } from 'node:fs';
import { LD_FLAGS } from '../../scripts/lib/fixture-build.ts';
import { stampNaClHeader } from '../../scripts/lib/nacl-header.ts';
import { linkerScript } from './paths.ts';
import { runTool } from './run-tool.ts';

/** The fixtures' ld flags, but keeping symbols (handy in traces) and dropping unused sections and debug info. */
export function linkFlags(keepDebug: boolean): string[] {
  const flags = [...LD_FLAGS.filter((f) => f !== '--strip-all'), '--gc-sections'];
  return keepDebug ? flags : [...flags, '--strip-debug'];
}

/** Links `inputs` (objects, archives) into `output`; returns the stamped image. */
export function linkNexe(inputs: readonly string[], output: string, options: { keepDebug?: boolean; verbose?: boolean } = {}): Uint8Array {
  runTool('ld', ['-m', 'elf_x86_64', ...linkFlags(options.keepDebug ?? false), '-T', linkerScript, '-o', output, ...inputs], options.verbose);
  const image = new Uint8Array(readFileSync(output));
  stampNaClHeader(image);
  writeFileSync(output, image);
  return image;
}
