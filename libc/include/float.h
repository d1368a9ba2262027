/* gcc's own float.h (the one glibc programs get natively too), found after our
   headers through -idirafter (src/toolchain/compiler-headers.ts): all of FLT_,
   DBL_ and LDBL_ with the x87 long double. */
#include_next <float.h>
