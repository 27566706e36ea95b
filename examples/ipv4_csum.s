# ipv4_csum.s - the RFC 1071 Internet checksum of an IPv4 header.
#
# Context (R1): the 20-byte header, its checksum field (bytes 10-11) zero.
# The program sums the ten 16-bit big-endian words, folds the carries,
# complements the sum, writes it into the header and returns it.
# Run it: bpfhost prog run examples/ipv4_csum.s --type syscall --ctx-in HDR
#
# Written to pass the verifier: each word is read at a constant offset (the
# verifier, as the kernel's, refuses context reads at a variable offset), and
# the carries are folded twice, without a loop: ten words sum to less than
# 2^20, so after two folds nothing is left to carry.
	ldxh %r0, [%r1+0]
	be16 %r0                # network to host order
	ldxh %r4, [%r1+2]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+4]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+6]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+8]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+10]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+12]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+14]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+16]
	be16 %r4
	add %r0, %r4
	ldxh %r4, [%r1+18]
	be16 %r4
	add %r0, %r4
	mov %r3, %r0            # add the carries back in, twice
	rsh %r3, 16
	and %r0, 0xffff
	add %r0, %r3
	mov %r3, %r0
	rsh %r3, 16
	and %r0, 0xffff
	add %r0, %r3
	xor %r0, 0xffff         # ones' complement
	mov %r4, %r0
	be16 %r4                # host to network order
	stxh [%r1+10], %r4
	exit
