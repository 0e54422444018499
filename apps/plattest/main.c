/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plattest: one platform behaviour per run, chosen by the first argument,
 * for support/tests to check from the outside:
 *   args ...      print each argument on its own line
 *   exit N        return N from main
 *   crash KIND    crash on purpose: assert, null, unmapped, rodata, div0,
 *                 ud2, stackoverflow, abort, exec (run code in data),
 *                 stacksmash (a stack buffer overflow: the stack
 *                 protector must stop it), useafterfree (calls through
 *                 a function pointer in a freed block: LIBUKALLOC_POISON
 *                 must turn it into a fault),
 *                 doublefree, badfree (need LIBUKALLOC_CHECKFREE),
 *                 mprotect (needs LIBUKMMAP), threadstack (stack
 *                 overflow in a thread; needs LIBUKSCHED)
 *   sleep MS      sleep MS milliseconds, print the measured time
 *   ticks N       print "tick 0" .. "tick N", one a second apart
 *   time          print the wall clock, the monotonic clock twice and the
 *                 boot timestamp
 *   echo [STOP]   copy stdin to stdout until end of input, or up to and
 *                 including the first byte STOP (the kvm console has no
 *                 end of input)
 *   addr          print the run-time addresses of main(), of a global and
 *                 of a stack variable, and the stack-protector canary
 *   irq           count device interrupts for 100 ms: on x86 the CMOS RTC's
 *                 periodic interrupt (ISA IRQ 8, 1024 Hz); prints "irq: N"
 *                 or "irq: not supported"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/arch/tls.h>
#include <uk/assert.h>
#include <uk/plat/irq.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif
#if CONFIG_LIBUKMMAP
#include <sys/mman.h>
#endif

static const char rodata_byte = 1;

static volatile int zero;

static int recurse(int depth)
{
	volatile char pad[1024];

	pad[0] = (char)depth;
	if (zero == 0)		/* always: hides the recursion from gcc */
		return recurse(depth + 1) + pad[0];
	return pad[0];
}

/*
 * A classic overflow: a string longer than the 16-byte buffer it is
 * copied into. The volatile source and the empty asm that "reads" the
 * buffer hide the overflow from gcc, which would otherwise warn or drop
 * the copy.
 */
static const char *volatile smash_src =
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static __noinline void smash(void)
{
	char buf[16];
	const char *src = smash_src;

	memcpy(buf, src, strlen(src) + 1);
	__asm__ __volatile__("" : : "r"(buf) : "memory");
}

/* An object with a handler, as an attacker would like to reuse it. */
struct handler_obj {
	char name[32];		/* the allocator's free-list links go here */
	int (*handler)(int);
};

static int good_handler(int v)
{
	return v + 1;
}

static int use_after_free(void)
{
	struct handler_obj *volatile o = malloc(sizeof(*o));
	int r;

	if (!o)
		return 3;
	strcpy(o->name, "victim");
	o->handler = good_handler;
	free(o);
	/* The freed block still holds the handler unless it was poisoned. */
	r = o->handler(41);
	printf("use after free: the stale handler ran and returned %d\n", r);
	return 4;
}

static int global_var;

int main(int argc, char *argv[]);

#if CONFIG_LIBUKSCHED
static void overflow_thread(void *arg __unused)
{
	recurse(0);
}
#endif

static int crash(const char *kind)
{
	/* Program output, to tell apart from the report (on stderr, linuxu). */
	printf("plattest: crash %s\n", kind);
	fflush(stdout);
	if (!strcmp(kind, "assert")) {
		UK_ASSERT(zero == 1);
	} else if (!strcmp(kind, "null")) {
		return *(volatile int *)NULL;
	} else if (!strcmp(kind, "unmapped")) {
		return *(volatile int *)0x7ff0deadbee0UL;
	} else if (!strcmp(kind, "rodata")) {
		*(volatile char *)&rodata_byte = 2;
	} else if (!strcmp(kind, "div0")) {
		volatile int num = 100;	/* gcc turns 1/x into compares */

		return num / zero;
	} else if (!strcmp(kind, "ud2")) {
		__asm__ __volatile__("ud2");
#if CONFIG_LIBUKSCHED
	} else if (!strcmp(kind, "threadstack")) {
		struct uk_thread *t = uk_thread_create(NULL, "overflow", NULL,
						       overflow_thread, NULL);

		if (!t)
			return 3;
		/* The page below the stack; the overflow must fault there. */
		printf("guard page: %#lx\n",
		       (unsigned long)t->stack - 4096);
		fflush(stdout);
		uk_thread_join(t, NULL);
#endif
	} else if (!strcmp(kind, "stackoverflow")) {
		return recurse(0);
	} else if (!strcmp(kind, "abort")) {
		abort();
	} else if (!strcmp(kind, "stacksmash")) {
		smash();
		printf("stack smash went unnoticed\n");
		return 4;
	} else if (!strcmp(kind, "useafterfree")) {
		return use_after_free();
	} else if (!strcmp(kind, "doublefree")) {
		char *volatile p = malloc(32);

		free(p);
		free(p);
	} else if (!strcmp(kind, "badfree")) {
		char *p = malloc(64);
		char *volatile inside = p + 16;	/* hidden from gcc's check */

		free(inside);
#if CONFIG_LIBUKMMAP
	} else if (!strcmp(kind, "mprotect")) {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || mprotect(p, 4096, PROT_READ))
			return 3;
		*(volatile char *)p = 1;
#endif
	} else if (!strcmp(kind, "exec")) {
		static unsigned char code[] = { 0xc3 };	/* ret, in .data */

		((void (*)(void))(uintptr_t)code)();
	}
	printf("plattest: unknown crash kind '%s'\n", kind);
	return 2;
}

/* Halt until the monotonic clock reaches @until; returns the time then. */
static uint64_t halt_until(uint64_t until)
{
	uint64_t now;

	while ((now = ukplat_monotonic_clock()) < until) {
		unsigned long flags = ukplat_lcpu_save_irqf();

		ukplat_lcpu_halt_irq_until(until);
		ukplat_lcpu_restore_irqf(flags);
	}
	return now;
}

static int sleep_ms(long ms)
{
	uint64_t start = ukplat_monotonic_clock();
	uint64_t now = halt_until(start + (uint64_t)ms * 1000000);

	printf("slept %llu us\n", (unsigned long long)(now - start) / 1000);
	return 0;
}

/* "tick 0" .. "tick N", one a second of guest time apart: the host
 * timestamps them to compare the guest clock's rate with its own. */
static int ticks(long n)
{
	uint64_t next = ukplat_monotonic_clock();

	for (long i = 0; i <= n; i++) {
		if (i)
			halt_until(next);
		printf("tick %ld\n", i);
		fflush(stdout);
		next += 1000000000ULL;
	}
	return 0;
}

static int show_time(void)
{
	uint64_t wall = ukplat_wall_clock();
	uint64_t mono1 = ukplat_monotonic_clock();
	uint64_t mono2 = ukplat_monotonic_clock();

	printf("wall %llu.%09llu s\n",
	       (unsigned long long)(wall / UKPLAT_NSEC_PER_SEC),
	       (unsigned long long)(wall % UKPLAT_NSEC_PER_SEC));
	printf("monotonic %llu ns\n", (unsigned long long)mono1);
	printf("monotonic %llu ns\n", (unsigned long long)mono2);
	printf("boot %llu ns\n", (unsigned long long)ukplat_boot_start_ns());
	return 0;
}

#if defined(__x86_64__)
/* The PC's CMOS RTC, used here only as a device that interrupts. */
static unsigned char cmos_read(unsigned char reg)
{
	unsigned char v;

	__asm__ __volatile__("outb %0, $0x70" :: "a"(reg));
	__asm__ __volatile__("inb $0x71, %0" : "=a"(v));
	return v;
}

static void cmos_write(unsigned char reg, unsigned char v)
{
	__asm__ __volatile__("outb %0, $0x70" :: "a"(reg));
	__asm__ __volatile__("outb %0, $0x71" :: "a"(v));
}

static volatile unsigned int rtc_irqs;

static int rtc_irq(void *arg __unused)
{
	cmos_read(0x0c);	/* reading register C acknowledges */
	rtc_irqs++;
	return 1;
}

static int irq_count(void)
{
	uint64_t until = ukplat_monotonic_clock() + 100000000;
	unsigned long flags;
	unsigned char b;
	int rc = ukplat_irq_register(8, rtc_irq, NULL);

	if (rc < 0) {
		printf("irq: not supported (%d)\n", rc);
		return 0;
	}
	flags = ukplat_lcpu_save_irqf();
	cmos_write(0x0a, (cmos_read(0x0a) & 0xf0) | 6);	/* 1024 Hz */
	b = cmos_read(0x0b);
	cmos_write(0x0b, b | 0x40);			/* periodic on */
	cmos_read(0x0c);
	while (ukplat_monotonic_clock() < until)
		ukplat_lcpu_halt_irq_until(until);
	cmos_write(0x0b, b);
	cmos_read(0x0c);
	ukplat_lcpu_restore_irqf(flags);
	ukplat_irq_unregister(8, rtc_irq, NULL);
	printf("irq: %u\n", rtc_irqs);
	return 0;
}
#else
static int irq_count(void)
{
	printf("irq: not supported\n");
	return 0;
}
#endif

static int show_addr(void)
{
	int local = 0;

	printf("addr: main %p global %p stack %p canary %#lx\n",
	       (void *)(uintptr_t)main, (void *)&global_var, (void *)&local,
	       ukarch_tls_canary());
	return local;
}

static int echo(int stop)
{
	int c;

	while ((c = getchar()) != EOF) {
		putchar(c);
		if (c == stop)
			break;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		printf("usage: plattest args|argvwrite|exit N|crash KIND|sleep MS|time|echo [STOP]|addr|irq\n");
		return 2;
	}
	if (!strcmp(argv[1], "args")) {
		for (int i = 2; i < argc; i++)
			printf("arg: [%s]\n", argv[i]);
		return 0;
	}
	if (!strcmp(argv[1], "argvwrite")) {
		/* As setproctitle does: every string overwritten in place. */
		for (int i = 0; i < argc; i++) {
			memset(argv[i], 'x', strlen(argv[i]));
			printf("argv[%d]: %s\n", i, argv[i]);
		}
		return 0;
	}
	if (!strcmp(argv[1], "exit") && argc == 3)
		return atoi(argv[2]);
	if (!strcmp(argv[1], "crash") && argc == 3)
		return crash(argv[2]);
	if (!strcmp(argv[1], "sleep") && argc == 3)
		return sleep_ms(atol(argv[2]));
	if (!strcmp(argv[1], "ticks") && argc == 3)
		return ticks(atol(argv[2]));
	if (!strcmp(argv[1], "time"))
		return show_time();
	if (!strcmp(argv[1], "echo"))
		return echo(argc > 2 ? (unsigned char)argv[2][0] : EOF);
	if (!strcmp(argv[1], "addr"))
		return show_addr();
	if (!strcmp(argv[1], "irq"))
		return irq_count();
	printf("plattest: bad arguments\n");
	return 2;
}
