# unpriv_leak_ptr_into_map.s - a map value pointer stored into the map value:
# a privileged loader may keep pointers in maps, an unprivileged one not.
# type: socket_filter
# mode: unpriv
# expect: R0 leaks addr into map
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
stxdw [%r0+0], %r0
out:
mov %r0, 0
exit
