# cat-trap: copies handle 0 to handle 1 with the ZeroVM trap (TrapRead / TrapWrite) until a read
# returns 0 or an error, then TrapExit(bytes copied).
        .include "nacl.inc"

        .text
NFUNC _start
        xor %ebx, %ebx                  # bytes copied (callee-saved)
next:
        mov $read_args, %edi
        NSYSCALL 0                      # TrapRead(0, buf, 4096, 0)
        test %eax, %eax
        jle done
        add %eax, %ebx
        mov %eax, write_args+32(%rip)   # size of the write
        mov $write_args, %edi
        NSYSCALL 0                      # TrapWrite(1, buf, n, 0)
        jmp next
done:
        mov %ebx, exit_args+16(%rip)
        mov $exit_args, %edi
        NSYSCALL 0                      # TrapExit(bytes copied)
        hlt

        .data
        .p2align 3
read_args:
        .quad 0x64616552, 0, 0, buf, 4096, 0
write_args:
        .quad 0x74697257, 0, 1, buf, 0, 0
exit_args:
        .quad 0x74697845, 0, 0
buf:
        .fill 4096, 1, 0
