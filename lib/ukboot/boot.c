/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: the portable boot sequence, from the platform's call of
 * ukplat_entry() to main() and the exit with main's return value.
 */
#include <errno.h>
#include <stdlib.h>
#include <uk/argparse.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/memory.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKLIBPARAM
#include <uk/libparam.h>
#endif
#if CONFIG_LIBUKALLOC
#include <uk/alloc.h>
#endif
#if CONFIG_LIBUKBOOT_ALLOC_REGION
#include <uk/allocregion.h>
#define heap_init uk_allocregion_init
#elif CONFIG_LIBUKBOOT_ALLOC_TLSF
#include <uk/alloctlsf.h>
#define heap_init uk_alloctlsf_init
#elif CONFIG_LIBUKBOOT_ALLOC_BBUDDY
#include <uk/allocbbuddy.h>
#define heap_init uk_allocbbuddy_init
#endif
#if CONFIG_LIBUKSCHED
#include <uk/arch/ctx.h>
#include <uk/assert.h>
#include <uk/essentials.h>
#include <uk/plat/paging.h>
#include <uk/sched.h>
#endif

/* Exit status for a command line that cannot be parsed (sysexits EX_USAGE). */
#define UK_BOOT_EXIT_USAGE 64

extern const struct uk_inittab_entry __uk_inittab_start[], __uk_inittab_end[];
extern const struct uk_maintab_entry __uk_maintab_start[], __uk_maintab_end[];
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);
extern void (*__fini_array_start[])(void), (*__fini_array_end[])(void);

int main(int argc, char *argv[]);

static void parse_kernel_args(int argc, char *argv[])
{
	if (argc == 0)
		return;
#if CONFIG_LIBUKLIBPARAM
	if (uk_libparam_parse(argc, argv) == 0)
		return;
#else
	uk_pr_crit("'%s': library parameters need LIBUKLIBPARAM, which this image lacks\n",
		   argv[0]);
#endif
	uk_pr_crit("invalid kernel command line (before --); stopping\n");
	ukplat_terminate(UKPLAT_HALT, UK_BOOT_EXIT_USAGE);
}

#ifdef heap_init
/* The default allocator spans every free region the platform reported. */
static void setup_allocator(void)
{
	struct ukplat_memregion mr;
	struct uk_alloc *a = NULL;
	int count = ukplat_memregion_count();

	for (int i = 0; i < count; i++) {
		if (ukplat_memregion_get(i, &mr) < 0 ||
		    !(mr.flags & UKPLAT_MEMRF_FREE) || mr.len == 0)
			continue;
		if (!a)
			a = heap_init((void *)mr.base, mr.len);
		else if (uk_alloc_addmem(a, (void *)mr.base, mr.len) < 0)
			uk_pr_warn("region %#lx+%#zx not used for the heap\n",
				   (unsigned long)mr.base, mr.len);
	}
	if (!a)
		uk_pr_warn("no free memory: malloc() will fail\n");
}
#else
static void setup_allocator(void)
{
}
#endif

static void run_inittab(void)
{
	for (const struct uk_inittab_entry *e = __uk_inittab_start;
	     e < __uk_inittab_end; e++) {
		int rc = e->fn();

		if (rc < 0) {
			uk_pr_crit("init function %s failed: error %d; stopping\n",
				   e->name, -rc);
			ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
		}
	}
}

static void run_maintab(int argc, char *argv[])
{
	for (const struct uk_maintab_entry *e = __uk_maintab_start;
	     e < __uk_maintab_end; e++) {
		int rc = e->fn(argc, argv);

		if (rc < 0) {
			uk_pr_crit("main-thread init %s failed: error %d; stopping\n",
				   e->name, -rc);
			ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
		}
	}
}

#if CONFIG_LIBUKBOOT_BOOTSTATS
static long heap_at_start;

static void bootstats_main(void)
{
	uint64_t start = ukplat_boot_start_ns();

	if (start)
		uk_pr_crit("bootstats: platform entry to main: %llu ns\n",
			   (unsigned long long)(ukplat_monotonic_clock() - start));
#if CONFIG_LIBUKALLOC
	heap_at_start = uk_alloc_availmem(uk_alloc_get_default());
#endif
}

/* Registered first, so it runs after every other atexit handler. */
static void bootstats_exit(void)
{
	struct ukplat_memregion mr;
	size_t image = 0;
	long used = 0;

	for (int i = 0; i < ukplat_memregion_count(); i++)
		if (ukplat_memregion_get(i, &mr) == 0 &&
		    (mr.flags & UKPLAT_MEMRF_KERNEL))
			image += mr.len;
#if CONFIG_LIBUKALLOC
	long now = uk_alloc_availmem(uk_alloc_get_default());

	if (heap_at_start >= 0 && now >= 0)
		used = heap_at_start - now;
#endif
	uk_pr_crit("bootstats: memory: image %zu KiB, heap used %ld KiB\n",
		   image >> 10, used >> 10);
}
#endif

#if !CONFIG_LIBUKBOOT_LIBC_RUNS_FINI
static void run_fini_array(void)
{
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start;)
		(*--f)();
}
#endif

/* Constructors, main() and exit with its status; in the "main" thread
 * when a scheduler runs. */
static __noreturn void run_main(int argc, char *argv[])
{
	/* The C library's start-up (musl's) comes first, before any other
	 * code of the program, constructors included. */
	run_maintab(argc, argv);
#if CONFIG_LIBUKBOOT_BOOTSTATS
	atexit(bootstats_exit);
#endif
#if !CONFIG_LIBUKBOOT_LIBC_RUNS_FINI
	if (&__fini_array_end[0] != &__fini_array_start[0])
		atexit(run_fini_array);
#endif
	for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
		(*f)();
#if CONFIG_LIBUKBOOT_BOOTSTATS
	bootstats_main();
#endif
	/* Returning from main is calling exit(): atexit handlers run and
	 * buffered output is flushed before the platform ends the image. */
	exit(main(argc, argv));
}

#if CONFIG_LIBUKSCHED
static int main_argc;
static char **main_argv;

static void main_thread(void *arg __unused)
{
	run_main(main_argc, main_argv);
}

/*
 * No scheduler runs (uksched came in without ukschedcoop/ukschedpreempt):
 * main() still gets the stack LIBUKSCHED_MAIN_STACK_SIZE asks for, from
 * the default allocator, with an inaccessible guard page below it where
 * the platform can change page rights, instead of the platform's boot
 * stack (32 KiB on kvm). Never returns.
 */
static __noreturn void main_on_own_stack(void)
{
	static struct ukarch_ctx boot_ctx, main_ctx;
	size_t size = UK_ALIGN_UP((size_t)CONFIG_LIBUKSCHED_MAIN_STACK_SIZE,
				  UK_PAGE_SIZE);
	char *base = uk_memalign(uk_alloc_get_default(), UK_PAGE_SIZE,
				 size + UK_PAGE_SIZE);

	if (!base) {
		uk_pr_crit("cannot allocate the %zu-byte stack of main() (LIBUKSCHED_MAIN_STACK_SIZE); stopping\n",
			   size);
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	ukplat_page_set_prot(base, UK_PAGE_SIZE, UKPLAT_PAGE_PROT_NONE);
	ukarch_ctx_init(&main_ctx, base + UK_PAGE_SIZE, size, main_thread,
			NULL);
	ukarch_ctx_switch(&boot_ctx, &main_ctx);
	UK_CRASH("main() returned to the boot stack\n");
}

/* main() in a thread of the default scheduler, or on a stack of its own
 * when none runs; never returns. */
static __noreturn void start_main(int argc, char *argv[])
{
	struct uk_thread_attr attr = {
		.stack_size = CONFIG_LIBUKSCHED_MAIN_STACK_SIZE,
	};
	struct uk_sched *s = uk_sched_default();

	main_argc = argc;
	main_argv = argv;
	if (!s)
		main_on_own_stack();
	if (!uk_thread_create(s, "main", &attr, main_thread, NULL)) {
		uk_pr_crit("cannot create the main thread; stopping\n");
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	uk_sched_start(s);
	UK_CRASH("the scheduler returned to the boot code\n");
}
#else
/* Without uksched main() runs on the platform's boot stack. */
static __noreturn void start_main(int argc, char *argv[])
{
	run_main(argc, argv);
}
#endif

void ukplat_entry(int argc, char *argv[])
{
	int kargc, aargc;
	char **kargv, **aargv;

	uk_argparse_split(argc, argv, &kargc, &kargv, &aargc, &aargv);
	parse_kernel_args(kargc, kargv);
#if CONFIG_LIBUKBOOT_BOOTSTATS
	uint64_t t0 = ukplat_monotonic_clock();

	setup_allocator();
	/* Under -icount shift=0, 1 ns is one guest instruction. */
	uk_pr_crit("bootstats: default allocator set up in %llu ns\n",
		   (unsigned long long)(ukplat_monotonic_clock() - t0));
#else
	setup_allocator();
#endif
	run_inittab();
#if CONFIG_LIBUKBOOT_BANNER
	uk_pr_crit("Tessera: starting %s\n", UK_APP_NAME);
#endif
	start_main(aargc, aargv);
}
