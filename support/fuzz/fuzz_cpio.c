/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/vfscore/cpio.c: the initrd extractor. Input: one byte that picks a
 * file-system call to fail (0: none; odd: -EEXIST, even: -ENOSPC), then
 * the archive. The file-system calls are stubs that check what the
 * extractor hands them: paths NUL-terminated, shorter than
 * UK_VFS_PATH_MAX and inside the destination, data inside the archive,
 * descriptors open, files closed again.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <uk/vfs.h>
#include "fuzz.h"

#define DEST "/initrd"

static const uint8_t *arch;
static size_t arch_len;
static unsigned int calls, fail_at;
static int open_fd = -1;

static int fs_call(const char *path)
{
	size_t n = strnlen(path, UK_VFS_PATH_MAX);

	FUZZ_ASSERT(n < UK_VFS_PATH_MAX, "path without NUL in %d bytes",
		    UK_VFS_PATH_MAX);
	FUZZ_ASSERT(!strncmp(path, DEST "/", strlen(DEST) + 1),
		    "path '%s' outside " DEST, path);
	calls++;
	if (calls == fail_at)
		return fail_at & 1 ? -EEXIST : -ENOSPC;
	return 0;
}

int uk_vfs_open(const char *path, int flags, mode_t mode)
{
	int r = fs_call(path);

	(void)flags;
	FUZZ_ASSERT(!(mode & ~07777u), "open mode %o", (unsigned int)mode);
	FUZZ_ASSERT(open_fd < 0, "a file is still open");
	if (r)
		return r;
	open_fd = 3;
	return open_fd;
}

ssize_t uk_vfs_write(int fd, const void *buf, size_t len)
{
	const uint8_t *b = buf;

	FUZZ_ASSERT(fd == open_fd && fd >= 0, "write to fd %d", fd);
	FUZZ_ASSERT(b >= arch && len <= arch_len &&
		    b - arch <= (ptrdiff_t)(arch_len - len),
		    "write of %zu bytes from outside the archive", len);
	calls++;
	if (calls == fail_at)
		return -ENOSPC;
	/* a short write now and then */
	return len > 1 && (calls & 3) == 0 ? (ssize_t)(len / 2) : (ssize_t)len;
}

int uk_vfs_close(int fd)
{
	FUZZ_ASSERT(fd == open_fd && fd >= 0, "close of fd %d", fd);
	open_fd = -1;
	return 0;
}

int uk_vfs_mkdir(const char *path, mode_t mode)
{
	(void)mode;
	return fs_call(path);
}

int uk_vfs_symlink(const char *target, const char *path)
{
	FUZZ_ASSERT(strnlen(target, UK_VFS_PATH_MAX) < UK_VFS_PATH_MAX,
		    "symlink target without NUL");
	return fs_call(path);
}

int uk_vfs_unlink(const char *path)
{
	return fs_call(path);
}

int uk_vfs_chmod(const char *path, mode_t mode)
{
	FUZZ_ASSERT(!(mode & ~07777u), "chmod mode %o", (unsigned int)mode);
	return fs_call(path);
}

int uk_vfs_utimes(const char *path, const struct timespec *mtime)
{
	FUZZ_ASSERT(mtime != NULL, "utimes without a time");
	return fs_call(path);
}

/* Used by the extractor once it handles hard links and replaced
 * entries (declared by uk/vfs.h then). */
int uk_vfs_rmdir(const char *path)
{
	return fs_call(path);
}

int uk_vfs_link(const char *oldpath, const char *newpath)
{
	int r = fs_call(oldpath);

	return r ? r : fs_call(newpath);
}

int uk_vfs_lstat(const char *path, struct stat *st)
{
	int r = fs_call(path);

	memset(st, 0, sizeof(*st));
	return r ? r : -ENOENT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	if (!size)
		return 0;
	fail_at = data[0];
	calls = 0;
	open_fd = -1;
	/* A copy of exactly the archive's size: a read past it is caught. */
	arch_len = size - 1;
	copy = malloc(arch_len ? arch_len : 1);
	memcpy(copy, data + 1, arch_len);
	arch = copy;
	uk_vfs_cpio_extract(copy, arch_len, DEST);
	FUZZ_ASSERT(open_fd < 0, "extraction left a file open");
	free(copy);
	return 0;
}
