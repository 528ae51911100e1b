/* mutants.c: the installation of the mutant loaders of conformance/mutants/catalogue.ts, and the
 * helpers their departures share. The driver loads the library when DLSPEC_MUTANT_LIB names it and
 * calls dlspec_mutant_install (../driver/mutant.h) with the table every dl* call goes through;
 * DLSPEC_MUTANT names the departure. Each mutant wraps one function of the table (or filters the
 * step's constructor events) and otherwise calls the loader's own function, so that it departs
 * from one clause and keeps every other. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

struct apis real; /* the table as the driver filled it */
struct apis *api; /* the driver's table, which the wrappers replace entries of */

uintptr_t page_of(const void *p) { return (uintptr_t)p & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1); }

/* The protection of the page holding P, from /proc/self/maps; -1 when it is not mapped. */
int prot_of(const void *p) {
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return -1;
  char line[512];
  int prot = -1;
  uintptr_t a = (uintptr_t)p;
  while (prot < 0 && fgets(line, sizeof line, f)) {
    unsigned long lo, hi;
    char perms[5];
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3 || a < lo || a >= hi) continue;
    prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) | (perms[2] == 'x' ? PROT_EXEC : 0);
  }
  fclose(f);
  return prot;
}

/* The name a fixture reports its events by: libdlspec-NAME.so gives NAME. */
const char *fixture_name(const char *path, char *out, size_t cap) {
  const char *base = path ? strrchr(path, '/') : NULL;
  base = base ? base + 1 : (path ? path : "");
  if (strncmp(base, "libdlspec-", 10) == 0) base += 10;
  size_t n = strcspn(base, ".");
  if (n >= cap) n = cap - 1;
  memcpy(out, base, n);
  out[n] = 0;
  return out;
}

/* ---- installation ---- */

long mutant_param;

#define LIST_TABLE(t) t,
static const struct mutant_def *const tables[] = {MUTANT_TABLES(LIST_TABLE)};

int dlspec_mutant_install(struct dlspec_mutant_env *env) {
  const char *m = getenv("DLSPEC_MUTANT");
  if (!m || env->version != DLSPEC_MUTANT_VERSION) return -1;
  api = env->api;
  real = *api;
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
    for (const struct mutant_def *d = tables[t]; d->id; d++) {
      if (strcmp(d->id, m) != 0) continue;
      if (((d->needs & NEEDS_DLMEM) && !real.dlmem) || ((d->needs & NEEDS_NORELOC) && !real.dlrelocate) ||
          ((d->needs & NEEDS_DLMOPEN) && !real.dlmopen))
        return 2; /* the base loader lacks what the mutant departs in */
      mutant_param = d->param;
      if (d->slot == EVENTS) memcpy(env->events, &d->fn, sizeof d->fn);
      else memcpy((char *)api + d->slot, &d->fn, sizeof d->fn);
      return 0;
    }
  return 1; /* an unknown mutant: the driver stops with a message */
}
