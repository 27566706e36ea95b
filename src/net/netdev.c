/* SPDX-License-Identifier: MIT */
/*
 * net/netdev.c - the host's registry of network interfaces
 * (bpfhost/netdev.h): "lo" is ifindex 1, registered interfaces follow.
 *
 * Names are written once under the lock, before the count that publishes
 * them is released; readers load the count with acquire and never lock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <bpfhost/netdev.h>

#include "net/netdev.h"

#define NAME_MAX_LEN 15 /* IFNAMSIZ - 1 */

static pthread_mutex_t netdev_lock = PTHREAD_MUTEX_INITIALIZER;
static char names[BH_NETDEV_MAX][NAME_MAX_LEN + 1] = { "lo" };
static atomic_uint netdev_cnt = 1;

bool netdev_exists(uint32_t ifindex)
{
	return ifindex >= 1 &&
	       ifindex <= atomic_load_explicit(&netdev_cnt, memory_order_acquire);
}

static bool name_ok(const char *name)
{
	size_t len;

	if (!name)
		return false;
	len = strlen(name);
	if (!len || len > NAME_MAX_LEN || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' || name[i] == ' ' ||
		    name[i] == '\t' || name[i] == '\n')
			return false;
	return true;
}

int bh_netdev__by_name(const char *name)
{
	uint32_t n = atomic_load_explicit(&netdev_cnt, memory_order_acquire);

	if (!name)
		return -ENODEV;
	for (uint32_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return (int)i + 1;
	return -ENODEV;
}

int bh_netdev__register(const char *name)
{
	uint32_t n;
	int ret;

	if (!name_ok(name))
		return -EINVAL;
	pthread_mutex_lock(&netdev_lock);
	n = atomic_load_explicit(&netdev_cnt, memory_order_relaxed);
	if (bh_netdev__by_name(name) > 0) {
		ret = -EEXIST;
	} else if (n >= BH_NETDEV_MAX) {
		ret = -ENOSPC;
	} else {
		strcpy(names[n], name);
		atomic_store_explicit(&netdev_cnt, n + 1, memory_order_release);
		ret = (int)n + 1;
	}
	pthread_mutex_unlock(&netdev_lock);
	return ret;
}

int bh_netdev__name(uint32_t ifindex, char *buf, size_t size)
{
	size_t len;

	if (!netdev_exists(ifindex))
		return -ENODEV;
	len = strlen(names[ifindex - 1]);
	if (!buf || size <= len)
		return -ENOSPC;
	memcpy(buf, names[ifindex - 1], len + 1);
	return 0;
}
