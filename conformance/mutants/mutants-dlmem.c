/* mutants-dlmem.c: departures in dlmem and in how it calls premap. */
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

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

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

static void *dlmem_drops_global(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  return real.dlmem(buf, size, mode & ~RTLD_GLOBAL, a);
}

static void *dlmem_newlm_is_base(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a || a->nsid != DLSPEC_LM_ID_NEWLM) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.nsid = DLSPEC_LM_ID_BASE;
  return real.dlmem(buf, size, mode, &copy);
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

/* premap mutants: the caller's callback, called the wrong way (mutant_param says how). */
enum premap_departure { PM_TWICE, PM_NO_COOKIE, PM_ROUND };
static dlmem_premap_t *user_premap;
static void *user_cookie;
static void *premap_wrong(void *pref, size_t len, size_t align, void *cookie) {
  (void)cookie;
  switch ((enum premap_departure)mutant_param) {
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

/* ---- dlclose of a dlmem object that leaves its pages mapped (dlmem.close.refcount) ---- */

static void *dlmem_handles[32];
struct extent { uintptr_t base, lo, hi; };
static int extent_of(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct extent *e = data;
  if (info->dlpi_addr != e->base) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *p = &info->dlpi_phdr[i];
    if (p->p_type != PT_LOAD) continue;
    uintptr_t lo = page_of((const void *)(info->dlpi_addr + p->p_vaddr)), hi = info->dlpi_addr + p->p_vaddr + p->p_memsz;
    if (!e->lo || lo < e->lo) e->lo = lo;
    if (hi > e->hi) e->hi = hi;
  }
  return 1;
}
/* Unloads as asked (destructors run), then maps anonymous pages back over the object's extent. */
static int close_leaves_pages(void *handle) {
  int mine = 0;
  for (int i = 0; i < 32; i++)
    if (handle && dlmem_handles[i] == handle) dlmem_handles[i] = NULL, mine = 1;
  struct link_map *lm = NULL;
  struct extent e = {0, 0, 0};
  if (mine && real.dlinfo(handle, RTLD_DI_LINKMAP, &lm) == 0 && lm) {
    e.base = lm->l_addr;
    dl_iterate_phdr(extent_of, &e);
  }
  int rc = real.dlclose(handle);
  if (rc == 0 && e.hi > e.lo && prot_of((const void *)e.lo) < 0) /* gone: leave a page behind */
    mmap((void *)e.lo, (size_t)(e.hi - e.lo), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  return rc;
}
static void *dlmem_then_close_leaves(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  api->dlclose = close_leaves_pages;
  for (int i = 0; h && i < 32; i++)
    if (!dlmem_handles[i]) {
      dlmem_handles[i] = h;
      break;
    }
  return h;
}

/* ---- dlmem objects hidden from dl_iterate_phdr (dlmem.names.visible) ---- */

static uintptr_t hidden[32];
struct hide_ctx { int (*cb)(struct dl_phdr_info *, size_t, void *); void *data; };
static int skip_hidden(struct dl_phdr_info *info, size_t size, void *data) {
  struct hide_ctx *c = data;
  for (int i = 0; i < 32; i++)
    if (hidden[i] && info->dlpi_addr == hidden[i]) return 0;
  return c->cb(info, size, c->data);
}
static int iterate_without_dlmem(int (*cb)(struct dl_phdr_info *, size_t, void *), void *data) {
  struct hide_ctx c = {cb, data};
  return real.dl_iterate_phdr(skip_hidden, &c);
}
/* Loads as asked, then leaves the object out of every later dl_iterate_phdr. */
static void *dlmem_hidden(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  struct link_map *lm = NULL;
  api->dl_iterate_phdr = iterate_without_dlmem;
  if (h && real.dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm)
    for (int i = 0; i < 32; i++)
      if (!hidden[i]) {
        hidden[i] = lm->l_addr;
        break;
      }
  return h;
}

const struct mutant_def MUTANTS_DLMEM[] = {
  MUTANT("dlmem-drops-global", NEEDS_DLMEM, WRAPS(dlmem), dlmem_drops_global),
  MUTANT("dlmem-newlm-is-base", NEEDS_DLMEM, WRAPS(dlmem), dlmem_newlm_is_base),
  MUTANT("dlmem-no-dlerror", NEEDS_DLMEM, WRAPS(dlmem), dlmem_silent),
  MUTANT("dlmem-writes-source", NEEDS_DLMEM, WRAPS(dlmem), dlmem_writes_source),
  MUTANT("dlmem-reprotects-source", NEEDS_DLMEM, WRAPS(dlmem), dlmem_reprotects_source),
  MUTANT("dlmem-any-soname", NEEDS_DLMEM, WRAPS(dlmem), dlmem_any_soname),
  MUTANT("dlmem-copies", NEEDS_DLMEM, WRAPS(dlmem), dlmem_copies),
  MUTANT("dlmem-ignores-dontreplace", NEEDS_DLMEM, WRAPS(dlmem), dlmem_ignores_dontreplace),
  MUTANT_P("premap-twice", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrong, PM_TWICE),
  MUTANT_P("premap-loses-cookie", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrong, PM_NO_COOKIE),
  MUTANT_P("premap-rounds-maplength", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrong, PM_ROUND),
  MUTANT("premap-skipped", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_skipped),
  MUTANT("dlclose-leaves-pages", NEEDS_DLMEM, WRAPS(dlmem), dlmem_then_close_leaves),
  MUTANT("dlmem-hidden", NEEDS_DLMEM, WRAPS(dlmem), dlmem_hidden),
  {0},
};
