# map_rdonly_prog_write.s - store into a BPF_F_RDONLY_PROG map.
# type: xdp
# expect: write into map forbidden, value_size=8 off=0 size=4
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:3]
call 1
jeq %r0, 0, out
stw [%r0+0], 1
out:
mov %r0, 0
exit
