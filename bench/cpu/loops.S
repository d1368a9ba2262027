# Integer loops for the interpreter benchmark. Each loop is a function entry on a bundle start;
# the bench runs them with the iteration count in %edi and stops at the hlt that follows.
        .text
        .p2align 5
        .globl alu_loop
alu_loop:                       # 5 instructions per iteration: register ALU + branch
        mov %edi, %ecx
        xor %eax, %eax
1:      add %ecx, %eax
        xor %edx, %eax
        lea 1(%rax,%rcx,2), %edx
        sub $1, %ecx
        jnz 1b
        hlt

        .p2align 5
        .globl mem_loop
mem_loop:                       # 7 instructions per iteration: sandboxed load/add/store + 64-bit add
        mov %edi, %ecx
        mov $0x30000, %esi
        xor %eax, %eax
1:      mov %ecx, %edx
        and $1023, %edx
        mov 0x30000(%r15,%rdx,4), %eax
        add %rcx, %rax
        mov %eax, 0x30000(%r15,%rdx,4)
        dec %ecx
        jnz 1b
        hlt
