/* SPDX-License-Identifier: ISC */
/*
 * The terminal model: the exact answers to the probes RouterOS 7.2x
 * sends, and the session as text lines the way a screen shows them
 * (redraws, wrapped long lines, rows that scroll off).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "../lib/capture.h"
#include "ui/console/vt.h"
#include "ui/console/vt_id.h"

#define ESC	"\033"

/* What the model said back, and the lines it gave, "\n" after each. */
struct seen {
	char	 reply[4096];
	size_t	 rlen;
	char	*lines;
	size_t	 llen;
	int	 nlines;
};

static void
on_reply(void *arg, const char *p, size_t n)
{
	struct seen	*s = arg;

	assert_true(s->rlen + n < sizeof(s->reply));
	memcpy(s->reply + s->rlen, p, n);
	s->rlen += n;
	s->reply[s->rlen] = '\0';
}

static void
on_line(void *arg, const char *p, size_t n)
{
	struct seen	*s = arg;

	assert_null(memchr(p, '\n', n));
	assert_non_null(s->lines = realloc(s->lines, s->llen + n + 2));
	memcpy(s->lines + s->llen, p, n);
	s->llen += n;
	s->lines[s->llen++] = '\n';
	s->lines[s->llen] = '\0';
	s->nlines++;
}

static struct l2c_vt *
model(struct seen *s, int cols, int rows)
{
	struct l2c_vt_conf	 c = {
		.cols = cols, .rows = rows, .scrollback = 100,
		.reply = on_reply, .line = on_line, .arg = s,
	};
	struct l2c_vt		*v;

	memset(s, 0, sizeof(*s));
	assert_int_equal(l2c_vt_new(&c, &v), 0);
	return v;
}

static void
done(struct l2c_vt *v, struct seen *s)
{
	l2c_vt_free(v);
	free(s->lines);
}

static void
feed(struct l2c_vt *v, const char *p)
{
	assert_int_equal(l2c_vt_feed(v, p, strlen(p)), 0);
}

/* The answer to one query, alone. */
static void
answers(struct l2c_vt *v, struct seen *s, const char *query,
    const char *want)
{
	s->rlen = 0;
	s->reply[0] = '\0';
	feed(v, query);
	assert_string_equal(s->reply, want);
}

static const char *
text(struct seen *s)
{
	return s->lines != NULL ? s->lines : "";
}

static void
test_probe_answers(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);

	(void)state;
	answers(v, &s, ESC "Z", ESC "[?1;2c");		/* DECID */
	answers(v, &s, ESC "[c", ESC "[?1;2c");		/* DA */
	answers(v, &s, ESC "[6n", ESC "[1;1R");		/* DSR */
	/* Width: home, as far right as it goes, report. */
	answers(v, &s, ESC "[H" ESC "[9999C" ESC "[6n", ESC "[1;80R");
	/* Does it wrap by itself?  A wrapping terminal: row 2, column 1. */
	answers(v, &s, " " ESC "[6n", ESC "[2;1R");
	/* Height and scroll region. */
	answers(v, &s, ESC "[9999B" ESC "[6n", ESC "[25;80R");
	answers(v, &s, ESC "D" ESC "[6n", ESC "[25;80R");
	answers(v, &s, ESC "[r" ESC "[6n", ESC "[1;1R");
	/* UTF-8: a 2-byte character takes one column. */
	answers(v, &s, ESC "[H\xc3\xa9H" ESC "[6n", ESC "[1;3R");
	/* Nothing of the probes is a line. */
	feed(v, ESC "[H" ESC "[J");
	l2c_vt_flush(v);
	assert_int_equal(s.nlines, 0);
	done(v, &s);
}

/* DECID's answer, as both models (this one, the UI's panes) give it:
 * for SCI only, other controls left to libvterm, and without a reply()
 * taken all the same. */
static void
test_decid(void **state)
{
	struct seen	 s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(l2c_vt_decid(0x9a, on_reply, &s), 1);
	assert_string_equal(s.reply, ESC "[?1;2c");
	assert_int_equal(l2c_vt_decid(0x9b, on_reply, &s), 0);	/* CSI */
	assert_int_equal(l2c_vt_decid(0x05, on_reply, &s), 0);	/* ENQ */
	assert_int_equal(l2c_vt_decid(0x1a, on_reply, &s), 0);	/* SUB */
	assert_int_equal(s.rlen, sizeof(ESC "[?1;2c") - 1);
	assert_int_equal(l2c_vt_decid(0x9a, NULL, NULL), 1);
}

/* RouterOS's whole sequence in one piece, as a 4096-column terminal. */
static void
test_probe_sequence_wide(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 4096, 25);

	(void)state;
	feed(v, ESC "Z" ESC "[6n" ESC "[H" ESC "[9999C" ESC "[6n"
	    " " ESC "[6n" ESC "[9999B" ESC "D" ESC "[r" ESC "[6n"
	    ESC "[H\xd0\x96H" ESC "[6n");
	assert_string_equal(s.reply, ESC "[?1;2c" ESC "[1;1R" ESC "[1;4096R"
	    ESC "[2;1R" ESC "[1;1R" ESC "[1;3R");
	done(v, &s);
}

/* The widest terminal ESC[9999C can measure from column 1. */
static void
test_probe_widest(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, L2C_VT_MAX_COLS, 2);

	(void)state;
	answers(v, &s, ESC "[H" ESC "[9999C" ESC "[6n", ESC "[1;10000R");
	answers(v, &s, " " ESC "[6n", ESC "[2;1R");
	done(v, &s);
}

/* The wrap it announced is real: the next character lands on row 2. */
static void
test_wrap_check_wraps(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);
	char		 screen[512];

	(void)state;
	answers(v, &s, ESC "[H" ESC "[9999C" " " ESC "[6n", ESC "[2;1R");
	answers(v, &s, "x" ESC "[6n", ESC "[2;2R");
	l2c_vt_screen_text(v, screen, sizeof(screen));
	/* Row 1 holds only the blank: nothing to show. */
	assert_string_equal(screen, "\nx\n");
	/* At the bottom, a wrap scrolls: still the next row's column 1. */
	answers(v, &s, ESC "[25;80H" "z" ESC "[6n", ESC "[25;1R");
	/* A cursor move cancels the pending wrap. */
	answers(v, &s, ESC "[3;80H" "y\r" ESC "[6n", ESC "[3;1R");
	done(v, &s);
}

/*
 * What RouterOS sends for "/system identity print": the prompt repainted
 * with \r\r\r\r, the typed echo, the line editor's redraw of prompt and
 * command, the output in colour, the next prompt.
 */
static void
test_routeros_stream(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 4096, 50);
	const char	*prompt = "\r\r\r\r" ESC "[m" ESC "[32m[admin@MikroTik]"
	    ESC "[m > ";

	(void)state;
	feed(v, "\r\n\r\n  MikroTik RouterOS 7.21 (c) 1999-2025"
	    "       https://www.mikrotik.com/\r\n\r\n");
	feed(v, prompt);
	feed(v, "/sys");
	feed(v, "tem identity print");
	feed(v, prompt);
	feed(v, "/system identity print" ESC "[K\r\n");
	feed(v, "  " ESC "[1mname" ESC "[m: MikroTik\r\n");
	feed(v, prompt);
	assert_string_equal(text(&s), "\n\n"
	    "  MikroTik RouterOS 7.21 (c) 1999-2025"
	    "       https://www.mikrotik.com/\n\n"
	    "[admin@MikroTik] > /system identity print\n"
	    "  name: MikroTik\n");
	/* The last prompt is not complete until the end. */
	l2c_vt_flush(v);
	assert_int_equal(s.nlines, 7);
	assert_string_equal(text(&s) + s.llen - 19, "[admin@MikroTik] >\n");
	done(v, &s);
}

/*
 * A recorded session of the lab's RouterOS personality on a wrapping
 * 80x25 terminal (tests/tools/routeros_console.py under pty_drive.py):
 * probes, banner, /system identity print, /export without-paging, whose
 * lines of more than 300 characters RouterOS leaves to the terminal to
 * wrap.  Fed in odd pieces, it gives the same answers as the terminal
 * it was recorded against, and the lines unbroken.
 */
static void
test_recorded_routeros(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);
	char		*raw, *l, *nl;
	size_t		 len, off, n, step = 1;
	int		 long_lines = 0;

	(void)state;
	raw = tdata_load("routeros_personality_80x25_export.raw", &len);
	for (off = 0; off < len; off += n) {
		n = len - off < step ? len - off : step;
		assert_int_equal(l2c_vt_feed(v, raw + off, n), 0);
		step = step * 7 % 997 + 1;
	}
	l2c_vt_flush(v);
	assert_string_equal(s.reply, ESC "[?1;2c" ESC "[1;1R" ESC "[1;80R"
	    ESC "[2;1R" ESC "[25;80R" ESC "[1;3R");
	assert_non_null(strstr(text(&s), "\n\n  MikroTik RouterOS 7.21"));
	assert_non_null(strstr(text(&s),
	    "\n[admin@lab1] > /system identity print\n  name: lab1\n"
	    "[admin@lab1] > /export without-paging\n"
	    "# 2025-11-20 10:00:00 by RouterOS 7.21\n"));
	for (l = s.lines; (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
		assert_null(memchr(l, '\033', (size_t)(nl - l)));
		if (nl - l > 300) {
			assert_memory_equal(l, "add ", 4);
			long_lines++;
		}
	}
	assert_int_equal(long_lines, 41);
	/* The last line: the prompt after /quit's redraw. */
	assert_string_equal(text(&s) + s.llen - 21, "[admin@lab1] > /quit\n");
	free(raw);
	done(v, &s);
}

/* Lines go out as they complete, not at the end. */
static void
test_lines_stream(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);

	(void)state;
	feed(v, "one\r\ntw");
	assert_string_equal(text(&s), "one\n");
	feed(v, "o\r");
	assert_int_equal(s.nlines, 1);
	feed(v, "\n");
	assert_string_equal(text(&s), "one\ntwo\n");
	/* LF alone and CR LF alike; empty lines are lines. */
	feed(v, "three\n\r\n\r\nfour");
	assert_string_equal(text(&s), "one\ntwo\nthree\n\n\n");
	l2c_vt_flush(v);
	assert_string_equal(text(&s), "one\ntwo\nthree\n\n\nfour\n");
	done(v, &s);
}

/* A line comes out once, as it finally looked. */
static void
test_redraws(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);

	(void)state;
	feed(v, "abc\rxyz\r\n");
	feed(v, "hello\r" ESC "[Kbye\r\n");
	feed(v, "12345\b\b\b" ESC "[K\r\n");
	/* IOS's pager, rubbed out with backspaces and blanks. */
	feed(v, " --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"
	    "interface Gi0/1\r\n");
	/* Cursor back up into given lines: a redraw, not new lines. */
	feed(v, ESC "[2A" "BYE" ESC "[2B\r");
	feed(v, "last\r\n");
	assert_string_equal(text(&s),
	    "xyz\nbye\n12\ninterface Gi0/1\nlast\n");
	/* A screen cleared and drawn anew is new. */
	feed(v, ESC "[H" ESC "[2J" "fresh\r\n");
	assert_string_equal(text(&s) + s.llen - 6, "fresh\n");
	done(v, &s);
}

/* Colours and attributes are applied, never printed. */
static void
test_colours(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);

	(void)state;
	feed(v, ESC "[31;1mred" ESC "[0m " ESC "[38;5;202mx" ESC "[m"
	    ESC "]0;title\007 end\r\n");
	assert_string_equal(text(&s), "red x end\n");
	done(v, &s);
}

static char *
long_line(size_t n)
{
	char	*p;
	size_t	 i;

	assert_non_null(p = malloc(n + 1));
	for (i = 0; i < n; i++)
		p[i] = (char)('a' + i % 26);
	p[n] = '\0';
	return p;
}

/* A 350-character line on an 80-column screen that wraps: one line. */
static void
test_long_line_unbroken(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);
	char		*l = long_line(350), *want;
	int		 wrapped;
	char		 row[128];

	(void)state;
	feed(v, "/ip address\r\n");
	feed(v, l);
	feed(v, "\r\nnext\r\n");
	assert_non_null(want = malloc(400));
	snprintf(want, 400, "/ip address\n%s\nnext\n", l);
	assert_string_equal(text(&s), want);
	/* It stays one line when it wraps across the bottom and its head
	 * scrolls off: 5 rows on a 3-row screen. */
	done(v, &s);
	v = model(&s, 80, 3);
	feed(v, "/export\r\n");
	feed(v, l);
	feed(v, "\r\nnext\r\n");
	snprintf(want, 400, "/export\n%s\nnext\n", l);
	assert_string_equal(text(&s), want);
	/* The scrollback has the 5 rows that left, marked as wrapped. */
	assert_int_equal(l2c_vt_scrollback_count(v), 5);
	assert_int_equal(l2c_vt_scrollback_text(v, 1, row, sizeof(row),
	    &wrapped), 80);
	assert_int_equal(wrapped, 0);
	assert_memory_equal(row, l, 80);
	l2c_vt_scrollback_text(v, 2, row, sizeof(row), &wrapped);
	assert_int_equal(wrapped, 1);
	assert_memory_equal(row, l + 80, 80);
	/* A line of exactly 80 then CR LF is not joined with the next. */
	l[80] = '\0';
	feed(v, l);
	feed(v, "\r\nshort\r\n");
	snprintf(want, 400, "%s\nshort\n", l);
	assert_string_equal(text(&s) + s.llen - strlen(want), want);
	free(want);
	free(l);
	done(v, &s);
}

/* A long line still being written when the session ends. */
static void
test_long_line_flush(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 2);
	char		*l = long_line(1000);

	(void)state;
	feed(v, l);
	assert_int_equal(s.nlines, 0);
	l2c_vt_flush(v);
	assert_int_equal(s.nlines, 1);
	assert_int_equal(s.llen, 1001);
	assert_memory_equal(s.lines, l, 1000);
	free(l);
	done(v, &s);
}

/* Many lines in one feed through a small screen: every one, in order. */
static void
test_scroll_off_not_lost(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 40, 5);
	char		 in[4096], want[4096];
	size_t		 n = 0, m = 0;
	int		 i;

	(void)state;
	for (i = 0; i < 100; i++) {
		n += (size_t)snprintf(in + n, sizeof(in) - n, "line %d\r\n", i);
		m += (size_t)snprintf(want + m, sizeof(want) - m, "line %d\n",
		    i);
	}
	assert_int_equal(l2c_vt_feed(v, in, n), 0);
	assert_string_equal(text(&s), want);
	done(v, &s);
}

/* Rows written by cursor moves, no line feed, that scroll off (NEL,
 * IND at the bottom) are lines too, in screen order. */
static void
test_scroll_off_without_lf(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 40, 3);

	(void)state;
	feed(v, "a" ESC "Eb" ESC "Ec" ESC "Ed" ESC "Ee");
	assert_string_equal(text(&s), "a\nb\n");
	feed(v, "\r\n");
	assert_string_equal(text(&s), "a\nb\nc\nd\ne\n");
	/* Blank rows that merely scroll off are not lines. */
	feed(v, ESC "[3;1H" ESC "D" ESC "D" ESC "D" "f\r\n");
	assert_string_equal(text(&s), "a\nb\nc\nd\ne\nf\n");
	/* A row jumped to gives the rows above it first. */
	feed(v, ESC "[H" ESC "[2J" "top" ESC "[3;1H" "bottom\r\n");
	assert_string_equal(text(&s) + s.llen - 11, "top\nbottom\n");
	done(v, &s);
}

/* Scroll regions: rows leaving the region's top are not lost. */
static void
test_scroll_region(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 40, 5);
	char		 screen[256];

	(void)state;
	feed(v, "header\r\n" ESC "[2;4r" ESC "[4;1H");
	feed(v, "1" ESC "D\r2" ESC "D\r3" ESC "D\r4\r\n5\r\n");
	assert_string_equal(text(&s), "header\n1\n2\n3\n4\n5\n");
	l2c_vt_screen_text(v, screen, sizeof(screen));
	assert_string_equal(screen, "header\n4\n5\n");
	done(v, &s);
}

static void
test_utf8_and_wide(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 10, 5);
	static const char wide[] = "\xe6\x97\xa5\xe6\x9c\xac";	/* 2 cols each */

	(void)state;
	/* Characters split between feeds. */
	feed(v, "caf\xc3");
	feed(v, "\xa9 ");
	feed(v, "\xe6");
	feed(v, "\x97");
	feed(v, "\xa5\xe6\x9c");
	feed(v, "\xac");
	answers(v, &s, ESC "[6n", ESC "[1;10R");
	feed(v, "\r\n");
	assert_string_equal(text(&s), "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n");
	/* A wide character that does not fit wraps; still one line. */
	feed(v, "123456789");
	feed(v, wide);
	feed(v, "\r\n");
	assert_string_equal(text(&s) + s.llen - 16,
	    "123456789\xe6\x97\xa5\xe6\x9c\xac\n");
	done(v, &s);
}

static void
test_screen_text(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 20, 4);
	char		 screen[64];
	int		 row, col;

	(void)state;
	feed(v, "a  \r\n\r\n  b" ESC "[31m c" ESC "[m   ");
	assert_int_equal(l2c_vt_screen_text(v, screen, sizeof(screen)), 9);
	assert_string_equal(screen, "a\n\n  b c\n");
	/* Like snprintf: the length of it all, what fits is written. */
	assert_int_equal(l2c_vt_screen_text(v, screen, 4), 9);
	assert_string_equal(screen, "a\n\n");
	/* A row as written, its trailing blanks too: a prompt's space. */
	feed(v, "\r\n[admin@MikroTik] > ");
	l2c_vt_cursor(v, &row, &col);
	assert_int_equal(l2c_vt_row_text(v, row, screen, sizeof(screen)), 19);
	assert_string_equal(screen, "[admin@MikroTik] > ");
	assert_int_equal(col, 19);
	assert_int_equal(l2c_vt_row_text(v, 2, screen, sizeof(screen)), 8);
	assert_string_equal(screen, "  b c   ");
	assert_int_equal(l2c_vt_row_text(v, 4, screen, sizeof(screen)), 0);
	assert_string_equal(screen, "");
	done(v, &s);
}

static void
test_cursor_and_resize(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 20, 5);
	char		 screen[128];
	int		 row, col, cols, rows;

	(void)state;
	feed(v, "1\r\n2\r\n3\r\n4\r\nfive is long");
	l2c_vt_cursor(v, &row, &col);
	assert_int_equal(row, 4);
	assert_int_equal(col, 12);
	assert_int_equal(l2c_vt_resize(v, 8, 3), 0);
	l2c_vt_size(v, &cols, &rows);
	assert_int_equal(cols, 8);
	assert_int_equal(rows, 3);
	l2c_vt_screen_text(v, screen, sizeof(screen));
	assert_string_equal(screen, "3\n4\nfive is\n");
	answers(v, &s, ESC "[9999C" ESC "[9999B" ESC "[6n", ESC "[3;8R");
	assert_int_equal(l2c_vt_resize(v, 30, 6), 0);
	feed(v, "\r\nok\r\n");
	assert_string_equal(text(&s), "1\n2\n3\n4\nfive is\nok\n");
	assert_int_equal(l2c_vt_resize(v, 0, 6), L2C_ERR_INVAL);
	/* A scroll region the screen shrinks under is the whole screen
	 * again (libvterm 0.1.4 would scroll rows it no longer has). */
	feed(v, ESC "[4;6r" ESC "[6;1H");
	assert_int_equal(l2c_vt_resize(v, 30, 2), 0);
	feed(v, "x" ESC "D" ESC "D\r\ny\r\n");
	/* x scrolled off, then an empty line fed out, then y. */
	assert_string_equal(text(&s) + s.llen - 5, "x\n\ny\n");
	done(v, &s);
}

/* What crashes libvterm 0.1.4 (more than 16 CSI arguments, digits past
 * LONG_MAX) does nothing here; the sequence still acts on its first 16. */
static void
test_csi_guard(void **state)
{
	struct seen	 s;
	struct l2c_vt	*v = model(&s, 80, 25);
	char		 in[512];
	size_t		 n = 0;
	int		 i;

	(void)state;
	in[n++] = '\033';
	in[n++] = '[';
	for (i = 0; i < 60; i++) {
		in[n++] = '1';
		in[n++] = i % 2 ? ';' : ':';
	}
	memcpy(in + n, "31mred\r\n", 8);
	n += 8;
	/* In pieces too: the guard keeps its place between feeds. */
	assert_int_equal(l2c_vt_feed(v, in, n / 2), 0);
	assert_int_equal(l2c_vt_feed(v, in + n / 2, n - n / 2), 0);
	feed(v, ESC "[" "3;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20H"
	    "x\r\n");
	answers(v, &s, ESC "[99999999999999999999999;5H" ESC "[6n",
	    ESC "[25;5R");
	answers(v, &s, ESC "[3;000000000000000000000007H" ESC "[6n",
	    ESC "[3;7R");
	assert_string_equal(text(&s), "red\n x\n");
	/* REP with nothing to repeat would never end in libvterm. */
	feed(v, ESC "c" ESC "[b" "\xe2\x80\x8b" ESC "[3b" "ok\r\n");
	/* libvterm is still in an escape after bytes it skips. */
	feed(v, ESC "c" ESC "\x80\x7f[b" ESC "\x07[2b" "ok\r\n");
	/* An intermediate then a digit ends a CSI (the digit goes too):
	 * "b" is text.  A leader after a parameter too. */
	feed(v, ESC "[ 5b\r\n" ESC "[1?2b\r\n");
	/* "[" after an escape's intermediates is a CSI in libvterm 0.1.4. */
	n = 0;
	in[n++] = '\033';
	in[n++] = '$';
	in[n++] = '[';
	for (i = 0; i < 40; i++)
		in[n++] = ';';
	memcpy(in + n, "mz\r\n", 4);
	assert_int_equal(l2c_vt_feed(v, in, n + 4), 0);
	assert_string_equal(text(&s) + s.llen - 13, "ok\nok\nb\n2b\nz\n");
	done(v, &s);
}

/* --term-size COLSxROWS: within what ESC[9999C can measure. */
static void
test_size_parse(void **state)
{
	static const char *const bad[] = { "0x0", "abc", "", "80", "80x",
	    "x25", "80x0", "0x25", "10001x25", "80x10001", "-80x25",
	    "+80x25", " 80x25", "80x25 ", "80*25", "80x25x1", "999999x1",
	    "4096x25k" };
	size_t	 i;
	int	 c = -1, r = -1;

	(void)state;
	assert_int_equal(l2c_vt_size_parse("80x25", &c, &r), 0);
	assert_int_equal(c, 80);
	assert_int_equal(r, 25);
	assert_int_equal(l2c_vt_size_parse("10000X10000", &c, &r), 0);
	assert_int_equal(c, 10000);
	assert_int_equal(r, 10000);
	assert_int_equal(l2c_vt_size_parse("1x1", &c, &r), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = r = 7;
		assert_int_equal(l2c_vt_size_parse(bad[i], &c, &r),
		    L2C_ERR_INVAL);
		assert_int_equal(c + r, 14);	/* untouched */
	}
}

static void
test_bad_sizes(void **state)
{
	struct l2c_vt_conf	 c = { .cols = 0, .rows = 0 };
	struct l2c_vt		*v;

	(void)state;
	assert_int_equal(l2c_vt_new(&c, &v), L2C_ERR_INVAL);
	c.cols = L2C_VT_MAX_COLS + 1;
	c.rows = 25;
	assert_int_equal(l2c_vt_new(&c, &v), L2C_ERR_INVAL);
	c.cols = 80;
	c.rows = -1;
	assert_int_equal(l2c_vt_new(&c, &v), L2C_ERR_INVAL);
	/* No callbacks at all is fine: a screen nobody reads from yet. */
	c.rows = 25;
	assert_int_equal(l2c_vt_new(&c, &v), 0);
	assert_int_equal(l2c_vt_feed(v, ESC "Z" ESC "[6nhi\r\n", 11), 0);
	l2c_vt_flush(v);
	l2c_vt_free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_answers),
		cmocka_unit_test(test_decid),
		cmocka_unit_test(test_probe_sequence_wide),
		cmocka_unit_test(test_probe_widest),
		cmocka_unit_test(test_wrap_check_wraps),
		cmocka_unit_test(test_routeros_stream),
		cmocka_unit_test(test_recorded_routeros),
		cmocka_unit_test(test_lines_stream),
		cmocka_unit_test(test_redraws),
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_long_line_unbroken),
		cmocka_unit_test(test_long_line_flush),
		cmocka_unit_test(test_scroll_off_not_lost),
		cmocka_unit_test(test_scroll_off_without_lf),
		cmocka_unit_test(test_scroll_region),
		cmocka_unit_test(test_utf8_and_wide),
		cmocka_unit_test(test_screen_text),
		cmocka_unit_test(test_cursor_and_resize),
		cmocka_unit_test(test_csi_guard),
		cmocka_unit_test(test_size_parse),
		cmocka_unit_test(test_bad_sizes),
	};

	return cmocka_run_group_tests_name("ui/vt", tests, NULL, NULL);
}
