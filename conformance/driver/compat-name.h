/* compat-name.h: the name the memfd alternative dlopens (the driver's compat.c and the repro's). */
#ifndef DLSPEC_COMPAT_NAME_H
#define DLSPEC_COMPAT_NAME_H

#include <fcntl.h>
#include <unistd.h>

/* The memfd FD under a number no earlier load of this process used, so that /proc/self/fd/N names
 * it alone: the loader knows an object by its path, and under a reused N glibc returns the object
 * loaded from the earlier memfd. A caller of this alternative has to do the same. */
static inline int compat_fresh_number(int fd) {
  static int next = 256;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, next);
  if (moved < 0) return fd; /* past the limit: keep the number it has */
  close(fd);
  next = moved + 1;
  return moved;
}

#endif
