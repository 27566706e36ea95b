# cf_unreachable.s - dead instructions after exit.
# type: xdp
# expect: unreachable insn 2
mov %r0, 0
exit
mov %r0, 0
exit
