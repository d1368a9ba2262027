# call-fuzzer: makes the calls its stdin describes, for test/session/call-fuzz.test.ts.
# First it writes the addresses of `pool` and `rec` (2 x uint32) to stdout, so that the test can aim
# arguments at them. Then, per 128-byte record read from stdin:
#   rec+0   slot (its low 8 bits: 0 is the ZeroVM trap, 1..150 NaCl calls, the rest hlt-filled slots)
#   rec+8   %rdi, %rsi, %rdx, %rcx, %r8, %r9 (6 x uint64)
#   rec+56  the ZeroVM trap's argument block (8 x uint64; %edi points at it when the slot is 0)
# it calls the slot and writes %eax (uint32) to stdout. A short read ends the program (Exit 0).
        .include "nacl.inc"
        .set READ, 0x64616552
        .set WRITE, 0x74697257
        .set EXIT, 0x74697845

        .text
NFUNC _start
        mov $pool, %eax
        mov %eax, result(%rip)
        mov $write_result, %edi
        NSYSCALL 0
        mov $rec, %eax
        mov %eax, result(%rip)
        mov $write_result, %edi
        NSYSCALL 0
next:
        mov $read_rec, %edi
        NSYSCALL 0
        cmp $128, %eax
        jne done
        mov rec(%rip), %eax
        and $0xff, %eax
        mov rec+8(%rip), %rdi
        test %eax, %eax
        jne 1f
        mov $rec+56, %edi
1:
        mov rec+16(%rip), %rsi
        mov rec+24(%rip), %rdx
        mov rec+32(%rip), %rcx
        mov rec+40(%rip), %r8
        mov rec+48(%rip), %r9
        shl $5, %eax
        add $0x10000, %eax
        NCALLR %eax, %rax
        mov %eax, result(%rip)
        mov $write_result, %edi
        NSYSCALL 0
        jmp next
done:
        mov $exit_zero, %edi
        NSYSCALL 0
        hlt

        .data
        .p2align 3
read_rec:
        .quad READ, 0, 0, rec, 128, 0
write_result:
        .quad WRITE, 0, 1, result, 4, 0
exit_zero:
        .quad EXIT, 0, 0
result:
        .long 0
        .p2align 5
rec:
        .fill 128, 1, 0
# Paths and a writable scratch area for pointer arguments.
pool:
        .asciz "/dev/stdin"
        .asciz "/"
        .asciz "/tmp"
        .asciz "/dev/stdout"
        .asciz "x"
        .asciz ".."
        .asciz "/a"
        .asciz "/d/b"
        .p2align 6
        .fill 4096, 1, 0
