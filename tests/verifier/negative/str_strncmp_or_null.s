# str_strncmp_or_null.s - a looked-up value, not NULL-checked, as the string.
# type: xdp
# expect: R3 type=map_value_or_null expected=map_value
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
mov %r3, %r0
stdw [%r10-16], 0
mov %r1, %r10
add %r1, -16
mov %r2, 8
call 182
mov %r0, 0
exit
