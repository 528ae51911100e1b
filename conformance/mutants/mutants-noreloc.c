/* mutants-noreloc.c: departures in RTLD_NORELOCATE, dlrelocate, dlset_object_base and the move queries. */
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

/* ---- RTLD_NORELOCATE ---- */

static void *dlopen_relocates_anyway(const char *file, int mode) {
  void *h = real.dlopen(file, mode);
  if (h && (mode & DLSPEC_RTLD_NORELOCATE) && real.dlrelocate) real.dlrelocate(h);
  return h;
}

static int mapinfo_lies(void *handle, int request, void *arg, int extent) {
  int rc = real.dlinfo(handle, request, arg);
  if (rc == 0 && request == DLSPEC_RTLD_DI_MAPINFO) {
    Dl_mapinfo *mi = arg;
    if (extent) mi->map_length += 0x1000;
    else mi->relocated = !mi->relocated;
  }
  return rc;
}
static int mapinfo_wrong_extent(void *h, int rq, void *arg) { return mapinfo_lies(h, rq, arg, 1); }
static int mapinfo_wrong_relocated(void *h, int rq, void *arg) { return mapinfo_lies(h, rq, arg, 0); }

static int mapinfo_wrong_align(void *handle, int request, void *arg) {
  int rc = real.dlinfo(handle, request, arg);
  if (rc == 0 && request == DLSPEC_RTLD_DI_MAPINFO) ((Dl_mapinfo *)arg)->map_align *= 2;
  return rc;
}

static int deplist_drops_one(void *handle, int request, void *arg) {
  int rc = real.dlinfo(handle, request, arg);
  Dl_deplist *dl = arg;
  /* the first listed is a direct dependency (the last may be a system library, which the list may omit) */
  if (rc == 0 && request == DLSPEC_RTLD_DI_DEPLIST && dl->ndeps > 0) dl->deps++, dl->ndeps--;
  return rc;
}

static int setbase_ignored(void *handle, void *base) {
  (void)handle, (void)base;
  return 0; /* claims to record the base, records nothing */
}

int is_relocated(void *handle) {
  Dl_mapinfo mi;
  return real.dlinfo(handle, DLSPEC_RTLD_DI_MAPINFO, &mi) == 0 && mi.relocated;
}
static int setbase_accepts_relocated(void *handle, void *base) {
  if (is_relocated(handle)) return 0; /* claims to record a base it will never use */
  return real.dlset_object_base(handle, base);
}
static int dlrelocate_again_succeeds(void *handle) {
  int rc = real.dlrelocate(handle);
  return rc != 0 && is_relocated(handle) ? (real.dlerror(), 0) : rc;
}

/* Runs the destructor of an unrelocated object at dlclose, whose constructor never ran. */
static int dlclose_runs_dtor(void *handle) {
  struct link_map *lm = NULL;
  char path[512] = "", name[64] = "";
  int unrelocated = real.dlinfo(handle, RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name && !is_relocated(handle);
  if (unrelocated) snprintf(path, sizeof path, "%s", lm->l_name), fixture_name(path, name, sizeof name);
  int rc = real.dlclose(handle);
  if (rc == 0 && unrelocated && !already_loaded(path)) dlspec_event("dtor", name);
  return rc;
}

const struct mutant_def MUTANTS_NORELOC[] = {
  MUTANT("noreloc-relocates-at-dlopen", NEEDS_NORELOC, WRAPS(dlopen), dlopen_relocates_anyway),
  MUTANT("mapinfo-wrong-extent", NEEDS_NORELOC, WRAPS(dlinfo), mapinfo_wrong_extent),
  MUTANT("mapinfo-wrong-relocated", NEEDS_NORELOC, WRAPS(dlinfo), mapinfo_wrong_relocated),
  MUTANT("mapinfo-wrong-align", NEEDS_NORELOC, WRAPS(dlinfo), mapinfo_wrong_align),
  MUTANT("deplist-drops-one", NEEDS_NORELOC, WRAPS(dlinfo), deplist_drops_one),
  MUTANT("setbase-ignored", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_ignored),
  MUTANT("setbase-accepts-relocated", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_accepts_relocated),
  MUTANT("dlrelocate-again-succeeds", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_again_succeeds),
  MUTANT("close-after-failure-runs-dtor", NEEDS_NORELOC, WRAPS(dlclose), dlclose_runs_dtor),
  MUTANT("setbase-relocated-returns-zero", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_accepts_relocated),
  {0},
};
