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
 *   | headroom 256 | meta | data ........ | tailroom |
 *                  ^data_meta ^data       ^data_end
 */
#include <string.h>
#include <sys/mman.h>

#include "progs/internal.h"

#define XDP_HEADROOM 256  /* XDP_PACKET_HEADROOM */
#define XDP_TAILROOM 320  /* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define XDP_BUF_SZ 4096   /* one page per packet, as the kernel's test_run */
#define ETH_HLEN 14

/* Program-side context: Linux's struct xdp_md. */
struct xdp_md {
	uint32_t data;
	uint32_t data_end;
	uint32_t data_meta;
	uint32_t ingress_ifindex;
	uint32_t rx_queue_index;
	uint32_t egress_ifindex;
};

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
	    md->data > 32 || (md->data & 3))
		return -EINVAL;
	if (md->egress_ifindex || md->ingress_ifindex || md->rx_queue_index)
		return -EINVAL; /* no devices in bpfhost's test_run */
	*meta = md->data;
	return 0;
}

static int xdp_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	uint32_t size = opts->data_size_in, meta;
	struct bh_exec_env env = { 0 };
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
	buf = mmap(NULL, XDP_BUF_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (buf == MAP_FAILED)
		return -ENOMEM;
	memcpy(buf + XDP_HEADROOM, opts->data_in, size);
	md.data_meta = (uint32_t)(uintptr_t)(buf + XDP_HEADROOM);
	md.data = md.data_meta + meta;
	md.data_end = md.data_meta + size;
	env.args[0] = (uintptr_t)&md;
	exec_add_region(&env, &md, sizeof(md), false);
	exec_add_region(&env, buf + XDP_HEADROOM, size, true);
	ret = test_run_repeat(prog, &env, opts, &r0);
	if (!ret) {
		uint8_t *data_meta = (uint8_t *)(uintptr_t)md.data_meta;

		out_ret = test_run_copy_out(opts->data_out, &opts->data_size_out,
					    data_meta, md.data_end - md.data_meta);
		md.data = md.data - md.data_meta;
		md.data_end = md.data_end - md.data_meta;
		md.data_meta = 0;
		if (opts->ctx_out && !out_ret)
			out_ret = test_run_copy_out(opts->ctx_out,
						    &opts->ctx_size_out, &md,
						    sizeof(md));
		ret = out_ret;
	}
	munmap(buf, XDP_BUF_SZ);
	return ret;
}

const struct bh_prog_ops xdp_prog_ops = {
	.name = "xdp",
	.test_run = xdp_test_run,
};
