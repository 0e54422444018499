/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: hypercalls and the state the platform's parts share. Internal to
 * plat/xen. Hypercalls go through the page Xen fills at boot (vmcall on
 * Intel, vmmcall on AMD): number in the stub's offset, arguments in rdi,
 * rsi, rdx, r10, r8, result in rax.
 */
#ifndef __XEN_PLAT_XEN_H__
#define __XEN_PLAT_XEN_H__

#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/memory.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

extern char xen_hypercall_page[];

static inline long xen_hypercall(unsigned int nr, unsigned long a1,
				 unsigned long a2, unsigned long a3)
{
	register unsigned long rdi __asm__("rdi") = a1;
	register unsigned long rsi __asm__("rsi") = a2;
	register unsigned long rdx __asm__("rdx") = a3;
	long rax;

	__asm__ __volatile__("call *%[fn]"
			     : "=a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx)
			     : [fn] "r"(xen_hypercall_page + 32 * nr)
			     : "memory", "rcx", "r8", "r10", "r11");
	return rax;
}

static inline long xen_sched_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_sched_op, (unsigned long)cmd,
			     (unsigned long)arg, 0);
}

static inline long xen_evtchn_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_event_channel_op,
			     (unsigned long)cmd, (unsigned long)arg, 0);
}

static inline long xen_hvm_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_hvm_op, (unsigned long)cmd,
			     (unsigned long)arg, 0);
}

static inline long xen_memory_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_memory_op, (unsigned long)cmd,
			     (unsigned long)arg, 0);
}

static inline long xen_vcpu_op(int cmd, int vcpu, void *arg)
{
	return xen_hypercall(__HYPERVISOR_vcpu_op, (unsigned long)cmd,
			     (unsigned long)vcpu, (unsigned long)arg);
}

/* Writes the hypercall page's address to Xen's MSR; 0 or -1 (no Xen). */
int xen_hypercall_init(void);
int xen_hvm_get_param(unsigned int index, uint64_t *value);
int xen_hvm_set_param(unsigned int index, uint64_t value);

/* Xen's shared info page, mapped by xen_time_init(). */
extern struct shared_info *xen_shared_info;

/* Console: output buffered until the ring is up (after paging). */
void xen_console_init(void);
void xen_console_flush(void);

/* PV clock and wall clock from the shared info page. */
void xen_time_init(void);

/* Event channels: upcall vector, VIRQ timer. */
#define XEN_VEC_UPCALL	0xf3
void xen_events_init(void);
typedef void (*xen_evtchn_handler_t)(evtchn_port_t port, void *arg);
int xen_evtchn_bind(evtchn_port_t port, xen_evtchn_handler_t fn, void *arg);
void xen_evtchn_unbind(evtchn_port_t port);
void xen_evtchn_mask(evtchn_port_t port);
void xen_evtchn_unmask(evtchn_port_t port);
int xen_evtchn_notify(evtchn_port_t port);
int xen_evtchn_bind_virq(uint32_t virq, xen_evtchn_handler_t fn, void *arg);
int xen_evtchn_bind_interdomain(domid_t dom, evtchn_port_t remote,
				xen_evtchn_handler_t fn, void *arg);
/* A port in our domain that domain @remote can bind to: 0 or -errno. */
int xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
void xen_timer_init(void);

#endif /* __XEN_PLAT_XEN_H__ */
