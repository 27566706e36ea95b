# dynptr_reserve_twice.s - a second reservation into slots that still hold
# a referenced dynptr.
# type: xdp
# expect: cannot overwrite referenced dynptr
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r0, 0
exit
