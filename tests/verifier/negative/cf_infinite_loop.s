# cf_infinite_loop.s - jump to itself.
# type: xdp
# expect: infinite loop detected at insn 1
mov %r0, 0
l:
ja l
