# call_leak_in_callee.s - a record reserved in a subprogram and never released.
# type: xdp
# expect: Unreleased reference id=2 alloc_insn=7
call local f
mov %r0, 0
exit
f:
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
mov %r0, 0
exit
