# rb_use_after_submit.s - write into the record after submitting it.
# type: xdp
# expect: R6 invalid mem access 'scalar'
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
mov %r2, 0
call 132
stdw [%r6+0], 1
out:
mov %r0, 0
exit
