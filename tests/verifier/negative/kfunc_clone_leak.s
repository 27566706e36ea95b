# kfunc_clone_leak.s - a ring buffer record and its clone, neither
# released.
# type: xdp
# kernel: needs BTF (kfuncs)
# expect: Unreleased reference
lddw %r1, map[idx:5]
mov %r2, 16
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, %r10
add %r2, -32
call kfunc 9
mov %r0, 0
exit
