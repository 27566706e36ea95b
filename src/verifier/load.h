/* SPDX-License-Identifier: MIT */
/*
 * verifier/load.h - the verifier as the program loader calls it.
 */
#ifndef BH_VERIFIER_LOAD_H
#define BH_VERIFIER_LOAD_H

#include "core/internal.h"

struct prog_maps;
struct bh_map;

/*
 * What the verifier learnt about one instruction, for the rewrites after
 * verification (verifier/fixup.c); the kernel's bpf_insn_aux_data.
 */
struct bh_insn_aux {
	/* bpf_map_lookup_elem: the map in R1 on every path (the kernel's
	 * map_ptr_state); NULL: never reached, or poisoned. */
	struct bh_map *map_ptr;
	bool map_poisoned;   /* several maps reach this call */
	bool seen;           /* some path executes this instruction */
};

/* What verification found out that running the program needs. */
struct bh_verifier_output {
	uint32_t max_ctx_offset; /* bytes of context the program may touch */
	uint32_t insn_processed;
	uint32_t total_states;
	uint32_t peak_states;
	uint32_t max_states_per_insn;
	uint32_t stack_depth;    /* main program's frame */
	/* In: set by the caller that wants @aux.  Out: per instruction, for
	 * verifier_fixup(); allocated when the verifier accepts, freed by
	 * the caller (free()). */
	bool want_aux;
	struct bh_insn_aux *aux;
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
/*
 * The same for an unprivileged loader (the kernel's loader without CAP_BPF
 * and CAP_PERFMON): no pointer may leak into maps, the context, helpers or
 * the return value, no uninitialised stack may be read, no BPF-to-BPF call
 * or loop; helpers the kernel gates on those capabilities are refused.
 */
int verifier_check_prog_unpriv(uint32_t prog_type, uint32_t expected_attach_type,
			       uint32_t prog_flags, uint32_t entry_args,
			       const struct bpf_insn *insns, size_t insn_cnt,
			       const struct prog_maps *pm,
			       struct bh_verifier_output *out, struct bh_log *log);

/* The program after the rewrites: what runs, and what `prog dump xlated`
 * shows. */
struct bh_xlated {
	struct bpf_insn *insns;
	size_t insn_cnt;
	/* orig_idx[i]: the loaded instruction xlated instruction i comes from
	 * (several xlated instructions may share one). */
	uint32_t *orig_idx;
	/* Maps whose lookups were inlined (each once): a checked run must be
	 * given their value areas as regions (fixup_regions()). */
	struct bh_map **inlined;
	size_t inlined_cnt;
};

/*
 * The rewrites after verification (verifier/fixup.c; the kernel's
 * do_misc_fixups): division and modulo by a register patched so that
 * x / 0 == 0 and x % 0 == x without a run-time check in the interpreter,
 * and, with @aux (a verified program), bpf_map_lookup_elem on an ARRAY
 * inlined.  @maps: the maps the program references (only those are
 * inlined).  Every program goes through it, verified or not: the fast
 * interpreter relies on the division patch.  Returns 0 with @out filled
 * (free with fixup_free()), or -ENOMEM, also (as in the kernel) when a
 * jump would no longer fit its offset (then with the message in @log).
 */
int verifier_fixup(const struct bpf_insn *insns, size_t insn_cnt,
		   const struct bh_insn_aux *aux, struct bh_map *const *maps,
		   size_t map_cnt, struct bh_xlated *out, struct bh_log *log);
void fixup_free(struct bh_xlated *x);

/* The program's BTF and func_info (bh_prog_load_opts): global functions. */
struct bh_verifier_btf {
	const struct bh_btf *btf;
	const struct bh_func_info *func_info;
	size_t func_info_cnt;
};

/* verifier_check_prog() (@unpriv: verifier_check_prog_unpriv()) with
 * @vbtf (NULL or empty: no BTF). */
int verifier_check_prog_btf(uint32_t prog_type, uint32_t expected_attach_type,
			    uint32_t prog_flags, uint32_t entry_args, bool unpriv,
			    const struct bpf_insn *insns, size_t insn_cnt,
			    const struct prog_maps *pm, const struct bh_verifier_btf *vbtf,
			    struct bh_verifier_output *out, struct bh_log *log);

#endif /* BH_VERIFIER_LOAD_H */
