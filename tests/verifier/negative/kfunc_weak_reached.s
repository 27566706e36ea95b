# kfunc_weak_reached.s - a call of kfunc 0: a weak extern kfunc the loader
# left unresolved (bpfhost lacks it), on a path the program takes.
# type: xdp
# kernel: needs BTF (kfuncs)
# expect: invalid kernel function call not eliminated in verifier pass
call kfunc 0
mov %r0, 0
exit
