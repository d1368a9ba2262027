// The error vocabulary of NaCl's ncval (the DFA validator's test driver), word for word: the corpus
// compares these strings exactly, so they are never reworded here.

export const Message = {
  Unrecognized: 'unrecognized instruction',
  JumpOutOfRange: 'direct jump out of range',
  BadJumpTarget: 'bad jump target',
  BadBase: 'improper memory address - bad base',
  BadIndex: 'improper memory address - bad index',
  RspSandboxing: 'improper %rsp sandboxing',
  RbpSandboxing: 'improper %rbp sandboxing',
  R15Changed: 'error - %r15 is changed',
  SpChanged: 'error - %spl or %sp is changed',
  BpChanged: 'error - %bpl or %bp is changed',
  CpuFeature: 'required CPU feature not found',
  BadCallAlignment: 'warning - bad call alignment',
  /** Driver-level: the code is not a whole number of bundles. */
  BadSize: 'code size is not a multiple of 32',
} as const;
export type Message = (typeof Message)[keyof typeof Message];
