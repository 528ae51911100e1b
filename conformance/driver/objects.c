/* objects.c: the loaded objects a step line reports. Everything present at start-up (the driver,
 * the vDSO, libc, the dynamic linker) is left out, and so are later copies of those system
 * libraries (dlmopen loads libc again); the rest come from dl_iterate_phdr. */
#define _GNU_SOURCE
#include <link.h>
#include <string.h>
#include <unistd.h>

#include "maps.h"
#include "proposals.h"

#define MAX_STARTUP 64

static struct {
  ElfW(Addr) addr;
  const void *phdr;
} g_startup[MAX_STARTUP];
static int g_nstartup;
static char g_sysnames[MAX_STARTUP][128];
static int g_nsysnames;

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static int remember(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size, (void)data;
  if (g_nstartup < MAX_STARTUP) {
    g_startup[g_nstartup].addr = info->dlpi_addr;
    g_startup[g_nstartup++].phdr = info->dlpi_phdr;
  }
  if (info->dlpi_name && info->dlpi_name[0] && g_nsysnames < MAX_STARTUP)
    strncpy(g_sysnames[g_nsysnames++], base_name(info->dlpi_name), 127);
  return 0;
}

void objects_init(void) { dl_iterate_phdr(remember, NULL); }

static int is_system(const struct dl_phdr_info *info) {
  for (int i = 0; i < g_nstartup; i++)
    if (g_startup[i].addr == info->dlpi_addr && g_startup[i].phdr == info->dlpi_phdr) return 1;
  const char *name = info->dlpi_name ? info->dlpi_name : "";
  if (strncmp(name, "linux-vdso", 10) == 0 || strncmp(name, "linux-gate", 10) == 0) return 1;
  if (!name[0]) return 0;
  for (int i = 0; i < g_nsysnames; i++)
    if (strcmp(g_sysnames[i], base_name(name)) == 0) return 1;
  return 0;
}

/* The page-aligned PT_LOAD extent; 0 when the program headers cannot be read safely. */
static int extent(const struct dl_phdr_info *info, uintptr_t *lo, uintptr_t *hi) {
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  size_t bytes = (size_t)info->dlpi_phnum * sizeof(ElfW(Phdr));
  if (!info->dlpi_phdr || !maps_access((uintptr_t)info->dlpi_phdr, bytes, "r")) return 0;
  *lo = UINTPTR_MAX;
  *hi = 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD) continue;
    uintptr_t s = info->dlpi_addr + ph->p_vaddr, e = s + ph->p_memsz;
    if (s < *lo) *lo = s;
    if (e > *hi) *hi = e;
  }
  if (*hi == 0) return 0;
  *lo &= ~(page - 1);
  *hi = (*hi + page - 1) & ~(page - 1);
  return 1;
}

/* dl_iterate_phdr runs its callback under the loader lock: collect first, describe afterwards
 * (describing reads /proc/self/maps, which is slow but lock-free). */
#define MAX_OBJECTS 128
struct found {
  char name[256];
  uintptr_t base, lo, hi;
  int has_extent;
};
static struct found g_found[MAX_OBJECTS], g_prev[MAX_OBJECTS];
static int g_nfound, g_nprev;

static int collect(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size, (void)data;
  if (is_system(info) || g_nfound == MAX_OBJECTS) return 0;
  struct found *f = &g_found[g_nfound++];
  strncpy(f->name, info->dlpi_name ? info->dlpi_name : "", sizeof f->name - 1);
  f->name[sizeof f->name - 1] = 0;
  f->base = info->dlpi_addr;
  f->has_extent = extent(info, &f->lo, &f->hi);
  return 0;
}

/* One object: its name, base, and extent with the maps lines over it (or "phdr":"unreadable"). */
static void object_json(struct jbuf *b, const struct found *f) {
  jb_elem(b);
  jb_raw(b, "{\"name\":");
  jb_str(b, f->name);
  jb_raw(b, ",\"base\":");
  jb_hex(b, f->base);
  if (f->has_extent) {
    jb_raw(b, ",\"start\":");
    jb_hex(b, f->lo);
    jb_raw(b, ",\"end\":");
    jb_hex(b, f->hi);
    jb_raw(b, ",\"maps\":");
    maps_json_range(b, f->lo, f->hi);
  } else {
    jb_raw(b, ",\"phdr\":\"unreadable\"");
  }
  jb_raw(b, "}");
}

void objects_json(struct jbuf *b) {
  memcpy(g_prev, g_found, (size_t)g_nfound * sizeof *g_found); /* only the entries in use: untouched pages stay untouched */
  g_nprev = g_nfound;
  g_nfound = 0;
  g_api.dl_iterate_phdr(collect, NULL);
  jb_raw(b, "[");
  for (int i = 0; i < g_nfound; i++) object_json(b, &g_found[i]);
  jb_raw(b, "]");
}

static int still_there(const struct found *p) {
  for (int i = 0; i < g_nfound; i++)
    if (g_found[i].base == p->base && g_found[i].lo == p->lo && g_found[i].hi == p->hi) return 1;
  return 0;
}

/* The objects the last objects_json() no longer found (unloaded during the step), each with the
 * maps lines still overlapping the extent it had: what an unload left behind. */
void objects_gone_json(struct jbuf *b) {
  jb_raw(b, "[");
  for (int i = 0; i < g_nprev; i++)
    if (g_prev[i].has_extent && !still_there(&g_prev[i])) object_json(b, &g_prev[i]);
  jb_raw(b, "]");
}
