/** An instruction the sandboxing pass cannot make safe; names the C source line when known. */
export class SandboxError extends Error {
  constructor(
    /** 1-based line in the assembly input */
    readonly asmLine: number,
    /** "file.c:12" from gcc's .loc directives, when the input had them */
    readonly sourceLocation: string | undefined,
    readonly instruction: string,
    readonly reason: string,
  ) {
    super(`${sourceLocation ?? `assembly line ${asmLine}`}: cannot sandbox '${instruction}': ${reason}` +
      (sourceLocation ? ` (assembly line ${asmLine})` : ''));
  }
}
