/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 platforms: the IDT and the TSS, and what a CPU exception does: a crash
 * report naming the exception (page faults with the address and why),
 * the registers and a backtrace. Page faults, double faults, NMIs and
 * machine checks run on their own stacks (IST), so a stack overflow into
 * the guard page is still reported.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <uk/plat/crash.h>
#include <x86/boot.h>
#include <x86/cpu.h>

#define KERNEL_CS	0x08
#define TSS_SEL		0x18

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;		/* present, DPL 0, 64-bit interrupt gate */
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
} __packed;

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

extern uint64_t x86_gdt[];
extern char x86_trap_stubs[], x86_irq_stubs[];

#define IST_PF		1
#define IST_DF		2
#define IST_PF_SIZE	8192
#define IST_DF_SIZE	4096

static struct tss64 tss;
static struct idt_gate idt[256] __aligned(16);
static char ist_pf[IST_PF_SIZE] __aligned(16);
static char ist_df[IST_DF_SIZE] __aligned(16);

static void set_gate(unsigned int vec, uintptr_t fn, unsigned int ist)
{
	struct idt_gate *g = &idt[vec];

	g->off_lo = (uint16_t)fn;
	g->sel = KERNEL_CS;
	g->ist = (uint8_t)ist;
	g->type = 0x8e;
	g->off_mid = (uint16_t)(fn >> 16);
	g->off_hi = (uint32_t)(fn >> 32);
}

void x86_traps_init(void)
{
	uintptr_t base = (uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct desc_ptr idtr = { sizeof(idt) - 1, (uintptr_t)idt };
	unsigned int v;

	tss.ist[IST_PF - 1] = (uintptr_t)(ist_pf + sizeof(ist_pf));
	tss.ist[IST_DF - 1] = (uintptr_t)(ist_df + sizeof(ist_df));
	tss.iomap_base = sizeof(tss);
	x86_gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		(0x89UL << 40) | (((limit >> 16) & 0xf) << 48) |
		(((base >> 24) & 0xff) << 56);
	x86_gdt[4] = base >> 32;
	__asm__ __volatile__("ltr %w0" :: "r"(TSS_SEL));

	for (v = 0; v < 32; v++)
		set_gate(v, (uintptr_t)x86_trap_stubs + 16 * v, 0);
	/* The interrupt gates differ only in the stub address. */
	for (uintptr_t fn = (uintptr_t)x86_irq_stubs; v < 256; v++, fn += 8)
		set_gate(v, fn, 0);
	idt[14].ist = IST_PF;
	idt[2].ist = IST_DF;	/* NMI */
	idt[8].ist = IST_DF;
	idt[18].ist = IST_DF;	/* machine check */
	__asm__ __volatile__("lidt %0" :: "m"(idtr));
}

static const char *const names[32] = {
	"divide error (#DE)", "debug exception (#DB)", "non-maskable interrupt",
	"breakpoint (#BP)", "overflow (#OF)", "bound range exceeded (#BR)",
	"invalid opcode (#UD)", "device not available (#NM)",
	"double fault (#DF)", "coprocessor segment overrun",
	"invalid TSS (#TS)", "segment not present (#NP)",
	"stack-segment fault (#SS)", "general protection fault (#GP)",
	"page fault (#PF)", "reserved exception 15",
	"x87 floating-point error (#MF)", "alignment check (#AC)",
	"machine check (#MC)", "SIMD floating-point exception (#XM)",
	"virtualization exception (#VE)", "control protection (#CP)",
};

static char *append(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	*p = '\0';
	return p;
}

void x86_trap_handler(struct ukarch_regs *regs)
{
	static char msg[128];
	unsigned long vec = regs->vector;
	unsigned long err = regs->error_code;
	const char *name = vec < 32 ? names[vec] : NULL;
	char *p;

	if (vec != 14) {
		ukplat_crash_regs(name ? name : "reserved exception", regs, 0, 0);
	}

	/* Page fault: CR2 is the address; the error code says why. */
	unsigned long cr2 = x86_read_cr2();

	p = append(msg, "page fault (#PF: ");
	if (cr2 >= (uintptr_t)x86_stack_guard &&
	    cr2 < (uintptr_t)x86_stack_bottom)
		p = append(p, "stack overflow into the guard page, ");
	p = append(p, (err & 1) ? "protection violation" : "not present");
	if (err & 16)
		p = append(p, ", instruction fetch");
	else
		p = append(p, (err & 2) ? ", write" : ", read");
	if (err & 8)
		p = append(p, ", reserved bit set");
	append(p, ")");
	ukplat_crash_regs(msg, regs, cr2, 1);
}
