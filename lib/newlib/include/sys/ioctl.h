/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib lacks it (nolibc's): <sys/ioctl.h>, the generic requests vfscore
 * knows (Linux values).
 */
#ifndef __UK_NEWLIB_SYS_IOCTL_H__
#define __UK_NEWLIB_SYS_IOCTL_H__

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define FIOCLEX		0x5451
#define FIONCLEX	0x5450

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long req, ...);

#endif /* __UK_NEWLIB_SYS_IOCTL_H__ */
