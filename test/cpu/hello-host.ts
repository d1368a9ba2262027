// A tiny host for the two "hello" ABIs, enough to run the fixtures on the bare interpreter:
// ZeroVM trap slot 0 (Writ, Exit) and the NaCl slots 13 (write) and 30 (exit).
import type { Machine, TrampolineHandler } from '../../src/cpu/machine.ts';

const TRAP_WRITE = 0x74697257; // "Writ"
const TRAP_EXIT = 0x74697845; // "Exit"
const EPERM = 1, EBADF = 9, ENOSYS = 38;

export interface HelloHost {
  readonly handler: TrampolineHandler;
  /** Bytes written to handles/fds 1 and 2, in order. */
  readonly stdout: number[];
  readonly stderr: number[];
}

function setResult(m: Machine, v: number): void {
  m.state.set64(0, v | 0, v < 0 ? -1 : 0);
}

export function helloHost(): HelloHost {
  const stdout: number[] = [];
  const stderr: number[] = [];
  const write = (m: Machine, fd: number, buf: number, size: number): number => {
    if (fd !== 1 && fd !== 2) return -EBADF;
    const bytes = m.mem.readBytes(buf, size);
    (fd === 1 ? stdout : stderr).push(...bytes);
    return size;
  };
  const handler: TrampolineHandler = (slot, m) => {
    const s = m.state;
    if (slot === 0) {
      const args = s.getLo(7) >>> 0;
      const id = m.mem.read32(args);
      const arg = (k: number): number => m.mem.read32(args + 16 + 8 * k) >>> 0;
      if (id === TRAP_WRITE) setResult(m, write(m, arg(0), arg(1), arg(2)));
      else if (id === TRAP_EXIT) m.exit(m.mem.read32(args + 16));
      else setResult(m, -EPERM);
      return;
    }
    if (slot === 13) setResult(m, write(m, s.getLo(7), s.getLo(6) >>> 0, s.getLo(2) >>> 0));
    else if (slot === 30) m.exit(s.getLo(7));
    else setResult(m, -ENOSYS);
  };
  return { handler, stdout, stderr };
}
