# lock_hash_unchecked.s - a hash lookup's value, not NULL-checked, as the lock.
# type: xdp
# expect: R1 type=map_value_or_null expected=map_value
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:10]
call 1
mov %r1, %r0
call 93
mov %r0, 0
exit
