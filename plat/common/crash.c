/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Crash reports for every platform, on the error console (linuxu: stderr;
 * kvm, xen: the serial console). Deliberately free of libc and of the
 * allocator: a crash may come from either being broken.
 */
#include <stdint.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/console.h>
#include <uk/plat/crash.h>

#define MAX_FRAMES	32
/* A frame pointer further than this above the first is not ours. */
#define MAX_STACK_SPAN	(16UL << 20)

static int crashing;

/*
 * Where the image runs minus where it was linked: not 0 for a
 * position-independent image that relocated itself (linuxu's static PIE,
 * kvm's randomised base). Backtraces subtract it, so that their
 * addresses are the link-time ones the .dbg image's symbols use.
 */
unsigned long ukplat_image_offset;

static void put(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ukplat_cerrk(s, n);
}

static void put_hex(unsigned long v)
{
	char buf[19] = "0x";

	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = '\0';
	put(buf);
}

/* 0x1f, not 0x000000000000001f */
static void put_hex_short(unsigned long v)
{
	char buf[19];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	put(buf + i);
}

static void put_dec(unsigned long v)
{
	char buf[21];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	put(buf + i);
}

/* No symbols by default; linuxu reads its .dbg (plat/linuxu/symbols.c). */
__attribute__((weak)) int ukplat_crash_symbol(unsigned long addr, int ret,
					      char *buf, unsigned long len)
{
	(void)addr;
	(void)ret;
	(void)buf;
	(void)len;
	return -1;
}

void ukplat_crash_frame(unsigned int n, unsigned long addr)
{
	char name[128];
	unsigned long link = addr - ukplat_image_offset;
	int off;

	put("  #");
	put_dec(n);
	put(" ");
	put_hex(link);
	/* #0 of a trap is the faulting instruction, the others return
	 * addresses, whose call may be a function's last instruction. */
	off = ukplat_crash_symbol(link, n > 0, name, sizeof(name));
	if (off >= 0) {
		put(" ");
		put(name);
		put("+");
		put_hex_short((unsigned long)off);
	}
	put("\n");
}

static void backtrace_header(void)
{
	if (ukplat_image_offset) {
		put("Image relocated by ");
		put_hex(ukplat_image_offset);
		put(" (backtrace addresses are link-time ones)\n");
	}
	put("Backtrace:\n");
}

/* Follow the %rbp chain: [fp] is the caller's fp, [fp + 8] the return
 * address. Stop at a zero, misaligned or non-increasing frame pointer. */
static void backtrace(unsigned int n, unsigned long fp)
{
	unsigned long first = fp;

	while (fp && !(fp & 7) && fp - first <= MAX_STACK_SPAN &&
	       n < MAX_FRAMES) {
		unsigned long *f = (unsigned long *)fp;
		unsigned long next = f[0];

		if (!f[1])
			break;
		ukplat_crash_frame(n++, f[1]);
		if (next <= fp)
			break;
		fp = next;
	}
}

static void once(void)
{
	if (crashing) {
		put("CRASH: crashed again while reporting a crash\n");
		ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
	}
	crashing = 1;
}

void ukplat_crash(const char *msg, const char *file, int line)
{
	once();
	put("CRASH: ");
	put(file);
	put(":");
	put_dec((unsigned long)line);
	put(": ");
	put(msg);
	put("\n");
	backtrace_header();
	/* Numbered from 1: every address is a return address (the
	 * symbolizer looks those up one byte back, at the call). */
	backtrace(1, (unsigned long)__builtin_frame_address(0));
	ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
}

/*
 * Called by -fstack-protector code when a function is about to return
 * with its canary overwritten: a buffer on its stack overflowed into the
 * saved registers and the return address. Nothing of that frame may be
 * used; report and stop. The function is #1 of the backtrace (its frame
 * pointer is still intact: only the one it saved for its caller may not
 * be).
 */
__noreturn void __stack_chk_fail(void);
__noreturn void __stack_chk_fail(void)
{
	once();
	put("CRASH: stack smashing detected: a stack buffer overflow"
	    " overwrote the stack-protector canary of the function at #1\n");
	backtrace_header();
	backtrace(1, (unsigned long)__builtin_frame_address(0));
	ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
}

static void reg(const char *name, unsigned long v, int last)
{
	put(name);
	put("=");
	put_hex(v);
	put(last ? "\n" : " ");
}

void ukplat_crash_regs(const char *what, const struct ukarch_regs *r,
		       unsigned long fault_addr, int has_addr)
{
	once();
	put("CRASH: ");
	put(what);
	if (has_addr) {
		put(" at address ");
		put_hex(fault_addr);
	}
	put("\n");
	reg("RIP", r->rip, 0);
	reg("RSP", r->rsp, 0);
	reg("RFLAGS", r->rflags, 1);
	reg("RAX", r->rax, 0);
	reg("RBX", r->rbx, 0);
	reg("RCX", r->rcx, 0);
	reg("RDX", r->rdx, 1);
	reg("RSI", r->rsi, 0);
	reg("RDI", r->rdi, 0);
	reg("RBP", r->rbp, 0);
	reg("R8 ", r->r8, 1);
	reg("R9 ", r->r9, 0);
	reg("R10", r->r10, 0);
	reg("R11", r->r11, 0);
	reg("R12", r->r12, 1);
	reg("R13", r->r13, 0);
	reg("R14", r->r14, 0);
	reg("R15", r->r15, 0);
	reg("ERR", r->error_code, 1);
	backtrace_header();
	ukplat_crash_frame(0, r->rip);
	backtrace(1, r->rbp);
	ukplat_terminate(UKPLAT_CRASH, UKPLAT_CRASH_STATUS);
}
