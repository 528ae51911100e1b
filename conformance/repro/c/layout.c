/* Layout checks at the diverging step: conformance/oracle/requirements/layout-evaluate.ts in C,
 * over values the generator writes from the same requirement (the predicted ranges, the backing,
 * the part judged). An object is found among the loaded ones by its extent length and file name;
 * the handle the step returned picks it when it is one of them. */

/* One predicted range (relative to the base) or gap. */
struct pentry {
  unsigned long start, end;
  int gap, file; /* a gap between segments; a segment range holding file bytes */
  const char *after; /* the protection once relocated ("rw-") */
  unsigned long offset; /* for file ranges: the file offset of start */
};
enum { B_ANY, B_FILE_OR_COPY, B_ANON, B_PREMAP_KEPT };
enum { P_PRESENT, P_READABLE, P_PROT, P_GAPS, P_BACKING, P_OFFSETS, P_BASE, P_ALIGN, P_VISIBLE };
struct lspec {
  const char *file_name; /* NULL: any name (a dlmem object) */
  unsigned long span, extent_start;
  int relocated, backing, shared, shared_allowed, memfd, premap;
  unsigned long page, file_offset;
  const struct pentry *e;
  int n;
};

struct lobj { uintptr_t base, lo, hi; char name[256]; };
#define MAX_LOBJ 128
static struct lobj g_lobj[MAX_LOBJ], g_lsnap[MAX_LOBJ];
static int g_nlobj, g_nlsnap;

static int lobj_collect(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size, (void)data;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo = UINTPTR_MAX, hi = 0;
  if (g_nlobj == MAX_LOBJ) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD) continue;
    uintptr_t s = info->dlpi_addr + ph->p_vaddr, e = s + ph->p_memsz;
    if (s < lo) lo = s;
    if (e > hi) hi = e;
  }
  if (!hi) return 0;
  struct lobj *l = &g_lobj[g_nlobj++];
  l->base = info->dlpi_addr;
  l->lo = lo & ~(page - 1);
  l->hi = (hi + page - 1) & ~(page - 1);
  copy_text(l->name, sizeof l->name, info->dlpi_name);
  return 0;
}

static void lobj_read(void) { g_nlobj = 0; dl_iterate_phdr(lobj_collect, NULL); }

/* Before the diverging step: the objects loaded then, to find what the step unloads. */
static void layout_snapshot(void) {
  lobj_read();
  memcpy(g_lsnap, g_lobj, sizeof g_lobj);
  g_nlsnap = g_nlobj;
}

static int lobj_fits(const struct lobj *l, const char *file_name, unsigned long span) {
  const char *slash = strrchr(l->name, '/');
  return l->hi - l->lo == span && (!file_name || strcmp(slash ? slash + 1 : l->name, file_name) == 0);
}

static int is_file_path(const char *p) { return p[0] == '/'; }
static int is_memfd_path(const char *p) { return strncmp(p, "/memfd:", 7) == 0; }

/* Whether part PART holds for object L under spec S. */
static int layout_holds(const struct lspec *s, const struct lobj *l, int part) {
  maps_read();
  int zero_copy = 1, copy = 1, any_file = 0;
  for (int k = 0; k < s->n; k++) {
    const struct pentry *e = &s->e[k];
    uintptr_t a = l->base + e->start, b = l->base + e->end, at = a;
    for (size_t i = 0; i < g_nmaps; i++) {
      const struct map_entry *m = &g_maps[i];
      if (m->end <= a || m->start >= b) continue;
      uintptr_t ps = m->start > a ? m->start : a;
      if (ps > at && part == P_PRESENT && !e->gap) return 0;
      at = m->end;
      if (e->gap) { if (part == P_GAPS && strcmp(m->prot, "---") != 0) return 0; continue; }
      const char *want = e->after; /* P_PROT is judged once relocated only */
      if (part == P_READABLE && m->prot[0] != 'r') return 0;
      if (part == P_PROT && strcmp(m->prot, want) != 0) return 0;
      int file = is_file_path(m->path);
      if (e->file) {
        if (!file || is_memfd_path(m->path) != s->memfd || (m->shared && !s->shared_allowed)) zero_copy = 0;
        any_file |= file;
      }
      if (file || m->shared) copy = 0;
      if (part == P_BACKING && s->backing == B_ANON && (file || m->shared)) return 0;
      if (part == P_BACKING && s->backing == B_PREMAP_KEPT && !m->shared) return 0;
      if (part == P_OFFSETS && e->file && file &&
          m->offset + (ps - m->start) != e->offset + s->file_offset + (ps - a)) return 0;
    }
    if (part == P_PRESENT && !e->gap && at < b) return 0;
  }
  if (part == P_BACKING && s->backing == B_FILE_OR_COPY) return (zero_copy && any_file) || copy;
  if (part == P_ALIGN) return (l->lo % s->page) == 0;
  if (part == P_BASE) return s->premap < 0 || s->premap >= g_npremap || (uintptr_t)g_premap[s->premap].ret == l->base + s->extent_start;
  return 1;
}

/* The part holds for the object: the one the step's handle names when it fits, else the first that fits and passes. */
static int layout_part(const struct lspec *s, int part) {
  lobj_read();
  uintptr_t want = 0;
  struct link_map *lm = NULL;
  if (o.ret == RET_PTR && o.ptr && dlinfo(o.ptr, RTLD_DI_LINKMAP, &lm) == 0 && lm) want = lm->l_addr;
  int found = 0;
  if (part == P_VISIBLE) { /* an object of the span shows in dl_iterate_phdr (not judged when none is listed) */
    for (int i = 0; i < g_nlobj; i++)
      if (lobj_fits(&g_lobj[i], s->file_name, s->span)) return 1;
    return g_nlobj == 0;
  }
  for (int i = 0; i < g_nlobj; i++)
    if (lobj_fits(&g_lobj[i], s->file_name, s->span) && g_lobj[i].base == want) return layout_holds(s, &g_lobj[i], part);
  for (int i = 0; i < g_nlobj; i++) {
    if (!lobj_fits(&g_lobj[i], s->file_name, s->span)) continue;
    found = 1;
    if (layout_holds(s, &g_lobj[i], part)) return 1;
  }
  return !found; /* nothing fits: not judged, as the oracle skips it */
}

/* A moved object, relocated: an object that fits starts at `at`, the base dlset_object_base
 * recorded (not judged when none fits, as the oracle skips it). */
static int layout_moved_to(const struct lspec *s, uintptr_t at) {
  lobj_read();
  int found = 0;
  for (int i = 0; i < g_nlobj; i++) {
    if (!lobj_fits(&g_lobj[i], s->file_name, s->span)) continue;
    found = 1;
    if (g_lobj[i].lo == at) return 1;
  }
  return !found;
}

/* Nothing is left mapped in the extent of an object the step unloaded (one that fits, loaded before the step and gone now). */
static int layout_unloaded(const char *file_name, unsigned long span) {
  lobj_read();
  maps_read();
  for (int i = 0; i < g_nlsnap; i++) {
    const struct lobj *p = &g_lsnap[i];
    int still = 0;
    if (!lobj_fits(p, file_name, span)) continue;
    for (int j = 0; j < g_nlobj; j++) still |= g_lobj[j].base == p->base && g_lobj[j].lo == p->lo;
    if (still) continue;
    for (size_t k = 0; k < g_nmaps; k++)
      if (g_maps[k].start < p->hi && g_maps[k].end > p->lo) return 0;
    return 1;
  }
  return 1;
}
