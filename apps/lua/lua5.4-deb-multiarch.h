/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Debian's patch 0002-lua-modules-paths makes luaconf.h include this
 * header, which Debian's build generates: the multiarch triplet in the
 * default C module path (/usr/lib/<triplet>/lua/5.4/). An image loads
 * no C modules; the name is the host's, so package.cpath reads as it
 * does with the host's lua5.4.
 */
#ifndef LUA54_DEB_MULTIARCH_H
#define LUA54_DEB_MULTIARCH_H
#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"
#endif
