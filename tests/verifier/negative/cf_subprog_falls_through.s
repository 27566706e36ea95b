# cf_subprog_falls_through.s - a subprogram that runs into the next one.
# type: xdp
# expect: last insn is not an exit or jmp
call local f
call local g
mov %r0, 0
exit
f:
mov %r0, 0
g:
mov %r0, 1
exit
