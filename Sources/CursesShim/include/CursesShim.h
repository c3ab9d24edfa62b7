#ifndef CURSES_SHIM_H
#define CURSES_SHIM_H
// What Swift cannot import from ncurses: function-like macros (attributes, mouse masks) and the
// calls that need a cchar_t built in C. Everything else the backend calls directly.
#include <stdint.h>
#include <wchar.h>

uint32_t ncc_attr_bold(void);
uint32_t ncc_attr_dim(void);
uint32_t ncc_attr_underline(void);
uint32_t ncc_attr_reverse(void);
uint32_t ncc_attr_italic(void);

/// Starts the terminal, as the `preferred` terminal type when it is not NULL and exists, else
/// as $TERM; returns 0, or -1 when the terminal cannot be used (unknown TERM).
int ncc_start(const char *preferred);
/// The next refresh repaints the whole screen.
void ncc_redraw_all(void);
int ncc_colors(void);
int ncc_color_pairs(void);
int ncc_lines(void);
int ncc_cols(void);
/// True when the terminal takes direct RGB colours (terminfo's RGB capability).
int ncc_has_direct_color(void);

/// Draws one cell: up to 5 wide characters (a base and its combining marks).
int ncc_put_cell(int y, int x, const wchar_t *text, int count, uint32_t attrs, int pair);

/// Reads a key: returns 0 for a character, 1 for a function key, -1 for none within the timeout.
int ncc_read_key(int timeout_ms, int *value);

/// Turns mouse reporting on (clicks and wheel) or off.
void ncc_mouse(int on);
/// After KEY_MOUSE: the event's position and 1 left press, 4 wheel up, 5 wheel down, 0 other.
int ncc_read_mouse(int *x, int *y);

#endif
