/* The caller's memory: files and junk content, mappings, memfds, heap buffers, and the
 * operations on them (conformance/driver/ops-memory.c). A failure here is the program's own: status 2. */

/* Junk content, made as the harness makes its junk files (junkBytes in conformance/build/generated.ts). */
static unsigned char *junk_bytes(const char *seed, size_t len) {
  uint32_t x = 0x811c9dc5u;
  for (const char *c = seed; *c; c++) x = (x ^ (unsigned char)*c) * 0x01000193u;
  if (!x) x = 1;
  unsigned char *out = malloc(len ? len : 1);
  for (size_t i = 0; out && i < len; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  if (out && len) out[0] = 0;
  return out;
}

/* A file's bytes (./junk-N.bin: N junk bytes, made here). */
static unsigned char *load_file(const char *path, size_t *len) {
  unsigned char *data;
  if (strncmp(path, "./junk-", 7) == 0) {
    *len = (size_t)strtoull(path + 7, NULL, 10);
    if (!(data = junk_bytes(path + 2, *len))) setup_fail("out of memory");
    return data;
  }
  FILE *f = fopen(path, "rb");
  long size;
  if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0) setup_fail("cannot read %s", path);
  rewind(f);
  if (!(data = malloc((size_t)size + 1)) || fread(data, 1, (size_t)size, f) != (size_t)size)
    setup_fail("cannot read %s", path);
  fclose(f);
  *len = (size_t)size;
  return data;
}

/* The directory junk files are written to, removed at exit. */
static char g_junk_dir[64];
static char g_junk_files[8][128];

static void remove_junk(void) {
  for (int i = 0; i < 8; i++)
    if (g_junk_files[i][0]) unlink(g_junk_files[i]);
  rmdir(g_junk_dir);
}

/* A path that opens: a junk file (./junk-N.bin) is written into a fresh directory first, as the
 * runner writes it beside the case. */
static const char *file_path(const char *path) {
  static int n;
  size_t len;
  if (strncmp(path, "./junk-", 7) != 0) return path;
  if (!g_junk_dir[0]) {
    if (!mkdtemp(strcpy(g_junk_dir, "/tmp/dlspec-repro-XXXXXX"))) setup_fail("cannot make a directory for %s", path);
    atexit(remove_junk);
  }
  char *full = g_junk_files[n < 7 ? n++ : 7];
  snprintf(full, sizeof g_junk_files[0], "%s/%s", g_junk_dir, path + 2);
  unsigned char *data = load_file(path, &len);
  FILE *f = fopen(full, "wb");
  if (!f || fwrite(data, 1, len, f) != len || fclose(f)) setup_fail("cannot write %s", full);
  free(data);
  return full;
}

static struct region mapped_region(void *m, size_t len, int fd) {
  struct region g = {.addr = m, .len = len, .map_base = m, .map_len = len, .fd = fd};
  note_bytes(&g);
  return g;
}

static struct region mmap_file(const char *path, long long offset, int prot, int shared) {
  struct stat sb;
  int fd = open(file_path(path), shared && (prot & PROT_WRITE) ? O_RDWR : O_RDONLY);
  if (fd < 0 || fstat(fd, &sb) || sb.st_size <= offset) setup_fail("cannot map %s from %lld", path, offset);
  size_t len = (size_t)(sb.st_size - offset);
  void *m = mmap(NULL, len, prot, shared ? MAP_SHARED : MAP_PRIVATE, fd, (off_t)offset);
  close(fd);
  if (m == MAP_FAILED) setup_fail("mmap of %s failed", path);
  return mapped_region(m, len, -1);
}

static struct region mmap_anon(size_t len, int prot, int shared, int below4g) {
  int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS;
#ifdef MAP_32BIT
  if (below4g) flags |= MAP_32BIT;
#else
  (void)below4g;
#endif
  void *m = mmap(NULL, len, prot, flags, -1, 0);
  if (m == MAP_FAILED) setup_fail("anonymous mmap of %zu bytes failed", len);
  return mapped_region(m, len, -1);
}

static struct region memfd_region(const char *name, const char *path, int prot) {
  size_t len;
  unsigned char *data = load_file(path, &len);
  int fd = memfd_create(name, 0);
  if (fd < 0 || len == 0 || write(fd, data, len) != (ssize_t)len) setup_fail("cannot fill a memfd from %s", path);
  free(data);
  void *m = mmap(NULL, len, prot, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) setup_fail("mmap of the memfd failed");
  return mapped_region(m, len, fd);
}

static struct region malloc_region(const char *path, size_t misalign) {
  size_t len, page = (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *data = load_file(path, &len), *p = malloc(len + page + misalign);
  if (!p) setup_fail("malloc failed");
  unsigned char *at = (unsigned char *)(((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1)) + misalign;
  memcpy(at, data, len);
  free(data);
  struct region g = {.addr = at, .len = len, .map_base = p, .fd = -1, .heap = 1};
  note_bytes(&g);
  return g;
}

static void copy_in(struct region *g, const char *path, size_t off) {
  size_t len;
  unsigned char *data = load_file(path, &len);
  if (off > g->len || len > g->len - off || !maps_access((uintptr_t)g->addr + off, len, "w"))
    setup_fail("%zu bytes at offset %zu do not fit the region, or it is not writable", len, off);
  memcpy(g->addr + off, data, len);
  free(data);
  note_bytes(g);
}

/* The whole pages under a region. */
static void pages_of(const struct region *g, uintptr_t *start, size_t *len) {
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), s = (uintptr_t)g->addr & ~(page - 1);
  *start = s;
  *len = (((uintptr_t)g->addr + g->len + page - 1) & ~(page - 1)) - s;
}

static void mprotect_region(struct region *g, int prot) {
  uintptr_t start;
  size_t len;
  pages_of(g, &start, &len);
  if (mprotect((void *)start, len, prot)) setup_fail("mprotect failed");
}

static void memmove_region(struct region *g, long long shift) {
  uintptr_t start;
  size_t plen, mag = (size_t)(shift < 0 ? -shift : shift);
  if (mag >= g->len) setup_fail("shift %lld is not smaller than the region", shift);
  pages_of(g, &start, &plen);
  if (!maps_access((uintptr_t)g->addr, g->len, "rw") && mprotect((void *)start, plen, PROT_READ | PROT_WRITE))
    setup_fail("cannot make the region writable");
  if (shift > 0) memmove(g->addr + mag, g->addr, g->len - mag);
  else memmove(g->addr, g->addr + mag, g->len - mag);
  note_bytes(g);
}

static void munmap_region(struct region *g) {
  if (g->heap) setup_fail("the region is heap memory");
  if (munmap(g->map_base, g->map_len)) setup_fail("munmap failed");
  g->released = 1;
}
