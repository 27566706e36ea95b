# alu_ptr_plus_ptr.s - two pointers added.
# type: xdp
# expect: R0 pointer += pointer prohibited
mov %r0, %r10
add %r0, %r1
exit
