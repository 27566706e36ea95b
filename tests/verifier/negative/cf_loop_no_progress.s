# cf_loop_no_progress.s - loop whose state never changes.
# type: xdp
# expect: infinite loop detected
mov %r0, 0
l:
mov %r1, 5
jgt %r1, 3, l
exit
