# rb_ld_abs_with_ref.s - a legacy packet load while a record is reserved.
# type: socket_filter
# expect: BPF_LD_[ABS|IND] would lead to reference leak
mov %r6, %r1
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r7, %r0
ldabsb 0
mov %r1, %r7
mov %r2, 0
call 133
out:
mov %r0, 0
exit
