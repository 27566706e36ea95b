/* SPDX-License-Identifier: MIT */
/*
 * tests/loader/fuzz_loader.c - libFuzzer target: bh_object__open_mem() on
 * arbitrary bytes, then bh_object__load() on whatever opens.  Built and run
 * for a bounded time by `make fuzz-loader` (tests/loader/fuzz_loader.sh),
 * seeded with the objects of tests/progs/.
 */
#include <stddef.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

/*
 * An object may declare maps far bigger than memory (the kernel refuses
 * them with -ENOMEM when its allocation fails): let a failed allocation
 * return NULL, which the library handles, instead of aborting the run.
 */
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char log[2048];
	/*
	 * Programs load verified, as bh_object__load() does for any caller:
	 * mutated programs exercise the verifier on what the loader lets
	 * through, and one that takes long to verify fails the run (-timeout
	 * in fuzz_loader.sh).  They never run.
	 */
	BH_OPTS(bh_object_open_opts, opts, .log_buf = log, .log_size = sizeof(log));
	struct bh_object *obj = bh_object__open_mem(data, size, &opts);
	const struct bh_btf *btf;

	if (!obj)
		return 0;
	btf = bh_object__btf(obj);
	for (uint32_t id = 0; btf && id < bh_btf__type_cnt(btf) && id < 64; id++) {
		static uint8_t zero[256];
		char out[256];

		bh_btf__snprint_value(btf, id, zero, sizeof(zero), out, sizeof(out));
	}
	bh_object__load(obj);
	bh_object__close(obj);
	return 0;
}
