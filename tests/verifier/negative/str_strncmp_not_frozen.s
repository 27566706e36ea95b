# str_strncmp_not_frozen.s - read-only to programs but not frozen: the host may change it.
# type: xdp
# expect: R3 does not point to a readonly map'
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 8
lddw %r3, map[idx:3]+0
call 182
mov %r0, 0
exit
