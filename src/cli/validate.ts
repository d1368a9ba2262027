// zvm validate: runs the NaCl x86-64 validator on a nexe's text, on a hex chunk, or on lines of hex
// from stdin (one JSON verdict per line), and explains each error so it can be acted on.
import { readFileSync } from 'node:fs';
import { decodeFull } from '../decoder/decode-full.ts';
import { formatAtt } from '../decoder/format-att.ts';
import { tryParseNexe } from '../elf/index.ts';
import { explain } from '../validator/explain.ts';
import { explainUnrecognized } from '../validator/explain-unrecognized.ts';
import {
  errorsByOffset, HexError, padTo, parseHex, toHex, validateChunk, validateNexeText, type ValidateOptions,
  type ValidationError, type ValidationResult,
} from '../validator/index.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm validate [options] FILE.nexe
       zvm validate [options] --hex "83 e0 e0 4c 01 f8 ff e0"
       zvm validate [options] --hex-lines < lines.txt

Checks x86-64 code against NaCl's sandbox rules (32-byte bundles, %r15-based memory,
masked indirect branches, %rsp/%rbp/%r15 rules, forbidden instructions).
  --hex HEX     validate one chunk of hex bytes (padded with 90 to a multiple of 32)
  --hex-lines   read hex lines from stdin; print one JSON verdict per line
  --zerovm      ZeroVM's determinism policy: also refuse rdtsc (the runtime always applies it)
  --nacl        the upstream NaCl verdict (the default)
  --warnings    also report "warning - bad call alignment"
Exit status: 0 valid, 1 invalid, 2 unusable input.`;

interface Args {
  file?: string;
  hex?: string;
  hexLines: boolean;
  options: ValidateOptions;
}

function parseArgs(args: string[]): Args | 'help' {
  let zerovm = false;
  let warnings = false;
  const out: Args = { hexLines: false, options: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--zerovm') zerovm = true;
    else if (a === '--nacl') zerovm = false;
    else if (a === '--warnings') warnings = true;
    else if (a === '--hex-lines') out.hexLines = true;
    else if (a === '--hex') {
      if (i + 1 >= args.length) throw new UsageError('--hex needs a hex string');
      out.hex = args[++i]!;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}' (see zvm validate --help)`);
    else if (out.file !== undefined) throw new UsageError(`more than one file: '${out.file}' and '${a}'`);
    else out.file = a;
  }
  const modes = (out.file !== undefined ? 1 : 0) + (out.hex !== undefined ? 1 : 0) + (out.hexLines ? 1 : 0);
  if (modes !== 1) throw new UsageError('give exactly one of FILE.nexe, --hex HEX or --hex-lines (see zvm validate --help)');
  out.options = { deterministic: zerovm, callAlignmentWarnings: warnings };
  return out;
}

/** One disassembled instruction at `offset`, or the raw bytes when it does not decode. */
function describeAt(code: Uint8Array, offset: number): string {
  if (offset >= code.length) return '(end of code)';
  const d = decodeFull(code, offset, Math.min(offset + 15, code.length));
  if (d.ok) return `${toHex(code, offset, offset + d.length).padEnd(30)} ${formatAtt(d)}`;
  return `${toHex(code, offset, Math.min(offset + 8, code.length)).padEnd(30)} (${d.reason})`;
}

function report(code: Uint8Array, result: ValidationResult, base: number, name: string, deterministic: boolean): string[] {
  const lines: string[] = [];
  const items: ValidationError[] = errorsByOffset([...result.errors, ...result.warnings]);
  for (const e of items) {
    const { rule, hint } = e.message === 'unrecognized instruction' ? explainUnrecognized(code, e.offset, deterministic) : explain(e.message);
    lines.push(`${name}: 0x${(base + e.offset).toString(16)} (+0x${e.offset.toString(16)}): ${e.message}`);
    lines.push(`    ${describeAt(code, e.offset)}`);
    lines.push(`    rule: ${rule}`);
    if (hint) lines.push(`    hint: ${hint}`);
  }
  const counts = new Map<string, number>();
  for (const e of result.errors) counts.set(e.message, (counts.get(e.message) ?? 0) + 1);
  const detail = [...counts].map(([m, n]) => `${n} x ${m}`).join(', ');
  const warn = result.warnings.length ? `, ${result.warnings.length} warning(s)` : '';
  lines.push(
    result.valid
      ? `${name}: valid (${code.length} bytes, ${code.length / 32} bundles${warn})`
      : `${name}: INVALID: ${result.errors.length} error(s) in ${code.length} bytes: ${detail}${warn}`,
  );
  return lines;
}

function validateFile(file: string, options: ValidateOptions): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(`zvm validate: ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const parsed = tryParseNexe(bytes);
  if (!parsed.ok) {
    process.stderr.write(`zvm validate: ${file}: ${parsed.error.unreadable ? 'not an ELF image' : 'not a loadable nexe'}: ${parsed.error.message}\n`);
    return parsed.error.unreadable ? 2 : 1;
  }
  const text = parsed.nexe.text;
  const result = validateNexeText(text.bytes, options);
  const padded = padTo(text.bytes, 32, 0xf4);
  process.stdout.write(report(padded, result, text.vaddr, file, options.deterministic ?? true).join('\n') + '\n');
  return result.valid ? 0 : 1;
}

function validateHex(hex: string, options: ValidateOptions): number {
  let bytes: Uint8Array;
  try {
    bytes = parseHex(hex);
  } catch (e) {
    if (e instanceof HexError) {
      process.stderr.write(`zvm validate: --hex: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const code = padTo(bytes, 32, 0x90);
  const result = validateChunk(code, options);
  process.stdout.write(report(code, result, 0, 'hex', options.deterministic ?? true).join('\n') + '\n');
  return result.valid ? 0 : 1;
}

const VALID_LINE = JSON.stringify({ valid: true, errors: [] });

/** One JSON verdict line for one hex line. */
export function hexLineVerdict(line: string, options: ValidateOptions): string {
  let bytes: Uint8Array;
  try {
    bytes = parseHex(line);
  } catch (e) {
    if (e instanceof HexError) return JSON.stringify({ error: e.message });
    throw e;
  }
  const result = validateChunk(padTo(bytes, 32, 0x90), options);
  if (result.valid) return VALID_LINE;
  const sorted = result.errors.length > 1 ? errorsByOffset(result.errors) : result.errors;
  return JSON.stringify({ valid: false, errors: sorted.map((e) => ({ offset: e.offset, message: e.message })) });
}

async function validateHexLines(options: ValidateOptions): Promise<number> {
  const quiet: ValidateOptions = { ...options, callAlignmentWarnings: false };
  let pending = '';
  let out: string[] = [];
  let allValid = true;
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    const text = out.join('');
    out = [];
    if (!process.stdout.write(text)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
  };
  const take = (line: string): void => {
    const verdict = hexLineVerdict(line.endsWith('\r') ? line.slice(0, -1) : line, quiet);
    if (!verdict.startsWith('{"valid":true')) allValid = false;
    out.push(verdict + '\n');
  };
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += chunk;
    let nl: number;
    let from = 0;
    while ((nl = pending.indexOf('\n', from)) >= 0) {
      take(pending.slice(from, nl));
      from = nl + 1;
    }
    pending = pending.slice(from);
    if (out.length >= 4096) await flush();
  }
  if (pending !== '') take(pending);
  await flush();
  return allValid ? 0 : 1;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a nexe (or hex code) against the NaCl x86-64 sandbox rules',
  async run(args: string[]): Promise<number> {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (parsed.hexLines) return validateHexLines(parsed.options);
    if (parsed.hex !== undefined) return validateHex(parsed.hex, parsed.options);
    return validateFile(parsed.file!, parsed.options);
  },
};
