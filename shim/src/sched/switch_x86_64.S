/* The task-to-task switch's x86-64 tail (sched/switch_tail.hpp): Boost.Context's jump_fcontext, entered so that the resumed task lands straight in its caller. */
/*
 * void kshim_switch(fcontext_t to, fcontext_t *slot)
 *
 * Suspends the calling context and resumes `to`, passing `slot` (where the caller's context
 * is to be kept) as jump_fcontext's data. It returns when someone resumes the caller again.
 * On the way back no `ret` follows the switch: the landing stores the resumer's context in the
 * slot the resumer passed, then jumps to the caller's return address. A `ret` there would pop
 * the return-stack predictor's entry of the task that switched away, a mispredict on every
 * switch (docs/performance.md, "The return after a switch"). Callers reach this by a tail
 * call, so the return address is the module's call of schedule().
 * With kshim_switch_slow set (a stack dump requested of the resumed task), the landing calls
 * kshim_switch_landed() first, with a proper frame for the unwinder.
 * Preserves the callee-saved registers (jump_fcontext saves and restores them).
 */
    .text
    .globl  kshim_switch
    .hidden kshim_switch
    .type   kshim_switch, @function
    .p2align 4
kshim_switch:
    .cfi_startproc
    endbr64
    leaq    .Lland(%rip), %rax
    pushq   %rax                    /* jump_fcontext keeps this as the return address */
    .cfi_adjust_cfa_offset 8
    jmpq    *jump_fcontext@GOTPCREL(%rip)   /* no PLT stub: one indirect jump */
.Lland:                             /* resumed: rax = the resumer's context, rdx = its slot */
    .cfi_adjust_cfa_offset -8
    endbr64
    movq    %rax, (%rdx)
    cmpb    $0, kshim_switch_slow(%rip)
    jne     .Lslow
    popq    %rcx
    .cfi_adjust_cfa_offset -8
    jmp     *%rcx
.Lslow:
    .cfi_adjust_cfa_offset 8
    subq    $8, %rsp
    .cfi_adjust_cfa_offset 8
    call    kshim_switch_landed
    addq    $8, %rsp
    .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
    .size   kshim_switch, .-kshim_switch

    .section .note.GNU-stack,"",@progbits
