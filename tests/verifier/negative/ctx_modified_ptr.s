# ctx_modified_ptr.s - context pointer moved before a load.
# type: xdp
# expect: dereference of modified ctx ptr R1 off=4 disallowed
add %r1, 4
ldxw %r0, [%r1+0]
exit
