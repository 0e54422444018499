/* SPDX-License-Identifier: BSD-3-Clause */
/* ukmmap: the POSIX calls of <sys/mman.h>: -1 (or MAP_FAILED) and errno. */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <uk/mmap.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p;
	int rc = uk_mmap(&p, addr, len, prot, flags, fd, (long)off);

	if (rc < 0) {
		errno = -rc;
		return MAP_FAILED;
	}
	return p;
}

static int ret(int rc)
{
	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	return 0;
}

int munmap(void *addr, size_t len)
{
	return ret(uk_munmap(addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return ret(uk_mprotect(addr, len, prot));
}

void *mremap(void *old_addr, size_t old_len, size_t new_len, int flags, ...)
{
	void *p;
	int rc = uk_mremap(&p, old_addr, old_len, new_len, flags);

	if (rc < 0) {
		errno = -rc;
		return MAP_FAILED;
	}
	return p;
}

int madvise(void *addr, size_t len, int advice)
{
	return ret(uk_madvise(addr, len, advice));
}

/* POSIX: returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t len, int advice)
{
	return -uk_madvise(addr, len, advice);
}
