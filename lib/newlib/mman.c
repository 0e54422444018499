/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Without ukmmap, which defines them, mmap(), munmap() and mremap() exist
 * for the programs that refer to them (sqlite's unix VFS does, and maps
 * nothing unless asked) and fail with ENOSYS through the syscall shim.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <uk/bits/syscall_nr.h>
#include <uk/bits/syscall_static.h>

static long result(long ret)
{
	if (uk_syscall_is_err(ret)) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)result(uk_syscall_static_r(UK_SYSCALL_NR_mmap,
						  (long)addr, (long)len, prot,
						  flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return (int)result(uk_syscall_static_r(UK_SYSCALL_NR_munmap,
					       (long)addr, (long)len, 0, 0, 0,
					       0));
}

void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)result(uk_syscall_static_r(UK_SYSCALL_NR_mremap,
						  (long)old_addr, (long)old_len,
						  (long)new_len, flags,
						  (long)new_addr, 0));
}
