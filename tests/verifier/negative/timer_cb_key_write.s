# timer_cb_key_write.s - a timer callback writes its key (R2, read-only).
# type: xdp
# funcs: prog s_scalar
# expect: write to change key R2 not allowed
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
stw [%r2+0], 0
mov %r0, 0
exit
