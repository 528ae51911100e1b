/* mutants-defer.c: departures in RTLD_NORELOCATE's deferral, its triggers, dlrelocate's returns, dlset_object_base and reopening. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

/* ---- helpers ---- */

static struct link_map *lm_of(void *handle) {
  struct link_map *lm = NULL;
  return real.dlinfo(handle, DLSPEC_RTLD_DI_LINKMAP, &lm) == 0 ? lm : NULL; /* no dlinfo request relocates */
}

/* Reports KIND ("ctor", "dtor") for the object behind HANDLE, as its fixture would. */
static void emit(const char *kind, void *handle) {
  struct link_map *lm = lm_of(handle);
  char name[64];
  if (lm && lm->l_name) dlspec_event(kind, fixture_name(lm->l_name, name, sizeof name));
}

/* Fails the way a loader call fails: NULL (or -1) with a dlerror() message, relocating nothing. */
static void *refuse(void) { return real.dlsym(RTLD_DEFAULT, "dlspec_mutant_refuses"); }

static void relocate_quietly(void *handle) {
  if (real.dlrelocate(handle) != 0) real.dlerror();
}

/* The page at P is anonymous memory (inode 0): a caller's copy, not the loader's file mapping. */
static int anonymous_at(const void *p) {
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return 0;
  char line[512];
  int anon = 0;
  uintptr_t a = (uintptr_t)p;
  while (fgets(line, sizeof line, f)) {
    unsigned long lo, hi, inode;
    if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &lo, &hi, &inode) == 3 && a >= lo && a < hi) {
      anon = inode == 0;
      break;
    }
  }
  fclose(f);
  return anon;
}

/* The object's extent, or 0 when RTLD_DI_MAPINFO does not answer. */
static int extent_of(void *handle, Dl_mapinfo *mi) { return real.dlinfo(handle, DLSPEC_RTLD_DI_MAPINFO, mi) == 0 && mi->map_length; }

/* Adds PROT_WRITE to the first page of the object's extent (headers and read-only data: p_flags lack W). */
static void widen_first_page(void *handle) {
  Dl_mapinfo mi;
  if (!extent_of(handle, &mi)) return;
  int prot = prot_of(mi.map_start);
  if (prot >= 0) mprotect((void *)page_of(mi.map_start), (size_t)sysconf(_SC_PAGESIZE), prot | PROT_WRITE);
}

static int listed(void *const *list, int n, void *h) {
  for (int i = 0; i < n; i++)
    if (list[i] == h) return 1;
  return 0;
}

/* ---- dlopen with the bit (mutant_param says which departure) ---- */

enum { DO_LAZY_REFUSED, DO_UNMAPS_PAGE, DO_UNREADABLE, DO_DEPS_UNMAPPED, DO_DEPS_FIRST, DO_REOPEN_RELOCATES };

/* Relocates (and constructs) the dependencies newly loaded with HANDLE now, as the 13 April text has it. */
static void relocate_deps_now(void *handle) {
  Dl_deplist dl;
  if (real.dlinfo(handle, DLSPEC_RTLD_DI_DEPLIST, &dl) != 0) return (void)real.dlerror();
  for (unsigned i = 0; i < dl.ndeps; i++) {
    struct link_map *lm = lm_of(dl.deps[i]);
    if (!lm || is_relocated(dl.deps[i])) continue;
    void *dep = real.dlopen(lm->l_name, RTLD_NOW); /* a plain dlopen of a dependency relocates it */
    if (dep) real.dlclose(dep);
    else real.dlerror();
  }
}

/* Unmaps all but the first page (the headers) of each unrelocated dependency, as if mapped only at relocation. */
static void unmap_deps(void *handle) {
  Dl_deplist dl;
  Dl_mapinfo mi;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (real.dlinfo(handle, DLSPEC_RTLD_DI_DEPLIST, &dl) != 0) return (void)real.dlerror();
  for (unsigned i = 0; i < dl.ndeps; i++)
    if (!is_relocated(dl.deps[i]) && extent_of(dl.deps[i], &mi) && mi.map_length > page)
      munmap((char *)page_of(mi.map_start) + page, mi.map_length - page);
}

static void *dlopen_departs(const char *file, int mode) {
  int bit = mode & DLSPEC_RTLD_NORELOCATE;
  if (mutant_param == DO_LAZY_REFUSED && bit && (mode & RTLD_LAZY))
    return real.dlopen(file, mode & ~(RTLD_LAZY | RTLD_NOW)); /* refused: "invalid mode" */
  int again = already_loaded(file);
  void *h = real.dlopen(file, mode);
  if (!h || !bit) return h;
  Dl_mapinfo mi;
  switch (mutant_param) {
    case DO_DEPS_FIRST:
      if (!again) relocate_deps_now(h);
      break;
    case DO_DEPS_UNMAPPED:
      if (!again) unmap_deps(h);
      break;
    case DO_REOPEN_RELOCATES:
      if (again && !is_relocated(h)) relocate_quietly(h);
      break;
    case DO_UNMAPS_PAGE: case DO_UNREADABLE:
      if (again || !extent_of(h, &mi)) break;
      void *last = (void *)page_of((char *)mi.map_start + mi.map_length - 1);
      if (mutant_param == DO_UNMAPS_PAGE) munmap(last, (size_t)sysconf(_SC_PAGESIZE));
      else mprotect(last, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE);
      break;
  }
  return h;
}

/* ---- dlsym ---- */

enum { DS_REFUSES, DS_GOES_ON, DS_TWICE, DS_DEFAULT_RELOCATES };

static void *triggered[32]; /* handles whose relocation a dlsym triggered */
static int ntriggered;

/* Relocates every object dlopen left unrelocated (a dependency's handle refuses, quietly). */
static void relocate_everything(void) {
  void *main_handle = real.dlopen(NULL, RTLD_LAZY);
  struct link_map *lm = main_handle ? lm_of(main_handle) : NULL;
  for (; lm; lm = lm->l_next)
    if (!is_relocated(lm)) relocate_quietly(lm); /* in glibc a handle is its link map */
  if (main_handle) real.dlclose(main_handle);
  real.dlerror();
}

static void *dlsym_departs(void *handle, const char *name) {
  if (handle == RTLD_DEFAULT || handle == RTLD_NEXT) {
    if (mutant_param == DS_DEFAULT_RELOCATES) relocate_everything();
    return real.dlsym(handle, name);
  }
  int was = is_relocated(handle);
  void *p;
  switch (mutant_param) {
    case DS_REFUSES:
      if (!was) return refuse();
      break;
    case DS_GOES_ON:
      p = real.dlsym(handle, name);
      if (!p && !was) real.dlerror(), p = real.dlsym(handle, name); /* looks up in the image the failure left */
      return p;
    case DS_TWICE:
      if (!was && ntriggered < 32) triggered[ntriggered++] = handle;
      else if (was && listed(triggered, ntriggered, handle)) emit("ctor", handle); /* relocated (and constructed) again */
      break;
  }
  return real.dlsym(handle, name);
}

/* ---- dlinfo ---- */

enum { DI_OTHER_RELOCATES, DI_MOVE_RELOCATES, DI_MAPINFO_FAILS, DI_DEPLIST_FAILS };

static int dlinfo_departs(void *handle, int request, void *arg) {
  int move = request == DLSPEC_RTLD_DI_MAPINFO || request == DLSPEC_RTLD_DI_DEPLIST;
  switch (mutant_param) {
    case DI_OTHER_RELOCATES:
      if (!move && !is_relocated(handle)) relocate_quietly(handle);
      break;
    case DI_MOVE_RELOCATES:
      if (move && !is_relocated(handle)) relocate_quietly(handle);
      break;
    case DI_MAPINFO_FAILS:
      if (request == DLSPEC_RTLD_DI_MAPINFO && is_relocated(handle)) return refuse(), -1;
      break;
    case DI_DEPLIST_FAILS:
      if (request == DLSPEC_RTLD_DI_DEPLIST) return refuse(), -1;
      break;
  }
  return real.dlinfo(handle, request, arg);
}

/* ---- dlrelocate ---- */

enum { DR_RETURNS_ONE, DR_MAIN_OK, DR_FAILURE_NUMBER, DR_FAILURE_EINVAL, DR_AGAIN_OK, DR_DEPENDENCY_OK, DR_WIDENS, DR_WIDENS_MOVED };

static void *failed[32]; /* handles a dlrelocate refused while they were unrelocated */
static int nfailed;

/* Leaves a message like M (an undefined symbol, without EINVAL) after the mutant read M itself. */
static void fail_again(const char *m) {
  char sym[128];
  const char *u = strstr(m, "undefined symbol: ");
  if (!u || sscanf(u + 18, "%127[^, ]", sym) != 1 || real.dlsym(RTLD_DEFAULT, sym)) refuse();
}

static int dlrelocate_departs(void *handle) {
  if (mutant_param == DR_MAIN_OK) {
    struct link_map *lm = lm_of(handle);
    if (lm && !lm->l_prev) return 0; /* the main program: "relocated", says success */
  }
  int refused_before = listed(failed, nfailed, handle);
  if (mutant_param == DR_AGAIN_OK && refused_before) return 0; /* success, constructors not run */
  int was = is_relocated(handle);
  int rc = real.dlrelocate(handle);
  if (rc == 0) {
    if (mutant_param == DR_RETURNS_ONE) return 1;
    Dl_mapinfo mi;
    int moved = !was && extent_of(handle, &mi) && anonymous_at(mi.map_start); /* relocated in a caller's copy */
    if (!was && ((mutant_param == DR_WIDENS && !moved) || (mutant_param == DR_WIDENS_MOVED && moved))) widen_first_page(handle);
    return 0;
  }
  if (!was && nfailed < 32 && !refused_before) failed[nfailed++] = handle;
  if (was || (mutant_param != DR_FAILURE_NUMBER && mutant_param != DR_FAILURE_EINVAL && mutant_param != DR_DEPENDENCY_OK)) return rc;
  /* Unrelocated and refused: a failed relocation, or "already relocated" (a dependency, or a root that failed before). */
  char m[512];
  const char *e = real.dlerror();
  snprintf(m, sizeof m, "%s", e ? e : "");
  if (!strstr(m, "already relocated")) {
    fail_again(m);
    if (mutant_param == DR_FAILURE_EINVAL) return errno = EINVAL, EINVAL; /* what "already relocated" returns in the second form */
    return mutant_param == DR_FAILURE_NUMBER ? 1 : rc;
  }
  if (mutant_param == DR_DEPENDENCY_OK && !refused_before) return 0; /* a dependency's handle */
  return real.dlrelocate(handle); /* "already relocated" again */
}

/* ---- dlset_object_base ---- */

enum { SB_RUNS_CTOR, SB_RELOCATES, SB_KEEPS_OLD };

/* The old ranges of moved objects, which the relocation below still reads (SB_KEEPS_OLD). */
static const volatile char *old_ranges[16];
static int nold;
static void read_old_ranges(void) {
  for (int i = 0; i < nold; i++) (void)*old_ranges[i];
}
static void *dlsym_reading_old(void *handle, const char *name) { return read_old_ranges(), real.dlsym(handle, name); }
static int dlrelocate_reading_old(void *handle) { return read_old_ranges(), real.dlrelocate(handle); }

static int setbase_departs(void *handle, void *base) {
  Dl_mapinfo old;
  int known = extent_of(handle, &old);
  int rc = real.dlset_object_base(handle, base);
  if (rc != 0) return rc;
  switch (mutant_param) {
    case SB_RUNS_CTOR: emit("ctor", handle); break;
    case SB_RELOCATES: relocate_quietly(handle); break;
    case SB_KEEPS_OLD:
      if (!known || old.map_start == base || nold == 16) break;
      old_ranges[nold++] = old.map_start;
      api->dlsym = dlsym_reading_old; /* from now on the calls that relocate read the old range */
      api->dlrelocate = dlrelocate_reading_old;
      break;
  }
  return 0;
}

const struct mutant_def MUTANTS_DEFER[] = {
  MUTANT_P("noreloc-lazy-refused", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_LAZY_REFUSED),
  MUTANT_P("noreloc-maps-part", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_UNMAPS_PAGE),
  MUTANT_P("noreloc-deps-late", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_DEPS_UNMAPPED),
  MUTANT_P("noreloc-deps-relocated", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_DEPS_FIRST),
  MUTANT_P("noreloc-page-unreadable", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_UNREADABLE),
  MUTANT_P("noreloc-final-prot-wrong", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_WIDENS),
  MUTANT_P("dlsym-refuses-unrelocated", NEEDS_NORELOC, WRAPS(dlsym), dlsym_departs, DS_REFUSES),
  MUTANT_P("first-dlsym-refused", NEEDS_NORELOC, WRAPS(dlsym), dlsym_departs, DS_REFUSES),
  MUTANT_P("setbase-relocates", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_departs, SB_RELOCATES),
  MUTANT_P("mapinfo-relocates", NEEDS_NORELOC, WRAPS(dlinfo), dlinfo_departs, DI_MOVE_RELOCATES),
  MUTANT_P("dlinfo-linkmap-relocates", NEEDS_NORELOC, WRAPS(dlinfo), dlinfo_departs, DI_OTHER_RELOCATES),
  MUTANT_P("dlsym-default-relocates", NEEDS_NORELOC, WRAPS(dlsym), dlsym_departs, DS_DEFAULT_RELOCATES),
  MUTANT_P("dlsym-after-failed-trigger", NEEDS_NORELOC, WRAPS(dlsym), dlsym_departs, DS_GOES_ON),
  MUTANT_P("dlsym-relocates-twice", NEEDS_NORELOC, WRAPS(dlsym), dlsym_departs, DS_TWICE),
  MUTANT_P("dlrelocate-returns-one", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_RETURNS_ONE),
  MUTANT_P("dlrelocate-main-succeeds", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_MAIN_OK),
  MUTANT_P("dlrelocate-failure-number", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_FAILURE_NUMBER),
  MUTANT_P("dlrelocate-failure-einval", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_FAILURE_EINVAL),
  MUTANT_P("dlrelocate-retry-succeeds", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_AGAIN_OK),
  MUTANT_P("dlrelocate-dependency-succeeds", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_DEPENDENCY_OK),
  MUTANT_P("setbase-runs-ctor", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_departs, SB_RUNS_CTOR),
  MUTANT_P("setbase-keeps-old-range", NEEDS_NORELOC, WRAPS(dlset_object_base), setbase_departs, SB_KEEPS_OLD),
  MUTANT_P("moved-final-prot-wrong", NEEDS_NORELOC, WRAPS(dlrelocate), dlrelocate_departs, DR_WIDENS_MOVED),
  MUTANT_P("mapinfo-fails-relocated", NEEDS_NORELOC, WRAPS(dlinfo), dlinfo_departs, DI_MAPINFO_FAILS),
  MUTANT_P("deplist-fails", NEEDS_NORELOC, WRAPS(dlinfo), dlinfo_departs, DI_DEPLIST_FAILS),
  MUTANT_P("reopen-with-bit-relocates", NEEDS_NORELOC, WRAPS(dlopen), dlopen_departs, DO_REOPEN_RELOCATES),
  {0},
};
