// Locating /work/shared (as ../shared from the repo root) and reading the NaCl corpus from it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const naclDir = path.join(sharedDir, 'nacl');
export const corpusPath = path.join(naclDir, 'validator-corpus.jsonl');
export const defsDir = path.join(naclDir, 'instruction-definitions');
export const sharedPresent = existsSync(corpusPath);

export function skipNote(what: string): void {
  if (!sharedPresent) console.warn(`[validator] ${what} skipped: ${sharedDir} is absent`);
}

export interface CorpusCase {
  readonly name: string;
  readonly hex: string;
  readonly chunks: readonly string[];
  readonly valid: boolean;
  readonly errors: readonly { offset: number; message: string }[];
}

export function loadCorpus(): CorpusCase[] {
  if (!sharedPresent) return [];
  return readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusCase);
}

/** Bytes of a hex string without separators. */
export function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** `bytes` padded with NOPs to a multiple of 32, as NaCl's test runner does. */
export function padNops(bytes: Uint8Array): Uint8Array {
  const size = Math.max(32, Math.ceil(bytes.length / 32) * 32);
  const out = new Uint8Array(size).fill(0x90);
  out.set(bytes);
  return out;
}

/** A multiset of errors as sorted "offset: message" strings. */
export function errorKeys(errors: readonly { offset: number; message: string }[]): string[] {
  return errors.map((e) => `${e.offset.toString(16)}: ${e.message}`).sort();
}
