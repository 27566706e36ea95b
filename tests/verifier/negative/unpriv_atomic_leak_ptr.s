# unpriv_atomic_leak_ptr.s - an atomic add of the frame pointer into a map
# value.
# type: socket_filter
# mode: unpriv
# expect: R10 leaks addr into mem
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
lock add [%r0+0], %r10
out:
mov %r0, 0
exit
