// ZeroVM's address space (zerovm.md §2.3), in sandbox coordinates (r15 = 0), from low to high:
//   0 .. 0x10000          null guard, no access
//   0x10000 .. 0x20000    trampolines: slot N at 0x10000 + 32 N, filled with hlt, read+exec
//   0x20000 ..            text padded with hlt to its 64 KiB page end, read+exec
//                         rodata (read), data + bss (read+write)
//   break .. heap end     the heap, mapped read+write up front (ZeroVM does no memory syscalls)
//   hole                  no access
//   SysData               the user manifest block, read-only; the pointer to it at 4 GiB - stack - 4
//   stack                 the top `stackSize` bytes below 4 GiB, with the startup block at its top
import { Perm, type SandboxMemory } from '../cpu/memory.ts';
import type { Nexe, Segment } from '../elf/index.ts';
import { buildUserManifest, DEFAULT_STACK_SIZE, type UserChannelRecord, type UserManifestBlock } from '../runtime/user-manifest.ts';
import { buildStartupBlock, type StartupBlock } from './startup-block.ts';

export const TRAMPOLINE_START = 0x10000;
export const TEXT_START = 0x20000;
export const PAGE = 0x10000;
export const FOUR_GIB = 0x1_0000_0000;
export const HLT = 0xf4;
const BUNDLE = 32;

const roundUp = (x: number, a: number): number => Math.ceil(x / a) * a;

/** The text as it sits in memory up to the end of its last bundle (file bytes, then hlt). */
export function textImage(nexe: Nexe): Uint8Array {
  const t = nexe.text;
  const image = new Uint8Array(roundUp(t.vaddr + t.memsz, BUNDLE) - t.vaddr).fill(HLT);
  image.set(t.bytes.subarray(0, Math.min(t.bytes.length, image.length)));
  return image;
}

export interface ImageInput {
  nexe: Nexe;
  text: Uint8Array;
  /** Channels in handle order, for the user manifest's channel table. */
  channels: readonly UserChannelRecord[];
  /** The manifest's Memory budget in bytes. */
  memoryBudget: number;
  stackSize?: number;
}

export interface Image {
  /** End of data + bss: the initial break, where the heap starts. */
  breakAddress: number;
  /** End of the mapped heap (exclusive): below SysData and within the Memory budget. */
  heapLimit: number;
  stackBottom: number;
  userManifest: UserManifestBlock;
}

export type ImageResult = { ok: true; image: Image } | { ok: false; errno: number; problem: string };

function segmentEnd(s: Segment): number {
  return s.vaddr + s.memsz;
}

/** Lays the program out in a fresh sandbox (all but the startup block); fails only when the Memory budget leaves too small a heap. */
export function loadImage(mem: SandboxMemory, input: ImageInput): ImageResult {
  const { nexe, text } = input;
  const stackSize = input.stackSize ?? DEFAULT_STACK_SIZE;
  const stackBottom = FOUR_GIB - stackSize;

  const textEnd = nexe.text.vaddr + text.length;
  let end = roundUp(textEnd, PAGE);
  if (nexe.rodata) end = Math.max(end, roundUp(segmentEnd(nexe.rodata), PAGE));
  const breakAddress = nexe.data ? segmentEnd(nexe.data) : end;
  const built = buildUserManifest({ channels: input.channels, memory: input.memoryBudget, breakAddress, stackSize });
  if (!built.ok) return built;
  const um = built.block;

  mem.fillBytes(HLT, TRAMPOLINE_START, TEXT_START);
  mem.protect(TRAMPOLINE_START, TEXT_START - TRAMPOLINE_START, Perm.RX);
  const textPageEnd = roundUp(textEnd, PAGE);
  mem.fillBytes(HLT, textEnd, textPageEnd);
  mem.poke(nexe.text.vaddr, text);
  mem.protect(nexe.text.vaddr, textPageEnd - nexe.text.vaddr, Perm.RX);
  if (nexe.rodata) {
    mem.poke(nexe.rodata.vaddr, nexe.rodata.bytes);
    mem.protect(nexe.rodata.vaddr, nexe.rodata.memsz, Perm.R);
  }
  if (nexe.data) {
    mem.poke(nexe.data.vaddr, nexe.data.bytes); // bss: the zero tail of a fresh sandbox
    mem.protect(nexe.data.vaddr, nexe.data.memsz, Perm.RW);
  }
  const heapLimit = Math.min(um.heapEnd, um.readOnlyStart);
  const heapFirstPage = roundUp(breakAddress, PAGE);
  mem.protect(heapFirstPage, heapLimit - heapFirstPage, Perm.RW);

  mem.poke(um.start, um.bytes);
  mem.protect(um.readOnlyStart, stackBottom - um.readOnlyStart, Perm.R);
  mem.protect(stackBottom, stackSize, Perm.RW);
  return { ok: true, image: { breakAddress, heapLimit, stackBottom, userManifest: um } };
}

/** Writes the startup block (argv, envp) at the top of the stack. */
export function placeStartupBlock(mem: SandboxMemory, argv: readonly string[], envp: readonly string[]): StartupBlock {
  const startup = buildStartupBlock(argv, envp, FOUR_GIB);
  mem.poke(startup.start, startup.bytes);
  return startup;
}
