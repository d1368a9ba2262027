// The nvram parser, following ZRT's rules: INI-like sections, `#` comments (also at the end of a line),
// records of at most 5 comma-separated key=value pairs, keys of at most 20 characters, \xHH escapes.
import type { ChannelMode } from '../fs/devices.ts';
import type { EnvVar, FstabRecord, NvramConfig, SkippedRecord } from './config.ts';
import { unescapeValue } from './escapes.ts';
import { NvramError } from './nvram-error.ts';

export const MAX_KEYS_PER_RECORD = 5;
export const MAX_KEY_LENGTH = 20;

type Record_ = ReadonlyMap<string, string>; // key -> raw (still escaped) value

/** Blanks around keys and values are spaces and tabs only; anything else must survive (it may be escaped or not). */
function trimBlanks(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

const sectionKeys: Readonly<Record<string, { required: readonly string[]; optional: readonly string[] }>> = {
  args: { required: ['args'], optional: [] },
  env: { required: ['name', 'value'], optional: [] },
  fstab: { required: ['channel', 'mountpoint', 'access'], optional: ['removable', 'fsname'] },
  mapping: { required: ['channel', 'mode'], optional: [] },
  time: { required: ['seconds'], optional: [] },
  debug: { required: ['verbosity'], optional: [] },
  precache: { required: ['precache'], optional: [] },
};

function splitRecord(text: string, line: number): Record_ {
  const pieces = text.split(',');
  if (pieces.length > 1 && trimBlanks(pieces[pieces.length - 1]!) === '') pieces.pop(); // tolerate one trailing comma
  if (pieces.length > MAX_KEYS_PER_RECORD) throw new NvramError(line, `${pieces.length} key=value pairs (at most ${MAX_KEYS_PER_RECORD})`);
  const out = new Map<string, string>();
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) throw new NvramError(line, `expected key=value, got ${JSON.stringify(trimBlanks(piece))}`);
    const key = trimBlanks(piece.slice(0, eq));
    if (key.length === 0) throw new NvramError(line, 'empty key');
    if (key.length > MAX_KEY_LENGTH) throw new NvramError(line, `key ${JSON.stringify(key)} is longer than ${MAX_KEY_LENGTH} characters`);
    if (out.has(key)) throw new NvramError(line, `key ${JSON.stringify(key)} repeated`);
    out.set(key, trimBlanks(piece.slice(eq + 1)));
  }
  return out;
}

function value(rec: Record_, key: string): string {
  return unescapeValue(rec.get(key)!);
}

/**
 * Split [args] as ZRT's parse_args does: blanks (space, tab) separate arguments; a double quote at the start
 * of an argument runs to the next double quote (or the end) and makes one argument, quotes removed; a quote
 * inside an argument is an ordinary character. Each argument is then unescaped.
 */
export function splitArgs(raw: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === ' ' || c === '\t') {
      if (start >= 0) out.push(raw.slice(start, i));
      start = -1;
    } else if (c === '"' && start < 0 && i + 1 < raw.length) {
      const close = raw.indexOf('"', i + 1);
      const end = close < 0 ? raw.length : close;
      out.push(raw.slice(i + 1, end));
      i = end;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(raw.slice(start));
  return out.map(unescapeValue);
}

function yesNo(text: string, key: string, line: number): boolean {
  if (text === 'yes') return true;
  if (text === 'no') return false;
  throw new NvramError(line, `${key} must be yes or no, got ${JSON.stringify(text)}`);
}

export function parseNvram(text: string): NvramConfig {
  let section: string | undefined;
  let args: string[] | undefined;
  const env: EnvVar[] = [];
  const fstab: FstabRecord[] = [];
  const mapping = new Map<string, ChannelMode>();
  let timeSeconds: number | undefined;
  let debugVerbosity: number | undefined;
  let precache = false;
  const skipped: SkippedRecord[] = [];

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const hash = lines[i]!.indexOf('#');
    const content = trimBlanks((hash >= 0 ? lines[i]!.slice(0, hash) : lines[i]!).replace(/\r$/, ''));
    if (content === '') continue;
    if (content.startsWith('[')) {
      const m = /^\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]$/.exec(content);
      if (!m) throw new NvramError(line, `bad section header ${JSON.stringify(content)}`);
      section = m[1]!;
      continue;
    }
    if (section === undefined) throw new NvramError(line, 'record before any [section]');
    const rec = splitRecord(content, line);
    const keys = sectionKeys[section];
    if (!keys) {
      skipped.push({ line, reason: `section [${section}] is not used by ZRT` });
      continue;
    }
    for (const k of keys.required) if (!rec.has(k)) throw new NvramError(line, `[${section}] record lacks ${k}=`);
    for (const k of rec.keys()) {
      if (!keys.required.includes(k) && !keys.optional.includes(k)) throw new NvramError(line, `unknown key ${JSON.stringify(k)} in [${section}]`);
    }
    switch (section) {
      case 'args':
        args = splitArgs(rec.get('args')!);
        break;
      case 'env': {
        const name = value(rec, 'name');
        if (name === '' || name.includes('=')) throw new NvramError(line, `bad environment variable name ${JSON.stringify(name)}`);
        env.push({ name, value: value(rec, 'value') });
        break;
      }
      case 'fstab': {
        const access = value(rec, 'access');
        const mountpoint = value(rec, 'mountpoint');
        if (!mountpoint.startsWith('/')) throw new NvramError(line, `mountpoint ${JSON.stringify(mountpoint)} is not absolute`);
        const removable = rec.has('removable') ? value(rec, 'removable') : 'no';
        // ZRT's is_valid_record: anything but access=ro|wo and removable=yes|no drops the record
        if ((access !== 'ro' && access !== 'wo') || (removable !== 'yes' && removable !== 'no')) {
          skipped.push({ line, reason: `fstab record with access=${access}, removable=${removable} is skipped (ZRT uses ro|wo and yes|no only)` });
          break;
        }
        const fsname = rec.has('fsname') ? value(rec, 'fsname') : 'tar';
        fstab.push({ channel: value(rec, 'channel'), mountpoint, access, removable: removable === 'yes', fsname, line });
        break;
      }
      case 'mapping': {
        const mode = value(rec, 'mode');
        if (mode !== 'pipe' && mode !== 'char' && mode !== 'file') throw new NvramError(line, `mapping mode must be pipe, char or file, got ${JSON.stringify(mode)}`);
        mapping.set(value(rec, 'channel'), mode);
        break;
      }
      case 'time': {
        const s = value(rec, 'seconds');
        if (!/^\d{1,15}$/.test(s)) throw new NvramError(line, `time seconds must be a non-negative integer, got ${JSON.stringify(s)}`);
        timeSeconds = Number(s);
        break;
      }
      case 'debug': {
        const v = value(rec, 'verbosity');
        if (!/^\d{1,3}$/.test(v)) throw new NvramError(line, `debug verbosity must be a number, got ${JSON.stringify(v)}`);
        debugVerbosity = Number(v);
        break;
      }
      case 'precache':
        precache = yesNo(value(rec, 'precache'), 'precache', line);
        break;
    }
  }
  return { args, env, fstab, mapping, timeSeconds, debugVerbosity, precache, skipped };
}
