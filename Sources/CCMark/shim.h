#ifndef RECOVERYHUB_CCMARK_SHIM_H
#define RECOVERYHUB_CCMARK_SHIM_H
// libcmark's public API, from Debian's libcmark-dev (pkg-config: libcmark).
#include <cmark.h>
#endif
