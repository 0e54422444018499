/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu: raw Linux x86_64 system calls (no host libc in the image). */
#ifndef __LINUXU_SYSCALL_H__
#define __LINUXU_SYSCALL_H__

#define __NR_read		0
#define __NR_write		1
#define __NR_open		2
#define __NR_close		3
#define __NR_lseek		8
#define __NR_poll		7
#define __NR_mmap		9
#define __NR_munmap		11
#define __NR_rt_sigaction	13
#define __NR_rt_sigprocmask	14
#define __NR_rt_sigreturn	15
#define __NR_pause		34
#define __NR_getpid		39
#define __NR_execve		59
#define __NR_fcntl		72
#define __NR_readlink		89
#define __NR_sigaltstack	131
#define __NR_arch_prctl		158
#define __NR_timer_create	222
#define __NR_timer_settime	223
#define __NR_clock_gettime	228
#define __NR_clock_getres	229
#define __NR_clock_nanosleep	230
#define __NR_exit_group		231
#define __NR_ppoll		271
#define __NR_getrandom		318

#ifndef __ASSEMBLY__
static inline long linuxu_syscall6(long n, long a1, long a2, long a3, long a4,
				   long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			       "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define linuxu_syscall(n, a1, a2, a3) \
	linuxu_syscall6(n, (long)(a1), (long)(a2), (long)(a3), 0, 0, 0)

struct linuxu_timespec {
	long tv_sec;
	long tv_nsec;
};

#define LINUXU_CLOCK_REALTIME	0
#define LINUXU_CLOCK_MONOTONIC	1
#define LINUXU_TIMER_ABSTIME	1
#define LINUXU_ARCH_SET_FS	0x1002

/* Start-up state kept for the platform's other parts. */
extern char **linuxu_argv;
extern char **linuxu_envp;
void linuxu_traps_init(void);
void linuxu_time_boot_mark(const void *vdso);
void linuxu_tls_init_hwcap(unsigned long hwcap2);
#endif /* !__ASSEMBLY__ */

#endif /* __LINUXU_SYSCALL_H__ */
