# ctx_syscall_too_far.s - syscall context read beyond U16_MAX.
# type: syscall
# expect: dereference of modified ctx ptr R2 off=65536 disallowed
mov %r2, %r1
add %r2, 65536
ldxdw %r0, [%r2+0]
exit
