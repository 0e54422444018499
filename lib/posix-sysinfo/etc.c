/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A default /etc/hosts, so that "localhost" (and the host's own name)
 * resolve with a C library that reads the file (musl). Written at boot,
 * once the root file system is mounted and filled from the initrd, only
 * when the root is a ramfs (never into a host's shared folder) and the
 * initrd brought no /etc/hosts of its own. No /etc/resolv.conf: the
 * image knows no name server (musl then asks 127.0.0.1).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/statfs.h>
#include <uk/config.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

/* ramfs's statfs type, as Linux's tmpfs */
#define TMPFS_MAGIC 0x01021994

static const char hosts[] =
	"127.0.0.1\tlocalhost " CONFIG_LIBPOSIX_SYSINFO_NODENAME "\n"
	"::1\tlocalhost ip6-localhost ip6-loopback\n";

static int etc_hosts_init(void)
{
	struct statfs st;
	long r;
	int fd;

	r = uk_syscall_static_r(UK_SYSCALL_NR_statfs, (long)"/", (long)&st,
				0, 0, 0, 0);
	if (r || st.f_type != TMPFS_MAGIC)
		return 0;
	r = uk_vfs_mkdir("/etc", 0755);
	if (r && r != -EEXIST)
		return 0;
	fd = uk_vfs_open("/etc/hosts", O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd == -EEXIST)
		return 0;
	if (fd < 0) {
		uk_pr_warn("cannot create /etc/hosts: error %d\n", -fd);
		return 0;
	}
	r = uk_vfs_write(fd, hosts, sizeof(hosts) - 1);
	if (r != (long)sizeof(hosts) - 1)
		uk_pr_warn("cannot write /etc/hosts: error %ld\n",
			   r < 0 ? -r : EIO);
	uk_vfs_close(fd);
	return 0;
}
uk_sys_initcall(etc_hosts_init);
