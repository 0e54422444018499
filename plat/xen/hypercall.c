/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: find Xen through its CPUID leaves and have it fill the hypercall
 * page (CPUID base + 2: EBX is the MSR that takes the page's address).
 */
#include <stdint.h>
#include <x86/cpu.h>
#include <xen-plat/xen.h>

int xen_hypercall_init(void)
{
	for (uint32_t base = 0x40000000; base < 0x40010000; base += 0x100) {
		struct x86_cpuid c = x86_cpuid(base, 0);

		/* "XenVMMXenVMM" */
		if (c.ebx == 0x566e6558 && c.ecx == 0x65584d4d &&
		    c.edx == 0x4d4d566e && c.eax - base >= 2) {
			c = x86_cpuid(base + 2, 0);
			x86_wrmsr(c.ebx, (uintptr_t)xen_hypercall_page);
			return 0;
		}
	}
	return -1;
}

int xen_hvm_get_param(unsigned int index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hvm_op(HVMOP_get_param, &p);

	*value = p.value;
	return (int)rc;
}

int xen_hvm_set_param(unsigned int index, uint64_t value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index,
				   .value = value };

	return (int)xen_hvm_op(HVMOP_set_param, &p);
}
