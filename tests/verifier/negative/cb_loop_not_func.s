# cb_loop_not_func.s - bpf_loop given a number as callback.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R2 type=scalar expected=func
mov %r1, 4
mov %r2, 0
mov %r3, 0
mov %r4, 0
call 181
mov %r0, 0
exit
