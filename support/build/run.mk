# SPDX-License-Identifier: BSD-3-Clause
#
# make run: run every image on its platform, in order, stopping at the
# first that fails and naming its exit status (make itself can only exit
# with 0 or 2; support/scripts/run IMAGE returns the status as is). Arguments:
# ARGS (command line for the image), and for VM platforms QEMU_ARGS,
# MEM (MiB) and GDB=1 (see support/scripts/run).
.PHONY: run
ARGS ?=
run: $(IMAGES)
	$(Q)for img in $(IMAGES); do \
		$(UK_ROOT)/support/scripts/run "$$img" $(ARGS) || { st=$$?; \
		echo "run: $${img##*/} exited with status $$st" >&2; exit $$st; }; \
	done
