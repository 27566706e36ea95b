# str_strncmp_var_off.s - a variable offset into the strings.
# type: xdp
# expect: R3 is not a constant address'
stdw [%r10-8], 0
call 7
and %r0, 1
mov %r1, %r10
add %r1, -8
mov %r2, 8
lddw %r3, map[idx:8]+0
add %r3, %r0
call 182
mov %r0, 0
exit
