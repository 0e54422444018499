# SPDX-License-Identifier: BSD-3-Clause
#
# make run: run every image on its platform, in order, stopping at the
# first that fails and naming its exit status (make itself can only exit
# with 0 or 2; support/scripts/run IMAGE returns the status as is). Arguments:
# ARGS (command line for the image), PLAT (run the images of these
# platforms only, e.g. PLAT=kvm), and for VM platforms QEMU_ARGS,
# MEM (MiB) and GDB=1 (see support/scripts/run).
.PHONY: run
ARGS ?=
PLAT ?=
RUN_PLATS := $(or $(strip $(subst $(comma), ,$(PLAT))),$(ENABLED_PLATS))
ifneq ($(filter run,$(goals)),)
ifneq ($(filter-out $(ENABLED_PLATS),$(RUN_PLATS)),)
$(call uk_fatal,PLAT=$(PLAT): $(filter-out $(ENABLED_PLATS),$(RUN_PLATS)) is not \
selected in $(C) (selected: $(ENABLED_PLATS)).,Name a selected platform or \
select it in make menuconfig (Platforms))
endif
endif
RUN_IMAGES := $(foreach p,$(RUN_PLATS),$(IMAGE_$(p)))
run: $(RUN_IMAGES)
	$(Q)for img in $(RUN_IMAGES); do \
		$(UK_ROOT)/support/scripts/run "$$img" $(ARGS) || { st=$$?; \
		echo "run: $${img##*/} exited with status $$st" >&2; exit $$st; }; \
	done
