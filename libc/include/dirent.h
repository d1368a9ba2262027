#ifndef _DIRENT_H
#define _DIRENT_H
#include <sys/types.h>
/* NaCl's struct nacl_abi_dirent: 64-bit d_ino and d_off, 16-bit d_reclen, then the name. */
struct dirent {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  char d_name[256];
};
typedef struct __dir DIR;
DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
#endif
