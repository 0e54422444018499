/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the build knows about the image it links: the platform, and the
 * libraries the configuration selects that this platform's image leaves
 * out because their Makefile.uk links them for other platforms only
 * (plats-y, e.g. 9pfs for kvm: linuxu has no 9P transport). Generated
 * for each image by support/build/link.mk, so that code can say why
 * something it looks up by name is missing ("9pfs is not available on
 * linuxu") instead of only that it is.
 */
#ifndef __UK_IMAGE_H__
#define __UK_IMAGE_H__

struct uk_image_left_out {
	const char *name;	/* the library, e.g. "9pfs" */
	const char *plats;	/* the platforms it is linked for, e.g. "kvm" */
};

/* "linuxu", "kvm", "xen" */
extern const char uk_image_plat[];
/* Ends with an entry whose name is NULL. */
extern const struct uk_image_left_out uk_image_left_out[];

#endif /* __UK_IMAGE_H__ */
