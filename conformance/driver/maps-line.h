/* maps-line.h: one line of /proc/self/maps as a value. Shared, as text, by the driver and the
 * repro programs (conformance/repro/c-text.ts inlines it), so that both read a line the same way. */
#ifndef DLSPEC_MAPS_LINE_H
#define DLSPEC_MAPS_LINE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* One line of /proc/self/maps. */
struct map_entry {
  uintptr_t start, end;
  char prot[4]; /* "r-x" */
  int shared;   /* 's' rather than 'p' */
  unsigned long long offset;
  char path[256]; /* "" for anonymous memory */
};

/* Parses one line ("start-end perms offset dev inode [path]"); -1 when it is not one. */
static inline int maps_parse_line(const char *line, struct map_entry *e) {
  unsigned long long s, t, off;
  char perms[8];
  int pos = 0;
  if (sscanf(line, "%llx-%llx %7s %llx %*s %*s%n", &s, &t, perms, &off, &pos) < 4) return -1;
  const char *path = line + pos;
  while (*path == ' ') path++;
  e->start = (uintptr_t)s;
  e->end = (uintptr_t)t;
  memcpy(e->prot, perms, 3);
  e->prot[3] = 0;
  e->shared = perms[3] == 's';
  e->offset = off;
  snprintf(e->path, sizeof e->path, "%.*s", (int)strcspn(path, "\n"), path);
  return 0;
}

#endif
