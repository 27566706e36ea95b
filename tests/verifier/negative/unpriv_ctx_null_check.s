# unpriv_ctx_null_check.s - "ctx != 0": the context is not a pointer the
# kernel knows to be non-NULL (reg_not_null), so unprivileged it is a
# pointer comparison like any other.
# type: socket_filter
# mode: unpriv
# expect: R1 pointer comparison prohibited
mov %r0, 0
jne %r1, 0, out
mov %r0, 1
out:
exit
