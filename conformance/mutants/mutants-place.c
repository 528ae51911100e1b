/* mutants-place.c: departures in where and how dlmem places the object, what it does with the source, premap and the ELF checks. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

#define PG ((uintptr_t)sysconf(_SC_PAGESIZE))
#define UP(x) (((uintptr_t)(x) + PG - 1) & ~(PG - 1))

/* ---- helpers: the object's program headers, a page's line in /proc/self/maps ---- */

struct obj {
  uintptr_t base;
  const ElfW(Phdr) *ph;
  int n;
};
static int find_cb(struct dl_phdr_info *i, size_t sz, void *d) {
  (void)sz;
  struct obj *o = d;
  if (i->dlpi_addr != o->base) return 0;
  o->ph = i->dlpi_phdr, o->n = i->dlpi_phnum;
  return 1;
}
static struct link_map *lm_of(void *h) {
  struct link_map *m = NULL;
  return real.dlinfo(h, DLSPEC_RTLD_DI_LINKMAP, &m) == 0 ? m : NULL;
}
static int obj_of(void *h, struct obj *o) {
  struct link_map *m = h ? lm_of(h) : NULL;
  if (!m || !m->l_addr) return -1;
  *o = (struct obj){m->l_addr, NULL, 0};
  dl_iterate_phdr(find_cb, o);
  return o->ph ? 0 : -1;
}
/* The first PT_LOAD (or TYPE) whose p_flags are FLAGS (any when 0), or NULL. */
static const ElfW(Phdr) *seg(const struct obj *o, unsigned type, unsigned flags) {
  for (int i = 0; i < o->n; i++)
    if (o->ph[i].p_type == type && (!flags || o->ph[i].p_flags == flags)) return &o->ph[i];
  return NULL;
}

/* The maps line holding P: its start, file offset, shared flag and path; -1 when P is unmapped. */
static int line_of(const void *p, uintptr_t *lo, unsigned long *off, int *shared, char *path, size_t cap) {
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return -1;
  char line[512];
  int found = -1;
  while (found < 0 && fgets(line, sizeof line, f)) {
    unsigned long a, b, o;
    char perms[5];
    int n = 0;
    if (sscanf(line, "%lx-%lx %4s %lx %*s %*s%n", &a, &b, perms, &o, &n) < 4 || (uintptr_t)p < a || (uintptr_t)p >= b) continue;
    const char *s = line + n;
    while (*s == ' ') s++;
    snprintf(path, cap, "%.*s", (int)strcspn(s, "\n"), s);
    *lo = a, *off = o, *shared = perms[3] == 's', found = 0;
  }
  fclose(f);
  return found;
}
/* Whether BUF is mapped (0, else -1), and whether in a regular file (not a memfd) and shared. */
static int source_of(const void *buf, int *file, int *shared) {
  uintptr_t lo;
  unsigned long off;
  char path[256];
  *file = *shared = 0;
  if (!buf || line_of(buf, &lo, &off, shared, path, sizeof path)) return -1;
  *file = path[0] == '/' && strncmp(path, "/memfd:", 7) != 0;
  return 0;
}

/* Fails as a loader refusing the call would: NULL, with a dlerror() message. */
static void *refuse(void) {
  void *h = real.dlopen("/dlspec-mutant-refused/source.so", RTLD_NOW);
  if (h) real.dlclose(h);
  return NULL;
}

/* Maps [P, P+LEN) afresh (a private mapping of FD at OFF, or shared anonymous memory when FD < 0)
 * holding the bytes it held, then gives it back protection PROT. */
static void remap_keeping(void *p, size_t len, int fd, unsigned long off, int prot) {
  unsigned char *save = malloc(len);
  if (!save) return;
  memcpy(save, p, len);
  int flags = fd < 0 ? MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED : MAP_PRIVATE | MAP_FIXED;
  if (mmap(p, len, PROT_READ | PROT_WRITE, flags, fd, fd < 0 ? 0 : (off_t)off) != MAP_FAILED) {
    memcpy(p, save, len);
    mprotect(p, len, prot);
  }
  free(save);
}

/* ---- placement (dlmem.place.*), each after the loader's own dlmem returned ---- */

enum place_departure { P_UNMAP, P_BSS, P_RELRO, P_OFFSET, P_UNSHARE, P_ZEROCOPY_KEPT, P_ZEROCOPY_GENBUF };
static void *dlmem_places_wrong(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  struct obj o;
  if (!h || obj_of(h, &o)) return h;
  int kept = a && (a->flags & DLMEM_DONTREPLACE) && a->premap;
  const ElfW(Phdr) *p;
  switch ((enum place_departure)mutant_param) {
    case P_UNMAP: /* the page of a read-only segment after the first, when it holds no other segment */
      for (int i = 0; i < o.n; i++) {
        p = &o.ph[i];
        if (p->p_type != PT_LOAD || p->p_flags != PF_R || p->p_offset == 0) continue;
        uintptr_t pg = page_of((void *)(o.base + p->p_vaddr)), alone = 1;
        for (int j = 0; j < o.n; j++)
          if (j != i && o.ph[j].p_type == PT_LOAD && page_of((void *)(o.base + o.ph[j].p_vaddr)) < pg + PG &&
              o.base + o.ph[j].p_vaddr + o.ph[j].p_memsz > pg)
            alone = 0;
        if (alone) munmap((void *)pg, PG);
        break;
      }
      break;
    case P_BSS: /* the source's bytes after p_filesz left in the rest of the last file page */
      for (int i = 0; i < o.n; i++) {
        p = &o.ph[i];
        if (p->p_type != PT_LOAD || !(p->p_flags & PF_W) || p->p_memsz <= p->p_filesz) continue;
        uintptr_t end = o.base + p->p_vaddr + p->p_filesz, stop = UP(end);
        if (stop > o.base + p->p_vaddr + p->p_memsz) stop = o.base + p->p_vaddr + p->p_memsz;
        size_t from = p->p_offset + p->p_filesz, n = stop - end;
        if (from < size) memcpy((void *)end, buf + from, from + n > size ? size - from : n);
      }
      break;
    case P_RELRO: /* PT_GNU_RELRO left writable */
      if ((p = seg(&o, PT_GNU_RELRO, 0))) {
        uintptr_t s = page_of((void *)(o.base + p->p_vaddr)), e = page_of((void *)(o.base + p->p_vaddr + p->p_memsz));
        if (e > s) mprotect((void *)s, e - s, PROT_READ | PROT_WRITE);
      }
      break;
    case P_OFFSET: { /* the executable segment's first page: the same file at another offset */
      uintptr_t lo;
      unsigned long off;
      int shared;
      char path[256];
      if (!(p = seg(&o, PT_LOAD, PF_R | PF_X))) break;
      void *pg = (void *)page_of((void *)(o.base + p->p_vaddr));
      if (line_of(pg, &lo, &off, &shared, path, sizeof path) || path[0] != '/' || !strncmp(path, "/memfd:", 7)) break;
      off += (uintptr_t)pg - lo;
      int fd = open(path, O_RDONLY);
      if (fd < 0) break;
      remap_keeping(pg, PG, fd, off ? 0 : PG, PROT_READ | PROT_EXEC);
      close(fd);
      break;
    }
    case P_UNSHARE: /* with DLMEM_DONTREPLACE, the writable segment's pages moved to other shared memory */
      if (kept && (p = seg(&o, PT_LOAD, PF_R | PF_W))) {
        uintptr_t s = page_of((void *)(o.base + p->p_vaddr)), e = UP(o.base + p->p_vaddr + p->p_memsz);
        int prot[64], np = (int)((e - s) / PG);
        if (np > 64) break;
        for (int i = 0; i < np; i++) prot[i] = prot_of((void *)(s + i * PG));
        remap_keeping((void *)s, e - s, -1, 0, PROT_READ | PROT_WRITE);
        for (int i = 0; i < np; i++) mprotect((void *)(s + i * PG), PG, prot[i] < 0 ? PROT_NONE : prot[i]);
      }
      break;
    case P_ZEROCOPY_GENBUF: /* with DLMEM_GENBUF_SRC, the executable page still mapped from the source file */
    case P_ZEROCOPY_KEPT: { /* with DLMEM_DONTREPLACE, the executable page still mapped from the source file */
      uintptr_t lo;
      unsigned long off;
      int shared;
      char path[256];
      int genbuf = a && (a->flags & DLMEM_GENBUF_SRC) && !kept;
      if (!(mutant_param == P_ZEROCOPY_KEPT ? kept : genbuf) || !(p = seg(&o, PT_LOAD, PF_R | PF_X)) || line_of(buf, &lo, &off, &shared, path, sizeof path)) break;
      if (path[0] != '/' || !strncmp(path, "/memfd:", 7) || ((uintptr_t)buf - lo + off) % PG) break;
      int fd = open(path, O_RDONLY);
      if (fd < 0) break;
      void *pg = (void *)page_of((void *)(o.base + p->p_vaddr));
      mmap(pg, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, (off_t)((uintptr_t)buf - lo + off + page_of((void *)p->p_offset)));
      close(fd);
      break;
    }
  }
  return h;
}

/* ---- sources (dlmem.source.*) ---- */

enum source_departure { S_VIRGIN, S_SHARED, S_GENBUF_ANON };
static void *dlmem_refuses_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  int genbuf = a && (a->flags & DLMEM_GENBUF_SRC), file, shared, mapped = source_of(buf, &file, &shared) == 0;
  switch ((enum source_departure)mutant_param) {
    case S_VIRGIN: if (!genbuf && file && !shared) return refuse(); break;
    case S_SHARED: if (!genbuf && mapped && shared) return refuse(); break;
    case S_GENBUF_ANON: if (genbuf && !file) return refuse(); break;
  }
  return real.dlmem(buf, size, mode, a);
}

/* dlmem.source.release-after: the source is read again at each dlsym on the object (its ELF header,
 * and a data symbol's initial bytes). */
static struct { void *h; const unsigned char *buf; size_t size; } sources[16];
static void *dlsym_rereads_source(void *h, const char *name) {
  void *s = real.dlsym(h, name);
  struct obj o;
  for (int k = 0; s && k < 16; k++) {
    if (sources[k].h != h || obj_of(h, &o) || *(volatile const unsigned char *)sources[k].buf != 0x7f) continue;
    for (int i = 0; i < o.n; i++) {
      const ElfW(Phdr) *p = &o.ph[i];
      uintptr_t at = (uintptr_t)s - o.base;
      if (p->p_type != PT_LOAD || !(p->p_flags & PF_W) || at < p->p_vaddr || at + 4 > p->p_vaddr + p->p_filesz) continue;
      size_t from = at - p->p_vaddr + p->p_offset;
      if (from + 4 <= sources[k].size && prot_of(s) >= 0 && (prot_of(s) & PROT_WRITE)) memcpy(s, sources[k].buf + from, 4);
    }
  }
  return s;
}
static void *dlmem_keeps_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  for (int k = 0; h && buf && k < 16; k++)
    if (!sources[k].h) {
      sources[k].h = h, sources[k].buf = buf, sources[k].size = size;
      break;
    }
  api->dlsym = dlsym_rereads_source;
  return h;
}

/* ---- premap (dlmem.premap.*, dlmem.place.premap-base) ---- */

enum premap_departure { PM_ELSEWHERE, PM_EARLY, PM_DEPS, PM_REFUSE };
static dlmem_premap_t *user_premap;
static void *user_cookie, *early_ret;
static int refused;
static void *premap_wrapped(void *pref, size_t len, size_t align, void *cookie) {
  (void)cookie;
  if (mutant_param == PM_EARLY) return early_ret; /* made before the arguments were checked */
  void *r = user_premap(pref, len, align, user_cookie);
  if (mutant_param == PM_ELSEWHERE) return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mutant_param == PM_REFUSE && r != MAP_FAILED && (uintptr_t)r % (2u << 20)) refused = 1;
  return r;
}
/* The extent of the image in BUF (maplength, mapalign), or one page when its headers do not parse. */
static void extent_of(const unsigned char *buf, size_t size, size_t *len, size_t *align) {
  *len = *align = PG;
  const ElfW(Ehdr) *e = (const void *)buf;
  if (!buf || size < sizeof *e || prot_of(buf) < 0 || memcmp(e->e_ident, ELFMAG, SELFMAG) || e->e_phoff + e->e_phnum * sizeof(ElfW(Phdr)) > size) return;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (int i = 0; i < e->e_phnum; i++) {
    const ElfW(Phdr) *p = (const void *)(buf + e->e_phoff + i * sizeof(ElfW(Phdr)));
    if (p->p_type != PT_LOAD) continue;
    if (page_of((void *)p->p_vaddr) < lo) lo = page_of((void *)p->p_vaddr);
    if (p->p_vaddr + p->p_memsz > hi) hi = p->p_vaddr + p->p_memsz;
    if (p->p_align > *align && !(p->p_align & (p->p_align - 1))) *align = p->p_align;
  }
  if (hi > lo) *len = hi - lo;
}
static int objects(void) {
  int n = 0;
  void *self = real.dlopen(NULL, RTLD_LAZY);
  for (struct link_map *m = self ? lm_of(self) : NULL; m; m = m->l_next) n++;
  return n;
}
static void *dlmem_premap_wrapped(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!a || !a->premap) return real.dlmem(buf, size, mode, a);
  struct dlmem_args copy = *a;
  user_premap = a->premap, user_cookie = a->cookie;
  copy.premap = premap_wrapped, copy.cookie = NULL;
  if (mutant_param == PM_EARLY) {
    size_t len, align;
    extent_of(buf, size, &len, &align);
    early_ret = user_premap(NULL, len, align, user_cookie);
  }
  int before = mutant_param == PM_DEPS ? objects() : 0;
  refused = 0;
  void *h = real.dlmem(buf, size, mode, &copy);
  if (h && refused) return real.dlclose(h), refuse(); /* the return was not 2 MiB-aligned: dlmem fails */
  if (h && mutant_param == PM_DEPS) /* once more for each dependency the call loaded */
    for (int n = objects() - before - 1; n > 0; n--) user_premap(NULL, PG, PG, user_cookie);
  return h;
}

const struct mutant_def MUTANTS_PLACE[] = {
  MUTANT_P("place-unmaps-page", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_UNMAP),
  MUTANT_P("place-bss-file-tail", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_BSS),
  MUTANT_P("place-relro-writable", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_RELRO),
  MUTANT_P("place-wrong-file-offset", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_OFFSET),
  MUTANT_P("genbuf-maps-file", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_ZEROCOPY_GENBUF),
  MUTANT_P("premap-placed-elsewhere", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrapped, PM_ELSEWHERE),
  MUTANT_P("dontreplace-other-shm", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_UNSHARE),
  MUTANT_P("source-refuses-virgin", NEEDS_DLMEM, WRAPS(dlmem), dlmem_refuses_source, S_VIRGIN),
  MUTANT_P("source-refuses-shared", NEEDS_DLMEM, WRAPS(dlmem), dlmem_refuses_source, S_SHARED),
  MUTANT_P("genbuf-refuses-anon", NEEDS_DLMEM, WRAPS(dlmem), dlmem_refuses_source, S_GENBUF_ANON),
  MUTANT("source-reread-later", NEEDS_DLMEM, WRAPS(dlmem), dlmem_keeps_source),
  MUTANT_P("premap-before-checks", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrapped, PM_EARLY),
  MUTANT_P("premap-for-deps", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrapped, PM_DEPS),
  MUTANT_P("premap-refuses-usable", NEEDS_DLMEM, WRAPS(dlmem), dlmem_premap_wrapped, PM_REFUSE),
  MUTANT_P("dontreplace-zero-copy", NEEDS_DLMEM, WRAPS(dlmem), dlmem_places_wrong, P_ZEROCOPY_KEPT),
  {0},
};
