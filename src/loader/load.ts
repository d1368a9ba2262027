// A minimal loader: a parsed nexe -> a sandbox memory image and a machine at the entry point with
// the entry state of zerovm.md §8 (the full ZeroVM layout and manifest come with the runtime).
import type { Nexe, Segment } from '../elf/index.ts';
import { Machine, type TrampolineHandler } from '../cpu/machine.ts';
import { Perm, SandboxMemory } from '../cpu/memory.ts';
import { Program } from '../cpu/program.ts';
import {
  ARGV0, DEFAULT_STACK_SIZE, PAGE, SANDBOX_TOP, TEXT_START, TRAMPOLINE_START, USER_MANIFEST_POINTER, roundUp,
} from './layout.ts';

export interface LoadOptions {
  /** A sandbox to load into instead of a new one; its bytes must be all zero (e.g. from a pool). */
  memory?: SandboxMemory;
  stackSize?: number;
  handler?: TrampolineHandler;
}

export interface LoadedNexe {
  readonly machine: Machine;
  readonly memory: SandboxMemory;
  readonly program: Program;
  /** End of text (exclusive, bundle-aligned). */
  readonly textEnd: number;
  /** First byte after data+bss: where the heap starts. */
  readonly breakAddress: number;
  readonly stackTop: number;
}

const HLT = 0xf4;

function place(mem: SandboxMemory, seg: Segment): void {
  mem.poke(seg.vaddr, seg.bytes);
}

export function loadNexe(nexe: Nexe, options: LoadOptions = {}): LoadedNexe {
  // The 4 GiB buffer is committed lazily, so a new one costs only what is touched (but V8 may run a
  // GC for the external memory, so callers that load often can pass a zeroed pooled one).
  const mem = options.memory ?? new SandboxMemory();
  mem.perm.fill(Perm.None);
  const stackSize = options.stackSize ?? DEFAULT_STACK_SIZE;
  // Trampolines: control transfers there are trapped by the machine; the bytes are hlt.
  mem.u8.fill(HLT, TRAMPOLINE_START, TEXT_START);
  mem.protect(TRAMPOLINE_START, TEXT_START - TRAMPOLINE_START, Perm.RX);

  // Text, padded with hlt to its page end; only whole bundles are decoded.
  const text = nexe.text;
  const textEnd = roundUp(text.vaddr + text.memsz, 32);
  const textPageEnd = roundUp(textEnd, PAGE);
  mem.u8.fill(HLT, text.vaddr, textPageEnd);
  place(mem, text);
  mem.protect(text.vaddr, textPageEnd - text.vaddr, Perm.RX);
  const program = new Program(mem.u8.slice(TEXT_START, textEnd), TEXT_START);

  let end = textPageEnd;
  if (nexe.rodata) {
    place(mem, nexe.rodata);
    mem.protect(nexe.rodata.vaddr, nexe.rodata.memsz, Perm.R);
    end = roundUp(nexe.rodata.vaddr + nexe.rodata.memsz, PAGE);
  }
  let breakAddress = end;
  if (nexe.data) {
    place(mem, nexe.data); // bss is the zero tail of the (fresh) buffer
    breakAddress = nexe.data.vaddr + nexe.data.memsz;
    mem.protect(nexe.data.vaddr, nexe.data.memsz, Perm.RW);
  }
  // Heap: data end .. the user-manifest page (mapped RW up front, as ZeroVM does).
  const stackBottom = SANDBOX_TOP - stackSize;
  const sysData = stackBottom - PAGE;
  const heapStart = roundUp(breakAddress, PAGE);
  mem.protect(heapStart, sysData - heapStart, Perm.RW);
  mem.protect(stackBottom, stackSize, Perm.RW);

  // User manifest (read-only page): pointer at 0xFEFFFFFC to an empty manifest just below it.
  const manifest = USER_MANIFEST_POINTER - 20;
  const dv = mem.dv;
  dv.setUint32(USER_MANIFEST_POINTER, manifest, true);
  dv.setUint32(manifest, heapStart, true); // heap_ptr
  dv.setUint32(manifest + 4, sysData - heapStart, true); // heap_size
  dv.setUint32(manifest + 8, stackSize, true); // stack_size
  dv.setInt32(manifest + 12, 0, true); // channels_count
  dv.setUint32(manifest + 16, 0, true); // channels
  if (stackSize === DEFAULT_STACK_SIZE) mem.protect(sysData, PAGE, Perm.R);

  // Startup block at rsp+8: cleanup, envc, argc, argv[0], NULL, NULL (envp), AT_NULL auxv.
  const block = SANDBOX_TOP - 64;
  const words = [0, 0, 1, ARGV0, 0, 0, 0, 0];
  words.forEach((w, k) => dv.setUint32(block + 4 * k, w, true));
  mem.u8.fill(0, ARGV0, SANDBOX_TOP); // argv[0] = ""
  const machine = new Machine(mem, program, options.handler ?? null);
  const s = machine.state;
  s.R.fill(0);
  const rsp = block - 8;
  s.set64(4, rsp, 0); // rsp
  s.set64(5, rsp, 0); // rbp
  s.set64(7, block, 0); // rdi -> startup block
  s.set64(15, 0, 0); // r15: the sandbox base is 0 in sandbox coordinates
  machine.setRip(nexe.entry);
  return { machine, memory: mem, program, textEnd, breakAddress, stackTop: SANDBOX_TOP };
}
