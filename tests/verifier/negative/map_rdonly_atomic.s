# map_rdonly_atomic.s - atomic add into a read-only map.
# type: xdp
# expect: write into map forbidden, value_size=8 off=0 size=8
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:3]
call 1
jeq %r0, 0, out
mov %r1, 1
lock add [%r0+0], %r1
out:
mov %r0, 0
exit
