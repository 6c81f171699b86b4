# SPDX-License-Identifier: GPL-2.0
# The helper's configuration parser and key encoding (user/config*.c,
# user/key.c): test_config, in every flavour of unit.mk, which includes
# this fragment.  Needs only libcrypto.

UNIT_TESTS += test_config

CONFIG_UNIT_USER := $(UNIT_TOP)/user
CONFIG_UNIT_SRCS := $(addprefix $(CONFIG_UNIT_USER)/,config.c config_file.c \
	config_hook.c config_keys.c config_table.c config_values.c key.c)
CONFIG_UNIT_HDRS := $(addprefix $(CONFIG_UNIT_USER)/,config.h \
	config_parse.h config_values.h key.h)

define config_unit_rules
$(UNIT_OUT)/$(1)/test_config: $(UNIT_DIR)/test_config.c $(CONFIG_UNIT_SRCS) \
		$(CONFIG_UNIT_HDRS) $(UNIT_DIR)/tap.h $(UNIT_DIR)/config.unit.mk
	@mkdir -p $$(@D)
	$$(CC) $(call unit_flags,$(1)) $(UNIT_CRYPTO_CFLAGS) \
		-iquote $(CONFIG_UNIT_USER) -iquote $(UNIT_DIR) -o $$@ $$< \
		$(CONFIG_UNIT_SRCS) $(UNIT_CRYPTO_LIBS)
endef
$(foreach f,$(UNIT_FLAVOURS),$(eval $(call config_unit_rules,$(f))))
