#ifndef _STDINT_H
#define _STDINT_H
/* gcc's freestanding definitions (from gcc's header directory, reached through
   -idirafter: src/toolchain/compiler-headers.ts): every type, limit and _C
   macro of C11, built on gcc's predefined __INT64_TYPE__, __INTMAX_MAX__... */
#include <stdint-gcc.h>
#endif
