/* SPDX-License-Identifier: ISC */
/*
 * The fuzz oracle for text that leaves the sanitiser (core/text.h): no
 * C0 or C1 control, DEL, bidi override or isolate, or broken UTF-8 may
 * reach a terminal, a CSV or a JSON file; no CSV cell may start a
 * formula.  Each check traps on the first byte that breaks it.
 */
#ifndef L2C_FUZZ_TEXTCHECK_H
#define L2C_FUZZ_TEXTCHECK_H

#include <stddef.h>

/* Well-formed UTF-8 with nothing hidden; only the bytes in keep pass. */
void	fz_text_visible(const char *, size_t, const char *keep);
/* CSV (RFC 4180): every cell visible, none starting = + - @ tab CR. */
void	fz_text_csv(const char *, size_t);

#endif
