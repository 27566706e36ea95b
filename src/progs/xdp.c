/* SPDX-License-Identifier: MIT */
/*
 * progs/xdp.c - BPF_PROG_TYPE_XDP.
 *
 * The program's context is struct xdp_md, whose data, data_end and
 * data_meta are 32-bit fields.  The kernel's verifier rewrites loads of them
 * into loads of the real 64-bit pointers.  bpfhost instead places the packet
 * in memory below 2 GiB (MAP_32BIT), so the 32-bit values are the real
 * addresses and clang's direct packet access works without a rewrite.
 *
 * Packet memory, as the kernel's test_run lays it out:
 *
 *   | headroom 256 (meta at its end) | data ........ | tailroom |
 *                           ^data_meta ^data          ^data_end
 *
 * (progs/xdp.h has the host-side buffer the XDP helpers move these in.)
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "progs/ctx_access.h"
#include "progs/xdp.h"

#define ETH_HLEN 14

/*
 * The packet page below 2 GiB.  Each thread keeps the last one for its
 * next test_run: an munmap per call made every other CPU running a thread
 * of the process take a TLB-shootdown interrupt, which cost concurrent
 * test_run callers (several producer threads) most of their time.  A
 * reused page is zeroed, as the kernel's test_run allocates zeroed
 * memory; a thread's page is unmapped when the thread exits.
 */
static pthread_key_t xdp_buf_key;
static pthread_once_t xdp_buf_once = PTHREAD_ONCE_INIT;
static bool xdp_buf_key_ok;

static void xdp_buf_unmap(void *buf)
{
	munmap(buf, XDP_BUF_SZ);
}

static void xdp_buf_key_create(void)
{
	xdp_buf_key_ok = !pthread_key_create(&xdp_buf_key, xdp_buf_unmap);
}

static uint8_t *xdp_buf_get(void)
{
	uint8_t *buf;

	pthread_once(&xdp_buf_once, xdp_buf_key_create);
	if (xdp_buf_key_ok && (buf = pthread_getspecific(xdp_buf_key))) {
		pthread_setspecific(xdp_buf_key, NULL);
		memset(buf, 0, XDP_BUF_SZ);
		return buf;
	}
	buf = mmap(NULL, XDP_BUF_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	return buf == MAP_FAILED ? NULL : buf;
}

/* Keep @buf for the thread's next run (a nested run's page is unmapped). */
static void xdp_buf_put(uint8_t *buf)
{
	if (xdp_buf_key_ok && !pthread_getspecific(xdp_buf_key) &&
	    !pthread_setspecific(xdp_buf_key, buf))
		return;
	munmap(buf, XDP_BUF_SZ);
}

/*
 * Metadata may take up to what skb_shared_info's u8 meta_len holds, 4-byte
 * aligned (xdp_metalen_invalid() of Linux 6.18; older kernels allowed 32).
 */
#define XDP_META_MAX 252

/* Check ctx_in as the kernel does; returns the metadata length in *meta. */
static int xdp_ctx_in(const struct bh_test_run_opts *opts, uint32_t size,
		      struct xdp_md *md, uint32_t *meta)
{
	*meta = 0;
	memset(md, 0, sizeof(*md));
	if (!opts->ctx_in)
		return 0;
	if (opts->ctx_size_in > sizeof(*md)) {
		/* bytes past the struct must be zero (bpf_ctx_init) */
		const uint8_t *p = opts->ctx_in;

		for (uint32_t i = sizeof(*md); i < opts->ctx_size_in; i++)
			if (p[i])
				return -EINVAL;
	}
	memcpy(md, opts->ctx_in, BH_MIN(opts->ctx_size_in, sizeof(*md)));
	if (md->data_meta || md->data_end != size || md->data > md->data_end ||
	    md->data > XDP_META_MAX || (md->data & 3))
		return -EINVAL;
	/*
	 * xdp_convert_md_to_buff(): the loopback device (ifindex 1, one rx
	 * queue) is the only device there is, as for the skb test_run.
	 */
	if (md->egress_ifindex || (!md->ingress_ifindex && md->rx_queue_index))
		return -EINVAL;
	if (md->ingress_ifindex > 1)
		return -ENODEV;
	if (md->rx_queue_index)
		return -EINVAL;
	*meta = md->data;
	return 0;
}

static int xdp_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	uint32_t size = opts->data_size_in, meta;
	struct bh_exec_env env = { 0 };
	struct bh_xdp_buff xb = { .magic = XDP_MAGIC };
	struct xdp_md md;
	uint64_t r0 = 0;
	uint8_t *buf;
	int ret, out_ret;

	/* As the kernel: no CPU pinning for XDP; live frames are not
	 * modelled (there is no device to transmit on); batch_size is for
	 * live frames only; ctx_out needs ctx_in. */
	if (BH_OPTS_GET(opts, flags, 0) & BPF_F_TEST_XDP_LIVE_FRAMES)
		return -EOPNOTSUPP;
	ret = test_run_check_common(opts, 0);
	if (ret)
		return ret;
	if (BH_OPTS_GET(opts, batch_size, 0) || (opts->ctx_out && !opts->ctx_in))
		return -EINVAL;
	if (size < ETH_HLEN || size > XDP_BUF_SZ - XDP_HEADROOM - XDP_TAILROOM ||
	    !opts->data_in)
		return -EINVAL;
	ret = xdp_ctx_in(opts, size, &md, &meta);
	if (ret)
		return ret;
	buf = xdp_buf_get();
	if (!buf)
		return -ENOMEM;
	/* As the kernel: the metadata comes out of the headroom. */
	memcpy(buf + XDP_HEADROOM - meta, opts->data_in, size);
	md.data_meta = (uint32_t)(uintptr_t)(buf + XDP_HEADROOM - meta);
	md.data = md.data_meta + meta;
	md.data_end = md.data_meta + size;
	xb.md = md;
	/* The program sees the test_run's rx queue, the loopback device's
	 * queue 0, with or without ctx_in; ctx_out keeps ctx_in's value. */
	xb.md.ingress_ifindex = 1;
	xb.md.rx_queue_index = 0;
	xb.hard_start = buf;
	xb.env = &env;
	xb.pkt_region = 1;
	env.args[0] = (uintptr_t)&xb.md;
	exec_add_region(&env, &xb.md, sizeof(xb.md), false);
	exec_add_region(&env, buf + XDP_HEADROOM - meta, size, true);
	ret = test_run_repeat(prog, &env, opts, &r0);
	/* helpers may have moved data, data_meta, data_end */
	md.data_meta = xb.md.data_meta;
	md.data = xb.md.data;
	md.data_end = xb.md.data_end;
	if (!ret) {
		uint8_t *data_meta = (uint8_t *)(uintptr_t)md.data_meta;

		out_ret = test_run_data_out(opts, data_meta,
					    md.data_end - md.data_meta);
		md.data = md.data - md.data_meta;
		md.data_end = md.data_end - md.data_meta;
		md.data_meta = 0;
		if (!out_ret)
			out_ret = test_run_ctx_out(opts, &md, sizeof(md));
		ret = out_ret;
	}
	xdp_buf_put(buf);
	return ret;
}

/*
 * Context rules (the kernel's xdp_is_valid_access): every field is read as
 * a whole u32 and none is written; data, data_end and data_meta give
 * packet pointers; egress_ifindex only exists for BPF_XDP_DEVMAP programs.
 */
#define XDP_FIELD(f, t) \
	{ #f, offsetof(struct xdp_md, f), 4, BH_SZ4, 0, t }
static const struct bh_ctx_field xdp_fields[] = {
	XDP_FIELD(data, BH_CTX_PKT),
	XDP_FIELD(data_end, BH_CTX_PKT_END),
	XDP_FIELD(data_meta, BH_CTX_PKT_META),
	XDP_FIELD(ingress_ifindex, BH_CTX_SCALAR),
	XDP_FIELD(rx_queue_index, BH_CTX_SCALAR),
	XDP_FIELD(egress_ifindex, BH_CTX_SCALAR),
};
#undef XDP_FIELD

static const struct bh_ctx_desc xdp_ctx_descs[2] = {
	{ "struct xdp_md", "struct bh_xdp_buff", sizeof(struct xdp_md), xdp_fields,
	  BH_ARRAY_SIZE(xdp_fields) - 1 },
	{ "struct xdp_md", "struct bh_xdp_buff", sizeof(struct xdp_md), xdp_fields,
	  BH_ARRAY_SIZE(xdp_fields) },
};

static const struct bh_ctx_desc *xdp_ctx_desc(uint32_t expected_attach_type)
{
	return &xdp_ctx_descs[expected_attach_type == BPF_XDP_DEVMAP];
}

const struct bh_prog_ops xdp_prog_ops = {
	.name = "xdp",
	.test_run = xdp_test_run,
	.get_func_proto = xdp_func_proto,
	.ctx_desc = xdp_ctx_desc,
};
