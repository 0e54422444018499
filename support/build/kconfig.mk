# SPDX-License-Identifier: BSD-3-Clause
#
# Configuration: the KConfig targets and the sync of .config into
# $(O)/config/auto.conf (read below) and $(O)/include/uk/config.h.
# The work is done by support/kconfig/uk-kconfig around kconfig-frontends.

KCONFIG_GEN := $(O)/kconfig
AUTOCONF := $(O)/config/auto.conf
CONFIG_H := $(O)/include/uk/config.h
DEFCONFIG ?=

TREE_LIB_DIRS := $(patsubst %/Makefile.uk,%,$(wildcard $(UK_ROOT)/lib/*/Makefile.uk))
LIB_DIRS := $(TREE_LIB_DIRS) $(EXTRA_LIB_DIRS)

dup_libs := $(sort $(foreach d,$(LIB_DIRS),$(if $(filter-out 1,\
	$(words $(filter %/$(notdir $(d)),$(LIB_DIRS)))),$(notdir $(d)))))
ifneq ($(dup_libs),)
$(call uk_fatal,two libraries are called $(dup_libs).,Library names must be \
unique: rename the folder given in L=)
endif

# A library's folder name decides its KConfig symbol: lib/ukfoo -> LIBUKFOO.
uk_lib_symbol = LIB$(call uk_upper,$(notdir $(1)))
bad_symbol_libs := $(foreach d,$(LIB_DIRS),$(if $(wildcard $(d)/Config.uk),\
	$(if $(findstring config $(call uk_lib_symbol,$(d))$(uk_nl),$(file <$(d)/Config.uk)$(uk_nl)),,$(d))))
ifneq ($(strip $(bad_symbol_libs)),)
$(call uk_fatal,$(firstword $(bad_symbol_libs))/Config.uk does not define \
$(call uk_lib_symbol,$(firstword $(bad_symbol_libs))).,The folder name \
decides a library's symbol: rename the folder or the config entry)
endif

# The menu of libraries and the application's menu are generated: their
# folders are only known here.
$(call uk_write_if_changed,$(KCONFIG_GEN)/libs.uk,$(foreach d,$(LIB_DIRS),\
$(if $(wildcard $(d)/Config.uk),source "$(d)/Config.uk"$(uk_nl))))
$(call uk_write_if_changed,$(KCONFIG_GEN)/app.uk,\
$(if $(wildcard $(APP_DIR)/Config.uk),source "$(APP_DIR)/Config.uk",# no Config.uk))

KCONFIG_FILES := $(UK_ROOT)/Config.uk \
	$(wildcard $(UK_ROOT)/arch/Config.uk $(UK_ROOT)/arch/*/Config.uk \
		$(UK_ROOT)/arch/*/*/Config.uk $(UK_ROOT)/plat/Config.uk \
		$(UK_ROOT)/plat/*/Config.uk $(UK_ROOT)/plat/*/*/Config.uk \
		$(addsuffix /Config.uk,$(LIB_DIRS) $(APP_DIR)))

KCONFIG := UK_ROOT='$(UK_ROOT)' UK_KCONFIG_GEN='$(KCONFIG_GEN)' \
	KCONFIG_CONFIG='$(C)' UK_BUILD='$(O)' UK_APP_NAME='$(APP_NAME)' \
	UK_APP_DEFCONFIG='$(wildcard $(APP_DIR)/defconfig)' \
	UK_KCONFIG_FILES='$(KCONFIG_FILES)' \
	$(UK_ROOT)/support/kconfig/uk-kconfig

.PHONY: $(CONFIG_GOALS)
menuconfig nconfig olddefconfig oldconfig allyesconfig allnoconfig:
	$(Q)$(KCONFIG) $@
defconfig:
	$(Q)$(KCONFIG) defconfig $(if $(DEFCONFIG),$(abspath $(DEFCONFIG)))
savedefconfig:
	$(Q)$(KCONFIG) savedefconfig $(abspath $(or $(DEFCONFIG),$(APP_DIR)/defconfig))

# Any build goal reads the synced configuration, synced right here while
# parsing (the checks that follow need it). A missing .config is created
# from the app's defconfig file or from the defaults.
# The build folder remembers which .config it was synced from (C= may
# name another, older file next time).
CONFIG_FROM := $(O)/config/from
ifneq ($(filter-out $(CONFIG_GOALS) $(CLEAN_GOALS),$(goals)),)
config_stale := $(if $(wildcard $(AUTOCONF) $(CONFIG_H)),$(shell find \
	$(C) $(KCONFIG_FILES) $(UK_ROOT)/support/kconfig/uk-kconfig \
	-newer $(AUTOCONF) 2>/dev/null | head -n 1)$(if $(wildcard $(C)),,missing)$(if \
	$(call uk_streq,$(file <$(CONFIG_FROM)),$(C)),,other),all)
ifneq ($(config_stale),)
ifneq ($(shell $(KCONFIG) sync >&2 || echo failed),)
$(error configuration failed (see above))
endif
$(file >$(CONFIG_FROM),$(C))
endif
include $(AUTOCONF)
endif
