# The helper: every .c file in user/ is part of it.
HELPER_SRCS := $(sort $(wildcard user/*.c))
HELPER_HDRS := $(sort $(wildcard user/*.h)) include/uapi/linux/vpnlink.h
HELPER_PKGS := libcrypto libnl-genl-3.0 libnl-route-3.0 json-c libnftables
HELPER_CFLAGS = $(shell pkg-config --cflags $(HELPER_PKGS))
HELPER_LIBS = $(shell pkg-config --libs $(HELPER_PKGS))

user: user/vpnlink-helper

user/vpnlink-helper: $(HELPER_SRCS) $(HELPER_HDRS) user/user.mk
	$(CC) $(CFLAGS) $(HELPER_CFLAGS) -o $@ $(HELPER_SRCS) $(LDFLAGS) $(HELPER_LIBS)

# The same helper with ASan and UBSan, as the unit tests are built, among
# the test tools (the top Makefile's `tools`): a scenario
# (tests/scenarios/10) runs its daemons under them, where LSan checks each
# at `down`.  Never installed.
HELPER_SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all

build/vpnlink-helper-asan: $(HELPER_SRCS) $(HELPER_HDRS) user/user.mk
	@mkdir -p build
	$(CC) $(CFLAGS) $(HELPER_SANITIZE) $(HELPER_CFLAGS) -o $@ $(HELPER_SRCS) $(LDFLAGS) $(HELPER_LIBS)
