# SPDX-License-Identifier: BSD-3-Clause
#
# Included by every application's Makefile after it set UK_ROOT (and,
# optionally, L for extra libraries): hands each goal to the tree's
# Makefile with A= this application.

# Phony: goals like "defconfig" are also names of files in an app folder.
uk_app_goals := $(or $(MAKECMDGOALS),all)
.PHONY: $(uk_app_goals)
.NOTPARALLEL:
$(uk_app_goals):
	@$(MAKE) --no-print-directory -C $(UK_ROOT) A=$(CURDIR) \
		$(if $(L),L=$(L)) $@
