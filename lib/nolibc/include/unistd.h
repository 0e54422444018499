/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the POSIX <unistd.h> pieces Tessera provides so far: sleeping
 * (uktime).
 */
#ifndef __NOLIBC_UNISTD_H__
#define __NOLIBC_UNISTD_H__

#include <stddef.h>
#include <sys/types.h>

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

/* The one process (syscall_shim). */
pid_t getpid(void);
pid_t getppid(void);

/* Files (vfscore). */
#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

ssize_t read(int fd, void *buf, size_t len);
ssize_t write(int fd, const void *buf, size_t len);
ssize_t pread(int fd, void *buf, size_t len, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t len, off_t off);
off_t lseek(int fd, off_t off, int whence);
int close(int fd);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int rmdir(const char *path);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int link(const char *oldpath, const char *newpath);
int linkat(int olddirfd, const char *oldpath, int newdirfd,
	   const char *newpath, int flags);
int symlink(const char *target, const char *linkpath);
int symlinkat(const char *target, int dirfd, const char *linkpath);
int chown(const char *path, uid_t owner, gid_t group);
int lchown(const char *path, uid_t owner, gid_t group);
int fchown(int fd, uid_t owner, gid_t group);
int fchownat(int dirfd, const char *path, uid_t owner, gid_t group,
	     int flags);
ssize_t readlink(const char *__restrict path, char *__restrict buf,
		 size_t len);
ssize_t readlinkat(int dirfd, const char *__restrict path,
		   char *__restrict buf, size_t len);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int fsync(int fd);
int fdatasync(int fd);
/* @fds: two descriptors (a pointer: syscall_shim defines these). */
int pipe(int *fds);
int pipe2(int *fds, int flags);
int isatty(int fd);

#endif /* __NOLIBC_UNISTD_H__ */
