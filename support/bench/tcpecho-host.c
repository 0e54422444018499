/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Client of the TCP echo benchmark (the server of its baseline is
 * apps/tcpecho built for the host).
 *   tcpecho-host client ADDR PORT MIB  send MIB MiB of a fixed pattern on
 *                                      one connection while reading the
 *                                      echo back and checking it; print
 *                                      "mibps X" (MiB echoed per second)
 *                                      or what went wrong
 *   tcpecho-host rtt ADDR PORT SECS    send 64 bytes and wait for their
 *                                      echo, one at a time, for SECS
 *                                      seconds; print "rtps X p50 Y p99
 *                                      Z" (round trips per second, and
 *                                      percentiles of one in us)
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Ping-pong of 64-byte messages for @secs seconds. */
static int rtt(double secs)
{
	char msg[64] = "tessera";
	double start = now(), end = start + secs, *t = NULL;
	size_t n = 0, cap = 0;

	while (now() < end) {
		double t0 = now();
		size_t got = 0;

		if (write(sock, msg, sizeof(msg)) != (ssize_t)sizeof(msg)) {
			perror("tcpecho-host: write");
			return 1;
		}
		while (got < sizeof(msg)) {
			char in[64];
			ssize_t r = read(sock, in, sizeof(msg) - got);

			if (r <= 0 || memcmp(in, msg + got, (size_t)r)) {
				printf("error: the echo ended or differs\n");
				return 1;
			}
			got += (size_t)r;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			t = realloc(t, cap * sizeof(*t));
			if (!t)
				return 1;
		}
		t[n++] = (now() - t0) * 1e6;
	}
	if (!n)
		return 1;
	qsort(t, n, sizeof(*t), cmp_double);
	printf("rtps %.0f p50 %.1f p99 %.1f\n", n / (now() - start),
	       t[n / 2], t[n * 99 / 100]);
	return 0;
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
	if (argc < 5 || sock < 0 ||
	    (strcmp(argv[1], "client") && strcmp(argv[1], "rtt")) ||
	    inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1) {
		fputs("usage: tcpecho-host client|rtt ADDR PORT MIB|SECS\n",
		      stderr);
		return 2;
	}
	sa.sin_port = htons(atoi(argv[3]));
	if (connect(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("tcpecho-host: connect");
		return 1;
	}
	setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (!strcmp(argv[1], "rtt"))
		return rtt(atof(argv[4]));
	total = strtoull(argv[4], NULL, 10) << 20;
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
