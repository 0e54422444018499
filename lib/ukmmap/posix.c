/* SPDX-License-Identifier: BSD-3-Clause */
/* ukmmap: the system calls of <sys/mman.h>. */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <uk/mmap.h>
#include <uk/syscall.h>

UK_SYSCALL_R_DEFINE(void *, mmap, void *, addr, size_t, len, int, prot,
		    int, flags, int, fd, off_t, off)
{
	void *p;
	int rc = uk_mmap(&p, addr, len, prot, flags, fd, (long)off);

	if (rc < 0)
		return rc;
	return (long)p;
}

UK_SYSCALL_R_DEFINE(int, munmap, void *, addr, size_t, len)
{
	return uk_munmap(addr, len);
}

UK_SYSCALL_R_DEFINE(int, mprotect, void *, addr, size_t, len, int, prot)
{
	return uk_mprotect(addr, len, prot);
}

/* Linux's fifth argument, the new address, is ignored (no MREMAP_FIXED). */
UK_LLSYSCALL_R_DEFINE(void *, mremap, void *, old_addr, size_t, old_len,
		      size_t, new_len, int, flags, void *, new_addr)
{
	void *p;
	int rc;

	(void)new_addr;
	rc = uk_mremap(&p, old_addr, old_len, new_len, flags);
	if (rc < 0)
		return rc;
	return (long)p;
}

UK_SYSCALL_R_DEFINE(int, madvise, void *, addr, size_t, len, int, advice)
{
	return uk_madvise(addr, len, advice);
}

#if CONFIG_LIBNOLIBC || CONFIG_LIBNEWLIB
void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...)
{
	return uk_syscall_e_mremap(old_addr, old_len, new_len, flags, NULL);
}

/* POSIX: returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t len, int advice)
{
	return -uk_madvise(addr, len, advice);
}
#endif
