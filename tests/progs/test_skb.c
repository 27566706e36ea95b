/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/test_skb.c - SOCKET_FILTER and SCHED_CLS on the shared
 * __sk_buff model: the context the program reads (len, protocol, pkt_type,
 * ifindex, data pointers), LD_ABS offsets, writable fields coming back in
 * ctx_out, BPF_PROG_TEST_RUN's input rules and errnos (the kernel's
 * bpf_prog_test_run_skb), data_out sizes, the zeroed Ethernet header of
 * non-L2 types, helpers refused by type, BPF_F_TEST_SKB_CHECKSUM_COMPLETE.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "progs/insn_builders.h"
#include "progs/skb.h"
#include "test.h"

/* Ethernet + IPv4 + TCP, 54 bytes, as the kernel selftests' pkt_v4. */
static uint8_t pkt[54];

static void make_pkt(void)
{
	static const uint8_t ip[20] = {
		0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
	};
	uint32_t sum = 0;

	memset(pkt, 0, sizeof(pkt));
	pkt[12] = 0x08; /* ETH_P_IP */
	memcpy(pkt + 14, ip, sizeof(ip));
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(pkt[14 + i] << 8 | pkt[15 + i]);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	pkt[24] = (uint8_t)(~sum >> 8);
	pkt[25] = (uint8_t)~sum;
	pkt[14 + 20 + 12] = 5 << 4; /* doff */
	pkt[14 + 20 + 19] = 123;     /* urg_ptr */
}

static struct bh_prog *load_type(uint32_t type, const struct bpf_insn *insns,
				 size_t cnt, char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = log_sz);

	if (log_sz)
		log[0] = '\0';
	return bh_prog__load(type, insns, cnt, &opts);
}

static struct bh_prog *load(uint32_t type, const struct bpf_insn *insns,
			    size_t cnt)
{
	char log[256];
	struct bh_prog *prog = load_type(type, insns, cnt, log, sizeof(log));

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

#define SKB_OFF(f) ((int16_t)offsetof(struct bh_skb_md, f))

/* ---- SOCKET_FILTER ---------------------------------------------------------- */

static void test_socket_filter__ld_abs_from_network_header(void)
{
	/* r0 = ip->protocol (offset 9 from the network header) + len << 8 */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1),
		LDABS(B, 9),
		MOV64X(7, 0),
		LDX(W, 0, 6, SKB_OFF(len)),
		A64K(LSH, 0, 8),
		A64X(OR, 0, 7),
		EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SOCKET_FILTER, insns, NELEM(insns));
	uint8_t out[64];
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = sizeof(out));

	REQUIRE("sf-ldabs-load", prog);
	CHECK_EQ("sf-ldabs-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("sf-ldabs-retval", opts.retval, (40u << 8) | 6);
	CHECK_EQ("sf-ldabs-size-out", opts.data_size_out, sizeof(pkt));
	/* the kernel pushes a zeroed Ethernet header back for non-L2 types */
	CHECK("sf-ldabs-eth-zero", !memcmp(out, (uint8_t[14]){ 0 }, 14));
	CHECK("sf-ldabs-rest", !memcmp(out + 14, pkt + 14, sizeof(pkt) - 14));
	bh_prog__free(prog);
}

static void test_socket_filter__ld_abs_out_of_bounds(void)
{
	const struct bpf_insn insns[] = { MOV64X(6, 1), LDABS(W, 38), MOV64K(0, 7), EXIT() };
	struct bh_prog *prog = load(BPF_PROG_TYPE_SOCKET_FILTER, insns, NELEM(insns));
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	REQUIRE("sf-oob-load", prog);
	/* 40 bytes from the network header: [38, 42) is out, the program ends 0 */
	CHECK_EQ("sf-oob-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("sf-oob-retval", opts.retval, 0);
	bh_prog__free(prog);
}

static void test_socket_filter__cb_write_and_ctx_out(void)
{
	const struct bpf_insn insns[] = {
		LDX(W, 2, 1, SKB_OFF(cb[1])),
		A64K(ADD, 2, 1),
		STX(W, 1, 2, SKB_OFF(cb[1])),
		LDX(W, 0, 1, SKB_OFF(mark)),
		EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SOCKET_FILTER, insns, NELEM(insns));
	struct bh_skb_md in = { .mark = 77, .cb = { 0, 41 }, .priority = 3 }, out;
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.ctx_in = &in, .ctx_size_in = sizeof(in), .ctx_out = &out,
		.ctx_size_out = sizeof(out), .repeat = 3);

	REQUIRE("sf-cb-load", prog);
	memset(&out, 0xff, sizeof(out));
	CHECK_EQ("sf-cb-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("sf-cb-retval", opts.retval, 77);
	/* the skb lives across repeats: three increments */
	CHECK_EQ("sf-cb-out", out.cb[1], 44);
	CHECK_EQ("sf-cb-mark", out.mark, 77);
	CHECK_EQ("sf-cb-priority", out.priority, 3);
	CHECK_EQ("sf-cb-ifindex", out.ifindex, 1);
	CHECK_EQ("sf-cb-wire-len", out.wire_len, 40);
	CHECK_EQ("sf-cb-len-not-out", out.len, 0);
	CHECK_EQ("sf-cb-ctx-size", opts.ctx_size_out, sizeof(out));
	bh_prog__free(prog);
}

static void test_socket_filter__helpers_by_type(void)
{
	const struct bpf_insn store[] = {
		MOV64K(2, 0), MOV64X(3, 10), A64K(ADD, 3, -8), MOV64K(4, 1),
		MOV64K(5, 0), CALL(BPF_FUNC_skb_store_bytes), EXIT(),
	};
	const struct bpf_insn loadb[] = {
		MOV64K(2, 0), MOV64X(3, 10), A64K(ADD, 3, -8), MOV64K(4, 4),
		CALL(BPF_FUNC_skb_load_bytes), LDX(W, 0, 10, -8), EXIT(),
	};
	char log[256];
	struct bh_prog *prog;
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	errno = 0;
	prog = load_type(BPF_PROG_TYPE_SOCKET_FILTER, store, NELEM(store), log,
			 sizeof(log));
	CHECK("sf-store-refused", !prog && errno == EINVAL);
	CHECK("sf-store-log",
	      strstr(log, "program of this type cannot use helper bpf_skb_store_bytes#9"));
	bh_prog__free(prog);
	prog = load(BPF_PROG_TYPE_SOCKET_FILTER, loadb, NELEM(loadb));
	REQUIRE("sf-loadbytes-load", prog);
	CHECK_EQ("sf-loadbytes-run", bh_prog__test_run(prog, &opts), 0);
	/* first 4 bytes of the IPv4 header: 45 00 00 28 */
	CHECK_EQ("sf-loadbytes-retval", opts.retval, 0x28000045);
	bh_prog__free(prog);
}

/* ---- SCHED_CLS ---------------------------------------------------------------- */

static void test_sched_cls__context_fields(void)
{
	/* r0 = len | pkt_type << 8 | ifindex << 12 | (protocol == 0x0008) << 16 */
	const struct bpf_insn insns[] = {
		LDX(W, 0, 1, SKB_OFF(len)),
		LDX(W, 2, 1, SKB_OFF(pkt_type)),
		A64K(LSH, 2, 8), A64X(OR, 0, 2),
		LDX(W, 2, 1, SKB_OFF(ifindex)),
		A64K(LSH, 2, 12), A64X(OR, 0, 2),
		LDX(W, 2, 1, SKB_OFF(protocol)),
		JK(JNE, 2, 0x0008, 1),
		A64K(OR, 0, 1 << 16),
		EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	REQUIRE("tc-ctx-load", prog);
	CHECK_EQ("tc-ctx-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-ctx-retval", opts.retval, 54 | 1 << 12 | 1 << 16);
	bh_prog__free(prog);
}

static void test_sched_cls__pkt_type_from_mac(void)
{
	const struct bpf_insn insns[] = { LDX(W, 0, 1, SKB_OFF(pkt_type)), EXIT() };
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	uint8_t p[sizeof(pkt)];
	BH_OPTS(bh_test_run_opts, opts, .data_in = p, .data_size_in = sizeof(p));

	REQUIRE("tc-pkttype-load", prog);
	memcpy(p, pkt, sizeof(p));
	p[0] = 0x02; /* unicast, not the loopback's address */
	CHECK_EQ("tc-pkttype-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-pkttype-other", opts.retval, 3 /* PACKET_OTHERHOST */);
	p[0] = 0x01;
	CHECK_EQ("tc-pkttype-run2", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-pkttype-multi", opts.retval, 2 /* PACKET_MULTICAST */);
	bh_prog__free(prog);
}

static void test_sched_cls__direct_packet_access(void)
{
	/* if (data + 34 > data_end) return 0; data[23] = 17; return data[23] */
	const struct bpf_insn insns[] = {
		LDX(W, 2, 1, SKB_OFF(data)),
		LDX(W, 3, 1, SKB_OFF(data_end)),
		MOV64X(4, 2), A64K(ADD, 4, 34),
		JX(JGT, 4, 3, 3),
		ST(B, 2, 23, 17),
		LDX(B, 0, 2, 23),
		EXIT(),
		MOV64K(0, 0),
		EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	uint8_t out[64];
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = sizeof(out));

	REQUIRE("tc-dpa-load", prog);
	CHECK_EQ("tc-dpa-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-dpa-retval", opts.retval, 17);
	CHECK_EQ("tc-dpa-out", out[23], 17);
	CHECK("tc-dpa-eth-kept", !memcmp(out, pkt, 14));
	bh_prog__free(prog);
}

static void test_sched_cls__writable_fields(void)
{
	const struct bpf_insn insns[] = {
		MOV64K(2, 5), STX(W, 1, 2, SKB_OFF(mark)),
		MOV64K(2, 6), STX(W, 1, 2, SKB_OFF(priority)),
		MOV64K(2, 7), STX(W, 1, 2, SKB_OFF(cb[4])),
		MOV64K(2, 8), STX(DW, 1, 2, SKB_OFF(tstamp)),
		MOV64K(2, 9), STX(W, 1, 2, SKB_OFF(tc_index)),
		MOV64K(0, 0),
		EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	struct bh_skb_md out;
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.ctx_out = &out, .ctx_size_out = sizeof(out));

	REQUIRE("tc-wr-load", prog);
	memset(&out, 0xee, sizeof(out));
	/* ctx_out without ctx_in is fine for skb types */
	CHECK_EQ("tc-wr-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-wr-mark", out.mark, 5);
	CHECK_EQ("tc-wr-prio", out.priority, 6);
	CHECK_EQ("tc-wr-cb", out.cb[4], 7);
	CHECK_EQ("tc-wr-tstamp", out.tstamp, 8);
	CHECK_EQ("tc-wr-tc-index-not-out", out.tc_index, 0);
	CHECK_EQ("tc-wr-wire-len", out.wire_len, 54);
	bh_prog__free(prog);
}

static void test_sched_cls__ctx_in_rules(void)
{
	const struct bpf_insn insns[] = { MOV64K(0, 0), EXIT() };
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	uint8_t big[300];
	struct bh_skb_md in;
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.ctx_in = &in, .ctx_size_in = sizeof(in));

	REQUIRE("tc-ctxin-load", prog);
#define TRY(tag, field, val, err)                                             \
	do {                                                                  \
		memset(&in, 0, sizeof(in));                                   \
		in.field = val;                                               \
		CHECK_EQ(tag, bh_prog__test_run(prog, &opts), err);           \
	} while (0)
	TRY("tc-ctxin-len", len, 1, -EINVAL);
	TRY("tc-ctxin-protocol", protocol, 1, -EINVAL);
	TRY("tc-ctxin-tc-index", tc_index, 1, -EINVAL);
	TRY("tc-ctxin-hash", hash, 1, -EINVAL);
	TRY("tc-ctxin-data", data, 1, -EINVAL);
	TRY("tc-ctxin-sk", sk, 1, -EINVAL);
	TRY("tc-ctxin-gso-size-ok", gso_size, 1, 0);
	TRY("tc-ctxin-hwtstamp-ok", hwtstamp, 1, 0);
	TRY("tc-ctxin-ingress-ok", ingress_ifindex, 9, 0);
	TRY("tc-ctxin-ifindex-1", ifindex, 1, 0);
	TRY("tc-ctxin-ifindex-2", ifindex, 2, -ENODEV);
	TRY("tc-ctxin-wire-short", wire_len, 53, -EINVAL);
	TRY("tc-ctxin-wire-ok", wire_len, 54, 0);
	TRY("tc-ctxin-wire-huge", wire_len, 65537, -EINVAL);
	TRY("tc-ctxin-gso-segs", gso_segs, 65536, -EINVAL);
#undef TRY
	/* longer than the struct: the tail must be zero (-E2BIG), as
	 * bpf_check_uarg_tail_zero() */
	memset(big, 0, sizeof(big));
	opts.ctx_in = big;
	opts.ctx_size_in = sizeof(big);
	CHECK_EQ("tc-ctxin-tail-zero", bh_prog__test_run(prog, &opts), 0);
	big[250] = 1;
	CHECK_EQ("tc-ctxin-tail-nonzero", bh_prog__test_run(prog, &opts), -E2BIG);
	opts.ctx_size_in = 4097;
	CHECK_EQ("tc-ctxin-page", bh_prog__test_run(prog, &opts), -E2BIG);
	/* shorter than the struct is fine */
	opts.ctx_size_in = 8;
	big[250] = 0;
	CHECK_EQ("tc-ctxin-short", bh_prog__test_run(prog, &opts), 0);
	bh_prog__free(prog);
}

static void test_sched_cls__opts_rules(void)
{
	const struct bpf_insn insns[] = { MOV64K(0, 3), EXIT() };
	struct bh_prog *prog = load(BPF_PROG_TYPE_SCHED_CLS, insns, NELEM(insns));
	static uint8_t huge[4096];
	uint8_t out[16];
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt));

	REQUIRE("tc-opts-load", prog);
	opts.data_size_in = 13;
	CHECK_EQ("tc-opts-short", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.data_in = huge;
	opts.data_size_in = 4096 - 64 - 320;
	CHECK_EQ("tc-opts-max", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("tc-opts-max-retval", opts.retval, 3);
	opts.data_size_in++;
	CHECK_EQ("tc-opts-too-big", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.data_in = pkt;
	opts.data_size_in = sizeof(pkt);
	opts.flags = BPF_F_TEST_RUN_ON_CPU;
	CHECK_EQ("tc-opts-on-cpu", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.flags = 0;
	opts.cpu = 1;
	CHECK_EQ("tc-opts-cpu", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.cpu = 0;
	opts.batch_size = 1;
	CHECK_EQ("tc-opts-batch", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.batch_size = 0;
	/* data_out: a small size hint gives -ENOSPC with the prefix and the
	 * full size; a size of 0 means no limit */
	memset(out, 0, sizeof(out));
	opts.data_out = out;
	opts.data_size_out = 10;
	CHECK_EQ("tc-opts-enospc", bh_prog__test_run(prog, &opts), -ENOSPC);
	CHECK_EQ("tc-opts-enospc-size", opts.data_size_out, sizeof(pkt));
	CHECK_EQ("tc-opts-enospc-retval", opts.retval, 3);
	CHECK("tc-opts-enospc-prefix", !memcmp(out, pkt, 10) && !out[10 + 2]);
	bh_prog__free(prog);
}

static void test_sched_cls__checksum_complete(void)
{
	/* store one byte at offset 40 (TCP header) with or without
	 * BPF_F_RECOMPUTE_CSUM (r7) */
	const struct bpf_insn with[] = {
		ST(B, 10, -8, 0x5a), MOV64K(2, 40), MOV64X(3, 10), A64K(ADD, 3, -8),
		MOV64K(4, 1), MOV64K(5, BPF_F_RECOMPUTE_CSUM),
		CALL(BPF_FUNC_skb_store_bytes), EXIT(),
	};
	const struct bpf_insn without[] = {
		ST(B, 10, -8, 0x5a), MOV64K(2, 41), MOV64X(3, 10), A64K(ADD, 3, -8),
		MOV64K(4, 1), MOV64K(5, 0),
		CALL(BPF_FUNC_skb_store_bytes), EXIT(),
	};
	struct bh_prog *a = load(BPF_PROG_TYPE_SCHED_CLS, with, NELEM(with));
	struct bh_prog *b = load(BPF_PROG_TYPE_SCHED_CLS, without, NELEM(without));
	BH_OPTS(bh_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		.flags = BPF_F_TEST_SKB_CHECKSUM_COMPLETE);

	REQUIRE("tc-csumc-load", a && b);
	CHECK_EQ("tc-csumc-recomputed", bh_prog__test_run(a, &opts), 0);
	CHECK_EQ("tc-csumc-retval", opts.retval, 0);
	CHECK_EQ("tc-csumc-stale", bh_prog__test_run(b, &opts), -EBADMSG);
	opts.flags = 0;
	CHECK_EQ("tc-csumc-no-flag", bh_prog__test_run(b, &opts), 0);
	bh_prog__free(a);
	bh_prog__free(b);
}

static void test_skb__ctx_rules_tables(void)
{
	uint8_t reg = 0xff;

	/* SOCKET_FILTER: cb writable, mark read-only, data pointers hidden */
	CHECK("acc-sf-cb-w", ctx_access_check(&socket_filter_ctx_desc,
					      SKB_OFF(cb[2]), 4, true, &reg));
	CHECK("acc-sf-mark-r", ctx_access_check(&socket_filter_ctx_desc,
						SKB_OFF(mark), 2, false, &reg));
	CHECK("acc-sf-mark-w", !ctx_access_check(&socket_filter_ctx_desc,
						 SKB_OFF(mark), 4, true, NULL));
	CHECK("acc-sf-data", !ctx_access_check(&socket_filter_ctx_desc,
					       SKB_OFF(data), 4, false, NULL));
	CHECK("acc-sf-tstamp", !ctx_access_check(&socket_filter_ctx_desc,
						 SKB_OFF(tstamp), 8, false, NULL));
	/* SCHED_CLS: packet pointers, writable mark, no narrow data read */
	CHECK("acc-tc-data", ctx_access_check(&sched_cls_ctx_desc, SKB_OFF(data),
					      4, false, &reg) && reg == BH_CTX_PKT);
	CHECK("acc-tc-data-end", ctx_access_check(&sched_cls_ctx_desc,
						  SKB_OFF(data_end), 4, false, &reg) &&
					 reg == BH_CTX_PKT_END);
	CHECK("acc-tc-data-narrow", !ctx_access_check(&sched_cls_ctx_desc,
						      SKB_OFF(data), 2, false, NULL));
	CHECK("acc-tc-mark-w", ctx_access_check(&sched_cls_ctx_desc, SKB_OFF(mark),
						4, true, NULL));
	CHECK("acc-tc-mark-w-narrow", !ctx_access_check(&sched_cls_ctx_desc,
							SKB_OFF(mark), 2, true, NULL));
	CHECK("acc-tc-len-w", !ctx_access_check(&sched_cls_ctx_desc, SKB_OFF(len),
						4, true, NULL));
	/* regression: a read-only span must not cover priority */
	CHECK("acc-tc-priority-w", ctx_access_check(&sched_cls_ctx_desc,
						    SKB_OFF(priority), 4, true, NULL));
	CHECK("acc-tc-vlan-w", !ctx_access_check(&sched_cls_ctx_desc,
						 SKB_OFF(vlan_tci), 4, true, NULL));
	CHECK("acc-tc-family", !ctx_access_check(&sched_cls_ctx_desc,
						 SKB_OFF(family), 4, false, NULL));
	CHECK("acc-tc-unaligned", !ctx_access_check(&sched_cls_ctx_desc,
						    SKB_OFF(mark) + 1, 2, false, NULL));
	CHECK("acc-tc-past-end", !ctx_access_check(&sched_cls_ctx_desc, 192, 4,
						   false, NULL));
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_socket_filter__ld_abs_from_network_header),
	BH_TEST(test_socket_filter__ld_abs_out_of_bounds),
	BH_TEST(test_socket_filter__cb_write_and_ctx_out),
	BH_TEST(test_socket_filter__helpers_by_type),
	BH_TEST(test_sched_cls__context_fields),
	BH_TEST(test_sched_cls__pkt_type_from_mac),
	BH_TEST(test_sched_cls__direct_packet_access),
	BH_TEST(test_sched_cls__writable_fields),
	BH_TEST(test_sched_cls__ctx_in_rules),
	BH_TEST(test_sched_cls__opts_rules),
	BH_TEST(test_sched_cls__checksum_complete),
	BH_TEST(test_skb__ctx_rules_tables),
};

int main(int argc, char **argv)
{
	make_pkt();
	return bh_test_run_all(cases, NELEM(cases), argc, argv);
}
