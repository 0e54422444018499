/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-pthread: <sched.h>: sched_yield(). */
#ifndef __SCHED_H__
#define __SCHED_H__

int sched_yield(void);

#endif /* __SCHED_H__ */
