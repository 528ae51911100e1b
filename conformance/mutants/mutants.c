/* mutants.c: the mutant loaders of conformance/mutants/catalogue.ts. Loaded by the driver when
 * DLSPEC_MUTANT_LIB names it, the library exports dlspec_mutant_install (../driver/mutant.h): the
 * driver hands it the table every dl* call goes through, and DLSPEC_MUTANT names the departure. Each mutant wraps one
 * function of the table (or filters the step's constructor events) and otherwise calls the
 * loader's own function, so that it departs from one clause and keeps every other. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutant.h"

static struct apis real; /* the table as the driver filled it */
static struct apis *api; /* the driver's table, which the wrappers replace entries of */
void dlspec_event(const char *kind, const char *lib); /* the driver's (exported with -rdynamic) */

static uintptr_t page_of(const void *p) { return (uintptr_t)p & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1); }

/* The protection of the page holding P, from /proc/self/maps; -1 when it is not mapped. */
static int prot_of(const void *p) {
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
static const char *fixture_name(const char *path, char *out, size_t cap) {
  const char *base = path ? strrchr(path, '/') : NULL;
  base = base ? base + 1 : (path ? path : "");
  if (strncmp(base, "libdlspec-", 10) == 0) base += 10;
  size_t n = strcspn(base, ".");
  if (n >= cap) n = cap - 1;
  memcpy(out, base, n);
  out[n] = 0;
  return out;
}

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

static int already_loaded(const char *file) {
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

/* ---- dlmem (the compatibility layer or a loader's own) ---- */

static void *dlmem_silent(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  if (!h) real.dlerror(); /* fails, but leaves no message */
  return h;
}

static void *dlmem_writes_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  if (h && buf && size) {
    /* Flip the last byte of the source, making its page writable for the moment if it is not. */
    unsigned char *p = (unsigned char *)buf + size - 1;
    int prot = prot_of(p);
    if (prot >= 0 && mprotect((void *)page_of(p), 1, PROT_READ | PROT_WRITE) == 0) {
      *p ^= 0xff;
      mprotect((void *)page_of(p), 1, prot);
    }
  }
  return h;
}

static void *dlmem_reprotects_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  if (buf && size) mprotect((void *)page_of(buf), 1, PROT_READ | PROT_EXEC);
  return h;
}

static void *first_object;
static void *dlmem_any_soname(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (first_object && a && a->soname) return first_object; /* whatever the soname, the object loaded first */
  void *h = real.dlmem(buf, size, mode, a);
  if (h) first_object = h;
  return h;
}

static void *dlmem_copies(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  struct dlmem_args copy = a ? *a : (struct dlmem_args){0};
  copy.flags |= DLMEM_GENBUF_SRC; /* copy the image instead of mapping the source's pages */
  return real.dlmem(buf, size, mode, &copy);
}

static void *dlmem_ignores_dontreplace(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.flags &= ~(unsigned)DLMEM_DONTREPLACE;
  return real.dlmem(buf, size, mode, &copy);
}

/* premap mutants: the caller's callback, called the wrong way. */
static dlmem_premap_t *user_premap;
static void *user_cookie;
static enum { PM_TWICE, PM_NO_COOKIE, PM_ROUND } premap_kind;
static void *premap_wrong(void *pref, size_t len, size_t align, void *cookie) {
  (void)cookie;
  switch (premap_kind) {
    case PM_TWICE:
      user_premap(pref, len, align, user_cookie);
      return user_premap(pref, len, align, user_cookie);
    case PM_NO_COOKIE:
      return user_premap(pref, len, align, NULL);
    case PM_ROUND: {
      size_t page = (size_t)sysconf(_SC_PAGESIZE);
      return user_premap(pref, (len + page - 1) & ~(page - 1), align, user_cookie);
    }
  }
  return NULL;
}
static void *dlmem_premap_wrong(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a || !a->premap) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  user_premap = a->premap;
  user_cookie = a->cookie;
  copy.premap = premap_wrong;
  copy.cookie = NULL;
  return real.dlmem(buf, size, mode, &copy);
}
static void *dlmem_premap_skipped(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.premap = NULL;
  return real.dlmem(buf, size, mode, &copy);
}

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

static int is_relocated(void *handle) {
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
