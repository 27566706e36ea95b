# rb_submit_then_discard.s - submitted, then discarded.
# type: xdp
# expect: R1 type=scalar expected=ringbuf_mem
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
mov %r2, 0
call 132
mov %r1, %r6
mov %r2, 0
call 133
out:
mov %r0, 0
exit
