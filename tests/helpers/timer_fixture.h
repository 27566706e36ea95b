/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/timer_fixture.h - what the bpf_timer tests share
 * (test_timer.c, test_concurrency_timer.c): a map of timers, a counter
 * map, and one SYSCALL program driving the timer helpers.
 *
 * ctx = { u32 op, u32 key, u64 arg, u64 flags, s64 ret }: the program looks
 * the key up in map 0 (values struct elem { struct bpf_timer t; u64 cnt;
 * u64 x; }) and calls the helper the op names on the value's timer.
 */
#ifndef BH_TESTS_TIMER_FIXTURE_H
#define BH_TESTS_TIMER_FIXTURE_H

#include <errno.h>
#include <linux/btf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

enum { OP_INIT, OP_SETCB, OP_START, OP_CANCEL, OP_SETCB_REARM,
       OP_SETCB_SELFCANCEL, OP_SETCB_DELETE };

struct ctx {
	uint32_t op, key;
	uint64_t arg, flags;
	int64_t ret;
};

struct elem {
	uint64_t timer[2];
	uint64_t cnt, x;
};

/*
 * Map 0: the timers (struct elem values, key u32); map 1: ARRAY of one u64
 * counting every callback run, whatever the element.
 */
static const char prog_text[] =
	"mov %r6, %r1\n"
	"ldxw %r7, [%r6+0]\n"
	"ldxw %r1, [%r6+4]\n"
	"stxw [%r10-4], %r1\n"
	"mov %r2, %r10\n"
	"add %r2, -4\n"
	"lddw %r1, map[idx:0]\n"
	"call 1\n"
	"jne %r0, 0, found\n"
	"mov %r0, -2\n"
	"ja store\n"
	"found:\n"
	"mov %r8, %r0\n"
	"mov %r1, %r8\n"
	"jeq %r7, 0, op_init\n"
	"jeq %r7, 1, op_setcb\n"
	"jeq %r7, 2, op_start\n"
	"jeq %r7, 3, op_cancel\n"
	"jeq %r7, 4, op_setcb_rearm\n"
	"jeq %r7, 5, op_setcb_selfcancel\n"
	"jeq %r7, 6, op_setcb_delete\n"
	"mov %r0, -22\n"
	"ja store\n"
	"op_init:\n"
	"lddw %r2, map[idx:0]\n"
	"ldxdw %r3, [%r6+16]\n"
	"call 169\n"
	"ja store\n"
	"op_setcb:\n"
	"lddw %r2, subprog[cb_count]\n"
	"call 170\n"
	"ja store\n"
	"op_setcb_rearm:\n"
	"lddw %r2, subprog[cb_rearm]\n"
	"call 170\n"
	"ja store\n"
	"op_setcb_selfcancel:\n"
	"lddw %r2, subprog[cb_selfcancel]\n"
	"call 170\n"
	"ja store\n"
	"op_setcb_delete:\n"
	"lddw %r2, subprog[cb_delete]\n"
	"call 170\n"
	"ja store\n"
	"op_start:\n"
	"ldxdw %r2, [%r6+8]\n"
	"ldxdw %r3, [%r6+16]\n"
	"call 171\n"
	"ja store\n"
	"op_cancel:\n"
	"call 172\n"
	"store:\n"
	"stxdw [%r6+24], %r0\n"
	"mov %r0, 0\n"
	"exit\n"
	/* cb_count(map, key, value): value->cnt++, value->x = *key + 100 */
	"cb_count:\n"
	"mov %r6, %r3\n"
	"ldxw %r4, [%r2+0]\n"
	"add %r4, 100\n"
	"stxdw [%r6+24], %r4\n"
	"mov %r1, %r6\n"
	"call local count\n"
	"mov %r0, 0\n"
	"exit\n"
	/* cb_rearm: value->cnt++; below 3, set itself again and start in 1 ms */
	"cb_rearm:\n"
	"mov %r6, %r3\n"
	"mov %r1, %r6\n"
	"call local count\n"
	"ldxdw %r1, [%r6+16]\n"
	"jge %r1, 3, rearm_out\n"
	"mov %r1, %r6\n"
	"lddw %r2, subprog[cb_rearm]\n"
	"call 170\n"
	"mov %r1, %r6\n"
	"mov %r2, 1000000\n"
	"mov %r3, 0\n"
	"call 171\n"
	"rearm_out:\n"
	"mov %r0, 0\n"
	"exit\n"
	/* cb_selfcancel: value->x = bpf_timer_cancel(own timer) */
	"cb_selfcancel:\n"
	"mov %r6, %r3\n"
	"mov %r1, %r6\n"
	"call local count\n"
	"mov %r1, %r6\n"
	"call 172\n"
	"stxdw [%r6+24], %r0\n"
	"mov %r0, 0\n"
	"exit\n"
	/* cb_delete: delete the own element (hash), count */
	"cb_delete:\n"
	"mov %r6, %r3\n"
	"ldxw %r3, [%r6+16]\n"
	"stxw [%r10-4], %r3\n"
	"mov %r1, %r6\n"
	"call local count\n"
	"lddw %r1, map[idx:0]\n"
	"mov %r2, %r10\n"
	"add %r2, -4\n"
	"call 3\n"
	"mov %r0, 0\n"
	"exit\n"
	/* count(value): value->cnt++ and the global counter++ */
	"count:\n"
	"mov %r2, 1\n"
	"lock add [%r1+16], %r2\n"
	"stw [%r10-4], 0\n"
	"mov %r2, %r10\n"
	"add %r2, -4\n"
	"lddw %r1, map[idx:1]\n"
	"call 1\n"
	"jeq %r0, 0, count_out\n"
	"mov %r1, 1\n"
	"lock add [%r0+0], %r1\n"
	"count_out:\n"
	"mov %r0, 0\n"
	"exit\n";

/* 0: verified; BH_PROG_LOAD_F_NO_VERIFY: checked runs */
static uint32_t load_flags;

struct fixture {
	struct bh_btf *btf;
	struct bh_map *map, *counter;
	struct bh_prog *prog;
};

/*
 * BTF: [1] int [2] long [3] struct bpf_timer { long a, b; }
 * [4] struct elem { struct bpf_timer t; long cnt; long x; }
 */
static inline struct bh_btf *timer_btf(void)
{
	static const char strs[] = "\0int\0long\0bpf_timer\0a\0b\0elem\0t\0cnt\0x";
	uint32_t t[64], n = 0;
	uint8_t blob[512];
	struct btf_header h = { .magic = BTF_MAGIC, .version = BTF_VERSION,
				.hdr_len = sizeof(h) };

	t[n++] = 1, t[n++] = BTF_KIND_INT << 24, t[n++] = 4;
	t[n++] = BTF_INT_SIGNED << 24 | 32;
	t[n++] = 5, t[n++] = BTF_KIND_INT << 24, t[n++] = 8;
	t[n++] = BTF_INT_SIGNED << 24 | 64;
	t[n++] = 10, t[n++] = BTF_KIND_STRUCT << 24 | 2, t[n++] = 16;
	t[n++] = 20, t[n++] = 2, t[n++] = 0;
	t[n++] = 22, t[n++] = 2, t[n++] = 64;
	t[n++] = 24, t[n++] = BTF_KIND_STRUCT << 24 | 3, t[n++] = 32;
	t[n++] = 29, t[n++] = 3, t[n++] = 0;
	t[n++] = 31, t[n++] = 2, t[n++] = 128;
	t[n++] = 35, t[n++] = 2, t[n++] = 192;
	h.type_len = n * 4;
	h.str_off = h.type_len;
	h.str_len = sizeof(strs);
	memcpy(blob, &h, sizeof(h));
	memcpy(blob + sizeof(h), t, h.type_len);
	memcpy(blob + sizeof(h) + h.type_len, strs, sizeof(strs));
	return bh_btf__new(blob, sizeof(h) + h.type_len + sizeof(strs));
}

static inline bool setup(struct fixture *f, uint32_t map_type, uint32_t max)
{
	struct bpf_insn *insns = NULL;
	size_t cnt = 0;
	char err[128] = "", log[4096] = "";

	memset(f, 0, sizeof(*f));
	f->btf = timer_btf();
	if (!f->btf)
		return false;
	BH_OPTS(bh_map_create_opts, mo, .btf = f->btf, .btf_key_type_id = 1,
		.btf_value_type_id = 4);
	f->map = bh_map__create(map_type, "timers", 4, sizeof(struct elem), max, &mo);
	f->counter = bh_map__create(BPF_MAP_TYPE_ARRAY, "count", 4, 8, 1, NULL);
	if (!f->map || !f->counter ||
	    bh_asm__parse(prog_text, &insns, &cnt, err, sizeof(err))) {
		fprintf(stderr, "  setup: %s\n", err);
		return false;
	}
	struct bh_map *maps[] = { f->map, f->counter };
	BH_OPTS(bh_prog_load_opts, po, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .log_level = 1, .bh_flags = load_flags,
		.maps = maps, .map_cnt = 2);
	f->prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &po);
	free(insns);
	if (!f->prog)
		fprintf(stderr, "  load: errno %d\n%s\n", errno, log);
	return f->prog != NULL;
}

static inline void teardown(struct fixture *f)
{
	bh_prog__free(f->prog);
	bh_map__free(f->map);
	bh_map__free(f->counter);
	bh_btf__free(f->btf);
}

/* Run op on key's timer; the helper's return value. */
static inline int64_t op(struct fixture *f, uint32_t op_, uint32_t key, uint64_t arg,
		  uint64_t flags)
{
	struct ctx c = { .op = op_, .key = key, .arg = arg, .flags = flags, .ret = -999 };
	/* a SYSCALL program's context is written back in place */
	BH_OPTS(bh_test_run_opts, o, .ctx_in = &c, .ctx_size_in = sizeof(c));

	if (bh_prog__test_run(f->prog, &o))
		return -1000 - errno;
	return c.ret;
}

static inline struct elem elem_of(struct fixture *f, uint32_t key)
{
	struct elem e;

	memset(&e, 0xff, sizeof(e));
	bh_map__lookup_elem(f->map, &key, &e);
	return e;
}

static inline uint64_t counter(struct fixture *f)
{
	uint32_t zero = 0;
	uint64_t v = 0;

	bh_map__lookup_elem(f->counter, &zero, &v);
	return v;
}

static inline uint64_t mono_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Wait up to 2 s for the global counter to reach @n. */
static inline bool wait_count(struct fixture *f, uint64_t n)
{
	for (int i = 0; i < 2000; i++) {
		if (counter(f) >= n)
			return true;
		usleep(1000);
	}
	return false;
}

static inline void add_key(struct fixture *f, uint32_t key)
{
	struct elem e = { { 0 }, 0, 0 };

	bh_map__update_elem(f->map, &key, &e, BPF_ANY);
}

#endif /* BH_TESTS_TIMER_FIXTURE_H */
