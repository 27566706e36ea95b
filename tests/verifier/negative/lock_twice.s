# lock_twice.s - the same lock taken twice.
# type: xdp
# expect: function calls are not allowed while holding a lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
call 93
mov %r1, %r6
call 93
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
