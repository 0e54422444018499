/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: CPU exceptions arrive as signals. Each one becomes a crash
 * report with the registers of the faulting instruction. An alternate
 * signal stack lets a stack overflow be reported too.
 */
#include <stddef.h>
#include <stdint.h>
#include <uk/plat/crash.h>
#include <linuxu/syscall.h>

#define SIGILL		4
#define SIGTRAP		5
#define SIGBUS		7
#define SIGFPE		8
#define SIGSEGV		11
#define SI_KERNEL	0x80
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTORER	0x04000000

struct linuxu_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

struct linuxu_stack {
	void *sp;
	int flags;
	size_t size;
};

/* The parts of siginfo_t and ucontext_t the handler reads. */
struct linuxu_siginfo {
	int signo, errno_, code, pad_;
	void *addr;
};

enum { G_R8, G_R9, G_R10, G_R11, G_R12, G_R13, G_R14, G_R15, G_RDI, G_RSI,
       G_RBP, G_RBX, G_RDX, G_RAX, G_RCX, G_RSP, G_RIP, G_EFL, G_CSGSFS,
       G_ERR, G_TRAPNO, G_OLDMASK, G_CR2, G_COUNT };

struct linuxu_ucontext {
	unsigned long flags;
	void *link;
	struct linuxu_stack stack;
	unsigned long gregs[G_COUNT];
};

void linuxu_sigreturn(void);

static char altstack[16384] __aligned(16);

static const char *describe(int sig, int code)
{
	switch (sig) {
	case SIGSEGV:
		/* SI_KERNEL: not a page fault but a #GP, e.g. an access to
		 * or a jump to a non-canonical address; no address known. */
		if (code == SI_KERNEL)
			return "general protection fault (#GP)";
		return code == 2 ? "page fault (protection violation)" :
			"page fault (address not mapped)";
	case SIGBUS:
		return "bus error";
	case SIGFPE:
		return code == 1 ? "divide error (#DE)" :
			"floating-point exception";
	case SIGILL:
		return "invalid opcode (#UD)";
	default:
		return "breakpoint/trap";
	}
}

static void on_fault(int sig, void *info_, void *uctx_)
{
	const struct linuxu_siginfo *info = info_;
	const struct linuxu_ucontext *uc = uctx_;
	const unsigned long *g = uc->gregs;
	struct ukarch_regs regs = {
		.r15 = g[G_R15], .r14 = g[G_R14], .r13 = g[G_R13],
		.r12 = g[G_R12], .rbp = g[G_RBP], .rbx = g[G_RBX],
		.r11 = g[G_R11], .r10 = g[G_R10], .r9 = g[G_R9],
		.r8 = g[G_R8], .rax = g[G_RAX], .rcx = g[G_RCX],
		.rdx = g[G_RDX], .rsi = g[G_RSI], .rdi = g[G_RDI],
		.vector = g[G_TRAPNO], .error_code = g[G_ERR],
		.rip = g[G_RIP], .rflags = g[G_EFL], .rsp = g[G_RSP],
	};

	ukplat_crash_regs(describe(sig, info->code), &regs,
			  (unsigned long)info->addr,
			  (sig == SIGSEGV && info->code != SI_KERNEL) ||
			  sig == SIGBUS);
}

void linuxu_traps_init(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
	struct linuxu_stack ss = { altstack, 0, sizeof(altstack) };
	struct linuxu_sigaction sa = {
		.handler = on_fault,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
		.restorer = linuxu_sigreturn,
	};

	linuxu_syscall(__NR_sigaltstack, &ss, 0, 0);
	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		linuxu_syscall6(__NR_rt_sigaction, sigs[i], (long)&sa, 0,
				sizeof(sa.mask), 0, 0);
}
