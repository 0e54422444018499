/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uname, sethostname, setdomainname. The strings are build options
 * (Config.uk says why sysname is "Linux" by default); the host and
 * domain names change at run time, as on Linux.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/config.h>
#include <uk/plat/lcpu.h>
#include <uk/syscall.h>

#define UTS_LEN 65	/* Linux's __NEW_UTS_LEN + 1 */

/* Linux's struct new_utsname. */
struct k_utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

_Static_assert(sizeof(CONFIG_LIBPOSIX_SYSINFO_NODENAME) <= UTS_LEN,
	       "LIBPOSIX_SYSINFO_NODENAME is longer than 64 characters");

static char nodename[UTS_LEN] = CONFIG_LIBPOSIX_SYSINFO_NODENAME;
static char domainname[UTS_LEN] = "(none)";	/* Linux's when unset */

static void copy_field(char *dst, const char *src)
{
	strncpy(dst, src, UTS_LEN - 1);
	dst[UTS_LEN - 1] = '\0';
}

UK_SYSCALL_R_DEFINE(int, uname, struct k_utsname *, u)
{
	unsigned long flags;

	if (!u)
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	copy_field(u->sysname, CONFIG_LIBPOSIX_SYSINFO_SYSNAME);
	copy_field(u->release, CONFIG_LIBPOSIX_SYSINFO_RELEASE);
	copy_field(u->version, CONFIG_LIBPOSIX_SYSINFO_VERSION);
	copy_field(u->machine, "x86_64");
	flags = ukplat_lcpu_save_irqf();
	memcpy(u->nodename, nodename, UTS_LEN);
	memcpy(u->domainname, domainname, UTS_LEN);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

/* Linux: a name of up to 64 bytes, not NUL-terminated. */
static int set_name(char *dst, const char *name, size_t len)
{
	unsigned long flags;

	if ((long)len < 0 || len > UTS_LEN - 1)
		return -EINVAL;
	if (!name && len)
		return -EFAULT;
	flags = ukplat_lcpu_save_irqf();
	if (len)
		memcpy(dst, name, len);
	memset(dst + len, 0, UTS_LEN - len);
	ukplat_lcpu_restore_irqf(flags);
	return 0;
}

UK_SYSCALL_R_DEFINE(int, sethostname, const char *, name, size_t, len)
{
	return set_name(nodename, name, len);
}

UK_SYSCALL_R_DEFINE(int, setdomainname, const char *, name, size_t, len)
{
	return set_name(domainname, name, len);
}
