# timer_cb_ret_one.s - a timer callback that returns 1.
# type: xdp
# funcs: prog s_scalar
# expect: At async callback return the register R0 has smin=1 smax=1 should have been in [0, 0]
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
lddw %r2, map[idx:12]
mov %r3, 1
call 169
mov %r1, %r6
lddw %r2, subprog[cb]
call 170
out:
mov %r0, 0
exit
cb:
mov %r0, 1
exit
