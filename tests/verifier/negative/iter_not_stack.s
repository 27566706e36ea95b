# iter_not_stack.s - an iterator argument that is not on the stack.
# type: xdp
# kernel: needs BTF (kfuncs)
# expect: arg#0 expected pointer to an iterator on stack
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r0, 0
exit
