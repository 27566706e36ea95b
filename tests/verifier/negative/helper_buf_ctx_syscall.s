# helper_buf_ctx_syscall.s - the context as a buffer.
# type: syscall
# expect: R1 type=ctx expected=fp
mov %r2, 8
call 6
exit
