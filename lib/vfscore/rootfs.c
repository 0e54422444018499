/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: boot-time set-up. Binds descriptors 0-2 to the console, mounts
 * the root file system chosen by vfs.rootfs= (default from KConfig),
 * extracts the initrd into it for vfs.rootfs=initrd, mounts devfs on /dev
 * when it is there, then the extra mounts of vfs.fstab=.
 *
 *   vfs.fstab=TARGET:FSTYPE[:OPTIONS[:SOURCE]][,TARGET:FSTYPE...]
 *
 * OPTIONS is "rw" (default) or "ro"; missing target folders are created.
 * A root or an fstab entry that cannot be mounted stops the boot with a
 * message saying why and status 78 (an fstab entry that cannot be parsed:
 * 64): the application never runs without the files it was promised.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <uk/essentials.h>
#include <uk/image.h>
#include <uk/init.h>
#include <uk/plat/bootstrap.h>
#include <uk/plat/memory.h>
#include <uk/print.h>
#include "vfs_impl.h"

/* The parameters are "vfs.rootfs" and "vfs.fstab". */
#undef UK_LIBNAME
#define UK_LIBNAME vfs
#include <uk/libparam.h>

static const char *rootfs = CONFIG_LIBVFSCORE_ROOTFS;
UK_LIBPARAM_PARAM_ALIAS_DESC(rootfs, charp, "rootfs",
			     "root file system: ramfs, initrd, none, or a file system type");
static const char *fstab = "";
UK_LIBPARAM_PARAM_ALIAS_DESC(fstab, charp, "fstab",
			     "extra mounts: TARGET:FSTYPE[:ro|rw[:SOURCE]],...");

/* Exit statuses (sysexits): an fstab entry that cannot be parsed, as for
 * any command line that cannot be (EX_USAGE); a mount that was asked for
 * and cannot be made (EX_CONFIG). */
#define VFS_EXIT_USAGE	64
#define VFS_EXIT_MOUNT	78

/* The mount of @type on @target failed with @r (@target NULL: as the
 * root): say why as precisely as this image can, then stop. */
static __noreturn void mount_failed(const char *type, const char *target,
				    int r)
{
	const char *pre = target ? "on " : "as the root file system";
	const char *post = target ? " (vfs.fstab)" : "";
	const struct uk_image_left_out *l;
	char names[128];

	for (l = uk_image_left_out; l->name; l++)
		if (!strcmp(l->name, type))
			break;
	if (l->name) {
		uk_pr_crit("cannot mount %s %s%s%s: %s is not available on %s (the build links it into %s images only); stopping\n",
			   type, pre, target ? target : "", post, type,
			   uk_image_plat, l->plats);
	} else if (!vfs_fs_known(type)) {
		vfs_fs_names(names, sizeof(names));
		uk_pr_crit("cannot mount %s %s%s%s: this image has no file system \"%s\" (it has: %s; select the library in make menuconfig); stopping\n",
			   type, pre, target ? target : "", post, type,
			   names[0] ? names : "none");
	} else {
		uk_pr_crit("cannot mount %s %s%s%s: error %d (%s); stopping\n",
			   type, pre, target ? target : "", post, -r,
			   strerror(-r));
	}
	ukplat_terminate(UKPLAT_HALT, VFS_EXIT_MOUNT);
}

static int vfs_console_initcall(void)
{
	return vfs_console_init();
}
uk_lib_initcall(vfs_console_initcall);

/* mkdir -p @path (modified in place and restored). */
static int mkdir_p(char *path)
{
	char *p = path;
	int r = 0;

	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		while (*p && *p != '/')
			p++;
		if (*p) {
			*p = '\0';
			r = uk_vfs_mkdir(path, 0755);
			*p = '/';
		} else {
			r = uk_vfs_mkdir(path, 0755);
		}
		if (r && r != -EEXIST)
			return r;
	}
	return 0;
}

static int load_initrds(void)
{
	struct ukplat_memregion mr;
	int i, n = ukplat_memregion_count(), found = 0, r;

	for (i = 0; i < n; i++) {
		if (ukplat_memregion_get(i, &mr) ||
		    !(mr.flags & UKPLAT_MEMRF_INITRD))
			continue;
		found++;
		uk_pr_info("initrd: extracting %zu bytes into /\n", mr.len);
		r = uk_vfs_cpio_extract((const void *)mr.base, mr.len, "/");
		if (r == -EINVAL)
			uk_pr_err("initrd: extraction stopped at a malformed entry; the root file system holds what came before\n");
		else if (r)
			uk_pr_err("initrd: not every entry could be created (first error %d); the rest is extracted\n",
				  -r);
	}
	if (!found)
		uk_pr_err("initrd: vfs.rootfs=initrd, but the boot loader gave no initrd; the root is an empty ramfs\n");
	return 0;
}

/* One fstab entry, modified in place. */
static int fstab_mount(char *ent)
{
	char *target = ent, *type, *opts = NULL, *src = NULL;
	unsigned long flags = 0;
	int r;

	type = strchr(target, ':');
	if (!type)
		goto bad;
	*type++ = '\0';
	opts = strchr(type, ':');
	if (opts) {
		*opts++ = '\0';
		src = strchr(opts, ':');
		if (src)
			*src++ = '\0';
		if (!strcmp(opts, "ro"))
			flags |= MS_RDONLY;
		else if (*opts && strcmp(opts, "rw"))
			goto bad;
	}
	if (target[0] != '/' || !type[0])
		goto bad;
	r = mkdir_p(target);
	if (r) {
		uk_pr_crit("vfs.fstab: cannot create %s to mount %s on: error %d (%s); stopping\n",
			   target, type, -r, strerror(-r));
		ukplat_terminate(UKPLAT_HALT, VFS_EXIT_MOUNT);
	}
	r = uk_vfs_mount(src, target, type, flags, NULL);
	if (r)
		mount_failed(type, target, r);
	return 0;
bad:
	uk_pr_crit("vfs.fstab: bad entry \"%s\" (want TARGET:FSTYPE[:ro|rw[:SOURCE]]); stopping\n",
		   ent);
	ukplat_terminate(UKPLAT_HALT, VFS_EXIT_USAGE);
}

static int vfs_rootfs_init(void)
{
	const char *type = rootfs;
	char *tab, *ent, *next;
	int r, initrd = 0;

	if (!type || !*type || !strcmp(type, "none"))
		return 0;
	if (!strcmp(type, "initrd")) {
		type = "ramfs";
		initrd = 1;
	}
	r = uk_vfs_mount(NULL, "/", type, 0, NULL);
	if (r)
		mount_failed(type, NULL, r);
	if (initrd)
		load_initrds();
#if CONFIG_LIBDEVFS
	r = uk_vfs_mkdir("/dev", 0755);
	if (!r || r == -EEXIST) {
		r = uk_vfs_mount("devfs", "/dev", "devfs", 0, NULL);
		if (r)
			uk_pr_err("cannot mount devfs on /dev: error %d\n",
				  -r);
	}
#endif
	if (!fstab || !*fstab)
		return 0;
	tab = strdup(fstab);
	if (!tab)
		return -ENOMEM;
	for (ent = tab; ent; ent = next) {
		next = strchr(ent, ',');
		if (next)
			*next++ = '\0';
		if (*ent)
			fstab_mount(ent);
	}
	free(tab);
	return 0;
}
uk_rootfs_initcall(vfs_rootfs_init);
