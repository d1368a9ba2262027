// Whole-state transfers: fxsave/fxrstor (512-byte image, 64-bit mode without REX.W), the legacy
// fnstenv/fldenv (28 bytes) and fnsave/frstor (108 bytes), and ldmxcsr/stmxcsr.
import { def } from './registry.ts';
import type { Exec } from './interface.ts';
import { Fsw, MXCSR_MASK, type SimdUnit } from './state.ts';
import { checkAligned, readMem, writeMem, get32, put32 } from './operands.ts';
import { generalProtection } from './fault.ts';
import { beginX87, tagWord } from './x87-stack.ts';

const IMAGE = new Uint8Array(512);

function put16(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
}
function get16(b: Uint8Array, off: number): number {
  return b[off] | (b[off + 1] << 8);
}

/** Writes the FXSAVE image of the unit into b (512 bytes; reserved areas zero). */
export function fxsaveImage(u: SimdUnit, b: Uint8Array): void {
  b.fill(0, 0, 512);
  put16(b, 0, u.fcw);
  put16(b, 2, u.statusWord());
  let abridged = 0;
  for (let p = 0; p < 8; p++) if (!u.empty[p]) abridged |= 1 << p;
  b[4] = abridged;
  put16(b, 6, u.fop);
  put32(b, 8, u.fip);
  put32(b, 16, u.fdp);
  put32(b, 24, u.mxcsr);
  put32(b, 28, MXCSR_MASK);
  for (let i = 0; i < 8; i++) {
    const p = (u.top + i) & 7;
    b.set(u.mant.subarray(8 * p, 8 * p + 8), 32 + 16 * i);
    put16(b, 40 + 16 * i, u.signExp[p]);
  }
  b.set(u.xmm, 160);
}

/** Loads the unit from an FXSAVE image (#GP for reserved MXCSR bits). */
export function fxrstorImage(u: SimdUnit, b: Uint8Array): void {
  const mxcsr = get32(b, 24) >>> 0;
  if ((mxcsr & ~MXCSR_MASK) !== 0) generalProtection(0);
  u.fcw = get16(b, 0);
  const sw = get16(b, 2);
  u.top = (sw >> Fsw.TOP_SHIFT) & 7;
  u.fsw = sw & ~0x3800;
  for (let p = 0; p < 8; p++) u.empty[p] = (b[4] >> p) & 1 ? 0 : 1;
  u.fop = get16(b, 6) & 0x7ff;
  u.fip = get32(b, 8);
  u.fdp = get32(b, 16);
  u.mxcsr = mxcsr;
  for (let i = 0; i < 8; i++) {
    const p = (u.top + i) & 7;
    u.mant.set(b.subarray(32 + 16 * i, 40 + 16 * i), 8 * p);
    u.signExp[p] = get16(b, 40 + 16 * i);
  }
  u.xmm.set(b.subarray(160, 416));
}

def('fxsave', (u, c) => {
  checkAligned(c.ea);
  fxsaveImage(u, IMAGE);
  // The reserved/available tail (bytes 464..511) is left untouched by the hardware.
  writeMem(c, c.ea, 16, IMAGE, 0);
  c.host.mem.check(c.ea, 464, 2);
  for (let k = 16; k < 464; k += 16) writeMem(c, c.ea + k, 16, IMAGE, k);
});
def('fxrstor', (u, c) => {
  checkAligned(c.ea);
  c.host.mem.check(c.ea, 512, 1);
  for (let k = 0; k < 512; k += 16) readMem(c, c.ea + k, 16, IMAGE, k);
  fxrstorImage(u, IMAGE);
});

def('ldmxcsr', (u, c) => {
  const v = c.host.mem.read32(c.ea) >>> 0;
  if ((v & ~MXCSR_MASK) !== 0) generalProtection(c.ea);
  u.mxcsr = v;
});
def('stmxcsr', (u, c) => c.host.mem.write32(c.ea, u.mxcsr));

/** The 28-byte protected-mode 32-bit environment. */
function envImage(u: SimdUnit, b: Uint8Array): void {
  b.fill(0, 0, 28);
  put32(b, 0, 0xffff0000 | u.fcw);
  put32(b, 4, 0xffff0000 | u.statusWord());
  put32(b, 8, 0xffff0000 | tagWord(u));
  put32(b, 12, u.fip);
  put32(b, 16, (u.fop & 0x7ff) << 16);
  put32(b, 20, u.fdp);
  put32(b, 24, 0xffff0000);
}
function loadEnv(u: SimdUnit, b: Uint8Array): void {
  u.fcw = get16(b, 0);
  const sw = get16(b, 4);
  u.top = (sw >> Fsw.TOP_SHIFT) & 7;
  u.fsw = sw & ~0x3800;
  const tw = get16(b, 8);
  for (let p = 0; p < 8; p++) u.empty[p] = ((tw >> (2 * p)) & 3) === 3 ? 1 : 0;
  u.fip = get32(b, 12);
  u.fop = (get32(b, 16) >>> 16) & 0x7ff;
  u.fdp = get32(b, 20);
  if ((u.fsw & 0x3f & ~u.fcw) !== 0) u.fsw |= Fsw.ES | Fsw.B;
  else u.fsw &= ~(Fsw.ES | Fsw.B);
}

function storeBlock(c: Exec, size: number): void {
  c.host.mem.check(c.ea, size, 2);
  for (let k = 0; k < size; k++) c.host.mem.write8(c.ea + k, IMAGE[k]);
}
function loadBlock(c: Exec, size: number): void {
  c.host.mem.check(c.ea, size, 1);
  for (let k = 0; k < size; k++) IMAGE[k] = c.host.mem.read8(c.ea + k);
}

def('fnstenv', (u, c) => {
  envImage(u, IMAGE);
  storeBlock(c, 28);
  u.fcw |= 0x3f; // fnstenv masks every exception after storing
});
def('fldenv', (u, c) => {
  loadBlock(c, 28);
  loadEnv(u, IMAGE);
});
def('fnsave', (u, c) => {
  envImage(u, IMAGE);
  for (let i = 0; i < 8; i++) {
    const p = (u.top + i) & 7;
    IMAGE.set(u.mant.subarray(8 * p, 8 * p + 8), 28 + 10 * i);
    put16(IMAGE, 36 + 10 * i, u.signExp[p]);
  }
  storeBlock(c, 108);
  u.resetX87();
});
def('frstor', (u, c) => {
  beginX87(u, false);
  loadBlock(c, 108);
  loadEnv(u, IMAGE);
  for (let i = 0; i < 8; i++) {
    const p = (u.top + i) & 7;
    u.mant.set(IMAGE.subarray(28 + 10 * i, 36 + 10 * i), 8 * p);
    u.signExp[p] = get16(IMAGE, 36 + 10 * i);
  }
});

def('emms', (u) => {
  u.enterMmx();
  u.empty.fill(1);
});

