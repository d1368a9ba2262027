/* Integer loops for bench/cpu/run.ts, assembled twice with gcc: as a flat chunk the interpreter
 * runs at 0x20000 (each loop ends in hlt, which ends the run), and with -DNATIVE for the native
 * driver (each loop returns). Iteration count in %edi; memory through %r15 like NaCl code. */
#ifdef NATIVE
#define END ret
#else
#define END hlt
#endif
        .text
        .p2align 5
        .globl alu_loop
alu_loop:                       /* 5 instructions per iteration: register ALU + branch */
        mov %edi, %ecx
        xor %eax, %eax
1:      add %ecx, %eax
        xor %edx, %eax
        lea 1(%rax,%rcx,2), %edx
        sub $1, %ecx
        jnz 1b
        END

        .p2align 5
        .globl mem_loop
mem_loop:                       /* 7 instructions per iteration: sandboxed load, 64-bit add, store */
        mov %edi, %ecx
        xor %eax, %eax
1:      mov %ecx, %edx
        and $1023, %edx
        mov 0x30000(%r15,%rdx,4), %eax
        add %rcx, %rax
        mov %eax, 0x30000(%r15,%rdx,4)
        dec %ecx
        jnz 1b
        END

        .p2align 5
        .globl mix_loop
mix_loop:                       /* 10 instructions per iteration: shifts, imul, cmov, setcc, 64-bit ops */
        mov %edi, %ecx
        mov $0x9e3779b97f4a7c15, %rax
        xor %edx, %edx
1:      mov %rax, %rsi
        shr $29, %rsi
        xor %rsi, %rax
        imul $0x5bd1e995, %eax, %eax
        cmp %edx, %eax
        cmovb %eax, %edx
        setg %sil
        add %rsi, %rax
        sub $1, %ecx
        jnz 1b
        END

        .p2align 5
        .globl rot_loop
rot_loop:                       /* 10 instructions per iteration: sha256-like rotates, and, xor, not, packed dword ops */
        mov %edi, %ecx
        mov $0x6a09e667, %eax
        mov $0xbb67ae85, %edx
        pxor %xmm1, %xmm1
1:      mov %eax, %esi
        ror $6, %esi
        rol $7, %eax
        xor %esi, %eax
        and %edx, %esi
        not %edx
        add %esi, %edx
        paddd %xmm1, %xmm0
        pslld $3, %xmm1
        sub $1, %ecx
        jnz 1b
        END

        .p2align 5
        .globl fp_loop
fp_loop:                        /* 10 instructions per iteration: nbody-like SSE2 double arithmetic */
        mov %edi, %ecx
        mov $0x3ff8000000000000, %rax   /* 1.5 */
        movq %rax, %xmm0
        mov $0x3fe0000000000000, %rax   /* 0.5 */
        movq %rax, %xmm1
        unpcklpd %xmm0, %xmm0           /* both lanes normal numbers */
        unpcklpd %xmm1, %xmm1
        movapd %xmm0, %xmm2
1:      movapd %xmm0, %xmm3
        mulsd %xmm1, %xmm3
        addsd %xmm2, %xmm3
        subsd %xmm1, %xmm3
        sqrtsd %xmm3, %xmm4
        divsd %xmm4, %xmm3
        mulpd %xmm1, %xmm2
        addpd %xmm0, %xmm2
        sub $1, %ecx
        jnz 1b
        END
