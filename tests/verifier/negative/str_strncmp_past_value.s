# str_strncmp_past_value.s - the string pointer is moved past the value.
# type: xdp
# expect: invalid access to map value, value_size=32 off=40 size=-8
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 8
lddw %r3, map[idx:8]+0
add %r3, 40
call 182
mov %r0, 0
exit
