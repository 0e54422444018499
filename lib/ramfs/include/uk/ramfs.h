/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: a memory file system with tmpfs semantics, registered with
 * vfscore as "ramfs". File data lives in page-sized chunks allocated on
 * first write; holes read as zeros and cost nothing.
 */
#ifndef __UK_RAMFS_H__
#define __UK_RAMFS_H__

#define UK_RAMFS_MAGIC		0x01021994	/* statfs f_type, as tmpfs */
#define UK_RAMFS_CHUNK		4096		/* bytes per data chunk */
#define UK_RAMFS_MAX_FILE	(1LL << 40)	/* largest file size */

#endif /* __UK_RAMFS_H__ */
