/* The interpreter's warm-up program (src/cpu/warm-up.ts runs it once per process on a private
 * machine before the first real run). It reaches every handler of Machine.exec and execRare and
 * the branches inside them (every ALU op, condition code, width, operand kind, the budget edges),
 * so that V8 optimizes exec with type feedback for all of it: a later program that uses a form
 * the first one never used does not send exec back to the interpreter for a recompile.
 * Not a NaCl program (never validated); data and stack live at DATA, trampolines as in a
 * session (slot 0: return at once, slot 1: exit). scripts/gen-cpu-warm-up.ts assembles it. */
#define DATA 0x20000
#define TRAMP0 0x10000
#define TRAMP1 0x10020

        .text
        .globl warm_main, prime, edge_aljcc32, edge_aljcc64, edge_incdec, edge_nacl, edge_nops
        .globl fault_hlt, fault_ud, fault_div, fault_mem, fault_far, fault_jump
        .globl fault_load32, fault_load64, fault_store32, fault_store64, fault_movzx, fault_alurm
        .globl fault_alumr, fault_alu, fault_simd, fault_string, fault_index, fault_index_ea
        .globl fault_push, fault_pop, fault_call, fault_ret, test_hot_loop

/* all 16 condition codes as setcc into a register (reads the current lazy flags) */
.macro ALLSET
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        set\cc %dl
        .endr
.endm
/* all 16 as cmov (register forms, 32 and 64 bits) */
.macro ALLCMOV
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        cmov\cc %ecx, %edx
        cmov\cc %rcx, %rdx
        .endr
.endm
/* all 16 as a jcc right after a flag producer that cannot fuse (the branch is to the next line) */
.macro ALLJCC
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        j\cc 1f
1:
        .endr
.endm
/* cmp/test + jcc pairs (fused) for every cc; the flags are dead after each jcc */
.macro FUSED32 a, b
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        cmp \a, \b
        j\cc 1f
1:
        .endr
.endm
.macro FUSED64 a, b
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        cmp \a, \b
        j\cc 1f
1:
        .endr
.endm
/* ... and whose flags stay live after the branch (the L kinds) */
.macro FUSEDL a, b
        cmp \a, \b
        jb 1f
1:      setz %dl
.endm

warm_main:
        mov $DATA, %ebx
        lea 0xff00(%rbx), %rsp
        xor %r15d, %r15d

        /* register moves, immediates, loads and stores */
        mov $0x12345678, %eax
        mov $0x123456789abcdef0, %rcx
        mov $4, %esi
        mov %rcx, %rdi
        mov $-7, %rdx
        mov %eax, (%rbx)
        mov %rcx, 8(%rbx)
        mov (%rbx), %r8d
        mov 8(%rbx), %r9
        mov %eax, 16(%rbx,%rsi,1)
        mov 16(%rbx,%rsi,1), %r10d
        xor %esi, %esi
        mov %rcx, 32(%rbx,%rsi,8)
        mov 32(%rbx,%rsi,8), %r11
        mov %eax, DATA+64
        mov DATA+64, %r12d
        mov DATA+64(,%rsi,4), %r13
        mov %ax, 40(%rbx)
        mov %al, 41(%rbx)
        mov %ah, %cl
        mov $0x55, %bpl
        movw $7, 42(%rbx)
        movb $7, 44(%rbx)
        movl $7, 44(%rbx)
        movq $-7, 48(%rbx)
        mov 40(%rbx), %cx
        mov 41(%rbx), %cl
        mov %r8w, %r9w
        mov %eax, %eax

        /* lea: 64/32 bits, base, index, both, neither, 16-bit, 32-bit addressing */
        lea 8(%rbx), %rax
        lea 8(%rbx,%rcx,4), %rax
        lea 8(,%rcx,8), %rax
        lea 8(%rbx), %eax
        lea -8(%rbx,%rcx,2), %eax
        lea 8(,%rcx,4), %eax
        lea 3(%rcx), %ax
        lea 8(%ebx,%ecx,2), %eax
        lea 1f(%rip), %rax
1:
        /* ALU with live flags, 32 and 64 bits, register and immediate, every op */
        .irp op, add,or,adc,sbb,and,sub,xor,cmp
        \op %ecx, %eax
        setc %dl
        \op $0x1234, %eax
        setc %dl
        \op %rcx, %rax
        setc %dl
        \op $-3, %rax
        setc %dl
        .endr
        test %ecx, %eax
        setc %dl
        test $0x1234, %eax
        setc %dl
        test %rcx, %rax
        setc %dl
        test $-3, %rax
        setc %dl
        /* the same with dead flags (NF kinds) */
        .irp op, add,or,and,sub,xor
        \op %ecx, %eax
        \op $5, %eax
        \op %rcx, %rax
        \op $-5, %rax
        .endr
        add $1, %eax
        /* carries between the halves of 64-bit NF ops */
        mov $-1, %eax
        add %rax, %rax
        sub %rdx, %rcx
        mov $0xffffffff, %ecx
        add $1, %rcx
        sub $2, %rcx
        /* ALU with memory operands, every width and direction */
        .irp op, add,or,adc,sbb,and,sub,xor,cmp
        \op %eax, (%rbx)
        \op (%rbx), %eax
        \op %rax, 8(%rbx)
        \op 8(%rbx), %rax
        \op %ax, 8(%rbx)
        \op 8(%rbx), %ax
        \op %al, 9(%rbx)
        \op 9(%rbx), %al
        \op %ah, %cl
        \op %cx, %ax
        \op $3, %cl
        \op $300, %cx
        \op $3, %cx
        \op\()l $9, (%rbx)
        \op\()q $9, 8(%rbx)
        \op\()l $9, (%ebx)
        \op (%ebx), %ecx
        setc %dl
        .endr
        test %eax, (%rbx)
        test (%rbx), %eax
        test %al, %cl
        test $1, %cl
        test $2, %cx
        test %rax, 8(%rbx)
        setc %dl

        /* flag consumers after every kind of flag producer */
        mov $5, %eax
        mov $9, %ecx
        cmp %ecx, %eax
        ALLSET
        cmp %rcx, %rax
        ALLSET
        cmp %cx, %ax
        ALLSET
        cmp %cl, %al
        ALLSET
        test %ecx, %eax
        ALLSET
        test %rcx, %rax
        ALLSET
        test %cl, %al
        ALLSET
        test %cx, %ax
        ALLSET
        add %ecx, %eax
        ALLSET
        add %rcx, %rax
        ALLSET
        inc %eax
        ALLSET
        dec %rax
        ALLSET
        neg %eax
        ALLSET
        shl $3, %eax
        ALLSET
        shr $1, %rax
        ALLSET
        imul %ecx, %eax
        ALLSET
        stc
        ALLSET
        cmp %ecx, %eax
        ALLCMOV
        test %rcx, %rax
        ALLCMOV
        inc %ecx
        ALLCMOV
        cmovz (%rbx), %ecx
        cmovnz (%rbx), %ecx
        cmovz 8(%rbx), %rcx
        cmovnz 8(%rbx), %rcx
        cmovz %cx, %ax
        cmovnz %cx, %ax
        setz (%rbx)
        setnz 1(%rbx)
        setz %ah
        inc %eax
        ALLJCC
        add %rcx, %rax
        ALLJCC
        stc
        ALLJCC
        cmc
        clc
        jc 1f
        jnc 1f
1:
        /* fused compare + branch, every cc, both widths, register and immediate */
        mov $5, %eax
        mov $9, %ecx
        FUSED32 %ecx, %eax
        FUSED32 %eax, %ecx
        FUSED32 $5, %eax
        FUSED32 $-5, %eax
        mov $0x80000000, %eax
        FUSED32 $1, %eax
        FUSED64 %rcx, %rax
        FUSED64 %rax, %rcx
        FUSED64 $5, %rax
        FUSED64 $-5, %rax
        mov $1, %edx
        shl $63, %rdx
        FUSED64 %rdx, %rax
        FUSED64 %rax, %rdx
        FUSED64 $1, %rdx
        mov %rax, %rdx
        not %rdx
        FUSED64 %rdx, %rax
        /* other fused ops: sub, and, test, add, or, xor (32), sub, and, test (64) */
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        sub %ecx, %eax
        j\cc 1f
1:      and %ecx, %eax
        j\cc 1f
1:      test %ecx, %eax
        j\cc 1f
1:      sub %rcx, %rax
        j\cc 1f
1:      and %rcx, %rax
        j\cc 1f
1:      test %rcx, %rax
        j\cc 1f
1:      test $3, %rax
        j\cc 1f
1:
        .endr
        .irp cc, e,ne,s,ns,p,np
        add %ecx, %eax
        j\cc 1f
1:      or %ecx, %eax
        j\cc 1f
1:      xor %ecx, %eax
        j\cc 1f
1:      xor $5, %eax
        j\cc 1f
1:      inc %eax
        j\cc 1f
1:      dec %eax
        j\cc 1f
1:      inc %rax
        j\cc 1f
1:      dec %rax
        j\cc 1f
1:
        .endr
        mov $-1, %rax
        inc %rax
        jz 1f
1:      dec %rax
        jnz 1f
1:      xor %eax, %eax
        dec %eax
        js 1f
1:      mov $1, %eax
        dec %eax
        jz 1f
1:
        /* live flags after the branch (L kinds) */
        FUSEDL %ecx, %eax
        FUSEDL $7, %eax
        FUSEDL %rcx, %rax
        FUSEDL $7, %rax
        test %ecx, %eax
        jz 1f
1:      setnz %dl
        test %rcx, %rax
        jz 1f
1:      setnz %dl
        add %ecx, %eax
        jz 1f
1:      setc %dl
        /* branches taken and not taken */
        mov $3, %ecx
2:      dec %ecx
        jnz 2b
        mov $3, %ecx
2:      sub $1, %ecx
        jnz 2b
        mov $3, %rcx
2:      sub $1, %rcx
        cmp $0, %rcx
        jne 2b
        mov $3, %ecx
2:      dec %ecx
        setz %dl
        jnz 2b
        jmp 1f
        hlt
1:
        /* shifts and rotates: dead and live flags, immediate and CL, both widths, counts 0/<32/>=32 */
        mov $0x12345678, %eax
        mov $0x9abcdef012345678, %rdx
        .irp op, shl,shr,sar,rol,ror
        \op $0, %eax
        \op $5, %eax
        \op $0, %rdx
        \op $5, %rdx
        \op $32, %rdx
        \op $37, %rdx
        mov $3, %ecx
        \op %cl, %eax
        \op %cl, %rdx
        mov $0, %ecx
        \op %cl, %eax
        \op %cl, %rdx
        mov $40, %ecx
        \op %cl, %rdx
        \op $1, %eax
        setc %dl
        \op $1, %rdx
        setc %dl
        \op %cl, %eax
        setc %dl
        \op %cl, %rdx
        setc %dl
        \op $3, %cx
        \op $1, %al
        \op %cl, %ah
        \op\()l $3, (%rbx)
        \op\()q %cl, 8(%rbx)
        \op\()w $1, 8(%rbx)
        setc %dl
        .endr
        add $1, %eax
        .irp op, rcl,rcr
        \op $1, %eax
        \op $3, %rdx
        \op %cl, %eax
        \op %cl, %rdx
        \op $1, %al
        \op $5, %cx
        \op\()l $1, (%rbx)
        .endr
        add $1, %eax
        mov $4, %ecx
        shld $3, %eax, %edx
        shrd $3, %eax, %edx
        shld %cl, %rax, %rdx
        shrd %cl, %rax, %rdx
        shld $3, %ax, %dx
        shrd %cl, %ax, %dx
        shld $3, %eax, (%rbx)
        shrd %cl, %rax, 8(%rbx)
        mov $0, %ecx
        shld %cl, %eax, %edx
        shrd %cl, %rax, %rdx
        setc %dl
        /* not, neg, inc, dec in every width and on memory */
        not %eax
        not %rax
        not %ax
        not %al
        notl (%rbx)
        notq 8(%rbx)
        neg %eax
        neg %rax
        neg %cx
        neg %cl
        negl (%rbx)
        inc %eax
        inc %rax
        dec %eax
        dec %rax
        mov $-1, %rax
        inc %rax
        dec %rax
        mov $-1, %eax
        inc %eax
        inc %cx
        dec %cl
        incl (%rbx)
        decq 8(%rbx)
        incw 8(%rbx)
        decb 9(%rbx)
        add $1, %eax
        inc %eax
        setz %dl
        dec %rax
        setz %dl
        /* multiply and divide */
        mov $7, %eax
        mov $9, %ecx
        imul %ecx, %eax
        imul $13, %ecx, %eax
        imul %rcx, %rax
        imul $-13, %rcx, %rax
        imul (%rbx), %eax
        imul 8(%rbx), %rax
        imul $3, (%rbx), %eax
        imul %cx, %ax
        imul %ecx, %eax
        setc %dl
        mov $7, %eax
        xor %edx, %edx
        mul %ecx
        imul %ecx
        mul %rcx
        imul %rcx
        mul %cx
        imul %cl
        mull (%rbx)
        mov $100, %eax
        xor %edx, %edx
        div %ecx
        xor %edx, %edx
        idiv %ecx
        xor %edx, %edx
        div %rcx
        cqo
        idiv %rcx
        xor %edx, %edx
        div %cx
        div %cl
        cdq
        idivl (%rbx)
        setc %dl
        /* movzx / movsx */
        movzbl (%rbx), %eax
        movzwl (%rbx), %eax
        movzbq 1(%rbx), %rax
        movzwq 2(%rbx), %rax
        movzbl %cl, %eax
        movzwl %cx, %eax
        movzbl %ah, %eax
        movzwq %cx, %rax
        movzbw %cl, %ax
        movzbl (%ebx), %eax
        movsbl (%rbx), %eax
        movswl (%rbx), %eax
        movsbq %cl, %rax
        movswq %cx, %rax
        movslq %ecx, %rax
        movslq (%rbx), %rax
        movsbw %cl, %ax
        /* stack: push/pop of registers, memory, immediates, 16 bits */
        push %rax
        push %r13
        pop %rcx
        pop %r14
        pushq (%rbx)
        popq 8(%rbx)
        pushq $7
        pushw $7
        popw %ax
        pushw %cx
        popw 8(%rbx)
        push %rsp
        pop %rsp
        /* calls and returns, direct and indirect, to text and to the trampolines */
        call 10f
        lea 10f(%rip), %rax
        call *%rax
        lea 1f(%rip), %rax
        jmp *%rax
1:      lea 11f(%rip), %rax
        mov %rax, (%rbx)
        call *(%rbx)
        lea 1f(%rip), %rax
        mov %rax, (%rbx)
        jmp *(%rbx)
1:      call TRAMP0
        mov $TRAMP0, %eax
        call *%rax
        lea 1f(%rip), %rax
        push %rax
        jmp TRAMP0
1:      lea 1f(%rip), %rax
        push %rax
        mov $TRAMP0, %eax
        jmp *%rax
1:      lea 1f(%rip), %rax
        push %rax
        xor %eax, %eax
        cmp %eax, %eax
        je TRAMP0
1:      lea 1f(%rip), %rax
        push %rax
        xor %eax, %eax
        cmp %rax, %rax
        je TRAMP0
1:      lea 1f(%rip), %rax
        push %rax
        xor %eax, %eax
        dec %eax
        jnz TRAMP0
1:      lea 1f(%rip), %rax
        push %rax
        stc
        jc TRAMP0
1:      mov $TRAMP0, %eax
        mov %rax, (%rbx)
        call *(%rbx)
        /* the NaCl masked jumps (fused triples) */
        lea 20f(%rip), %rax
        and $-32, %eax
        add %r15, %rax
        jmp *%rax
        hlt
        .p2align 5
20:     lea 21f(%rip), %rcx
        and $-32, %ecx
        add %r15, %rcx
        call *%rcx
        jmp 22f
        .p2align 5
21:     ret
22:     mov $TRAMP0, %eax
        and $-32, %eax
        add %r15, %rax
        call *%rax
        /* loop, loope, loopne, jrcxz, jecxz */
        mov $3, %ecx
1:      loop 1b
        mov $3, %ecx
        cmp %ecx, %ecx
1:      loope 1b
        mov $3, %ecx
1:      loopne 1b
        jrcxz 1f
1:      jecxz 1f
1:      mov $1, %ecx
        jrcxz 1f
1:      mov $2, %ecx
        addr32 loop 1f
1:
        /* bit operations */
        mov $0x1234, %eax
        mov $5, %ecx
        .irp op, bt,bts,btr,btc
        \op $3, %eax
        \op $35, %rax
        \op %ecx, %eax
        \op %rcx, %rax
        \op %cx, %ax
        \op\()l $3, (%rbx)
        \op %ecx, (%rbx)
        \op %rcx, 8(%rbx)
        \op %cx, 8(%rbx)
        setc %dl
        .endr
        mov $-9, %rcx
        bt %rcx, 64(%rbx)
        bts %ecx, 64(%rbx)
        .irp op, bsf,bsr,popcnt,lzcnt,tzcnt
        \op %ecx, %eax
        \op %rcx, %rax
        \op %cx, %ax
        \op (%rbx), %eax
        xor %ecx, %ecx
        \op %ecx, %eax
        \op %rcx, %rax
        setz %dl
        mov $0x1000, %ecx
        .endr
        bswap %eax
        bswap %rax
        .byte 0x66, 0x0f, 0xc8 /* bswap ax */
        movbe (%rbx), %eax
        movbe 8(%rbx), %rax
        movbe (%rbx), %ax
        movbe %eax, (%rbx)
        movbe %rax, 8(%rbx)
        movbe %ax, 16(%rbx)
        crc32b %cl, %eax
        crc32w %cx, %eax
        crc32l %ecx, %eax
        crc32q %rcx, %rax
        crc32l (%rbx), %eax
        /* exchanges */
        xchg %eax, %ecx
        xchg %rax, %rcx
        xchg %ax, %cx
        xchg %al, %cl
        xchg %eax, (%rbx)
        xchg %rax, 8(%rbx)
        xadd %eax, %ecx
        xadd %rax, 8(%rbx)
        xadd %ax, %cx
        xadd %al, (%rbx)
        mov (%rbx), %eax
        cmpxchg %ecx, (%rbx)
        cmpxchg %ecx, (%rbx)
        mov 8(%rbx), %rax
        cmpxchg %rcx, 8(%rbx)
        cmpxchg %rcx, %rdx
        cmpxchg %cx, %dx
        cmpxchg %cl, %dl
        mov %edx, %eax
        cmpxchg %cl, %dl
        cmpxchg %cx, 8(%rbx)
        mov (%rbx), %eax
        mov 4(%rbx), %edx
        cmpxchg8b (%rbx)
        cmpxchg8b (%rbx)
        mov 16(%rbx), %rax
        mov 24(%rbx), %rdx
        cmpxchg16b 16(%rbx)
        cmpxchg16b 16(%rbx)
        setz %dl
        /* accumulator conversions */
        cbw
        cwde
        cdqe
        cwd
        cdq
        cqo
        /* string operations: every op, width and repeat prefix, both directions */
        lea 0x100(%rbx), %rsi
        lea 0x200(%rbx), %rdi
        mov $4, %ecx
        .irp op, movs,cmps,stos,lods,scas
        \op\()b
        \op\()w
        \op\()l
        \op\()q
        .endr
        mov $4, %ecx
        rep movsb
        mov $4, %ecx
        rep movsq
        mov $4, %ecx
        rep stosb
        mov $4, %ecx
        rep stosl
        mov $4, %ecx
        repe cmpsb
        mov $4, %ecx
        repne scasb
        mov $4, %ecx
        repe scasw
        mov $4, %ecx
        rep lodsb
        std
        mov $4, %ecx
        rep movsb
        movsl
        cld
        lea 0x100(%ebx), %esi
        lea 0x200(%ebx), %edi
        mov $4, %ecx
        addr32 rep movsb
        addr32 stosb
        setz %dl
        /* flags, cpuid, rdtsc, nops */
        lahf
        sahf
        clc
        stc
        cmc
        setc %dl
        xor %eax, %eax
        xor %ecx, %ecx
        cpuid
        mov $1, %eax
        cpuid
        mov $7, %eax
        xor %ecx, %ecx
        cpuid
        mov $0x80000001, %eax
        cpuid
        mov $0x40000000, %eax
        cpuid
        rdtsc
        mov $DATA, %ebx
        nop
        nop
        xchg %ax, %ax
        nopl 0(%rax,%rax,1)
        pause
        lfence
        mfence
        sfence
        prefetchnta (%rbx)
        /* one SIMD form of each operand shape (src/simd has its own dispatch) */
        movq %rax, %xmm0
        movdqu (%rbx), %xmm1
        paddd %xmm1, %xmm0
        addsd 8(%rbx), %xmm0
        movdqu %xmm0, 16(%rbx)
        pshufd $0x1b, %xmm0, %xmm2
        cvttsd2si %xmm0, %eax
        comisd %xmm1, %xmm0
        setz %dl
        call TRAMP1
10:     ret
11:     ret $0
        /* (not reached: ends after the exit trampoline) */

/* run first, a few times: V8 gives a function its feedback vector only after some calls, and
 * collects nothing before; this calls exec, execRare and the common helpers enough */
prime:
        mov $DATA, %ebx
        mov $64, %ecx
1:      cld
        add %ecx, %eax
        setc %dl
        add %al, (%rbx)
        movzbl (%rbx), %eax
        dec %ecx
        jnz 1b
        call TRAMP1

/* (tests only: not run by the warm-up) a register loop, rcx times, that makes exec hot on a few kinds */
test_hot_loop:
1:      add %edx, %eax
        xor %eax, %esi
        dec %ecx
        jnz 1b
        hlt

/* entered through setRip with a budget of 1 or 2: the budget ends inside a fused pair or triple */
edge_aljcc32:
        cmp %ecx, %eax
        jz 1f
1:      sub %ecx, %eax
        jnz 1f
1:      cmp %ecx, %eax
        jz 1f
1:      setz %dl
        hlt
edge_aljcc64:
        cmp %rcx, %rax
        jz 1f
1:      sub %rcx, %rax
        jnz 1f
1:      hlt
edge_incdec:
        dec %ecx
        jnz 1f
1:      inc %rcx
        jnz 1f
1:      hlt
edge_nacl:
        and $-32, %eax
        add %r15, %rax
        jmp *%rax
edge_nops:
        nop
        nop
        nop
        nop
        hlt
/* faults: each ends the run (entered through setRip) */
fault_hlt:
        hlt
fault_ud:
        ud2
fault_div:
        xor %ecx, %ecx
        div %ecx
fault_mem:
        mov $0x40000000, %eax
        mov (%rax), %eax
fault_far:
        mov $1, %eax
        shl $32, %rax
        mov (%rax), %ecx
fault_jump:
        mov $0x50000, %eax
        jmp *%rax
/* addresses at or above 2^31 (a session's stack is near the top of the 4 GiB): the address
 * arithmetic leaves small integers; unmapped here, so each of these ends in a fault */
fault_load32:
        mov $0xf0000000, %eax
        mov $4, %ecx
        lea 8(%rax,%rcx,4), %rdx
        lea 8(%rax), %rdx
        lea 8(%rax,%rcx,4), %edx
        mov $0xf0000000, %ecx
        lea 8(%rax,%rcx,2), %rdx
        lea 8(,%rcx,8), %rdx
        mov $4, %ecx
        mov 8(%rax,%rcx,4), %edx
fault_load64:
        mov $0xf0000000, %eax
        mov 8(%rax), %rdx
fault_store32:
        mov $0xf0000000, %eax
        mov %edx, 8(%rax)
fault_store64:
        mov $0xf0000000, %eax
        mov %rdx, 8(%rax,%rcx,8)
fault_movzx:
        mov $0xf0000000, %eax
        movzbl 8(%rax), %edx
fault_alurm:
        mov $0xf0000000, %eax
        add 8(%rax), %edx
fault_alumr:
        mov $0xf0000000, %eax
        add %edx, 8(%rax)
fault_alu:
        mov $0xf0000000, %eax
        addq $1, 8(%rax)
fault_simd:
        mov $0xf0000000, %eax
        movdqu 16(%rax), %xmm0
fault_index:
        mov $0xf0000000, %ecx
        movzbl 8(,%rcx,1), %edx
fault_index_ea:
        mov $0xf0000000, %ecx
        addq $1, 8(,%rcx,1)
fault_string:
        mov $0xf0000000, %esi
        mov $0xf0001000, %edi
        movsb
fault_push:
        mov $0xf0000000, %esp
        push %rax
fault_pop:
        mov $0xf0000000, %esp
        pop %rax
fault_call:
        mov $0xf0000000, %esp
        call fault_call
fault_ret:
        mov $0xf0000000, %esp
        ret
