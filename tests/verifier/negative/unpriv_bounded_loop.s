# unpriv_bounded_loop.s - four iterations: a loop, which needs CAP_BPF.
# type: socket_filter
# mode: unpriv
# expect: back-edge from insn 2 to 1
mov %r0, 0
l:
add %r0, 1
jlt %r0, 4, l
mov %r0, 0
exit
