#ifndef CURSES_SHIM_H
#define CURSES_SHIM_H
// Placeholder: the backend's C helpers for ncurses macros live here.
int ncc_shim_version(void);
#endif
