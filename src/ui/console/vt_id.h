/* SPDX-License-Identifier: ISC */
/*
 * What both terminal models (the console's, vt.c; the full-screen UI's
 * panes) say they are: a VT100 with the advanced video option,
 * ESC [ ? 1 ; 2 c, which is what libvterm answers DA with.  libvterm
 * does not know DECID (ESC Z) and hands it to its unrecognised-control
 * fallback as the C1 control SCI (0x9a); a VT100 answers it as it
 * answers DA, and so does l2c_vt_decid().
 */
#ifndef L2C_UI_VT_ID_H
#define L2C_UI_VT_ID_H

#include <stddef.h>

/*
 * For libvterm's fallback control(): 1 for SCI, answered through reply
 * (arg its first argument) unless reply is NULL; 0 for any other
 * control, which is left to libvterm.
 */
int	l2c_vt_decid(unsigned char, void (*reply)(void *, const char *, size_t),
	    void *arg);

#endif /* L2C_UI_VT_ID_H */
