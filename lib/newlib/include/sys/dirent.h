/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replaces newlib's <sys/dirent.h> (which only says "not supported"):
 * directory streams over vfscore's getdents64, the records in Linux's
 * layout. The functions are nolibc's dirent.c, built into lib/newlib.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <stdint.h>
#include <sys/types.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* The record getdents64() returns (newlib's ino_t has 16 bits). */
struct dirent {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};
#define dirent64 dirent

/* The layout of a directory stream is private to dirent.c. */
typedef struct __nolibc_dir DIR;

ssize_t getdents64(int fd, void *buf, size_t len);
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);

#endif /* _SYS_DIRENT_H */
