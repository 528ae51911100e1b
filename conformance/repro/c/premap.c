/* The premap callback: the behaviours and the recording are conformance/driver/premap-core.h's,
 * inlined at the top of the program. */
static struct premap_cookie g_cookie;


static void *repro_premap(void *mappref, size_t maplength, size_t mapalign, void *cookie) {
  struct premap_call scratch, *c = g_npremap < MAX_PREMAP ? &g_premap[g_npremap++] : &scratch;
  return premap_record(c, mappref, maplength, mapalign, cookie, &g_cookie);
}

/* Sets A's premap and cookie for behaviour B. */
static void premap_setup(struct dlmem_args *a, enum behaviour b) {
  g_cookie = (struct premap_cookie){COOKIE_MAGIC, b};
  a->premap = repro_premap;
  a->cookie = &g_cookie;
}

/* The mapping the I-th premap call of the last step returned, as a region (the driver's
 * AS.premap, AS.premap2, ...); zero when that call did not return one. */
static struct region premap_region(int i) {
  struct region g = {.fd = -1};
  if (i >= g_npremap || g_premap[i].ret == MAP_FAILED || g_premap[i].ret == NULL) return g;
  struct premap_call *c = &g_premap[i];
  return (struct region){.addr = c->ret, .len = c->use_len, .map_base = c->map_base, .map_len = c->map_len, .fd = c->fd};
}
