# SPDX-License-Identifier: BSD-3-Clause
#
# The host tools a build needs, each with the Debian package that has it.
# A missing tool stops the build naming the package; `make run` and
# `make test` first try support/scripts/install-deps.

CROSS_COMPILE ?=
CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)gcc-ar
OBJCOPY := $(CROSS_COMPILE)objcopy
KCONFIG_CONF := kconfig-conf
KCONFIG_MCONF := kconfig-mconf
KCONFIG_NCONF := kconfig-nconf

# The compile cache (main.mk) needs Debian's ccache; without it, or with
# UK_CACHE=0, every build folder compiles everything itself.
UK_CCACHE := $(if $(filter 1,$(UK_CACHE)),$(shell command -v ccache 2>/dev/null))

# tool:package pairs
UK_TOOLS := $(CC):gcc $(AR):gcc $(OBJCOPY):binutils \
	$(KCONFIG_CONF):kconfig-frontends

uk_missing_tools = $(shell for tp in $(UK_TOOLS); do \
	command -v "$${tp%%:*}" >/dev/null 2>&1 || echo "$$tp"; done)

missing_tools := $(uk_missing_tools)
ifneq ($(missing_tools),)
ifneq ($(filter run test,$(goals)),)
$(info Missing tools: $(missing_tools); running support/scripts/install-deps)
install_status := $(shell $(UK_ROOT)/support/scripts/install-deps >&2; echo $$?)
missing_tools := $(uk_missing_tools)
endif
endif
ifneq ($(missing_tools),)
$(call uk_fatal,missing host tools: $(foreach tp,$(missing_tools),\
$(word 1,$(subst :, ,$(tp))) (Debian package $(word 2,$(subst :, ,$(tp))))).,\
Run support/scripts/install-deps (as root it installs them with apt-get))
endif
