// The interpreter: a switch over predecoded struct-of-arrays records (decode-once), lazy flags,
// checked sandbox memory, trampolines into the host and an instruction budget.
import { add, alu, AluOp, dec, inc, neg, sub } from './alu.ts';
import { bswap16, bswap32, crc32c, highestBit, lowestBit, popcount } from './bitops.ts';
import { cpuid } from './cpuid.ts';
import { FaultKind, FaultSignal, fault, type Fault } from './fault.ts';
import { cond, materialize, parity, setLazy, setStatusFlags, statusFlags, ultAt } from './flags.ts';
import type { SandboxMemory } from './memory.ts';
import { divAcc, imulTrunc, mulAcc } from './muldiv.ts';
import { DynamicCode } from './dynamic-code.ts';
import { IF, Loc, type Program } from './program.ts';
import { TRAMPOLINE_END, TRAMPOLINE_SLOT_SHIFT, TRAMPOLINE_START, type RunResult } from './run-result.ts';
import { shift, shiftDouble, ShiftOp } from './shift.ts';
import { CpuState, LazyKind } from './state.ts';
import { stringOp } from './strings.ts';
import { K } from './kinds.ts';
import { warmUpOnce } from './warm-up.ts';
import { SimdFaultKind, SimdFaultSignal, SimdUnit, execSimd, type SimdHost } from '../simd/index.ts';

/** Host side of the trampoline region: slot = (address - 0x10000) >> 5. */
export type TrampolineHandler = (slot: number, m: Machine) => void;

const TWO32 = 4294967296;
const RSP = 4;
/** Special instruction index: control went to the trampoline region. */
const AT_TRAMPOLINE = -3;
/** Special instruction index: control went to another Program (text <-> jailed code); the index
 * there is in `switchIp`. exec() returns at once so that its cached arrays are reloaded. */
const AT_SWITCH = -4;
const SLICE = 2 ** 30;
/**
 * The warm-up (src/cpu/warm-up.ts) costs 40-70 ms in a cold process, far too much for a short run
 * (zvm exec hello), and a process's first program needs none (exec is optimized for what it runs).
 * So it runs before the first run() of a process's second machine, once the machines before have
 * retired WARM_UP_AFTER guest instructions (so exec has been hot): only a process that goes on to
 * other programs after real work pays for it, and it is what such a process needs.
 */
const WARM_UP_AFTER = 2 ** 16;
let warmedUp = false;
/** Instructions retired by the process's machines, counted after each run() until the warm-up. */
let retired = 0;
/** Machines that have run, until the warm-up. */
let machinesRun = 0;
const makeMachine = (mem: SandboxMemory, text: Program, handler: TrampolineHandler): Machine => new Machine(mem, text, handler);

export class Machine {
  readonly state: CpuState;
  /** Index of the next instruction to execute. */
  private ip = 0;
  private switchIp = 0;
  /** The Program being executed: the text, or a block of jailed code (set by the machine only). */
  program: Program;
  /** Code jailed at run time (TrapJail), entered only while its pages are executable. */
  readonly code: DynamicCode;
  /** Set by exit(); ends the run after the current instruction or handler. */
  private exitCode: number | null = null;
  private readonly cpuidOut = new Int32Array(4);
  /** Target address of the last control transfer into the trampoline region. */
  private trampolineAddr = 0;
  /** Instructions retired in the current slice before the one executing (for rdtsc). */
  private retiredInSlice = 0;
  /** This machine's instructions already added to `retired`, and whether it has run (for the warm-up's trigger). */
  private counted = 0;
  private hasRun = false;
  /** MMX/XMM/x87 registers and control words. */
  readonly simd = new SimdUnit();
  /** What the SIMD executors see of this machine: GPRs, sandbox memory, status flags. */
  private readonly simdHost: SimdHost;

  constructor(
    readonly mem: SandboxMemory,
    /** The validated text (immutable, read+exec). */
    readonly text: Program,
    public handler: TrampolineHandler | null = null,
  ) {
    this.program = text;
    this.code = new DynamicCode(mem);
    this.state = new CpuState(mem);
    const c = this.state;
    this.simdHost = {
      R: c.R, mem,
      getFlags: () => statusFlags(c),
      setFlags: (flags: number) => setStatusFlags(c, flags),
    };
  }

  /** Sets rip (must be an instruction start in text or jailed code, else the next run faults). */
  setRip(address: number): void {
    this.program = this.text;
    this.ip = this.text.indexOf(address);
    if (this.ip < 0) {
      const p = this.code.find(address);
      if (p !== undefined) {
        this.program = p;
        this.ip = this.code.index;
      }
    }
    this.state.rip = address;
    if (this.ip < 0) this.trampolineAddr = address;
  }
  /** Called by a trampoline handler to end the run with exited(code). */
  exit(code: number): void {
    this.exitCode = code;
  }

  /** Runs at most `budget` instructions. */
  run(budget: number): RunResult {
    if (warmedUp) return this.runSlices(budget);
    if (!this.hasRun) {
      this.hasRun = true;
      machinesRun++;
      if (machinesRun > 1 && retired >= WARM_UP_AFTER) {
        warmedUp = true;
        warmUpOnce(makeMachine);
      }
    }
    const r = this.runSlices(budget);
    retired += this.state.icount - this.counted;
    this.counted = this.state.icount;
    return r;
  }

  private runSlices(budget: number): RunResult {
    const c = this.state;
    let left = budget;
    this.exitCode = null;
    if (this.ip < 0) {
      this.ip = AT_TRAMPOLINE;
      this.trampolineAddr = c.rip;
    }
    for (;;) {
      // a loop, not recursion: a trampoline may "return" into another trampoline
      while (this.ip === AT_TRAMPOLINE) {
        const r = this.enterTrampoline(this.trampolineAddr);
        if (r !== null) return r;
      }
      if (left <= 0) break;
      try {
        // slices of at most 2^30 keep the hot loop's counter a small integer
        const slice = left > SLICE ? SLICE : left;
        left = left - slice + this.exec(slice);
        if (this.ip === AT_SWITCH) this.ip = this.switchIp;
      } catch (e) {
        const rip = this.program.addr[this.ip];
        if (e instanceof SimdFaultSignal) {
          c.rip = rip;
          const kind = e.kind === SimdFaultKind.SimdFloatingPoint ? FaultKind.SimdFloatingPoint : FaultKind.X87FloatingPoint;
          return { kind: 'fault', fault: { kind, address: rip, rip } };
        }
        if (!(e instanceof FaultSignal)) throw e;
        c.rip = rip;
        const instr = e.kind === FaultKind.Divide || e.kind === FaultKind.InvalidOpcode ||
          e.kind === FaultKind.Halt || e.kind === FaultKind.GeneralProtection;
        const f: Fault = { kind: e.kind, address: instr ? rip : e.address, rip };
        return { kind: 'fault', fault: f };
      }
      if (this.ip !== AT_TRAMPOLINE && left <= 0) break;
    }
    if (this.ip >= 0) c.rip = this.program.addr[this.ip];
    return { kind: 'budget-exhausted' };
  }

  /** Calls the host for a trampoline slot, then returns as the trampoline's `ret` would. */
  private enterTrampoline(address: number): RunResult | null {
    const c = this.state;
    c.rip = address;
    if (address < TRAMPOLINE_START || address >= TRAMPOLINE_END) {
      return { kind: 'fault', fault: { kind: FaultKind.BadJumpTarget, address, rip: address } };
    }
    if (this.handler === null) {
      return { kind: 'fault', fault: { kind: FaultKind.NoHandler, address, rip: address } };
    }
    try {
      this.handler((address - TRAMPOLINE_START) >> TRAMPOLINE_SLOT_SHIFT, this);
      if (this.exitCode !== null) return { kind: 'exited', code: this.exitCode };
      const ret = this.pop64();
      this.jumpTo(ret, c.outHi);
      if (this.ip === AT_SWITCH) this.ip = this.switchIp;
      c.rip = this.ip === AT_TRAMPOLINE ? this.trampolineAddr : this.program.addr[this.ip];
      return null;
    } catch (e) {
      if (!(e instanceof FaultSignal)) throw e;
      return { kind: 'fault', fault: { kind: e.kind, address: e.address, rip: address } };
    }
  }

  /** Control transfer to a direct branch target outside the current Program (text, trampolines, jailed code, or a fault). */
  private jumpToAddr(t: number): void {
    if (t >= 0 && t < TWO32) this.jumpTo(t | 0, 0);
    else fault(FaultKind.BadJumpTarget, t);
  }

  /**
   * Control transfer to lo/hi: sets ip to an instruction index (AT_SWITCH when it is in another
   * Program) or AT_TRAMPOLINE; faults otherwise. Jailed code is looked up on every entry, also from
   * inside its own block, since a host call may have taken its pages' X away.
   */
  private jumpTo(lo: number, hi: number): void {
    const a = lo >>> 0;
    if (hi === 0) {
      const idx = this.text.indexOf(a);
      if (idx >= 0) {
        if (this.program === this.text) this.ip = idx;
        else this.enter(this.text, idx);
        return;
      }
      if (a >= TRAMPOLINE_START && a < TRAMPOLINE_END) {
        this.trampolineAddr = a;
        this.ip = AT_TRAMPOLINE;
        return;
      }
      const p = this.code.find(a);
      if (p !== undefined) { this.enter(p, this.code.index); return; }
    }
    fault(FaultKind.BadJumpTarget, hi === 0 ? a : TWO32 * (hi >>> 0) + a);
  }

  private enter(p: Program, index: number): void {
    if (p === this.program) { this.ip = index; return; }
    this.program = p;
    this.switchIp = index;
    this.ip = AT_SWITCH;
  }

  /** Current stack pointer as a sandbox address (>= 2^32 when rsp is outside the sandbox). */
  private sp(): number {
    const R = this.state.R;
    return R[2 * RSP + 1] === 0 ? R[2 * RSP] >>> 0 : TWO32 * (R[2 * RSP + 1] >>> 0) + (R[2 * RSP] >>> 0);
  }
  private addSp(delta: number): void {
    const R = this.state.R;
    const s = (R[2 * RSP] >>> 0) + delta;
    R[2 * RSP] = s | 0;
    if (s < 0) R[2 * RSP + 1] = (R[2 * RSP + 1] - 1) | 0;
    else if (s >= TWO32) R[2 * RSP + 1] = (R[2 * RSP + 1] + 1) | 0;
  }
  push64(lo: number, hi: number): void {
    const R = this.state.R;
    if (R[2 * RSP + 1] === 0 && (R[2 * RSP] >>> 0) >= 8) { // the usual case: no carry into the high half
      const s = (R[2 * RSP] >>> 0) - 8;
      this.mem.write64(s, lo, hi);
      R[2 * RSP] = s;
      return;
    }
    const a = this.sp() - 8;
    this.mem.write64(a < 0 ? TWO32 : a, lo, hi);
    this.addSp(-8);
  }
  /** Pops 8 bytes; returns the low half, the high half in state.outHi. */
  pop64(): number {
    const R = this.state.R;
    if (R[2 * RSP + 1] === 0 && (R[2 * RSP] >>> 0) <= 0xfffffff7) { // the usual case: no carry
      const s = R[2 * RSP] >>> 0;
      const v = this.mem.read64(s);
      this.state.outHi = this.mem.hi;
      R[2 * RSP] = s + 8;
      return v;
    }
    const lo = this.mem.read64(this.sp());
    this.state.outHi = this.mem.hi;
    this.addSp(8);
    return lo;
  }

  /** Effective address of instruction i's memory operand (>= 2^32 when outside the sandbox). */
  private ea(i: number): number {
    const P = this.program, R = this.state.R;
    let s = P.memDisp[i];
    let h = 0;
    const b = P.memBase[i];
    if (b >= 0) { s += R[2 * b] >>> 0; h = R[2 * b + 1]; }
    const x = P.memIndex[i];
    if (x >= 0) { const sc = P.memScale[i]; s += (R[2 * x] >>> 0) * sc; h += R[2 * x + 1] * sc; }
    if (P.flags[i] & IF.Addr32) return s >>> 0;
    if (h === 0 && s >= 0 && s < TWO32) return s;
    const carry = Math.floor(s / TWO32);
    const hi = (h + carry) | 0;
    const lo = s - carry * TWO32;
    return hi === 0 ? lo : TWO32 * ((hi >>> 0) || 1) + lo;
  }
  /**
   * ea() with the common case first: no address-size prefix (guaranteed by the Load/Store kinds)
   * and zero high halves in base and index (always so for validated r15-based operands), where
   * the sum is exact in a double and one range test suffices.
   */
  private eaQuick(i: number): number {
    const P = this.program, R = this.state.R;
    let s = P.memDisp[i];
    let h = 0;
    const b = P.memBase[i];
    if (b >= 0) { s += R[2 * b] >>> 0; h = R[2 * b + 1]; }
    const x = P.memIndex[i];
    if (x >= 0) { s += (R[2 * x] >>> 0) * P.memScale[i]; h |= R[2 * x + 1]; }
    return h === 0 && s >= 0 && s < TWO32 ? s : this.ea(i);
  }
  /** lea: the full 64-bit effective address, low half returned, high half in outHi. */
  private leaAddr(i: number): number {
    const P = this.program, c = this.state, R = c.R;
    let s = P.memDisp[i];
    let h = 0;
    const b = P.memBase[i];
    if (b >= 0) { s += R[2 * b] >>> 0; h = R[2 * b + 1]; }
    const x = P.memIndex[i];
    if (x >= 0) { const sc = P.memScale[i]; s += (R[2 * x] >>> 0) * sc; h += R[2 * x + 1] * sc; }
    const carry = Math.floor(s / TWO32);
    c.outHi = P.flags[i] & IF.Addr32 ? 0 : (h + carry) | 0;
    return (s - carry * TWO32) | 0;
  }

  /** Reads operand slot k of instruction i (memory at address a); high half in outHi. */
  private rd(i: number, k: number, a: number): number {
    const P = this.program, c = this.state;
    const j = 3 * i + k;
    const w = P.locW[j];
    switch (P.locT[j]) {
      case Loc.Reg: {
        const r = P.locR[j];
        switch (w) {
          case 64: c.outHi = c.R[2 * r + 1]; return c.R[2 * r];
          case 32: c.outHi = 0; return c.R[2 * r];
          case 16: c.outHi = 0; return c.U16[4 * r];
          default: c.outHi = 0; return c.U8[r];
        }
      }
      case Loc.Mem: {
        const m = this.mem;
        switch (w) {
          case 64: { const lo = m.read64(a); c.outHi = m.hi; return lo; }
          case 32: c.outHi = 0; return m.read32(a);
          case 16: c.outHi = 0; return m.read16(a);
          default: c.outHi = 0; return m.read8(a);
        }
      }
      default:
        c.outHi = P.immHi[i];
        return P.immLo[i];
    }
  }
  /** Writes operand slot k of instruction i. 32-bit register writes zero the high half. */
  private wr(i: number, k: number, a: number, lo: number, hi: number): void {
    const P = this.program, c = this.state;
    const j = 3 * i + k;
    const w = P.locW[j];
    if (P.locT[j] === Loc.Reg) {
      const r = P.locR[j];
      switch (w) {
        case 64: c.R[2 * r] = lo; c.R[2 * r + 1] = hi; return;
        case 32: c.R[2 * r] = lo; c.R[2 * r + 1] = 0; return;
        case 16: c.U16[4 * r] = lo; return;
        default: c.U8[r] = lo; return;
      }
    }
    const m = this.mem;
    switch (w) {
      case 64: m.write64(a, lo, hi); return;
      case 32: m.write32(a, lo); return;
      case 16: m.write16(a, lo); return;
      default: m.write8(a, lo);
    }
  }

  /** Executes until the budget runs out or control leaves text; returns the budget left. */
  private exec(budget: number): number {
    const P = this.program, c = this.state, R = c.R;
    const kinds = P.kind, subs = P.sub, locT = P.locT, locW = P.locW, locR = P.locR;
    const immLo = P.immLo, immHi = P.immHi, target = P.target, targetAddr = P.targetAddr;
    const memBase = P.memBase, memIndex = P.memIndex, memShift = P.memShift, memDisp32 = P.memDisp32, nopRun = P.nopRun;
    // `| 0` (here and on execRare's result) keeps i and left int32 in the optimized loop: a value
    // of unknown type (a parameter, a call's result) reaching their loop phis makes V8 keep them as
    // tagged Smis, with a tag check, untag and retag in every dispatch (~15 more host instructions
    // per dispatch once exec has feedback for the cases that call execRare).
    // Named constants are written here as literals with the name in a comment (checked by
    // test/cpu/exec-literals.test.ts): `AluOp.Sub` is a load from an imported object (module cell,
    // hole, Smi and map checks: ~10 host instructions) on every dispatch that tests it.
    let i = this.ip;
    let left = budget | 0;
    try {
      while (left > 0) {
        left--;
        const kind = kinds[i];
        // Case labels are number literals (the K name in a comment; test/cpu/kind-literals.test.ts
        // checks them): only a switch over literals becomes a jump table, names compile to a chain
        // of comparisons that every dispatch walks.
        switch (kind) {
          case 62 /* K.Alu32RR */: case 63 /* K.Alu32RI */: {
            const j = 3 * i;
            const d = locR[j];
            const b = kind === 62 /* K.Alu32RR */ ? R[2 * locR[j + 1]] : immLo[i];
            const op = subs[i];
            const a = R[2 * d];
            if (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) {
              const r = (a - b) | 0;
              setLazy(c, 3 /* LazyKind.Sub */, 32, a, 0, b, 0, r, 0);
              if (op === 5 /* AluOp.Sub */) { R[2 * d] = r; R[2 * d + 1] = 0; }
            } else if (op === 0 /* AluOp.Add */) {
              const r = (a + b) | 0;
              setLazy(c, 1 /* LazyKind.Add */, 32, a, 0, b, 0, r, 0);
              R[2 * d] = r; R[2 * d + 1] = 0;
            } else {
              const r = alu(c, op, 32, a, 0, b, 0);
              if (op !== 8 /* AluOp.Test */) { R[2 * d] = r; R[2 * d + 1] = 0; }
            }
            i++;
            break;
          }
          case 82 /* K.AluJcc32 */: case 107 /* K.AluJcc32L */: {
            const j = 3 * i;
            const d = locR[j];
            const a = R[2 * d];
            const b = locT[j + 1] === 1 /* Loc.Reg */ ? R[2 * locR[j + 1]] : immLo[i];
            const op = subs[i];
            if (left === 0) { // the budget ends between the pair: run the first alone, with flags
              const r = alu(c, op, 32, a, 0, b, 0);
              if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) { R[2 * d] = r; R[2 * d + 1] = 0; }
              i++;
              break;
            }
            left--;
            if (kind === 107 /* K.AluJcc32L */) alu(c, op, 32, a, 0, b, 0); // records the live flags
            let r: number;
            switch (op) {
              case 5 /* AluOp.Sub */: r = (a - b) | 0; R[2 * d] = r; R[2 * d + 1] = 0; break;
              case 7 /* AluOp.Cmp */: r = (a - b) | 0; break;
              case 4 /* AluOp.And */: r = a & b; R[2 * d] = r; R[2 * d + 1] = 0; break;
              case 8 /* AluOp.Test */: r = a & b; break;
              case 0 /* AluOp.Add */: r = (a + b) | 0; R[2 * d] = r; R[2 * d + 1] = 0; break;
              case 1 /* AluOp.Or */: r = a | b; R[2 * d] = r; R[2 * d + 1] = 0; break;
              default: r = a ^ b; R[2 * d] = r; R[2 * d + 1] = 0;
            }
            const cc = subs[i + 1];
            let taken: boolean;
            switch (cc >> 1) {
              case 0: taken = (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) && ((a ^ b) & (a ^ r)) < 0; break;
              case 1: taken = (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) && a >>> 0 < b >>> 0; break;
              case 2: taken = r === 0; break;
              case 3: taken = (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) ? a >>> 0 <= b >>> 0 : r === 0; break;
              case 4: taken = r < 0; break;
              case 5: taken = parity(r) === 1; break;
              case 6: taken = (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) ? a < b : r < 0; break;
              default: taken = (op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */) ? a <= b : r <= 0;
            }
            if ((cc & 1) !== 0) taken = !taken;
            if (taken) {
              const t = target[i + 1];
              if (t < 0) { i++; this.ip = i; this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
              else i = t;
            } else i += 2;
            break;
          }
          case 83 /* K.AluJcc64 */: case 108 /* K.AluJcc64L */: {
            const j = 3 * i;
            const d = locR[j];
            const aLo = R[2 * d], aHi = R[2 * d + 1];
            let bLo: number, bHi: number;
            if (locT[j + 1] === 1 /* Loc.Reg */) { const s = locR[j + 1]; bLo = R[2 * s]; bHi = R[2 * s + 1]; }
            else { bLo = immLo[i]; bHi = immHi[i]; }
            const op = subs[i];
            if (left === 0) {
              const r = alu(c, op, 64, aLo, aHi, bLo, bHi);
              if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) { R[2 * d] = r; R[2 * d + 1] = c.outHi; }
              i++;
              break;
            }
            left--;
            if (kind === 108 /* K.AluJcc64L */) alu(c, op, 64, aLo, aHi, bLo, bHi); // records the live flags
            const isSub = op === 5 /* AluOp.Sub */ || op === 7 /* AluOp.Cmp */;
            let rLo: number, rHi: number;
            if (isSub) {
              rLo = (aLo - bLo) | 0;
              rHi = (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
            } else { rLo = aLo & bLo; rHi = aHi & bHi; }
            if (op === 5 /* AluOp.Sub */ || op === 4 /* AluOp.And */) { R[2 * d] = rLo; R[2 * d + 1] = rHi; }
            const cc = subs[i + 1];
            let taken: boolean;
            switch (cc >> 1) {
              case 0: taken = isSub && ((aHi ^ bHi) & (aHi ^ rHi)) < 0; break;
              case 1: taken = isSub && ultAt(64, aLo, aHi, bLo, bHi); break;
              case 2: taken = (rLo | rHi) === 0; break;
              case 3: taken = isSub ? !ultAt(64, bLo, bHi, aLo, aHi) : (rLo | rHi) === 0; break;
              case 4: taken = rHi < 0; break;
              case 5: taken = parity(rLo) === 1; break;
              case 6: taken = isSub ? aHi < bHi || (aHi === bHi && aLo >>> 0 < bLo >>> 0) : rHi < 0; break;
              default: taken = isSub ? aHi < bHi || (aHi === bHi && aLo >>> 0 <= bLo >>> 0) : rHi < 0 || (rLo | rHi) === 0;
            }
            if ((cc & 1) !== 0) taken = !taken;
            if (taken) {
              const t = target[i + 1];
              if (t < 0) { i++; this.ip = i; this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
              else i = t;
            } else i += 2;
            break;
          }
          case 84 /* K.IncDecJcc32 */: case 85 /* K.IncDecJcc64 */: {
            const d = locR[3 * i];
            const delta = subs[i] === 1 ? 1 : -1;
            const w64 = kind === 85 /* K.IncDecJcc64 */;
            const lo = R[2 * d];
            if (left === 0) {
              const r = delta === 1 ? inc(c, w64 ? 64 : 32, lo, R[2 * d + 1]) : dec(c, w64 ? 64 : 32, lo, R[2 * d + 1]);
              R[2 * d] = r; R[2 * d + 1] = w64 ? c.outHi : 0;
              i++;
              break;
            }
            left--;
            const r = (lo + delta) | 0;
            let hi = 0;
            if (w64) {
              hi = R[2 * d + 1];
              if (delta === 1 ? r === 0 : lo === 0) hi = (hi + delta) | 0;
            }
            R[2 * d] = r; R[2 * d + 1] = hi;
            const cc = subs[i + 1];
            let taken: boolean;
            switch (cc >> 1) {
              case 2: taken = (r | hi) === 0; break;
              case 4: taken = (w64 ? hi : r) < 0; break;
              default: taken = parity(r) === 1; // 5: P
            }
            if ((cc & 1) !== 0) taken = !taken;
            if (taken) {
              const t = target[i + 1];
              if (t < 0) { i++; this.ip = i; this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
              else i = t;
            } else i += 2;
            break;
          }
          case 86 /* K.Add32RRNF */: { const j = 3 * i; const d = locR[j]; R[2 * d] = (R[2 * d] + R[2 * locR[j + 1]]) | 0; R[2 * d + 1] = 0; i++; break; }
          case 87 /* K.Add32RINF */: { const d = locR[3 * i]; R[2 * d] = (R[2 * d] + immLo[i]) | 0; R[2 * d + 1] = 0; i++; break; }
          case 88 /* K.Sub32RRNF */: { const j = 3 * i; const d = locR[j]; R[2 * d] = (R[2 * d] - R[2 * locR[j + 1]]) | 0; R[2 * d + 1] = 0; i++; break; }
          case 89 /* K.Sub32RINF */: { const d = locR[3 * i]; R[2 * d] = (R[2 * d] - immLo[i]) | 0; R[2 * d + 1] = 0; i++; break; }
          case 90 /* K.And32RRNF */: { const j = 3 * i; const d = locR[j]; R[2 * d] &= R[2 * locR[j + 1]]; R[2 * d + 1] = 0; i++; break; }
          case 91 /* K.And32RINF */: { const d = locR[3 * i]; R[2 * d] &= immLo[i]; R[2 * d + 1] = 0; i++; break; }
          case 92 /* K.Or32RRNF */: { const j = 3 * i; const d = locR[j]; R[2 * d] |= R[2 * locR[j + 1]]; R[2 * d + 1] = 0; i++; break; }
          case 93 /* K.Or32RINF */: { const d = locR[3 * i]; R[2 * d] |= immLo[i]; R[2 * d + 1] = 0; i++; break; }
          case 94 /* K.Xor32RRNF */: { const j = 3 * i; const d = locR[j]; R[2 * d] ^= R[2 * locR[j + 1]]; R[2 * d + 1] = 0; i++; break; }
          case 95 /* K.Xor32RINF */: { const d = locR[3 * i]; R[2 * d] ^= immLo[i]; R[2 * d + 1] = 0; i++; break; }
          case 96 /* K.ShiftNF32 */: {
            const j = 3 * i;
            const d = locR[j];
            const n = (locT[j + 1] === 3 /* Loc.Imm */ ? immLo[i] : c.U8[locR[j + 1]]) & 31;
            const a = R[2 * d];
            switch (subs[i]) {
              case 5 /* ShiftOp.Shr */: R[2 * d] = a >>> n; break;
              case 7 /* ShiftOp.Sar */: R[2 * d] = a >> n; break;
              case 0 /* ShiftOp.Rol */: R[2 * d] = n === 0 ? a : (a << n) | (a >>> (32 - n)); break;
              case 1 /* ShiftOp.Ror */: R[2 * d] = n === 0 ? a : (a >>> n) | (a << (32 - n)); break;
              default: R[2 * d] = a << n;
            }
            R[2 * d + 1] = 0;
            i++;
            break;
          }
          case 97 /* K.ShiftNF64 */: {
            const j = 3 * i;
            const d = locR[j];
            const n = (locT[j + 1] === 3 /* Loc.Imm */ ? immLo[i] : c.U8[locR[j + 1]]) & 63;
            if (n !== 0) {
              const lo = R[2 * d], hi = R[2 * d + 1];
              const op = subs[i];
              if (op === 5 /* ShiftOp.Shr */ || op === 7 /* ShiftOp.Sar */) {
                const fill = op === 7 /* ShiftOp.Sar */ ? hi >> 31 : 0;
                if (n < 32) { R[2 * d] = (lo >>> n) | (hi << (32 - n)); R[2 * d + 1] = op === 7 /* ShiftOp.Sar */ ? hi >> n : hi >>> n; }
                else { R[2 * d] = op === 7 /* ShiftOp.Sar */ ? hi >> (n - 32) : hi >>> (n - 32); R[2 * d + 1] = fill; }
              } else if (op === 0 /* ShiftOp.Rol */ || op === 1 /* ShiftOp.Ror */) {
                const swap = n >= 32, k = n & 31; // a rotation by 32 swaps the halves
                const a = swap ? hi : lo, b = swap ? lo : hi;
                if (k === 0) { R[2 * d] = a; R[2 * d + 1] = b; }
                else if (op === 0 /* ShiftOp.Rol */) { R[2 * d] = (a << k) | (b >>> (32 - k)); R[2 * d + 1] = (b << k) | (a >>> (32 - k)); }
                else { R[2 * d] = (a >>> k) | (b << (32 - k)); R[2 * d + 1] = (b >>> k) | (a << (32 - k)); }
              } else if (n < 32) { R[2 * d + 1] = (hi << n) | (lo >>> (32 - n)); R[2 * d] = lo << n; }
              else { R[2 * d + 1] = lo << (n - 32); R[2 * d] = 0; }
            }
            i++;
            break;
          }
          case 110 /* K.ShiftR32 */: case 111 /* K.ShiftR64 */: {
            const j = 3 * i;
            const d = locR[j];
            const n = locT[j + 1] === 3 /* Loc.Imm */ ? immLo[i] & 0xff : c.U8[locR[j + 1]];
            if (kind === 110 /* K.ShiftR32 */) { R[2 * d] = shift(c, subs[i], 32, R[2 * d], 0, n); R[2 * d + 1] = 0; }
            else { R[2 * d] = shift(c, subs[i], 64, R[2 * d], R[2 * d + 1], n); R[2 * d + 1] = c.outHi; }
            i++;
            break;
          }
          case 112 /* K.NotR */: {
            const j = 3 * i;
            const d = locR[j];
            R[2 * d] = ~R[2 * d];
            R[2 * d + 1] = locW[j] === 64 ? ~R[2 * d + 1] : 0;
            i++;
            break;
          }
          case 98 /* K.Imul32NF */: {
            const j = 3 * i;
            const d = locR[j];
            const three = locT[j + 2] === 3 /* Loc.Imm */;
            const a = three ? R[2 * locR[j + 1]] : R[2 * d];
            const b = three ? immLo[i] : R[2 * locR[j + 1]];
            R[2 * d] = Math.imul(a, b); R[2 * d + 1] = 0;
            i++;
            break;
          }
          case 99 /* K.CmovRR */: {
            const j = 3 * i;
            const d = locR[j];
            if (cond(c, subs[i])) {
              const s = locR[j + 1];
              R[2 * d] = R[2 * s];
              R[2 * d + 1] = locW[j] === 64 ? R[2 * s + 1] : 0;
            } else if (locW[j] === 32) R[2 * d + 1] = 0;
            i++;
            break;
          }
          case 100 /* K.SetccR */:
            c.U8[locR[3 * i]] = cond(c, subs[i]) ? 1 : 0;
            i++;
            break;
          case 105 /* K.NaclJmp */: case 106 /* K.NaclCall */: {
            const x = locR[3 * i];
            if (left < 2) { // the budget ends inside the triple: run the `and` alone
              R[2 * x] &= -32; R[2 * x + 1] = 0;
              i++;
              break;
            }
            left -= 2;
            const lo = add(c, 64, R[2 * x] & -32, 0, R[30], R[31]), hi = c.outHi;
            R[2 * x] = lo; R[2 * x + 1] = hi;
            i += 2; // faults from here on belong to the jmp/call
            if (kind === 106 /* K.NaclCall */) this.push64((P.addr[i] + P.len[i]) | 0, 0);
            this.ip = i;
            this.jumpTo(lo, hi);
            i = this.ip;
            if (i < 0) return left;
            break;
          }
          case 101 /* K.PushR */: { const r = locR[3 * i]; this.push64(R[2 * r], R[2 * r + 1]); i++; break; }
          case 102 /* K.PopR */: { const lo = this.pop64(); const r = locR[3 * i]; R[2 * r] = lo; R[2 * r + 1] = c.outHi; i++; break; }
          case 103 /* K.JmpIndR */: case 104 /* K.CallIndR */: {
            const r = locR[3 * i];
            const lo = R[2 * r], hi = R[2 * r + 1];
            if (kind === 104 /* K.CallIndR */) this.push64((P.addr[i] + P.len[i]) | 0, 0);
            this.ip = i;
            this.jumpTo(lo, hi);
            i = this.ip;
            if (i < 0) return left;
            break;
          }
          case 79 /* K.Lea32 */: {
            // 32-bit result: plain int32 arithmetic modulo 2^32
            let s = memDisp32[i];
            const b = memBase[i];
            if (b >= 0) s = (s + R[2 * b]) | 0;
            const x = memIndex[i];
            if (x >= 0) s = (s + (R[2 * x] << memShift[i])) | 0;
            const d = locR[3 * i];
            R[2 * d] = s; R[2 * d + 1] = 0;
            i++;
            break;
          }
          case 64 /* K.Alu64RR */: case 65 /* K.Alu64RI */: {
            const j = 3 * i;
            const d = locR[j];
            let bLo: number, bHi: number;
            if (kind === 64 /* K.Alu64RR */) { const s = locR[j + 1]; bLo = R[2 * s]; bHi = R[2 * s + 1]; }
            else { bLo = immLo[i]; bHi = immHi[i]; }
            const op = subs[i];
            const r = alu(c, op, 64, R[2 * d], R[2 * d + 1], bLo, bHi);
            if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) { R[2 * d] = r; R[2 * d + 1] = c.outHi; }
            i++;
            break;
          }
          case 68 /* K.Alu64RRNF */: case 69 /* K.Alu64RINF */: {
            const j = 3 * i;
            const d = locR[j];
            let bLo: number, bHi: number;
            if (kind === 68 /* K.Alu64RRNF */) { const s = locR[j + 1]; bLo = R[2 * s]; bHi = R[2 * s + 1]; }
            else { bLo = immLo[i]; bHi = immHi[i]; }
            const aLo = R[2 * d], aHi = R[2 * d + 1];
            switch (subs[i]) {
              case 0 /* AluOp.Add */: {
                const lo = (aLo + bLo) | 0;
                R[2 * d + 1] = (aHi + bHi + (lo >>> 0 < aLo >>> 0 ? 1 : 0)) | 0;
                R[2 * d] = lo;
                break;
              }
              case 5 /* AluOp.Sub */: {
                R[2 * d + 1] = (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
                R[2 * d] = (aLo - bLo) | 0;
                break;
              }
              case 1 /* AluOp.Or */: R[2 * d] = aLo | bLo; R[2 * d + 1] = aHi | bHi; break;
              case 4 /* AluOp.And */: R[2 * d] = aLo & bLo; R[2 * d + 1] = aHi & bHi; break;
              default: R[2 * d] = aLo ^ bLo; R[2 * d + 1] = aHi ^ bHi;
            }
            i++;
            break;
          }
          case 70 /* K.Mov32RR */: { const j = 3 * i; const d = locR[j]; R[2 * d] = R[2 * locR[j + 1]]; R[2 * d + 1] = 0; i++; break; }
          case 71 /* K.Mov64RR */: {
            const j = 3 * i; const d = locR[j], s = locR[j + 1];
            R[2 * d] = R[2 * s]; R[2 * d + 1] = R[2 * s + 1];
            i++;
            break;
          }
          case 72 /* K.Mov32RI */: { const d = locR[3 * i]; R[2 * d] = immLo[i]; R[2 * d + 1] = 0; i++; break; }
          case 73 /* K.Mov64RI */: { const d = locR[3 * i]; R[2 * d] = immLo[i]; R[2 * d + 1] = immHi[i]; i++; break; }
          case 74 /* K.Load32 */: { const d = locR[3 * i]; R[2 * d] = this.mem.read32(this.eaQuick(i)); R[2 * d + 1] = 0; i++; break; }
          case 75 /* K.Load64 */: {
            const d = locR[3 * i];
            const m = this.mem;
            R[2 * d] = m.read64(this.eaQuick(i)); R[2 * d + 1] = m.hi;
            i++;
            break;
          }
          case 76 /* K.Store32 */: this.mem.write32(this.eaQuick(i), R[2 * locR[3 * i + 1]]); i++; break;
          case 77 /* K.Store64 */: { const s = locR[3 * i + 1]; this.mem.write64(this.eaQuick(i), R[2 * s], R[2 * s + 1]); i++; break; }
          case 78 /* K.Lea64 */: {
            // base + index*scale + disp, exact in doubles, then split into halves
            let s = P.memDisp[i];
            let h = 0;
            const b = memBase[i];
            if (b >= 0) { s += R[2 * b] >>> 0; h = R[2 * b + 1]; }
            const x = memIndex[i];
            if (x >= 0) { const sc = P.memScale[i]; s += (R[2 * x] >>> 0) * sc; h += R[2 * x + 1] * sc; }
            const d = locR[3 * i];
            const carry = Math.floor(s / TWO32);
            R[2 * d] = (s - carry * TWO32) | 0;
            R[2 * d + 1] = (h + carry) | 0;
            i++;
            break;
          }
          case 80 /* K.IncDec32NF */: { const d = locR[3 * i]; R[2 * d] = (R[2 * d] + (subs[i] === 1 ? 1 : -1)) | 0; R[2 * d + 1] = 0; i++; break; }
          case 81 /* K.IncDec64NF */: {
            const d = locR[3 * i];
            const lo = R[2 * d];
            if (subs[i] === 1) { R[2 * d] = (lo + 1) | 0; if (lo === -1) R[2 * d + 1] = (R[2 * d + 1] + 1) | 0; }
            else { R[2 * d] = (lo - 1) | 0; if (lo === 0) R[2 * d + 1] = (R[2 * d + 1] - 1) | 0; }
            i++;
            break;
          }
          case 6 /* K.Alu */: {
            const op = subs[i];
            const j = 3 * i;
            const a = locT[j] === 2 /* Loc.Mem */ || locT[j + 1] === 2 /* Loc.Mem */ ? this.ea(i) : 0;
            const aLo = this.rd(i, 0, a), aHi = c.outHi;
            const bLo = this.rd(i, 1, a), bHi = c.outHi;
            const r = alu(c, op, locW[j], aLo, aHi, bLo, bHi);
            if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) this.wr(i, 0, a, r, c.outHi);
            i++;
            break;
          }
          case 38 /* K.Jcc */:
            if (cond(c, subs[i])) {
              const t = target[i];
              if (t < 0) { this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
              else i = t;
            } else i++;
            break;
          case 37 /* K.Jmp */: {
            const t = target[i];
            if (t < 0) { this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
            else i = t;
            break;
          }
          case 1 /* K.Nop */: {
            // a run of nops (bundle padding, dead compares) retires in one dispatch if the budget allows
            const n = nopRun[i];
            if (n - 1 <= left) { left -= n - 1; i += n; } else i++;
            break;
          }
          case 113 /* K.MovzxLoad */: {
            const j = 3 * i;
            const a = this.eaQuick(i);
            R[2 * locR[j]] = locW[j + 1] === 8 ? this.mem.read8(a) : this.mem.read16(a);
            R[2 * locR[j] + 1] = 0;
            i++;
            break;
          }
          case 114 /* K.MovzxRR */: {
            const j = 3 * i;
            R[2 * locR[j]] = locW[j + 1] === 8 ? c.U8[locR[j + 1]] : c.U16[4 * locR[j + 1]];
            R[2 * locR[j] + 1] = 0;
            i++;
            break;
          }
          case 115 /* K.AluRM32 */: {
            const j = 3 * i;
            const d = locR[j];
            const op = subs[i];
            const r = alu(c, op, 32, R[2 * d], 0, this.mem.read32(this.eaQuick(i)), 0);
            if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) { R[2 * d] = r; R[2 * d + 1] = 0; }
            i++;
            break;
          }
          case 116 /* K.AluMR32 */: {
            const a = this.eaQuick(i);
            const op = subs[i];
            const r = alu(c, op, 32, this.mem.read32(a), 0, R[2 * locR[3 * i + 1]], 0);
            if (op !== 7 /* AluOp.Cmp */ && op !== 8 /* AluOp.Test */) this.mem.write32(a, r);
            i++;
            break;
          }
          case 3 /* K.Movzx */: case 4 /* K.Movsx */: {
            const j = 3 * i;
            const a = locT[j + 1] === 2 /* Loc.Mem */ ? this.ea(i) : 0;
            let v = this.rd(i, 1, a);
            let hi = 0;
            if (kind === 4 /* K.Movsx */) {
              const sw = locW[j + 1];
              if (sw < 32) v = (v << (32 - sw)) >> (32 - sw);
              hi = v >> 31;
            }
            this.wr(i, 0, 0, v, hi);
            i++;
            break;
          }
          case 109 /* K.Simd */: {
            const j = 3 * i;
            execSimd(this.simd, P.form[i], locR[j], locR[j + 1], locT[j] === 2 /* Loc.Mem */ ? this.ea(i) : -1, immLo[i], subs[i], this.simdHost);
            i++;
            break;
          }
          case 39 /* K.Call */: {
            const next = P.addr[i] + P.len[i];
            this.push64(next | 0, 0);
            const t = target[i];
            if (t < 0) { this.jumpToAddr(targetAddr[i]); i = this.ip; if (i < 0) return left; }
            else i = t;
            break;
          }
          case 40 /* K.Ret */: {
            const lo = this.pop64(), hi = c.outHi;
            if (locT[3 * i] === 3 /* Loc.Imm */) this.addSp(immLo[i] & 0xffff);
            this.ip = i;
            this.jumpTo(lo, hi);
            i = this.ip;
            if (i < 0) return left;
            break;
          }
          default:
            this.ip = i;
            this.retiredInSlice = budget - left - 1;
            i = this.execRare(kind, i) | 0;
            if (i < 0) return left;
        }
      }
      this.ip = i;
      return left;
    } finally {
      // keep ip and the instruction count right on every exit, including faults
      if (i >= 0) this.ip = i;
      c.icount += budget - left;
    }
  }

  /** The less frequent kinds; returns the next instruction index. */
  private execRare(kind: number, i: number): number {
    const P = this.program, c = this.state, R = c.R;
    const j = 3 * i;
    const locT = P.locT, locW = P.locW, locR = P.locR, subs = P.sub;
    switch (kind) {
      case 2 /* K.Mov */: {
        // (32/64-bit register and memory forms have specialized kinds)
        const j = 3 * i;
        const a = locT[j] === Loc.Mem || locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const v = this.rd(i, 1, a);
        this.wr(i, 0, a, v, c.outHi);
        return i + 1;
      }
      case 5 /* K.Lea */: {
        const lo = this.leaAddr(i);
        this.wr(i, 0, 0, lo, c.outHi);
        return i + 1;
      }
      case 7 /* K.Inc */: case 8 /* K.Dec */: case 9 /* K.Neg */: case 10 /* K.Not */: {
        const j = 3 * i;
        const w = locW[j];
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 0, a), hi = c.outHi;
        let r: number, rh: number;
        if (kind === K.Not) { r = ~lo; rh = ~hi; }
        else {
          r = kind === K.Inc ? inc(c, w, lo, hi) : kind === K.Dec ? dec(c, w, lo, hi) : neg(c, w, lo, hi);
          rh = c.outHi;
        }
        this.wr(i, 0, a, r, rh);
        return i + 1;
      }
      case 11 /* K.Shift */: {
        const j = 3 * i;
        const w = locW[j];
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 0, a), hi = c.outHi;
        const n = this.rd(i, 1, a) & 0xff;
        const r = shift(c, subs[i], w, lo, hi, n);
        // a masked count of 0 leaves the destination (and flags) untouched, except that a
        // 32-bit register destination is still written (zero-extended)
        if ((n & (w === 64 ? 63 : 31)) !== 0 || (w === 32 && locT[j] === Loc.Reg)) this.wr(i, 0, a, r, c.outHi);
        return i + 1;
      }
      case 12 /* K.Shld */: case 13 /* K.Shrd */: {
        const j = 3 * i;
        const w = locW[j];
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const dLo = this.rd(i, 0, a), dHi = c.outHi;
        const sLo = this.rd(i, 1, a), sHi = c.outHi;
        const n = this.rd(i, 2, a) & 0xff;
        const r = shiftDouble(c, kind === K.Shld, w, dLo, dHi, sLo, sHi, n);
        if ((n & (w === 64 ? 63 : 31)) !== 0 || (w === 32 && locT[j] === Loc.Reg)) this.wr(i, 0, a, r, c.outHi);
        return i + 1;
      }
      case 14 /* K.MulAcc */: case 15 /* K.ImulAcc */: case 17 /* K.Div */: case 18 /* K.Idiv */: {
        const j = 3 * i;
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 0, a), hi = c.outHi;
        // the flags these keep (program.ts hostKeeps) are materialized only when live
        const live = this.program.liveOut[i];
        if (kind === K.MulAcc || kind === K.ImulAcc) mulAcc(c, locW[j], kind === K.ImulAcc, lo, hi, (live & 0xd4) !== 0);
        else divAcc(c, locW[j], kind === K.Idiv, lo, hi, (live & 0x801) !== 0);
        return i + 1;
      }
      case 16 /* K.Imul */: {
        const j = 3 * i;
        const a = locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const three = locT[j + 2] === Loc.Imm;
        const aLo = this.rd(i, three ? 1 : 0, a), aHi = c.outHi;
        const bLo = this.rd(i, three ? 2 : 1, a), bHi = c.outHi;
        const r = imulTrunc(c, locW[j], aLo, aHi, bLo, bHi, this.program.liveOut[i]);
        this.wr(i, 0, 0, r, c.outHi);
        return i + 1;
      }
      case 35 /* K.Push */: {
        const j = 3 * i;
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 0, a), hi = c.outHi;
        if (subs[i] === 16) {
          const sp = this.sp() - 2;
          this.mem.write16(sp < 0 ? TWO32 : sp, lo);
          this.addSp(-2);
        } else this.push64(lo, hi);
        return i + 1;
      }
      case 36 /* K.Pop */: {
        const j = 3 * i;
        let lo: number, hi = 0;
        if (subs[i] === 16) { lo = this.mem.read16(this.sp()); this.addSp(2); }
        else { lo = this.pop64(); hi = c.outHi; }
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0; // rsp-based: after the increment
        this.wr(i, 0, a, lo, hi);
        return i + 1;
      }
      case 41 /* K.JmpInd */: case 42 /* K.CallInd */: {
        const j = 3 * i;
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 0, a), hi = c.outHi;
        if (kind === K.CallInd) this.push64((P.addr[i] + P.len[i]) | 0, 0);
        this.ip = i;
        this.jumpTo(lo, hi);
        return this.ip;
      }
      case 43 /* K.Loop */: {
        const x = subs[i];
        const a32 = (P.flags[i] & IF.Addr32) !== 0;
        let zero: boolean;
        if (x === 3) zero = a32 ? R[2] === 0 : (R[2] | R[3]) === 0;
        else {
          const lo = (R[2] - 1) | 0;
          if (a32) { R[2] = lo; R[3] = 0; } else { if (lo === -1) R[3] = (R[3] - 1) | 0; R[2] = lo; }
          zero = a32 ? R[2] === 0 : (R[2] | R[3]) === 0;
        }
        // loopne (0) / loope (1) also need ZF = 0 / 1; loop (2) only rcx; jrcxz (3) rcx = 0
        const taken = x === 3 ? zero : !zero && (x === 2 || (x === 1) === cond(c, 4));
        if (taken) {
          const t = P.target[i];
          if (t < 0) { this.ip = i; this.jumpToAddr(P.targetAddr[i]); return this.ip; }
          return t;
        }
        return i + 1;
      }
      case 26 /* K.Cmov */: {
        const j = 3 * i;
        const a = locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const v = this.rd(i, 1, a), hi = c.outHi; // the source is read (and may fault) either way
        if (cond(c, subs[i])) this.wr(i, 0, 0, v, hi);
        else if (locW[j] === 32) R[2 * locR[j] + 1] = 0;
        return i + 1;
      }
      case 27 /* K.Setcc */: {
        const a = locT[3 * i] === Loc.Mem ? this.ea(i) : 0;
        this.wr(i, 0, a, cond(c, subs[i]) ? 1 : 0, 0);
        return i + 1;
      }
      case 19 /* K.Bt */: {
        const w = locW[j];
        let a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const off = this.rd(i, 1, 0), offHi = c.outHi;
        let bit: number;
        if (locT[j + 1] === Loc.Imm) bit = off & (w - 1);
        else {
          bit = off & (w - 1);
          if (locT[j] === Loc.Mem) {
            // register bit offsets address the bit string beyond the operand (signed)
            const so = w === 64 ? offHi * TWO32 + (off >>> 0) : w === 32 ? off : (off << 16) >> 16;
            a += Math.floor(so / w) * (w >>> 3);
            if (a < 0) a = TWO32;
          }
        }
        const lo = this.rd(i, 0, a), hi = c.outHi;
        const cf = bit < 32 ? (lo >>> bit) & 1 : (hi >>> (bit - 32)) & 1;
        materialize(c);
        c.flags = (c.flags & ~1) | cf;
        const x = this.program.sub[i];
        if (x !== 0) {
          let nlo = lo, nhi = hi;
          const m = bit < 32 ? 1 << bit : 0, mh = bit < 32 ? 0 : 1 << (bit - 32);
          if (x === 1) { nlo |= m; nhi |= mh; } else if (x === 2) { nlo &= ~m; nhi &= ~mh; } else { nlo ^= m; nhi ^= mh; }
          this.wr(i, 0, a, nlo, nhi);
        }
        return i + 1;
      }
      case 20 /* K.Bsf */: case 21 /* K.Bsr */: case 22 /* K.Popcnt */: case 23 /* K.Lzcnt */: case 24 /* K.Tzcnt */: {
        const w = locW[j];
        const a = locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const lo = this.rd(i, 1, a), hi = c.outHi;
        materialize(c);
        if (kind === K.Bsf || kind === K.Bsr) {
          const b = kind === K.Bsf ? lowestBit(w, lo, hi) : highestBit(w, lo, hi);
          if (b < 0) c.flags |= 0x40;
          else { c.flags &= ~0x40; this.wr(i, 0, 0, b, 0); }
        } else if (kind === K.Popcnt) {
          const n = popcount(w, lo, hi);
          c.flags = n === 0 ? 0x40 : 0;
          this.wr(i, 0, 0, n, 0);
        } else {
          const b = kind === K.Lzcnt ? highestBit(w, lo, hi) : lowestBit(w, lo, hi);
          const n = b < 0 ? w : kind === K.Lzcnt ? w - 1 - b : b;
          // PF AF SF OF are undefined: AMD Zen clears PF AF SF and keeps OF
          c.flags = (c.flags & 0x800) | (b < 0 ? 1 : 0) | (n === 0 ? 0x40 : 0);
          this.wr(i, 0, 0, n, 0);
        }
        return i + 1;
      }
      case 25 /* K.Bswap */: {
        const lo = this.rd(i, 0, 0), hi = c.outHi;
        if (locW[j] === 64) this.wr(i, 0, 0, bswap32(hi), bswap32(lo));
        else if (locW[j] === 32) this.wr(i, 0, 0, bswap32(lo), 0);
        else this.wr(i, 0, 0, 0, 0); // 16-bit bswap: undefined; zero as current CPUs do
        return i + 1;
      }
      case 60 /* K.Movbe */: {
        const w = locW[j];
        const a = this.ea(i);
        const lo = this.rd(i, 1, a), hi = c.outHi;
        if (w === 64) this.wr(i, 0, a, bswap32(hi), bswap32(lo));
        else if (w === 32) this.wr(i, 0, a, bswap32(lo), 0);
        else this.wr(i, 0, a, bswap16(lo), 0);
        return i + 1;
      }
      case 61 /* K.Crc32 */: {
        const a = locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const crc = this.rd(i, 0, 0);
        const lo = this.rd(i, 1, a), hi = c.outHi;
        this.wr(i, 0, 0, crc32c(crc, locW[j + 1] >>> 3, lo, hi), 0);
        return i + 1;
      }
      case 28 /* K.Xchg */: {
        const a = locT[j] === Loc.Mem || locT[j + 1] === Loc.Mem ? this.ea(i) : 0;
        const xLo = this.rd(i, 0, a), xHi = c.outHi;
        const yLo = this.rd(i, 1, a), yHi = c.outHi;
        this.wr(i, 0, a, yLo, yHi);
        this.wr(i, 1, a, xLo, xHi);
        return i + 1;
      }
      case 29 /* K.Xadd */: {
        const w = locW[j];
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const dLo = this.rd(i, 0, a), dHi = c.outHi;
        const sLo = this.rd(i, 1, a), sHi = c.outHi;
        const r = add(c, w, dLo, dHi, sLo, sHi), rh = c.outHi;
        this.wr(i, 1, a, dLo, dHi);
        this.wr(i, 0, a, r, rh);
        return i + 1;
      }
      case 30 /* K.Cmpxchg */: {
        const w = locW[j];
        const a = locT[j] === Loc.Mem ? this.ea(i) : 0;
        const dLo = this.rd(i, 0, a), dHi = c.outHi;
        const accLo = w === 8 ? c.U8[0] : w === 16 ? c.U16[0] : R[0], accHi = w === 64 ? R[1] : 0;
        sub(c, w, accLo, accHi, dLo, dHi);
        const equal = w === 64 ? accLo === dLo && accHi === dHi : (accLo << (32 - w)) === (dLo << (32 - w));
        if (equal) {
          const sLo = this.rd(i, 1, a), sHi = c.outHi;
          this.wr(i, 0, a, sLo, sHi);
        } else {
          if (locT[j] === Loc.Mem) this.wr(i, 0, a, dLo, dHi);
          if (w === 8) c.U8[0] = dLo;
          else if (w === 16) c.U16[0] = dLo;
          else { R[0] = dLo; R[1] = w === 64 ? dHi : 0; }
        }
        return i + 1;
      }
      case 31 /* K.Cmpxchg8b */: case 32 /* K.Cmpxchg16b */: {
        const a = this.ea(i);
        const m = this.mem;
        materialize(c);
        if (kind === K.Cmpxchg8b) {
          const lo = m.read32(a), hi = m.read32(a + 4);
          if (lo === R[0] && hi === R[4]) {
            m.write64(a, R[6], R[2]);
            c.flags |= 0x40;
          } else {
            m.write64(a, lo, hi);
            R[0] = lo; R[1] = 0; R[4] = hi; R[5] = 0;
            c.flags &= ~0x40;
          }
        } else {
          if (a % 16 !== 0) fault(FaultKind.GeneralProtection, a);
          const l0 = m.read64(a), h0 = m.hi, l1 = m.read64(a + 8), h1 = m.hi;
          if (l0 === R[0] && h0 === R[1] && l1 === R[4] && h1 === R[5]) {
            m.write64(a, R[6], R[7]);
            m.write64(a + 8, R[2], R[3]);
            c.flags |= 0x40;
          } else {
            m.write64(a, l0, h0);
            m.write64(a + 8, l1, h1);
            R[0] = l0; R[1] = h0; R[4] = l1; R[5] = h1;
            c.flags &= ~0x40;
          }
        }
        return i + 1;
      }
      case 33 /* K.ConvA */: {
        const w = locW[j];
        if (w === 16) c.U16[0] = (c.U8[0] << 24) >> 24;
        else if (w === 32) { R[0] = (c.U16[0] << 16) >> 16; R[1] = 0; }
        else R[1] = R[0] >> 31;
        return i + 1;
      }
      case 34 /* K.ConvD */: {
        const w = locW[j];
        if (w === 16) c.U16[8] = (c.U16[0] << 16) >> 31;
        else if (w === 32) { R[4] = R[0] >> 31; R[5] = 0; }
        else { R[4] = R[1] >> 31; R[5] = R[1] >> 31; }
        return i + 1;
      }
      case 44 /* K.Movs */: case 45 /* K.Cmps */: case 46 /* K.Stos */: case 47 /* K.Lods */: case 48 /* K.Scas */: {
        const f = P.flags[i];
        const done = stringOp(c, kind, locW[j], (f & IF.Rep) !== 0, (f & IF.Repne) !== 0, (f & IF.Addr32) !== 0);
        return done ? i + 1 : i;
      }
      case 49 /* K.Lahf */:
        c.U8[1] = (statusFlags(c) & 0xd5) | 2;
        return i + 1;
      case 50 /* K.Sahf */:
        materialize(c);
        setStatusFlags(c, (c.flags & 0x800) | (c.U8[1] & 0xd5));
        return i + 1;
      case 51 /* K.Clc */: case 52 /* K.Stc */: case 53 /* K.Cmc */:
        materialize(c);
        c.flags = kind === K.Clc ? c.flags & ~1 : kind === K.Stc ? c.flags | 1 : c.flags ^ 1;
        return i + 1;
      case 54 /* K.Cld */: c.df = 0; return i + 1;
      case 55 /* K.Std */: c.df = 1; return i + 1;
      case 56 /* K.Cpuid */: {
        const o = this.cpuidOut;
        cpuid(R[0], R[2], o);
        R[0] = o[0]; R[1] = 0; R[6] = o[1]; R[7] = 0; R[2] = o[2]; R[3] = 0; R[4] = o[3]; R[5] = 0;
        return i + 1;
      }
      case 57 /* K.Rdtsc */: {
        // deterministic: the number of instructions retired before this one
        const t = c.icount + this.retiredInSlice;
        R[0] = t % TWO32 | 0; R[1] = 0; R[4] = Math.floor(t / TWO32) | 0; R[5] = 0;
        return i + 1;
      }
      case 58 /* K.Hlt */: fault(FaultKind.Halt, P.addr[i]);
      // falls through (fault never returns)
      default: fault(FaultKind.InvalidOpcode, P.addr[i]);
    }
  }

}
