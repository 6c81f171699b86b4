// SPDX-License-Identifier: GPL-2.0
/*
 * hooks.c: admins' own commands around up and down.  They run through
 * the shell, as wg-quick runs them, so existing configs (iptables rules
 * with pipes and quotes) work unchanged.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "hooks.h"
#include "log.h"

int vl_hooks_run(const struct vl_strv *cmds, const char *what,
		 const char *ifname)
{
	size_t i;
	int status;
	char *cmd;

	for (i = 0; i < cmds->n; i++) {
		cmd = vl_config_expand_hook(cmds->v[i], ifname);
		if (!cmd)
			return -ENOMEM;
		vl_log(LOG_INFO, "%s: %s", what, cmd);
		status = system(cmd);
		if (status == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			vl_log(LOG_ERR, "%s command failed (%s %d): %s", what,
			       WIFSIGNALED(status) ? "signal" : "status",
			       WIFSIGNALED(status) ? WTERMSIG(status) :
			       WEXITSTATUS(status), cmd);
			free(cmd);
			return -ECHILD;
		}
		free(cmd);
	}
	return 0;
}
