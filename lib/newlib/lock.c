/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's retargetable locks (stdio streams, malloc, atexit, environment,
 * time zone): uklock mutexes when a scheduler is in the image, nothing
 * without one (there is a single thread then). Every lock is recursive:
 * a non-recursive user never relocks, so it cannot tell.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include <uk/config.h>
#if CONFIG_LIBUKLOCK
#include <uk/mutex.h>

struct __lock {
	struct uk_mutex m;
};

#define NEWLIB_LOCK(name) \
	struct __lock __lock_##name = { \
		UK_MUTEX_INITIALIZER(__lock_##name.m, 1) }
#else
struct __lock {
	char unused;
};

#define NEWLIB_LOCK(name) struct __lock __lock_##name
#endif

/* The static locks newlib's sources name (__LOCK_INIT). */
NEWLIB_LOCK(__sinit_recursive_mutex);
NEWLIB_LOCK(__sfp_recursive_mutex);
NEWLIB_LOCK(__atexit_recursive_mutex);
NEWLIB_LOCK(__at_quick_exit_mutex);
NEWLIB_LOCK(__malloc_recursive_mutex);
NEWLIB_LOCK(__env_recursive_mutex);
NEWLIB_LOCK(__tz_mutex);
NEWLIB_LOCK(__dd_hash_mutex);
NEWLIB_LOCK(__arc4random_mutex);

#if CONFIG_LIBUKLOCK
/* A lock made at run time (each FILE has one); NULL when out of memory,
 * and a NULL lock is never taken. */
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = malloc(sizeof(**lock));
	if (*lock)
		uk_mutex_init_config(&(*lock)->m, 1);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (lock)
		uk_mutex_lock(&lock->m);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	if (!lock)
		return 1;
	return uk_mutex_trylock(&lock->m) ? 1 : 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (lock)
		uk_mutex_unlock(&lock->m);
}
#else
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = NULL;
}

void __retarget_lock_close(_LOCK_T lock)
{
	(void)lock;
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	(void)lock;
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	(void)lock;
	return 1;
}

void __retarget_lock_release(_LOCK_T lock)
{
	(void)lock;
}
#endif

void __retarget_lock_init_recursive(_LOCK_T *lock)
	__attribute__((alias("__retarget_lock_init")));
void __retarget_lock_close_recursive(_LOCK_T lock)
	__attribute__((alias("__retarget_lock_close")));
void __retarget_lock_acquire_recursive(_LOCK_T lock)
	__attribute__((alias("__retarget_lock_acquire")));
int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
	__attribute__((alias("__retarget_lock_try_acquire")));
void __retarget_lock_release_recursive(_LOCK_T lock)
	__attribute__((alias("__retarget_lock_release")));
