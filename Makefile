# SPDX-License-Identifier: BSD-3-Clause
#
# Tessera top-level Makefile. Usually reached through an application's own
# Makefile (make -C apps/helloworld ...), which passes A=<app folder>.
# The machinery lives in support/build/; `make help` lists targets.

# Built-in rules and variables only slow us down and surprise readers.
MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DELETE_ON_ERROR:

# The tree is where this file is, whatever UK_ROOT= the command line gave
# (an app's make may have been given a path relative to the app).
override UK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
export UK_ROOT

ifneq ($(words $(UK_ROOT)),1)
$(error The Tessera tree must not live in a path with spaces: '$(UK_ROOT)')
endif

include $(UK_ROOT)/support/build/main.mk
