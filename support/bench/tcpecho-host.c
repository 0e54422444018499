/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host side of the TCP echo benchmark.
 *   tcpecho-host server ADDR PORT      echo every connection, one at a
 *                                      time (the baseline)
 *   tcpecho-host client ADDR PORT MIB  send MIB MiB of a fixed pattern on
 *                                      one connection while reading the
 *                                      echo back and checking it; print
 *                                      "mibps X" (MiB echoed per second)
 *                                      or what went wrong
 * The pattern is cheap to make and check, so the client is not what is
 * measured.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	65536

static int sock;
static uint64_t total;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The stream: 8-byte words, each holding its own index (little endian,
 * as the host is). Fills @words from the word holding byte @off and
 * returns where byte @off is in it. */
static const unsigned char *pattern(uint64_t off, uint64_t *words, size_t n)
{
	uint64_t w = off / 8;

	for (size_t k = 0; k < (off % 8 + n + 7) / 8; k++)
		words[k] = w + k;
	return (const unsigned char *)words + off % 8;
}

static void *sender(void *arg)
{
	static uint64_t buf[CHUNK / 8];
	uint64_t off = 0;

	(void)arg;
	while (off < total) {
		size_t n = total - off < CHUNK ? total - off : CHUNK;
		ssize_t w;

		const unsigned char *p = pattern(off, buf, n);

		for (size_t done = 0; done < n; done += (size_t)w) {
			w = write(sock, p + done, n - done);
			if (w <= 0) {
				perror("tcpecho-host: write");
				return NULL;
			}
		}
		off += n;
	}
	return NULL;
}

static int serve(void)
{
	static char buf[CHUNK];

	if (listen(sock, 16) < 0)
		return 1;
	for (;;) {
		int c = accept(sock, NULL, NULL);
		ssize_t n;

		if (c < 0)
			continue;
		while ((n = read(c, buf, sizeof(buf))) > 0)
			for (ssize_t d = 0, w; d < n; d += w)
				if ((w = write(c, buf + d, n - d)) <= 0)
					break;
		close(c);
	}
}

int main(int argc, char *argv[])
{
	static unsigned char got[CHUNK];
	static uint64_t want[CHUNK / 8 + 2];
	struct sockaddr_in sa = { .sin_family = AF_INET };
	uint64_t off = 0;
	pthread_t t;
	double start;
	int one = 1;

	sock = socket(AF_INET, SOCK_STREAM, 0);
	if (argc < 4 || sock < 0 ||
	    inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1) {
		fputs("usage: tcpecho-host server|client ADDR PORT [MIB]\n",
		      stderr);
		return 2;
	}
	sa.sin_port = htons(atoi(argv[3]));
	if (!strcmp(argv[1], "server")) {
		setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			perror("tcpecho-host: bind");
			return 1;
		}
		return serve();
	}
	if (argc < 5)
		return 2;
	total = strtoull(argv[4], NULL, 10) << 20;
	if (connect(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("tcpecho-host: connect");
		return 1;
	}
	setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	start = now();
	pthread_create(&t, NULL, sender, NULL);
	while (off < total) {
		ssize_t n = read(sock, got, sizeof(got));

		if (n <= 0) {
			printf("error: the echo ended after %llu of %llu bytes\n",
			       (unsigned long long)off,
			       (unsigned long long)total);
			return 1;
		}
		if (memcmp(got, pattern(off, want, (size_t)n), (size_t)n)) {
			printf("error: the echo differs within bytes %llu-%llu\n",
			       (unsigned long long)off,
			       (unsigned long long)(off + n));
			return 1;
		}
		off += (uint64_t)n;
	}
	printf("mibps %.1f\n", (double)(total >> 20) / (now() - start));
	pthread_join(t, NULL);
	close(sock);
	return 0;
}
