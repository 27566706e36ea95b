# cf_jump_out_of_range.s - a jump past the last instruction.
# type: xdp
# expect: jump out of range from insn 1 to 5
mov %r0, 0
ja +3
exit
