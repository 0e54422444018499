# SPDX-License-Identifier: BSD-3-Clause
#
# Goals that need no application: help, test, bench, install-deps.
.PHONY: help test bench install-deps

help:
	@cat $(UK_ROOT)/support/build/help.txt

test:
	$(Q)$(UK_ROOT)/support/scripts/test $(TESTS)

bench:
	$(Q)$(UK_ROOT)/support/bench/run $(BENCHES)

install-deps:
	$(Q)$(UK_ROOT)/support/scripts/install-deps
