// One ZeroVM session: a nexe, its channels and limits. run() validates the text with the interpreter's
// CPU profile, lays out ZeroVM's address space, starts at the ELF entry with the §8 entry state and
// runs in slices, yielding to the host between them, until the program exits, faults or hits a limit.
import type { Channel } from '../channels/channel.ts';
import { IMPLEMENTED_FEATURES } from '../cpu/cpuid.ts';
import { FaultKind, FaultSignal } from '../cpu/fault.ts';
import { Machine } from '../cpu/machine.ts';
import type { SandboxMemory } from '../cpu/memory.ts';
import { Program } from '../cpu/program.ts';
import type { RunResult } from '../cpu/run-result.ts';
import { parseNexe, type Nexe } from '../elf/index.ts';
import { Errno } from '../runtime/errno.ts';
import { EXIT_STATE, ExitStatus, formatReport } from '../runtime/report.ts';
import { memoryDigest, sessionReport } from '../runtime/session-report.ts';
import type { UserChannelRecord } from '../runtime/user-manifest.ts';
import { validateNexeText, type ValidationError } from '../validator/index.ts';
import { Zrt } from '../zrt/runtime.ts';
import type { ProgramCache } from './program-cache.ts';
import { defaultSandboxPool, trackedSandbox, type SandboxPool } from './sandbox-pool.ts';
import { enterProgram } from './bare-machine.ts';
import { faultExitState, guestFault, type GuestFault } from './faults.ts';
import { jailHooks } from './jail.ts';
import { FOUR_GIB, TEXT_START, loadImage, placeStartupBlock, textImage } from './layout.ts';
import { EXIT_STATE_INSTRUCTION_BUDGET, type SessionEnding, type SessionResult } from './result.ts';
import { SandboxView } from './sandbox-view.ts';
import { cancellableSleep, defaultTiming, type SessionTiming } from './timing.ts';
import { TrampolineHost, type Pending } from './trampolines.ts';
import { ZrtChannel } from './zrt-channel.ts';

/** Exact manifest limits of one channel (the user manifest records int64 values). */
export interface ExactLimits {
  gets: bigint;
  getSize: bigint;
  puts: bigint;
  putSize: bigint;
}

export interface SessionOptions {
  /** The manifest's Memory: user memory budget in bytes (default 4 GiB). */
  memory?: number;
  /** The manifest's Memory etag: report /dev/memory, a SHA-1 of the readable memory at the end. */
  memoryEtag?: boolean;
  /** The manifest's Timeout in seconds (wall clock; default none). */
  timeoutSeconds?: number;
  /** Deterministic limit on guest instructions (default none). */
  instructionBudget?: number;
  /** argv and envp of the startup block (default: nvram [args]/[env] through ZRT, else argv [""], env HOME=/). */
  args?: readonly string[];
  env?: readonly string[];
  /** zerovm -s: do not validate (validator state 2). */
  skipValidation?: boolean;
  /** zerovm -F: validate, then stop without running. */
  validateOnly?: boolean;
  /** The manifest's exact limits per channel, in handle order (default: the channels' own). */
  channelLimits?: readonly ExactLimits[];
  /** Serve slots 1..150 with ZRT (default true; false answers -ENOSYS there). */
  zrt?: boolean;
  /** nvram text for ZRT (default: the /dev/nvram channel, if any). */
  nvram?: string;
  seed?: number | string;
  /** Instructions per run slice between yields to the host (default: adapted so a slice takes ~10-30 ms). */
  sliceInstructions?: number;
  timing?: SessionTiming;
  /** Process CPU seconds (user, sys) for the report's accounting line; default: reported as 0. */
  cpuTime?: () => { user: number; sys: number };
  /** Close every channel when the session ends, as ZeroVM does (default true). */
  closeChannels?: boolean;
  /**
   * Take the 4 GiB sandbox from this pool and give it back on release() (default:
   * defaultSandboxPool); null: a new sandbox, left to the garbage collector after release().
   */
  pool?: SandboxPool | null;
  /** Reuse parsed ELFs, validator verdicts and decoded programs of identical bytes. */
  programCache?: ProgramCache;
}

/** Adaptive slices: start small, then keep each slice between these wall-clock bounds. */
const FIRST_SLICE = 1 << 16;
const MIN_SLICE = 1 << 12;
const MAX_SLICE = 1 << 24;
const SLICE_FAST_MS = 10;
const SLICE_SLOW_MS = 30;
const NVRAM_ALIAS = '/dev/nvram';
const INT64_MAX = 0x7fff_ffff_ffff_ffffn;
const TWO32 = 0x1_0000_0000;

const exactLimit = (n: number): bigint => (!Number.isFinite(n) || n >= 2 ** 63 ? INT64_MAX : BigInt(Math.max(0, Math.trunc(n))));

interface Ending {
  ending: SessionEnding;
  errno?: number;
  exitState?: string;
  fault?: GuestFault;
  /** The host exception behind a host-error ending. */
  cause?: unknown;
}

/** Channels in handle order, or a function that mounts them once the text has validated (ZeroVM mounts after validation). */
export type ChannelSource = readonly Channel[] | (() => readonly Channel[] | { errno: number; problem: string });

export class Session {
  readonly nexe: Nexe;
  /** The mounted channels (empty until run() mounts them when given as a function). */
  channels: readonly Channel[];
  private readonly mount: (() => readonly Channel[] | { errno: number; problem: string }) | undefined;
  /** Set once run() has laid out the sandbox (for inspection after the run). */
  machine: Machine | undefined;
  memory: SandboxMemory | undefined;
  private view: SandboxView | undefined;
  private host: TrampolineHost | undefined;
  private started = false;

  /** Throws ElfError when the bytes are not a loadable nexe. */
  constructor(program: Uint8Array | Nexe, channels: ChannelSource, readonly options: SessionOptions = {}) {
    this.nexe = program instanceof Uint8Array ? (options.programCache?.nexe(program) ?? parseNexe(program)) : program;
    this.channels = typeof channels === 'function' ? [] : channels;
    this.mount = typeof channels === 'function' ? channels : undefined;
  }

  async run(): Promise<SessionResult> {
    if (this.started) throw new Error('a Session runs once');
    this.started = true;
    const o = this.options;
    const timing = o.timing ?? defaultTiming;
    const t0 = timing.now();
    const cpu0 = o.cpuTime?.();
    const text = textImage(this.nexe);

    let validatorState: 0 | 1 | 2 = 2;
    let validationErrors: readonly ValidationError[] = [];
    let end: Ending;
    if (!o.skipValidation) {
      const validate = () => validateNexeText(text, { features: [...IMPLEMENTED_FEATURES] });
      const v = o.programCache ? o.programCache.validation(text, validate) : validate();
      validatorState = v.valid ? 0 : 1;
      validationErrors = v.errors;
    }
    if (validatorState === 1) end = { ending: 'validation-failed', errno: Errno.ENOEXEC, exitState: EXIT_STATE.validationFailed };
    else if (o.validateOnly) end = { ending: 'validated' };
    else end = await this.execute(text, timing, t0);

    return this.finish(end, { validatorState, validationErrors, timing, t0, cpu0 });
  }

  /** Drops the sandbox: back to the pool, or to the host once collected. Call after run() settles. */
  release(): void {
    if (this.memory) this.pool()?.release(this.memory);
    this.machine = undefined;
    this.memory = undefined;
    this.view = undefined;
  }

  private pool(): SandboxPool | undefined {
    return this.options.pool === undefined ? defaultSandboxPool : this.options.pool ?? undefined;
  }

  private setUp(text: Uint8Array): Ending | Machine {
    const o = this.options;
    if (this.mount) {
      const mounted = this.mount();
      if ('errno' in mounted) return { ending: 'setup-failed', errno: mounted.errno, exitState: mounted.problem };
      this.channels = mounted;
    }
    const mem = this.pool()?.acquire() ?? trackedSandbox();
    this.memory = mem;
    const records: UserChannelRecord[] = this.channels.map((c, i) => {
      const l = o.channelLimits?.[i];
      const limits = l ?? { gets: exactLimit(c.limits.gets), getSize: exactLimit(c.limits.getSize), puts: exactLimit(c.limits.puts), putSize: exactLimit(c.limits.putSize) };
      return { alias: c.alias, type: c.type, limits, size: c.size };
    });
    const built = loadImage(mem, { nexe: this.nexe, text, channels: records, memoryBudget: o.memory ?? FOUR_GIB });
    if (!built.ok) return { ending: 'setup-failed', errno: built.errno, exitState: built.problem };
    const image = built.image;
    const view = new SandboxView(mem, image.breakAddress, image.heapLimit);

    // ZRT is built on the first NaCl call, or now when nvram configures it (args, env, mounts).
    const makeZrt = (): Zrt => new Zrt({
      channels: this.channels.map((c) => new ZrtChannel(c)),
      heap: { start: image.breakAddress, end: image.heapLimit },
      nvram: o.nvram,
      seed: o.seed,
    });
    let zrt: Zrt | undefined;
    if (o.zrt !== false && (o.nvram !== undefined || this.channels.some((c) => c.alias === NVRAM_ALIAS))) {
      try {
        zrt = makeZrt();
      } catch (e) {
        return { ending: 'setup-failed', errno: Errno.EFAULT, exitState: `ZRT set-up failed: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    const argv = o.args ?? (zrt && zrt.argv.length > 0 ? zrt.argv : ['']);
    // Without nvram ZRT's environment is just HOME=/ (it sets HOME when nvram does not).
    const envp = o.env ?? zrt?.envp ?? ['HOME=/'];
    const startup = placeStartupBlock(mem, argv, envp);

    // Jail blocks start in ZeroVM's Heap region: data + bss + heap (src/session/jail.ts).
    const jail = jailHooks(mem, { start: this.nexe.data?.vaddr ?? image.breakAddress, end: image.heapLimit }, () => machine.code);
    const host = new TrampolineHost(view, this.channels, o.zrt === false ? undefined : () => (zrt ??= makeZrt()), jail);
    const program = o.programCache?.program(text, TEXT_START) ?? new Program(text, TEXT_START);
    const machine = new Machine(mem, program, host.handler);
    enterProgram(machine, startup, this.nexe.entry);
    this.view = view;
    this.host = host;
    this.machine = machine;
    return machine;
  }

  private async execute(text: Uint8Array, timing: SessionTiming, t0: number): Promise<Ending> {
    const o = this.options;
    const ready = this.setUp(text);
    if (!(ready instanceof Machine)) return ready;
    const m = ready;
    const host = this.host!;
    const deadline = o.timeoutSeconds !== undefined ? t0 + o.timeoutSeconds * 1000 : Infinity;
    let slice = o.sliceInstructions ?? FIRST_SLICE;
    const adapt = o.sliceInstructions === undefined;
    const hostError = (e: unknown): Ending => ({ ending: 'host-error', errno: Errno.EIO, exitState: `host I/O error: ${e instanceof Error ? e.message : String(e)}`, cause: e });
    const timeout: Ending = { ending: 'timeout', errno: Errno.EINTR, exitState: EXIT_STATE.timeout };
    const outOfBudget: Ending = { ending: 'instruction-budget', errno: Errno.EINTR, exitState: EXIT_STATE_INSTRUCTION_BUDGET };

    for (;;) {
      let budget = slice;
      if (o.instructionBudget !== undefined) {
        const left = o.instructionBudget - m.state.icount;
        if (left <= 0) return outOfBudget;
        budget = Math.min(budget, left);
      }
      let r: RunResult;
      const sliceStart = timing.now();
      try {
        r = m.run(budget);
      } catch (e) {
        return hostError(e);
      }
      if (adapt && r.kind === 'budget-exhausted') {
        // Slice length changes only when the host yields, never what the guest computes.
        const ms = timing.now() - sliceStart;
        if (ms < SLICE_FAST_MS) slice = Math.min(MAX_SLICE, slice * 2);
        else if (ms > SLICE_SLOW_MS) slice = Math.max(MIN_SLICE, slice >> 1);
      }
      if (r.kind === 'fault') return this.faulted(r.fault);
      if (r.kind === 'exited') {
        if (host.userExit !== undefined) return { ending: 'exit' };
        const pending = host.pending;
        host.pending = undefined;
        if (pending === undefined) return hostError(new Error('the run stopped without an exit'));
        let settled: { value: unknown } | 'timeout';
        try {
          settled = await this.wait(pending, deadline, timing);
        } catch (e) {
          return hostError(e);
        }
        if (settled === 'timeout') return timeout;
        const resumed = this.resume(m, pending, settled.value);
        if (resumed !== undefined) return resumed;
        continue;
      }
      if (timing.now() >= deadline) return timeout;
      await timing.yieldToHost();
      if (timing.now() >= deadline) return timeout;
    }
  }

  /** Awaits a blocked call, or the deadline, whichever comes first. */
  private async wait(pending: Pending, deadline: number, timing: SessionTiming): Promise<{ value: unknown } | 'timeout'> {
    const work = pending.kind === 'complete' ? pending.result : pending.ready;
    const wrapped = work.then((value) => ({ value }));
    if (deadline === Infinity) return wrapped;
    const left = deadline - timing.now();
    if (left <= 0) return 'timeout';
    const timer = cancellableSleep(left);
    try {
      return await Promise.race([wrapped, timer.done.then(() => 'timeout' as const)]);
    } finally {
      timer.cancel();
    }
  }

  /** Finishes a call that waited; an Ending when the session is over. */
  private resume(m: Machine, pending: Pending, value: unknown): Ending | undefined {
    const host = this.host!;
    if (pending.kind === 'retry') {
      m.setRip(m.state.rip); // the trampoline address: the same call runs again
      return undefined;
    }
    if (host.finishTrap(m, value as number | { exit: number })) return { ending: 'exit' };
    // Return as the trampoline's ret would.
    const at = m.state.rip;
    try {
      const lo = m.pop64() >>> 0;
      const hi = m.state.outHi;
      if (hi !== 0) return this.faulted({ kind: FaultKind.BadJumpTarget, address: TWO32 * (hi >>> 0) + lo, rip: at });
      m.setRip(lo);
    } catch (e) {
      if (e instanceof FaultSignal) return this.faulted({ kind: e.kind, address: e.address, rip: at });
      throw e;
    }
    return undefined;
  }

  private faulted(f: { kind: GuestFault['kind']; address: number; rip: number }): Ending {
    const fault = guestFault(f);
    return { ending: 'fault', errno: Errno.EINTR, exitState: faultExitState(fault), fault };
  }

  private async finish(
    end: Ending,
    ctx: { validatorState: 0 | 1 | 2; validationErrors: readonly ValidationError[]; timing: SessionTiming; t0: number; cpu0?: { user: number; sys: number } },
  ): Promise<SessionResult> {
    const o = this.options;
    const status = new ExitStatus();
    if (end.errno !== undefined) status.fail(end.errno, end.exitState ?? EXIT_STATE.unknown);
    else status.programExited();
    if (o.closeChannels !== false) {
      for (const c of this.channels) {
        try {
          await c.close();
        } catch (e) {
          status.fail(Errno.EIO, `host I/O error closing ${c.alias}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    // Channels take part in the report once mounted and the program loaded.
    const ran = this.machine !== undefined;
    const memoryEtag = o.memoryEtag && this.view ? memoryDigest(this.view.readableRegions()) : undefined;
    const cpu1 = o.cpuTime?.();
    const userCode = this.host?.userExit ?? 0;
    const report = sessionReport({
      channels: ran ? this.channels : [],
      validatorState: ctx.validatorState,
      userCode,
      exitState: status.exitState,
      memoryDigest: memoryEtag,
      userTime: ctx.cpu0 && cpu1 ? Math.max(0, cpu1.user - ctx.cpu0.user) : 0,
      sysTime: ctx.cpu0 && cpu1 ? Math.max(0, cpu1.sys - ctx.cpu0.sys) : 0,
    });
    return {
      ending: end.ending,
      status: status.code,
      report,
      reportText: formatReport(report),
      validatorState: ctx.validatorState,
      validationErrors: ctx.validationErrors,
      userCode,
      exitState: status.exitState,
      instructions: this.machine?.state.icount ?? 0,
      fault: end.fault,
      hostError: end.cause,
      elapsedMs: ctx.timing.now() - ctx.t0,
    };
  }
}
