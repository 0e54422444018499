/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host side of the UDP echo benchmark.
 *   udpecho-host server ADDR PORT        echo every datagram (the baseline)
 *   udpecho-host client ADDR PORT SECS N keep N 64-byte datagrams in
 *                                        flight for SECS seconds, print
 *                                        "pps X p50 Y p99 Z": echoes
 *                                        received per s, and percentiles
 *                                        of their round trips in us
 * Each datagram carries the time it was sent, so a round trip is timed
 * by the echo itself, whichever datagram it answers.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sends one 64-byte datagram stamped with the time. */
static void send_stamped(int s, char *buf)
{
	double t = now();

	memcpy(buf, &t, sizeof(t));
	send(s, buf, 64, 0);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char buf[2048] = "tessera";
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (argc < 4 || s < 0 || inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1)
		return 2;
	sa.sin_port = htons(atoi(argv[3]));
	if (!strcmp(argv[1], "server")) {
		if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
			return 1;
		for (;;) {
			struct sockaddr_in from;
			socklen_t fl = sizeof(from);
			ssize_t n = recvfrom(s, buf, sizeof(buf), 0,
					     (struct sockaddr *)&from, &fl);

			if (n >= 0)
				sendto(s, buf, n, 0, (struct sockaddr *)&from, fl);
		}
	}
	if (argc < 6)
		return 2;
	double secs = atof(argv[4]), end, start, *rtt = NULL;
	int inflight = atoi(argv[5]);
	size_t got = 0, cap = 0;
	struct pollfd p = { .fd = s, .events = POLLIN };

	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;
	for (int i = 0; i < inflight; i++)
		send_stamped(s, buf);
	start = now();
	end = start + secs;
	while (now() < end) {
		double sent;

		/* One out for each echo, or for each 100 ms without one
		 * (a loss), so N stay in flight. */
		if (poll(&p, 1, 100) == 1 &&
		    recv(s, buf, sizeof(buf), 0) >= (ssize_t)sizeof(sent)) {
			if (got == cap) {
				cap = cap ? 2 * cap : 65536;
				rtt = realloc(rtt, cap * sizeof(*rtt));
				if (!rtt)
					return 1;
			}
			memcpy(&sent, buf, sizeof(sent));
			rtt[got++] = (now() - sent) * 1e6;
		}
		send_stamped(s, buf);
	}
	if (!got)
		return 1;
	qsort(rtt, got, sizeof(*rtt), cmp_double);
	printf("pps %.0f p50 %.0f p99 %.0f\n", got / (now() - start),
	       rtt[got / 2], rtt[got * 99 / 100]);
	return 0;
}
