# SPDX-License-Identifier: GPL-2.0
# What `vpnlink-helper routes` prints (user/routes_format.c): test_routes,
# in every flavour of unit.mk, which includes this fragment.  Needs only
# libc: the formatter reads neither the system nor a file.

UNIT_TESTS += test_routes

ROUTES_UNIT_USER := $(UNIT_TOP)/user
ROUTES_UNIT_SRCS := $(addprefix $(ROUTES_UNIT_USER)/,routes_format.c \
	config_values.c)
ROUTES_UNIT_HDRS := $(addprefix $(ROUTES_UNIT_USER)/,routes_format.h \
	config.h config_values.h key.h)

define routes_unit_rules
$(UNIT_OUT)/$(1)/test_routes: $(UNIT_DIR)/test_routes.c $(ROUTES_UNIT_SRCS) \
		$(ROUTES_UNIT_HDRS) $(UNIT_DIR)/tap.h $(UNIT_DIR)/routes.unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) -iquote $(ROUTES_UNIT_USER) \
		-iquote $(UNIT_DIR) -o $$@ $$< $(ROUTES_UNIT_SRCS)
endef
$(foreach f,$(UNIT_FLAVOURS),$(eval $(call routes_unit_rules,$(f))))
