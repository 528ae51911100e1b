/* fdlopen-after.h: what fdlopen left behind, observed the same way by the driver and the repro
 * programs (conformance/repro/c-text.ts inlines it after maps-line.h). */
#ifndef DLSPEC_FDLOPEN_AFTER_H
#define DLSPEC_FDLOPEN_AFTER_H

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maps-line.h"

/* After fdlopen(fd, …) of `path` returned: whether fd is still open (fdlopen.def.fd-kept), and
 * whether a mapping of the whole file is left (fdlopen.def.maps-file): one maps line of the file
 * from offset 0 covering all its pages. */
static inline void fdlopen_after(int fd, const char *path, int *kept, int *whole) {
  struct stat sb;
  char file[PATH_MAX];
  *kept = fcntl(fd, F_GETFD) != -1;
  *whole = 0;
  if (stat(path, &sb) != 0 || sb.st_size <= 0 || !realpath(path, file)) return;
  size_t page = (size_t)sysconf(_SC_PAGESIZE), span = ((size_t)sb.st_size + page - 1) & ~(page - 1);
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return;
  char line[512];
  struct map_entry e;
  while (fgets(line, sizeof line, f))
    if (maps_parse_line(line, &e) == 0 && e.offset == 0 && e.end - e.start >= span && strcmp(e.path, file) == 0) *whole = 1;
  fclose(f);
}

#endif
