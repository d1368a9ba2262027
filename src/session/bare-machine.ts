// A nexe laid out exactly as a session lays it out (layout.ts) and a Machine at its entry state,
// without the runtime: for the interpreter's own tests and benchmarks, which bring a trampoline
// handler of their own. Sessions use enterProgram for the same entry state.
import { Machine, type TrampolineHandler } from '../cpu/machine.ts';
import { SandboxMemory } from '../cpu/memory.ts';
import { Program } from '../cpu/program.ts';
import type { Nexe } from '../elf/index.ts';
import { FOUR_GIB, TEXT_START, loadImage, placeStartupBlock, textImage, type Image } from './layout.ts';
import type { StartupBlock } from './startup-block.ts';

/** zerovm.md §8: registers zero, %rsp as right after a call, %rbp = %rsp, %rdi -> the startup block, %r15 = 0, rip = entry. */
export function enterProgram(machine: Machine, startup: StartupBlock, entry: number): void {
  const s = machine.state;
  s.R.fill(0);
  s.set64(4, startup.rsp, 0);
  s.set64(5, startup.rsp, 0);
  s.set64(7, startup.block, 0);
  s.set64(15, 0, 0); // the sandbox base: 0 in sandbox coordinates
  machine.setRip(entry);
}

export interface BareMachine {
  readonly machine: Machine;
  readonly memory: SandboxMemory;
  readonly image: Image;
  /** End of the text's last bundle (its hlt padding starts here). */
  readonly textEnd: number;
}

/** Loads `nexe` (no channels, the whole 4 GiB as its Memory, argv [""], no environment). Its text is not validated here. */
export function loadBareMachine(nexe: Nexe, handler: TrampolineHandler | null, memory = new SandboxMemory()): BareMachine {
  const text = textImage(nexe);
  const built = loadImage(memory, { nexe, text, channels: [], memoryBudget: FOUR_GIB });
  if (!built.ok) throw new Error(`cannot lay out the nexe: ${built.problem}`);
  const machine = new Machine(memory, new Program(text, TEXT_START), handler);
  enterProgram(machine, placeStartupBlock(memory, [''], []), nexe.entry);
  return { machine, memory, image: built.image, textEnd: nexe.text.vaddr + text.length };
}
