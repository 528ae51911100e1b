/* mutants-args.c: departures in dlmem's arguments, names, dependencies, failure and close. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

#define MODE_KNOWN (RTLD_LAZY | RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD | RTLD_NODELETE | 0x8 /* RTLD_DEEPBIND */)

/* ---- reading the image in the buffer, never at or past buffer + size ---- */

/* The dynamic section's entries (*n of them) and the string table, or NULL. */
static const ElfW(Dyn) *dynamic_of(const unsigned char *b, size_t size, size_t *n, const char **strtab, size_t *strsz) {
  const ElfW(Ehdr) *e = (const void *)b;
  if (!b || size < sizeof *e || memcmp(b, ELFMAG, SELFMAG) != 0 || e->e_phoff > size ||
      (size - e->e_phoff) / sizeof(ElfW(Phdr)) < e->e_phnum)
    return NULL;
  const ElfW(Phdr) *ph = (const void *)(b + e->e_phoff);
  const ElfW(Dyn) *dyn = NULL;
  for (int i = 0; i < e->e_phnum; i++)
    if (ph[i].p_type == PT_DYNAMIC && ph[i].p_offset <= size && ph[i].p_filesz <= size - ph[i].p_offset) {
      dyn = (const void *)(b + ph[i].p_offset);
      *n = ph[i].p_filesz / sizeof *dyn;
    }
  if (!dyn) return NULL;
  ElfW(Addr) str = 0;
  for (size_t k = 0; k < *n && dyn[k].d_tag != DT_NULL; k++) {
    if (dyn[k].d_tag == DT_STRTAB) str = dyn[k].d_un.d_ptr;
    if (dyn[k].d_tag == DT_STRSZ) *strsz = dyn[k].d_un.d_val;
  }
  for (int i = 0; i < e->e_phnum; i++) /* the string table's file offset, through its PT_LOAD */
    if (ph[i].p_type == PT_LOAD && str >= ph[i].p_vaddr && str - ph[i].p_vaddr < ph[i].p_filesz) {
      size_t off = ph[i].p_offset + (str - ph[i].p_vaddr);
      if (off >= size) return NULL;
      if (*strsz > size - off) *strsz = size - off;
      *strtab = (const char *)b + off;
      return dyn;
    }
  return NULL;
}

/* The string of the dynamic entry dyn[k], or NULL. */
static const char *dyn_string(const ElfW(Dyn) *d, const char *strtab, size_t strsz) {
  if (d->d_un.d_val >= strsz || !memchr(strtab + d->d_un.d_val, 0, strsz - d->d_un.d_val)) return NULL;
  return strtab + d->d_un.d_val;
}

/* Whether the dependency NAME is not loaded and cannot be opened either. */
static int cannot_open(const char *name) {
  if (already_loaded(name)) return 0;
  void *h = real.dlopen(name, RTLD_LAZY);
  if (h) real.dlclose(h);
  return !h;
}

/* The first DT_NEEDED of the image that is not loaded (missing: nor can it be opened), or NULL. */
static const char *needed_absent(const unsigned char *b, size_t size, int missing) {
  size_t n = 0, strsz = 0;
  const char *strtab = NULL;
  const ElfW(Dyn) *dyn = dynamic_of(b, size, &n, &strtab, &strsz);
  for (size_t k = 0; dyn && k < n && dyn[k].d_tag != DT_NULL; k++) {
    const char *name = dyn[k].d_tag == DT_NEEDED ? dyn_string(&dyn[k], strtab, strsz) : NULL;
    if (name && (missing ? cannot_open(name) : !already_loaded(name))) return name;
  }
  return NULL;
}

/* A failure with a dlerror() message, as the loader would leave it. */
static void *fail_with(const char *what) {
  char path[128];
  snprintf(path, sizeof path, "/nonexistent/dlspec-mutant/%s", what);
  void *h = real.dlopen(path, RTLD_LAZY);
  if (h) real.dlclose(h);
  return NULL;
}

/* Where the mapping holding P ends, from /proc/self/maps; 0 when it is not mapped. */
static uintptr_t mapping_end(const void *p) {
  FILE *f = fopen("/proc/self/maps", "r");
  uintptr_t end = 0, a = (uintptr_t)p;
  char line[512];
  unsigned long lo, hi;
  while (f && !end && fgets(line, sizeof line, f))
    if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && a >= lo && a < hi) end = hi;
  if (f) fclose(f);
  return end;
}

/* The end of what the image's headers cover: program headers, PT_LOAD file ranges, section headers. */
static size_t image_end(const unsigned char *b, size_t size) {
  const ElfW(Ehdr) *e = (const void *)b;
  if (!b || size < sizeof *e || memcmp(b, ELFMAG, SELFMAG) != 0 || e->e_phoff > size ||
      (size - e->e_phoff) / sizeof(ElfW(Phdr)) < e->e_phnum)
    return size;
  const ElfW(Phdr) *ph = (const void *)(b + e->e_phoff);
  size_t end = e->e_phoff + e->e_phnum * sizeof *ph;
  for (int i = 0; i < e->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && ph[i].p_offset + ph[i].p_filesz > end) end = ph[i].p_offset + ph[i].p_filesz;
  if (e->e_shoff + (size_t)e->e_shnum * e->e_shentsize > end) end = e->e_shoff + (size_t)e->e_shnum * e->e_shentsize;
  return end;
}

/* ---- dlmem with one argument taken the wrong way (mutant_param says which) ---- */

enum departure {
  D_ANON_NAMED, D_DROP_SONAME, D_NOLOAD_LOADS, D_NEEDS_LOADED, D_UNDEF_LAZY, D_MISSING_SKIPPED, D_FAIL_CTOR,
  D_NULL_REJECTED, D_ZERO_REJECTED, D_BASE_IS_NEW, D_EXISTING_REJECTED, D_INVALID_IS_BASE, D_MODE_BITS_REJECTED,
  D_BINDING_ENOENT, D_UNKNOWN_ENOENT, D_UNALIGNED_COPIED, D_GENBUF_ALIGNED_ONLY, D_SIZE_ZERO_WHOLE, D_TRAILING_REJECTED,
};

/* dlmem again, from an anonymous shared copy (a source every dlmem takes), with DT_NEEDED entries
 * that cannot be found turned into DT_DEBUG, bound lazily. */
static void *without_missing(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE), n = 0, strsz = 0;
  const char *strtab = NULL;
  unsigned char *copy = mmap(NULL, (size + page - 1) & ~(page - 1), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (copy == MAP_FAILED) return NULL;
  memcpy(copy, buf, size);
  ElfW(Dyn) *dyn = (ElfW(Dyn) *)dynamic_of(copy, size, &n, &strtab, &strsz);
  for (size_t k = 0; dyn && k < n && dyn[k].d_tag != DT_NULL; k++) {
    const char *name = dyn[k].d_tag == DT_NEEDED ? dyn_string(&dyn[k], strtab, strsz) : NULL;
    if (name && cannot_open(name)) dyn[k].d_tag = DT_DEBUG;
  }
  real.dlerror();
  void *h = real.dlmem(copy, size, (mode & ~RTLD_NOW) | RTLD_LAZY, a);
  munmap(copy, (size + page - 1) & ~(page - 1));
  return h;
}

static unsigned anon_count;
static void *dlmem_departs(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  struct dlmem_args copy = a ? *a : (struct dlmem_args){0};
  char name[64];
  switch ((enum departure)mutant_param) {
    case D_ANON_NAMED: /* gives an object without a soname a name of its own */
      if (copy.soname) break;
      snprintf(name, sizeof name, "dlspec-anonymous-%u.so", ++anon_count);
      copy.soname = name;
      return real.dlmem(buf, size, mode, &copy);
    case D_DROP_SONAME: /* leaves the object unnamed whatever soname says */
      if (!a) break;
      copy.soname = NULL;
      return real.dlmem(buf, size, mode, &copy);
    case D_NOLOAD_LOADS: /* loads the buffer although RTLD_NOLOAD is given */
      return real.dlmem(buf, size, mode & ~RTLD_NOLOAD, a);
    case D_NEEDS_LOADED: { /* looks for DT_NEEDED entries among loaded objects only */
      const char *dep = needed_absent(buf, size, 0);
      if (dep) return fail_with(dep);
      break;
    }
    case D_UNDEF_LAZY: { /* binds lazily when RTLD_NOW finds an undefined symbol */
      void *h = real.dlmem(buf, size, mode, a);
      if (h || !(mode & RTLD_NOW) || copy.premap) return h;
      real.dlerror();
      return real.dlmem(buf, size, (mode & ~RTLD_NOW) | RTLD_LAZY, a);
    }
    case D_MISSING_SKIPPED: { /* loads the object without a dependency it cannot find */
      void *h = real.dlmem(buf, size, mode, a);
      if (h || copy.premap || !needed_absent(buf, size, 1)) return h;
      return without_missing(buf, size, mode, a);
    }
    case D_FAIL_CTOR: { /* a failed dlmem has run the object's constructor */
      void *h = real.dlmem(buf, size, mode, a);
      size_t n = 0, strsz = 0;
      const char *strtab = NULL;
      const ElfW(Dyn) *dyn = h ? NULL : dynamic_of(buf, size, &n, &strtab, &strsz);
      if (!dyn || !memmem(buf, size, "dlspec_event", 12)) return h; /* only a fixture that reports */
      for (size_t k = 0; k < n && dyn[k].d_tag != DT_NULL; k++)
        if (dyn[k].d_tag == DT_SONAME && dyn_string(&dyn[k], strtab, strsz))
          dlspec_event("ctor", fixture_name(dyn_string(&dyn[k], strtab, strsz), name, sizeof name));
      return h;
    }
    case D_NULL_REJECTED: /* demands a struct dlmem_args */
      if (!a) return fail_with("dlm_args-is-NULL");
      break;
    case D_ZERO_REJECTED: /* rejects a struct dlmem_args that sets nothing */
      if (a && !a->soname && !a->nsid && !a->flags && !a->premap && !a->cookie) return fail_with("empty-dlm_args");
      break;
    case D_BASE_IS_NEW: /* loads into a new namespace when nsid is LM_ID_BASE */
      if (copy.nsid != DLSPEC_LM_ID_BASE) break;
      copy.nsid = DLSPEC_LM_ID_NEWLM;
      return real.dlmem(buf, size, mode, &copy);
    case D_EXISTING_REJECTED: /* fails when nsid names an existing namespace other than the base */
      if (copy.nsid > 0) return fail_with("nsid-not-base");
      break;
    case D_INVALID_IS_BASE: { /* falls back to the base namespace when nsid names none */
      void *h = real.dlmem(buf, size, mode, a);
      if (h || copy.nsid == DLSPEC_LM_ID_BASE || copy.nsid == DLSPEC_LM_ID_NEWLM) return h;
      real.dlerror();
      copy.nsid = DLSPEC_LM_ID_BASE;
      return real.dlmem(buf, size, mode, &copy);
    }
    case D_MODE_BITS_REJECTED: /* rejects RTLD_DEEPBIND and RTLD_NODELETE, which dlopen accepts */
      if (mode & (0x8 | RTLD_NODELETE)) return fail_with("mode-not-supported");
      break;
    case D_BINDING_ENOENT: /* fails on a mode without RTLD_LAZY or RTLD_NOW with ENOENT, not dlopen's EINVAL */
      if (!(mode & (RTLD_LAZY | RTLD_NOW))) return fail_with("mode-without-binding");
      break;
    case D_UNKNOWN_ENOENT: /* fails on an unknown mode bit with ENOENT instead of EINVAL */
      if (mode & ~MODE_KNOWN) return fail_with("unknown-mode-bits");
      break;
    case D_UNALIGNED_COPIED: /* copies an unaligned buffer as if DLMEM_GENBUF_SRC were given */
      if (page_of(buf) == (uintptr_t)buf) break;
      copy.flags |= DLMEM_GENBUF_SRC;
      return real.dlmem(buf, size, mode, &copy);
    case D_GENBUF_ALIGNED_ONLY: /* ignores DLMEM_GENBUF_SRC for a buffer that is not page-aligned */
      if (page_of(buf) == (uintptr_t)buf) break;
      copy.flags &= ~(unsigned)DLMEM_GENBUF_SRC;
      return real.dlmem(buf, size, mode, a ? &copy : NULL);
    case D_SIZE_ZERO_WHOLE: { /* takes size 0 as "up to the end of the buffer's mapping" */
      uintptr_t end = size == 0 && buf ? mapping_end(buf) : 0;
      if (end) size = end - (uintptr_t)buf;
      break;
    }
    case D_TRAILING_REJECTED: /* rejects bytes after the last thing the headers cover */
      if (image_end(buf, size) < size) return fail_with("trailing-data");
      break;
  }
  return real.dlmem(buf, size, mode, a);
}

/* ---- dependencies' constructors (dlmem.deps.ctors-order) ---- */

/* The last constructor of the step (the object's own) moved before its dependencies'. */
static void object_ctor_first(struct dlspec_event_list *e) {
  g_events_filter = NULL;
  int last = -1;
  for (int i = 0; i < e->n; i++) if (strcmp(e->kind[i], "ctor") == 0) last = i;
  for (int i = 0; i < last; i++) {
    if (strcmp(e->kind[i], "ctor") != 0) continue;
    char t[64];
    memcpy(t, e->lib[last], 64);
    memmove(e->lib[i + 1], e->lib[i], (size_t)(last - i) * 64);
    memcpy(e->lib[i], t, 64);
    break;
  }
}
static void *dlmem_ctor_first(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  g_events_filter = object_ctor_first; /* this step's events only */
  return real.dlmem(buf, size, mode, a);
}

/* ---- dlclose of a dlmem object (dlmem.close.source-untouched) ---- */

static struct { void *h; unsigned char *last; } sources[32];
static int close_touches_source(void *handle) {
  for (int i = 0; i < 32; i++) {
    if (!handle || sources[i].h != handle) continue;
    unsigned char *p = sources[i].last;
    int prot = prot_of(p);
    sources[i].h = NULL;
    if (prot >= 0 && mprotect((void *)page_of(p), 1, PROT_READ | PROT_WRITE) == 0) { /* flips the source's last byte */
      *p ^= 0xff;
      mprotect((void *)page_of(p), 1, prot);
    }
  }
  return real.dlclose(handle);
}
static void *dlmem_then_close_touches(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  api->dlclose = close_touches_source;
  for (int i = 0; h && buf && size && i < 32; i++)
    if (!sources[i].h) {
      sources[i].h = h, sources[i].last = (unsigned char *)buf + size - 1;
      break;
    }
  return h;
}

const struct mutant_def MUTANTS_ARGS[] = {
  MUTANT_P("dlmem-names-anonymous", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_ANON_NAMED),
  MUTANT_P("dlmem-drops-soname", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_DROP_SONAME),
  MUTANT_P("dlmem-noload-loads", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_NOLOAD_LOADS),
  MUTANT_P("dlmem-needs-loaded-deps", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_NEEDS_LOADED),
  MUTANT("dlmem-object-ctor-first", NEEDS_DLMEM, WRAPS(dlmem), dlmem_ctor_first),
  MUTANT_P("dlmem-skips-missing-dep", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_MISSING_SKIPPED),
  MUTANT_P("dlmem-undefined-binds-lazily", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_UNDEF_LAZY),
  MUTANT_P("dlmem-failure-ran-ctor", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_FAIL_CTOR),
  MUTANT("dlclose-touches-source", NEEDS_DLMEM, WRAPS(dlmem), dlmem_then_close_touches),
  MUTANT_P("dlmem-null-args-rejected", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_NULL_REJECTED),
  MUTANT_P("dlmem-zero-args-rejected", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_ZERO_REJECTED),
  MUTANT_P("dlmem-base-is-newlm", NEEDS_DLMEM | NEEDS_DLMOPEN, WRAPS(dlmem), dlmem_departs, D_BASE_IS_NEW),
  MUTANT_P("dlmem-existing-nsid-rejected", NEEDS_DLMEM | NEEDS_DLMOPEN, WRAPS(dlmem), dlmem_departs, D_EXISTING_REJECTED),
  MUTANT_P("dlmem-invalid-nsid-is-base", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_INVALID_IS_BASE),
  MUTANT_P("dlmem-rejects-deepbind-nodelete", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_MODE_BITS_REJECTED),
  MUTANT_P("dlmem-no-binding-enoent", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_BINDING_ENOENT),
  MUTANT_P("dlmem-unknown-mode-enoent", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_UNKNOWN_ENOENT),
  MUTANT_P("dlmem-copies-unaligned", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_UNALIGNED_COPIED),
  MUTANT_P("dlmem-genbuf-aligned-only", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_GENBUF_ALIGNED_ONLY),
  MUTANT_P("dlmem-size-zero-whole-mapping", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_SIZE_ZERO_WHOLE),
  MUTANT_P("dlmem-rejects-trailing-bytes", NEEDS_DLMEM, WRAPS(dlmem), dlmem_departs, D_TRAILING_REJECTED),
  {0},
};
