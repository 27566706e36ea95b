# rb_no_null_check.s - reserve's result used without a NULL check.
# type: xdp
# expect: R0 invalid mem access 'ringbuf_mem_or_null'
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
stdw [%r0+0], 1
mov %r1, %r0
mov %r2, 0
call 132
mov %r0, 0
exit
