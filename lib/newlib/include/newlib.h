/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's build configuration, which its configure script would write
 * (from newlib.hin): what lib/newlib compiles newlib with, seen by newlib's
 * sources and by everyone who includes its headers. See doc/libc.md.
 */
#ifndef __NEWLIB_H__
#define __NEWLIB_H__ 1

#include <_newlib_version.h>

/* printf and scanf: C99 formats, long long, long double, %n$. */
#define _WANT_IO_C99_FORMATS 1
#define _WANT_IO_LONG_LONG 1
#define _WANT_IO_LONG_DOUBLE 1
#define _WANT_IO_POS_ARGS 1

/* Multibyte characters (the "C.UTF-8" locale), up to 8 bytes each. */
#define _MB_CAPABLE 1
#define _MB_LEN_MAX 8

/* The linker script keeps .init_array and .fini_array; ukboot runs them. */
#define HAVE_INITFINI_ARRAY 1
#define _ATEXIT_DYNAMIC_ALLOC 1
#define _HAVE_LONG_DOUBLE 1
#define _HAVE_CC_INHIBIT_LOOP_TO_LIBCALL 1

/* stdio as a full newlib has it. */
#define _FVWRITE_IN_STREAMIO 1
#define _FSEEK_OPTIMIZATION 1
#define _WIDE_ORIENT 1
#define _UNBUF_STREAM_OPT 1
/* exit() flushes the open streams; it does not close them (as BSD). */
#define _STDIO_BSD_SEMANTICS 1

/*
 * One set of stdin, stdout and stderr for every thread; each thread has
 * its own struct _reent (errno, strtok's state, ...): _REENT is
 * __getreent() (lib/newlib/reent.c).
 */
#define _WANT_REENT_GLOBAL_STDIO_STREAMS 1
#define __DYNAMIC_REENT__ 1

/*
 * POSIX options the image has (uktime): clock_gettime and friends with
 * the monotonic and CPU-time clocks. newlib's header defines them only
 * for RTEMS and Cygwin.
 */
#define _POSIX_TIMERS 1
#define _POSIX_MONOTONIC_CLOCK 200112L
#define _POSIX_CLOCK_SELECTION 200112L
#define _POSIX_CPUTIME 1
#define _POSIX_THREAD_CPUTIME 1

/* read() and write() return ssize_t, as POSIX says (newlib's default is
 * int). */
#define _READ_WRITE_RETURN_TYPE _ssize_t

/* fd_set holds 1024 descriptors, as on Linux (newlib's default is 64;
 * lwip's select() wants room for all its sockets). */
#define FD_SETSIZE 1024

/* newlib's locks are lib/newlib/lock.c's (uklock mutexes). */
#define _RETARGETABLE_LOCKING 1

#endif /* __NEWLIB_H__ */
