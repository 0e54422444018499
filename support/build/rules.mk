# SPDX-License-Identifier: BSD-3-Clause
#
# Compile rules: one rule per object, generated from the registered
# components, with header dependencies (-MD) tracked; one archive per
# component.

# -MD, not -MMD: the object cache takes an object's headers from this file
# (depend mode, below), and a C library's headers are system headers.
DEPFLAGS = -MD -MP -MF $(UK_DEP_FILE)

# Through the compile cache (tools.mk), compilers run in the build folder
# with ccache rewriting the paths under it to relative ones: the same
# source compiled in two build folders is then one cache entry. The
# dependency file then names those paths relative to the build folder;
# make reads it from the tree, so the compiler writes it to .d.rel, made
# absolute in .d by one awk per component archive over the objects
# compiled since (after an interrupted build, by the next one).
# The compiler is identified by the contents of its driver, its compilers
# proper and the assembler (computed once per make, when first needed).
# ccache leaves the path maps (flags.mk) out of its key, though they go
# into __FILE__ and the debug information: they join the compiler's.
# Depend mode: a miss is one compiler run, with no preprocessor run before
# it to key the object (a cold build spends about 15% less CPU); the key
# is the command line and the contents of the headers in the dependency
# file.
ifneq ($(UK_CCACHE),)
uk_compiler_files = $(CC) $(shell $(CC) -print-prog-name=cc1) \
	$(shell $(CC) -print-prog-name=lto1) $(shell command -v $(CROSS_COMPILE)as)
UK_COMPILER_ID = $(eval UK_COMPILER_ID := $(shell cksum $(foreach f,\
	$(uk_compiler_files),$(realpath $(or $(shell command -v $(f)),$(f)))) | \
	cksum | cut -d' ' -f1))$(UK_COMPILER_ID)
UK_PATH_MAP_ID := $(shell printf '%s' '$(subst $(O),<O>,$(UK_PREFIX_MAP))' | \
	cksum | cut -d' ' -f1)
# Builds running side by side (the test suite's, or a user's for two
# platforms) compile the same object one at a time: the first compiles it,
# the others then find it in the cache instead of compiling it too.
UK_LOCK_DIR := $(UK_CACHE_DIR)/locks
$(shell mkdir -p $(UK_LOCK_DIR))
UK_COMPILE = cd $(O) && CCACHE_DIR=$(UK_CACHE_DIR)/objects \
	CCACHE_BASEDIR=$(O) CCACHE_COMPILERCHECK=string:$(UK_COMPILER_ID)-$(UK_PATH_MAP_ID) \
	CCACHE_NOHASHDIR=1 CCACHE_DEPEND=1 flock $(UK_LOCK_DIR)/$(subst /,_,$(call rel,$@)) $(UK_CCACHE) $(CC)
UK_DEP_FILE = $(@:.o=.d.rel)
UK_FIX_DEPS = $(file >$@.deps,$(wildcard $(?:.o=.d.rel))) xargs -r awk -v o='$(O)' \
	'FNR == 1 { if (out != "") close(out); out = substr(FILENAME, 1, length(FILENAME) - 4) } \
	{ for (i = 1; i <= NF; i++) if ($$i !~ /^[\/\\]/) $$i = o "/" $$i; print > out }' <$@.deps &&
else
UK_COMPILE = $(CC)
UK_DEP_FILE = $(@:.o=.d)
UK_FIX_DEPS =
endif

# The flags of source $(2) of component $(1), by the source's type. A
# source's own optimisation level (cflags-file.c += -Os) takes the build's
# place in the command line rather than following it: the command is then
# the one a build at that level runs, and the object cache serves both.
uk_file_opt = $(lastword $(filter -O%,$($(1)_FLAGS_$(2))))
uk_opt_flags = $(if $(call uk_file_opt,$(2),$(3)),\
	$(patsubst $(opt-y),$(call uk_file_opt,$(2),$(3)),$(1)),$(1))
uk_flags_.c = $(call uk_opt_flags,$(call uk_cflags,$($(1)_DIR)),$(1),$(2)) \
	$(call uk_outside_flags,$($(1)_DIR)) $(or $($(1)_VIEW_$(2)),$(UK_VIEW)) \
	$(addprefix -I,$($(1)_INCLUDES)) $($(1)_CFLAGS) \
	$(filter-out -O%,$($(1)_FLAGS_$(2))) $(UK_EXTRA_CFLAGS)
uk_flags_.S = $(UK_ASFLAGS) $(call uk_outside_flags,$($(1)_DIR)) $(or $($(1)_VIEW_$(2)),$(UK_VIEW)) \
	$(addprefix -I,$($(1)_INCLUDES)) $($(1)_ASFLAGS) $($(1)_FLAGS_$(2))
uk_tag_.c := CC
uk_tag_.S := AS

# $(call uk_obj_rule,component,source,object)
define uk_obj_rule
$(3): $(2) $($(1)_DIR)/Makefile.uk $(CONFIG_H) | $(AUTOCONF)
ifneq ($(uk_tag_$(suffix $(2))),)
	$$(call cmd,$(uk_tag_$(suffix $(2))),$$(call rel,$$@),{ [ -d $$(@D) ] || mkdir -p $$(@D); } && $$(UK_COMPILE) $$(call uk_flags_$(suffix $(2)),$(1),$(2)) $$(DEPFLAGS) -c $$< -o $$@)
else
	$$(call uk_fatal,$(2): unknown source type (use .c or .S).,\
Rename it or drop it from srcs-y in $($(1)_DIR)/Makefile.uk)
endif
endef

$(foreach c,$(COMPONENTS),$(foreach s,$($(c)_SRCS),\
	$(eval $(call uk_obj_rule,$(c),$(s),$(call uk_obj,$($(c)_DIR),$($(c)_OBJDIR),$(s))))))

# One archive per component, e.g. build/lib/ukboot.a. Rebuilt from scratch
# (objects in different subfolders may share a file name). The objects are
# named in a file: musl's 1,400 paths overflow one command line (128 KiB)
# in a deep build folder.
# $(call uk_ar_rule,component)
define uk_ar_rule
$(1)_AR := $($(1)_OBJDIR).a
$$($(1)_AR): $$($(1)_OBJS)
	$$(file >$$@.objs,$$^)
	$$(call cmd,AR,$$(call rel,$$@),$$(UK_FIX_DEPS) rm -f $$@ && $$(AR) qcsD $$@ @$$@.objs\
	$$(if $$($(1)_UPSTREAM_KEY), && $$(UPSTREAM_CACHE) put $$(UK_CACHE_DIR) $$(O) $$($(1)_NAME) $$($(1)_UPSTREAM_KEY)))
endef
$(foreach c,$(COMPONENTS),$(eval $(call uk_ar_rule,$(c))))

# The objects of fetched code that another build folder has compiled with
# the same commands come from the machine's cache in one piece
# (support/build/upstream-cache), not one by one. They depend on the file
# of their commands, so that any change of command compiles them again
# (and the cache's entry is then always the one its key names).
ifneq ($(UK_CCACHE),)
UPSTREAM_CACHE := $(UK_ROOT)/support/build/upstream-cache
uk_upstream_line = $(call rel,$(call uk_obj,$($(1)_DIR),$($(1)_OBJDIR),$(2))) \
	$(subst $(O),<O>,$(2) $(call uk_flags_$(suffix $(2)),$(1),$(2)))
# $(call uk_upstream_cache,component)
define uk_upstream_cache
$(1)_UPSTREAM_CMDS := $(O)/config/upstream-$($(1)_NAME).cmds
$(1)_UPSTREAM_SRCS := $(filter-out $($(1)_FETCH_OPTIONAL),\
	$(filter $(O)/src/$($(1)_NAME)/%,$($(1)_SRCS)))
$$(call uk_write_if_changed,$$($(1)_UPSTREAM_CMDS),compiler $$(UK_COMPILER_ID)-$$(UK_PATH_MAP_ID)\
$$(foreach s,$$($(1)_UPSTREAM_SRCS),$$(uk_nl)$$(strip $$(call uk_upstream_line,$(1),$$(s)))))
$(1)_UPSTREAM_KEY := $$(shell $$(UPSTREAM_CACHE) get $$(UK_CACHE_DIR) $$(O) $($(1)_NAME))
$$(foreach s,$$($(1)_UPSTREAM_SRCS),$$(call uk_obj,$($(1)_DIR),$($(1)_OBJDIR),$$(s))): \
	$$($(1)_UPSTREAM_CMDS)
endef
$(foreach c,$(COMPONENTS),$(if $($(c)_UPSTREAM_VIEW),$(eval $(call uk_upstream_cache,$(c)))))
endif


-include $(ALL_OBJS:.o=.d)
