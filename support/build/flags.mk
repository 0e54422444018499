# SPDX-License-Identifier: BSD-3-Clause
#
# Compiler and linker flags common to every component, from the build
# options in .config. The architecture adds its own with global-cflags-y.

GCC_INCLUDE := $(shell $(CC) -print-file-name=include)

opt-$(CONFIG_OPTIMIZE_NONE) := -O0
opt-$(CONFIG_OPTIMIZE_DEBUG) := -Og
opt-$(CONFIG_OPTIMIZE_PERF) := -O2
opt-$(CONFIG_OPTIMIZE_SIZE) := -Os

# Paths in debug info and __FILE__ are relative to the tree, the app, each
# extra library and the build folder, so builds in different folders are
# identical. GCC applies the last matching map: most specific last.
# Folders outside the tree become <name>/. Compilers run in the build
# folder (rules.mk), the compilation folder of the debug information: ".".
# The maps of folders outside the tree go to the components there only
# (uk_outside_flags): the tree's objects, compiled with the same commands
# wherever the app is, are then shared through the object cache by apps
# in different folders.
uk_outside = $(filter-out $(UK_ROOT)/%,$(1))
UK_O_MAP := -ffile-prefix-map=$(O)/=build/ -fdebug-prefix-map=$(O)=.
UK_PREFIX_MAP := -ffile-prefix-map=$(UK_ROOT)/= -fdebug-prefix-map=$(UK_ROOT)=. \
	$(UK_O_MAP)
UK_OUTSIDE_MAP := $(foreach d,$(call uk_outside,$(APP_DIR) $(EXTRA_LIB_DIRS)),\
	-ffile-prefix-map=$(d)/=$(notdir $(d))/)
# $(call uk_outside_flags,component folder)
uk_outside_flags = $(if $(call uk_outside,$(1)),$(UK_OUTSIDE_MAP) $(UK_O_MAP))

# GCC names a system header by its real path when that is shorter than
# the path it was found by: the preprocessed text (and the object cache's
# key) would then depend on how long the build folder's path is.
# UK_PIE: a platform links a position-independent image (link.mk), so
# every object must be position-independent; -fPIE costs next to nothing
# on x86_64 (RIP-relative addressing) and links into fixed images too.
UK_COMMON_FLAGS := -nostdinc $(if $(CONFIG_UK_PIE),-fPIE,-fno-pic -fno-pie) \
	-fno-common \
	-fno-canonical-system-headers \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	$(opt-y) \
	$(if $(CONFIG_OPTIMIZE_DEADELIM),-ffunction-sections -fdata-sections) \
	$(if $(CONFIG_OPTIMIZE_LTO),-flto -ffat-lto-objects) \
	$(if $(CONFIG_DEBUG_SYMBOLS),-g) \
	$(if $(CONFIG_FRAME_POINTERS),-fno-omit-frame-pointer \
		-mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls,\
		-fomit-frame-pointer) \
	$(if $(CONFIG_STACKPROTECTOR),-fstack-protector-strong,\
		-fno-stack-protector) \
	$(UK_PREFIX_MAP) \
	-D__TESSERA__ \
	$(addprefix -isystem ,$(UK_SYSINCLUDES) $(GCC_INCLUDE)) \
	-I$(O)/include -I$(UK_ROOT)/include

# Every source sees the configuration and the public headers of every
# component; fetched sources see only the options and the include
# folders upstream code can reach (components.mk).
UK_VIEW := -include uk/config.h $(addprefix -I,$(UK_INCLUDES))

UK_CFLAGS = -std=gnu11 -Wall -Wextra $(if $(CONFIG_WERROR),-Werror) \
	$(UK_COMMON_FLAGS) $(UK_GLOBAL_CFLAGS)
# Code outside the tree (an application or a library given with A= or
# L= from elsewhere) is the user's: its warnings are shown but do not
# stop the build; `cflags-y += -Werror` in its Makefile.uk makes them
# errors. $(call uk_cflags,component folder)
uk_cflags = $(if $(call uk_outside,$(1)),$(filter-out -Werror,$(UK_CFLAGS)),$(UK_CFLAGS))
UK_ASFLAGS = -D__ASSEMBLY__ $(UK_COMMON_FLAGS) $(UK_GLOBAL_ASFLAGS)
UK_EXTRA_CFLAGS := $(patsubst "%",%,$(CONFIG_UK_EXTRA_CFLAGS))

UK_LDFLAGS = -nostdlib -Wl,--build-id=none \
	-Wl,-L,$(UK_ROOT)/plat/common \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
	$(if $(CONFIG_OPTIMIZE_DEADELIM),-Wl$(comma)--gc-sections) \
	$(if $(CONFIG_OPTIMIZE_LTO),-flto=auto $(opt-y)) \
	$(UK_GLOBAL_LDFLAGS)
