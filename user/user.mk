# The helper: every .c file in user/ is part of it.
HELPER_SRCS := $(sort $(wildcard user/*.c))
HELPER_HDRS := $(sort $(wildcard user/*.h)) include/uapi/linux/vpnlink.h
HELPER_PKGS := libcrypto libnl-genl-3.0 libnl-route-3.0 json-c libnftables
HELPER_CFLAGS = $(shell pkg-config --cflags $(HELPER_PKGS))
HELPER_LIBS = $(shell pkg-config --libs $(HELPER_PKGS))

user: user/vpnlink-helper

user/vpnlink-helper: $(HELPER_SRCS) $(HELPER_HDRS) user/user.mk
	$(CC) $(CFLAGS) $(HELPER_CFLAGS) -o $@ $(HELPER_SRCS) $(LDFLAGS) $(HELPER_LIBS)
