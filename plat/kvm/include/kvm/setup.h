/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the functions the boot steps call on each other, beside the x86
 * boot code shared with xen (x86/boot.h). Internal to plat/kvm.
 */
#ifndef __KVM_SETUP_H__
#define __KVM_SETUP_H__

#include <x86/boot.h>

#ifndef __ASSEMBLY__
void kvm_console_init(void);
void kvm_vga_init(void);
void kvm_vga_write(const char *buf, size_t len);

int kvm_acpi_poweroff(void);
#endif /* !__ASSEMBLY__ */
#endif /* __KVM_SETUP_H__ */
