/* mutants-libc.c: departures in the C library's dl* functions and in the constructor events. */
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

/* ---- constructor events (base.dlopen.ctors-before-return) ---- */

static void drop_ctors(struct dlspec_event_list *e) {
  int k = 0;
  for (int i = 0; i < e->n; i++) {
    if (strcmp(e->kind[i], "ctor") == 0) continue;
    if (k != i) memcpy(e->kind[k], e->kind[i], 16), memcpy(e->lib[k], e->lib[i], 64);
    k++;
  }
  e->n = k;
}

static void reverse_ctors(struct dlspec_event_list *e) {
  int idx[64], m = 0;
  for (int i = 0; i < e->n && m < 64; i++) if (strcmp(e->kind[i], "ctor") == 0) idx[m++] = i;
  for (int a = 0, b = m - 1; a < b; a++, b--) {
    char t[64];
    memcpy(t, e->lib[idx[a]], 64);
    memcpy(e->lib[idx[a]], e->lib[idx[b]], 64);
    memcpy(e->lib[idx[b]], t, 64);
  }
}

/* ---- reopening (base.dlopen.dedup, base.dlclose.refcount) ---- */

int already_loaded(const char *file) {
  if (!file) return 0;
  void *h = real.dlopen(file, RTLD_LAZY | RTLD_NOLOAD);
  if (!h) return real.dlerror(), 0;
  real.dlclose(h);
  return 1;
}

static void *reopen_runs_ctor(const char *file, int mode) {
  int again = already_loaded(file);
  void *h = real.dlopen(file, mode);
  char name[64];
  if (h && again) dlspec_event("ctor", fixture_name(file, name, sizeof name));
  return h;
}

static void *reopen_drops_count(const char *file, int mode) {
  int again = already_loaded(file);
  void *h = real.dlopen(file, mode);
  if (h && again) real.dlclose(h); /* one open count too few: the last dlclose comes early */
  return h;
}

static int close_keeps(void *handle) {
  (void)handle;
  return 0; /* reports success and releases nothing: every object stays loaded */
}

/* ---- queries (base.dladdr.fields, base.dlinfo.linkmap, base.dlerror.once) ---- */

static int dladdr_moves_base(const void *addr, void *out) {
  int rc = real.dladdr(addr, out);
  if (rc) ((Dl_info *)out)->dli_fbase = (char *)((Dl_info *)out)->dli_fbase + 0x1000;
  return rc;
}

static struct link_map fake_map;
static int dlinfo_moves_l_addr(void *handle, int request, void *arg) {
  int rc = real.dlinfo(handle, request, arg);
  if (rc == 0 && request == DLSPEC_RTLD_DI_LINKMAP && *(struct link_map **)arg) {
    fake_map = **(struct link_map **)arg;
    fake_map.l_addr += 0x1000;
    *(struct link_map **)arg = &fake_map;
  }
  return rc;
}

static char last_error[512];
static char *dlerror_stale(void) {
  char *m = real.dlerror();
  if (m) {
    strncpy(last_error, m, sizeof last_error - 1);
    return m;
  }
  return last_error[0] ? last_error : NULL; /* the previous message, again */
}

/* ---- lookups, opening, closing, namespaces ---- */

static int found_nothing;
static void *dlsym_finds_missing(void *handle, const char *name) {
  void *p = real.dlsym(handle, name);
  return p ? p : (real.dlerror(), (void *)&found_nothing); /* an address for a symbol that is not there */
}

static void *dlopen_noload_loads(const char *file, int mode) { return real.dlopen(file, mode & ~RTLD_NOLOAD); }

static int dlinfo_any_request(void *handle, int request, void *arg) {
  int known = request == DLSPEC_RTLD_DI_LMID || request == DLSPEC_RTLD_DI_LINKMAP || request == DLSPEC_RTLD_DI_ORIGIN ||
              request == DLSPEC_RTLD_DI_MAPINFO || request == DLSPEC_RTLD_DI_DEPLIST;
  return known ? real.dlinfo(handle, request, arg) : 0; /* "succeeds" on a request it does not define */
}

static int dlclose_returns_one(void *handle) {
  int rc = real.dlclose(handle);
  return rc == 0 ? 1 : rc;
}

static void *dlmopen_newlm_is_base(dlspec_lmid_t nsid, const char *file, int mode) {
  return nsid == DLSPEC_LM_ID_NEWLM ? real.dlopen(file, mode) : real.dlmopen(nsid, file, mode);
}

const struct mutant_def MUTANTS_LIBC[] = {
  MUTANT("ctor-skip", NEEDS_NONE, EVENTS, drop_ctors),
  MUTANT("ctor-reorder", NEEDS_NONE, EVENTS, reverse_ctors),
  MUTANT("ctor-repeat-on-reopen", NEEDS_NONE, WRAPS(dlopen), reopen_runs_ctor),
  MUTANT("unload-while-open", NEEDS_NONE, WRAPS(dlopen), reopen_drops_count),
  MUTANT("keep-after-last-close", NEEDS_NONE, WRAPS(dlclose), close_keeps),
  MUTANT("dladdr-wrong-base", NEEDS_NONE, WRAPS(dladdr), dladdr_moves_base),
  MUTANT("dlinfo-wrong-l-addr", NEEDS_NONE, WRAPS(dlinfo), dlinfo_moves_l_addr),
  MUTANT("dlerror-stale", NEEDS_NONE, WRAPS(dlerror), dlerror_stale),
  MUTANT("dlsym-finds-missing", NEEDS_NONE, WRAPS(dlsym), dlsym_finds_missing),
  MUTANT("dlopen-noload-loads", NEEDS_NONE, WRAPS(dlopen), dlopen_noload_loads),
  MUTANT("dlinfo-any-request", NEEDS_NONE, WRAPS(dlinfo), dlinfo_any_request),
  MUTANT("dlclose-returns-one", NEEDS_NONE, WRAPS(dlclose), dlclose_returns_one),
  MUTANT("dlmopen-newlm-is-base", NEEDS_DLMOPEN, WRAPS(dlmopen), dlmopen_newlm_is_base),
  {0},
};
