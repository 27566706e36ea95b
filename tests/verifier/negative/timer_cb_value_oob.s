# timer_cb_value_oob.s - a timer callback writes past its value (R3, 24 bytes).
# type: xdp
# funcs: prog s_scalar
# expect: invalid access to map value, value_size=24 off=24 size=8
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
stdw [%r3+24], 0
mov %r0, 0
exit
