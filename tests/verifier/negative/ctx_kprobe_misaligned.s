# ctx_kprobe_misaligned.s - a kprobe program reads 4 bytes at an offset not a multiple of 4.
# type: kprobe
# expect: invalid bpf_context access off=2 size=4
ldxw %r0, [%r1+2]
exit
