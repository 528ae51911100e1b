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

/* ---- dlmem (the compatibility layer or a loader's own) ---- */

void *dlmem_silent(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  if (!h) real.dlerror(); /* fails, but leaves no message */
  return h;
}

void *dlmem_writes_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
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

void *dlmem_reprotects_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  if (buf && size) mprotect((void *)page_of(buf), 1, PROT_READ | PROT_EXEC);
  return h;
}

static void *first_object;
void *dlmem_any_soname(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (first_object && a && a->soname) return first_object; /* whatever the soname, the object loaded first */
  void *h = real.dlmem(buf, size, mode, a);
  if (h) first_object = h;
  return h;
}

void *dlmem_drops_global(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  return real.dlmem(buf, size, mode & ~RTLD_GLOBAL, a);
}

void *dlmem_newlm_is_base(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a || a->nsid != DLSPEC_LM_ID_NEWLM) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.nsid = DLSPEC_LM_ID_BASE;
  return real.dlmem(buf, size, mode, &copy);
}

void *dlmem_copies(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  struct dlmem_args copy = a ? *a : (struct dlmem_args){0};
  copy.flags |= DLMEM_GENBUF_SRC; /* copy the image instead of mapping the source's pages */
  return real.dlmem(buf, size, mode, &copy);
}

void *dlmem_ignores_dontreplace(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.flags &= ~(unsigned)DLMEM_DONTREPLACE;
  return real.dlmem(buf, size, mode, &copy);
}

/* premap mutants: the caller's callback, called the wrong way. */
static dlmem_premap_t *user_premap;
static void *user_cookie;
enum premap_departure premap_kind;
void *premap_wrong(void *pref, size_t len, size_t align, void *cookie) {
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
void *dlmem_premap_wrong(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a || !a->premap) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  user_premap = a->premap;
  user_cookie = a->cookie;
  copy.premap = premap_wrong;
  copy.cookie = NULL;
  return real.dlmem(buf, size, mode, &copy);
}
void *dlmem_premap_skipped(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  copy.premap = NULL;
  return real.dlmem(buf, size, mode, &copy);
}
