/* SPDX-License-Identifier: MIT */
/*
 * bench/progs/csum.h - the Internet checksum (RFC 1071) of 1 KiB of packet.
 *
 * Adds CSUM_LEN / 4 32-bit words into a 64-bit accumulator (no carry
 * handling needed: 256 words cannot overflow 64 bits), folds it to 16 bits
 * and returns its ones' complement, as csum_partial() + csum_fold() do.
 * Words are read in host order, which gives the byte-swapped checksum on a
 * little-endian machine; both sides agree, which is all the benchmark needs.
 *
 * One bounds check covers the whole range, so the loop body is a packet
 * load, an add and the loop control: it measures loads from the context's
 * data.  The index is a counter compared with a constant, which lets the
 * kernel verifier prove every load is inside the checked 1 KiB.
 */
#ifndef BENCH_CSUM_H
#define BENCH_CSUM_H

#include "prog_common.h"

#define CSUM_LEN 1024U

/* Checksum of data[0, CSUM_LEN), or 0x10000 when the packet is shorter. */
static __always_inline __u32 csum_run(const void *data, const void *data_end)
{
	const __u32 *word = data;
	__u64 sum = 0;
	__u32 i;

	if ((const char *)data + CSUM_LEN > (const char *)data_end)
		return 0x10000;
	BENCH_NO_UNROLL
	for (i = 0; i < CSUM_LEN / 4; i++)
		sum += word[i];
	sum = (sum & 0xffffffffU) + (sum >> 32);
	sum = (sum & 0xffffffffU) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u32)~sum & 0xffff;
}

#endif /* BENCH_CSUM_H */
