# SPDX-License-Identifier: GPL-2.0
# The parsers of `vpnlink-helper audit` (user/audit_proc.c,
# audit_services.c, audit_inetd.c, audit_nftjson.c): test_audit, in every
# flavour of unit.mk, which includes this fragment.  Needs only json-c.

UNIT_TESTS += test_audit

AUDIT_UNIT_USER := $(UNIT_TOP)/user
AUDIT_UNIT_SRCS := $(addprefix $(AUDIT_UNIT_USER)/,audit_proc.c \
	audit_services.c audit_inetd.c audit_nftjson.c)
AUDIT_UNIT_JSON_CFLAGS := $(shell pkg-config --cflags json-c)
AUDIT_UNIT_JSON_LIBS := $(shell pkg-config --libs json-c || echo -ljson-c)

define audit_unit_rules
$(UNIT_OUT)/$(1)/test_audit: $(UNIT_DIR)/test_audit.c $(AUDIT_UNIT_SRCS) \
		$(AUDIT_UNIT_USER)/audit.h $(UNIT_DIR)/tap.h \
		$(UNIT_DIR)/audit.unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(AUDIT_UNIT_JSON_CFLAGS) \
		-iquote $(AUDIT_UNIT_USER) -iquote $(UNIT_DIR) -o $$@ $$< \
		$(AUDIT_UNIT_SRCS) $(AUDIT_UNIT_JSON_LIBS)
endef
$(foreach f,$(UNIT_FLAVOURS),$(eval $(call audit_unit_rules,$(f))))
