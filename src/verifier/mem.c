/* SPDX-License-Identifier: MIT */
/*
 * verifier/mem.c - loads, stores and atomics: the context (per program
 * type), the stack (spills and fills, initialisation), map values and keys,
 * the packet (within the range a comparison with packet end proved) and
 * memory helpers returned.
 *
 * Stack layout: byte o (-512 <= o < 0) of a frame is byte
 * o + 8 * (spi + 1) of slot spi = (-o - 1) / 8.
 */
#include <string.h>

#include "maps/internal.h"
#include "verifier/internal.h"

static int slot_of(int o)
{
	return (-o - 1) / BH_REG_SIZE;
}

static int byte_of(int o)
{
	return o + BH_REG_SIZE * (slot_of(o) + 1);
}

/* The subprogram of @f touches @depth bytes of stack. */
static int note_stack_depth(struct bh_verifier_env *env, struct bh_func_state *f,
			    int depth)
{
	struct bh_subprog *sp = &env->subprogs[f->subprogno];

	if (depth > sp->stack_depth)
		sp->stack_depth = depth;
	return grow_stack(f, depth);
}

/* A spill an unprivileged program may not see as bytes: a pointer, or a
 * released one (not readable any more), as the kernel's
 * __is_pointer_value(false, spilled) */
static bool spill_hides_addr(const struct bh_stack_slot *s)
{
	return s->type[0] == STACK_SPILL && s->spilled.type != SCALAR_VALUE;
}

static void scrub_slot(struct bh_stack_slot *s)
{
	if (s->type[0] != STACK_SPILL)
		return;
	for (int i = 0; i < BH_REG_SIZE; i++)
		s->type[i] = STACK_MISC;
	mark_reg_not_init(&s->spilled);
}

/* Mark bytes [lo, hi) of @f as written with unknown (or zero) data. */
static void stack_mark_written(struct bh_func_state *f, int lo, int hi, bool zero)
{
	for (int o = lo; o < hi; o++) {
		struct bh_stack_slot *s = &f->stack[slot_of(o)];
		uint8_t *t = &s->type[byte_of(o)];

		scrub_slot(s);
		*t = zero && *t == STACK_ZERO ? STACK_ZERO : STACK_MISC;
	}
}

/* Slots spanning bytes [lo, hi) (64 slots: 512 bytes). */
static uint64_t slot_bits(int lo, int hi)
{
	uint64_t bits = 0;

	for (int o = lo; o < hi; o++)
		if (slot_of(o) < 64)
			bits |= 1ULL << slot_of(o);
	return bits;
}

/* The current instruction read bytes [lo, hi) of @frameno's stack. */
static void stack_read_marks(struct bh_verifier_env *env, uint32_t frameno,
			     int lo, int hi, bool record)
{
	struct bh_hist *e;

	for (int o = lo; o < hi; o += BH_REG_SIZE)
		mark_stack_read(env, frameno, slot_of(o));
	if (hi > lo)
		mark_stack_read(env, frameno, slot_of(hi - 1));
	if (record && (e = hist_cur(env))) {
		e->flags |= BH_HIST_STACK_READ;
		e->stack_frame = (uint8_t)frameno;
		e->slots |= slot_bits(lo, hi);
	}
}

/* Zero bytes written from a register make STACK_ZERO, which back-tracking
 * does not follow: the register's value matters (the kernel does the same). */
static int mark_zero_source(struct bh_verifier_env *env, const struct bh_reg *wval)
{
	const struct bh_reg *regs = cur_regs(env);

	if (!wval || !register_is_null(wval) || wval < regs || wval >= regs + 10)
		return 0;
	return mark_chain_precision(env, (int)(wval - regs));
}

static int check_stack_bounds(struct bh_verifier_env *env, int regno, int off,
			      int size, const char *what, int *min_off,
			      int *max_off)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	int64_t lo, hi;

	if (tnum_is_const(reg->var_off)) {
		lo = (int64_t)reg->var_off.value + off;
		hi = lo + size;
	} else {
		lo = reg->smin + off;
		hi = reg->smax + off + size;
	}
	if (!tnum_is_const(reg->var_off) &&
	    (reg->smax >= BH_MAX_VAR_OFF || reg->smin <= -BH_MAX_VAR_OFF)) {
		verbose(env, "invalid unbounded variable-offset%s stack R%d\n", what, regno);
		return -EACCES;
	}
	if (lo < -BH_MAX_BPF_STACK || lo > -1 || hi > 0 || size < 0) {
		char tb[48];
		/* the kernel: a start outside the frame is -EACCES, an end
		 * above the frame pointer -EINVAL */
		int err = lo < -BH_MAX_BPF_STACK || lo > -1 ? -EACCES : -EINVAL;

		if (tnum_is_const(reg->var_off)) {
			verbose(env, "invalid%s stack R%d off=%lld size=%d\n", what,
				regno, (long long)lo, size);
		} else {
			tnum_strn(tb, sizeof(tb), reg->var_off);
			verbose(env, "invalid variable-offset%s stack R%d var_off=%s off=%d size=%d\n",
				what, regno, tb, off, size);
		}
		return err;
	}
	*min_off = (int)lo;
	*max_off = (int)hi;
	return 0;
}

/*
 * A variable-offset write may or may not reach each byte of its range, so
 * it cannot make them initialised, nor partly overwrite a spilled pointer
 * (the kernel's check_stack_write_var_off for a loader without
 * allow_ptr_leaks / allow_uninit_stack).
 */
static int check_unpriv_var_write(struct bh_verifier_env *env,
				  const struct bh_func_state *f, int lo, int hi)
{
	for (int o = lo; o < hi && !env->priv; o++) {
		uint8_t t = f->stack[slot_of(o)].type[byte_of(o)];

		if (t == STACK_SPILL) {
			verbose(env, "spilled ptr in range of var-offset stack write; insn %d, ptr off: %d\n",
				env->insn_idx, o);
			return -EINVAL;
		}
		if (t == STACK_INVALID) {
			verbose(env, "uninit stack in range of var-offset write prohibited for !root; insn %d, off: %d\n",
				env->insn_idx, o);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_stack_write(struct bh_verifier_env *env, int regno, int off,
			     int size, const struct bh_reg *wval)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_func_state *f = env->cur->frame[reg->frameno];
	int lo, hi, err;

	err = check_stack_bounds(env, regno, off + reg->off, size, " write to",
				 &lo, &hi);
	if (!err)
		err = note_stack_depth(env, f, -lo);
	if (err)
		return err;
	struct bh_hist *e = hist_cur(env);

	if (e) {
		e->flags |= BH_HIST_STACK_WRITE;
		e->stack_frame = (uint8_t)reg->frameno;
		e->slots |= slot_bits(lo, hi);
	}
	/* an unprivileged store's verdict depends on what the slots hold
	 * (spilled pointers): that is a read for liveness */
	if (!env->priv)
		stack_read_marks(env, reg->frameno, lo, hi, false);
	/* a store into a dynptr destroys it (dynptr.c), an iterator too
	 * (iter.c: its reference then leaks) */
	for (int spi = slot_of(hi - 1); spi <= slot_of(lo); spi++) {
		err = destroy_if_dynptr_stack_slot(env, f, spi);
		if (err)
			return err;
		destroy_if_iter_stack_slot(f, spi);
	}
	if (!tnum_is_const(reg->var_off)) {
		err = check_unpriv_var_write(env, f, lo, hi);
		if (!err)
			err = mark_zero_source(env, wval);
		if (err)
			return err;
		stack_mark_written(f, lo, hi, wval && register_is_null(wval));
		return 0;
	}
	struct bh_stack_slot *s = &f->stack[slot_of(lo)];
	bool slot_start = byte_of(lo) == 0;
	bool spill;

	if (!env->priv && spill_hides_addr(s) && size != BH_REG_SIZE) {
		/* what is left of the pointer would read as a number */
		verbose(env, "attempt to corrupt spilled pointer on stack\n");
		return -EACCES;
	}
	/* the drain callback's dynptr lives on the helper's stack: as in the
	 * kernel (not is_spillable_regtype), a store keeps no pointer, so a
	 * caller cannot keep it past the call */
	if (wval && wval->type == CONST_PTR_TO_DYNPTR)
		wval = NULL;
	if (size == BH_REG_SIZE && slot_start) {
		/* the whole slot: reads below do not reach the old value */
		s->live |= BH_LIVE_WRITTEN;
		if (e)
			e->flags |= BH_HIST_STACK_FULL;
	}
	/* whole registers, and (privileged) scalars stored at the start of a
	 * slot whatever their size, are spilled: a fill gets them back.  An
	 * unprivileged program spills only pointers, as the kernel without
	 * bpf_capable: its scalars become misc (or zero) bytes. */
	if (env->priv)
		spill = size == BH_REG_SIZE ||
			(slot_start && wval && wval->type == SCALAR_VALUE);
	else
		spill = size == BH_REG_SIZE && wval && is_pointer(wval);
	if (wval && wval->type != NOT_INIT && spill) {
		if (wval->type == PTR_TO_STACK && f != cur_frame(env)) {
			verbose(env, "cannot spill pointers to stack into stack frame of the caller\n");
			return -EINVAL;
		}

		scrub_slot(s);
		s->spilled = *wval;
		s->spilled.written = false;
		for (int i = 0; i < BH_REG_SIZE; i++) {
			if (i < size)
				s->type[i] = STACK_SPILL;
			else if (s->type[i] != STACK_ZERO && s->type[i] != STACK_INVALID)
				s->type[i] = STACK_MISC;
		}
		return 0;
	}
	if (wval && is_pointer(wval)) {
		verbose(env, "invalid size of register spill\n");
		return -EACCES;
	}
	err = mark_zero_source(env, wval);
	if (err)
		return err;
	scrub_slot(s);
	for (int o = lo; o < hi; o++)
		s->type[byte_of(o)] = wval && register_is_null(wval) ? STACK_ZERO
								      : STACK_MISC;
	return 0;
}

/* Bytes of @s holding the spilled register, from its start. */
static int spill_size(const struct bh_stack_slot *s)
{
	int n = 0;

	while (n < BH_REG_SIZE && s->type[n] == STACK_SPILL)
		n++;
	return n;
}

/* A loaded value of @size bytes, zero- or sign-extended to 64 bits. */
static void coerce_loaded(struct bh_reg *dst, int size, bool sign_ext)
{
	if (sign_ext)
		coerce_reg_to_size_sx(dst, size);
	else
		coerce_reg_to_size(dst, size);
}

static int check_stack_read(struct bh_verifier_env *env, int regno, int off,
			    int size, int value_regno, bool sign_ext)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_func_state *f = env->cur->frame[reg->frameno];
	struct bh_reg *dst = value_regno >= 0 ? &cur_regs(env)[value_regno] : NULL;
	bool zero = true;
	int lo, hi, err;

	err = check_stack_bounds(env, regno, off + reg->off, size, " read from",
				 &lo, &hi);
	if (!err)
		err = note_stack_depth(env, f, -lo);
	if (err)
		return err;
	stack_read_marks(env, reg->frameno, lo, hi, tnum_is_const(reg->var_off));
	if (tnum_is_const(reg->var_off) && f->stack[slot_of(lo)].type[0] == STACK_SPILL) {
		const struct bh_stack_slot *slot = &f->stack[slot_of(lo)];
		const struct bh_reg *sp = &slot->spilled;
		int ssz = spill_size(slot);

		if (size != BH_REG_SIZE || ssz != BH_REG_SIZE) {
			if (sp->type != SCALAR_VALUE) {
				verbose(env, "invalid size of register fill\n");
				return -EACCES;
			}
			if (!dst)
				return 0;
			if (byte_of(lo) == 0 && size <= ssz) {
				/* the low bytes of the spilled scalar */
				*dst = *sp;
				dst->id = 0;
			} else {
				mark_reg_unknown(dst);
			}
			coerce_loaded(dst, size, sign_ext);
			dst->written = true;
			return 0;
		}
		if (dst) {
			*dst = *sp;
			dst->written = true;
		} else if (!env->priv && sp->type != SCALAR_VALUE) {
			/* an atomic would use the pointer as a number */
			verbose(env, "leaking pointer from stack off %d\n", lo);
			return -EACCES;
		}
		return 0;
	}
	for (int o = lo; o < hi; o++) {
		const struct bh_stack_slot *s = &f->stack[slot_of(o)];
		uint8_t t = s->type[byte_of(o)];

		if (t == STACK_ZERO)
			continue;
		zero = false;
		if (t == STACK_MISC)
			continue;
		if (t == STACK_DYNPTR || t == STACK_ITER) { /* the kfuncs' bytes */
			verbose(env, "invalid read from stack off %d+%d size %d\n",
				lo, o - lo, size);
			return -EACCES;
		}
		/* STACK_INVALID: a privileged program may read it (any value),
		 * and bytes of a spilled pointer as a number */
		if (!env->priv && (t == STACK_INVALID || spill_hides_addr(s))) {
			char tn[48];

			if (tnum_is_const(reg->var_off)) {
				verbose(env, "invalid read from stack off %d+%d size %d\n",
					lo, o - lo, size);
			} else {
				tnum_strn(tn, sizeof(tn), reg->var_off);
				verbose(env, "invalid read from stack R%d var_off %s+%d size %d\n",
					regno, tn, o - lo, size);
			}
			return -EACCES;
		}
	}
	if (!dst)
		return 0;
	if (zero && tnum_is_const(reg->var_off)) {
		mark_reg_known_zero(dst);
	} else {
		mark_reg_unknown(dst);
		coerce_loaded(dst, size, sign_ext);
	}
	dst->written = true;
	return 0;
}

/* The kernel's __check_mem_access: [off, off + size) inside [0, mem_size). */
static int check_mem_bytes(struct bh_verifier_env *env, int regno, int64_t off,
			   int size, uint32_t mem_size, bool zero_size_allowed)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	bool size_ok = size > 0 || (size == 0 && zero_size_allowed);

	if (off >= 0 && size_ok && (uint64_t)off + (uint64_t)size <= mem_size)
		return 0;
	switch (BASE_TYPE(reg->type)) {
	case PTR_TO_MAP_KEY:
		verbose(env, "invalid access to map key, key_size=%u off=%lld size=%d\n",
			mem_size, (long long)off, size);
		break;
	case PTR_TO_MAP_VALUE:
		verbose(env, "invalid access to map value, value_size=%u off=%lld size=%d\n",
			mem_size, (long long)off, size);
		break;
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_PACKET_END:
		verbose(env, "invalid access to packet, off=%lld size=%d, R%d(id=%u,off=%lld,r=%u)\n",
			(long long)off, size, regno, reg->id, (long long)off, mem_size);
		break;
	default:
		verbose(env, "invalid access to memory, mem_size=%u off=%lld size=%d\n",
			mem_size, (long long)off, size);
	}
	return -EACCES;
}

/* Fixed plus variable offset within [0, mem_size) (check_mem_region_access). */
static int check_mem_region(struct bh_verifier_env *env, int regno, int off,
			    int size, uint32_t mem_size, bool zero_size_allowed)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	int err;

	if (reg->smin < 0 &&
	    (reg->smin == INT64_MIN ||
	     (off + reg->smin != (int64_t)(int32_t)(off + reg->smin)) ||
	     reg->smin + off < 0)) {
		verbose(env, "R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
			regno);
		return -EACCES;
	}
	err = check_mem_bytes(env, regno, reg->smin + off, size, mem_size,
			      zero_size_allowed);
	if (err) {
		verbose(env, "R%d min value is outside of the allowed memory range\n",
			regno);
		return err;
	}
	if (reg->umax >= BH_MAX_VAR_OFF) {
		verbose(env, "R%d unbounded memory access, make sure to bounds check any such access\n",
			regno);
		return -EACCES;
	}
	err = check_mem_bytes(env, regno, (int64_t)reg->umax + off, size, mem_size,
			      zero_size_allowed);
	if (err) {
		verbose(env, "R%d max value is outside of the allowed memory range\n",
			regno);
		return err;
	}
	return 0;
}

static int check_packet_access(struct bh_verifier_env *env, int regno, int off,
			       int size, bool zero_size_allowed)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	int err;

	if (reg->smin < 0) {
		verbose(env, "R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
			regno);
		return -EACCES;
	}
	err = check_mem_bytes(env, regno, off, size, reg->range, zero_size_allowed);
	if (err) {
		verbose(env, "R%d offset is outside of the packet\n", regno);
		return err;
	}
	return 0;
}

static int check_map_access_type(struct bh_verifier_env *env, int regno, int off,
				 int size, bool write)
{
	const struct bh_map *map = cur_regs(env)[regno].map_ptr;

	if (write && (map->map_flags & BPF_F_RDONLY_PROG)) {
		verbose(env, "write into map forbidden, value_size=%u off=%d size=%d\n",
			map->value_size, off, size);
		return -EACCES;
	}
	if (!write && (map->map_flags & BPF_F_WRONLY_PROG)) {
		verbose(env, "read from map forbidden, value_size=%u off=%d size=%d\n",
			map->value_size, off, size);
		return -EACCES;
	}
	return 0;
}

/*
 * The value's struct bpf_spin_lock and struct bpf_timer belong to their
 * helpers: no load, store, atomic or other helper may touch their bytes
 * (check_map_access's walk of the btf_record).  @off includes reg->off.
 */
static int check_map_special_fields(struct bh_verifier_env *env, int regno,
				    int64_t off, int size)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	const struct bh_map *map = reg->map_ptr;
	const struct { int32_t off, size; const char *name; } f[] = {
		{ map->spin_lock_off, 4, "bpf_spin_lock" },
		{ map->timer_off, 16, "bpf_timer" },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (f[i].off < 0)
			continue;
		if (reg->smin + off < (int64_t)f[i].off + f[i].size &&
		    (int64_t)f[i].off < (int64_t)reg->umax + off + size) {
			verbose(env, "%s cannot be accessed directly by load/store\n",
				f[i].name);
			return -EACCES;
		}
	}
	return 0;
}

static int check_ptr_off_reg(struct bh_verifier_env *env, const struct bh_reg *reg,
			     int regno)
{
	char tb[48], tn[48];

	if (reg->off < 0) {
		verbose(env, "negative offset %s ptr R%d off=%d disallowed\n",
			reg_type_str(reg->type, tb, sizeof(tb)), regno, reg->off);
		return -EACCES;
	}
	if (reg->off) {
		verbose(env, "dereference of modified %s ptr R%d off=%d disallowed\n",
			reg_type_str(reg->type, tb, sizeof(tb)), regno, reg->off);
		return -EACCES;
	}
	if (!tnum_is_const(reg->var_off) || reg->var_off.value) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "variable %s access var_off=%s disallowed\n",
			reg_type_str(reg->type, tb, sizeof(tb)), tn);
		return -EACCES;
	}
	return 0;
}

static int check_ctx_access(struct bh_verifier_env *env, int regno, int off,
			    int size, bool write, int value_regno)
{
	struct bh_ctx_access info = { .reg_type = SCALAR_VALUE };
	const struct bh_verifier_input *in = env->in;
	int err = check_ptr_off_reg(env, &cur_regs(env)[regno], regno);

	if (err)
		return err;
	if (!in->is_valid_access ||
	    !in->is_valid_access(in->ctx_rules, off, size, write, &info)) {
		verbose(env, "invalid bpf_context access off=%d size=%d\n", off, size);
		return -EACCES;
	}
	if ((uint32_t)(off + size) > env->max_ctx_offset)
		env->max_ctx_offset = (uint32_t)(off + size);
	if (!write && value_regno >= 0) {
		struct bh_reg *dst = &cur_regs(env)[value_regno];

		if (info.reg_type == SCALAR_VALUE) {
			mark_reg_unknown(dst);
			coerce_reg_to_size(dst, size);
		} else {
			mark_reg_pointer(dst, info.reg_type);
		}
		dst->written = true;
	}
	return 0;
}

static int check_ptr_alignment(struct bh_verifier_env *env, const struct bh_reg *reg,
			       int off, int size, bool strict)
{
	const char *desc = "";
	char tn[48];

	switch (BASE_TYPE(reg->type)) {
	case PTR_TO_STACK:
		desc = "stack ";
		strict = true; /* spill tracking relies on aligned stack access */
		break;
	case PTR_TO_MAP_VALUE: desc = "value "; break;
	case PTR_TO_MAP_KEY: desc = "key "; break;
	case PTR_TO_CTX: desc = "context "; break;
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META: desc = "packet "; break;
	default: break;
	}
	if (!strict || size == 1)
		return 0;
	if (!tnum_is_aligned(tnum_add(reg->var_off, tnum_const((uint64_t)(int64_t)(reg->off + off))),
			     (uint64_t)size)) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "misaligned %saccess off %s+%d+%d size %d\n", desc, tn,
			reg->off, off, size);
		return -EACCES;
	}
	return 0;
}

/* An unprivileged program may not store a pointer where it can be read
 * back as a number or seen by others: "R%d leaks addr into map". */
static int check_store_leak(struct bh_verifier_env *env, bool write,
			    int value_regno, const char *where)
{
	if (env->priv || !write || value_regno < 0 ||
	    !is_pointer(&cur_regs(env)[value_regno]))
		return 0;
	verbose(env, "R%d leaks addr into %s\n", value_regno, where);
	return -EACCES;
}

static void mark_loaded_scalar(struct bh_verifier_env *env, int value_regno,
			       int size, bool sign_ext)
{
	struct bh_reg *dst;

	if (value_regno < 0)
		return;
	dst = &cur_regs(env)[value_regno];
	mark_reg_unknown(dst);
	coerce_loaded(dst, size, sign_ext);
	dst->written = true;
}

int check_mem_access(struct bh_verifier_env *env, int regno, int off, int size,
		     bool write, int value_regno, const struct bh_reg *wval,
		     bool strict_align, bool sign_ext)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	char tb[48];
	int err;

	err = check_ptr_alignment(env, reg, off, size,
				  strict_align || env->strict_alignment);
	if (err)
		return err;
	switch (reg->type) {
	case PTR_TO_MAP_VALUE: {
		int64_t o = (int64_t)off + reg->off;

		err = check_store_leak(env, write, value_regno, "map");
		if (!err)
			err = check_map_access_type(env, regno, (int)o, size, write);
		if (!err)
			err = check_mem_region(env, regno, (int)o, size,
					       reg->map_ptr->value_size, false);
		if (!err)
			err = check_map_special_fields(env, regno, o, size);
		if (!err && !write)
			mark_loaded_scalar(env, value_regno, size, sign_ext);
		return err;
	}
	case PTR_TO_MAP_KEY:
		if (write) {
			verbose(env, "write to change key R%d not allowed\n", regno);
			return -EACCES;
		}
		err = check_mem_region(env, regno, off + reg->off, size,
				       reg->map_ptr->key_size, false);
		if (!err)
			mark_loaded_scalar(env, value_regno, size, sign_ext);
		return err;
	case PTR_TO_MEM:
	case PTR_TO_MEM | MEM_RDONLY:
	case PTR_TO_MEM | MEM_RINGBUF:
		if (write && (reg->type & MEM_RDONLY)) {
			verbose(env, "R%d cannot write into %s\n", regno,
				reg_type_str(reg->type, tb, sizeof(tb)));
			return -EACCES;
		}
		err = check_store_leak(env, write, value_regno, "mem");
		if (!err)
			err = check_mem_region(env, regno, off + reg->off, size,
					       reg->mem_size, false);
		if (!err && !write)
			mark_loaded_scalar(env, value_regno, size, sign_ext);
		return err;
	case PTR_TO_CTX:
		err = check_store_leak(env, write, value_regno, "ctx");
		if (err)
			return err;
		return check_ctx_access(env, regno, off + reg->off, size, write,
					value_regno);
	case PTR_TO_STACK:
		if (write)
			return check_stack_write(env, regno, off, size, wval);
		return check_stack_read(env, regno, off, size, value_regno, sign_ext);
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		err = check_store_leak(env, write, value_regno, "packet");
		if (!err)
			err = check_packet_access(env, regno, off + reg->off, size, false);
		if (!err && !write)
			mark_loaded_scalar(env, value_regno, size, sign_ext);
		return err;
	default:
		verbose(env, "R%d invalid mem access '%s'\n", regno,
			reg_type_str(reg->type, tb, sizeof(tb)));
		return -EACCES;
	}
}

static bool size_ok(uint8_t sz, int *bytes)
{
	static const int b[4] = { [BPF_W >> 3] = 4, [BPF_H >> 3] = 2,
				  [BPF_B >> 3] = 1, [BPF_DW >> 3] = 8 };

	*bytes = b[sz >> 3];
	return true;
}

int check_load_store(struct bh_verifier_env *env, const struct bpf_insn *insn)
{
	uint8_t cls = BPF_CLASS(insn->code);
	struct bh_reg *regs = cur_regs(env), imm;
	int size, err;

	size_ok(BPF_SIZE(insn->code), &size);
	if (cls == BPF_LDX) {
		err = check_reg_read(env, insn->src_reg);
		if (!err)
			err = check_reg_write(env, insn->dst_reg);
		if (err)
			return err;
		return check_mem_access(env, insn->src_reg, insn->off, size, false,
					insn->dst_reg, NULL, false,
					BPF_MODE(insn->code) == BPF_MEMSX);
	}
	if (cls == BPF_STX) {
		err = check_reg_read(env, insn->src_reg);
		if (!err)
			err = check_reg_read(env, insn->dst_reg);
		if (err)
			return err;
		/* value_regno names the stored register for the leak checks */
		return check_mem_access(env, insn->dst_reg, insn->off, size, true,
					insn->src_reg, &regs[insn->src_reg], false,
					false);
	}
	/* BPF_ST */
	err = check_reg_read(env, insn->dst_reg);
	if (err)
		return err;
	/* an immediate store into the context is checked as any write to it
	 * (the kernel since 6.x: its context conversion rewrites BPF_ST too;
	 * bpfhost's contexts are the UAPI structures, written in place) */
	mark_reg_known(&imm, (uint64_t)(int64_t)insn->imm);
	return check_mem_access(env, insn->dst_reg, insn->off, size, true, -1, &imm,
				false, false);
}

int check_atomic(struct bh_verifier_env *env, int insn_idx,
		 const struct bpf_insn *insn)
{
	struct bh_reg *regs = cur_regs(env);
	uint32_t t;
	int size, load_reg = -1, err;
	char tb[48];

	(void)insn_idx;
	if (BPF_SIZE(insn->code) != BPF_W && BPF_SIZE(insn->code) != BPF_DW) {
		verbose(env, "invalid atomic operand size\n");
		return -EINVAL;
	}
	size_ok(BPF_SIZE(insn->code), &size);
	err = check_reg_read(env, insn->src_reg);
	if (!err)
		err = check_reg_read(env, insn->dst_reg);
	if (!err && insn->imm == BPF_CMPXCHG)
		err = check_reg_read(env, BPF_REG_0);
	if (err)
		return err;
	if (!env->priv) {
		int leak = insn->imm == BPF_CMPXCHG && is_pointer(&regs[BPF_REG_0])
				   ? BPF_REG_0
			   : is_pointer(&regs[insn->src_reg]) ? insn->src_reg : -1;

		if (leak >= 0) {
			verbose(env, "R%d leaks addr into mem\n", leak);
			return -EACCES;
		}
	}
	t = BASE_TYPE(regs[insn->dst_reg].type);
	if (t == PTR_TO_CTX || t == PTR_TO_PACKET || t == PTR_TO_PACKET_META) {
		verbose(env, "BPF_ATOMIC stores into R%d %s is not allowed\n",
			insn->dst_reg, reg_type_str(regs[insn->dst_reg].type, tb, sizeof(tb)));
		return -EACCES;
	}
	if (insn->imm & BPF_FETCH) {
		load_reg = insn->imm == BPF_CMPXCHG ? BPF_REG_0 : insn->src_reg;
		err = check_reg_write(env, load_reg);
		if (err)
			return err;
	}
	err = check_mem_access(env, insn->dst_reg, insn->off, size, false, -1, NULL,
			       true, false);
	if (!err && load_reg >= 0) {
		/* the old value; a 32-bit fetch zero-extends */
		err = check_mem_access(env, insn->dst_reg, insn->off, size, false,
				       load_reg, NULL, true, false);
	}
	if (!err)
		err = check_mem_access(env, insn->dst_reg, insn->off, size, true, -1,
				       NULL, true, false);
	return err;
}

/*
 * Stack bytes an unprivileged program hands a helper (the kernel's
 * check_stack_range_initialized without allow_uninit_stack and
 * allow_ptr_leaks): what the helper reads must be initialised and hold no
 * pointer; what it writes must not cut a spilled pointer, and a
 * variable-offset write cannot be counted on to initialise its range.
 */
static int check_unpriv_helper_stack(struct bh_verifier_env *env, int regno,
				     const struct bh_func_state *f, int lo, int hi,
				     int access_size, bool write)
{
	const struct bh_reg *reg = &cur_regs(env)[regno];
	char tn[48];

	if (env->priv)
		return 0;
	if (write && !tnum_is_const(reg->var_off))
		return check_unpriv_var_write(env, f, lo, hi);
	for (int o = lo; o < hi; o++) {
		const struct bh_stack_slot *s = &f->stack[slot_of(o)];
		uint8_t t = s->type[byte_of(o)];
		bool ptr = t == STACK_SPILL && spill_hides_addr(s);

		if (write && ptr) {
			verbose(env, "attempt to corrupt spilled pointer on stack\n");
			return -EACCES;
		}
		if (write || (t != STACK_INVALID && !ptr))
			continue;
		if (tnum_is_const(reg->var_off)) {
			verbose(env, "invalid read from stack R%d off %d+%d size %d\n",
				regno, lo, o - lo, access_size);
		} else {
			tnum_strn(tn, sizeof(tn), reg->var_off);
			verbose(env, "invalid read from stack R%d var_off %s+%d size %d\n",
				regno, tn, o - lo, access_size);
		}
		return -EACCES;
	}
	return 0;
}

int check_helper_mem_access(struct bh_verifier_env *env, int regno,
			    int access_size, bool zero_size_allowed, bool write,
			    bool clobber)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	char tb[48];
	int lo, hi, err;

	switch (reg->type) {
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		return check_packet_access(env, regno, reg->off, access_size,
					   zero_size_allowed);
	case PTR_TO_MAP_KEY:
		if (write) {
			verbose(env, "R%d cannot write into %s\n", regno,
				reg_type_str(reg->type, tb, sizeof(tb)));
			return -EACCES;
		}
		return check_mem_region(env, regno, reg->off, access_size,
					reg->map_ptr->key_size, zero_size_allowed);
	case PTR_TO_MAP_VALUE:
		err = check_map_access_type(env, regno, reg->off, access_size, write);
		if (!err)
			err = check_mem_region(env, regno, reg->off, access_size,
					       reg->map_ptr->value_size,
					       zero_size_allowed);
		if (!err)
			err = check_map_special_fields(env, regno, reg->off, access_size);
		return err;
	case PTR_TO_MEM:
	case PTR_TO_MEM | MEM_RDONLY:
	case PTR_TO_MEM | MEM_RINGBUF:
		if (write && (reg->type & MEM_RDONLY)) {
			verbose(env, "R%d cannot write into %s\n", regno,
				reg_type_str(reg->type, tb, sizeof(tb)));
			return -EACCES;
		}
		return check_mem_region(env, regno, reg->off, access_size,
					reg->mem_size, zero_size_allowed);
	case PTR_TO_CTX:
		if (env->in->ctx_as_mem) {
			if (access_size == 0)
				return zero_size_allowed ? 0 : -EACCES;
			return check_ctx_access(env, regno, reg->off + access_size - 1,
						1, write, -1);
		}
		break;
	case PTR_TO_STACK: {
		struct bh_func_state *f = env->cur->frame[reg->frameno];

		if (access_size == 0) {
			if (zero_size_allowed)
				return 0;
			verbose(env, "invalid zero-sized read\n");
			return -EACCES;
		}
		/* worded by what the helper does, as Linux 6.12+ */
		err = check_stack_bounds(env, regno, reg->off, access_size,
					 write ? " write to" : " read from", &lo, &hi);
		if (!err)
			err = note_stack_depth(env, f, -lo);
		if (err)
			return err;
		stack_read_marks(env, reg->frameno, lo, hi, false);
		/* a dynptr's bytes are only the dynptr helpers', an
		 * iterator's the iterator kfuncs' */
		for (int o = lo; o < hi; o++) {
			uint8_t t = f->stack[slot_of(o)].type[byte_of(o)];

			if (t != STACK_DYNPTR && t != STACK_ITER)
				continue;
			if (write) {
				verbose(env, "potential write to dynptr at off=%d disallowed\n", o);
				return -EACCES;
			}
			verbose(env, "invalid read from stack R%d off %d+%d size %d\n",
				regno, lo, o - lo, access_size);
			return -EACCES;
		}
		err = check_unpriv_helper_stack(env, regno, f, lo, hi, access_size,
						write);
		if (err)
			return err;
		if (clobber || write)
			stack_mark_written(f, lo, hi, false);
		return 0;
	}
	default:
		break;
	}
	if (zero_size_allowed && access_size == 0 && register_is_null(reg))
		return mark_chain_precision(env, regno);
	verbose(env, "R%d type=%s ", regno, reg_type_str(reg->type, tb, sizeof(tb)));
	verbose(env, "expected=%s\n", reg_type_str(PTR_TO_STACK, tb, sizeof(tb)));
	return -EACCES;
}
