/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-sysinfo: what the image knows about itself as a Linux process,
 * for the system calls of this library (uname, getrlimit, sysinfo,
 * getrusage, prctl, ...) and for those that report it elsewhere (/proc).
 * Sizes in bytes.
 */
#ifndef __UK_SYSINFO_H__
#define __UK_SYSINFO_H__

#include <stddef.h>
#include <stdint.h>

/* Linux's struct sysinfo (x86_64), what the sysinfo system call fills:
 * for callers whose C library has none (newlib) and for tests. */
struct uk_sysinfo_linux {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
};

struct uk_sysinfo_mem {
	uint64_t total;	/* RAM of the image: heap regions + the image */
	uint64_t image;	/* the loaded image (code, data, bss) */
	uint64_t heap;	/* the free regions handed to the allocator */
	uint64_t free;	/* what the default allocator can still give */
	uint64_t used;	/* heap - free: allocations, stacks, metadata */
	uint64_t peak;	/* the highest "used" seen (see below) */
};

/*
 * The memory figures now. "free" is the allocator's own count (0 when
 * the allocator cannot tell and has no statistics). "peak" is the
 * allocator's peak of live bytes (LIBUKALLOC_STATS) or the highest
 * "used" any call of this function saw, whichever is larger.
 */
void uk_sysinfo_mem_get(struct uk_sysinfo_mem *m);

/* Nanoseconds since the platform started (uptime). */
uint64_t uk_sysinfo_uptime_ns(void);

/* CPU time of the process and of the calling thread, in ns. */
uint64_t uk_sysinfo_cpu_ns(void);
uint64_t uk_sysinfo_thread_cpu_ns(void);

/*
 * Stack of the thread that runs main(): the scheduler's main thread
 * stack; 0 when unknown (no scheduler: the platform's boot stack).
 */
size_t uk_sysinfo_main_stack(void);

/* prctl(PR_GET_NAME): the calling thread's name, at most 15 bytes. */
#define UK_SYSINFO_COMM_LEN 16
void uk_sysinfo_comm(char buf[UK_SYSINFO_COMM_LEN]);

/* main()'s arguments (argc 0 before main's thread started). */
void uk_sysinfo_args(int *argc, char ***argv);

/* Threads of the process (1 without a scheduler). */
unsigned int uk_sysinfo_threads(void);

/* The process's ids (real, effective). */
unsigned int uk_sysinfo_uid(int effective);
unsigned int uk_sysinfo_gid(int effective);

#endif /* __UK_SYSINFO_H__ */
