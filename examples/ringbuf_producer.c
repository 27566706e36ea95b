/* SPDX-License-Identifier: MIT */
/*
 * examples/ringbuf_producer.c - a process owning a BPF_MAP_TYPE_RINGBUF
 * that another process consumes (`bpfhost map consume pid ...`, or any
 * program with bh_ring_buffer__new_shared).
 *
 *   ringbuf_producer [N [PAUSE_MS [RING_BYTES]]]     (10, 20, 64 KiB)
 *
 * Creates the ring, prints one line on stdout
 *
 *   pid PID memfd MEMFD eventfd EVFD
 *
 * (the descriptors a consumer duplicates with pidfd_getfd), then produces
 * N numbered records, PAUSE_MS apart: record i is i as 8 little-endian
 * bytes followed by i % 8 bytes of value i & 0xff (so sizes 8 to 15 and
 * every record different).  A reservation that finds the ring full is
 * retried every millisecond.  Then it waits for stdin to close and exits,
 * so the consumer can read what is left while the ring still exists.
 *
 * Example:
 *
 *   coproc P { build/examples/ringbuf_producer 5 100; }
 *   read -r _ pid _ mem _ ev <&"${P[0]}"
 *   build/bpfhost map consume pid "$pid" fd "$mem" event "$ev" --count 5
 *   exec {P[1]}>&-
 */
#include <bpfhost/bpfhost.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10;
	long pause_ms = argc > 2 ? atol(argv[2]) : 20;
	long ring = argc > 3 ? atol(argv[3]) : 64 * 1024;
	struct bh_map *map;
	char buf[256];

	map = bh_map__create(BPF_MAP_TYPE_RINGBUF, "producer", 0, 0,
			     (uint32_t)ring, NULL);
	if (!map) {
		fprintf(stderr, "ringbuf_producer: creating the ring: %s\n",
			strerror(errno));
		return 1;
	}
	printf("pid %d memfd %d eventfd %d\n", (int)getpid(),
	       bh_ringbuf__mem_fd(map), bh_ringbuf__event_fd(map));
	fflush(stdout);
	for (long i = 0; i < n; i++) {
		size_t size = 8 + (size_t)(i % 8);
		uint8_t *s;

		while (!(s = bh_ringbuf__reserve(map, size))) {
			if (errno != ENOSPC) {
				fprintf(stderr, "ringbuf_producer: reserve: %s\n",
					strerror(errno));
				return 1;
			}
			sleep_ms(1); /* full: wait for the consumer */
		}
		for (int b = 0; b < 8; b++)
			s[b] = (uint8_t)((uint64_t)i >> (8 * b));
		memset(s + 8, (int)(i & 0xff), size - 8);
		bh_ringbuf__submit(s, 0);
		if (pause_ms > 0 && i + 1 < n)
			sleep_ms(pause_ms);
	}
	/* keep the ring alive until the caller is done with it */
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	bh_map__free(map);
	return 0;
}
