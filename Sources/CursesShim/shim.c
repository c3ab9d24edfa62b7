#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <term.h>
#include <stdio.h>
#include "CursesShim.h"

uint32_t ncc_attr_bold(void) { return A_BOLD; }
uint32_t ncc_attr_dim(void) { return A_DIM; }
uint32_t ncc_attr_underline(void) { return A_UNDERLINE; }
uint32_t ncc_attr_reverse(void) { return A_REVERSE; }
uint32_t ncc_attr_italic(void) { return A_ITALIC; }

int ncc_start(const char *preferred) {
    // newterm, unlike initscr, returns instead of exiting when the terminal is unknown.
    SCREEN *screen = preferred ? newterm(preferred, stdout, stdin) : NULL;
    if (screen == NULL) screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    keypad(stdscr, TRUE);
    return 0;
}

void ncc_redraw_all(void) { clearok(stdscr, TRUE); }

int ncc_colors(void) { return COLORS; }
int ncc_color_pairs(void) { return COLOR_PAIRS; }
int ncc_lines(void) { return LINES; }
int ncc_cols(void) { return COLS; }
int ncc_has_direct_color(void) { return tigetflag("RGB") > 0; }

int ncc_put_cell(int y, int x, const wchar_t *text, int count, uint32_t attrs, int pair) {
    wchar_t buffer[6] = {0};
    for (int i = 0; i < count && i < 5; i++) buffer[i] = text[i];
    cchar_t cell;
    // The pair goes through the `opts` pointer so that pairs above 32767 work too.
    if (setcchar(&cell, buffer, (attr_t)attrs, 0, &pair) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

int ncc_read_key(int timeout_ms, int *value) {
    timeout(timeout_ms);
    wint_t key = 0;
    int result = get_wch(&key);
    *value = (int)key;
    if (result == OK) return 0;
    if (result == KEY_CODE_YES) return 1;
    return -1;
}

void ncc_mouse(int on) {
    if (on) {
        mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    } else {
        mousemask(0, NULL);
    }
}

int ncc_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}
