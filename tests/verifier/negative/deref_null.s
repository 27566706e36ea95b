# deref_null.s - NULL dereferenced.
# type: xdp
# expect: R1 invalid mem access 'scalar'
mov %r1, 0
stdw [%r1+0], 0
mov %r0, 0
exit
