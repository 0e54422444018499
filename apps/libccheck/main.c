/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libccheck: checks the C library (musl, or nolibc or newlib with
 * posix-pthread)
 * from an application's point of view: threads with a mutex, a condition
 * variable, errno and __thread variables per thread, detached threads,
 * clocks and sleeping, time conversion, the C.UTF-8 locale, libm and
 * signal handlers.
 * Prints "PASS name" or "FAIL name: why" per check, then
 * "libccheck: N passed, N failed" and exits with the failure count.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <unistd.h>
#include <uk/config.h>
#include <uk/sched.h>

static int passed, failed;

static void check(int ok, const char *name, const char *why)
{
	if (ok) {
		printf("PASS %s\n", name);
		passed++;
	} else {
		printf("FAIL %s: %s\n", name, why);
		failed++;
	}
}

#define NTHREADS 8
#define NINCS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int tls_var = 7;

struct worker {
	int id;
	int errno_ok;
	int tls_ok;
};

static void *worker(void *arg)
{
	struct worker *w = arg;

	/* errno and __thread variables are this thread's own. */
	errno = 1000 + w->id;
	tls_var += w->id;
	for (int i = 0; i < NINCS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 100 == 0)
			sched_yield();
	}
	w->errno_ok = errno == 1000 + w->id;
	w->tls_ok = tls_var == 7 + w->id;
	return w;
}

static void check_threads(void)
{
	pthread_t t[NTHREADS];
	struct worker w[NTHREADS];
	int created = 0, joined = 0, errno_ok = 1, tls_ok = 1;
	void *ret;

	errno = 0;
	for (int i = 0; i < NTHREADS; i++) {
		w[i].id = i + 1;
		if (pthread_create(&t[i], NULL, worker, &w[i]) == 0)
			created++;
	}
	check(created == NTHREADS, "pthread_create starts 8 threads",
	      "a create failed");
	for (int i = 0; i < created; i++) {
		if (pthread_join(t[i], &ret) == 0 && ret == &w[i])
			joined++;
		errno_ok &= w[i].errno_ok;
		tls_ok &= w[i].tls_ok;
	}
	check(joined == NTHREADS, "pthread_join returns each thread's value",
	      "a join failed");
	check(created == NTHREADS && counter == (long)NTHREADS * NINCS,
	      "a mutex keeps 8 x 2000 increments exact", "lost increments");
	check(created == NTHREADS && errno_ok && errno == 0, "errno is per thread", "errno shared");
	check(created == NTHREADS && tls_ok && tls_var == 7, "__thread variables are per thread",
	      "TLS shared");
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;

static void *ponger(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 100; i++) {
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		turn = 0;
		rounds_done++;
		pthread_cond_broadcast(&cond);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void check_condvar(void)
{
	pthread_t t;
	struct timespec ts;
	int r;

	if (pthread_create(&t, NULL, ponger, NULL)) {
		check(0, "condition variable ping-pong", "create failed");
		return;
	}
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 100; i++) {
		turn = 1;
		pthread_cond_broadcast(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
	}
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	check(rounds_done == 100, "condition variable ping-pong, 100 rounds",
	      "rounds lost");

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&lock);
	r = pthread_cond_timedwait(&cond, &lock, &ts);
	pthread_mutex_unlock(&lock);
	check(r == ETIMEDOUT, "pthread_cond_timedwait times out",
	      "no ETIMEDOUT");
}

static volatile int detached_ran;

static void *detached(void *arg)
{
	(void)arg;
	detached_ran = 1;
	return NULL;
}

static void check_detached(void)
{
	pthread_attr_t a;
	pthread_t t;
	int ok = 1;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 50 && ok; i++) {
		detached_ran = 0;
		ok = pthread_create(&t, &a, detached, NULL) == 0;
		while (ok && !detached_ran)
			sched_yield();
	}
	pthread_attr_destroy(&a);
	check(ok, "50 detached threads run and end", "create failed");
}

static void check_time(void)
{
	struct timespec a, b, d = { 0, 20000000 };
	time_t t = 1700000000;
	char buf[64];
	struct tm tm;

	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec >=
	      20000000L, "nanosleep(20 ms) sleeps at least 20 ms",
	      "woke early");
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %j", &tm);
	check(!strcmp(buf, "2023-11-14 22:13:20 Tue 318"),
	      "gmtime_r and strftime of 1700000000", buf);
	tm.tm_isdst = 0;
	check(timegm(&tm) == t, "timegm inverts gmtime_r", "differs");
}

static void check_locale(void)
{
	wchar_t w[8];
	char back[8];
	size_t n;

	check(setlocale(LC_ALL, "C.UTF-8") != NULL, "setlocale C.UTF-8",
	      "refused");
	n = mbstowcs(w, "h\xc3\xa9!", 8);
	check(n == 3 && w[1] == 0xe9, "mbstowcs decodes UTF-8",
	      "wrong decoding");
	n = wcstombs(back, w, sizeof(back));
	check(n == 4 && !strcmp(back, "h\xc3\xa9!"), "wcstombs encodes UTF-8",
	      "wrong encoding");
	check(setlocale(LC_ALL, "C") != NULL, "setlocale C", "refused");
}

static void check_libm(void)
{
	volatile double two = 2.0, one = 1.0, half = 0.5;

	check(fabs(sqrt(two) - 1.4142135623730951) < 1e-15, "sqrt(2)",
	      "wrong");
	check(fabs(exp(one) - 2.718281828459045) < 1e-15, "exp(1)", "wrong");
	check(fabs(sin(half) - 0.479425538604203) < 1e-15, "sin(0.5)",
	      "wrong");
	check(fabs(pow(two, 0.5) - sqrt(two)) < 1e-15, "pow(2, 0.5)",
	      "wrong");
	check(fabs(log(exp(3.25)) - 3.25) < 1e-14, "log(exp(3.25))",
	      "wrong");
}

static void on_sigint(int sig)
{
	(void)sig;
}

/* A handler set reads back (with newlib one that is never called). */
static void check_sigaction(void)
{
	struct sigaction sa = { .sa_handler = on_sigint }, old;

	sigemptyset(&sa.sa_mask);
	check(sigaction(SIGINT, &sa, NULL) == 0 &&
	      sigaction(SIGINT, NULL, &old) == 0 &&
	      old.sa_handler == on_sigint, "sigaction sets and reads back",
	      "differs");
	check(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL,
	      "sigaction refuses SIGKILL", "accepted");
}

/* A thread uksched starts directly, not through pthread_create (as
 * lwip's are): the C library's per-thread state must work there too. */
static struct {
	pthread_t self, again;
	int err, strerr_ok, recursive_ok;
	volatile int done;
} raw;

static void raw_thread(void *arg)
{
	pthread_mutexattr_t ma;
	pthread_mutex_t m;

	(void)arg;
	raw.self = pthread_self();
	raw.again = pthread_self();
	errno = ENOENT;
	raw.strerr_ok = !strcmp(strerror(ENOENT), "No such file or directory");
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &ma);
	raw.recursive_ok = pthread_mutex_lock(&m) == 0 &&
			   pthread_mutex_lock(&m) == 0 &&
			   pthread_mutex_unlock(&m) == 0 &&
			   pthread_mutex_unlock(&m) == 0 &&
			   pthread_mutex_unlock(&m) == EPERM;
	raw.err = errno;
	raw.done = 1;
}

static void check_uksched_thread(void)
{
	struct uk_thread *t;

	errno = 0;
	t = uk_thread_create(NULL, "raw", NULL, raw_thread, NULL);
	check(t != NULL, "a uksched thread starts", "uk_thread_create failed");
	if (!t)
		return;
	uk_thread_join(t, NULL);
	check(raw.done && raw.self && pthread_equal(raw.self, raw.again) &&
	      !pthread_equal(raw.self, pthread_self()),
	      "a uksched thread has a pthread_self of its own", "same or null");
	check(raw.done && raw.err == ENOENT && errno == 0,
	      "a uksched thread has its own errno", "shared");
	check(raw.strerr_ok, "strerror works in a uksched thread", "wrong text");
	check(raw.recursive_ok, "a recursive mutex works in a uksched thread",
	      "lock, relock or unlock failed");
}

#if CONFIG_LIBMUSL
/* musl on lib/posix-signal: handlers run, masks, alarm, threads. */
static volatile int got_usr1, got_alrm, thread_sig_ok;
static volatile pthread_t usr1_thread;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
	usr1_thread = pthread_self();
}

static void on_alrm(int sig)
{
	(void)sig;
	got_alrm++;
}

static void *signal_thread(void *arg)
{
	sigset_t m;

	(void)arg;
	/* A thread starts with its creator's mask: USR1 blocked. */
	pthread_sigmask(SIG_SETMASK, NULL, &m);
	thread_sig_ok = sigismember(&m, SIGUSR1);
	/* Its own mask: unblocking here leaves main's alone. */
	pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	raise(SIGUSR1);
	thread_sig_ok = thread_sig_ok && got_usr1 == 1 &&
			pthread_equal(usr1_thread, pthread_self());
	return NULL;
}

static void check_signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec ts = { 5, 0 }, rem = { 0, 0 }, t0, t1;
	sigset_t set, pend;
	pthread_t t;
	unsigned int left;
	int r, e;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check(got_usr1 == 1, "raise runs the handler before it returns",
	      "not run");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	check(got_usr1 == 1 && sigismember(&pend, SIGUSR1),
	      "a blocked signal stays pending", "ran or not pending");
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	check(got_usr1 == 2, "unblocking runs the pending handler", "not run");

	got_usr1 = 0;
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	r = pthread_create(&t, NULL, signal_thread, NULL);
	if (!r)
		pthread_join(t, NULL);
	sigpending(&pend);
	check(!r && thread_sig_ok && !sigismember(&pend, SIGUSR1),
	      "threads have their own masks, raise goes to the caller",
	      "wrong mask, thread or pending");
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	signal(SIGALRM, on_alrm);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	alarm(1);
	r = nanosleep(&ts, &rem);
	e = errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check(r == -1 && e == EINTR && got_alrm == 1 && rem.tv_sec >= 2 &&
	      t1.tv_sec - t0.tv_sec < 4,
	      "alarm interrupts nanosleep with EINTR and the time left",
	      "slept on or no EINTR");
	left = alarm(0);
	check(left == 0, "alarm(0) after it fired returns 0", "not 0");
	alarm(3);
	left = alarm(0);
	check(left == 3, "alarm returns the seconds left of the previous",
	      "wrong");
	sigemptyset(&set);
	ualarm(20000, 0);
	r = sigsuspend(&set);
	check(r == -1 && errno == EINTR && got_alrm == 2,
	      "sigsuspend returns after the handler", "no");
	signal(SIGALRM, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
}
#endif

int main(void)
{
	check_threads();
	check_condvar();
	check_detached();
	check_uksched_thread();
	check_time();
	check_locale();
	check_libm();
	check_sigaction();
#if CONFIG_LIBMUSL
	check_signals();
#endif
	printf("libccheck: %d passed, %d failed\n", passed, failed);
	return failed;
}
