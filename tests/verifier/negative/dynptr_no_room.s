# dynptr_no_room.s - a dynptr at fp-8: its 16 bytes would cross the frame.
# type: xdp
# expect: cannot pass in dynptr at an offset=-8
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -8
call 198
mov %r0, 0
exit
