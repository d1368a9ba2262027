// TrapJail / TrapUnjail for a session (dynamic code: how JITs run under ZeroVM). A block is
// validated as a chunk at its own address with the same CPU profile and determinism policy as the
// text, then made read+exec and decoded for the interpreter; Unjail makes it read+write and drops
// its decoded instructions. The argument rules live in src/runtime/zerovm-trap.ts.
// Pages are this interpreter's 64 KiB ones (ZeroVM's mprotect works on 4 KiB host pages): the
// whole last page of a block changes protection, but only the validated bytes ever run.
// From ZeroVM: the region is its mem_map "Heap" entry, which src/loader/sel_addrspace.c starts at the
// data segment and src/main/setup.c extends by the heap; Jail calls the validator directly (not the
// wrapper that honours -s), so the session's skipValidation does not skip it here either.
import { IMPLEMENTED_FEATURES } from '../cpu/cpuid.ts';
import type { DynamicCode } from '../cpu/dynamic-code.ts';
import { Perm, type SandboxMemory } from '../cpu/memory.ts';
import type { JailHooks } from '../runtime/zerovm-trap.ts';
import { validateChunk } from '../validator/index.ts';

export interface JailRegion {
  /** ZeroVM's "Heap" region: from the data segment's start (the break when there is none) ... */
  start: number;
  /** ... to the end of the mapped heap. */
  end: number;
}

/** `code` is the machine's registry, looked up late (the machine is built after the trap host). */
export function jailHooks(memory: SandboxMemory, region: JailRegion, code: () => DynamicCode): JailHooks {
  const features = [...IMPLEMENTED_FEATURES];
  return {
    heapStart: region.start,
    heapEnd: region.end,
    // The block starts on a 64 KiB boundary, so its offsets are bundle-true: direct jumps that leave
    // it must land on a bundle start, the validator's rule for targets outside the chunk.
    validate: (_addr, bytes) => validateChunk(bytes, { features, verdictOnly: true }).valid,
    protect(addr, size, to) {
      if (addr < region.start || addr + size > region.end) return false;
      if (to === 'rx') {
        memory.protect(addr, size, Perm.RX);
        code().add(addr, size);
      } else {
        code().release(addr, size);
        memory.protect(addr, size, Perm.RW);
      }
      return true;
    },
  };
}
