# cf_no_exit.s - the last instruction is not an exit.
# type: xdp
# expect: last insn is not an exit or jmp
mov %r0, 0
exit
mov %r0, 1
