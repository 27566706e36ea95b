# rb_write_past_record.s - write past the 8-byte record.
# type: xdp
# expect: invalid access to memory, mem_size=8 off=8 size=8
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
stdw [%r0+8], 1
mov %r1, %r0
mov %r2, 0
call 132
out:
mov %r0, 0
exit
