# SPDX-License-Identifier: GPL-2.0
# The helper's test-only settings (user/testing.c): test_testing, in every
# flavour of unit.mk, which includes this fragment.  Needs only libc.

UNIT_TESTS += test_testing

TESTING_UNIT_USER := $(UNIT_TOP)/user

define testing_unit_rules
$(UNIT_OUT)/$(1)/test_testing: $(UNIT_DIR)/test_testing.c \
		$(TESTING_UNIT_USER)/testing.c $(TESTING_UNIT_USER)/testing.h \
		$(UNIT_DIR)/tap.h $(UNIT_DIR)/testing.unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) -iquote $(TESTING_UNIT_USER) \
		-iquote $(UNIT_DIR) -o $$@ $$< $(TESTING_UNIT_USER)/testing.c
endef
$(foreach f,$(UNIT_FLAVOURS),$(eval $(call testing_unit_rules,$(f))))
