/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/common.h - conventions shared by every public header: export
 * macros, the options-struct pattern and the version.
 */
#ifndef BPFHOST_COMMON_H
#define BPFHOST_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BH_API __attribute__((visibility("default")))
/* Calls whose signature may still change between minor versions. */
#define BH_EXPERIMENTAL BH_API

#define BH_VERSION_MAJOR 0
#define BH_VERSION_MINOR 1
#define BH_VERSION_PATCH 0
#define BH_VERSION_STRING "0.1.0"

/*
 * Options structs (libbpf's pattern).  Every struct bh_<fn>_opts starts with
 * `size_t sz`, which the caller sets to the size it was compiled with; the
 * library reads fields past that size as zero and refuses a larger size whose
 * unknown tail is not zero (-EINVAL).  Declare one with:
 *
 *	BH_OPTS(bh_prog_load_opts, opts, .log_level = 1);
 */
#define BH_OPTS(TYPE, NAME, ...)                                         \
	struct TYPE NAME = ({                                            \
		memset(&NAME, 0, sizeof(struct TYPE));                   \
		(struct TYPE){ .sz = sizeof(struct TYPE), __VA_ARGS__ }; \
	})

/** Version string of the library the caller is linked with. */
BH_API const char *bh_version(void);

/**
 * Set the number of CPU slots (per-CPU map values, bpf_get_smp_processor_id)
 * before the first one is used.  Default: the number of online CPUs.
 * @return 0; -EINVAL for 0 or more than 4096; -EBUSY once slots are in use.
 */
BH_API int bh_set_cpu_count(unsigned int n);
/** Number of CPU slots. */
BH_API unsigned int bh_cpu_count_get(void);

#endif /* BPFHOST_COMMON_H */
