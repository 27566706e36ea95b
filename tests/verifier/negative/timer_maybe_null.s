# timer_maybe_null.s - the lookup's result used as a timer before its NULL check.
# type: xdp
# expect: R1 type=map_value_or_null expected=map_value
ldxw %r3, [%r1+16]
stxw [%r10-4], %r3
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
mov %r1, %r0
call 172
mov %r0, 0
exit
