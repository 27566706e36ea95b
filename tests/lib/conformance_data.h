/* SPDX-License-Identifier: MIT */
/*
 * tests/lib/conformance_data.h - reader of bpf_conformance `.data` files.
 *
 * A file is a list of sections, each opened by a line "-- NAME":
 *
 *	-- asm       program text for bh_asm__parse (kept verbatim)
 *	-- raw       instructions: per line either 0x-prefixed 64-bit words
 *	             (the instruction read as a little-endian u64), or eight
 *	             hex bytes in memory order ("07 00 01 00 01 00 00 00")
 *	-- mem       input memory, hex bytes
 *	-- result    expected r0; the last line counts; hex when it has 0x
 *	-- error     expected error text (lines joined by '\n')
 *
 * Lines before the first section are comments.  "-- c" (the C source of a
 * test) and "-- no register offset" (a note in callx.data and others) are
 * skipped; any other section name is refused, as the suite's own runner
 * skips such files.  '#' starts a comment in raw, mem and result.
 */
#ifndef BH_TESTS_CONFORMANCE_DATA_H
#define BH_TESTS_CONFORMANCE_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bpf_insn;

struct bh_cdata {
	char *asm_text;       /* NUL-terminated; NULL without `-- asm` */
	struct bpf_insn *raw; /* raw_cnt slots; NULL without `-- raw` */
	size_t raw_cnt;
	uint8_t *mem; /* mem_sz bytes; NULL when empty */
	size_t mem_sz;
	uint64_t result;
	char *error; /* NULL without `-- error` */
	bool has_asm, has_raw, has_mem, has_result, has_error;
	char why[160]; /* after a failed load: "line 7: bad byte 'zz'" */
};

/*
 * Read @path into @out (zeroed first; free it with bh_cdata_free() whatever
 * the result).
 *
 * @return 0; -errno when the file cannot be read; -ENOMEM; -EINVAL when its
 *         content is malformed (unknown section, bad raw word, mem byte or
 *         result), with the reason in out->why.
 */
int bh_cdata_load(const char *path, struct bh_cdata *out);

/* Free what bh_cdata_load() allocated; @d may be NULL. */
void bh_cdata_free(struct bh_cdata *d);

#endif /* BH_TESTS_CONFORMANCE_DATA_H */
