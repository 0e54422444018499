# SPDX-License-Identifier: BSD-3-Clause
#
# Linking: each enabled platform's Linker.uk calls uk_link_image, which
# links every component's archive into build/<app>_<plat>-<arch>.dbg (with
# symbols) and strips it into build/<app>_<plat>-<arch>.

IMAGES :=

# Archives of everything but the platforms: each platform adds its own.
UK_COMMON_ARS = $(foreach c,$(filter-out plat_%,$(COMPONENTS)),$($(c)_AR))

# $(call uk_link_image,plat,linker script,extra ldflags,extra strip flags)
# A platform whose Linker.uk sets PIE_<plat> to y links a static PIE (no
# dynamic loader: the image applies its relocations itself; the objects
# are then built with -fPIE, UK_PIE); else a fixed-address executable.
define uk_link_image
IMAGE_$(1) := $(O)/$(APP_NAME)_$(1)-$(UK_ARCH)
IMAGES += $$(IMAGE_$(1))
LINK_$(1) = $$(CC) $$(UK_LDFLAGS) \
	$$(if $$(filter y,$$(PIE_$(1))),-static-pie,-static -no-pie) $(3) -Wl,-T,$(2) -Wl,-Map,$$@.map -o $$@ \
	-Wl,--whole-archive $$(plat_$(1)_AR) $$(UK_COMMON_ARS) \
	-Wl,--no-whole-archive -lgcc
STRIP_$(1) = $$(OBJCOPY) --strip-all -R .comment $(4) $$< $$@
$$(IMAGE_$(1)).dbg: $$(plat_$(1)_AR) $$(UK_COMMON_ARS) $(2)
	$$(call cmd,LD,$$(call rel,$$@),$$(LINK_$(1)))
$$(IMAGE_$(1)): $$(IMAGE_$(1)).dbg
	$$(call cmd,STRIP,$$(call rel,$$@),$$(STRIP_$(1)))
endef

$(foreach p,$(ENABLED_PLATS),$(eval UK_D := $(UK_ROOT)/plat/$(p))\
	$(eval include $(UK_ROOT)/plat/$(p)/Linker.uk))

all: $(IMAGES)
	@:
