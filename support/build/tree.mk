# SPDX-License-Identifier: BSD-3-Clause
#
# Goals that need no application: help, test, check, bench, fuzz,
# install-deps, cache-clean, cache-stats, test-redis-suite, lint.
.PHONY: help test check bench fuzz install-deps cache-clean cache-stats \
	test-redis-suite lint

help:
	@cat $(UK_ROOT)/support/build/help.txt

test:
	$(Q)$(UK_ROOT)/support/scripts/test $(TESTS)

# The quick tier for the inner loop: configuration, the build, the unit
# tests on linuxu and kvm, kvm boots.
CHECK_GROUPS := 10-config 20-build 40-unittest 60-kvm
check:
	$(Q)$(UK_ROOT)/support/scripts/test $(CHECK_GROUPS)

# Redis's whole test suite (minutes): not part of test.
test-redis-suite:
	$(Q)$(UK_ROOT)/support/scripts/redis-suite

UK_OBJECT_CACHE := $(UK_CACHE_DIR)/objects
cache-clean:
	$(Q)rm -rf $(UK_OBJECT_CACHE) $(UK_CACHE_DIR)/upstream $(UK_CACHE_DIR)/locks
	@echo "  CLEAN   $(UK_OBJECT_CACHE) (downloads in $(DL_DIR) are kept)"

cache-stats:
	$(Q)if [ -d $(UK_OBJECT_CACHE) ]; then CCACHE_DIR=$(UK_OBJECT_CACHE) \
		ccache --show-stats; else echo "no object cache in $(UK_OBJECT_CACHE)"; fi
	$(Q)echo "archives of upstream objects: $$(ls $(UK_CACHE_DIR)/upstream 2>/dev/null | wc -l)," \
		"$$(du -sh $(UK_CACHE_DIR)/upstream 2>/dev/null | cut -f1) in $(UK_CACHE_DIR)/upstream"

bench:
	$(Q)$(UK_ROOT)/support/bench/run $(BENCHES)

# The parser fuzzers (support/fuzz, doc/fuzzing.md): FUZZERS="cpio 9p"
# picks some, FUZZ_TIME=<seconds> each (60), FUZZ_RUNS=<n> executions
# each instead; their build goes to build/fuzz.
fuzz:
	$(Q)$(UK_ROOT)/support/fuzz/run $(FUZZERS)

# Format, cppcheck and ShellCheck (doc/style.md); LINT="format" picks.
lint:
	$(Q)$(UK_ROOT)/support/lint/run $(LINT)

install-deps:
	$(Q)$(UK_ROOT)/support/scripts/install-deps
