# stack_spill_ptr_h.s - a pointer stored in 2 bytes.
# type: xdp
# expect: invalid size of register spill
sth [%r10-8], 0
stxh [%r10-8], %r10
mov %r0, 0
exit
