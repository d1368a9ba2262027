# brk-regrow: grows the break by 1.5 GiB, writes 0x5a to the last new byte, shrinks the break back
# and grows it again, then writes (uint32 x 3) the first break, the grown break and the byte read
# back from that place to stdout (test/session/zero-pages.test.ts).
        .include "nacl.inc"
        .text
NFUNC _start
        xor %edi, %edi
        NSYSCALL 20
        mov %eax, out(%rip)
        lea 0x60000000(%rax), %edi
        NSYSCALL 20
        mov %eax, out+4(%rip)
        .bundle_lock
        sub $1, %eax
        movb $0x5a, (%r15,%rax,1)
        .bundle_unlock
        mov out(%rip), %edi
        NSYSCALL 20
        mov out+4(%rip), %edi
        NSYSCALL 20
        mov out+4(%rip), %eax
        .bundle_lock
        sub $1, %eax
        movzbl (%r15,%rax,1), %ecx
        .bundle_unlock
        mov %ecx, out+8(%rip)
        mov $write_args, %edi
        NSYSCALL 0
        mov $exit_args, %edi
        NSYSCALL 0
        hlt

        .data
        .p2align 3
write_args:
        .quad 0x74697257, 0, 1, out, 12, 0
exit_args:
        .quad 0x74697845, 0, 0
out:
        .long 0, 0, 0
