/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memcpy, memmove and memset for x86_64, written for speed with
 * SSE2 (the x86_64 baseline) and, for large forward copies and fills,
 * `rep movsb`/`rep stosb` on CPUs with fast string instructions (ERMS).
 * memmove copies backwards with SSE2 from the end, never with the
 * direction flag set. When this library is on, the C library's own
 * memcpy, memmove and memset are left out of the build (nolibc, musl,
 * newlib): every library and the application get these.
 */
#ifndef __UK_MEMOPS_H__
#define __UK_MEMOPS_H__

/* Values of uk_memops_mode. */
#define UK_MEMOPS_PROBE	0	/* not decided yet: the next large call asks CPUID */
#define UK_MEMOPS_SSE	1	/* large copies and fills in SSE2 loops */
#define UK_MEMOPS_REP	2	/* large forward copies and fills with rep movsb/stosb */

#ifndef __ASSEMBLY__
/*
 * How copies and fills too large for the straight-line code run. The first
 * such call sets it from CPUID (ERMS); it is not used by anything else and
 * may be written, so that a test or a benchmark can run both ways on one
 * CPU (UK_MEMOPS_REP only where the CPU has ERMS, or it is slow).
 */
extern int uk_memops_mode;
#endif

#endif /* __UK_MEMOPS_H__ */
