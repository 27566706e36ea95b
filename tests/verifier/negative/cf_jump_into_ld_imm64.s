# cf_jump_into_ld_imm64.s - a jump into the second half of an lddw.
# type: xdp
# expect: jump into the middle of ldimm64 insn 2
mov %r0, 0
jeq %r0, 0, +1
lddw %r0, 1
exit
