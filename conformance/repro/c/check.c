/* The check at the diverging step: what the spec allows there, tested on what this run observed
 * (conformance/oracle/match.ts, in C). */

/* Whether the failure shows error number E (base.dlerror.error-class): errno E after dlerror(),
 * or a message ending with strerror(E)'s text TEXT. */
static int shows(int e, const char *text) {
  size_t n = o.msg ? strlen(o.msg) : 0, t = strlen(text);
  return (o.has_errno && o.err == e) || (n >= t && strcmp(o.msg + n - t, text) == 0);
}

static int events_are(const char *expected) {
  char seen[4096];
  events_text(seen, sizeof seen);
  return strcmp(seen, expected) == 0;
}


/* The region's protection ("mixed" when its pages differ, NULL when none is mapped) and whether
 * every byte of it is mapped (the driver's regions report). */
static const char *region_prot(const struct region *g, int *mapped) {
  static char prot[4];
  uintptr_t at = (uintptr_t)g->addr, end = at + (g->len ? g->len : 1);
  const char *seen = NULL;
  int mixed = 0, covered = 1;
  *mapped = 0;
  if (g->released) return NULL;
  maps_read();
  for (size_t i = 0; i < g_nmaps && at < end; i++) {
    if (g_maps[i].end <= at) continue;
    if (g_maps[i].start >= end) break;
    if (g_maps[i].start > at) covered = 0;
    if (seen && strcmp(seen, g_maps[i].prot) != 0) mixed = 1;
    seen = g_maps[i].prot;
    at = g_maps[i].end;
  }
  if (at < end) covered = 0;
  *mapped = covered && seen;
  if (!seen) return NULL;
  copy_text(prot, sizeof prot, mixed ? "mixed" : seen);
  return prot;
}

static int region_mapped(const struct region *g) {
  int mapped;
  region_prot(g, &mapped);
  return mapped;
}

/* 0 when the bytes differ from what the program last put there, 1 when equal, -1 when unknown. */
static int region_unchanged(const struct region *g) {
  if (!g->snap || !region_mapped(g) || !maps_access((uintptr_t)g->addr, g->len, "r")) return -1;
  return memcmp(g->snap, g->addr, g->len) == 0;
}

/* Whether the region's protection is PROT (or unknown: nothing mapped). */
static int region_prot_is(const struct region *g, const char *prot) {
  int mapped;
  const char *seen = region_prot(g, &mapped);
  return !seen || strcmp(seen, prot) == 0;
}

/* Prints what this run observed at the step. */
static void print_observed(void) {
  char events[4096];
  printf("  observed:");
  if (o.ret == RET_PTR) printf(" ptr %p", o.ptr);
  else if (o.ret == RET_NULL) printf(" NULL");
  else if (o.ret == RET_INT) printf(" %lld", o.ival);
  if (o.failed || o.msg) printf(" · dlerror %s%s%s", o.msg ? "\"" : "", o.msg ? o.msg : "NULL", o.msg ? "\"" : "");
  if (o.has_errno) printf(" · errno %d (%s)", o.err, strerror(o.err));
  events_text(events, sizeof events);
  if (events[0]) printf(" · events: %s", events);
  for (int i = 0; i < g_npremap && i < MAX_PREMAP; i++)
    printf(" · premap: maplength %zu mapalign %zu cookie %s", g_premap[i].maplength, g_premap[i].mapalign,
           g_premap[i].cookie_ok ? "ok" : "changed");
  if (o.has_mapinfo)
    printf(" · mapinfo: map_start %p map_length %zu map_align %zu relocated %d", o.mi.map_start,
           o.mi.map_length, o.mi.map_align, o.mi.relocated);
  if (o.has_int) printf(" · value %lld", o.ival);
  if (o.fault[0]) printf(" · fault: %s", o.fault);
  printf("\n");
}
