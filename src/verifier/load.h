/* SPDX-License-Identifier: MIT */
/*
 * verifier/load.h - the verifier as the program loader calls it.
 */
#ifndef BH_VERIFIER_LOAD_H
#define BH_VERIFIER_LOAD_H

#include "core/internal.h"

struct prog_maps;

/* What verification found out that running the program needs. */
struct bh_verifier_output {
	uint32_t max_ctx_offset; /* bytes of context the program may touch */
	uint32_t insn_processed;
	uint32_t total_states;
	uint32_t peak_states;
	uint32_t max_states_per_insn;
	uint32_t stack_depth;    /* main program's frame */
};

/*
 * Verify @insns (map references already resolved into @pm) as a program of
 * @prog_type.  Returns 0 when every path is safe, -EACCES for an unsafe
 * program, -EINVAL for a malformed one, -E2BIG when it is too complex,
 * -ENOMEM; the kernel's messages go to @log.
 */
/*
 * @entry_args: registers R1..R<entry_args> set at entry (bh_prog_load_opts):
 * R1 is the context, R2..R5 (bpfhost's extension for bh_prog__exec()
 * callers) are numbers the program may use but never dereference.
 */
int verifier_check_prog(uint32_t prog_type, uint32_t expected_attach_type,
			uint32_t prog_flags, uint32_t entry_args,
			const struct bpf_insn *insns,
			size_t insn_cnt, const struct prog_maps *pm,
			struct bh_verifier_output *out, struct bh_log *log);

#endif /* BH_VERIFIER_LOAD_H */
