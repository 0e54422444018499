/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: ACPI tables (kvm_acpi_find_table, also used for the MADT) and
 * power-off (soft-off, S5), so that a plain
 * `qemu-system-x86_64 -kernel` run ends by itself. RSDP (from PVH, or
 * searched in the EBDA and 0xe0000-0xfffff) -> RSDT/XSDT -> FADT; the
 * SLP_TYP values come from the \_S5 package in the DSDT's AML. Fixed
 * hardware writes PM1a/PM1b control; hardware-reduced ACPI (microvm)
 * writes the sleep control register. Every table is checked to be mapped
 * and its checksum right before it is read.
 */
#include <stdint.h>
#include <uk/essentials.h>
#include <kvm/setup.h>
#include <kvm/x86/acpi.h>
#include <x86/cpu.h>

#define FADT_DSDT	40
#define FADT_PM1A_CNT	64
#define FADT_PM1B_CNT	68
#define FADT_FLAGS	112
#define FADT_X_DSDT	140
#define FADT_SLEEP_CTL	244
#define FADT_HW_REDUCED	(1U << 20)
#define PM1_SLP_EN	(1U << 13)
#define SLEEP_CTL_EN	(1U << 5)

static int sum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t s = 0;

	while (len--)
		s += *p++;
	return s == 0;
}

static int sig_is(const uint8_t *p, const char *sig, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return 0;
	return 1;
}

static const uint8_t *find_rsdp_in(uintptr_t start, uintptr_t end)
{
	if (!x86_paging_is_mapped(start, end - start))
		return NULL;
	for (uintptr_t p = start; p + 20 <= end; p += 16)
		if (sig_is(x86_phys(p), "RSD PTR ", 8) &&
		    sum_ok(x86_phys(p), 20))
			return x86_phys(p);
	return NULL;
}

static const uint8_t *find_rsdp(void)
{
	uintptr_t ebda;
	const uint8_t *r;

	if (x86_bootinfo.rsdp)
		return x86_paging_is_mapped(x86_bootinfo.rsdp, 36) ?
			(const uint8_t *)(uintptr_t)x86_bootinfo.rsdp : NULL;
	ebda = x86_bootinfo.ebda;
	if (ebda >= 0x80000 && ebda < 0xa0000 &&
	    (r = find_rsdp_in(ebda, ebda + 1024)))
		return r;
	return find_rsdp_in(0xe0000, 0x100000);
}

/* A system description table at @addr, or NULL if unusable. */
static const uint8_t *table(uint64_t addr)
{
	const uint8_t *t = (const uint8_t *)(uintptr_t)addr;

	if (!addr || !x86_paging_is_mapped(addr, ACPI_SDT_HEADER) ||
	    acpi_rd32(t + 4) < ACPI_SDT_HEADER ||
	    !x86_paging_is_mapped(addr, acpi_rd32(t + 4)) ||
	    !sum_ok(t, acpi_rd32(t + 4)))
		return NULL;
	return t;
}

const uint8_t *kvm_acpi_find_table(const char sig[4])
{
	const uint8_t *rsdp = find_rsdp(), *sdt = NULL;
	unsigned int esize = 4;

	if (!rsdp)
		return NULL;
	if (rsdp[15] >= 2 && x86_paging_is_mapped((uintptr_t)rsdp, 36) &&
	    (sdt = table(acpi_rd64(rsdp + 24))))
		esize = 8;		/* XSDT */
	if (!sdt)
		sdt = table(acpi_rd32(rsdp + 16));	/* RSDT */
	if (!sdt)
		return NULL;
	for (uint32_t o = ACPI_SDT_HEADER; o + esize <= acpi_rd32(sdt + 4);
	     o += esize) {
		const uint8_t *t = table(esize == 8 ? acpi_rd64(sdt + o) :
					 acpi_rd32(sdt + o));

		if (t && sig_is(t, sig, 4))
			return t;
	}
	return NULL;
}

/* One AML integer of the \_S5 package; advances *p. */
static int aml_int(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *q = *p;

	if (q >= end)
		return -1;
	switch (q[0]) {
	case 0x00:			/* ZeroOp */
	case 0x01:			/* OneOp */
		*p = q + 1;
		return q[0];
	case 0x0a:			/* BytePrefix */
		if (q + 1 >= end)
			return -1;
		*p = q + 2;
		return q[1];
	default:
		return -1;
	}
}

/* SLP_TYPa and SLP_TYPb for S5 from the DSDT; -1 when not found. */
static int s5_types(const uint8_t *dsdt, int *b)
{
	uint32_t len = acpi_rd32(dsdt + 4);
	const uint8_t *end = dsdt + len;

	for (const uint8_t *p = dsdt + ACPI_SDT_HEADER; p + 8 < end; p++) {
		const uint8_t *q;
		int a;

		if (!sig_is(p, "_S5_", 4) || p[4] != 0x12)	/* PackageOp */
			continue;
		q = p + 5;
		q += 1 + (q[0] >> 6);		/* PkgLength */
		q++;				/* NumElements */
		a = aml_int(&q, end);
		*b = aml_int(&q, end);
		if (a >= 0)
			return a;
	}
	return -1;
}

int kvm_acpi_poweroff(void)
{
	const uint8_t *fadt = kvm_acpi_find_table("FACP"), *dsdt;
	uint32_t flen;
	uint64_t daddr = 0;
	int a, b = -1;

	if (!fadt)
		return -1;
	flen = acpi_rd32(fadt + 4);
	if (flen >= FADT_X_DSDT + 8)
		daddr = acpi_rd64(fadt + FADT_X_DSDT);
	if (!daddr)
		daddr = acpi_rd32(fadt + FADT_DSDT);
	if (!(dsdt = table(daddr)) || (a = s5_types(dsdt, &b)) < 0)
		return -1;

	if (flen >= FADT_SLEEP_CTL + 12 &&
	    (acpi_rd32(fadt + FADT_FLAGS) & FADT_HW_REDUCED)) {
		const uint8_t *gas = fadt + FADT_SLEEP_CTL;
		uint64_t addr = acpi_rd64(gas + 4);
		uint8_t v = (uint8_t)(((a & 7) << 2) | SLEEP_CTL_EN);

		if (gas[0] == 1)
			outb((uint16_t)addr, v);
		else if (gas[0] == 0 && x86_paging_is_mapped(addr, 1))
			*(volatile uint8_t *)(uintptr_t)addr = v;
		return -1;
	}
	if (acpi_rd32(fadt + FADT_PM1A_CNT))
		outw((uint16_t)acpi_rd32(fadt + FADT_PM1A_CNT),
		     (uint16_t)((a << 10) | PM1_SLP_EN));
	if (acpi_rd32(fadt + FADT_PM1B_CNT) && b >= 0)
		outw((uint16_t)acpi_rd32(fadt + FADT_PM1B_CNT),
		     (uint16_t)((b << 10) | PM1_SLP_EN));
	return -1;
}
