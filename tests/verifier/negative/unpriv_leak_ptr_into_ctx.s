# unpriv_leak_ptr_into_ctx.s - the frame pointer written into skb->cb[0].
# type: socket_filter
# mode: unpriv
# expect: R10 leaks addr into ctx
stxw [%r1+48], %r10
mov %r0, 0
exit
