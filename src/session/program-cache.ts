// For hosts that start the same nexe many times (ZeroVM's daemon mode existed for this start-up
// cost): the parsed ELF, the validator's verdict and the decoded Program, keyed by content. Each is a
// pure function of the bytes, and a Program is never written while it runs, so sessions can share it.
import { Program } from '../cpu/program.ts';
import { parseNexe, type Nexe } from '../elf/index.ts';
import type { TextValidation } from '../validator/index.ts';

interface Entry<T> {
  bytes: Uint8Array;
  value: T;
}

/** FNV-1a over the bytes, with the length: a map key; hits are confirmed byte by byte. */
function keyOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class ContentMap<T> {
  private readonly map = new Map<string, Entry<T>>();
  constructor(private readonly capacity: number) {}

  get(bytes: Uint8Array, make: () => T): T {
    const key = keyOf(bytes);
    const hit = this.map.get(key);
    if (hit && sameBytes(hit.bytes, bytes)) {
      this.map.delete(key); // most recently used last
      this.map.set(key, hit);
      return hit.value;
    }
    const value = make();
    this.map.set(key, { bytes: bytes.slice(), value });
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return value;
  }
}

export class ProgramCache {
  private readonly nexes: ContentMap<Nexe>;
  private readonly validations: ContentMap<TextValidation>;
  private readonly programs: ContentMap<Program>;

  /** Keeps the `capacity` most recently used programs. */
  constructor(capacity = 16) {
    this.nexes = new ContentMap(capacity);
    this.validations = new ContentMap(capacity);
    this.programs = new ContentMap(capacity);
  }

  /** Throws ElfError like parseNexe (failures are not cached). */
  nexe(file: Uint8Array): Nexe {
    return this.nexes.get(file, () => parseNexe(file));
  }

  validation(text: Uint8Array, validate: () => TextValidation): TextValidation {
    return this.validations.get(text, validate);
  }

  program(text: Uint8Array, base: number): Program {
    return this.programs.get(text, () => new Program(text, base));
  }
}
