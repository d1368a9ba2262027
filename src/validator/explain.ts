// For people reading a validation report: the rule behind each message and a one-line hint.
import { Message } from './messages.ts';

export interface Explanation {
  readonly rule: string;
  readonly hint: string;
}

const EXPLANATIONS: Record<string, Explanation> = {
  [Message.Unrecognized]: {
    rule: 'the bytes are not an instruction NaCl accepts here (forbidden opcode or prefix, a bare indirect branch or string op, or an instruction crossing a 32-byte bundle)',
    hint: 'remove the instruction or prefix, use the nacljmp/naclcall or string sequences, or pad with NOPs so it starts in the next bundle',
  },
  [Message.JumpOutOfRange]: {
    rule: 'a direct jump or call leaving the code must target a multiple of 32',
    hint: 'jump to a bundle-aligned address (or to an instruction inside the text)',
  },
  [Message.BadJumpTarget]: {
    rule: 'a direct jump or call must land on an instruction start that is not inside a sandboxing sequence',
    hint: 'jump to the start of the whole sequence (the and/mov that begins it) or to a bundle start',
  },
  [Message.BadBase]: {
    rule: 'a memory operand must be based on %r15, %rsp, %rbp or %rip',
    hint: 'address through %r15: e.g. mov %eax,%eax then use (%r15,%rax,1)',
  },
  [Message.BadIndex]: {
    rule: 'an index register must have been zero-extended by a 32-bit write in the instruction just before (same bundle)',
    hint: 'put a 32-bit write of the index (e.g. mov %eax,%eax) directly before this instruction',
  },
  [Message.RspSandboxing]: {
    rule: 'after a 32-bit write of %esp the very next instruction must be add %r15,%rsp (or lea (%rsp,%r15,1),%rsp); that add needs such a write before it',
    hint: 'pair the write of %esp with add %r15,%rsp in the same bundle',
  },
  [Message.RbpSandboxing]: {
    rule: 'after a 32-bit write of %ebp the very next instruction must be add %r15,%rbp (or lea 0x0(%rbp,%r15,1),%rbp); that add needs such a write before it',
    hint: 'pair the write of %ebp with add %r15,%rbp in the same bundle',
  },
  [Message.R15Changed]: {
    rule: '%r15 holds the sandbox base and may never be written',
    hint: 'use another register',
  },
  [Message.SpChanged]: {
    rule: '%rsp may change only by push/pop/call, mov %rbp,%rsp, and $-N,%rsp, or a 32-bit write followed by add %r15,%rsp',
    hint: 'write %esp (32-bit) and rebase with add %r15,%rsp',
  },
  [Message.BpChanged]: {
    rule: '%rbp may change only by mov %rsp,%rbp or a 32-bit write followed by add %r15,%rbp',
    hint: 'write %ebp (32-bit) and rebase with add %r15,%rbp',
  },
  [Message.CpuFeature]: {
    rule: 'the instruction needs a CPU feature outside the allowed profile',
    hint: 'build for a smaller instruction set (e.g. no AVX) or allow the feature',
  },
  [Message.BadCallAlignment]: {
    rule: 'a call should end at a bundle end so that the return address is bundle-aligned',
    hint: 'pad before the call so its last byte is at offset 31 of the bundle',
  },
  [Message.BadSize]: {
    rule: 'the code must be a whole number of 32-byte bundles',
    hint: 'pad the text with hlt (f4) to a multiple of 32',
  },
};

export function explain(message: string): Explanation {
  return EXPLANATIONS[message] ?? { rule: message, hint: '' };
}
