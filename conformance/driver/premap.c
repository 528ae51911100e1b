/* premap.c: the premap callback. Each behaviour is one thing a caller's callback can do; the
 * callback records its arguments and result and calls no dl* function (the loader holds its lock),
 * except the `reentrant-dlopen` behaviour, whose whole point is to break that rule. */
#define _GNU_SOURCE
#include "premap.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "slots.h"

enum behaviour { ANON, MEMFD_SHARED, MAP32BIT, MAP_FAILED_B, NULL_B, MISALIGNED, SHORT, REENTRANT };
static const char *const NAMES[] = {"anon", "memfd-shared", "map32bit", "map-failed",
                                    "null", "misaligned", "short", "reentrant-dlopen"};
#define NBEHAVIOURS (sizeof NAMES / sizeof NAMES[0])
#define COOKIE_MAGIC 0xd15bec0u

struct cookie {
  unsigned magic;
  enum behaviour behaviour;
};
static struct cookie g_cookie;

#define MAX_CALLS 8
static struct call {
  void *mappref, *ret, *map_base;
  size_t maplength, mapalign;
  size_t use_len, map_len; /* usable bytes from ret; bytes from map_base (what munmap takes) */
  int cookie_ok, fd, reentrant; /* reentrant: -1 not tried, 0 dlopen gave NULL, 1 a handle */
} g_calls[MAX_CALLS];
static int g_ncalls;

#include "map-aligned.h"

static void *behave(struct call *c, enum behaviour b) {
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

static void *driver_premap(void *mappref, size_t maplength, size_t mapalign, void *cookie) {
  struct cookie *k = cookie;
  struct call scratch, *c = g_ncalls < MAX_CALLS ? &g_calls[g_ncalls++] : &scratch;
  *c = (struct call){.mappref = mappref, .maplength = maplength, .mapalign = mapalign,
                     .use_len = maplength, .map_len = maplength, .fd = -1, .reentrant = -1};
  c->cookie_ok = k == &g_cookie && k->magic == COOKIE_MAGIC;
  c->ret = behave(c, c->cookie_ok ? k->behaviour : ANON);
  if (!c->map_base) c->map_base = c->ret;
  return c->ret;
}

int premap_setup(struct dlmem_args *a, const char *name) {
  for (size_t i = 0; i < NBEHAVIOURS; i++)
    if (strcmp(name, NAMES[i]) == 0) {
      g_cookie = (struct cookie){COOKIE_MAGIC, (enum behaviour)i};
      a->premap = driver_premap;
      a->cookie = &g_cookie;
      return 0;
    }
  return fail("unknown premap behaviour \"%s\"", name);
}

void premap_reset(void) { g_ncalls = 0; }

int premap_bind_regions(const char *as, int step) {
  for (int i = 0; i < g_ncalls; i++) {
    struct call *c = &g_calls[i];
    if (c->ret == MAP_FAILED || c->ret == NULL) continue;
    char name[64];
    if (as) snprintf(name, sizeof name, i ? "%s.premap%d" : "%s.premap", as, i + 1);
    else snprintf(name, sizeof name, i ? "premap.%d.%d" : "premap.%d", step, i + 1);
    struct slot *s = slot_bind(name, SLOT_REGION);
    if (!s) return -1;
    s->u.region = (struct region){.addr = c->ret, .len = c->use_len, .map_base = c->map_base,
                                  .map_len = c->map_len, .kind = REGION_PREMAP, .fd = c->fd};
  }
  return 0;
}

void premap_json(struct jbuf *b) {
  jb_raw(b, "[");
  for (int i = 0; i < g_ncalls; i++) {
    struct call *c = &g_calls[i];
    jb_elem(b);
    jb_raw(b, "{\"mappref\":");
    jb_hex(b, (uintptr_t)c->mappref);
    jb_printf(b, ",\"maplength\":%zu,\"mapalign\":%zu,\"cookie\":%s,\"ret\":", c->maplength,
              c->mapalign, c->cookie_ok ? "true" : "false");
    jb_hex(b, (uintptr_t)c->ret);
    if (c->reentrant >= 0) jb_printf(b, ",\"reentrant\":%s", c->reentrant ? "true" : "false");
    jb_raw(b, "}");
  }
  jb_raw(b, "]");
}
