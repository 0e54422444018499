# SPDX-License-Identifier: BSD-3-Clause
#
# Component registration. A component is the architecture, a platform, a
# library or the application; each has a Makefile.uk that only fills these
# variables (paths relative to its own folder, or absolute):
#
#   srcs-y             C (.c) and assembly (.S) sources
#   cflags-y asflags-y flags for this component's sources only
#   cflags-<src>       flags for that one source file (as written in srcs-y)
#   includes-y         private include folders (the component's own folder is
#                      always one)
#   sysincludes-y      folders added as -isystem for everyone (a libc's headers)
#   global-cflags-y global-asflags-y global-ldflags-y
#                      flags for every source and for the final link
#   fetch-y            third-party sources to fetch into $(UK_SRC) (fetch.mk)
#   fetch-cflags-y     flags for the sources under $(UK_SRC) only (upstream
#                      code: -Wno-error and the like)
#   fetch-optional     fetched sources that are in srcs-y in some
#                      configurations only (those another library may
#                      replace): they stay out of the one archive of the
#                      library's fetched objects that builds share
#                      (upstream-cache), which is then the same whatever
#                      those options say
#   plats-y            the platforms whose images link this library (e.g.
#                      9pfs: kvm, the only one with a 9P transport); empty:
#                      every platform's (link.mk)
#
# A library's include/ folder, when it exists, is on everyone's include path:
# that is its public API. $(UK_D) is the folder of the Makefile.uk being read;
# $(UK_SRC) is the component's fetched source tree, $(O)/src/<name>.

include $(UK_ROOT)/support/build/fetch.mk

uk_comp_vars := srcs-y cflags-y asflags-y includes-y sysincludes-y \
	global-cflags-y global-asflags-y global-ldflags-y fetch-y \
	fetch-cflags-y fetch-optional plats-y

COMPONENTS :=
UK_INCLUDES :=
UK_SYSINCLUDES :=
UK_GLOBAL_CFLAGS :=
UK_GLOBAL_ASFLAGS :=
UK_GLOBAL_LDFLAGS :=

# $(call uk_abs,dir,paths): paths relative to dir made absolute.
uk_abs = $(foreach p,$(2),$(if $(filter /%,$(p)),$(p),$(1)/$(p)))

# Object of source $(3) of a component in folder $(1), objects under $(2).
uk_obj_rel = $(if $(filter $(O)/src/%,$(2)),$(patsubst $(O)/src/%,%,$(2)),$(if $(filter $(1)/%,$(2)),$(patsubst $(1)/%,%,$(2)),$(if $(filter $(UK_ROOT)/%,$(2)),$(patsubst $(UK_ROOT)/%,%,$(2)),ext/$(subst /,_,$(2)))))
uk_obj = $(2)/$(basename $(call uk_obj_rel,$(1),$(3))).o

# Fetched sources of component $(1) (folder $(2), name $(3)) include
# $(O)/config/upstream-$(3).h instead of uk/config.h: the options upstream
# code can name, every other one poisoned (support/build/upstream-config);
# and of the components' include folders only those that hold a header
# upstream code can reach. Configurations which differ elsewhere then
# compile it with the same command to the same objects, which the object
# cache shares.
define uk_upstream_config
$(if $(filter 0,$(shell UK_ROOT='$(UK_ROOT)' $(UK_ROOT)/support/build/upstream-config \
	'$(O)/config/upstream-$(3).h' '$(CONFIG_H)' '$(O)/src/$(3)' '$(2)' \
	$(UK_INCLUDES) $(filter-out $(O)/src/$(3)/%,$(UK_SYSINCLUDES)) >&2; echo $$?)),,\
	$(error support/build/upstream-config failed for $(3)))
$(eval $(1)_UPSTREAM_VIEW := -include $(O)/config/upstream-$(3).h \
	$(addprefix -I,$(filter $(file <$(O)/config/upstream-$(3).dirs),$(UK_INCLUDES))))
$(foreach s,$(filter $(O)/src/$(3)/%,$($(1)_SRCS)),\
	$(eval $(1)_VIEW_$(s) := $$($(1)_UPSTREAM_VIEW)))
endef

# $(call uk_register,id,folder,objects folder relative to $(O),name)
define uk_register
$(foreach v,$(uk_comp_vars) $(filter cflags-%,$(.VARIABLES)),$(eval $(v) :=))
UK_D := $(2)
UK_SRC := $(O)/src/$(4)
include $(2)/Makefile.uk
$$(call uk_fetch,$(2),$(4),$$(fetch-y))
COMPONENTS += $(1)
$(1)_NAME := $(4)
$(1)_DIR := $(2)
$(1)_OBJDIR := $(O)/$(3)
$(1)_SRCS := $$(call uk_abs,$(2),$$(srcs-y))
$(1)_PLATS := $$(strip $$(plats-y))
$(1)_FETCH_OPTIONAL := $$(call uk_abs,$(2),$$(fetch-optional))
$(1)_CFLAGS := -DUK_LIBNAME=$(4) $$(cflags-y)
$(1)_ASFLAGS := -DUK_LIBNAME=$(4) $$(asflags-y)
$(1)_INCLUDES := $(2) $$(call uk_abs,$(2),$$(includes-y))
$$(foreach s,$$(srcs-y),$$(if $$(cflags-$$(s)),\
  $$(eval $(1)_FLAGS_$$(call uk_abs,$(2),$$(s)) := $$(cflags-$$(s)))))
$$(if $$(strip $$(fetch-cflags-y)),$$(foreach s,$$(filter $(O)/src/$(4)/%,\
  $$($(1)_SRCS)),$$(eval $(1)_FLAGS_$$(s) := $$($(1)_FLAGS_$$(s)) $$(fetch-cflags-y))))
$(1)_OBJS := $$(foreach s,$$($(1)_SRCS),$$(call uk_obj,$(2),$(O)/$(3),$$(s)))
UK_INCLUDES += $(wildcard $(2)/include)
UK_SYSINCLUDES += $$(call uk_abs,$(2),$$(sysincludes-y))
UK_GLOBAL_CFLAGS += $$(global-cflags-y)
UK_GLOBAL_ASFLAGS += $$(global-asflags-y)
UK_GLOBAL_LDFLAGS += $$(global-ldflags-y)
$$(foreach s,$$($(1)_SRCS),$$(if $$(wildcard $$(s)),,$$(call uk_fatal,\
$(2)/Makefile.uk names $$(s) but that file does not exist.,\
Fix srcs-y in that Makefile.uk)))
endef

uk_enabled = $(filter y,$(CONFIG_$(1)))

# ---- architecture -----------------------------------------------------------
UK_ARCH := $(patsubst "%",%,$(CONFIG_UK_ARCH))
ifeq ($(UK_ARCH),x86_64)
ARCH_DIR := $(UK_ROOT)/arch/x86/x86_64
else
$(call uk_fatal,architecture '$(UK_ARCH)' is not supported yet.,\
Select x86_64 in make menuconfig (Architecture))
endif
$(eval $(call uk_register,arch_$(UK_ARCH),$(ARCH_DIR),arch/$(UK_ARCH),$(UK_ARCH)))

# ---- libraries ----------------------------------------------------------------
ENABLED_LIBS :=
$(foreach d,$(LIB_DIRS),$(if $(call uk_enabled,LIB$(call uk_upper,$(notdir $(d)))),\
  $(eval ENABLED_LIBS += $(notdir $(d)))\
  $(eval $(call uk_register,lib_$(notdir $(d)),$(d),lib/$(notdir $(d)),$(notdir $(d))))))

# ---- platforms ------------------------------------------------------------------
PLAT_DIRS := $(patsubst %/Linker.uk,%,$(wildcard $(UK_ROOT)/plat/*/Linker.uk))
ENABLED_PLATS := $(strip $(foreach d,$(PLAT_DIRS),\
	$(if $(call uk_enabled,PLAT_$(call uk_upper,$(notdir $(d)))),$(notdir $(d)))))
ifeq ($(ENABLED_PLATS),)
$(call uk_fatal,no platform is selected in $(C).,Select at least one in \
make menuconfig (Platforms)$(comma) e.g. CONFIG_PLAT_LINUXU=y)
endif
$(foreach p,$(ENABLED_PLATS),\
  $(eval $(call uk_register,plat_$(p),$(UK_ROOT)/plat/$(p),plat/$(p),$(p))))

# ---- the application ------------------------------------------------------------
$(eval $(call uk_register,app,$(APP_DIR),app,$(APP_NAME)))

# Once every component is registered: upstream code sees the headers of
# the configuration's components that it can reach.
$(foreach c,$(COMPONENTS),$(if $(wildcard $(O)/src/$($(c)_NAME)/.fetched),\
	$(call uk_upstream_config,$(c),$($(c)_DIR),$($(c)_NAME))))

ALL_OBJS := $(foreach c,$(COMPONENTS),$($(c)_OBJS))

# A component that generates code from the whole build (lib/syscall_shim's
# table of system calls) does so in a Generate.uk beside its Makefile.uk,
# read here once every component is registered.
$(foreach c,$(COMPONENTS),$(if $(wildcard $($(c)_DIR)/Generate.uk),\
  $(eval UK_D := $($(c)_DIR))$(eval include $($(c)_DIR)/Generate.uk)))

# lib/syscall_shim's Generate.uk defines `make syscalls`; without the shim
# there is no table to list.
ifneq ($(CONFIG_LIBSYSCALL_SHIM),y)
.PHONY: syscalls
syscalls:
	@printf '%s\n' 'error: no system-call table: lib/syscall_shim is not selected, so no Linux system call is reachable by number' \
		'  hint: select it (CONFIG_LIBSYSCALL_SHIM=y; make menuconfig, Libraries > syscall_shim), then make syscalls' >&2; exit 1
endif
