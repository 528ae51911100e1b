/* mutants-base.c: departures in the base dl* functions the first set leaves alone (dlerror after success, dlsym, dladdr outside, failures of dlopen and dlmopen). */
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

/* ---- a call that does not return (base.call.returns) ---- */

/* Aborts the process, as a failed internal assertion would, when the symbol is not found. */
static void *dlsym_missing_aborts(void *handle, const char *name) {
  void *p = real.dlsym(handle, name);
  if (!p) abort();
  return p;
}

/* ---- dlerror after a success (base.dlerror.success-silent) ---- */

/* A successful lookup that first probes a versioned name and forgets the message of that probe. */
static void *dlsym_leaves_message(void *handle, const char *name) {
  void *p = real.dlsym(handle, name);
  if (p) {
    char probe[256];
    snprintf(probe, sizeof probe, "%s@DLSPEC_PROBE", name);
    (void)real.dlsym(handle, probe); /* fails, and its message stays pending */
  }
  return p;
}

/* ---- failures of dlopen and dlmopen ---- */

/* Falls back to RTLD_LAZY when RTLD_NOW cannot bind every symbol, so the load succeeds. */
static void *dlopen_now_falls_back(const char *file, int mode) {
  void *h = real.dlopen(file, mode);
  if (h || !(mode & RTLD_NOW)) return h;
  real.dlerror();
  h = real.dlopen(file, (mode & ~RTLD_NOW) | RTLD_LAZY);
  if (!h) return NULL;
  real.dlerror();
  return h;
}

/* Answers a load whose file exists but whose dependency is missing with the main program's handle. */
static void *dlopen_missing_dep_main(const char *file, int mode) {
  void *h = real.dlopen(file, mode);
  if (h || !file || (mode & RTLD_NOLOAD) || access(file, R_OK) != 0) return h;
  char *m = real.dlerror();
  if (!m || !strstr(m, "No such file")) return NULL; /* the message is consumed: only this departure */
  return real.dlopen(NULL, RTLD_NOW);
}

/* Loads into the base namespace when dlmopen is given a namespace id it does not know. */
static void *dlmopen_bad_nsid_is_base(dlspec_lmid_t nsid, const char *file, int mode) {
  void *h = real.dlmopen(nsid, file, mode);
  if (h || nsid == DLSPEC_LM_ID_BASE || nsid == DLSPEC_LM_ID_NEWLM) return h;
  real.dlerror();
  return real.dlmopen(DLSPEC_LM_ID_BASE, file, mode);
}

/* ---- lookups and addresses ---- */

/* Searches only the handle's own object: a symbol a dependency defines is not found. */
static void *dlsym_own_only(void *handle, const char *name) {
  void *p = real.dlsym(handle, name);
  struct link_map *lm = NULL;
  Dl_info info;
  if (!p || handle == RTLD_DEFAULT || handle == RTLD_NEXT || real.dlinfo(handle, DLSPEC_RTLD_DI_LINKMAP, &lm) != 0 || !lm)
    return p;
  if (!real.dladdr(p, &info) || !info.dli_fname || !lm->l_name || strcmp(info.dli_fname, lm->l_name) == 0) return p;
  (void)real.dlsym(handle, "dlspec_no_such_symbol"); /* the message of a failed lookup */
  return NULL;
}

/* Reports the main program for an address no object covers. */
static int dladdr_outside_is_main(const void *addr, void *out) {
  int rc = real.dladdr(addr, out);
  if (rc || !real.dladdr((const void *)dlspec_event, out)) return rc;
  ((Dl_info *)out)->dli_sname = NULL;
  ((Dl_info *)out)->dli_saddr = NULL;
  return 1;
}

const struct mutant_def MUTANTS_BASE[] = {
  MUTANT("dlsym-missing-aborts", NEEDS_NONE, WRAPS(dlsym), dlsym_missing_aborts),
  MUTANT("dlsym-leaves-message", NEEDS_NONE, WRAPS(dlsym), dlsym_leaves_message),
  MUTANT("dlopen-now-falls-back-lazy", NEEDS_NONE, WRAPS(dlopen), dlopen_now_falls_back),
  MUTANT("dlopen-missing-dep-main", NEEDS_NONE, WRAPS(dlopen), dlopen_missing_dep_main),
  MUTANT("dlmopen-bad-nsid-is-base", NEEDS_DLMOPEN, WRAPS(dlmopen), dlmopen_bad_nsid_is_base),
  MUTANT("dlsym-own-only", NEEDS_NONE, WRAPS(dlsym), dlsym_own_only),
  MUTANT("dladdr-outside-is-main", NEEDS_NONE, WRAPS(dladdr), dladdr_outside_is_main),
  {0},
};
