/* /proc/self/maps: the program checks it before touching memory the loader may have unmapped,
 * as the driver does (conformance/driver/maps.c). */
/* struct map_entry and maps_parse_line come from conformance/driver/maps-line.h, inlined before this. */
static struct map_entry *g_maps;
static size_t g_nmaps, g_capmaps;

static void maps_read(void) {
  FILE *f = fopen("/proc/self/maps", "re");
  char *line = NULL;
  size_t cap = 0;
  if (!f) setup_fail("cannot read /proc/self/maps");
  g_nmaps = 0;
  while (getline(&line, &cap, f) > 0) {
    struct map_entry e;
    if (maps_parse_line(line, &e) < 0) continue;
    if (g_nmaps == g_capmaps) {
      g_capmaps = g_capmaps ? g_capmaps * 2 : 256;
      g_maps = realloc(g_maps, g_capmaps * sizeof *g_maps);
      if (!g_maps) setup_fail("out of memory");
    }
    g_maps[g_nmaps++] = e;
  }
  free(line);
  fclose(f);
}

/* Whether every byte of [addr, addr + len) is mapped with each permission of NEED ("r", "rw", "x"). */
static int maps_access(uintptr_t addr, size_t len, const char *need) {
  uintptr_t at = addr, end = addr + (len ? len : 1);
  if (end < addr) return 0;
  maps_read();
  for (size_t i = 0; i < g_nmaps && at < end; i++) {
    if (g_maps[i].end <= at) continue;
    if (g_maps[i].start > at) return 0;
    for (const char *p = need; *p; p++)
      if (g_maps[i].prot[*p == 'r' ? 0 : *p == 'w' ? 1 : 2] == '-') return 0;
    at = g_maps[i].end;
  }
  return at >= end;
}

/* Memory the program set up (or a premap callback returned). */
struct region {
  unsigned char *addr; /* first byte */
  size_t len;
  void *map_base; /* what munmap takes, or malloc's pointer */
  size_t map_len;
  int fd, heap, released;
  unsigned char *snap; /* the bytes the program last put there, when they were readable */
};

/* Remembers the region's bytes as the program's own (the driver's region_note_bytes). */
static void note_bytes(struct region *g) {
  free(g->snap);
  g->snap = NULL;
  if (g->len && maps_access((uintptr_t)g->addr, g->len, "r") && (g->snap = malloc(g->len)))
    memcpy(g->snap, g->addr, g->len);
}
