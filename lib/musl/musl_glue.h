/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/musl: what its sources share. */
#ifndef __MUSL_GLUE_H__
#define __MUSL_GLUE_H__

/* A thread id never given before (1 is the thread running main()). */
int uk_musl_new_tid(void);

#endif /* __MUSL_GLUE_H__ */
