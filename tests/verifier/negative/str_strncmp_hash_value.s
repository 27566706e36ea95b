# str_strncmp_hash_value.s - a hash map value is writable: not a constant string.
# type: xdp
# expect: R3 does not point to a readonly map'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r3, %r0
stdw [%r10-16], 0
mov %r1, %r10
add %r1, -16
mov %r2, 8
call 182
out:
mov %r0, 0
exit
