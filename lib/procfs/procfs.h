/* SPDX-License-Identifier: BSD-3-Clause */
/* procfs: the generators of the files (files.c), internal. */
#ifndef __PROCFS_H__
#define __PROCFS_H__

#include <stddef.h>
#include <sys/types.h>

/* Each writes the whole file (or link target) into @buf of @size bytes
 * and returns its length, truncated to @size. */
typedef size_t (*procfs_gen)(char *buf, size_t size);

size_t procfs_pid_stat(char *buf, size_t size);
size_t procfs_pid_statm(char *buf, size_t size);
size_t procfs_pid_status(char *buf, size_t size);
size_t procfs_pid_cmdline(char *buf, size_t size);
size_t procfs_pid_comm(char *buf, size_t size);
size_t procfs_pid_exe(char *buf, size_t size);
size_t procfs_meminfo(char *buf, size_t size);
size_t procfs_cpuinfo(char *buf, size_t size);
size_t procfs_uptime(char *buf, size_t size);
size_t procfs_loadavg(char *buf, size_t size);
size_t procfs_version(char *buf, size_t size);
size_t procfs_self(char *buf, size_t size);

#endif /* __PROCFS_H__ */
