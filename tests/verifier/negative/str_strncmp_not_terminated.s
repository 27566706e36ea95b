# str_strncmp_not_terminated.s - no NUL between the offset and the value's end.
# type: xdp
# expect: string is not zero-terminated
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 8
lddw %r3, map[idx:8]+22
call 182
mov %r0, 0
exit
