#include "CursesShim.h"
int ncc_shim_version(void) { return 1; }
