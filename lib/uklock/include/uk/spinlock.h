/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: spinlocks, for short sections that must not sleep (interrupt
 * handlers, the scheduler). On one CPU, take them with the _irqsave
 * variants so that the holder cannot be preempted by a spinner.
 */
#ifndef __UK_SPINLOCK_H__
#define __UK_SPINLOCK_H__

#include <uk/arch/lcpu.h>
#include <uk/plat/lcpu.h>

struct uk_spinlock {
	int locked;
};

#define UK_SPINLOCK_INITIALIZER { 0 }

static inline void uk_spin_init(struct uk_spinlock *l)
{
	l->locked = 0;
}

static inline void uk_spin_lock(struct uk_spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			ukarch_spinwait();
}

/* Returns non-zero when the lock was taken. */
static inline int uk_spin_trylock(struct uk_spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void uk_spin_unlock(struct uk_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline int uk_spin_is_locked(struct uk_spinlock *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
}

#define uk_spin_lock_irqsave(l, flags)					\
	do {								\
		(flags) = ukplat_lcpu_save_irqf();			\
		uk_spin_lock(l);					\
	} while (0)

#define uk_spin_unlock_irqrestore(l, flags)				\
	do {								\
		uk_spin_unlock(l);					\
		ukplat_lcpu_restore_irqf(flags);			\
	} while (0)

#endif /* __UK_SPINLOCK_H__ */
