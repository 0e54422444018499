/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: event channels and the timer. Xen raises XEN_VEC_UPCALL (set as
 * the HVM callback vector) when a channel that is not masked becomes
 * pending; the handler clears and dispatches every pending channel. The
 * platform IRQ API of uk/plat/irq.h takes event channel ports as lines.
 * The one-shot timer and the halt deadline share VIRQ_TIMER, armed with
 * VCPUOP_set_singleshot_timer in system time (the monotonic clock).
 */
#include <errno.h>
#include <stddef.h>
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/plat/irq.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#include <x86/boot.h>
#include <xen-plat/xen.h>

#define MAX_PORTS	(sizeof(xen_ulong_t) * 8 * sizeof(xen_ulong_t) * 8)
#define BITS		(sizeof(xen_ulong_t) * 8)

struct handler {
	xen_evtchn_handler_t fn;
	void *arg;
};

static struct handler handlers[MAX_PORTS];

static void set_bit(volatile xen_ulong_t *w, unsigned int bit)
{
	__atomic_fetch_or(&w[bit / BITS], 1UL << (bit % BITS),
			  __ATOMIC_SEQ_CST);
}

static void clear_bit(volatile xen_ulong_t *w, unsigned int bit)
{
	__atomic_fetch_and(&w[bit / BITS], ~(1UL << (bit % BITS)),
			   __ATOMIC_SEQ_CST);
}

void xen_evtchn_mask(evtchn_port_t port)
{
	set_bit(xen_shared_info->evtchn_mask, port);
}

void xen_evtchn_unmask(evtchn_port_t port)
{
	evtchn_unmask_t u = { .port = port };

	clear_bit(xen_shared_info->evtchn_mask, port);
	/* Pending while masked: Xen sends the upcall now. */
	if (xen_shared_info->evtchn_pending[port / BITS] &
	    (1UL << (port % BITS)))
		xen_evtchn_op(EVTCHNOP_unmask, &u);
}

int xen_evtchn_notify(evtchn_port_t port)
{
	evtchn_send_t s = { .port = port };

	return (int)xen_evtchn_op(EVTCHNOP_send, &s);
}

int xen_evtchn_bind(evtchn_port_t port, xen_evtchn_handler_t fn, void *arg)
{
	if (port >= MAX_PORTS || !fn)
		return -EINVAL;
	handlers[port].arg = arg;
	handlers[port].fn = fn;
	xen_evtchn_unmask(port);
	return 0;
}

void xen_evtchn_unbind(evtchn_port_t port)
{
	if (port >= MAX_PORTS)
		return;
	xen_evtchn_mask(port);
	handlers[port].fn = NULL;
}

int xen_evtchn_bind_virq(uint32_t virq, xen_evtchn_handler_t fn, void *arg)
{
	evtchn_bind_virq_t b = { .virq = virq, .vcpu = 0 };
	long rc = xen_evtchn_op(EVTCHNOP_bind_virq, &b);

	if (rc)
		return (int)rc;
	rc = xen_evtchn_bind(b.port, fn, arg);
	return rc ? (int)rc : (int)b.port;
}

int xen_evtchn_bind_interdomain(domid_t dom, evtchn_port_t remote,
				xen_evtchn_handler_t fn, void *arg)
{
	evtchn_bind_interdomain_t b = { .remote_dom = dom,
					.remote_port = remote };
	long rc = xen_evtchn_op(EVTCHNOP_bind_interdomain, &b);

	if (rc)
		return (int)rc;
	rc = xen_evtchn_bind(b.local_port, fn, arg);
	return rc ? (int)rc : (int)b.local_port;
}

int xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	evtchn_alloc_unbound_t a = { .dom = DOMID_SELF, .remote_dom = remote };
	long rc = xen_evtchn_op(EVTCHNOP_alloc_unbound, &a);

	if (rc)
		return (int)rc;
	*port = a.port;
	return 0;
}

void x86_irq_dispatch(unsigned int vector, struct ukarch_regs *regs __unused)
{
	volatile struct vcpu_info *vi = &xen_shared_info->vcpu_info[0];
	volatile struct shared_info *s = xen_shared_info;
	xen_ulong_t sel;

	if (vector != XEN_VEC_UPCALL) {
		uk_pr_warn("xen: unexpected interrupt vector %u\n", vector);
		return;
	}
	while (vi->evtchn_upcall_pending) {
		vi->evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0,
					  __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzl(sel);
			xen_ulong_t p;

			sel &= sel - 1;
			p = s->evtchn_pending[w] & ~s->evtchn_mask[w];
			while (p) {
				unsigned int port = w * BITS +
					(unsigned int)__builtin_ctzl(p);

				p &= p - 1;
				clear_bit(s->evtchn_pending, port);
				if (handlers[port].fn)
					handlers[port].fn(port,
							  handlers[port].arg);
			}
		}
	}
}

void xen_events_init(void)
{
	/* Every channel masked until someone binds it. */
	for (unsigned int i = 0; i < BITS; i++)
		xen_shared_info->evtchn_mask[i] = ~0UL;
	if (xen_hvm_set_param(HVM_PARAM_CALLBACK_IRQ,
			      (2ULL << 56) | XEN_VEC_UPCALL))
		uk_pr_err("xen: cannot set the event callback vector\n");
}

/* ---- uk/plat/irq.h: lines are event channel ports ------------------- */

struct irq_entry {
	ukplat_irq_handler_t fn;
	void *arg;
};

static struct irq_entry irqs[MAX_PORTS];

static void irq_call(evtchn_port_t port, void *arg __unused)
{
	irqs[port].fn(irqs[port].arg);
}

int ukplat_irq_register(unsigned long irq, ukplat_irq_handler_t handler,
			void *arg)
{
	unsigned long flags;
	int rc;

	if (!handler || irq >= MAX_PORTS)
		return -EINVAL;
	flags = ukplat_lcpu_save_irqf();
	if (irqs[irq].fn) {
		rc = -ENOSPC;
	} else {
		irqs[irq].fn = handler;
		irqs[irq].arg = arg;
		rc = xen_evtchn_bind((evtchn_port_t)irq, irq_call, NULL);
	}
	ukplat_lcpu_restore_irqf(flags);
	return rc;
}

int ukplat_irq_unregister(unsigned long irq, ukplat_irq_handler_t handler,
			  void *arg)
{
	if (irq >= MAX_PORTS || irqs[irq].fn != handler ||
	    irqs[irq].arg != arg)
		return -ENOENT;
	xen_evtchn_unbind((evtchn_port_t)irq);
	irqs[irq].fn = NULL;
	return 0;
}

int ukplat_irq_alloc_msi(ukplat_irq_handler_t handler __unused,
			 void *arg __unused, uint64_t *addr __unused,
			 uint32_t *data __unused)
{
	return -ENOTSUP;
}

/* ---- timer ----------------------------------------------------------- */

static void (*timer_fn)(void *arg);
static void *timer_arg;
static uint64_t timer_deadline;

static void program(uint64_t ns)
{
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = ns };

	if (ns)
		xen_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
	else
		xen_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
}

static void timer_event(evtchn_port_t port __unused, void *arg __unused)
{
	if (timer_deadline && ukplat_monotonic_clock() >= timer_deadline &&
	    timer_fn) {
		timer_deadline = 0;
		timer_fn(timer_arg);
		return;
	}
	program(timer_deadline);
}

void xen_timer_init(void)
{
	xen_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	if (xen_evtchn_bind_virq(VIRQ_TIMER, timer_event, NULL) < 0)
		uk_pr_err("xen: cannot bind the timer event\n");
}

int ukplat_timer_set_handler(void (*fn)(void *arg), void *arg)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	timer_fn = NULL;
	timer_arg = arg;
	timer_fn = fn;
	if (!fn && timer_deadline) {
		timer_deadline = 0;
		program(0);
	}
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

void ukplat_timer_arm(uint64_t deadline_ns)
{
	unsigned long flags = ukplat_lcpu_save_irqf();

	timer_deadline = deadline_ns;
	program(deadline_ns);
	ukplat_lcpu_restore_irqf(flags);
}

/*
 * HLT with STI right before it: an event pending since before the STI
 * wakes the HLT instead of being taken before it (SCHEDOP_block has no
 * such guarantee for an HVM vCPU, whose mask is the interrupt flag).
 */
void ukplat_lcpu_halt_irq_until(uint64_t until_ns)
{
	uint64_t ns = timer_deadline;

	if (until_ns && ukplat_monotonic_clock() >= until_ns)
		return;
	if (until_ns && (!ns || until_ns < ns))
		ns = until_ns;
	program(ns);
	__asm__ __volatile__("sti; hlt; cli" ::: "memory");
}
