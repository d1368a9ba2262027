# setjmp/longjmp for the x32 ABI, written as ordinary (unsandboxed) assembly:
# zvm cc's sandboxing pass rewrites it like gcc output (the %rsp/%rbp loads
# become 32-bit loads plus a rebase on %r15, the return jump a nacljmp).
# jmp_buf: rbx, rbp, r12, r13, r14, rsp after return, return address.
	.text
	.p2align 5
	.globl	setjmp
	.type	setjmp, @function
setjmp:
	movq	%rbx, (%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, 40(%rdi)
	movq	(%rsp), %rax
	movq	%rax, 48(%rdi)
	xorl	%eax, %eax
	ret
	.size	setjmp, .-setjmp

	.p2align 5
	.globl	longjmp
	.type	longjmp, @function
longjmp:
	movl	%esi, %eax
	testl	%eax, %eax
	jne	1f
	movl	$1, %eax
1:
	movq	(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %rsp
	movq	48(%rdi), %rdx
	jmp	*%rdx
	.size	longjmp, .-longjmp
	.section	.note.GNU-stack,"",@progbits
