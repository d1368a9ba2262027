// ZeroVM's manifest reader (src/main/manifest.c, format 20130611), rule for rule.
// Input is bytes; the work is done on a byte string (one char per byte) so that lengths, splits and
// comparisons are the C ones, and paths/aliases are decoded from UTF-8 only when stored.
import { Errno } from '../runtime/errno.ts';
import { bytesToBinary, binaryToBytes, decodeUtf8, encodeUtf8 } from '../runtime/utf8.ts';
import { parseCInteger } from './c-integer.ts';
import { ManifestError } from './error.ts';
import { gStrsplit, gStrstrip, isAbsolutePath } from './glib-text.ts';
import { parseIPv4 } from './ipv4.ts';
import {
  SOURCE_PROTOCOLS,
  type ChannelLimits,
  type ChannelSource,
  type ChannelSpec,
  type Manifest,
} from './types.ts';

export const MANIFEST_VERSION = '20130611';
/** ZeroVM reads the file into a zeroed buffer of this many bytes; the text must end (NUL) inside it. */
export const MANIFEST_SIZE_LIMIT = 0x80000;
export const MANIFEST_LINES_LIMIT = 0x2000;
/** g_strsplit limit for key=value and for the ';'-separated sources of a channel. */
export const MANIFEST_TOKENS_LIMIT = 0x10;
/** UNIX_PATH_MAX: the longest Job value (measured before trimming, as ZeroVM does). */
export const JOB_PATH_MAX = 108;

/** Keys in ZeroVM's x-macro order; `obligatory`/`singleton` are its flags. The order fixes which error wins. */
const KEYWORDS = [
  { key: 'Channel', obligatory: true, singleton: false },
  { key: 'Version', obligatory: true, singleton: true },
  { key: 'Program', obligatory: true, singleton: true },
  { key: 'Memory', obligatory: true, singleton: true },
  { key: 'Timeout', obligatory: true, singleton: true },
  { key: 'NameServer', obligatory: false, singleton: true },
  { key: 'Node', obligatory: false, singleton: true },
  { key: 'Job', obligatory: false, singleton: true },
  { key: 'Etag', obligatory: false, singleton: true },
] as const;
type Keyword = (typeof KEYWORDS)[number]['key'];

interface Draft {
  version?: string;
  program?: string;
  memory?: bigint;
  memoryEtag?: boolean;
  timeout?: number;
  channels: ChannelSpec[];
  nameServer?: ChannelSource;
  node?: number;
  job?: string;
  etag?: string;
}

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; error: ManifestError };

/** Parses a manifest; a string is taken as its UTF-8 encoding. Throws ManifestError only. */
export function parseManifest(input: Uint8Array | string): Manifest {
  const bytes = typeof input === 'string' ? encodeUtf8(input) : input;
  // ZeroVM: fread(...) < 1 is "manifest read error" (EIO).
  if (bytes.length === 0) throw new ManifestError('read', Errno.EIO, undefined, 'manifest read error: the file is empty');
  if (bytes.length >= MANIFEST_SIZE_LIMIT) {
    // ZeroVM reads 0x80000 bytes into a 0x80000-byte buffer: a file this long has no terminating NUL
    // there (undefined behaviour in C). We refuse it.
    throw new ManifestError('read', Errno.EFAULT, undefined,
      `manifest too large: ${bytes.length} bytes (at most ${MANIFEST_SIZE_LIMIT - 1})`);
  }
  let text = bytesToBinary(bytes);
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.slice(0, nul); // C string: the text ends at the first NUL byte
  return parseLines(text);
}

export function tryParseManifest(input: Uint8Array | string): ManifestResult {
  try {
    return { ok: true, manifest: parseManifest(input) };
  } catch (e) {
    if (e instanceof ManifestError) return { ok: false, error: e };
    throw e;
  }
}

function parseLines(content: string): Manifest {
  const draft: Draft = { channels: [] };
  const counters = new Map<Keyword, number>();
  const lines = gStrsplit(content, '\n', MANIFEST_LINES_LIMIT);
  lines.forEach((line, index) => {
    const tokens = gStrsplit(line, '=', MANIFEST_TOKENS_LIMIT);
    // Anything but exactly "key = value" is ignored silently (this is how "==" comment lines work).
    if (line.length === 0 || tokens.length !== 2) return;
    const key = gStrstrip(tokens[0]!);
    const keyword = KEYWORDS.find((k) => k.key === key)?.key;
    if (keyword === undefined) return; // unknown keys are ignored too
    counters.set(keyword, (counters.get(keyword) ?? 0) + 1);
    applyKey(draft, keyword, tokens[1]!, index + 1);
  });
  checkCounters(counters);
  return {
    version: draft.version!,
    program: draft.program!,
    memory: draft.memory!,
    memoryEtag: draft.memoryEtag!,
    timeout: draft.timeout!,
    channels: draft.channels,
    ...(draft.nameServer ? { nameServer: draft.nameServer } : {}),
    ...(draft.node !== undefined ? { node: draft.node } : {}),
    ...(draft.job !== undefined ? { job: draft.job } : {}),
    ...(draft.etag !== undefined ? { etag: draft.etag } : {}),
  };
}

function fail(line: number, problem: string): never {
  throw new ManifestError('parse', Errno.EFAULT, line, problem);
}

/** A byte-string field as the string it encodes (UTF-8). */
const decoded = (binary: string): string => decodeUtf8(binaryToBytes(binary));
const shown = (binary: string): string => JSON.stringify(decoded(binary));

/** ToInt(): the whole trimmed token must be an int64 in C syntax. */
function toInt(token: string, line: number, what: string): bigint {
  const trimmed = gStrstrip(token);
  const r = parseCInteger(trimmed);
  if (r.ok) return r.value;
  if (r.reason === 'range') fail(line, `${what}: ${shown(trimmed)} is out of the int64 range`);
  fail(line, `${what}: invalid numeric value ${shown(trimmed)} (unexpected ${shown(trimmed.slice(r.at))})`);
}

const int32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

function applyKey(draft: Draft, keyword: Keyword, value: string, line: number): void {
  switch (keyword) {
    case 'Version': {
      const v = gStrstrip(value);
      if (v !== MANIFEST_VERSION) fail(line, `invalid manifest version ${shown(v)} (expected ${MANIFEST_VERSION})`);
      draft.version = v;
      return;
    }
    case 'Program':
      draft.program = decoded(gStrstrip(value));
      return;
    case 'Memory': {
      const tokens = gStrsplit(value, ',', 2);
      if (tokens.length < 2) fail(line, 'invalid memory token: expected "<bytes>, <etag 0|1>"');
      draft.memory = toInt(tokens[0]!, line, 'Memory size');
      const tag = int32(toInt(tokens[1]!, line, 'Memory etag'));
      if (tag !== 0 && tag !== 1) fail(line, `invalid memory etag token ${tag} (expected 0 or 1)`);
      draft.memoryEtag = tag === 1;
      return;
    }
    case 'Timeout':
      draft.timeout = int32(toInt(value, line, 'Timeout'));
      return;
    case 'Node':
      draft.node = int32(toInt(value, line, 'Node'));
      return;
    case 'Job':
      if (value.length > JOB_PATH_MAX) fail(line, `too long Job name (${value.length} bytes, at most ${JOB_PATH_MAX})`);
      draft.job = decoded(gStrstrip(value));
      return;
    case 'Etag':
      draft.etag = decoded(gStrstrip(value));
      return;
    case 'NameServer':
      draft.nameServer = parseSource(value, line, 'NameServer');
      return;
    case 'Channel':
      draft.channels.push(parseChannel(value, line));
      return;
  }
}

const CHANNEL_FIELDS = 8;

function parseChannel(value: string, line: number): ChannelSpec {
  // Split into at most 8 fields: with a 9th field the 8th keeps ", 0" and fails as a number, as in ZeroVM.
  const fields = gStrsplit(value, ',', CHANNEL_FIELDS);
  if (fields.length < CHANNEL_FIELDS) {
    fail(line, `invalid channel tokens number: ${fields.length} fields, expected ${CHANNEL_FIELDS} ` +
      '(uri, alias, type, etag, gets, get_size, puts, put_size)');
  }
  const trimmed = fields.map(gStrstrip);
  if (gStrsplit(fields[CHANNEL_FIELDS - 1]!, ',', 0).length > 1) {
    fail(line, `invalid channel tokens number: more than ${CHANNEL_FIELDS} fields`);
  }
  const alias = decoded(trimmed[1]!);
  const uris = gStrsplit(fields[0]!, ';', MANIFEST_TOKENS_LIMIT);
  // ZeroVM leaves a channel with no source (or an empty one between ';') undefined; we refuse it.
  if (uris.length === 0) fail(line, `channel ${JSON.stringify(alias)} has no source uri`);
  const sources = uris.map((uri) => parseSource(uri, line, `channel ${JSON.stringify(alias)}`));
  const type = Number(BigInt.asUintN(32, toInt(fields[2]!, line, 'channel type')));
  const tag = int32(toInt(fields[3]!, line, 'channel etag'));
  if (tag !== 0 && tag !== 1) fail(line, `invalid channel etag ${tag} for ${JSON.stringify(alias)} (expected 0 or 1)`);
  const names = ['gets', 'get_size', 'puts', 'put_size'] as const;
  const values = names.map((name, i) => {
    const v = toInt(fields[4 + i]!, line, `channel ${name}`);
    if (v < 0n) fail(line, `negative limits for ${JSON.stringify(alias)}: ${name} = ${v}`);
    return v;
  });
  const limits: ChannelLimits = { gets: values[0]!, getSize: values[1]!, puts: values[2]!, putSize: values[3]! };
  return { line, sources, alias, type, etag: tag === 1, limits };
}

/** ParseName(): a protocol source `proto:host:port` or an absolute path. */
function parseSource(raw: string, line: number, owner: string): ChannelSource {
  const name = gStrstrip(raw);
  const parts = gStrsplit(name, ':', 3);
  if (parts.length === 0) fail(line, `${owner}: empty source uri`);
  const head = gStrstrip(parts[0]!).toLowerCase();
  const protocol = SOURCE_PROTOCOLS.find((p) => p.toLowerCase() === head);
  if (protocol === undefined) {
    if (parts.length > 1) fail(line, `${owner}: invalid channel name ${shown(name)} (unknown protocol ${shown(parts[0]!)})`);
    if (!isAbsolutePath(name)) fail(line, `${owner}: only absolute path channels are allowed, got ${shown(name)}`);
    return { kind: 'file', path: decoded(name) };
  }
  if (parts.length < 2) fail(line, `${owner}: invalid channel url ${shown(name)} (expected ${protocol}:<host>:<port>)`);
  const hostToken = parts[1]!;
  let host: number;
  const hostIsAddress = hostToken.includes('.');
  if (hostIsAddress) {
    const address = parseIPv4(gStrstrip(hostToken));
    // ZeroVM also refuses 0.0.0.0: it tests the converted address against 0.
    if (address === null || address === 0) fail(line, `${owner}: malformed ip token ${shown(gStrstrip(hostToken))}`);
    host = address;
  } else {
    host = Number(BigInt.asUintN(32, toInt(hostToken, line, `${owner} host`)));
  }
  // ZeroVM reads a missing port field through a NULL pointer (its own TODO); we refuse it.
  if (parts.length < 3) fail(line, `${owner}: invalid channel url ${shown(name)}: missing port (write ${protocol}:<host>:<port>, port may be empty)`);
  const port = Number(toInt(parts[2]!, line, `${owner} port`));
  return { kind: 'connection', protocol, host, hostIsAddress, port };
}

/** CheckCounters(): from the last keyword down to Version (Channel, index 0, is skipped). */
function checkCounters(counters: Map<Keyword, number>): void {
  for (let n = KEYWORDS.length - 1; n > 0; n--) {
    const { key, obligatory, singleton } = KEYWORDS[n]!;
    const count = counters.get(key) ?? 0;
    if (count === 0 && obligatory) throw new ManifestError('keys', Errno.EFAULT, undefined, `${key} not specified`);
    if (count > 1 && singleton) throw new ManifestError('keys', Errno.EFAULT, undefined, `duplicate ${key} keyword (${count} times)`);
  }
}
