# The helper.  Issue 3 grows it; for now it only knows its name.
HELPER_SRCS := user/main.c

user: user/vpnlink-helper

user/vpnlink-helper: $(HELPER_SRCS) include/uapi/linux/vpnlink.h
	$(CC) $(CFLAGS) -o $@ $(HELPER_SRCS) $(LDFLAGS)
