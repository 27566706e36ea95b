/* SPDX-License-Identifier: MIT */
/* net/netdev.h - the interface registry inside the library. */
#ifndef BH_NET_NETDEV_H
#define BH_NET_NETDEV_H

#include <stdbool.h>
#include <stdint.h>

/* Does interface @ifindex exist (dev_get_by_index() succeeds)? */
bool netdev_exists(uint32_t ifindex);

#endif /* BH_NET_NETDEV_H */
