/* SPDX-License-Identifier: ISC */
/*
 * Inside the full-screen UI: one struct tui for the whole run, a stack
 * of screens (the top one gets the keys; drawing starts at the topmost
 * screen that covers everything), and the helpers every screen draws
 * with.  One file per screen: iface.c, neigh.c, form.c, popup.c,
 * menu.c, sess.c (the current session), scroll.c (its scroll mode);
 * sessions.c keeps every session under way with its pane (pane.c),
 * sess_rc.c reconnects one that is lost, sess_tools.c has the menu's
 * console tools;
 * ping.c pings; dial.c connects by name.
 * Who calls whom, with no circle: tui.c (the top) starts the screens
 * and sets the hooks through which the frame reaches the sessions
 * (begin, end all, resize) and the table shows them; screens call each
 * other downwards (neigh -> dial, form, popup, ping; sess -> sessions;
 * menu, scroll -> sessions, form, popup; menu -> sess_tools ->
 * sessions, form; sessions -> neigh to resume, pane, sess_rc; sess_rc -> form, and starts a session again through
 * the hook sessions.c gives it) and every one calls the frame (frame.c)
 * and the drawing helpers (draw.c), which call no screen by name.  A screen is pushed
 * by naming its struct, which is no call.
 */
#ifndef L2C_UI_TUI_INT_H
#define L2C_UI_TUI_INT_H

#include <curses.h>
#include <stdint.h>

#include "core/family.h"
#include "core/frame.h"
#include "core/loop.h"
#include "core/neigh.h"
#include "core/ping_run.h"
#include "core/session.h"
#include "ui/console/console.h"
#include "ui/console/feed.h"
#include "ui/console/sess_log.h"
#include "ui/console/view.h"
#include "ui/cli/open.h"
#include "ui/conf/known.h"
#include "ui/conf/secret.h"
#include "ui/tui/tui.h"

#define TUI_DEPTH	6
#define TUI_NAMELEN	128
#define TUI_USERLEN	256
#define TUI_STATUSLEN	256
/* Bracketed paste's marks, as curses returns them (frame.c defines). */
#define TUI_KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define TUI_KEY_PASTE_END	(KEY_MAX + 2)

enum tui_attr {
	TA_NORMAL = 0,
	TA_HEADER,	/* top line */
	TA_KEYBAR,	/* bottom line, labels */
	TA_KEY,		/* bottom line, the keys */
	TA_SEL,		/* selected row */
	TA_COLHEAD,	/* column titles */
	TA_MT,		/* MikroTik badge */
	TA_MOP,		/* MOP badge */
	TA_RSV,		/* MOP console reserved */
	TA_DIM,		/* stale, or not offered */
	TA_ERR,		/* status: something failed */
	TA_OK,		/* status: good news */
	TA_BOX,		/* popup frame */
	TA_COUNT
};

struct tui;

/*
 * A screen, tmux's window_mode: its ops, and private data that lives
 * from its push to its pop.  With datalen, the frame keeps a copy of
 * the arg the pusher hands over (and frees it); else init makes the
 * data from arg, or without init the data is arg itself, which the
 * pusher owns.  free ends it; resize hears of a
 * new window size before the redraw.
 */
struct tui_screen {
	const char	*name;
	int		 full;		/* draws every cell: nothing below shows */
	int		 raw;		/* gets every key, ^C and ^L too */
	size_t		 datalen;	/* > 0: data is a copy of arg */
	void		*(*init)(struct tui *, const void *arg);
	void		(*free)(struct tui *, void *);
	void		(*resize)(struct tui *, void *);
	void		(*draw)(struct tui *, void *);
	void		(*key)(struct tui *, void *, int);
	/* Key bar: key, label, key, label, ..., NULL. */
	const char *const *keys;
};

/* What the neighbor screen asks for when Enter has been answered. */
struct tui_conn {
	const struct l2c_family *fam;	/* from the registry */
	uint8_t		 peer[L2C_ETH_ALEN];
	char		 name[TUI_NAMELEN];	/* identity, for titles */
	char		 user[TUI_USERLEN];
	char		 pass[L2C_SECRET_MAX];
};

/* The text popup (details, help, session info): lines and a title. */
#define TUI_POP_LINES	48
#define TUI_POP_COLS	160
struct tui_pop {
	char		 title[TUI_NAMELEN];
	char		 line[TUI_POP_LINES][TUI_POP_COLS];
	int		 n;
	int		 top;
};

/* A small form: labelled fields, one line each. */
#define TUI_FORM_FIELDS	3
struct tui_field {
	const char	*label;
	char		*buf;
	size_t		 len;
	int		 secret;	/* no echo at all */
};
struct tui_form {
	char		 title[TUI_NAMELEN];
	struct tui_field f[TUI_FORM_FIELDS];
	int		 n;
	int		 cur;
	void		(*done)(struct tui *, int ok);
};

/* A choice among a few lines (protocol to connect with). */
#define TUI_CHOICES	4
struct tui_choice {
	char		 title[TUI_NAMELEN];
	const char	*item[TUI_CHOICES];
	const struct l2c_family *fam[TUI_CHOICES];	/* item i's family */
	int		 n;
	int		 cur;
	void		(*done)(struct tui *, int which);	/* -1: cancel */
};

struct tui_iface;	/* iface.c */
struct tui_neigh;	/* neigh.c */
struct tui_ping;	/* ping.c */

/*
 * A console session under way, one of several (sessions.c owns them:
 * start, output into its pane, end; sess.c draws the current one and
 * hands it the keys; menu.c and scroll.c steer it).
 */
#define TUI_SESS_MAX	16	/* 1-9 in the menu for the first nine */
enum tui_sess_state {
	TS_CONNECTING,
	TS_CONNECTED,
	TS_LOST,		/* ended with an error after it was open */
	TS_CLOSED,
	TS_RECONNECTING,	/* lost, reconnect on: waiting, starting again */
};
struct tui_pane;
struct tui_palette;
struct tui_sess {
	struct tui		*t;
	const struct l2c_family	*fam;
	uint8_t			 peer[L2C_ETH_ALEN];
	char			 name[TUI_NAMELEN];
	char			 user[TUI_USERLEN];
	struct l2c_sess		 sess;
	int			 started;	/* sess exists */
	enum tui_sess_state	 state;
	int			 closing;	/* disconnect asked for */
	int			 err;		/* CLOSED's */
	struct l2c_sess_facts	 facts;
	int			 have_facts;
	struct tui_pane		*pane;
	struct l2c_sess_log	 log;
	uint8_t			 in[4096];	/* keys and answers, to go */
	size_t			 inlen;
	uint64_t		 in_lost;
	/* Paced input (ui/console/feed.h): a paste, a file sent. */
	struct l2c_feed		 feed;
	struct l2c_timer	 feed_timer;	/* in[] goes, or a line's wait */
	int			 paced;		/* in[] goes through the feed */
	int			 in_paste;	/* between bracketed paste's marks */
	/* The console's small tools (sess_tools.c), pane side. */
	struct l2c_view		 view;
	int			 typing;	/* the pane's reply is a key */
	struct l2c_timer	 progress;	/* a file's, in the status line */
	char			 tool[1024];	/* the tools' form field */
	struct l2c_timer	 grace;		/* CLOSED must come by then */
	struct l2c_timer	 reap;		/* freed outside its callbacks */
	int			 menu_cur;
	uint64_t		 start_us;
	struct l2c_sess_conf	 sc;		/* as started, for explain */
	char			 logpath[1024];	/* the log form's field */
	char			 find[TUI_NAMELEN];	/* scroll mode's search */
	char			 wpath[1024];	/* where w writes */
	/* Reconnect (sess_rc.c); pass is kept (mlock'ed) only while on. */
	int			 rc_on;
	int			 rc_kept;	/* pass holds the password */
	char			 pass[L2C_SECRET_MAX];
	/* sessions.c's: a new session into the pane with pass: 0 or error */
	int			(*restart)(struct tui_sess *);
	struct l2c_pinger	*rc_ping;
	struct l2c_timer	 rc_step;	/* the next step, from the loop */
	struct l2c_timer	 rc_end;	/* --reconnect's wait is over */
};
struct tui_sessions {
	struct tui_sess		*s[TUI_SESS_MAX];
	int			 n;
	int			 cur;		/* shown, or last shown */
	int			 base;		/* stack depth under sess screen */
	int			 shown;		/* the session screen is up */
	size_t			 scrollback;
	struct tui_palette	*pal;
};

struct tui {
	struct l2c_tui_opts	 o;
	struct l2c_loop		*loop;		/* the picker's, then u.loop */
	struct l2c_ui_link	 u;
	SCREEN			*scr;
	int			 curses_on;	/* curses owns the terminal */
	int			 color;
	attr_t			 attr[TA_COUNT];
	struct {
		const struct tui_screen	*s;
		void			*data;	/* the screen's own */
	}			 stack[TUI_DEPTH];
	int			 depth;
	int			 keys_on;
	int			 cur_y, cur_x;	/* text cursor, -1: hidden */
	int			 cursor_vis;
	struct l2c_timer	 redraw;
	char			 status[TUI_STATUSLEN];
	enum tui_attr		 status_attr;
	uint64_t		 status_us;	/* when it was said */
	struct l2c_timer	 status_clear;
	int			 quit;
	int			 exit_code;
	struct tui_conn		 conn;
	struct tui_pop		 pop;
	struct tui_form		 form;
	struct tui_choice	 choice;
	struct tui_iface	*ifc;
	struct tui_neigh	*nb;
	struct tui_sessions	 ss;		/* consoles under way */
	/* Hooks set by tui.c, so that the frame names no session code. */
	void			(*sess_begin)(struct tui *);
	int			(*sess_end_all)(struct tui *);
	void			(*sess_resize)(struct tui *);
	void			(*sess_show)(struct tui *, int);	/* neigh */
	struct tui_ping		*ping;
	int			 logfd;		/* --log, opened as root */
	struct l2c_known	 known;		/* devices logged in before */
	char			 dial[TUI_NAMELEN];	/* c: the station typed */
	int			(*dial_lookup)(struct tui *, const char *,
				    uint8_t *);
};

/* frame.c: the frame of the UI, below every screen. */
void	tui_frame_attach(struct tui *);	/* once t->loop is set */
/* Log the session to --log's file (a copy of the descriptor opened early). */
int	tui_log_attach(struct tui *, struct l2c_sess_log *);
/* Push a screen, its data made from arg: 0 or L2C_ERR_NOMEM. */
int	tui_push(struct tui *, const struct tui_screen *, const void *arg);
void	tui_pop(struct tui *);
/* Pop (and free) screens until depth are left. */
void	tui_pop_to(struct tui *, int depth);
const struct tui_screen *tui_top(const struct tui *);
void	tui_dirty(struct tui *);
void	tui_redraw_now(struct tui *);
void	tui_status(struct tui *, enum tui_attr, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	tui_quit(struct tui *, int);
void	tui_connect(struct tui *);	/* t->conn is filled in */
int	tui_curses_on(struct tui *);
void	tui_curses_off(struct tui *);
void	tui_keys(struct tui *, int on);
void	tui_feed_keys(struct tui *);	/* keys already in curses' queue */
void	tui_resized(struct tui *);
void	tui_signals(struct tui *);

/* Drawing helpers (draw.c). */
int	tui_term_ok(void);
void	tui_colors(struct tui *);
int	tui_put(int y, int x, int w, attr_t, const char *);
void	tui_fill(int y, int x, int w, attr_t);
void	tui_frame(struct tui *, int y, int x, int h, int w, const char *);
void	tui_header(struct tui *, const char *left, const char *right);
void	tui_keybar(struct tui *, const char *const *);
void	tui_statusline(struct tui *, int y);
char	*tui_age(uint64_t us, char *, size_t);
const char *tui_keyname(int esc, char *, size_t);
void	tui_file_name(char *, size_t, const char *name, const char *ext);

/* Screens. */
int	tui_pick_iface(struct tui *, char *, size_t);	/* iface.c */

int	tui_neigh_start(struct tui *);			/* neigh.c */
void	tui_neigh_stop(struct tui *);
void	tui_neigh_resume(struct tui *);
extern const struct tui_screen tui_scr_neigh;

void	tui_pop_show(struct tui *, const char *title);	/* popup.c */
void	tui_pop_add(struct tui *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	tui_pop_clear(struct tui *);
extern const struct tui_screen tui_scr_pop;
/* Up/k, Down/j move *cur within n lines: 1 if ch was one of them. */
int	tui_list_key(int *cur, int n, int ch);

void	tui_form_show(struct tui *);			/* form.c */
/* A form of one field into buf (len bytes); done(t, ok) when it ends. */
void	tui_form_one(struct tui *, const char *title, const char *label,
	    char *buf, size_t len, int secret, void (*done)(struct tui *, int));
void	tui_choice_show(struct tui *);
void	tui_login_form(struct tui *);
/* The user name and password fields, after t->form's others. */
void	tui_form_login(struct tui *);
/* t->conn.user empty: its family's default login. */
void	tui_conn_user(struct tui *);
/* The consoles n offers (every console when NULL) as the choice: count. */
int	tui_choice_families(struct tui *, const struct l2c_neigh *);

/* `c`: a station by name; lookup finds identities the caller has heard. */
void	tui_dial(struct tui *, int (*lookup)(struct tui *, const char *,
	    uint8_t *));					/* dial.c */

/* sessions.c: the sessions, each with its pane. */
void	tui_sess_begin(struct tui *);	/* t->conn is filled in: start one */
int	tui_sess_end_all(struct tui *);	/* nonzero: CLOSED still to come */
void	tui_sess_resize_all(struct tui *);
void	tui_sess_free_all(struct tui *);
struct tui_sess *tui_sess_cur(struct tui *);
void	tui_sess_show(struct tui *, int);	/* index; -1: the last shown */
void	tui_sess_next(struct tui *, int delta);
void	tui_sess_table(struct tui *);	/* the table, sessions running */
void	tui_sess_disconnect(struct tui *, struct tui_sess *);
int	tui_sess_send(struct tui_sess *, const void *, size_t);
/* A bracketed paste begins (1) or ends (0); ^C stops paced input. */
void	tui_sess_paste(struct tui_sess *, int begin);
void	tui_sess_paste_stop(struct tui_sess *, const char *why);
/* A file, line by line, its progress in the status line each second. */
void	tui_sess_send_file(struct tui_sess *, const char *path);

/* sess_tools.c: the session menu's console tools. */
void	tui_tool_flip(struct tui *, struct tui_sess *, enum l2c_view_switch);
void	tui_tool_maps(struct tui *, struct tui_sess *);
void	tui_tool_hex(struct tui *, struct tui_sess *);
void	tui_tool_send(struct tui *, struct tui_sess *);

/* sess_rc.c: reconnect, a session at a time. */
void	tui_rc_init(struct tui_sess *, const char *pass);	/* at begin */
void	tui_rc_free(struct tui_sess *);
/* CLOSED with err from state was: 1 when reconnect takes the session on. */
int	tui_rc_closed(struct tui_sess *, enum tui_sess_state was, int err);
void	tui_rc_wait(struct tui_sess *);	/* reaped: wait for the device */
void	tui_rc_opened(struct tui_sess *);
void	tui_rc_ended(struct tui_sess *);	/* lost for good: say why */
void	tui_rc_toggle(struct tui *, struct tui_sess *);	/* the menu's r */
/* A note line in s's pane, with the time. */
void	tui_sess_note(struct tui_sess *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* The pane and the session list, under whatever is drawn on top. */
void	tui_sess_draw(struct tui *, struct tui_sess *);
const char *tui_sess_state_name(const struct tui_sess *);
extern const struct tui_screen tui_scr_sess;		/* sess.c */
extern const struct tui_screen tui_scr_menu;		/* menu.c */
extern const struct tui_screen tui_scr_scroll;		/* scroll.c */
/* Scroll mode on the current session; find: ask what to search for. */
void	tui_scroll_open(struct tui *, int page_up, int find);
void	tui_scroll_write(struct tui *);

int	tui_ping_start(struct tui *, const struct l2c_family *, /* ping.c */
	    const uint8_t *, const char *name);
void	tui_ping_stop(struct tui *);

#endif
