/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/shm.c - mapping a ring's memfd in a process that does not own the
 * map (a consumer of another process's RINGBUF, a producer into another
 * process's USER_RINGBUF): consumer page, producer page, data twice.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ringbuf/internal.h"

int rb_map_shared(int mem_fd, bool writable_cons, bool writable_prod,
		  struct rb_mapping *m)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int prot_cons = PROT_READ | (writable_cons ? PROT_WRITE : 0);
	int prot_prod = PROT_READ | (writable_prod ? PROT_WRITE : 0);
	struct stat st;
	uint64_t data_sz;
	uint8_t *area;
	int ret = -EINVAL;

	if (fstat(mem_fd, &st))
		return -errno;
	if ((uint64_t)st.st_size <= 2 * page)
		return -EINVAL;
	data_sz = (uint64_t)st.st_size - 2 * page;
	if ((data_sz & (data_sz - 1)) || data_sz % page || data_sz > (1ULL << 31))
		return -EINVAL;
	m->area_sz = 2 * page + 2 * data_sz;
	area = mmap(NULL, m->area_sz, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		return -ENOMEM;
	if (mmap(area, page, prot_cons, MAP_FIXED | MAP_SHARED, mem_fd, 0) ==
		    MAP_FAILED ||
	    mmap(area + page, page + data_sz, prot_prod, MAP_FIXED | MAP_SHARED,
		 mem_fd, (off_t)page) == MAP_FAILED ||
	    mmap(area + 2 * page + data_sz, data_sz, prot_prod,
		 MAP_FIXED | MAP_SHARED, mem_fd, (off_t)(2 * page)) == MAP_FAILED) {
		ret = -errno;
		goto err_unmap;
	}
	m->area = area;
	m->consumer_pos = (_Atomic uint64_t *)area;
	m->producer_pos = (_Atomic uint64_t *)(area + page);
	m->data = area + 2 * page;
	m->mask = data_sz - 1;
	return 0;

err_unmap:
	munmap(area, m->area_sz);
	return ret;
}

void rb_unmap_shared(struct rb_mapping *m)
{
	if (m->area)
		munmap(m->area, m->area_sz);
	m->area = NULL;
}
