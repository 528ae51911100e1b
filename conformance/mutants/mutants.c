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

int dlspec_mutant_install(struct dlspec_mutant_env *env) {
  const char *m = getenv("DLSPEC_MUTANT");
  if (!m || env->version != DLSPEC_MUTANT_VERSION) return -1;
  api = env->api;
  real = *api;
  int needs_dlmem = 0, needs_noreloc = 0;
#define IS(id) (strcmp(m, id) == 0)
  if (IS("ctor-skip")) *env->events = drop_ctors;
  else if (IS("ctor-reorder")) *env->events = reverse_ctors;
  else if (IS("ctor-repeat-on-reopen")) api->dlopen = reopen_runs_ctor;
  else if (IS("unload-while-open")) api->dlopen = reopen_drops_count;
  else if (IS("keep-after-last-close")) api->dlclose = close_keeps;
  else if (IS("dladdr-wrong-base")) api->dladdr = dladdr_moves_base;
  else if (IS("dlinfo-wrong-l-addr")) api->dlinfo = dlinfo_moves_l_addr;
  else if (IS("dlerror-stale")) api->dlerror = dlerror_stale;
  else if (IS("dlsym-finds-missing")) api->dlsym = dlsym_finds_missing;
  else if (IS("dlopen-noload-loads")) api->dlopen = dlopen_noload_loads;
  else if (IS("dlinfo-any-request")) api->dlinfo = dlinfo_any_request;
  else if (IS("dlclose-returns-one")) api->dlclose = dlclose_returns_one;
  else if (IS("dlmopen-newlm-is-base")) {
    if (!real.dlmopen) return 2;
    api->dlmopen = dlmopen_newlm_is_base;
  }
  else if (IS("dlmem-drops-global")) needs_dlmem = 1, api->dlmem = dlmem_drops_global;
  else if (IS("dlmem-newlm-is-base")) needs_dlmem = 1, api->dlmem = dlmem_newlm_is_base;
  else if (IS("mapinfo-wrong-align")) needs_noreloc = 1, api->dlinfo = mapinfo_wrong_align;
  else if (IS("deplist-drops-one")) needs_noreloc = 1, api->dlinfo = deplist_drops_one;
  else if (IS("setbase-ignored")) needs_noreloc = 1, api->dlset_object_base = setbase_ignored;
  else if (IS("dlmem-no-dlerror")) needs_dlmem = 1, api->dlmem = dlmem_silent;
  else if (IS("dlmem-writes-source")) needs_dlmem = 1, api->dlmem = dlmem_writes_source;
  else if (IS("dlmem-reprotects-source")) needs_dlmem = 1, api->dlmem = dlmem_reprotects_source;
  else if (IS("dlmem-any-soname")) needs_dlmem = 1, api->dlmem = dlmem_any_soname;
  else if (IS("dlmem-copies")) needs_dlmem = 1, api->dlmem = dlmem_copies;
  else if (IS("dlmem-ignores-dontreplace")) needs_dlmem = 1, api->dlmem = dlmem_ignores_dontreplace;
  else if (IS("premap-twice")) needs_dlmem = 1, premap_kind = PM_TWICE, api->dlmem = dlmem_premap_wrong;
  else if (IS("premap-loses-cookie")) needs_dlmem = 1, premap_kind = PM_NO_COOKIE, api->dlmem = dlmem_premap_wrong;
  else if (IS("premap-rounds-maplength")) needs_dlmem = 1, premap_kind = PM_ROUND, api->dlmem = dlmem_premap_wrong;
  else if (IS("premap-skipped")) needs_dlmem = 1, api->dlmem = dlmem_premap_skipped;
  else if (IS("noreloc-relocates-at-dlopen")) needs_noreloc = 1, api->dlopen = dlopen_relocates_anyway;
  else if (IS("mapinfo-wrong-extent")) needs_noreloc = 1, api->dlinfo = mapinfo_wrong_extent;
  else if (IS("mapinfo-wrong-relocated")) needs_noreloc = 1, api->dlinfo = mapinfo_wrong_relocated;
  else if (IS("setbase-accepts-relocated")) needs_noreloc = 1, api->dlset_object_base = setbase_accepts_relocated;
  else if (IS("dlrelocate-again-succeeds")) needs_noreloc = 1, api->dlrelocate = dlrelocate_again_succeeds;
  else return 1; /* an unknown mutant: the driver stops with a message */
#undef IS
  if ((needs_dlmem && !real.dlmem) || (needs_noreloc && !real.dlrelocate)) return 2;
  return 0;
}
