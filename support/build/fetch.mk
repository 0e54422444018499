# SPDX-License-Identifier: BSD-3-Clause
#
# Fetched third-party sources. A library's Makefile.uk declares the upstream
# tarball of a Debian source package and the sha256 of the package's own
# debian.tar.xz in one line of five words:
#
#   fetch-y += PACKAGE DEBIAN-VERSION TARBALL SHA256 DEBIAN-SHA256
#   fetch-y += lwip 2.1.3+dfsg1-2 lwip_2.1.3+dfsg1.orig.tar.xz 0a8276d0... c5a48413...
#
# (four words, without DEBIAN-SHA256: the upstream tarball alone, for a
# tarball that is no Debian package's)
#
# and names files inside the unpacked tree through $(UK_SRC), which is
# $(O)/src/<library>:
#
#   srcs-y += $(UK_SRC)/src/core/tcp.c
#
# While the build reads that Makefile.uk (before it checks that the sources
# exist), support/scripts/fetch-source makes sure $(UK_SRC) holds the
# tarball's contents (without its top folder) patched with Debian's patch
# series (as dpkg-source -x applies it), then with
# lib/<library>/patches/*.patch in name order; $(UK_SRC)/.applied-patches
# lists them. The tarballs are taken from the download
# cache $(DL_DIR) (default ~/.cache/tessera) or downloaded from Debian's archive,
# refused when its sha256 differs. An up-to-date tree costs one stamp
# comparison; a changed patch or tarball unpacks again.

FETCH_SOURCE := $(UK_ROOT)/support/scripts/fetch-source

# $(call uk_fetch,component folder,name,fetch-y words)
define uk_fetch
$(if $(strip $(3)),\
$(if $(filter 4 5,$(words $(3))),,$(call uk_fatal,$(1)/Makefile.uk: fetch-y \
has $(words $(3)) words.,Give one source package as five words: package \
debian-version tarball sha256 debian-tarball-sha256))\
$(if $(filter 0,$(shell DL_DIR='$(DL_DIR)' $(FETCH_SOURCE) '$(1)' '$(O)/src/$(2)' $(3) >&2; \
echo $$?)),,$(error Build stopped)))
endef
