/* SPDX-License-Identifier: MIT */
/* tests/lib/linux_uapi.c - the system <linux/bpf.h>'s values, for test_uapi. */
#include <linux/bpf.h>

#include "lib/uapi_names.h"

#define X(name) { #name, (long long)(name) },
const struct bh_uapi_value bh_linux_uapi_values[] = { BH_UAPI_NAMES(X) };
#undef X
const unsigned int bh_linux_uapi_value_cnt =
	sizeof(bh_linux_uapi_values) / sizeof(bh_linux_uapi_values[0]);

#define BH_HELPER_NAME(x) #x /* the mapper adds the commas */
const char *const bh_linux_helper_names[] = {
	__BPF_FUNC_MAPPER(BH_HELPER_NAME)
};
const unsigned int bh_linux_helper_cnt =
	sizeof(bh_linux_helper_names) / sizeof(bh_linux_helper_names[0]);
