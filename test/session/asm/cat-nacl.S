# cat-nacl: copies stdin to stdout with the NaCl calls read (slot 12) and write (slot 13) until
# read returns 0 or an error, then exits with the number of bytes copied.
        .include "nacl.inc"

        .text
NFUNC _start
        xor %ebx, %ebx                  # bytes copied (callee-saved)
next:
        mov $0, %edi
        mov $buf, %esi
        mov $4096, %edx
        NSYSCALL 12                     # read(0, buf, 4096)
        test %eax, %eax
        jle done
        add %eax, %ebx
        mov $1, %edi
        mov $buf, %esi
        mov %eax, %edx
        NSYSCALL 13                     # write(1, buf, n)
        jmp next
done:
        mov %ebx, %edi
        NSYSCALL 30                     # exit(bytes copied)
        hlt

        .data
buf:
        .fill 4096, 1, 0
