# ipv4_csum.s - the RFC 1071 Internet checksum of an IPv4 header.
#
# Context (R1): the 20-byte header, its checksum field (bytes 10-11) zero.
# The program sums the ten 16-bit big-endian words, folds the carries,
# complements the sum, writes it into the header and returns it.
# Run it: bpfhost prog run examples/ipv4_csum.s --type syscall --ctx-in HDR
	mov %r0, 0              # sum
	mov %r2, 0              # offset into the header
loop:
	mov %r3, %r1
	add %r3, %r2
	ldxh %r4, [%r3+0]
	be16 %r4                # network to host order
	add %r0, %r4
	add %r2, 2
	jlt %r2, 20, loop
fold:
	mov %r3, %r0            # add the carries back in until none is left
	rsh %r3, 16
	and %r0, 0xffff
	add %r0, %r3
	mov %r3, %r0
	rsh %r3, 16
	jne %r3, 0, fold
	xor %r0, 0xffff         # ones' complement
	mov %r4, %r0
	be16 %r4                # host to network order
	stxh [%r1+10], %r4
	exit
