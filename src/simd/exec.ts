// The entry point the integer interpreter calls for MMX/SSE..SSE4.2/x87/fxsave forms.
import type { SimdHost } from './interface.ts';
import { HANDLERS, resolveForm } from './registry.ts';
import type { SimdUnit } from './state.ts';
import './sse-move.ts';
import './sse-int.ts';
import './sse-float.ts';
import './sse-string.ts';
import './x87.ts';
import './save.ts';

/** True when `form` is executed by execSimd (has a handler here). */
export function isSimdForm(form: number): boolean {
  return resolveForm(form) !== null;
}

/**
 * Executes one instruction. Returns false when the form is not a SIMD/x87 form handled here.
 * `ea` is the memory operand's effective address or -1 for register forms; `rexW` is REX.W (0/1),
 * which selects 64-bit GPR operands (cvtsi2sd, cvtsd2si, pextr*, movq).
 */
export function execSimd(
  u: SimdUnit, form: number, reg: number, rm: number, ea: number, imm: number, rexW: number, host: SimdHost,
): boolean {
  const h = HANDLERS[form] ?? resolveForm(form);
  if (h === null) return false;
  const c = u.exec;
  c.form = form;
  c.reg = reg;
  c.rm = rm;
  c.ea = ea;
  c.imm = imm & 0xff;
  c.opSize = rexW ? 64 : 32;
  c.host = host;
  h(u, c);
  return true;
}
