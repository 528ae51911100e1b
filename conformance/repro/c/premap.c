/* The premap callback (conformance/driver/premap.c): each behaviour is one thing a caller's
 * callback can do. It records its arguments and result, and calls no dl* function, except
 * `reentrant-dlopen`, whose whole point is to break that rule. */
enum behaviour { ANON, MEMFD_SHARED, MAP32BIT, MAP_FAILED_B, NULL_B, MISALIGNED, SHORT, REENTRANT };
#define COOKIE_MAGIC 0xd15bec0u
static struct cookie {
  unsigned magic;
  enum behaviour behaviour;
} g_cookie;

/* map_aligned() and SHARED_32BIT come from conformance/driver/map-aligned.h, inlined before this. */

static void *behave(struct premap_seen *c, enum behaviour b) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE), len = c->maplength, align = c->mapalign;
  switch (b) {
  case MAP_FAILED_B: return MAP_FAILED;
  case NULL_B: return NULL;
  case MEMFD_SHARED:
    c->fd = memfd_create("dlspec-premap", 0);
    if (c->fd < 0 || ftruncate(c->fd, (off_t)len)) return MAP_FAILED;
    return map_aligned(len, align, SHARED_32BIT, c->fd);
  case MAP32BIT: return map_aligned(len, align, MAP_32BIT, -1);
  case MISALIGNED: {
    size_t skew = align > page ? page : 64; /* never a multiple of mapalign */
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
  case REENTRANT:
    c->reentrant = dlopen(NULL, RTLD_NOW) != NULL;
    return map_aligned(len, align, 0, -1);
  case ANON: break;
  }
  return map_aligned(len, align, 0, -1);
}

static void *repro_premap(void *mappref, size_t maplength, size_t mapalign, void *cookie) {
  struct cookie *k = cookie;
  struct premap_seen scratch, *c = g_npremap < MAX_PREMAP ? &g_premap[g_npremap++] : &scratch;
  *c = (struct premap_seen){.mappref = mappref, .maplength = maplength, .mapalign = mapalign,
                            .use_len = maplength, .map_len = maplength, .fd = -1, .reentrant = -1};
  c->cookie_ok = k == &g_cookie && k->magic == COOKIE_MAGIC;
  c->ret = behave(c, c->cookie_ok ? k->behaviour : ANON);
  if (!c->map_base) c->map_base = c->ret;
  return c->ret;
}

/* Sets A's premap and cookie for behaviour B. */
static void premap_setup(struct dlmem_args *a, enum behaviour b) {
  g_cookie = (struct cookie){COOKIE_MAGIC, b};
  a->premap = repro_premap;
  a->cookie = &g_cookie;
}

/* The mapping the I-th premap call of the last step returned, as a region (the driver's
 * AS.premap, AS.premap2, ...); zero when that call did not return one. */
static struct region premap_region(int i) {
  struct region g = {.fd = -1};
  if (i >= g_npremap || g_premap[i].ret == MAP_FAILED || g_premap[i].ret == NULL) return g;
  struct premap_seen *c = &g_premap[i];
  return (struct region){.addr = c->ret, .len = c->use_len, .map_base = c->map_base, .map_len = c->map_len, .fd = c->fd};
}
