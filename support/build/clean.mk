# SPDX-License-Identifier: BSD-3-Clause
#
# clean: build outputs, keeping the synced configuration;
# properclean: the whole build folder; distclean: also .config.
.PHONY: clean properclean distclean
clean:
	$(Q)if [ -d $(O) ]; then find $(O) -mindepth 1 -maxdepth 1 \
		! -name config ! -name kconfig ! -name include \
		-exec rm -rf {} +; fi
properclean:
	$(Q)rm -rf $(O)
distclean: properclean
	$(Q)rm -f $(C) $(C).old
