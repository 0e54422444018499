/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * procfs: the contents of the files, in the formats of proc(5), from
 * posix-sysinfo's figures. The one process is pid 1; its memory is the
 * image plus the heap in use (there is no paging: all of it is resident).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/plat/memory.h>
#include <uk/plat/time.h>
#include <uk/sysinfo.h>
#include <uk/vfs.h>
#include "procfs.h"

#define TICKS_PER_SEC	100	/* USER_HZ, sysconf(_SC_CLK_TCK) */
#define KIB(x)		((unsigned long)((x) >> 10))
#define PAGES(x)	\
	((unsigned long)(((x) + UK_PAGE_SIZE - 1) / UK_PAGE_SIZE))

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __printf_like(2, 3);

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->len += (size_t)n;
	if (o->len > o->size)
		o->len = o->size;
}

static unsigned long ticks(uint64_t ns)
{
	return (unsigned long)(ns / (UKPLAT_NSEC_PER_SEC / TICKS_PER_SEC));
}

/* Where the image lies, for startcode/endcode. */
static void image_span(uintptr_t *start, uintptr_t *end)
{
	struct ukplat_memregion mr;

	*start = *end = 0;
	for (int i = 0; i < ukplat_memregion_count(); i++) {
		if (ukplat_memregion_get(i, &mr) == 0 &&
		    (mr.flags & UKPLAT_MEMRF_KERNEL)) {
			*start = mr.base;
			*end = mr.base + mr.len;
			return;
		}
	}
}

size_t procfs_self(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	put(&o, "1");
	return o.len;
}

/* The 52 fields of proc(5)'s /proc/pid/stat. */
size_t procfs_pid_stat(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	struct uk_sysinfo_mem m;
	char comm[UK_SYSINFO_COMM_LEN];
	uintptr_t code, ecode;

	uk_sysinfo_mem_get(&m);
	uk_sysinfo_comm(comm);
	image_span(&code, &ecode);
	/* pid (comm) state ppid pgrp session tty_nr tpgid flags */
	put(&o, "1 (%s) R 0 1 1 0 -1 0 ", comm);
	/* minflt cminflt majflt cmajflt utime stime cutime cstime */
	put(&o, "0 0 0 0 %lu 0 0 0 ", ticks(uk_sysinfo_cpu_ns()));
	/* priority nice num_threads itrealvalue starttime vsize rss */
	put(&o, "20 0 %u 0 0 %lu %lu ", uk_sysinfo_threads(),
	    (unsigned long)m.total, PAGES(m.image + m.used));
	/* rsslim startcode endcode startstack kstkesp kstkeip */
	put(&o, "%lu %lu %lu 0 0 0 ", ~0UL, (unsigned long)code,
	    (unsigned long)ecode);
	/* signal blocked sigignore sigcatch wchan nswap cnswap */
	put(&o, "0 0 0 0 0 0 0 ");
	/* exit_signal processor rt_priority policy delayacct_blkio_ticks
	 * guest_time cguest_time */
	put(&o, "17 0 0 0 0 0 0 ");
	/* start_data end_data start_brk arg_start arg_end env_start
	 * env_end exit_code */
	put(&o, "0 0 0 0 0 0 0 0\n");
	return o.len;
}

/* size resident shared text lib data dt, in pages. */
size_t procfs_pid_statm(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	struct uk_sysinfo_mem m;

	uk_sysinfo_mem_get(&m);
	put(&o, "%lu %lu 0 %lu 0 %lu 0\n", PAGES(m.total),
	    PAGES(m.image + m.used), PAGES(m.image), PAGES(m.used));
	return o.len;
}

size_t procfs_pid_status(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	struct uk_sysinfo_mem m;
	char comm[UK_SYSINFO_COMM_LEN];
	unsigned int uid = uk_sysinfo_uid(0), euid = uk_sysinfo_uid(1);
	unsigned int gid = uk_sysinfo_gid(0), egid = uk_sysinfo_gid(1);
	/* root holds every capability Linux 6.1 has (0..40) */
	const char *caps = euid == 0 ? "000001ffffffffff" : "0000000000000000";

	uk_sysinfo_mem_get(&m);
	uk_sysinfo_comm(comm);
	put(&o, "Name:\t%s\n", comm);
	put(&o, "State:\tR (running)\n");
	put(&o, "Tgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n");
	put(&o, "Uid:\t%u\t%u\t%u\t%u\n", uid, euid, euid, euid);
	put(&o, "Gid:\t%u\t%u\t%u\t%u\n", gid, egid, egid, egid);
	put(&o, "FDSize:\t%u\n", (unsigned int)UK_FD_MAX);
	put(&o, "Groups:\t\n");
	put(&o, "VmPeak:\t%8lu kB\n", KIB(m.total));
	put(&o, "VmSize:\t%8lu kB\n", KIB(m.total));
	put(&o, "VmLck:\t%8lu kB\n", 0UL);
	put(&o, "VmPin:\t%8lu kB\n", 0UL);
	put(&o, "VmHWM:\t%8lu kB\n", KIB(m.image + m.peak));
	put(&o, "VmRSS:\t%8lu kB\n", KIB(m.image + m.used));
	put(&o, "RssAnon:\t%8lu kB\n", KIB(m.used));
	put(&o, "RssFile:\t%8lu kB\n", KIB(m.image));
	put(&o, "RssShmem:\t%8lu kB\n", 0UL);
	put(&o, "VmData:\t%8lu kB\n", KIB(m.used));
	put(&o, "VmStk:\t%8lu kB\n", KIB(uk_sysinfo_main_stack()));
	put(&o, "VmExe:\t%8lu kB\n", KIB(m.image));
	put(&o, "VmLib:\t%8lu kB\n", 0UL);
	put(&o, "VmPTE:\t%8lu kB\n", 0UL);
	put(&o, "VmSwap:\t%8lu kB\n", 0UL);
	put(&o, "Threads:\t%u\n", uk_sysinfo_threads());
	put(&o, "SigQ:\t0/0\n");
	put(&o, "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n");
	put(&o, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
	put(&o, "SigCgt:\t0000000000000000\n");
	put(&o, "CapInh:\t0000000000000000\n");
	put(&o, "CapPrm:\t%s\nCapEff:\t%s\n", caps, caps);
	put(&o, "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
	put(&o, "NoNewPrivs:\t0\nSeccomp:\t0\n");
	put(&o, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	put(&o, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	put(&o, "voluntary_ctxt_switches:\t0\n");
	put(&o, "nonvoluntary_ctxt_switches:\t0\n");
	return o.len;
}

/* The arguments, each ended by a NUL. */
size_t procfs_pid_cmdline(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	char **argv;
	int argc;

	uk_sysinfo_args(&argc, &argv);
	for (int i = 0; i < argc && argv[i] && o.len < size; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (n > size - o.len)
			n = size - o.len;
		memcpy(buf + o.len, argv[i], n);
		o.len += n;
	}
	return o.len;
}

size_t procfs_pid_comm(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	char comm[UK_SYSINFO_COMM_LEN];

	uk_sysinfo_comm(comm);
	put(&o, "%s\n", comm);
	return o.len;
}

/*
 * There is no executable file: the link names the program as argv[0]
 * gave it, made absolute ("/" + its last component otherwise).
 */
size_t procfs_pid_exe(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	const char *name = "", *slash;
	char **argv;
	int argc;

	uk_sysinfo_args(&argc, &argv);
	if (argc > 0 && argv[0])
		name = argv[0];
	if (name[0] == '/') {
		put(&o, "%s", name);
	} else {
		slash = strrchr(name, '/');
		put(&o, "/%s", slash ? slash + 1 : name);
	}
	return o.len;
}

static void kb_line(struct out *o, const char *label, uint64_t bytes)
{
	put(o, "%-16s%8lu kB\n", label, KIB(bytes));
}

size_t procfs_meminfo(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	struct uk_sysinfo_mem m;

	uk_sysinfo_mem_get(&m);
	kb_line(&o, "MemTotal:", m.total);
	kb_line(&o, "MemFree:", m.free);
	kb_line(&o, "MemAvailable:", m.free);
	kb_line(&o, "Buffers:", 0);
	kb_line(&o, "Cached:", 0);
	kb_line(&o, "SwapCached:", 0);
	kb_line(&o, "Active:", m.image + m.used);
	kb_line(&o, "Inactive:", 0);
	kb_line(&o, "SwapTotal:", 0);
	kb_line(&o, "SwapFree:", 0);
	kb_line(&o, "Dirty:", 0);
	kb_line(&o, "Writeback:", 0);
	kb_line(&o, "AnonPages:", m.used);
	kb_line(&o, "Mapped:", m.image);
	kb_line(&o, "Shmem:", 0);
	kb_line(&o, "CommitLimit:", m.total);
	kb_line(&o, "Committed_AS:", m.image + m.used);
	return o.len;
}

/* One CPU; the model is not probed (no CPUID interface for libraries). */
size_t procfs_cpuinfo(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	put(&o, "processor\t: 0\n");
	put(&o, "physical id\t: 0\n");
	put(&o, "siblings\t: 1\n");
	put(&o, "core id\t\t: 0\n");
	put(&o, "cpu cores\t: 1\n");
	put(&o, "apicid\t\t: 0\n\n");
	return o.len;
}

/* Seconds up, and seconds idle (up less the process's CPU time). */
size_t procfs_uptime(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	uint64_t up = uk_sysinfo_uptime_ns(), cpu = uk_sysinfo_cpu_ns();
	uint64_t idle = up > cpu ? up - cpu : 0;
	uint64_t cs = UKPLAT_NSEC_PER_SEC / 100;

	put(&o, "%lu.%02lu %lu.%02lu\n",
	    (unsigned long)(up / UKPLAT_NSEC_PER_SEC),
	    (unsigned long)(up / cs % 100),
	    (unsigned long)(idle / UKPLAT_NSEC_PER_SEC),
	    (unsigned long)(idle / cs % 100));
	return o.len;
}

/* No load is sampled: 0 for the averages, all threads runnable. */
size_t procfs_loadavg(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	unsigned int n = uk_sysinfo_threads();

	put(&o, "0.00 0.00 0.00 1/%u 1\n", n);
	return o.len;
}

size_t procfs_version(char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	put(&o, "%s version %s (tessera) %s\n", CONFIG_LIBPOSIX_SYSINFO_SYSNAME,
	    CONFIG_LIBPOSIX_SYSINFO_RELEASE, CONFIG_LIBPOSIX_SYSINFO_VERSION);
	return o.len;
}
