/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/netdev.h - the host's registry of network interfaces.
 *
 * bpfhost has no network devices; what DEVMAP / DEVMAP_HASH values and
 * bpf_redirect_map name are the interfaces of this registry.  Interface 1
 * is "lo" and always exists (the kernel's BPF_PROG_TEST_RUN runs on the
 * loopback device, and a new network namespace has only lo, ifindex 1); a
 * host adds its own with bh_netdev__register(), which hands out ifindexes
 * 2, 3, ... in order.  Updating a device map with an ifindex the registry
 * does not hold fails with -EINVAL (the kernel's dev_get_by_index() miss).
 * Interfaces live as long as the process: there is no unregister.
 *
 * Thread-safety: every call may be made from any thread at any time.
 */
#ifndef BPFHOST_NETDEV_H
#define BPFHOST_NETDEV_H

#include "common.h"

/* Most interfaces the registry holds, lo included. */
#define BH_NETDEV_MAX 256

/**
 * Register an interface.
 * @param name 1 to 15 characters (IFNAMSIZ - 1), not '/', ':' or white space.
 * @return its ifindex (>= 2), or -EINVAL (bad name), -EEXIST (name taken),
 *         -ENOSPC (BH_NETDEV_MAX reached).
 */
BH_API int bh_netdev__register(const char *name);

/** The ifindex of interface @name, or -ENODEV. */
BH_API int bh_netdev__by_name(const char *name);

/**
 * The name of interface @ifindex into @buf (16 bytes suffice).
 * @return 0, -ENODEV when no such interface, -ENOSPC when @buf is too small.
 */
BH_API int bh_netdev__name(uint32_t ifindex, char *buf, size_t size);

#endif /* BPFHOST_NETDEV_H */
