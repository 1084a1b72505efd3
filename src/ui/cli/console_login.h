/* SPDX-License-Identifier: ISC */
/*
 * The console's own login, answered once for an interactive session
 * (`mop --login-user`): a filter between the session and the console
 * face that types the user at "Username:" and the password at
 * "Password:" (script/prompt.h's questions), then steps aside.  The
 * user lands at the device's prompt; a second "Username:" means the
 * login was refused, and the dialogue is the user's from there.
 *
 *	l2c_clogin_init(&cl, l2c_console_cb(con), user, password);
 *	family->start(ctx, &sc, &cl.cb, &sess);
 *	cl.sess = &sess;
 */
#ifndef L2C_UI_CLI_CONSOLE_LOGIN_H
#define L2C_UI_CLI_CONSOLE_LOGIN_H

#include <stddef.h>

#include "core/session.h"

struct l2c_clogin {
	struct l2c_sess_cb	  cb;	/* give this one to the session */
	const struct l2c_sess_cb *down;	/* the console's */
	struct l2c_sess		 *sess;	/* set once the session started */
	const char		 *user, *password;
	char			  row[160];
	size_t			  rowlen;
	int			  state;
	int			  refused;
};

void	l2c_clogin_init(struct l2c_clogin *, const struct l2c_sess_cb *down,
	    const char *user, const char *password);

#endif
