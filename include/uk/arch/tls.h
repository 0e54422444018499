/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Architecture API: thread-local storage areas. An area holds a copy of the
 * image's TLS template (.tdata, zeroed .tbss) and the thread control block
 * the thread pointer addresses. Platforms set up one for the boot thread;
 * schedulers one per thread.
 */
#ifndef __UK_ARCH_TLS_H__
#define __UK_ARCH_TLS_H__

#include <stddef.h>

/* Bytes an area needs; areas must be aligned to UKARCH_TLS_AREA_ALIGN. */
size_t ukarch_tls_area_size(void);
#define UKARCH_TLS_AREA_ALIGN 64

/* Initialise @area; returns the thread pointer value for it. */
void *ukarch_tls_area_init(void *area);

/* Stack-protector canary of the thread whose thread pointer is @tp. */
void ukarch_tls_set_canary(void *tp, unsigned long canary);

/* Stack-protector canary of the running thread. */
unsigned long ukarch_tls_canary(void);

#endif /* __UK_ARCH_TLS_H__ */
