// Stage two: operand expansion and instruction info on top of decodeFast.
import { DecodeError, decodeErrorMessage, type DecodeResult } from './types.ts';

export function decodeFull(code: Uint8Array, pos: number, end: number): DecodeResult {
  void code;
  void end;
  return { ok: false, pos, error: DecodeError.Undefined, length: 0, reason: decodeErrorMessage(DecodeError.Undefined) };
}
