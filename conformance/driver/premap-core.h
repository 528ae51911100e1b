/* premap-core.h: the premap behaviours, shared by the driver (premap.c) and the standalone repro
 * programs (conformance/repro inlines this file's text). Each behaviour is one thing a caller's
 * callback can do; the callback records its arguments and result and calls no dl* function (the
 * loader holds its lock), except `reentrant-dlopen`, whose whole point is to break that rule. */
#ifndef DLSPEC_PREMAP_CORE_H
#define DLSPEC_PREMAP_CORE_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

enum behaviour { ANON, MEMFD_SHARED, MAP32BIT, MAP_FAILED_B, NULL_B, MISALIGNED, SHORT, REENTRANT };
#define COOKIE_MAGIC 0xd15bec0u

/* What the cookie points at: checked by the callback (dlmem.args.cookie). */
struct premap_cookie {
  unsigned magic;
  enum behaviour behaviour;
};

/* One premap call: its arguments, what it returned and what it mapped. */
struct premap_call {
  void *mappref, *ret, *map_base;
  size_t maplength, mapalign;
  size_t use_len, map_len; /* usable bytes from ret; bytes from map_base (what munmap takes) */
  int cookie_ok, fd, reentrant; /* reentrant: -1 not tried, 0 dlopen gave NULL, 1 a handle */
};

#ifndef MAP_32BIT
#define MAP_32BIT 0
#endif
#if defined(__x86_64__)
#define SHARED_32BIT MAP_32BIT /* as the branch's own tst-dlmem-shm does */
#else
#define SHARED_32BIT 0
#endif

/* LEN bytes at an ALIGN-aligned address: reserve LEN + ALIGN, then trim both ends. With FD >= 0
 * the aligned part is a MAP_SHARED mapping of the fd. */
__attribute__((unused)) static void *map_aligned(size_t len, size_t align, int extra, int fd) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (align < page) align = page;
  size_t total = len + align;
  uint8_t *raw = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
  if (raw == MAP_FAILED) return MAP_FAILED;
  uint8_t *at = (uint8_t *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
  void *m = fd >= 0 ? mmap(at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0)
                    : mmap(at, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (at > raw) munmap(raw, (size_t)(at - raw));
  if (raw + total > at + len) munmap(at + len, (size_t)(raw + total - (at + len)));
  if (m == MAP_FAILED) munmap(at, len);
  return m;
}

/* Performs behaviour B for a premap call C of maplength and mapalign bytes; fills what it mapped. */
__attribute__((unused)) static void *premap_behave(struct premap_call *c, enum behaviour b) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t len = c->maplength, align = c->mapalign;
  switch (b) {
  case MAP_FAILED_B: return MAP_FAILED;
  case NULL_B: return NULL;
  case MEMFD_SHARED:
    c->fd = memfd_create("dlspec-premap", 0);
    if (c->fd < 0 || ftruncate(c->fd, (off_t)len)) return MAP_FAILED;
    return map_aligned(len, align, SHARED_32BIT, c->fd);
  case MAP32BIT: return map_aligned(len, align, MAP_32BIT, -1);
  case MISALIGNED: {
    /* Not a multiple of mapalign: one page past it when mapalign exceeds a page, else 64 bytes. */
    size_t skew = align > page ? page : 64;
    uint8_t *m = map_aligned(len + align, align, 0, -1);
    if (m == MAP_FAILED) return m;
    c->map_base = m;
    c->map_len = len + align;
    c->use_len = len + align - skew;
    return m + skew;
  }
  case SHORT: {
    uint8_t *m = map_aligned(len, align, 0, -1);
    if (m != MAP_FAILED && len >= page) munmap(m + len - page, page);
    c->use_len = c->map_len = len >= page ? len - page : 0;
    return m;
  }
  case REENTRANT: {
    void *h = dlopen(NULL, RTLD_NOW);
    c->reentrant = h != NULL;
    return map_aligned(len, align, 0, -1);
  }
  case ANON: break;
  }
  return map_aligned(len, align, 0, -1);
}

/* Records a premap call in C and performs the behaviour EXPECTED's cookie names (ANON when the
 * cookie did not arrive unchanged). */
__attribute__((unused)) static void *premap_record(struct premap_call *c, void *mappref, size_t maplength, size_t mapalign, void *cookie,
                           const struct premap_cookie *expected) {
  const struct premap_cookie *k = cookie;
  *c = (struct premap_call){.mappref = mappref, .maplength = maplength, .mapalign = mapalign,
                            .use_len = maplength, .map_len = maplength, .fd = -1, .reentrant = -1};
  c->cookie_ok = k == expected && k->magic == COOKIE_MAGIC;
  c->ret = premap_behave(c, c->cookie_ok ? k->behaviour : ANON);
  if (!c->map_base) c->map_base = c->ret;
  return c->ret;
}

#endif
