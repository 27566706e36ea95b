# cf_jump_into_subprog.s - a jump from one function into another.
# type: xdp
# expect: jump out of range from insn
mov %r0, 0
call local f
ja f2
exit
f:
mov %r0, 0
f2:
exit
