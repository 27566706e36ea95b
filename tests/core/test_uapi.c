/* SPDX-License-Identifier: MIT */
/*
 * tests/core/test_uapi.c - <bpfhost/uapi.h> carries Linux's values: every
 * name the system's <linux/bpf.h> (Linux 6.1 in Debian 12) also defines is
 * compared with it, and names newer than that header are pinned here.
 */
#include <bpfhost/bpfhost.h>

#include "lib/uapi_names.h"
#include "test.h"

/* Newer than Linux 6.1: Linux's values, pinned. */
_Static_assert(BPF_MAP_TYPE_CGRP_STORAGE == 32, "cgrp storage");
_Static_assert(BPF_MAP_TYPE_ARENA == 33, "arena");
_Static_assert(BPF_PROG_TYPE_NETFILTER == 32, "netfilter prog");
_Static_assert(BPF_TCX_INGRESS == 46 && BPF_TCX_EGRESS == 47, "tcx");
_Static_assert(BPF_NETKIT_PRIMARY == 54 && BPF_NETKIT_PEER == 55, "netkit");
_Static_assert(BPF_LINK_TYPE_TCX == 11 && BPF_LINK_TYPE_NETKIT == 13, "links");
_Static_assert(BPF_F_BEFORE == (1U << 3) && BPF_F_AFTER == (1U << 4), "mprog");
_Static_assert(BPF_F_ID == (1U << 5) && BPF_F_LINK == (1U << 13), "mprog ids");
_Static_assert(BPF_MEMSX == 0x80, "sign-extending load mode");
_Static_assert(TCX_NEXT == -1 && TCX_PASS == 0 && TCX_DROP == 2 &&
		       TCX_REDIRECT == 7, "tcx codes");
_Static_assert(BPF_FUNC_cgrp_storage_delete == 211, "last helper id");
_Static_assert(BPF_MAX_USER_RINGBUF_SAMPLES == 128 * 1024, "user ringbuf");
_Static_assert(sizeof(struct bpf_insn) == 8, "instruction size");

#define X(name) { #name, (long long)(name) },
static const struct bh_uapi_value ours[] = { BH_UAPI_NAMES(X) };
#undef X

static void test_uapi__values_match_linux_header(void)
{
	REQUIRE("uapi-count", bh_linux_uapi_value_cnt == BH_ARRAY_LEN(ours));
	for (unsigned int i = 0; i < bh_linux_uapi_value_cnt; i++) {
		if (ours[i].value != bh_linux_uapi_values[i].value)
			fprintf(stderr, "  %s: ours %lld, linux %lld\n",
				ours[i].name, ours[i].value,
				bh_linux_uapi_values[i].value);
		CHECK("uapi-value", ours[i].value == bh_linux_uapi_values[i].value);
	}
}

static void test_uapi__helper_ids_match_linux_header(void)
{
	static const char *const our_names[] = {
#define BH_HELPER_ID(name, id) [id] = #name,
#include <bpfhost/helper_ids.def>
#undef BH_HELPER_ID
	};

	REQUIRE("uapi-helper-count", bh_linux_helper_cnt <= BH_ARRAY_LEN(our_names));
	for (unsigned int id = 0; id < bh_linux_helper_cnt; id++) {
		CHECK("uapi-helper-present", our_names[id] != NULL);
		if (our_names[id] && strcmp(our_names[id], bh_linux_helper_names[id]))
			fprintf(stderr, "  helper %u: ours %s, linux %s\n", id,
				our_names[id], bh_linux_helper_names[id]);
		CHECK("uapi-helper-name",
		      our_names[id] && !strcmp(our_names[id], bh_linux_helper_names[id]));
	}
	CHECK_EQ("uapi-helper-max", __BPF_FUNC_MAX_ID, 212);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_uapi__values_match_linux_header),
	BH_TEST(test_uapi__helper_ids_match_linux_header),
};
BH_TEST_MAIN(cases)
