/* SPDX-License-Identifier: MIT */
/*
 * Chains run while other threads attach, replace, update and detach.
 *
 * Every chain ever published is strictly increasing in the values its
 * programs return: position 0 is a link whose program the updater swaps
 * between values 1 and 2 (bh_link__update); the mutator inserts fresh
 * programs between neighbours (BPF_F_BEFORE / BPF_F_AFTER by pointer, id
 * or link id), detaches them and replaces them with BPF_F_REPLACE, always
 * keeping the order, and drops its own references so a detached program's
 * last reference is the hook's.
 *
 * Runners record the values of each run (callback policy) and check they
 * increase.  A run that read part of one array and part of another (the
 * peer rewritten under it) sees a shifted suffix and fails the check; a
 * program freed under a run fails under ASan.  The suite runs it under
 * TSan too.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include <bpfhost/bpfhost.h>

#include "test.h"

#define MAX_K 48
#define RUNNERS 2
#define SECONDS 2

struct record {
	uint32_t n;
	uint64_t seen[BH_MPROG_MAX];
};

static struct bh_hook *hook;
static atomic_bool stop;
static atomic_ulong runs, bad_runs, writer_errors, changes;
static atomic_uint max_seen;
/* The link's two programs: values 1 and 2. */
static struct bh_prog *link_progs[2];

static struct bh_prog *prog_value(int32_t v)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = v },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char name[16];
	BH_OPTS(bh_prog_load_opts, o, .name = name);

	snprintf(name, sizeof(name), "v%d", v);
	return bh_prog__load(BPF_PROG_TYPE_XDP, insns, 2, &o);
}

static int prog_value_of(const struct bh_prog *p)
{
	return atoi(bh_prog__name(p) + 1);
}

static bool record_value(void *ctx, uint64_t retval, void *arg)
{
	struct record *rec = ctx;

	if (rec->n < BH_MPROG_MAX)
		rec->seen[rec->n++] = retval;
	return true;
}

static void writer_error(const char *what, int err)
{
	fprintf(stderr, "  %s: %d\n", what, err);
	atomic_fetch_add_explicit(&writer_errors, 1, memory_order_relaxed);
}

static void *runner(void *arg)
{
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		struct record rec = { 0 };
		uint64_t r;
		bool ok;

		if (bh_hook__run(hook, &rec, &r)) {
			atomic_fetch_add_explicit(&bad_runs, 1,
						  memory_order_relaxed);
			continue;
		}
		ok = rec.n >= 1 && rec.n <= MAX_K &&
		     (rec.seen[0] == 1 || rec.seen[0] == 2);
		for (uint32_t j = 1; ok && j < rec.n; j++)
			ok = rec.seen[j] > rec.seen[j - 1];
		if (!ok) {
			fprintf(stderr, "  inconsistent run of %u:", rec.n);
			for (uint32_t j = 0; j < rec.n; j++)
				fprintf(stderr, " %llu",
					(unsigned long long)rec.seen[j]);
			fprintf(stderr, "\n");
			atomic_fetch_add_explicit(&bad_runs, 1,
						  memory_order_relaxed);
		}
		if (rec.n > atomic_load_explicit(&max_seen,
						 memory_order_relaxed))
			atomic_store_explicit(&max_seen, rec.n,
					      memory_order_relaxed);
		atomic_fetch_add_explicit(&runs, 1, memory_order_relaxed);
	}
	return NULL;
}

/* Swaps the link at position 0 between its two programs. */
static void *updater(void *arg)
{
	struct bh_link *link = arg;
	int cur = 0, err;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		err = bh_link__update(link, link_progs[!cur], link_progs[cur]);
		if (err)
			writer_error("link update", err);
		cur = !cur;
		atomic_fetch_add_explicit(&changes, 1, memory_order_relaxed);
	}
	return NULL;
}

/* Values of the chain in run order, from query and the programs' names. */
static int chain_values(uint32_t *ids, uint32_t *link_ids, int *vals,
			struct bh_prog **progs)
{
	BH_OPTS(bh_hook_query_opts, q, .count = BH_MPROG_MAX, .prog_ids = ids,
		.link_ids = link_ids);
	int err = bh_hook__query(hook, &q);

	if (err)
		return err;
	for (uint32_t i = 0; i < q.count; i++) {
		progs[i] = link_ids[i] ? NULL : bh_prog__by_id(ids[i]);
		vals[i] = progs[i] ? prog_value_of(progs[i]) : 2;
	}
	return (int)q.count;
}

/* A value strictly between @lo and @hi, or 0 when there is none. */
static int32_t between(int64_t lo, int64_t hi, unsigned int *seed)
{
	if (hi - lo < 2)
		return 0;
	return (int32_t)(lo + 1 + (int64_t)(rand_r(seed) % (hi - lo - 1)));
}

/*
 * Changes which programs are in the chain, keeping it strictly increasing:
 * inserts a fresh program at a random place (before / after a neighbour, by
 * pointer, id or link), detaches one, or replaces one by a fresh program of
 * a value still between its neighbours.  It drops its own references, so
 * the hook's is the last.  Position 0 is the updater's link.
 */
static void *mutator(void *arg)
{
	unsigned int seed = 1;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		uint32_t ids[BH_MPROG_MAX], link_ids[BH_MPROG_MAX];
		struct bh_prog *progs[BH_MPROG_MAX] = { 0 }, *fresh = NULL;
		int vals[BH_MPROG_MAX], n, err = 0, op;
		uint32_t i;

		n = chain_values(ids, link_ids, vals, progs);
		if (n < 1) {
			writer_error("query", n);
			continue;
		}
		op = n == 1 ? 0 : n >= MAX_K ? 1 + rand_r(&seed) % 2
					      : rand_r(&seed) % 3;
		if (op == 0) { /* insert at i, 1 <= i <= n */
			int64_t lo, hi;
			int32_t v;

			i = 1 + (uint32_t)rand_r(&seed) % (uint32_t)n;
			lo = i == 1 ? 999 : vals[i - 1];
			hi = i == (uint32_t)n ? lo + 1000000 : vals[i];
			v = between(lo, hi, &seed);
			fresh = v ? prog_value(v) : NULL;
			if (fresh) {
				BH_OPTS(bh_hook_attach_opts, o);

				if (i < (uint32_t)n && rand_r(&seed) % 2) {
					o.flags = BPF_F_BEFORE | BPF_F_ID;
					o.relative_id = ids[i];
				} else if (i == 1) {
					o.flags = BPF_F_AFTER | BPF_F_LINK |
						  BPF_F_ID;
					o.relative_id = link_ids[0];
				} else {
					o.flags = BPF_F_AFTER;
					o.relative_prog = progs[i - 1];
				}
				err = bh_hook__attach(hook, fresh, &o);
			}
		} else if (op == 1) { /* detach i, 1 <= i < n */
			BH_OPTS(bh_hook_detach_opts, o);

			i = 1 + (uint32_t)rand_r(&seed) % (uint32_t)(n - 1);
			if (rand_r(&seed) % 2) {
				o.flags = BPF_F_AFTER;
				o.relative_prog = progs[i - 1];
				if (i == 1) {
					o.flags |= BPF_F_LINK | BPF_F_ID;
					o.relative_prog = NULL;
					o.relative_id = link_ids[0];
				}
			}
			err = bh_hook__detach(hook, progs[i], &o);
		} else { /* replace i, 1 <= i < n */
			int64_t lo, hi;
			int32_t v;

			i = 1 + (uint32_t)rand_r(&seed) % (uint32_t)(n - 1);
			lo = i == 1 ? 999 : vals[i - 1];
			hi = i + 1 == (uint32_t)n ? lo + 1000000 : vals[i + 1];
			v = between(lo, hi, &seed);
			fresh = v && v != vals[i] ? prog_value(v) : NULL;
			if (fresh) {
				BH_OPTS(bh_hook_attach_opts, o,
					.flags = BPF_F_REPLACE,
					.replace_prog = progs[i]);

				err = bh_hook__attach(hook, fresh, &o);
			}
		}
		if (err)
			writer_error(op == 0 ? "insert" : op == 1 ? "detach"
								   : "replace",
				     err);
		else
			atomic_fetch_add_explicit(&changes, 1,
						  memory_order_relaxed);
		bh_prog__free(fresh);
		for (int j = 0; j < n; j++)
			bh_prog__free(progs[j]);
	}
	return NULL;
}

static void test_concurrency_mprog__runs_see_whole_chains(void)
{
	BH_OPTS(bh_hook_opts, ho, .policy = BH_HOOK_POLICY_CALLBACK,
		.callback = record_value);
	pthread_t run_th[RUNNERS], upd_th, mut_th;
	struct timespec ts = { .tv_sec = SECONDS };
	struct bh_link *link;

	hook = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);
	link_progs[0] = prog_value(1);
	link_progs[1] = prog_value(2);
	REQUIRE("cc-setup", hook && link_progs[0] && link_progs[1]);
	link = bh_link__attach(hook, link_progs[0], NULL);
	REQUIRE("cc-link", link);

	for (int i = 0; i < RUNNERS; i++)
		pthread_create(&run_th[i], NULL, runner, NULL);
	pthread_create(&upd_th, NULL, updater, link);
	pthread_create(&mut_th, NULL, mutator, NULL);
	nanosleep(&ts, NULL);
	atomic_store(&stop, true);
	for (int i = 0; i < RUNNERS; i++)
		pthread_join(run_th[i], NULL);
	pthread_join(upd_th, NULL);
	pthread_join(mut_th, NULL);

	printf("# %lu runs, %lu changes, longest chain seen %u\n",
	       atomic_load(&runs), atomic_load(&changes),
	       atomic_load(&max_seen));
	CHECK_EQ("cc-consistent", atomic_load(&bad_runs), 0);
	CHECK_EQ("cc-writers", atomic_load(&writer_errors), 0);
	CHECK("cc-ran", atomic_load(&runs) > 0);
	CHECK("cc-changed", atomic_load(&changes) > 0);
	CHECK("cc-grew", atomic_load(&max_seen) > 8);
	bh_link__free(link);
	bh_hook__free(hook);
	bh_prog__free(link_progs[0]);
	bh_prog__free(link_progs[1]);
}

static const struct bh_test_case tests[] = {
	BH_TEST(test_concurrency_mprog__runs_see_whole_chains),
};

BH_TEST_MAIN(tests)
