/* SPDX-License-Identifier: BSD-3-Clause */
/* musl glue: what ukboot calls before constructors and main(). */
#ifndef __UK_MUSL_H__
#define __UK_MUSL_H__

/*
 * Set up musl's process state (environment, program name) and the
 * calling thread's struct pthread, which lives at its thread pointer.
 * Called in the thread that runs main(), before any other musl code.
 */
void uk_musl_init(int argc, char *argv[]);

#endif /* __UK_MUSL_H__ */
