/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: statistics and debug aids for every backend. When one of them
 * is configured, uk_alloc_register() moves the backend's operations to
 * a->be and installs the wrappers below, which count (LIBUKALLOC_STATS),
 * poison freed blocks (LIBUKALLOC_POISON) and check that every free names
 * a live block (LIBUKALLOC_CHECKFREE), crashing with the caller otherwise.
 *
 * The wrappers are not locked: like the backends, they rely on the caller
 * to serialise access to one allocator.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/plat/console.h>
#include <uk/plat/crash.h>
#include "alloc_internal.h"
#if CONFIG_LIBUKALLOC_LEAKS
#include <stdlib.h>
#include <uk/init.h>
#endif

#define POISON_BYTE	0xdb

int uk_alloc_stats_get(struct uk_alloc *a, struct uk_alloc_stats *stats)
{
#if CONFIG_LIBUKALLOC_STATS
	if (!a)
		return -EINVAL;
	*stats = a->stats;
	return 0;
#else
	(void)a;
	memset(stats, 0, sizeof(*stats));
	return -ENOTSUP;
#endif
}

void uk_alloc_leak_summary(void)
{
#if CONFIG_LIBUKALLOC_STATS
	for (struct uk_alloc *a = uk_alloc_next(NULL); a;
	     a = uk_alloc_next(a))
		uk_pr_crit("leak summary: %s: %zu blocks, %zu bytes live at exit\n",
			   a->name ? a->name : "?", a->stats.cur_count,
			   a->stats.cur_bytes);
#endif
}

#if CONFIG_LIBUKALLOC_LEAKS
static int leaks_init(void)
{
	return atexit(uk_alloc_leak_summary) ? -ENOMEM : 0;
}
uk_lib_initcall(leaks_init);
#endif

#if UK_ALLOC_WRAPPED

/* ---- statistics -------------------------------------------------------- */

static void count_alloc(struct uk_alloc *a __unused, size_t bytes __unused)
{
#if CONFIG_LIBUKALLOC_STATS
	a->stats.nallocs++;
	a->stats.cur_count++;
	a->stats.cur_bytes += bytes;
	if (a->stats.cur_bytes > a->stats.peak_bytes)
		a->stats.peak_bytes = a->stats.cur_bytes;
#endif
}

static void count_free(struct uk_alloc *a __unused, size_t bytes __unused)
{
#if CONFIG_LIBUKALLOC_STATS
	a->stats.nfrees++;
	a->stats.cur_count--;
	a->stats.cur_bytes -= bytes;
#endif
}

static void count_failure(struct uk_alloc *a __unused)
{
#if CONFIG_LIBUKALLOC_STATS
	a->stats.nfailures++;
#endif
}

static void count_resize(struct uk_alloc *a __unused, size_t old __unused,
			 size_t new __unused)
{
#if CONFIG_LIBUKALLOC_STATS
	a->stats.cur_bytes = a->stats.cur_bytes - old + new;
	if (a->stats.cur_bytes > a->stats.peak_bytes)
		a->stats.peak_bytes = a->stats.cur_bytes;
#endif
}

/* ---- free checking: a hash set of live blocks -------------------------- */

#if CONFIG_LIBUKALLOC_CHECKFREE
/* Open addressing with linear probing; key 0 marks an empty slot. */
struct live_entry {
	uintptr_t ptr;
	unsigned long pages;	/* 0: malloc family, else palloc'd pages */
};

struct live_set {
	unsigned long cap;	/* slots, a power of two */
	unsigned long used;
	unsigned long table_pages;
	struct live_entry e[];
};

#define LIVE_FIRST_CAP	256
/* Tracking stopped: the set could not grow. Frees are no longer checked. */
#define LIVE_LOST	((struct live_set *)1)

/* Recently freed blocks, to tell a double free from a wild pointer. */
static uintptr_t recent_freed[64];
static unsigned int recent_next;

static unsigned long live_hash(uintptr_t p, unsigned long cap)
{
	return (unsigned long)(((p >> 4) * 0x9e3779b97f4a7c15ULL) >> 32) &
		(cap - 1);
}

static struct live_set *live_new(struct uk_alloc *a, unsigned long cap)
{
	size_t bytes = sizeof(struct live_set) + cap * sizeof(struct live_entry);
	unsigned long pages = (bytes + UK_PAGE_SIZE - 1) / UK_PAGE_SIZE;
	struct live_set *s = a->be.palloc(a, pages);

	if (!s)
		return NULL;
	memset(s, 0, bytes);
	s->cap = cap;
	s->table_pages = pages;
	return s;
}

static void live_put(struct live_set *s, uintptr_t p, unsigned long pages)
{
	unsigned long i = live_hash(p, s->cap);

	while (s->e[i].ptr)
		i = (i + 1) & (s->cap - 1);
	s->e[i].ptr = p;
	s->e[i].pages = pages;
	s->used++;
}

static void live_add(struct uk_alloc *a, void *p, unsigned long pages)
{
	struct live_set *s = a->live, *n;

	if (s == LIVE_LOST)
		return;
	if (!s || (s->used + 1) * 2 > s->cap) {
		n = live_new(a, s ? s->cap * 2 : LIVE_FIRST_CAP);
		if (!n) {
			uk_pr_warn("%s: no memory to track blocks; frees are no longer checked\n",
				   a->name);
			if (s)
				a->be.pfree(a, s, s->table_pages);
			a->live = LIVE_LOST;
			return;
		}
		for (unsigned long i = 0; s && i < s->cap; i++)
			if (s->e[i].ptr)
				live_put(n, s->e[i].ptr, s->e[i].pages);
		if (s)
			a->be.pfree(a, s, s->table_pages);
		a->live = s = n;
	}
	live_put(s, (uintptr_t)p, pages);
}

/* Slot of @p, or -1. */
static long live_find(struct live_set *s, uintptr_t p)
{
	unsigned long i = live_hash(p, s->cap);

	while (s->e[i].ptr) {
		if (s->e[i].ptr == p)
			return (long)i;
		i = (i + 1) & (s->cap - 1);
	}
	return -1;
}

/* Remove slot @i, shifting back the entries of its probe run. */
static void live_del(struct live_set *s, unsigned long i)
{
	unsigned long j = i, mask = s->cap - 1;

	for (;;) {
		j = (j + 1) & mask;
		if (!s->e[j].ptr)
			break;
		unsigned long home = live_hash(s->e[j].ptr, s->cap);

		/* Move e[j] into the hole unless its home lies in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			s->e[i] = s->e[j];
			i = j;
		}
	}
	s->e[i].ptr = 0;
	s->used--;
}

/*
 * Report a bad free and crash. @caller is the return address into the
 * function that called the allocator; with frame pointers, its own caller
 * is named too. Both lines are in the symbolizer's "#N 0x..." format.
 */
static __noreturn __noinline void bad_free(struct uk_alloc *a, const char *op,
					   const void *ptr, void *caller,
					   unsigned long *frame __maybe_unused)
{
	int twice = 0;
	const char *msg;

	for (unsigned int i = 0; i < UK_ARRAY_SIZE(recent_freed); i++)
		if (recent_freed[i] == (uintptr_t)ptr)
			twice = 1;
	msg = twice ? "double free" : "invalid free (not a live block)";
	uk_pr_crit("%s: %s: %s of %p, called from %p:\n", a->name, op, msg,
		   ptr, caller);
	ukplat_crash_frame(1, (unsigned long)caller);
#if CONFIG_FRAME_POINTERS
	/* @frame is the wrapper's; its [0] is its caller's frame, whose
	 * [1] is the return address into the caller's caller. */
	unsigned long cfp = frame[0];

	if (cfp && !(cfp & 7) && cfp > (unsigned long)frame)
		ukplat_crash_frame(2, ((unsigned long *)cfp)[1]);
#endif
	UK_CRASH("%s: %s of %p (caller %p)", op, msg, ptr, caller);
}

/* Check that @ptr is live with the right kind; forget it. */
static void check_free(struct uk_alloc *a, const char *op, void *ptr,
		       unsigned long pages, void *caller, void *frame)
{
	struct live_set *s = a->live;
	long i;

	if (s == LIVE_LOST)
		return;
	i = s ? live_find(s, (uintptr_t)ptr) : -1;
	if (i < 0 || s->e[i].pages != pages) {
		if (i >= 0)
			UK_CRASH("%s: %p was allocated %s, called from %p", op,
				 ptr, s->e[i].pages ? "with palloc" :
				 "with malloc", caller);
		bad_free(a, op, ptr, caller, frame);
	}
	live_del(s, (unsigned long)i);
	recent_freed[recent_next++ % UK_ARRAY_SIZE(recent_freed)] =
		(uintptr_t)ptr;
}

static void track(struct uk_alloc *a, void *p, unsigned long pages)
{
	live_add(a, p, pages);
	/* A block handed out again is no longer "recently freed". */
	for (unsigned int i = 0; i < UK_ARRAY_SIZE(recent_freed); i++)
		if (recent_freed[i] == (uintptr_t)p)
			recent_freed[i] = 0;
}
#else
#define check_free(a, op, ptr, pages, caller, frame)	do { } while (0)
#define track(a, p, pages)			do { } while (0)
#endif

static void poison(void *p __unused, size_t len __unused)
{
#if CONFIG_LIBUKALLOC_POISON
	memset(p, POISON_BYTE, len);
#endif
}

/* ---- the wrappers ------------------------------------------------------ */

static size_t usable(struct uk_alloc *a, const void *p)
{
	return a->be.usable_size(a, p);
}

static void *w_malloc(struct uk_alloc *a, size_t size)
{
	void *p = a->be.malloc(a, size);

	if (!p) {
		count_failure(a);
		return NULL;
	}
	track(a, p, 0);
	count_alloc(a, usable(a, p));
	return p;
}

static void *w_calloc(struct uk_alloc *a, size_t nmemb, size_t size)
{
	void *p = a->be.calloc(a, nmemb, size);

	if (!p) {
		count_failure(a);
		return NULL;
	}
	track(a, p, 0);
	count_alloc(a, usable(a, p));
	return p;
}

static int w_memalign(struct uk_alloc *a, void **memptr, size_t align,
		      size_t size)
{
	int rc = a->be.memalign(a, memptr, align, size);

	if (rc == -ENOMEM)
		count_failure(a);
	if (rc)
		return rc;
	track(a, *memptr, 0);
	count_alloc(a, usable(a, *memptr));
	return 0;
}

static void w_free(struct uk_alloc *a, void *ptr)
{
	size_t len;

	check_free(a, "free", ptr, 0, __builtin_return_address(0),
		   __builtin_frame_address(0));
	len = usable(a, ptr);
	count_free(a, len);
	poison(ptr, len);
	a->be.free(a, ptr);
}

static void *w_realloc(struct uk_alloc *a, void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!ptr)
		return w_malloc(a, size);
	check_free(a, "realloc", ptr, 0, __builtin_return_address(0),
		   __builtin_frame_address(0));
	old = usable(a, ptr);
	p = a->be.realloc(a, ptr, size);
	if (!p && size == 0) {		/* freed */
		count_free(a, old);
		return NULL;
	}
	if (!p) {			/* failed: @ptr is still live */
		track(a, ptr, 0);
		count_failure(a);
		return NULL;
	}
	track(a, p, 0);
	count_resize(a, old, usable(a, p));
	return p;
}

static void *w_palloc(struct uk_alloc *a, unsigned long n)
{
	void *p = a->be.palloc(a, n);

	if (!p) {
		count_failure(a);
		return NULL;
	}
	track(a, p, n);
	count_alloc(a, n * UK_PAGE_SIZE);
	return p;
}

static void w_pfree(struct uk_alloc *a, void *ptr, unsigned long n)
{
	check_free(a, "pfree", ptr, n, __builtin_return_address(0),
		   __builtin_frame_address(0));
	count_free(a, n * UK_PAGE_SIZE);
	poison(ptr, n * UK_PAGE_SIZE);
	a->be.pfree(a, ptr, n);
}

void uk_alloc_wrap(struct uk_alloc *a)
{
	if (a->malloc == w_malloc)	/* registered before */
		return;
	a->be = (struct uk_alloc_backend){
		.malloc = a->malloc, .calloc = a->calloc,
		.realloc = a->realloc, .memalign = a->memalign,
		.free = a->free, .palloc = a->palloc, .pfree = a->pfree,
		.usable_size = a->usable_size,
	};
	memset(&a->stats, 0, sizeof(a->stats));
	a->live = NULL;
	a->malloc = w_malloc;
	a->calloc = w_calloc;
	a->realloc = w_realloc;
	a->memalign = w_memalign;
	a->free = w_free;
	a->palloc = w_palloc;
	a->pfree = w_pfree;
}
#endif /* UK_ALLOC_WRAPPED */
