/* premap.c: the premap callback. Each behaviour is one thing a caller's callback can do; the
 * callback records its arguments and result and calls no dl* function (the loader holds its lock),
 * except the `reentrant-dlopen` behaviour, whose whole point is to break that rule. */
#define _GNU_SOURCE
#include "premap.h"
#include "premap-core.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "slots.h"

static const char *const NAMES[] = {"anon", "memfd-shared", "map32bit", "map-failed",
                                    "null", "misaligned", "short", "reentrant-dlopen"};
#define NBEHAVIOURS (sizeof NAMES / sizeof NAMES[0])

static struct premap_cookie g_cookie;

#define MAX_CALLS 8
static struct premap_call g_calls[MAX_CALLS];
static int g_ncalls;


static void *driver_premap(void *mappref, size_t maplength, size_t mapalign, void *cookie) {
  struct premap_call scratch, *c = g_ncalls < MAX_CALLS ? &g_calls[g_ncalls++] : &scratch;
  return premap_record(c, mappref, maplength, mapalign, cookie, &g_cookie);
}

int premap_setup(struct dlmem_args *a, const char *name) {
  for (size_t i = 0; i < NBEHAVIOURS; i++)
    if (strcmp(name, NAMES[i]) == 0) {
      g_cookie = (struct premap_cookie){COOKIE_MAGIC, (enum behaviour)i};
      a->premap = driver_premap;
      a->cookie = &g_cookie;
      return 0;
    }
  return fail("unknown premap behaviour \"%s\"", name);
}

void premap_reset(void) { g_ncalls = 0; }

int premap_bind_regions(const char *as, int step) {
  for (int i = 0; i < g_ncalls; i++) {
    struct premap_call *c = &g_calls[i];
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
    struct premap_call *c = &g_calls[i];
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
