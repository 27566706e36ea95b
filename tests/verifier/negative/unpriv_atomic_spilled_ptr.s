# unpriv_atomic_spilled_ptr.s - an atomic add on a spilled context pointer
# turns it into a number the program can read.
# type: socket_filter
# mode: unpriv
# expect: leaking pointer from stack off -8
stxdw [%r10-8], %r1
mov %r2, 1
lock add [%r10-8], %r2
mov %r0, 0
exit
