/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukmemops: memcpy, memmove and memset for x86_64, written for speed with
 * SSE2 (the x86_64 baseline), AVX loops where the CPU has AVX and, for
 * large forward copies and fills, `rep movsb`/`rep stosb` on CPUs with
 * fast string instructions (ERMS).
 * memmove copies backwards with vector loops from the end, never with the
 * direction flag set. When this library is on, the C library's own
 * memcpy, memmove and memset are left out of the build (nolibc, musl,
 * newlib): every library and the application get these.
 */
#ifndef __UK_MEMOPS_H__
#define __UK_MEMOPS_H__

/* Bits of uk_memops_mode. */
#define UK_MEMOPS_PROBED 1	/* clear: the next large call asks CPUID */
#define UK_MEMOPS_REP	2	/* large disjoint copies and fills with rep movsb/stosb */
#define UK_MEMOPS_AVX	4	/* loops with 32-byte AVX moves, not SSE2's 16 */

#ifndef __ASSEMBLY__
/*
 * How copies and fills too large for the straight-line code (over 128
 * bytes) run. The first such call sets it from CPUID: REP with ERMS; AVX
 * when the CPU has it, the system saves its registers (XCR0) and
 * CONFIG_LIBUKMEMOPS_AVX is on. Nothing else uses it; it may be written,
 * so that a test or a benchmark can run each way on one CPU (REP works
 * on any x86_64 CPU, AVX only where the probe found it).
 */
extern int uk_memops_mode;
#endif

#endif /* __UK_MEMOPS_H__ */
