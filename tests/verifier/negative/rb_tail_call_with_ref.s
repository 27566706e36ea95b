# rb_tail_call_with_ref.s - a tail call while a record is reserved.
# type: xdp
# expect: tail_call would lead to reference leak
mov %r6, %r1
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r7, %r0
mov %r1, %r6
lddw %r2, map[idx:6]
mov %r3, 0
call 12
mov %r1, %r7
mov %r2, 0
call 132
out:
mov %r0, 0
exit
