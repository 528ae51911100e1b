/* ops-memory.c: the caller's own memory operations (no loader involved): mapping files and
 * anonymous memory, memfds, heap buffers, writing, mprotect, memmove and munmap of regions. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maps.h"
#include "ops.h"

static size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

/* Closes FD (when open) and returns -1: the caller has set the error. */
static int close_fd(int fd) {
  if (fd >= 0) close(fd);
  return -1;
}

int load_file(const char *path, unsigned char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return fail("cannot open %s", path);
  size_t cap = 65536, n = 0;
  unsigned char *buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) {
      unsigned char *bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) return free(buf), fail("cannot read %s", path);
  *data = buf;
  *len = n;
  return 0;
}

/* Binds `as` to a fresh region slot. */
static struct region *new_region(const struct step *st) {
  struct slot *s = slot_bind(arg_str(st, "as"), SLOT_REGION);
  return s ? &s->u.region : NULL;
}

int op_mmap_file(const struct step *st, struct result *r) {
  long long offset, shared;
  int prot;
  if (arg_int(st, "offset", 0, 0, &offset) || arg_prot(st, "prot", &prot) ||
      arg_int(st, "shared", 0, 1, &shared))
    return -1;
  const char *path = arg_str(st, "path");
  if (offset < 0 || (size_t)offset % page_size()) return fail("offset %lld is not page-aligned", offset);
  int fd = open(path, shared && (prot & PROT_WRITE) ? O_RDWR : O_RDONLY);
  struct stat sb;
  if (fd < 0 || fstat(fd, &sb)) return fail("cannot open %s", path), close_fd(fd);
  if (sb.st_size <= offset) return close(fd), fail("offset %lld is past the end of %s", offset, path);
  size_t len = (size_t)(sb.st_size - offset);
  void *m = mmap(NULL, len, prot, shared ? MAP_SHARED : MAP_PRIVATE, fd, (off_t)offset);
  close(fd);
  if (m == MAP_FAILED) return fail("mmap of %s failed", path);
  struct region *g = new_region(st);
  if (!g) return -1;
  *g = (struct region){.addr = m, .len = len, .map_base = m, .map_len = len, .fd = -1};
  region_note_bytes(g);
  ret_ptr(r, m);
  return 0;
}

/* The `length` of mmap-anon: an integer, or a mapinfo slot's map_length. */
static int anon_length(const struct step *st, size_t fill_len, size_t *out) {
  const char *v = arg_str(st, "length");
  long long n;
  if (!v) return fill_len ? (*out = fill_len, 0) : fail("mmap-anon needs length or fill");
  struct slot *s = slot_find(v);
  if (s && s->kind == SLOT_MAPINFO) return *out = s->u.mapinfo.map_length, 0;
  if (parse_int(v, &n) || n <= 0) return fail("bad length \"%s\"", v);
  return *out = (size_t)n, 0;
}

int op_mmap_anon(const struct step *st, struct result *r) {
  long long shared, below4g;
  int prot;
  unsigned char *data = NULL;
  size_t dlen = 0, len = 0;
  if (arg_prot(st, "prot", &prot) || arg_int(st, "shared", 0, 1, &shared) ||
      arg_int(st, "below4g", 0, 0, &below4g))
    return -1;
  const char *fill = arg_str(st, "fill");
  if (fill && load_file(fill, &data, &dlen)) return -1;
  if (anon_length(st, dlen, &len)) return free(data), -1;
  if (dlen > len) return free(data), fail("%s does not fit in %zu bytes", fill, len);
  int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS;
#ifdef MAP_32BIT
  if (below4g) flags |= MAP_32BIT;
#endif
  unsigned char *m = mmap(NULL, len, prot | (data ? PROT_READ | PROT_WRITE : 0), flags, -1, 0);
  if (m == MAP_FAILED) return free(data), fail("anonymous mmap of %zu bytes failed", len);
  if (data) memcpy(m, data, dlen);
  free(data);
  if (fill && mprotect(m, len, prot)) return fail("mprotect after fill failed");
  struct region *g = new_region(st);
  if (!g) return -1;
  *g = (struct region){.addr = m, .len = len, .map_base = m, .map_len = len, .fd = -1};
  region_note_bytes(g);
  ret_ptr(r, m);
  return 0;
}

int op_memfd(const struct step *st, struct result *r) {
  int prot;
  unsigned char *data;
  size_t len;
  char name[80];
  if (arg_prot(st, "prot", &prot) || load_file(arg_str(st, "path"), &data, &len)) return -1;
  snprintf(name, sizeof name, "dlspec-%s", arg_str(st, "as"));
  int fd = memfd_create(name, 0);
  int bad = fd < 0 || len == 0 || write(fd, data, len) != (ssize_t)len;
  free(data);
  if (bad) return fail("cannot fill a memfd from %s", arg_str(st, "path")), close_fd(fd);
  void *m = mmap(NULL, len, prot, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) return close(fd), fail("mmap of the memfd failed");
  struct region *g = new_region(st);
  if (!g) return -1;
  *g = (struct region){.addr = m, .len = len, .map_base = m, .map_len = len, .fd = fd};
  region_note_bytes(g);
  ret_ptr(r, m);
  return 0;
}

int op_malloc(const struct step *st, struct result *r) {
  long long misalign;
  unsigned char *data;
  size_t len, page = page_size();
  if (arg_int(st, "misalign", 0, 0, &misalign)) return -1;
  if (misalign < 0 || (size_t)misalign >= page) return fail("misalign must be below the page size");
  if (load_file(arg_str(st, "path"), &data, &len)) return -1;
  unsigned char *p = malloc(len + page + (size_t)misalign);
  if (!p) return free(data), fail("malloc failed");
  unsigned char *at = (unsigned char *)(((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1)) + misalign;
  memcpy(at, data, len);
  free(data);
  struct region *g = new_region(st);
  if (!g) return -1;
  *g = (struct region){.addr = at, .len = len, .map_base = p, .kind = REGION_MALLOC, .fd = -1};
  region_note_bytes(g);
  ret_ptr(r, at);
  return 0;
}

int op_copy_in(const struct step *st, struct result *r) {
  struct slot *s;
  long long off;
  unsigned char *data;
  size_t len;
  if (arg_slot(st, "region", SLOT_REGION, &s) || arg_int(st, "offset", 0, 0, &off)) return -1;
  struct region *g = &s->u.region;
  if (load_file(arg_str(st, "path"), &data, &len)) return -1;
  if (off < 0 || (size_t)off > g->len || len > g->len - (size_t)off)
    return free(data), fail("%zu bytes at offset %lld do not fit region %s", len, off, s->name);
  if (!maps_access((uintptr_t)g->addr + (size_t)off, len, "w"))
    return free(data), fail("region %s is not writable there", s->name);
  memcpy(g->addr + off, data, len);
  free(data);
  region_note_bytes(g);
  (void)r;
  return 0;
}

/* The whole pages under a region. */
static void pages_of(const struct region *g, uintptr_t *start, size_t *len) {
  uintptr_t page = page_size(), s = (uintptr_t)g->addr & ~(page - 1);
  *start = s;
  *len = (((uintptr_t)g->addr + g->len + page - 1) & ~(page - 1)) - s;
}

int op_mprotect(const struct step *st, struct result *r) {
  struct slot *s;
  int prot;
  uintptr_t start;
  size_t len;
  if (arg_slot(st, "region", SLOT_REGION, &s) || arg_prot(st, "prot", &prot)) return -1;
  pages_of(&s->u.region, &start, &len);
  if (mprotect((void *)start, len, prot)) return fail("mprotect of region %s failed", s->name);
  (void)r;
  return 0;
}

int op_memmove(const struct step *st, struct result *r) {
  struct slot *s;
  long long shift;
  uintptr_t start;
  size_t plen;
  if (arg_slot(st, "region", SLOT_REGION, &s) || arg_int(st, "shift", 0, 1, &shift)) return -1;
  struct region *g = &s->u.region;
  size_t mag = (size_t)(shift < 0 ? -shift : shift);
  if (mag >= g->len) return fail("shift %lld is not smaller than region %s", shift, s->name);
  pages_of(g, &start, &plen);
  if (!maps_access((uintptr_t)g->addr, g->len, "rw") &&
      mprotect((void *)start, plen, PROT_READ | PROT_WRITE))
    return fail("cannot make region %s writable", s->name);
  if (shift > 0) memmove(g->addr + mag, g->addr, g->len - mag);
  else memmove(g->addr, g->addr + mag, g->len - mag);
  region_note_bytes(g);
  (void)r;
  return 0;
}

int op_munmap(const struct step *st, struct result *r) {
  struct slot *s = slot_find(arg_str(st, "region"));
  (void)r;
  if (s && s->kind == SLOT_MAPINFO) {
    if (munmap(s->u.mapinfo.map_start, s->u.mapinfo.map_length)) return fail("munmap failed");
    return 0;
  }
  if (arg_slot(st, "region", SLOT_REGION, &s)) return -1;
  if (s->u.region.kind == REGION_MALLOC) return fail("region %s is heap memory", s->name);
  if (munmap(s->u.region.map_base, s->u.region.map_len)) return fail("munmap of %s failed", s->name);
  s->u.region.released = 1;
  return 0;
}
