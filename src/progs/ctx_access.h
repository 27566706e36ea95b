/* SPDX-License-Identifier: MIT */
/*
 * progs/ctx_access.h - context access rules as data: which bytes of a
 * program type's context a program may read or write, with which sizes,
 * and what a read yields (a scalar, or a packet pointer the verifier must
 * track).  One static table per program type, the data form of the kernel's
 * per-type is_valid_access() callbacks (net/core/filter.c,
 * kernel/bpf/cgroup.c, kernel/trace/bpf_trace.c).
 *
 * ctx_access_check() answers one access the way the kernel's callbacks do:
 * the access must lie inside one field, be aligned to its own size
 * (off % size == 0), use a size the field allows for that direction.
 * Narrow reads of a 4- or 8-byte scalar field are allowed where the
 * kernel allows them (bpf_ctx_narrow_access_ok).
 */
#ifndef BH_PROGS_CTX_ACCESS_H
#define BH_PROGS_CTX_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a load of the field gives the program. */
enum bh_ctx_reg {
	BH_CTX_SCALAR = 0,
	BH_CTX_PKT,          /* PTR_TO_PACKET: start of packet data */
	BH_CTX_PKT_END,      /* PTR_TO_PACKET_END */
	BH_CTX_PKT_META,     /* PTR_TO_PACKET_META */
	BH_CTX_SOCK_OR_NULL, /* PTR_TO_SOCK_COMMON_OR_NULL / PTR_TO_SOCKET */
	BH_CTX_TP_BUFFER,    /* PTR_TO_TP_BUFFER: a writable tracepoint's buffer */
};

/* Bit n set: an access of (1 << n) bytes is allowed (1, 2, 4, 8). */
#define BH_SZ1 0x1u
#define BH_SZ2 0x2u
#define BH_SZ4 0x4u
#define BH_SZ8 0x8u
#define BH_SZ_NARROW4 (BH_SZ1 | BH_SZ2 | BH_SZ4)
#define BH_SZ_NARROW8 (BH_SZ1 | BH_SZ2 | BH_SZ4 | BH_SZ8)

struct bh_ctx_field {
	const char *name;
	uint16_t off;        /* first byte */
	uint16_t size;       /* bytes the field spans (arrays: all of them) */
	uint8_t read_sizes;  /* BH_SZ* mask; 0: not readable */
	uint8_t write_sizes; /* BH_SZ* mask; 0: not writable */
	uint8_t reg_type;    /* enum bh_ctx_reg, for full-size reads */
};

/* The context of one program type (or one expected_attach_type of it). */
struct bh_ctx_desc {
	const char *prog_ctx; /* program-side type, "struct __sk_buff" */
	const char *host_ctx; /* host-side type, "struct bh_skb" */
	uint32_t size;        /* sizeof the program-side struct */
	const struct bh_ctx_field *fields;
	size_t field_cnt;
};

/*
 * May a program access @size bytes at @off of a context described by
 * @desc?  On true, *@reg_type (if not NULL) says what a read yields.
 */
static inline bool ctx_access_check(const struct bh_ctx_desc *desc,
				    uint32_t off, uint32_t size, bool write,
				    uint8_t *reg_type)
{
	if (!desc || !size || size > 8 || (size & (size - 1)) || off % size)
		return false;
	for (size_t i = 0; i < desc->field_cnt; i++) {
		const struct bh_ctx_field *f = &desc->fields[i];
		uint8_t mask = write ? f->write_sizes : f->read_sizes;

		if (off < f->off || off + size > (uint32_t)f->off + f->size)
			continue;
		if (!(mask & size))
			return false;
		/* A pointer field is only read (or written) whole. */
		if (f->reg_type != BH_CTX_SCALAR && size != f->size)
			return false;
		if (reg_type)
			*reg_type = f->reg_type;
		return true;
	}
	return false;
}

#endif /* BH_PROGS_CTX_ACCESS_H */
