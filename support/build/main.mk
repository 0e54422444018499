# SPDX-License-Identifier: BSD-3-Clause
#
# Orchestration: classify the goals, find the application and the extra
# libraries, then hand over to configuration, component registration,
# compile rules and linking (one file each, included in that order).

ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

.DEFAULT_GOAL := all
.PHONY: all FORCE
FORCE:

include $(UK_ROOT)/support/build/util.mk

# The machine's cache, shared by all build folders: downloaded tarballs of
# fetched sources (DL_DIR) and compiled objects (objects/, through ccache:
# an object is reused when the preprocessed source, the flags and the
# compiler are the same; see doc/getting-started.md). UK_CACHE=0 turns
# the object cache off; `make cache-clean` empties it.
UK_CACHE ?= 1
UK_CACHE_DIR ?= $(HOME)/.cache/tessera
DL_DIR ?= $(UK_CACHE_DIR)

CONFIG_GOALS := menuconfig nconfig defconfig olddefconfig oldconfig \
		savedefconfig allyesconfig allnoconfig
CLEAN_GOALS := clean properclean distclean
# Goals that need no application.
TREE_GOALS := help test check bench fuzz install-deps cache-clean cache-stats \
	test-redis-suite lint
goals := $(or $(MAKECMDGOALS),all)

# `make defconfig all` or `make clean all`: one sub-make per goal, in order,
# so that the second goal sees what the first one did.
ifneq ($(filter $(CONFIG_GOALS) $(CLEAN_GOALS),$(goals)),)
ifneq ($(words $(goals)),1)
mixed_goals := 1
endif
endif

ifeq ($(mixed_goals),1)
.NOTPARALLEL:
$(goals):
	$(Q)$(MAKE) -f $(UK_ROOT)/Makefile $@
else ifeq ($(filter-out $(TREE_GOALS),$(goals)),)
include $(UK_ROOT)/support/build/tree.mk
else

# ---- the application ------------------------------------------------------
ifeq ($(A),)
$(call uk_fatal,no application given.,Run make inside an application folder \
(make -C apps/helloworld) or name one: make A=path/to/app)
endif
APP_DIR := $(patsubst %/,%,$(abspath $(A)))
ifeq ($(wildcard $(APP_DIR)/Makefile.uk),)
$(call uk_fatal,A=$(A): no application there ($(APP_DIR)/Makefile.uk \
is missing).,An application folder holds Makefile.uk and Config.uk; see \
doc/writing-an-app.md)
endif
APP_NAME := $(notdir $(APP_DIR))

O ?= $(APP_DIR)/build
O := $(patsubst %/,%,$(abspath $(O)))
C ?= $(APP_DIR)/.config
C := $(abspath $(C))

# ---- extra libraries (L=dir1:dir2) ----------------------------------------
EXTRA_LIB_DIRS := $(foreach l,$(subst :, ,$(L)),$(patsubst %/,%,$(abspath $(l))))
$(foreach l,$(EXTRA_LIB_DIRS),$(if $(wildcard $(l)/Makefile.uk),,\
  $(call uk_fatal,L: $(l) is not a library (no Makefile.uk there).,\
Each L= entry is a library folder with Config.uk and Makefile.uk)))

include $(UK_ROOT)/support/build/tools.mk
include $(UK_ROOT)/support/build/kconfig.mk

ifeq ($(filter-out $(CONFIG_GOALS) $(CLEAN_GOALS),$(goals)),)
include $(UK_ROOT)/support/build/clean.mk
else
include $(UK_ROOT)/support/build/components.mk
include $(UK_ROOT)/support/build/flags.mk
include $(UK_ROOT)/support/build/rules.mk
include $(UK_ROOT)/support/build/link.mk
include $(UK_ROOT)/support/build/exports.mk
include $(UK_ROOT)/support/build/run.mk
endif

endif
