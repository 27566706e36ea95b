/* SPDX-License-Identifier: MIT */
/*
 * helpers/ringbuf_helpers.c - the ring buffer helpers: bpf_ringbuf_output,
 * _reserve, _submit, _discard, _query, the dynptr forms and the dynptr
 * accessors (bpf_dynptr_read, _write, _data), and bpf_user_ringbuf_drain.
 *
 * The verifier is what makes these safe in the kernel (map types, sizes,
 * reference tracking).  Here they also check what they can at run time:
 * the map's type (a wrong map is refused, not misused), and in checked runs
 * every pointer a program passes; a checked run may access a reserved
 * sample until it submits or discards it (it is a region of the run).
 */
#include "exec/callback.h"
#include "helpers/internal.h"
#include "progs/internal.h"
#include "ringbuf/internal.h"

#define RB_WAKEUP_FLAGS ((uint64_t)(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP))

static struct bh_ringbuf *ringbuf_arg(uint64_t r, uint32_t type)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r;

	return rb_map_is(map, type) ? rb_of(map) : NULL;
}

/* The running checked run, or NULL. */
static struct bh_exec_env *checked_env(void)
{
	struct bh_exec_env *env = bh_exec_current;

	return env && env->checked ? env : NULL;
}

/* Checked runs: forget the region starting at @start (a released sample). */
static bool region_del(struct bh_exec_env *env, const void *start)
{
	for (unsigned int i = 0; i < env->region_cnt; i++) {
		if (env->regions[i].start != (uintptr_t)start)
			continue;
		env->regions[i] = env->regions[--env->region_cnt];
		return true;
	}
	return false;
}

/* Is @sample a reserved (busy) sample of a RINGBUF the program uses? */
static bool sample_in_prog_ring(const struct bh_exec_env *env, void *sample)
{
	const struct prog_maps *pm = &env->prog->maps;

	for (size_t i = 0; i < pm->map_cnt; i++) {
		struct bh_ringbuf *rb;
		uintptr_t off;

		if (!rb_map_is(pm->maps[i], BPF_MAP_TYPE_RINGBUF))
			continue;
		rb = rb_of(pm->maps[i]);
		off = (uintptr_t)sample - (uintptr_t)rb->data;
		if ((uintptr_t)sample < (uintptr_t)rb->data || off % 8 ||
		    off < BPF_RINGBUF_HDR_SZ || off - BPF_RINGBUF_HDR_SZ > rb->mask)
			continue;
		/* relaxed: only the reserving run clears the busy bit */
		return atomic_load_explicit((_Atomic uint32_t *)((uint8_t *)sample -
								 BPF_RINGBUF_HDR_SZ),
					    memory_order_relaxed) &
		       BPF_RINGBUF_BUSY_BIT;
	}
	return false;
}

/*
 * Checked runs: may the program release @sample (one it reserved)?  Its
 * region, or failing that (the map helpers recycle regions when the table
 * is full) a busy sample in one of the program's rings.
 */
static bool sample_release_ok(void *sample)
{
	struct bh_exec_env *env = bh_exec_current;

	if (!env || !env->checked)
		return true;
	return region_del(env, sample) || sample_in_prog_ring(env, sample);
}

/* ---- bpf_ringbuf_* -------------------------------------------------------- */

static uint64_t ringbuf_output(uint64_t map, uint64_t data, uint64_t size,
			       uint64_t flags, uint64_t r5)
{
	struct bh_ringbuf *rb = ringbuf_arg(map, BPF_MAP_TYPE_RINGBUF);

	if (!rb)
		return (uint64_t)-EINVAL;
	if (!helper_mem_ok((const void *)(uintptr_t)data, size, false))
		return (uint64_t)-EFAULT;
	return (uint64_t)(int64_t)rb_output(rb, (const void *)(uintptr_t)data,
					    size, flags);
}

static uint64_t ringbuf_reserve(uint64_t map, uint64_t size, uint64_t flags,
				uint64_t r4, uint64_t r5)
{
	struct bh_ringbuf *rb = ringbuf_arg(map, BPF_MAP_TYPE_RINGBUF);
	struct bh_exec_env *env = bh_exec_current;
	void *sample;

	if (!rb || flags)
		return 0;
	sample = rb_reserve(rb, size);
	if (sample && env && env->checked &&
	    exec_add_region(env, sample, size, true)) {
		rb_commit(sample, BPF_RB_NO_WAKEUP, true);
		return 0;
	}
	return (uintptr_t)sample;
}

static uint64_t ringbuf_submit(uint64_t sample, uint64_t flags, uint64_t r3,
			       uint64_t r4, uint64_t r5)
{
	if (sample_release_ok((void *)(uintptr_t)sample))
		rb_commit((void *)(uintptr_t)sample, flags, false);
	return 0;
}

static uint64_t ringbuf_discard(uint64_t sample, uint64_t flags, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	if (sample_release_ok((void *)(uintptr_t)sample))
		rb_commit((void *)(uintptr_t)sample, flags, true);
	return 0;
}

static uint64_t ringbuf_query(uint64_t map, uint64_t flags, uint64_t r3,
			      uint64_t r4, uint64_t r5)
{
	struct bh_ringbuf *rb = ringbuf_arg(map, BPF_MAP_TYPE_RINGBUF);

	return rb ? rb_query(rb, flags) : 0;
}

const struct bh_helper_proto helper_ringbuf_output_proto = {
	.name = "ringbuf_output", .fn = ringbuf_output,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MEM,
		      BH_ARG_CONST_SIZE_OR_ZERO, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_ringbuf_reserve_proto = {
	.name = "ringbuf_reserve", .fn = ringbuf_reserve,
	.ret_type = BH_RET_PTR_TO_MEM_OR_NULL,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_ringbuf_submit_proto = {
	.name = "ringbuf_submit", .fn = ringbuf_submit,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_ringbuf_discard_proto = {
	.name = "ringbuf_discard", .fn = ringbuf_discard,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_ringbuf_query_proto = {
	.name = "ringbuf_query", .fn = ringbuf_query,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_ANYTHING },
};

/* ---- Dynptrs ---------------------------------------------------------------- */

static uint32_t dynptr_size(const struct rb_dynptr *d)
{
	return d->size & RB_DYNPTR_SIZE_MASK;
}

static uint32_t dynptr_type(const struct rb_dynptr *d)
{
	return (d->size >> RB_DYNPTR_TYPE_SHIFT) & RB_DYNPTR_TYPE_MASK;
}

static void dynptr_set_null(struct rb_dynptr *d)
{
	*d = (struct rb_dynptr){ 0 };
}

/* bpf_dynptr_check_off_len(): -E2BIG outside the dynptr. */
static int dynptr_check_off_len(const struct rb_dynptr *d, uint32_t off,
				uint32_t len)
{
	uint32_t size = dynptr_size(d);

	return len > size || off > size - len ? -E2BIG : 0;
}

/* A dynptr argument the run may read (and write): else NULL. */
static struct rb_dynptr *dynptr_arg(uint64_t p, bool write)
{
	struct rb_dynptr *d = (struct rb_dynptr *)(uintptr_t)p;

	return d && helper_mem_ok(d, sizeof(*d), write) ? d : NULL;
}

static uint64_t ringbuf_reserve_dynptr(uint64_t map, uint64_t size,
				       uint64_t flags, uint64_t ptr, uint64_t r5)
{
	struct bh_ringbuf *rb = ringbuf_arg(map, BPF_MAP_TYPE_RINGBUF);
	struct rb_dynptr *d = dynptr_arg(ptr, true);
	void *sample;

	if (!d)
		return (uint64_t)-EFAULT;
	if (!rb || flags) {
		dynptr_set_null(d);
		return (uint64_t)-EINVAL;
	}
	if ((uint32_t)size > RB_DYNPTR_MAX_SIZE) {
		dynptr_set_null(d);
		return (uint64_t)-E2BIG;
	}
	sample = rb_reserve(rb, (uint32_t)size);
	if (sample && checked_env() &&
	    exec_add_region(checked_env(), sample, (uint32_t)size, true)) {
		rb_commit(sample, BPF_RB_NO_WAKEUP, true);
		sample = NULL;
	}
	if (!sample) {
		dynptr_set_null(d);
		return (uint64_t)-EINVAL;
	}
	*d = (struct rb_dynptr){
		.data = sample,
		.size = (uint32_t)size | (RB_DYNPTR_RINGBUF << RB_DYNPTR_TYPE_SHIFT),
	};
	return 0;
}

/* Checked runs: forget the bpf_dynptr_data slices of a released sample
 * (the regions inside it): using one then faults, as the verifier refuses
 * it. */
static void slices_del(void *sample, uint32_t size)
{
	struct bh_exec_env *env = checked_env();
	uintptr_t lo = (uintptr_t)sample, hi = lo + size;

	for (unsigned int i = 0; env && i < env->region_cnt;) {
		if (env->regions[i].start >= lo && env->regions[i].start < hi)
			env->regions[i] = env->regions[--env->region_cnt];
		else
			i++;
	}
}

static uint64_t dynptr_release(uint64_t ptr, uint64_t flags, bool discard)
{
	struct rb_dynptr *d = dynptr_arg(ptr, true);

	if (!d || !d->data || dynptr_type(d) != RB_DYNPTR_RINGBUF)
		return 0;
	/* checked runs: only a sample this run reserved */
	if (!sample_release_ok(d->data))
		return 0;
	slices_del(d->data, dynptr_size(d));
	rb_commit(d->data, flags, discard);
	dynptr_set_null(d);
	return 0;
}

static uint64_t ringbuf_submit_dynptr(uint64_t ptr, uint64_t flags,
				      uint64_t r3, uint64_t r4, uint64_t r5)
{
	return dynptr_release(ptr, flags, false);
}

static uint64_t ringbuf_discard_dynptr(uint64_t ptr, uint64_t flags,
				       uint64_t r3, uint64_t r4, uint64_t r5)
{
	return dynptr_release(ptr, flags, true);
}

static uint64_t dynptr_read(uint64_t dst, uint64_t len, uint64_t src,
			    uint64_t off, uint64_t flags)
{
	struct rb_dynptr *d = dynptr_arg(src, false);
	int ret;

	if (!d || !helper_mem_ok((void *)(uintptr_t)dst, (uint32_t)len, true))
		return (uint64_t)-EFAULT;
	if (!d->data || flags)
		return (uint64_t)-EINVAL;
	ret = dynptr_check_off_len(d, (uint32_t)off, (uint32_t)len);
	if (ret)
		return (uint64_t)(int64_t)ret;
	if (!helper_mem_ok((uint8_t *)d->data + d->offset + (uint32_t)off,
			   (uint32_t)len, false))
		return (uint64_t)-EINVAL; /* a forged dynptr (checked runs) */
	memmove((void *)(uintptr_t)dst,
		(uint8_t *)d->data + d->offset + (uint32_t)off, (uint32_t)len);
	return 0;
}

static uint64_t dynptr_write(uint64_t dst, uint64_t off, uint64_t src,
			     uint64_t len, uint64_t flags)
{
	struct rb_dynptr *d = dynptr_arg(dst, false);
	int ret;

	if (!d || !helper_mem_ok((void *)(uintptr_t)src, (uint32_t)len, false))
		return (uint64_t)-EFAULT;
	if (!d->data || (d->size & RB_DYNPTR_RDONLY))
		return (uint64_t)-EINVAL;
	ret = dynptr_check_off_len(d, (uint32_t)off, (uint32_t)len);
	if (ret)
		return (uint64_t)(int64_t)ret;
	if (flags)
		return (uint64_t)-EINVAL;
	/* checked runs: forged dynptrs, and user ring buffer samples, which
	 * programs may not write (the kernel's verifier refuses it) */
	if (!helper_mem_ok((uint8_t *)d->data + d->offset + (uint32_t)off,
			   (uint32_t)len, true))
		return (uint64_t)-EINVAL;
	memmove((uint8_t *)d->data + d->offset + (uint32_t)off,
		(void *)(uintptr_t)src, (uint32_t)len);
	return 0;
}

/* @len bytes at @off of dynptr @ptr as a pointer the program uses, or 0
 * (NULL) outside it, or, for @write, when it is read-only: bpf_dynptr_data,
 * and the slice kfuncs (whose dynptrs are all contiguous memory here, so
 * their buffer is never needed). */
static uint64_t dynptr_slice_of(uint64_t ptr, uint32_t off, uint32_t len, bool write)
{
	struct rb_dynptr *d = dynptr_arg(ptr, false);
	struct bh_exec_env *env = bh_exec_current;
	uint8_t *p;

	if (!d || !d->data || dynptr_check_off_len(d, off, len) ||
	    (write && (d->size & RB_DYNPTR_RDONLY)))
		return 0;
	p = (uint8_t *)d->data + d->offset + off;
	/* checked runs: the slice is accessible as the memory behind it is */
	if (env && env->checked &&
	    (!exec_access_ok(env, p, (uint32_t)len, false) ||
	     exec_add_region(env, p, (uint32_t)len,
			     exec_access_ok(env, p, (uint32_t)len, true))))
		return 0;
	return (uintptr_t)p;
}

static uint64_t dynptr_data(uint64_t ptr, uint64_t off, uint64_t len,
			    uint64_t r4, uint64_t r5)
{
	return dynptr_slice_of(ptr, (uint32_t)off, (uint32_t)len, true);
}

/* bpf_dynptr_from_mem(data, size, flags, dynptr): a local dynptr over
 * program memory (the verifier allows map values, as the kernel's). */
static uint64_t dynptr_from_mem(uint64_t data, uint64_t size, uint64_t flags,
				uint64_t ptr, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, true);

	if (!d)
		return (uint64_t)-EFAULT;
	if (flags) {
		dynptr_set_null(d);
		return (uint64_t)-EINVAL;
	}
	if ((uint32_t)size > RB_DYNPTR_MAX_SIZE) {
		dynptr_set_null(d);
		return (uint64_t)-E2BIG;
	}
	/* checked runs: memory the run may write */
	if (!helper_mem_ok((void *)(uintptr_t)data, (uint32_t)size, true)) {
		dynptr_set_null(d);
		return (uint64_t)-EFAULT;
	}
	*d = (struct rb_dynptr){
		.data = (void *)(uintptr_t)data,
		.size = (uint32_t)size | (RB_DYNPTR_LOCAL << RB_DYNPTR_TYPE_SHIFT),
	};
	return 0;
}

/* The dynptr argument kinds tell the verifier which stack slots hold a
 * struct bpf_dynptr, and which calls create or release one. */
const struct bh_helper_proto helper_dynptr_from_mem_proto = {
	.name = "dynptr_from_mem", .fn = dynptr_from_mem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_UNINIT_MEM, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_ANYTHING, BH_ARG_PTR_TO_UNINIT_DYNPTR_LOCAL },
};
const struct bh_helper_proto helper_ringbuf_reserve_dynptr_proto = {
	.name = "ringbuf_reserve_dynptr", .fn = ringbuf_reserve_dynptr,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_ANYTHING, BH_ARG_ANYTHING,
		      BH_ARG_PTR_TO_UNINIT_DYNPTR_RINGBUF },
};
const struct bh_helper_proto helper_ringbuf_submit_dynptr_proto = {
	.name = "ringbuf_submit_dynptr", .fn = ringbuf_submit_dynptr,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_PTR_TO_DYNPTR_RINGBUF_RELEASE, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_ringbuf_discard_dynptr_proto = {
	.name = "ringbuf_discard_dynptr", .fn = ringbuf_discard_dynptr,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_PTR_TO_DYNPTR_RINGBUF_RELEASE, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_dynptr_read_proto = {
	.name = "dynptr_read", .fn = dynptr_read,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_UNINIT_MEM, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_dynptr_write_proto = {
	.name = "dynptr_write", .fn = dynptr_write,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING, BH_ARG_PTR_TO_MEM,
		      BH_ARG_CONST_SIZE_OR_ZERO, BH_ARG_ANYTHING },
};
const struct bh_helper_proto helper_dynptr_data_proto = {
	.name = "dynptr_data", .fn = dynptr_data,
	.ret_type = BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL,
	.arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING,
		      BH_ARG_CONST_ALLOC_SIZE_OR_ZERO },
};

/* ---- bpf_user_ringbuf_drain ----------------------------------------------------- */

struct drain_call {
	struct exec_callback cb;
	uint64_t ctx;
};

/* Run the program's callback on one sample: 0 go on, 1 stop, -errno fault. */
static int64_t drain_callback(struct rb_dynptr *dynptr, void *p)
{
	struct drain_call *dc = p;
	uint64_t args[5] = { (uintptr_t)dynptr, dc->ctx, 0, 0, 0 }, r0 = 0;
	int ret;

	/* a checked callback reads the dynptr (on our stack) and the sample
	 * (read-only, as the kernel's verifier has it) through helpers; for
	 * this call only */
	if (exec_callback_add_region(&dc->cb, dynptr, sizeof(*dynptr), false) ||
	    exec_callback_add_region(&dc->cb, dynptr->data,
				     dynptr->size & RB_DYNPTR_SIZE_MASK, false))
		return -E2BIG;
	ret = exec_callback_call(&dc->cb, args, &r0);
	if (ret)
		return ret;
	return r0 ? 1 : 0;
}

static uint64_t user_ringbuf_drain(uint64_t map, uint64_t fn, uint64_t ctx,
				   uint64_t flags, uint64_t r5)
{
	struct bh_ringbuf *rb = ringbuf_arg(map, BPF_MAP_TYPE_USER_RINGBUF);
	struct bh_exec_env *env = bh_exec_current;
	long idx = exec_callback_index(env, fn);
	struct drain_call dc;

	if (!rb || idx < 0 || exec_callback_prepare(&dc.cb, env, (uint32_t)idx))
		return (uint64_t)-EINVAL;
	dc.ctx = ctx;
	return (uint64_t)(int64_t)rb_user_drain(rb, drain_callback, &dc, flags);
}

const struct bh_helper_proto helper_user_ringbuf_drain_proto = {
	.name = "user_ringbuf_drain", .fn = user_ringbuf_drain,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_FUNC,
		      BH_ARG_PTR_TO_STACK_OR_NULL, BH_ARG_ANYTHING },
};

/* ---- Dynptr kfuncs (the kernel's kernel/bpf/helpers.c) -------------------- */

/* bpf_dynptr_slice(p, offset, buffer__opt, buffer__szk): a read-only view */
static uint64_t kf_dynptr_slice(uint64_t ptr, uint64_t off, uint64_t buf,
				uint64_t len, uint64_t r5)
{
	return dynptr_slice_of(ptr, (uint32_t)off, (uint32_t)len, false);
}

static uint64_t kf_dynptr_slice_rdwr(uint64_t ptr, uint64_t off, uint64_t buf,
				     uint64_t len, uint64_t r5)
{
	return dynptr_slice_of(ptr, (uint32_t)off, (uint32_t)len, true);
}

/* bpf_dynptr_adjust(p, start, end): the dynptr becomes [start, end) of itself */
static uint64_t kf_dynptr_adjust(uint64_t ptr, uint64_t start, uint64_t end,
				 uint64_t r4, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, true);
	uint32_t size, s = (uint32_t)start, e = (uint32_t)end;

	if (!d || !d->data)
		return (uint64_t)-EINVAL;
	size = dynptr_size(d);
	if (s > e)
		return (uint64_t)-EINVAL;
	if (e > size)
		return (uint64_t)-ERANGE;
	d->offset += s;
	d->size = (d->size & ~RB_DYNPTR_SIZE_MASK) | (e - s);
	return 0;
}

static uint64_t kf_dynptr_is_null(uint64_t ptr, uint64_t r2, uint64_t r3,
				  uint64_t r4, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, false);

	return !d || !d->data;
}

static uint64_t kf_dynptr_is_rdonly(uint64_t ptr, uint64_t r2, uint64_t r3,
				    uint64_t r4, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, false);

	return d && d->data && (d->size & RB_DYNPTR_RDONLY);
}

/* returns a u32: -EINVAL as one */
static uint64_t kf_dynptr_size(uint64_t ptr, uint64_t r2, uint64_t r3,
			       uint64_t r4, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, false);

	return !d || !d->data ? (uint32_t)-EINVAL : dynptr_size(d);
}

/* bpf_dynptr_clone(p, clone__uninit): a second dynptr over the same memory
 * (the verifier makes a ring buffer record's clones share its reference) */
static uint64_t kf_dynptr_clone(uint64_t ptr, uint64_t clone, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct rb_dynptr *d = dynptr_arg(ptr, false), *c = dynptr_arg(clone, true);

	if (!c)
		return (uint64_t)-EFAULT;
	if (!d || !d->data) {
		dynptr_set_null(c);
		return (uint64_t)-EINVAL;
	}
	memmove(c, d, sizeof(*c)); /* the verifier lets them overlap */
	return 0;
}

const struct bh_kfunc kfunc_dynptr_slice = {
	.proto = { .name = "dynptr_slice", .fn = kf_dynptr_slice,
		   .ret_type = BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL,
		   .arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING,
				 BH_ARG_PTR_TO_BUF_OR_NULL, BH_ARG_CONST_SIZE_K } },
	.flags = BH_KF_RET_NULL, .arg_cnt = 4,
};
const struct bh_kfunc kfunc_dynptr_slice_rdwr = {
	.proto = { .name = "dynptr_slice_rdwr", .fn = kf_dynptr_slice_rdwr,
		   .ret_type = BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL,
		   .arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING,
				 BH_ARG_PTR_TO_BUF_OR_NULL, BH_ARG_CONST_SIZE_K } },
	.flags = BH_KF_RET_NULL, .arg_cnt = 4,
};
const struct bh_kfunc kfunc_dynptr_adjust = {
	.proto = { .name = "dynptr_adjust", .fn = kf_dynptr_adjust,
		   .ret_type = BH_RET_INTEGER,
		   .arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_ANYTHING, BH_ARG_ANYTHING } },
	.arg_cnt = 3,
};
const struct bh_kfunc kfunc_dynptr_is_null = {
	.proto = { .name = "dynptr_is_null", .fn = kf_dynptr_is_null,
		   .ret_type = BH_RET_INTEGER, .arg_type = { BH_ARG_PTR_TO_DYNPTR } },
	.arg_cnt = 1,
};
const struct bh_kfunc kfunc_dynptr_is_rdonly = {
	.proto = { .name = "dynptr_is_rdonly", .fn = kf_dynptr_is_rdonly,
		   .ret_type = BH_RET_INTEGER, .arg_type = { BH_ARG_PTR_TO_DYNPTR } },
	.arg_cnt = 1,
};
const struct bh_kfunc kfunc_dynptr_size = {
	.proto = { .name = "dynptr_size", .fn = kf_dynptr_size,
		   .ret_type = BH_RET_INTEGER, .arg_type = { BH_ARG_PTR_TO_DYNPTR } },
	.arg_cnt = 1,
};
const struct bh_kfunc kfunc_dynptr_clone = {
	.proto = { .name = "dynptr_clone", .fn = kf_dynptr_clone,
		   .ret_type = BH_RET_INTEGER,
		   .arg_type = { BH_ARG_PTR_TO_DYNPTR, BH_ARG_PTR_TO_UNINIT_DYNPTR_CLONE } },
	.arg_cnt = 2,
};
