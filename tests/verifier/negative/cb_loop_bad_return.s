# cb_loop_bad_return.s - a bpf_loop callback returning 2.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]
stdw [%r10-8], 0
mov %r1, 10
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 181
mov %r0, 0
exit
cb:
mov %r0, 2
exit
