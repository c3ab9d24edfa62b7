// The curses backend arrives here.
