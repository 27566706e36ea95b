/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/test_net_helpers.c - the skb and XDP helpers: checksum
 * helpers against known values (an IPv4 header's checksum after a TTL
 * change, the two zeros of one's complement, BPF_F_MARK_MANGLED_0),
 * bpf_skb_load_bytes / _store_bytes bounds, bpf_skb_change_tail,
 * bpf_xdp_adjust_head / _tail /
 * _meta, bpf_redirect's answers per program type.  tests/progs/
 * diff_progtypes.c compares the same helpers with the kernel on random
 * inputs.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "progs/insn_builders.h"
#include "progs/skb.h"
#include "test.h"

/* The IPv4 header of Wikipedia's checksum example: checksum 0xb861. */
static const uint8_t ip_hdr[20] = {
	0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
	0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

static uint8_t pkt[14 + 20 + 8];

static void make_pkt(void)
{
	memset(pkt, 0, sizeof(pkt));
	pkt[12] = 0x08;
	memcpy(pkt + 14, ip_hdr, sizeof(ip_hdr));
}

static uint16_t ip_csum_ok(const uint8_t *h)
{
	uint32_t sum = 0;

	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(h[i] << 8 | h[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum; /* 0xffff when the checksum is right */
}

static struct bh_prog *load(uint32_t type, const struct bpf_insn *insns,
			    size_t cnt)
{
	char log[256] = "";
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log));
	struct bh_prog *prog = bh_prog__load(type, insns, cnt, &opts);

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

/* Run a SCHED_CLS program on pkt; the packet comes back in out. */
static int run_tc(const struct bpf_insn *insns, size_t cnt, uint8_t *out,
		  uint32_t *retval)
{
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, cnt);
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = sizeof(pkt));
	int ret;

	if (!prog)
		return -errno;
	ret = bh_prog__test_run(prog, &opts);
	*retval = opts.retval;
	bh_prog__free(prog);
	return ret;
}

static void test_csum__l3_replace_ttl(void)
{
	/* TTL 0x40 -> 0x3f: store the byte, fix the checksum at 24 with the
	 * 16-bit word (ttl, protocol) as stored in memory */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), ST(B, 10, -8, 0x3f), MOV64K(2, 22), MOV64X(3, 10),
		A64K(ADD, 3, -8), MOV64K(4, 1), MOV64K(5, 0),
		CALL(BPF_FUNC_skb_store_bytes),
		MOV64X(1, 6), MOV64K(2, 24), MOV64K(3, 0x1140), MOV64K(4, 0x113f),
		MOV64K(5, 2), CALL(BPF_FUNC_l3_csum_replace), EXIT(),
	};
	const struct bpf_insn by4[] = {
		MOV64X(6, 1), ST(B, 10, -8, 0x3f), MOV64K(2, 22), MOV64X(3, 10),
		A64K(ADD, 3, -8), MOV64K(4, 1), MOV64K(5, 0),
		CALL(BPF_FUNC_skb_store_bytes),
		/* the 32-bit word at 20: 40 00 40 11 -> 40 00 3f 11 */
		MOV64X(1, 6), MOV64K(2, 24), MOV64K(3, 0x11400040),
		MOV64K(4, 0x113f0040), MOV64K(5, 4),
		CALL(BPF_FUNC_l3_csum_replace), EXIT(),
	};
	uint8_t out[sizeof(pkt)];
	uint32_t retval = 1;

	CHECK_EQ("csum-l3-run", run_tc(insns, NELEM(insns), out, &retval), 0);
	CHECK_EQ("csum-l3-ret", retval, 0);
	/* decrementing the TTL adds 0x0100 to the checksum: 0xb961 */
	CHECK_EQ("csum-l3-value", out[24] << 8 | out[25], 0xb961);
	CHECK_EQ("csum-l3-valid", ip_csum_ok(out + 14), 0xffff);
	CHECK_EQ("csum-l3-4-run", run_tc(by4, NELEM(by4), out, &retval), 0);
	CHECK_EQ("csum-l3-4-value", out[24] << 8 | out[25], 0xb961);
}

static void test_csum__replace_errors(void)
{
#define CSUM_PROG(helper, off, from, to, flags)                                \
	{ MOV64K(2, off), MOV64K(3, from), MOV64K(4, to), MOV64K(5, flags),    \
	  CALL(helper), EXIT() }
	const struct bpf_insn odd[] = CSUM_PROG(BPF_FUNC_l3_csum_replace, 25, 0, 0, 2);
	const struct bpf_insn end[] = CSUM_PROG(BPF_FUNC_l3_csum_replace, 42, 0, 0, 2);
	const struct bpf_insn badf[] = CSUM_PROG(BPF_FUNC_l3_csum_replace, 24, 0, 0, 0x10);
	const struct bpf_insn size3[] = CSUM_PROG(BPF_FUNC_l3_csum_replace, 24, 0, 0, 3);
	const struct bpf_insn diff_from[] = CSUM_PROG(BPF_FUNC_l4_csum_replace, 24, 1, 0, 0);
	const struct bpf_insn l4_ipv6[] = CSUM_PROG(BPF_FUNC_l4_csum_replace, 24, 0, 0,
						    BPF_F_IPV6);
	uint8_t out[sizeof(pkt)];
	uint32_t retval;

	run_tc(odd, NELEM(odd), out, &retval);
	CHECK_EQ("csum-err-odd", (int32_t)retval, -EFAULT);
	run_tc(end, NELEM(end), out, &retval);
	CHECK_EQ("csum-err-end", (int32_t)retval, -EFAULT);
	run_tc(badf, NELEM(badf), out, &retval);
	CHECK_EQ("csum-err-flags", (int32_t)retval, -EINVAL);
	run_tc(size3, NELEM(size3), out, &retval);
	CHECK_EQ("csum-err-size3", (int32_t)retval, -EINVAL);
	run_tc(diff_from, NELEM(diff_from), out, &retval);
	CHECK_EQ("csum-err-diff-from", (int32_t)retval, -EINVAL);
	run_tc(l4_ipv6, NELEM(l4_ipv6), out, &retval);
	CHECK_EQ("csum-l4-ipv6-flag-ok", retval, 0);
}

static void test_csum__l4_mangled_zero(void)
{
	/* a zero UDP checksum with MARK_MANGLED_0 stays zero (no checksum) */
	const struct bpf_insn keep[] = CSUM_PROG(BPF_FUNC_l4_csum_replace, 34, 1, 2,
						 4 | BPF_F_MARK_MANGLED_0);
	/* ...unless MARK_ENFORCE; a result of zero becomes 0xffff */
	const struct bpf_insn force[] = CSUM_PROG(BPF_FUNC_l4_csum_replace, 34, 0, 0,
						  4 | BPF_F_MARK_MANGLED_0 |
							  BPF_F_MARK_ENFORCE);
	uint8_t out[sizeof(pkt)];
	uint32_t retval;

	CHECK_EQ("csum-mm0-run", run_tc(keep, NELEM(keep), out, &retval), 0);
	CHECK_EQ("csum-mm0-kept", out[34] | out[35], 0);
	CHECK_EQ("csum-mm0-force", run_tc(force, NELEM(force), out, &retval), 0);
	CHECK_EQ("csum-mm0-mangled", out[34] << 8 | out[35], 0xffff);
}

static void test_csum__diff_values(void)
{
	/* csum_diff(NULL, 0, "01 02 03 04", 4, 0): 0x0102 + 0x0304 = 0x0406,
	 * as the kernel returns it: the 16-bit sum in memory order */
	const struct bpf_insn push[] = {
		ST(W, 10, -8, 0x04030201), MOV64K(1, 0), MOV64K(2, 0),
		MOV64X(3, 10), A64K(ADD, 3, -8), MOV64K(4, 4), MOV64K(5, 0),
		CALL(BPF_FUNC_csum_diff), EXIT(),
	};
	/* the same word on both sides: one's complement -0, 0xffff */
	const struct bpf_insn same[] = {
		ST(W, 10, -8, 0x04030201), MOV64X(1, 10), A64K(ADD, 1, -8),
		MOV64K(2, 4), MOV64X(3, 10), A64K(ADD, 3, -8), MOV64K(4, 4),
		MOV64K(5, 0), CALL(BPF_FUNC_csum_diff), EXIT(),
	};
	const struct bpf_insn odd[] = {
		MOV64K(1, 0), MOV64K(2, 0), MOV64X(3, 10), A64K(ADD, 3, -8),
		MOV64K(4, 3), MOV64K(5, 0), CALL(BPF_FUNC_csum_diff), EXIT(),
	};
	const struct bpf_insn seed[] = {
		MOV64K(1, 0), MOV64K(2, 0), MOV64K(3, 0), MOV64K(4, 0),
		MOV64K(5, 1234), CALL(BPF_FUNC_csum_diff), EXIT(),
	};
	uint8_t out[sizeof(pkt)];
	uint32_t retval;

	CHECK_EQ("csumdiff-push-run", run_tc(push, NELEM(push), out, &retval), 0);
	CHECK_EQ("csumdiff-push", retval, 0x0604);
	run_tc(same, NELEM(same), out, &retval);
	CHECK_EQ("csumdiff-same", retval, 0xffff);
	run_tc(odd, NELEM(odd), out, &retval);
	CHECK_EQ("csumdiff-odd", (int32_t)retval, -EINVAL);
	run_tc(seed, NELEM(seed), out, &retval);
	CHECK_EQ("csumdiff-seed-only", retval, 1234);
}

static void test_skb_bytes__bounds(void)
{
	/* load 8 bytes at 36 of 42: -EFAULT and the buffer zeroed */
	const struct bpf_insn ld[] = {
		LDDW(2, 0x1122334455667788ull), STX(DW, 10, 2, -8), MOV64K(2, 36),
		MOV64X(3, 10), A64K(ADD, 3, -8), MOV64K(4, 8),
		CALL(BPF_FUNC_skb_load_bytes), LDX(DW, 1, 10, -8),
		JK(JEQ, 1, 0, 1), MOV64K(0, 99), EXIT(),
	};
	const struct bpf_insn st[] = {
		ST(W, 10, -8, 0x77777777), MOV64K(2, 38), MOV64X(3, 10),
		A64K(ADD, 3, -8), MOV64K(4, 4), MOV64K(5, 0),
		CALL(BPF_FUNC_skb_store_bytes), EXIT(),
	};
	const struct bpf_insn st_flags[] = {
		ST(W, 10, -8, 0), MOV64K(2, 0), MOV64X(3, 10), A64K(ADD, 3, -8),
		MOV64K(4, 4), MOV64K(5, 4), CALL(BPF_FUNC_skb_store_bytes), EXIT(),
	};
	uint8_t out[sizeof(pkt)];
	uint32_t retval;

	run_tc(ld, NELEM(ld), out, &retval);
	CHECK_EQ("skbbytes-load-oob", (int32_t)retval, -EFAULT);
	CHECK_EQ("skbbytes-store-last", run_tc(st, NELEM(st), out, &retval), 0);
	CHECK_EQ("skbbytes-store-ret", retval, 0);
	CHECK("skbbytes-store-data", !memcmp(out + 38, "\x77\x77\x77\x77", 4));
	run_tc(st_flags, NELEM(st_flags), out, &retval);
	CHECK_EQ("skbbytes-store-flags", (int32_t)retval, -EINVAL);
}

static void test_skb_change_tail__grow_and_trim(void)
{
	/* grow to 100: zero-filled, len and data_end follow; write at 99 */
	const struct bpf_insn grow[] = {
		MOV64X(6, 1), MOV64K(2, 100), MOV64K(3, 0),
		CALL(BPF_FUNC_skb_change_tail), JK(JNE, 0, 0, 7),
		LDX(W, 2, 6, offsetof(struct bh_skb_md, data)),
		LDX(W, 3, 6, offsetof(struct bh_skb_md, data_end)),
		MOV64X(4, 2), A64K(ADD, 4, 100), JX(JGT, 4, 3, 2),
		ST(B, 2, 99, 0x5a),
		LDX(W, 0, 6, offsetof(struct bh_skb_md, len)),
		EXIT(),
	};
	const struct bpf_insn trim[] = {
		MOV64K(2, 20), MOV64K(3, 0), CALL(BPF_FUNC_skb_change_tail), EXIT(),
	};
	const struct bpf_insn below_net[] = {
		MOV64K(2, 13), MOV64K(3, 0), CALL(BPF_FUNC_skb_change_tail), EXIT(),
	};
	const struct bpf_insn flags[] = {
		MOV64K(2, 50), MOV64K(3, 1), CALL(BPF_FUNC_skb_change_tail), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, grow, NELEM(grow));
	uint8_t out[128];
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = sizeof(out));
	uint32_t retval;

	REQUIRE("chtail-load", prog);
	CHECK_EQ("chtail-grow-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("chtail-grow-len", opts.retval, 100);
	CHECK_EQ("chtail-grow-size", opts.data_size_out, 100);
	CHECK("chtail-grow-kept", !memcmp(out, pkt, sizeof(pkt)));
	CHECK("chtail-grow-zero", !out[sizeof(pkt)] && !out[98]);
	CHECK_EQ("chtail-grow-written", out[99], 0x5a);
	bh_prog__free(prog);
	CHECK_EQ("chtail-trim", run_tc(trim, NELEM(trim), out, &retval), 0);
	CHECK_EQ("chtail-trim-ret", retval, 0);
	run_tc(below_net, NELEM(below_net), out, &retval);
	CHECK_EQ("chtail-below-net", (int32_t)retval, -EINVAL);
	run_tc(flags, NELEM(flags), out, &retval);
	CHECK_EQ("chtail-flags", (int32_t)retval, -EINVAL);
}

/* Run an XDP program on pkt (optionally with 8 bytes of metadata). */
static int run_xdp(const struct bpf_insn *insns, size_t cnt, uint8_t *out,
		   uint32_t *out_sz, uint32_t *retval)
{
	struct bh_prog *prog = load(BPF_PROG_TYPE_XDP, insns, cnt);
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = *out_sz);
	int ret;

	if (!prog)
		return -errno;
	ret = bh_prog__test_run(prog, &opts);
	*retval = opts.retval;
	*out_sz = opts.data_size_out;
	bh_prog__free(prog);
	return ret;
}

static void test_xdp_helpers__adjust_head_and_tail(void)
{
	/* push 4 bytes at the front, write them, pull 2 off the end */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), MOV64K(2, -4), CALL(BPF_FUNC_xdp_adjust_head),
		JK(JNE, 0, 0, 11),
		LDX(W, 2, 6, 0), LDX(W, 3, 6, 4), MOV64X(4, 2), A64K(ADD, 4, 4),
		JX(JGT, 4, 3, 6), ST(W, 2, 0, 0x44434241),
		MOV64X(1, 6), MOV64K(2, -2), CALL(BPF_FUNC_xdp_adjust_tail),
		MOV64K(0, XDP_PASS), EXIT(),
		MOV64K(0, XDP_DROP), EXIT(),
	};
	uint8_t out[128];
	uint32_t out_sz = sizeof(out), retval;

	CHECK_EQ("xdph-run", run_xdp(insns, NELEM(insns), out, &out_sz, &retval), 0);
	CHECK_EQ("xdph-retval", retval, XDP_PASS);
	CHECK_EQ("xdph-size", out_sz, sizeof(pkt) + 4 - 2);
	CHECK("xdph-pushed", !memcmp(out, "ABCD", 4));
	CHECK("xdph-rest", !memcmp(out + 4, pkt, sizeof(pkt) - 2));
}

static void test_xdp_helpers__bounds(void)
{
#define XDP_CALL(helper, delta) { MOV64K(2, delta), CALL(helper), EXIT() }
	/* 256 bytes of headroom less the 40 of struct xdp_frame */
	const struct bpf_insn head_max[] = XDP_CALL(BPF_FUNC_xdp_adjust_head, -216);
	const struct bpf_insn head_over[] = XDP_CALL(BPF_FUNC_xdp_adjust_head, -217);
	/* data_end must stay ETH_HLEN past data */
	const struct bpf_insn head_eth[] = XDP_CALL(BPF_FUNC_xdp_adjust_head, 29);
	const struct bpf_insn tail_grow[] = XDP_CALL(BPF_FUNC_xdp_adjust_tail, 4096 - 256 - 320 - 42);
	const struct bpf_insn tail_over[] = XDP_CALL(BPF_FUNC_xdp_adjust_tail, 4096 - 256 - 320 - 41);
	const struct bpf_insn meta_ok[] = XDP_CALL(BPF_FUNC_xdp_adjust_meta, -8);
	const struct bpf_insn meta_odd[] = XDP_CALL(BPF_FUNC_xdp_adjust_meta, -6);
	const struct bpf_insn meta_big[] = XDP_CALL(BPF_FUNC_xdp_adjust_meta, -256);
	const struct bpf_insn meta_after[] = XDP_CALL(BPF_FUNC_xdp_adjust_meta, 4);
	static uint8_t out[4096];
	uint32_t out_sz, retval;

#define TRY(tag, prog, want)                                                   \
	do {                                                                   \
		out_sz = sizeof(out);                                          \
		CHECK_EQ(tag "-run", run_xdp(prog, NELEM(prog), out, &out_sz,  \
					     &retval), 0);                     \
		CHECK_EQ(tag, (int32_t)retval, want);                          \
	} while (0)
	TRY("xdpb-head-max", head_max, 0);
	CHECK_EQ("xdpb-head-max-size", out_sz, sizeof(pkt) + 216);
	TRY("xdpb-head-over", head_over, -EINVAL);
	TRY("xdpb-head-eth", head_eth, -EINVAL);
	TRY("xdpb-tail-grow", tail_grow, 0);
	CHECK_EQ("xdpb-tail-grow-size", out_sz, 4096 - 256 - 320);
	CHECK_EQ("xdpb-tail-grow-zero", out[sizeof(pkt) + 5], 0);
	TRY("xdpb-tail-over", tail_over, -EINVAL);
	TRY("xdpb-meta-ok", meta_ok, 0);
	/* data_out starts at data_meta: the 8 bytes of metadata come first */
	CHECK_EQ("xdpb-meta-size", out_sz, sizeof(pkt) + 8);
	TRY("xdpb-meta-odd", meta_odd, -EACCES);
	TRY("xdpb-meta-big", meta_big, -EINVAL); /* below the xdp_frame */
	TRY("xdpb-meta-after", meta_after, -EINVAL);
#undef TRY
}

static void test_redirect__per_type(void)
{
	const struct bpf_insn plain[] = { MOV64K(1, 3), MOV64K(2, 0),
					  CALL(BPF_FUNC_redirect), EXIT() };
	const struct bpf_insn ingress[] = { MOV64K(1, 3), MOV64K(2, BPF_F_INGRESS),
					    CALL(BPF_FUNC_redirect), EXIT() };
	const struct bpf_insn bad[] = { MOV64K(1, 3), MOV64K(2, 2),
					CALL(BPF_FUNC_redirect), EXIT() };
	uint8_t out[128];
	uint32_t out_sz = sizeof(out), retval;

	run_tc(plain, NELEM(plain), out, &retval);
	CHECK_EQ("redir-tc", retval, TC_ACT_REDIRECT);
	run_tc(ingress, NELEM(ingress), out, &retval);
	CHECK_EQ("redir-tc-ingress", retval, TC_ACT_REDIRECT);
	run_tc(bad, NELEM(bad), out, &retval);
	CHECK_EQ("redir-tc-bad", retval, TC_ACT_SHOT);
	run_xdp(plain, NELEM(plain), out, &out_sz, &retval);
	CHECK_EQ("redir-xdp", retval, XDP_REDIRECT);
	out_sz = sizeof(out);
	run_xdp(ingress, NELEM(ingress), out, &out_sz, &retval);
	CHECK_EQ("redir-xdp-flags", retval, XDP_ABORTED);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_csum__l3_replace_ttl),
	BH_TEST(test_csum__replace_errors),
	BH_TEST(test_csum__l4_mangled_zero),
	BH_TEST(test_csum__diff_values),
	BH_TEST(test_skb_bytes__bounds),
	BH_TEST(test_skb_change_tail__grow_and_trim),
	BH_TEST(test_xdp_helpers__adjust_head_and_tail),
	BH_TEST(test_xdp_helpers__bounds),
	BH_TEST(test_redirect__per_type),
};

int main(int argc, char **argv)
{
	make_pkt();
	return bh_test_run_all(cases, NELEM(cases), argc, argv);
}
