/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/bpfhost.h - the umbrella header of the bpfhost library.
 *
 * Includes <bpfhost/uapi.h> (Linux's BPF names and values) unless
 * <linux/bpf.h> was included first, in which case the kernel's header
 * provides the same names.
 */
#ifndef BPFHOST_BPFHOST_H
#define BPFHOST_BPFHOST_H

#if !defined(_UAPI__LINUX_BPF_H__) && !defined(__LINUX_BPF_H__)
#include "uapi.h"
#endif
#include "common.h"
#include "attach.h"
#include "btf.h"
#include "isa.h"
#include "map.h"
#include "object.h"
#include "prog.h"
#include "netdev.h"
#include "progtypes.h"
#include "ringbuf.h"
#include "trace.h"

#endif /* BPFHOST_BPFHOST_H */
