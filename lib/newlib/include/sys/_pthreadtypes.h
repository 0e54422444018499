/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replaces newlib's <sys/_pthreadtypes.h>: the threads of an image are
 * lib/posix-pthread's, whose <pthread.h> defines the pthread types. Only
 * pthread_t is needed before that (newlib's <signal.h> declares
 * pthread_kill()); it is the same type as posix-pthread's.
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

typedef struct pthread *pthread_t;

#endif /* ! _SYS__PTHREADTYPES_H_ */
