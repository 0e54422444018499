# SPDX-License-Identifier: BSD-3-Clause
#
# Export lists (doc/writing-a-library.md): a library whose folder holds
# an exportsyms file is linked into the image as one relocatable object in
# which every global it defines and the list does not name is local, so
# that its internal names can neither collide with the application's or
# another library's nor be used from outside. A library without the file
# exports everything (the C libraries: their exports are the C API).
# Included after link.mk: each image then links the localized archives,
# and a link that fails on a library's internal symbol says which list.
# LTO builds skip this: a relocatable link of LTO objects would merge
# their intermediate code, which the final link cannot take apart.
# EXPORTS=0 on make's command line skips it too (to compare).

UK_EXPORTS := $(UK_ROOT)/support/build/exports
UK_EXPORTS_ENV = CC='$(CC)' OBJCOPY='$(OBJCOPY)' AR='$(AR)' NM='$(CROSS_COMPILE)nm'

ifeq ($(CONFIG_OPTIMIZE_LTO)$(filter 0,$(EXPORTS)),)
UK_EXPORTING := $(foreach c,$(filter lib_%,$(COMPONENTS)),\
	$(if $(wildcard $($(c)_DIR)/exportsyms),$(c)))

# $(call uk_exports_rule,component): build/lib/<name>.exp.a, which then
# stands for the component's archive (<component>_AR) in the link's
# command; the plain archive stays <component>_PLAIN_AR.
define uk_exports_rule
$(1)_EXPORTSYMS := $($(1)_DIR)/exportsyms
$(1)_PLAIN_AR := $($(1)_AR)
$(1)_AR := $($(1)_OBJDIR).exp.a
$$($(1)_AR): $$($(1)_PLAIN_AR) $$($(1)_EXPORTSYMS) $(UK_EXPORTS)
	$$(call cmd,EXPORTS,$$(call rel,$$@),$$(UK_EXPORTS_ENV) $(UK_EXPORTS) localize $$< $$($(1)_EXPORTSYMS) $$@)
endef
$(foreach c,$(UK_EXPORTING),$(eval $(call uk_exports_rule,$(c))))

# link.mk's rules named the plain archives as prerequisites: the images
# also need the localized ones (the archives link.mk links, now).
UK_EXPORTS_LIST := $(O)/config/exports.list
$(call uk_write_if_changed,$(UK_EXPORTS_LIST),$(foreach c,$(UK_EXPORTING),\
	$($(c)_AR) $(patsubst $(UK_ROOT)/%,%,$($(c)_EXPORTSYMS))$(uk_nl)))
$(foreach p,$(ENABLED_PLATS),\
	$(eval $(IMAGE_$(p)).dbg: $(call uk_common_ars,$(p)))\
	$(eval LINK_$(p)_PLAIN = $(value LINK_$(p)))\
	$(eval LINK_$(p) = $(UK_EXPORTS) link $(UK_EXPORTS_LIST) -- $$(LINK_$(p)_PLAIN)))
endif
