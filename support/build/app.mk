# SPDX-License-Identifier: BSD-3-Clause
#
# Included by every application's Makefile after it set UK_ROOT (and,
# optionally, L for extra libraries): hands each goal to the tree's
# Makefile with A= this application.
#
# The tree's make runs in the tree: relative paths given here (O=, C=,
# DEFCONFIG=, L=, UK_ROOT=, on the command line or in the app's
# Makefile) are made absolute first, against this folder (the one
# `make -C` went to), so that `make -C apps/lua defconfig
# DEFCONFIG=defconfig` reads apps/lua/defconfig.
uk_app_sp := $() $()
uk_app_vars := $(foreach v,O C DEFCONFIG,$(if $($(v)),$(v)=$(abspath $($(v)))))
uk_app_vars += $(if $(L),L=$(subst $(uk_app_sp),:,$(strip \
	$(foreach l,$(subst :, ,$(L)),$(abspath $(l))))))

# Phony: goals like "defconfig" are also names of files in an app folder.
uk_app_goals := $(or $(MAKECMDGOALS),all)
.PHONY: $(uk_app_goals)
.NOTPARALLEL:
$(uk_app_goals):
	@$(MAKE) --no-print-directory -C $(abspath $(UK_ROOT)) A=$(CURDIR) \
		$(uk_app_vars) $@
