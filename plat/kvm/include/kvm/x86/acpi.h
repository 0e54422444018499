/* SPDX-License-Identifier: BSD-3-Clause */
/* kvm/x86: finding ACPI tables, and reading their little-endian fields. */
#ifndef __KVM_X86_ACPI_H__
#define __KVM_X86_ACPI_H__

#include <stdint.h>

/* Size of the header every system description table starts with. */
#define ACPI_SDT_HEADER	36

static inline uint32_t acpi_rd32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

static inline uint64_t acpi_rd64(const uint8_t *p)
{
	return acpi_rd32(p) | (uint64_t)acpi_rd32(p + 4) << 32;
}

/*
 * The table with signature @sig (e.g. "FACP", "APIC") through the RSDP
 * (from PVH, else searched in the EBDA and 0xe0000-0xfffff) and the XSDT
 * or RSDT; only tables that are mapped and whose checksum is right.
 * NULL when there is none.
 */
const uint8_t *kvm_acpi_find_table(const char sig[4]);

#endif /* __KVM_X86_ACPI_H__ */
