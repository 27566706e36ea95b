# iter_unreleased.s - an iterator (bpf_iter_num_new: kfunc 10) never
# destroyed: an unreleased reference at exit.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: Unreleased reference id=1 alloc_insn=4
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r1, %r10
add %r1, -8
call kfunc 11
mov %r0, 0
exit
