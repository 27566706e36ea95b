/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/diff_objects.c - differential test of whole BPF C objects:
 * every tests/progs/diffp_*.bpf.c object (built into $BUILD/progs/) is
 * opened and loaded twice, into the live kernel by libbpf and into bpfhost
 * by its ELF loader; each program runs on the same fixed inputs on both
 * sides (BPF_PROG_TEST_RUN / bh_prog__test_run), in the same order, and
 * after every run the test compares
 *
 *   - the test_run result and retval,
 *   - data_out (size and bytes),
 *   - ctx_out (__sk_buff for SCHED_CLS and SOCKET_FILTER; the context
 *     written back over ctx_in for SYSCALL),
 *   - the full contents of every map of the object: hashes, tries and
 *     arrays as sets of (key, value) (iteration orders differ), per-CPU
 *     values slot by slot (the test pins itself to CPU 0, where both
 *     sides then run; as sums of each u64 over the slots if it cannot),
 *     queues and stacks by popping and pushing back,
 *     bloom filters by probing every 4-byte word of the inputs, program
 *     arrays and map-in-maps by which slots are set (their values are ids
 *     that differ by nature), global data byte for byte.
 *
 * Inputs: XDP, SCHED_CLS and SOCKET_FILTER programs get seven packets
 * (IPv4 TCP SYN, IPv4 UDP, IPv6 UDP, IPv4 ICMP, ARP, 802.1Q IPv4 TCP with
 * IP options, a 200-byte IPv4 UDP), then repeat 5 on two of them (maps
 * accumulate), data_out too small (20 bytes: -ENOSPC); XDP with an
 * xdp_md in and out, and with 8 bytes of metadata (ctx_in data = 8);
 * SCHED_CLS / SOCKET_FILTER with an __sk_buff in (mark, priority, cb[],
 * tstamp) and SCHED_CLS with BPF_F_TEST_SKB_CHECKSUM_COMPLETE on two
 * packets; RAW_TRACEPOINT three argument arrays (twice each); SYSCALL
 * four struct diffp_sys_ctx; TRACING (fentry/fexit on bpf_fentry_test*)
 * one test_run per program, attached on both sides.  Before each run,
 * every USER_RINGBUF of the object gets the same samples on both sides
 * (libbpf's user_ring_buffer__submit, bh_user_ring_buffer__submit; see
 * feed_user_rings()).
 *
 *	diff_objects [--build DIR] [--only SUBSTRING] [-v]
 *
 * Each object also gets one "OBJ/maps_after_load" line: every map right
 * after load, before any run (initial values, map-in-map and program
 * array slots, .kconfig).
 *
 * Prints "ok OBJ/PROG/INPUT" or "not ok ..." with the difference, "skip"
 * lines, and exits 1 on a failure.  Skips everything when bpf() is
 * refused.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "progs/diff_objects.h"
#include "progs/verifier_gaps.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int passed, failures;
static bool verbose;
/* Pinned to CPU 0: the kernel's runs and bpfhost's use CPU slot 0 alike,
 * so per-CPU values compare slot by slot (else as sums over the slots). */
static bool pinned;

/* ---- Inputs ----------------------------------------------------------------- */

struct pkt {
	const char *name;
	uint8_t b[256];
	uint32_t len;
};

static struct pkt pkts[7];

static uint16_t csum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static const uint8_t mac_dst[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t mac_src[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01 };

/* Ethernet + IPv4 (ihl words) at @p; returns the L4 offset. */
static uint32_t ip4(uint8_t *p, uint32_t off, uint8_t proto, const uint8_t src[4],
		    const uint8_t dst[4], uint32_t l4len, uint8_t ihl)
{
	uint8_t *ip = p + off;

	ip[0] = (uint8_t)(0x40 | ihl);
	ip[1] = 0;
	put16(ip + 2, (uint16_t)(ihl * 4 + l4len));
	put16(ip + 4, 0x1c46);
	put16(ip + 6, 0x4000);
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	for (int i = 20; i < ihl * 4; i++)
		ip[i] = i == 20 ? 0x94 : i == 21 ? 0x04 : 0;  /* router alert */
	put16(ip + 10, 0);
	put16(ip + 10, csum16(ip, ihl * 4u, 0));
	return off + ihl * 4u;
}

static void eth(uint8_t *p, uint16_t type)
{
	memcpy(p, mac_dst, 6);
	memcpy(p + 6, mac_src, 6);
	put16(p + 12, type);
}

/* L4 checksum with the IPv4 pseudo header. */
static void l4csum4(uint8_t *ip, uint8_t *l4, uint32_t l4len, uint32_t csum_off)
{
	uint32_t s = 0;

	s += (uint32_t)(ip[12] << 8 | ip[13]) + (uint32_t)(ip[14] << 8 | ip[15]);
	s += (uint32_t)(ip[16] << 8 | ip[17]) + (uint32_t)(ip[18] << 8 | ip[19]);
	s += ip[9] + l4len;
	put16(l4 + csum_off, 0);
	put16(l4 + csum_off, csum16(l4, l4len, s));
}

static void make_pkts(void)
{
	static const uint8_t a1[4] = { 10, 1, 2, 3 }, a2[4] = { 172, 16, 5, 6 },
			     a3[4] = { 10, 1, 9, 9 }, a4[4] = { 10, 1, 2, 99 },
			     a5[4] = { 192, 168, 1, 1 };
	struct pkt *p;
	uint32_t l4;

	/* IPv4 TCP SYN, 26 bytes of payload */
	p = &pkts[0];
	p->name = "tcp4";
	eth(p->b, 0x0800);
	l4 = ip4(p->b, 14, 6, a1, a2, 20 + 26, 5);
	put16(p->b + l4, 1234);
	put16(p->b + l4 + 2, 80);
	put16(p->b + l4 + 4, 0x1122);
	put16(p->b + l4 + 6, 0x3344);
	p->b[l4 + 12] = 0x50;
	p->b[l4 + 13] = 0x02;
	put16(p->b + l4 + 14, 0xffff);
	for (int i = 0; i < 26; i++)
		p->b[l4 + 20 + i] = (uint8_t)(i * 7 + 1);
	p->len = l4 + 20 + 26;
	l4csum4(p->b + 14, p->b + l4, 46, 16);

	/* IPv4 UDP to port 53 */
	p = &pkts[1];
	p->name = "udp4";
	eth(p->b, 0x0800);
	l4 = ip4(p->b, 14, 17, a3, a1, 8 + 22, 5);
	put16(p->b + l4, 5353);
	put16(p->b + l4 + 2, 53);
	put16(p->b + l4 + 4, 30);
	memcpy(p->b + l4 + 8, "hello world 0123456789", 22);
	p->len = l4 + 8 + 22;
	l4csum4(p->b + 14, p->b + l4, 30, 6);

	/* IPv6 UDP */
	p = &pkts[2];
	p->name = "udp6";
	eth(p->b, 0x86dd);
	p->b[14] = 0x60;
	put16(p->b + 18, 8 + 16);
	p->b[20] = 17;
	p->b[21] = 64;
	for (int i = 0; i < 16; i++) {
		p->b[22 + i] = (uint8_t)(i == 0 ? 0xfd : i + 1);
		p->b[38 + i] = (uint8_t)(i == 0 ? 0xfd : 0x40 + i);
	}
	put16(p->b + 54, 40000);
	put16(p->b + 56, 4789);
	put16(p->b + 58, 24);
	for (int i = 0; i < 16; i++)
		p->b[62 + i] = (uint8_t)(0xf0 - i);
	p->len = 78;

	/* IPv4 ICMP echo to 10.1.2.99 */
	p = &pkts[3];
	p->name = "icmp4";
	eth(p->b, 0x0800);
	l4 = ip4(p->b, 14, 1, a2, a4, 8 + 20, 5);
	p->b[l4] = 8;
	put16(p->b + l4 + 4, 0x4242);
	put16(p->b + l4 + 6, 1);
	for (int i = 0; i < 20; i++)
		p->b[l4 + 8 + i] = (uint8_t)('a' + i);
	put16(p->b + l4 + 2, csum16(p->b + l4, 28, 0));
	p->len = l4 + 28;

	/* ARP request */
	p = &pkts[4];
	p->name = "arp";
	memset(p->b, 0xff, 6);
	memcpy(p->b + 6, mac_src, 6);
	put16(p->b + 12, 0x0806);
	put16(p->b + 14, 1);
	put16(p->b + 16, 0x0800);
	p->b[18] = 6;
	p->b[19] = 4;
	put16(p->b + 20, 1);
	memcpy(p->b + 22, mac_src, 6);
	memcpy(p->b + 28, a1, 4);
	memcpy(p->b + 38, a5, 4);
	p->len = 42;

	/* 802.1Q, IPv4 with a router-alert option, TCP ACK */
	p = &pkts[5];
	p->name = "vlan_tcp4";
	eth(p->b, 0x8100);
	put16(p->b + 14, 0x0064);
	put16(p->b + 16, 0x0800);
	l4 = ip4(p->b, 18, 6, a5, a3, 20 + 8, 6);
	put16(p->b + l4, 443);
	put16(p->b + l4 + 2, 51000);
	p->b[l4 + 12] = 0x50;
	p->b[l4 + 13] = 0x10;
	memcpy(p->b + l4 + 20, "payload!", 8);
	p->len = l4 + 28;

	/* 200-byte IPv4 UDP */
	p = &pkts[6];
	p->name = "udp4_200";
	eth(p->b, 0x0800);
	l4 = ip4(p->b, 14, 17, a1, a4, 200 - 34, 5);
	put16(p->b + l4, 7777);
	put16(p->b + l4 + 2, 9999);
	put16(p->b + l4 + 4, 200 - 34);
	for (uint32_t i = l4 + 8; i < 200; i++)
		p->b[i] = (uint8_t)(i * 13 ^ (i >> 3));
	p->len = 200;
	l4csum4(p->b + 14, p->b + l4, 200 - 34, 6);
}

static struct xdp_md xdp_ctx_plain, xdp_ctx_meta;
static struct __sk_buff skb_ctx_in;
static uint8_t meta_pkt[264];

static void make_ctxs(void)
{
	xdp_ctx_plain.data_end = pkts[1].len;
	xdp_ctx_plain.ingress_ifindex = 1;
	memset(meta_pkt, 0, sizeof(meta_pkt));
	for (int i = 0; i < 8; i++)
		meta_pkt[i] = (uint8_t)(0xc0 + i);
	memcpy(meta_pkt + 8, pkts[0].b, pkts[0].len);
	xdp_ctx_meta.data = 8;
	xdp_ctx_meta.data_end = 8 + pkts[0].len;
	skb_ctx_in.mark = 0x1234;
	skb_ctx_in.priority = 7;
	for (int i = 0; i < 5; i++)
		skb_ctx_in.cb[i] = 100u + (uint32_t)i;
	skb_ctx_in.tstamp = 123456789;
}

static const uint64_t raw_tp_args[3][4] = {
	{ 1, 2, 3, 4 },
	{ 0xdeadbeefULL, 27, 0x1ff, 0xf0f0f0f0f0f0f0f0ULL },
	{ ~0ULL, 0, 42, 0x8000000000000001ULL },
};

static struct diffp_sys_ctx sys_inputs[4];

static void make_sys_inputs(void)
{
	static const struct { uint64_t a, b; const char *s; } in[4] = {
		{ 5, 7, "12345" },
		{ (uint64_t)-3, 0x1234, "0x1f rest" },
		{ 100, 3, "hello world" },
		{ 0xffffffffULL, 1ULL << 40, "  -0777" },
	};

	memset(sys_inputs, 0, sizeof(sys_inputs));
	for (int i = 0; i < 4; i++) {
		sys_inputs[i].a = in[i].a;
		sys_inputs[i].b = in[i].b;
		snprintf(sys_inputs[i].str, sizeof(sys_inputs[i].str), "%s", in[i].s);
	}
}

/* ---- Results ----------------------------------------------------------------- */

struct result {
	int err;
	uint32_t retval;
	uint32_t data_sz;
	uint8_t data[4096];
	uint32_t ctx_sz;
	uint8_t ctx[256];
};

/* One run's inputs. */
struct input {
	char name[32];
	const void *data;
	uint32_t data_sz;
	const void *ctx;       /* ctx_in */
	uint32_t ctx_sz;
	uint32_t ctx_out_sz;   /* ctx_out room (skb programs) */
	bool ctx_back;         /* SYSCALL: ctx_in is written back */
	int repeat;
	uint32_t data_out_sz;  /* room in data_out; 0: 4096 */
	uint32_t flags;        /* test_run flags */
};

static void k_run(int fd, const struct input *in, struct result *r)
{
	uint8_t ctx[256];
	LIBBPF_OPTS(bpf_test_run_opts, o);

	memset(r, 0, sizeof(*r));
	o.data_in = in->data;
	o.data_size_in = in->data_sz;
	if (in->data) {
		o.data_out = r->data;
		o.data_size_out = in->data_out_sz ? in->data_out_sz : sizeof(r->data);
	}
	if (in->ctx) {
		memcpy(ctx, in->ctx, in->ctx_sz);
		o.ctx_in = ctx;
		o.ctx_size_in = in->ctx_sz;
	}
	if (in->ctx_out_sz) {
		o.ctx_out = r->ctx;
		o.ctx_size_out = in->ctx_out_sz;
	}
	o.repeat = in->repeat;
	o.flags = in->flags;
	r->err = bpf_prog_test_run_opts(fd, &o);
	if (r->err > 0)
		r->err = -r->err;
	r->retval = o.retval;
	r->data_sz = o.data_size_out;
	r->ctx_sz = o.ctx_size_out;
	if (in->ctx_back) {
		memcpy(r->ctx, ctx, in->ctx_sz);
		r->ctx_sz = in->ctx_sz;
	}
}

static void b_run(struct bh_prog *p, const struct input *in, struct result *r)
{
	uint8_t ctx[256];
	BH_OPTS(bh_test_run_opts, o);

	memset(r, 0, sizeof(*r));
	o.data_in = in->data;
	o.data_size_in = in->data_sz;
	if (in->data) {
		o.data_out = r->data;
		o.data_size_out = in->data_out_sz ? in->data_out_sz : sizeof(r->data);
	}
	if (in->ctx) {
		memcpy(ctx, in->ctx, in->ctx_sz);
		o.ctx_in = ctx;
		o.ctx_size_in = in->ctx_sz;
	}
	if (in->ctx_out_sz) {
		o.ctx_out = r->ctx;
		o.ctx_size_out = in->ctx_out_sz;
	}
	o.repeat = in->repeat;
	o.flags = in->flags;
	r->err = bh_prog__test_run(p, &o);
	r->retval = o.retval;
	r->data_sz = o.data_size_out;
	r->ctx_sz = o.ctx_size_out;
	if (in->ctx_back) {
		memcpy(r->ctx, ctx, in->ctx_sz);
		r->ctx_sz = in->ctx_sz;
	}
}

/* ---- Messages ---------------------------------------------------------------- */

static char detail[1 << 16];
static size_t detail_len;

static void note(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (detail_len >= sizeof(detail) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(detail + detail_len, sizeof(detail) - detail_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		detail_len += (size_t)n;
	if (detail_len > sizeof(detail) - 1)
		detail_len = sizeof(detail) - 1;
}

static void hex(const char *what, const uint8_t *p, size_t n)
{
	note("    %s (%zu):", what, n);
	for (size_t i = 0; i < n && i < 96; i++)
		note("%s%02x", i % 32 ? "" : "\n      ", p[i]);
	if (n > 96)
		note(" ...");
	note("\n");
}

static void report(const char *name, bool ok)
{
	if (ok) {
		passed++;
		printf("ok %s\n", name);
	} else {
		failures++;
		printf("not ok %s\n%s", name, detail);
	}
	detail_len = 0;
	detail[0] = 0;
	fflush(stdout);
}

/* ---- Map contents ----------------------------------------------------------- */

/* A map's contents: sorted records of key || value. */
struct dump {
	uint8_t *buf;
	size_t rec, n, cap;
	int err;
};

static void dump_add(struct dump *d, const void *key, size_t ks, const void *val,
		     size_t vs)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->buf = realloc(d->buf, d->cap * d->rec);
		if (!d->buf)
			abort();
	}
	memset(d->buf + d->n * d->rec, 0, d->rec);
	if (ks)
		memcpy(d->buf + d->n * d->rec, key, ks);
	if (vs)
		memcpy(d->buf + d->n * d->rec + ks, val, vs);
	d->n++;
}

static size_t g_rec;

static int rec_cmp(const void *a, const void *b)
{
	return memcmp(a, b, g_rec);
}

static void dump_sort(struct dump *d)
{
	g_rec = d->rec;
	if (d->n)
		qsort(d->buf, d->n, d->rec, rec_cmp);
}

/* The two sides' map operations. */
struct side_ops {
	int (*next_key)(void *m, const void *key, void *next);
	int (*lookup)(void *m, const void *key, void *val);
	int (*pop)(void *m, void *val);
	int (*push)(void *m, const void *val);
	unsigned int ncpus;
};

static int k_next(void *m, const void *key, void *next)
{
	int r = bpf_map_get_next_key((int)(long)m, key, next);

	return r < 0 ? -errno : 0;
}

static int k_lookup(void *m, const void *key, void *val)
{
	int r = bpf_map_lookup_elem((int)(long)m, key, val);

	return r < 0 ? -errno : 0;
}

static int k_pop(void *m, void *val)
{
	int r = bpf_map_lookup_and_delete_elem((int)(long)m, NULL, val);

	return r < 0 ? -errno : 0;
}

static int k_push(void *m, const void *val)
{
	int r = bpf_map_update_elem((int)(long)m, NULL, val, 0);

	return r < 0 ? -errno : 0;
}

static int b_next(void *m, const void *key, void *next)
{
	return bh_map__get_next_key(m, key, next);
}

static int b_lookup(void *m, const void *key, void *val)
{
	return bh_map__lookup_elem(m, key, val);
}

static int b_pop(void *m, void *val)
{
	return bh_map__lookup_and_delete_elem(m, NULL, val);
}

static int b_push(void *m, const void *val)
{
	return bh_map__update_elem(m, NULL, val, 0);
}

static struct side_ops k_ops = { k_next, k_lookup, k_pop, k_push, 0 };
static struct side_ops b_ops = { b_next, b_lookup, b_pop, b_push, 0 };

static bool is_percpu(uint32_t t)
{
	return t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static bool ids_only(uint32_t t)
{
	return t == BPF_MAP_TYPE_PROG_ARRAY || t == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       t == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* Bloom filter probes: every 4-byte word of every packet, plus 0..63. */
static void bloom_probes(uint32_t **out, size_t *n)
{
	static uint32_t probes[4096];
	static size_t cnt;

	if (!cnt) {
		for (size_t p = 0; p < NELEM(pkts); p++)
			for (uint32_t i = 0; i + 4 <= pkts[p].len; i++)
				memcpy(&probes[cnt++], pkts[p].b + i, 4);
		for (uint32_t i = 0; i < 64; i++)
			probes[cnt++] = i;
	}
	*out = probes;
	*n = cnt;
}

static void dump_map(const struct side_ops *ops, void *m, uint32_t type,
		     uint32_t ks, uint32_t vs, struct dump *d)
{
	size_t vbytes = is_percpu(type) ? ((vs + 7) & ~7U) * ops->ncpus : vs;
	uint8_t *key = calloc(1, ks + 8), *next = calloc(1, ks + 8);
	uint8_t *val = calloc(1, vbytes + 8), *sum = calloc(1, vs + 8);
	size_t out_vs = !is_percpu(type) ? vs : pinned ? vbytes : ((vs + 7) & ~7U);
	bool first = true;
	int r;

	memset(d, 0, sizeof(*d));
	if (type == BPF_MAP_TYPE_QUEUE || type == BPF_MAP_TYPE_STACK) {
		/* pop everything (queue order, or stack top first), push back */
		d->rec = vs;
		while (!(r = ops->pop(m, val)))
			dump_add(d, NULL, 0, val, vs);
		if (r != -ENOENT)
			d->err = r;
		for (size_t i = 0; i < d->n; i++) {
			size_t j = type == BPF_MAP_TYPE_QUEUE ? i : d->n - 1 - i;

			ops->push(m, d->buf + j * vs);
		}
		goto out;
	}
	if (type == BPF_MAP_TYPE_BLOOM_FILTER) {
		uint32_t *probes;
		size_t n;

		d->rec = 4;
		bloom_probes(&probes, &n);
		for (size_t i = 0; i < n && vs == 4; i++)
			if (!ops->lookup(m, NULL, &probes[i]))
				dump_add(d, NULL, 0, &probes[i], 4);
		dump_sort(d);
		goto out;
	}
	d->rec = ks + out_vs;
	for (;;) {
		r = ops->next_key(m, first ? NULL : key, next);
		if (r == -ENOENT)
			break;
		if (r) {
			d->err = r;
			break;
		}
		first = false;
		memcpy(key, next, ks);
		r = ops->lookup(m, key, val);
		if (ids_only(type)) {
			uint32_t present = r == 0;

			dump_add(d, key, ks, &present, 4 < out_vs ? 4 : out_vs);
			continue;
		}
		if (r) {
			d->err = r;
			break;
		}
		if (is_percpu(type) && !pinned) {
			memset(sum, 0, out_vs);
			for (unsigned int c = 0; c < ops->ncpus; c++)
				for (size_t w = 0; w + 8 <= out_vs; w += 8) {
					uint64_t a, b;

					memcpy(&a, sum + w, 8);
					memcpy(&b, val + c * out_vs + w, 8);
					a += b;
					memcpy(sum + w, &a, 8);
				}
			dump_add(d, key, ks, sum, out_vs);
		} else {
			dump_add(d, key, ks, val, out_vs);
		}
		if (d->n > 100000) {
			d->err = -ELOOP;
			break;
		}
	}
	dump_sort(d);
out:
	free(key);
	free(next);
	free(val);
	free(sum);
}

/*
 * Compare every map of the object; notes the differences.  .kconfig,
 * which programs cannot change, only @after_load (its own line).
 */
static bool compare_maps(struct bpf_object *kobj, struct bh_object *bobj,
			 bool after_load)
{
	bool ok = true;

	for (struct bh_object_map *bm = bh_object__next_map(bobj, NULL); bm;
	     bm = bh_object__next_map(bobj, bm)) {
		const char *name = bh_object_map__name(bm);
		struct bpf_map *km = bpf_object__find_map_by_name(kobj, name);
		uint32_t type = bh_object_map__type(bm);
		uint32_t ks = bh_object_map__key_size(bm), vs = bh_object_map__value_size(bm);
		struct dump kd, bd;

		if (!km || bpf_map__fd(km) < 0 || !bh_object_map__map(bm))
			continue;   /* a map one side did not create */
		if (!after_load && !strcmp(name, ".kconfig"))
			continue;
		if (bpf_map__type(km) != type || bpf_map__key_size(km) != ks ||
		    bpf_map__value_size(km) != vs) {
			note("  map %s: definitions differ (kernel type %u key %u value %u)\n",
			     name, bpf_map__type(km), bpf_map__key_size(km),
			     bpf_map__value_size(km));
			ok = false;
			continue;
		}
		dump_map(&k_ops, (void *)(long)bpf_map__fd(km), type, ks, vs, &kd);
		dump_map(&b_ops, bh_object_map__map(bm), type, ks, vs, &bd);
		if (verbose)
			note("  map %s: %zu entries\n", name, kd.n);
		if (kd.err != bd.err || kd.n != bd.n ||
		    (kd.n && memcmp(kd.buf, bd.buf, kd.n * kd.rec))) {
			ok = false;
			note("  map %s (%s): kernel %zu entries (err %d), bpfhost %zu (err %d)\n",
			     name, bh_map_type_str(type), kd.n, kd.err, bd.n, bd.err);
			for (size_t i = 0, shown = 0; i < kd.n || i < bd.n; i++) {
				const uint8_t *a = i < kd.n ? kd.buf + i * kd.rec : NULL;
				const uint8_t *b = i < bd.n ? bd.buf + i * bd.rec : NULL;

				if (a && b && !memcmp(a, b, kd.rec))
					continue;
				if (shown++ == 4) {
					note("    ...\n");
					break;
				}
				note("    entry %zu:\n", i);
				if (a)
					hex("kernel ", a, kd.rec);
				if (b)
					hex("bpfhost", b, bd.rec);
			}
		}
		free(kd.buf);
		free(bd.buf);
	}
	return ok;
}

/* ---- One object -------------------------------------------------------------- */

static bool compare_results(const struct result *k, const struct result *b,
			    const struct input *in)
{
	bool ok = true;

	if (k->err != b->err) {
		note("  test_run: kernel %d, bpfhost %d\n", k->err, b->err);
		ok = false;
	}
	if (k->retval != b->retval) {
		note("  retval: kernel %u (%#x), bpfhost %u (%#x)\n", k->retval,
		     k->retval, b->retval, b->retval);
		ok = false;
	}
	if (in->data && (k->data_sz != b->data_sz ||
			 memcmp(k->data, b->data, k->data_sz < sizeof(k->data) ?
			 k->data_sz : sizeof(k->data)))) {
		note("  data_out differs\n");
		hex("kernel ", k->data, k->data_sz);
		hex("bpfhost", b->data, b->data_sz);
		ok = false;
	}
	if ((in->ctx_out_sz || in->ctx_back) &&
	    (k->ctx_sz != b->ctx_sz || memcmp(k->ctx, b->ctx, k->ctx_sz))) {
		note("  ctx_out differs\n");
		for (uint32_t i = 0; i < k->ctx_sz || i < b->ctx_sz; i += 4) {
			uint32_t x = 0, y = 0;

			memcpy(&x, k->ctx + i, 4);
			memcpy(&y, b->ctx + i, 4);
			if (x != y)
				note("    offset %u: kernel %#x, bpfhost %#x\n", i, x, y);
		}
		ok = false;
	}
	return ok;
}

static int build_inputs(uint32_t type, struct input *ins, size_t max)
{
	size_t n = 0;

	memset(ins, 0, max * sizeof(*ins));
	switch (type) {
	case BPF_PROG_TYPE_XDP:
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SOCKET_FILTER:
		for (size_t i = 0; i < NELEM(pkts) && n < max; i++, n++) {
			snprintf(ins[n].name, sizeof(ins[n].name), "%s", pkts[i].name);
			ins[n].data = pkts[i].b;
			ins[n].data_sz = pkts[i].len;
		}
		for (size_t i = 0; i < 2 && n < max; i++, n++) {
			snprintf(ins[n].name, sizeof(ins[n].name), "%s_x5", pkts[i].name);
			ins[n].data = pkts[i].b;
			ins[n].data_sz = pkts[i].len;
			ins[n].repeat = 5;
		}
		if (type != BPF_PROG_TYPE_XDP)
			for (size_t i = 0; i < n; i++)
				ins[i].ctx_out_sz = sizeof(struct __sk_buff);
		/* data_out too small: -ENOSPC with the full size */
		snprintf(ins[n].name, sizeof(ins[n].name), "tcp4_out20");
		ins[n].data = pkts[0].b;
		ins[n].data_sz = pkts[0].len;
		ins[n].data_out_sz = 20;
		n++;
		if (type == BPF_PROG_TYPE_XDP) {
			/* an xdp_md in and out; then 8 bytes of metadata */
			snprintf(ins[n].name, sizeof(ins[n].name), "udp4_ctx");
			ins[n].data = pkts[1].b;
			ins[n].data_sz = pkts[1].len;
			ins[n].ctx = &xdp_ctx_plain;
			ins[n].ctx_sz = sizeof(xdp_ctx_plain);
			ins[n].ctx_out_sz = sizeof(struct xdp_md);
			n++;
			snprintf(ins[n].name, sizeof(ins[n].name), "tcp4_meta8");
			ins[n].data = meta_pkt;
			ins[n].data_sz = pkts[0].len + 8;
			ins[n].ctx = &xdp_ctx_meta;
			ins[n].ctx_sz = sizeof(xdp_ctx_meta);
			ins[n].ctx_out_sz = sizeof(struct xdp_md);
			n++;
		} else {
			/* an __sk_buff in: mark, priority, cb[], tstamp */
			snprintf(ins[n].name, sizeof(ins[n].name), "udp4_ctx");
			ins[n].data = pkts[1].b;
			ins[n].data_sz = pkts[1].len;
			ins[n].ctx = &skb_ctx_in;
			ins[n].ctx_sz = sizeof(skb_ctx_in);
			ins[n].ctx_out_sz = sizeof(struct __sk_buff);
			n++;
			if (type == BPF_PROG_TYPE_SCHED_CLS) {
				snprintf(ins[n].name, sizeof(ins[n].name), "%s",
					 "tcp4_csum_complete");
				ins[n].data = pkts[0].b;
				ins[n].data_sz = pkts[0].len;
				ins[n].ctx_out_sz = sizeof(struct __sk_buff);
				ins[n].flags = BPF_F_TEST_SKB_CHECKSUM_COMPLETE;
				n++;
				snprintf(ins[n].name, sizeof(ins[n].name), "%s",
					 "udp4_200_csum_complete");
				ins[n].data = pkts[6].b;
				ins[n].data_sz = pkts[6].len;
				ins[n].ctx_out_sz = sizeof(struct __sk_buff);
				ins[n].flags = BPF_F_TEST_SKB_CHECKSUM_COMPLETE;
				n++;
			}
		}
		break;
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		for (size_t r = 0; r < 2; r++)
			for (size_t i = 0; i < NELEM(raw_tp_args) && n < max; i++, n++) {
				snprintf(ins[n].name, sizeof(ins[n].name), "args%zu%s", i,
					 r ? "_again" : "");
				ins[n].ctx = raw_tp_args[i];
				ins[n].ctx_sz = sizeof(raw_tp_args[i]);
			}
		break;
	case BPF_PROG_TYPE_SYSCALL:
		for (size_t i = 0; i < NELEM(sys_inputs) && n < max; i++, n++) {
			snprintf(ins[n].name, sizeof(ins[n].name), "ctx%zu", i);
			ins[n].ctx = &sys_inputs[i];
			ins[n].ctx_sz = sizeof(sys_inputs[i]);
			ins[n].ctx_back = true;
		}
		break;
	case BPF_PROG_TYPE_TRACING:
		snprintf(ins[0].name, sizeof(ins[0].name), "test_run");
		n = 1;
		break;
	default:
		break;
	}
	return (int)n;
}

static const char *only;

/*
 * Producers of the object's user ring buffers, one per side.  Before run
 * @run each ring gets three samples (8, 16 and 4 bytes: the last too short
 * for an 8-byte read) and, every third run, a sample of 100 (which
 * diffp_59's callback takes as "stop": the rest waits for the next run).
 */
struct urb_feed {
	struct user_ring_buffer *k;
	struct bh_user_ring_buffer *b;
};

static size_t open_user_rings(struct bpf_object *kobj, struct bh_object *bobj,
			      struct urb_feed *f, size_t max)
{
	size_t n = 0;

	for (struct bh_object_map *bm = bh_object__next_map(bobj, NULL); bm && n < max;
	     bm = bh_object__next_map(bobj, bm)) {
		struct bpf_map *km = bpf_object__find_map_by_name(kobj, bh_object_map__name(bm));

		if (bh_object_map__type(bm) != BPF_MAP_TYPE_USER_RINGBUF || !km)
			continue;
		f[n].k = user_ring_buffer__new(bpf_map__fd(km), NULL);
		f[n].b = bh_user_ring_buffer__new(bh_object_map__map(bm), NULL);
		if (!f[n].k || !f[n].b) {
			note("  user ring buffer %s: no producer (kernel %p, bpfhost %p)\n",
			     bh_object_map__name(bm), (void *)f[n].k, (void *)f[n].b);
			user_ring_buffer__free(f[n].k);
			bh_user_ring_buffer__free(f[n].b);
			continue;
		}
		n++;
	}
	return n;
}

static void feed_user_rings(struct urb_feed *f, size_t n, int run)
{
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 4; k++) {
			uint32_t size = k == 1 ? 16 : k == 2 ? 4 : 8;
			uint64_t v[2] = { (uint64_t)run * 10 + (uint64_t)k, ~(uint64_t)run };
			void *ks, *bs;

			if (k == 3 && run % 3)
				break;
			if (k == 3)
				v[0] = 100;
			ks = user_ring_buffer__reserve(f[i].k, size);
			bs = bh_user_ring_buffer__reserve(f[i].b, size);
			if (ks) {
				memcpy(ks, v, size);
				user_ring_buffer__submit(f[i].k, ks);
			}
			if (bs) {
				memcpy(bs, v, size);
				bh_user_ring_buffer__submit(f[i].b, bs);
			}
			if (!ks != !bs)
				note("  user ring buffer: reserve %s on the kernel, %s on bpfhost\n",
				     ks ? "ok" : "failed", bs ? "ok" : "failed");
		}
	}
}

static void close_user_rings(struct urb_feed *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		user_ring_buffer__free(f[i].k);
		bh_user_ring_buffer__free(f[i].b);
	}
}

/*
 * Objects bpfhost's verifier does not accept yet (tests/progs/verifier_gaps.h):
 * this test compares what running them does with the kernel, so they load
 * with BH_PROG_LOAD_F_NO_VERIFY and run in the checked interpreter.  Every
 * other object is verified.
 */
static uint32_t object_bh_flags(const char *oname)
{
	return verifier_gap(oname) ? BH_PROG_LOAD_F_NO_VERIFY : 0;
}

static void diff_object(const char *path)
{
	char oname[128], tname[2560], log[1 << 16];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct bpf_object *kobj;
	struct bh_object *bobj;
	struct bpf_program *kp;
	struct bpf_link *links[16];
	struct bh_attach_func *bfuncs[16];
	struct bh_prog *bprogs[16];
	struct urb_feed urbs[4];
	size_t nlinks = 0, nurbs = 0;
	int err, run = 0;

	snprintf(oname, sizeof(oname), "%.*s", (int)(strstr(base, ".bpf.o") ?
		 strstr(base, ".bpf.o") - base : (long)strlen(base)), base);
	if (only && !strstr(oname, only))
		return;
	kobj = bpf_object__open_file(path, NULL);
	if (!kobj) {
		note("  kernel: open: %s\n", strerror(errno));
		report(oname, false);
		return;
	}
	err = bpf_object__load(kobj);
	if (err == -EPERM) {
		bool tracing = false;

		bpf_object__for_each_program(kp, kobj)
			tracing |= bpf_program__type(kp) == BPF_PROG_TYPE_TRACING;
		if (tracing) {
			/* e.g. a VM kernel refusing tracing programs to all */
			printf("skip %s: the kernel refuses tracing programs (EPERM)\n",
			       oname);
			bpf_object__close(kobj);
			return;
		}
	}
	if (err) {
		note("  kernel: load: %s (a test bug: fix the program)\n", strerror(-err));
		report(oname, false);
		bpf_object__close(kobj);
		return;
	}
	log[0] = 0;
	BH_OPTS(bh_object_open_opts, bo, .log_buf = log, .log_size = sizeof(log),
		.prog_bh_flags = object_bh_flags(oname));
	bobj = bh_object__open_file(path, &bo);
	if (!bobj || (err = bh_object__load(bobj))) {
		note("  bpfhost: %s: %s\n%s\n", bobj ? "load" : "open",
		     strerror(bobj ? -err : errno), log);
		report(oname, false);
		bh_object__close(bobj);
		bpf_object__close(kobj);
		return;
	}
	/* the maps as load left them: initial values, slots, .kconfig */
	snprintf(tname, sizeof(tname), "%s/maps_after_load", oname);
	report(tname, compare_maps(kobj, bobj, true));
	nurbs = open_user_rings(kobj, bobj, urbs, NELEM(urbs));
	/* tracing programs run only when attached */
	bpf_object__for_each_program(kp, kobj) {
		struct bh_program *bp;
		struct bh_attach_func *f;
		const char *target;

		if (bpf_program__type(kp) != BPF_PROG_TYPE_TRACING || nlinks == 16)
			continue;
		bp = bh_object__find_program_by_name(bobj, bpf_program__name(kp));
		target = bp ? bh_program__attach_target(bp) : NULL;
		f = target ? bh_attach_func__find(target) : NULL;
		links[nlinks] = bpf_program__attach(kp);
		if (!links[nlinks] || !f ||
		    bh_attach_func__attach(f, bh_program__prog(bp))) {
			note("  %s: attach failed (kernel %s, bpfhost %s)\n",
			     bpf_program__name(kp), links[nlinks] ? "ok" : strerror(errno),
			     f ? "attach" : "no such function");
			bpf_link__destroy(links[nlinks]);
			report(oname, false);
			goto out;
		}
		bfuncs[nlinks] = f;
		bprogs[nlinks] = bh_program__prog(bp);
		nlinks++;
	}
	bpf_object__for_each_program(kp, kobj) {
		struct bh_program *bp = bh_object__find_program_by_name(bobj, bpf_program__name(kp));
		struct input ins[24];
		int n = build_inputs(bpf_program__type(kp), ins, NELEM(ins));

		if (!bp || !bh_program__prog(bp)) {
			snprintf(tname, sizeof(tname), "%s/%s", oname, bpf_program__name(kp));
			note("  bpfhost has no loaded program %s\n", bpf_program__name(kp));
			report(tname, false);
			continue;
		}
		if (!n) {
			printf("skip %s/%s: no inputs for program type %u\n", oname,
			       bpf_program__name(kp), bpf_program__type(kp));
			continue;
		}
		for (int i = 0; i < n; i++) {
			static struct result kr, br;
			bool ok;

			snprintf(tname, sizeof(tname), "%s/%s/%s", oname,
				 bpf_program__name(kp), ins[i].name);
			feed_user_rings(urbs, nurbs, run++);
			k_run(bpf_program__fd(kp), &ins[i], &kr);
			b_run(bh_program__prog(bp), &ins[i], &br);
			ok = compare_results(&kr, &br, &ins[i]);
			ok = compare_maps(kobj, bobj, false) && ok;
			if (verbose)
				note("  retval %u err %d data_out %u\n", kr.retval, kr.err,
				     kr.data_sz);
			if (ok && verbose) {
				printf("%s", detail);
				detail_len = 0;
			}
			report(tname, ok);
		}
	}
out:
	close_user_rings(urbs, nurbs);
	for (size_t i = 0; i < nlinks; i++) {
		bpf_link__destroy(links[i]);
		bh_attach_func__detach(bfuncs[i], bprogs[i]);
	}
	bh_object__close(bobj);
	bpf_object__close(kobj);
}

/* bpf_trace_printk lines of bpfhost: shown with -v only (the test compares
 * the helper's return values, not the kernel's trace_pipe). */
static void trace_line(void *ctx, unsigned int cpu, const char *line, size_t len)
{
	if (verbose)
		fprintf(stderr, "bpfhost trace: %.*s\n", (int)len, line);
}

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (verbose)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

int main(int argc, char **argv)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char pattern[512];
	glob_t g;
	int fd;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--build") && i + 1 < argc)
			build = argv[++i];
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
	}
	libbpf_set_print(silent);
	bh_trace__set_handler(trace_line, NULL);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	if (fd < 0 || geteuid() != 0) {
		printf("skip diff_objects: bpf() refused (not root?)\n");
		return 0;
	}
	close(fd);
	{
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(0, &set);
		pinned = !sched_setaffinity(0, sizeof(set), &set);
		if (!pinned)
			printf("# diff_objects: cannot pin to CPU 0; per-CPU values compared as sums\n");
	}
	k_ops.ncpus = (unsigned int)libbpf_num_possible_cpus();
	bh_set_cpu_count(k_ops.ncpus);
	b_ops.ncpus = bh_cpu_count_get();
	make_pkts();
	make_ctxs();
	make_sys_inputs();
	snprintf(pattern, sizeof(pattern), "%s/progs/diffp_*.bpf.o", build);
	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		printf("not ok diff_objects: no objects matching %s (make first)\n", pattern);
		return 1;
	}
	for (size_t i = 0; i < g.gl_pathc; i++)
		diff_object(g.gl_pathv[i]);
	globfree(&g);
	printf("# diff_objects: %d passed, %d failed\n", passed, failures);
	return failures ? 1 : 0;
}
