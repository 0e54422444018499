# SPDX-License-Identifier: BSD-3-Clause
#
# Small helpers shared by the build files.

empty :=
space := $(empty) $(empty)
comma := ,

# $(call uk_fatal,what is wrong,what to do): stop with a two-line message
# instead of make's own "*** ... Stop." backtrace.
define uk_fatal
$(shell printf 'error: %s\n  hint: %s\n' '$(subst ','"'"',$(strip $(1)))' \
	'$(subst ','"'"',$(strip $(2)))' >&2)$(error Build stopped)
endef

# Upper case, - to _: a folder name as a KConfig symbol (one line: a
# continuation would put spaces into the arguments).
uk_upper = $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(subst -,_,$(1))))))))))))))))))))))))))))

# Quiet command: `  CC      lib/ukboot/boot.o`, or the command with V=1.
# $(call cmd,TAG,shown-name,command)
ifeq ($(V),1)
cmd = $(3)
else
cmd = @printf '  %-7s %s\n' '$(1)' '$(2)'; $(3)
endif

# Path of a build output relative to the build folder, for messages.
rel = $(patsubst $(O)/%,%,$(1))

# Write $(2) to file $(1) only when the content changes, so that the
# file's timestamp moves only on real change. cmp compares: make 4.3's
# findstring missed two equal 843-byte strings read by $(file <), and
# the file was written again by every make.
define uk_write_if_changed
$(if $(wildcard $(dir $(1))),,$(shell mkdir -p $(dir $(1))))$(file >$(1).new,$(2))$(shell cmp -s $(1).new $(1) \
	&& rm -f $(1).new || mv -f $(1).new $(1))
endef

# Non-empty when the two strings are equal (each contains the other).
uk_streq = $(if $(1)$(2),$(and $(findstring $(1),$(2)),$(findstring $(2),$(1))),y)

define uk_nl


endef
