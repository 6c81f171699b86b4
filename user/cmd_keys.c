// SPDX-License-Identifier: GPL-2.0
/*
 * genkey, genpsk and pubkey: wg(8)'s commands of the same names, with the
 * same output byte for byte, so that keys move freely between the two.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "commands.h"
#include "key.h"

#define PROG	"vpnlink-helper"

/* Far more than a key and its blanks: anything longer is not a key. */
#define PUBKEY_INPUT_MAX	4096

/* --help, or the exit status of a usage error; -1 to go on. */
static int no_args(int argc, char **argv, const char *what)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* main() may have run getopt already: start over (glibc: 0). */
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c != 'h')
			goto usage;
		printf("usage: %s %s\n\n%s\n", PROG, argv[0], what);
		return 0;
	}
	if (optind == argc)
		return -1;
	fprintf(stderr, "%s %s: unexpected argument '%s'\n", PROG, argv[0],
		argv[optind]);
usage:
	fprintf(stderr, "usage: %s %s [--help]\n", PROG, argv[0]);
	return 2;
}

static int put_key(const uint8_t k[VL_KEY_LEN])
{
	char b64[VL_KEY_B64_LEN + 1];
	int ret = 0;

	vl_key_to_base64(k, b64);
	if (puts(b64) == EOF || fflush(stdout) == EOF) {
		perror(PROG);
		ret = 1;
	}
	OPENSSL_cleanse(b64, sizeof(b64));
	return ret;
}

/* wg's warning, for keys written where others could read them. */
static void warn_if_readable(void)
{
	struct stat st;

	if (!fstat(STDOUT_FILENO, &st) && S_ISREG(st.st_mode) &&
	    (st.st_mode & S_IRWXO))
		fputs("Warning: writing to world accessible file.\n"
		      "Consider setting the umask to 077 and trying again.\n",
		      stderr);
}

static int generate(int argc, char **argv, const char *what,
		    int (*gen)(uint8_t k[VL_KEY_LEN]))
{
	uint8_t k[VL_KEY_LEN];
	int ret = no_args(argc, argv, what);

	if (ret >= 0)
		return ret;
	warn_if_readable();
	if (gen(k)) {
		fprintf(stderr, "%s %s: no random bytes from OpenSSL\n", PROG,
			argv[0]);
		return 1;
	}
	ret = put_key(k);
	OPENSSL_cleanse(k, sizeof(k));
	return ret;
}

int cmd_genkey(int argc, char **argv)
{
	return generate(argc, argv,
			"Prints a new private key in base64, clamped as `wg genkey` does.",
			vl_key_generate_private);
}

int cmd_genpsk(int argc, char **argv)
{
	return generate(argc, argv,
			"Prints a new preshared key: 32 random bytes in base64.",
			vl_key_generate_psk);
}

/* wg skips NUL bytes after the key as it skips blanks. */
static bool blank(char c)
{
	return !c || isspace((unsigned char)c);
}

/*
 * The key on stdin with the blanks around it dropped; NULL if there is
 * too much input, or a NUL byte inside what is left.
 */
static char *read_key(char *buf, size_t size)
{
	size_t n = fread(buf, 1, size, stdin);
	char *s = buf;

	if (n == size || ferror(stdin))
		return NULL;
	while (n && blank(buf[n - 1]))
		n--;
	buf[n] = '\0';
	while (n && blank(*s)) {
		s++;
		n--;
	}
	return strlen(s) == n ? s : NULL;
}

int cmd_pubkey(int argc, char **argv)
{
	char buf[PUBKEY_INPUT_MAX];
	uint8_t priv[VL_KEY_LEN], pub[VL_KEY_LEN];
	char *s;
	int ret = no_args(argc, argv,
			  "Reads a private key in base64 on stdin and prints its public key.");

	if (ret >= 0)
		return ret;
	s = read_key(buf, sizeof(buf));
	if (!s || vl_key_from_base64(s, priv)) {
		fprintf(stderr, "%s %s: Key is not the correct length or format\n",
			PROG, argv[0]);
		ret = 1;
	} else if (vl_key_public(priv, pub)) {
		fprintf(stderr, "%s %s: cannot compute the public key\n", PROG,
			argv[0]);
		ret = 1;
	} else {
		ret = put_key(pub);
	}
	OPENSSL_cleanse(buf, sizeof(buf));
	OPENSSL_cleanse(priv, sizeof(priv));
	return ret;
}
