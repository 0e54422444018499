/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: init tables. A library registers an init function at a level;
 * ukboot calls them at boot, level by level, in link order within a level.
 * An init function returns 0, or a negative errno that stops the boot.
 *
 *	static int my_init(void) { ... return 0; }
 *	uk_lib_initcall(my_init);
 */
#ifndef __UK_INIT_H__
#define __UK_INIT_H__

#include <uk/essentials.h>

#define UK_INIT_EARLY	1	/* early console, before memory is ready */
#define UK_INIT_PLAT	2	/* platform devices and buses */
#define UK_INIT_LIB	3	/* libraries */
#define UK_INIT_ROOTFS	4	/* the root file system */
#define UK_INIT_SYS	5	/* system services (network stack, ...) */
#define UK_INIT_LATE	6	/* just before constructors and main() */

struct uk_inittab_entry {
	int (*fn)(void);
	const char *name;
};

/* The section name sorts by level: .uk_inittab.<level> */
#define uk_initcall_level(fn, level)					\
	static const struct uk_inittab_entry				\
	UK_CONCAT(uk_inittab_, fn)					\
	__used __section(".uk_inittab." UK_STRINGIFY(level))		\
	__aligned(8) = { fn, #fn }

#define uk_early_initcall(fn)	uk_initcall_level(fn, 1)
#define uk_plat_initcall(fn)	uk_initcall_level(fn, 2)
#define uk_lib_initcall(fn)	uk_initcall_level(fn, 3)
#define uk_rootfs_initcall(fn)	uk_initcall_level(fn, 4)
#define uk_sys_initcall(fn)	uk_initcall_level(fn, 5)
#define uk_late_initcall(fn)	uk_initcall_level(fn, 6)

/*
 * Main-thread init: after every init level, in the thread that will run
 * main() (the scheduler's "main" thread, or the boot stack without a
 * scheduler), before constructors, with main's arguments. For what needs
 * that thread or argv: a C library's process start-up, the program name.
 * Levels order them; a negative errno stops the boot.
 *
 *	static int my_main_init(int argc, char *argv[]) { ... return 0; }
 *	uk_main_initcall(my_main_init, UK_MAIN_INIT_LIB);
 */
#define UK_MAIN_INIT_LIBC	1	/* the C library's own state, first */
#define UK_MAIN_INIT_LIB	2	/* libraries, which may use the libc */

struct uk_maintab_entry {
	int (*fn)(int argc, char *argv[]);
	const char *name;
};

#define uk_main_initcall(fn, level)					\
	static const struct uk_maintab_entry				\
	UK_CONCAT(uk_maintab_, fn)					\
	__used __section(".uk_maintab." UK_STRINGIFY(level))		\
	__aligned(8) = { fn, #fn }

#endif /* __UK_INIT_H__ */
