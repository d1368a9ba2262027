# exit0: the manifest suite's dummy.nexe, a valid program that only calls TrapExit(0).
        .include "nacl.inc"

        .text
NFUNC _start
        mov $exit_args, %edi
        NSYSCALL 0
        hlt

        .section .rodata
        .p2align 3
exit_args:
        .quad 0x74697845, 0, 0
