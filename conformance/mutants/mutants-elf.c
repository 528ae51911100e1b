/* mutants-elf.c: departures in the ELF checks of dlmem (images it must refuse, load or survive). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

/* ---- reading the image (never past buf + size) ---- */

static const Elf64_Ehdr *ehdr_of(const unsigned char *buf, size_t size) {
  return buf && size >= sizeof(Elf64_Ehdr) && memcmp(buf, ELFMAG, SELFMAG) == 0 ? (const Elf64_Ehdr *)buf : NULL;
}

/* The program header table when it lies inside the buffer, else NULL. */
static const Elf64_Phdr *phdrs_of(const unsigned char *buf, size_t size, size_t *n) {
  const Elf64_Ehdr *e = ehdr_of(buf, size);
  if (!e || e->e_ident[EI_CLASS] != ELFCLASS64 || e->e_phentsize != sizeof(Elf64_Phdr)) return NULL;
  if (e->e_phoff > size || (size - e->e_phoff) / sizeof(Elf64_Phdr) < e->e_phnum) return NULL;
  *n = e->e_phnum;
  return (const Elf64_Phdr *)(buf + e->e_phoff);
}

static const Elf64_Phdr *phdr_of_type(const unsigned char *buf, size_t size, uint32_t type) {
  size_t n = 0;
  const Elf64_Phdr *ph = phdrs_of(buf, size, &n);
  for (size_t i = 0; ph && i < n; i++)
    if (ph[i].p_type == type) return &ph[i];
  return NULL;
}

/* Fails the way dlmem fails on an empty buffer, so that dlerror() has a message. */
static void *refuse(const unsigned char *buf, int mode) { return real.dlmem(buf, 0, mode, NULL); }

/* The e_machine of this library: the loader's machine. */
static uint16_t own_machine(void) {
  Dl_info info;
  if (!dladdr((void *)own_machine, &info) || !info.dli_fbase) return EM_NONE;
  return ((const Elf64_Ehdr *)info.dli_fbase)->e_machine;
}

/* ---- a check left out: the image is loaded as if the field were right ---- */

enum lenient { SKIP_MAGIC, SKIP_CLASS, SKIP_MACHINE, SKIP_MEMSZ };
#define ABSURD_MEMSZ ((uint64_t)1 << 47) /* more than an x86-64 or AArch64 user address space */

/* Whether the check mutant_param names would refuse the image (the others pass it). */
static int skipped_check_fails(const unsigned char *buf, size_t size) {
  if (!buf || size < sizeof(Elf64_Ehdr)) return 0;
  const Elf64_Ehdr *e = (const Elf64_Ehdr *)buf;
  switch ((enum lenient)mutant_param) {
    case SKIP_MAGIC: return memcmp(buf, ELFMAG, 3) == 0 && buf[3] != ELFMAG3;
    case SKIP_CLASS: return ehdr_of(buf, size) && e->e_ident[EI_CLASS] != ELFCLASS64;
    case SKIP_MACHINE: return ehdr_of(buf, size) && e->e_machine != own_machine();
    case SKIP_MEMSZ: {
      size_t n = 0;
      const Elf64_Phdr *ph = phdrs_of(buf, size, &n);
      for (size_t i = 0; ph && i < n; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > ABSURD_MEMSZ) return 1;
      return 0;
    }
  }
  return 0;
}

/* Loads a copy (in anonymous shared memory, a source dlmem supports) with the field made right. */
static void *dlmem_lenient(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  if (!skipped_check_fails(buf, size)) return real.dlmem(buf, size, mode, a);
  unsigned char *copy = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (copy == MAP_FAILED) return real.dlmem(buf, size, mode, a);
  memcpy(copy, buf, size);
  Elf64_Ehdr *e = (Elf64_Ehdr *)copy;
  switch ((enum lenient)mutant_param) {
    case SKIP_MAGIC: copy[3] = ELFMAG3; break;
    case SKIP_CLASS: e->e_ident[EI_CLASS] = ELFCLASS64; break;
    case SKIP_MACHINE: e->e_machine = own_machine(); break;
    case SKIP_MEMSZ: {
      size_t n = 0;
      Elf64_Phdr *ph = (Elf64_Phdr *)phdrs_of(copy, size, &n);
      for (size_t i = 0; ph && i < n; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > ABSURD_MEMSZ) ph[i].p_memsz = ph[i].p_filesz;
      break;
    }
  }
  void *h = real.dlmem(copy, size, mode, a);
  munmap(copy, size);
  return h;
}

/* ---- a malformed image accepted: the handle of the program instead of a failure ---- */

enum accepted { ACCEPT_TRUNCATED, ACCEPT_NO_LOAD };
static void *dlmem_accepts(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  int bad = 0;
  if (mutant_param == ACCEPT_TRUNCATED) {
    /* An ELF header whose program header table ends past size. */
    const Elf64_Ehdr *e = buf && size >= EI_NIDENT && memcmp(buf, ELFMAG, SELFMAG) == 0 ? (const Elf64_Ehdr *)buf : NULL;
    size_t n;
    bad = e && (size < sizeof(Elf64_Ehdr) || (e->e_phnum > 0 && !phdrs_of(buf, size, &n)));
  } else {
    size_t n = 0;
    bad = phdrs_of(buf, size, &n) && !phdr_of_type(buf, size, PT_LOAD);
  }
  return bad ? real.dlopen(NULL, RTLD_LAZY) : real.dlmem(buf, size, mode, a);
}

/* ---- crashing on a malformed image ---- */

static void *dlmem_crashes(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  size_t n = 0;
  if (phdrs_of(buf, size, &n) && phdr_of_type(buf, size, PT_LOAD) && !phdr_of_type(buf, size, PT_DYNAMIC))
    raise(SIGSEGV); /* follows the dynamic section it did not find */
  return real.dlmem(buf, size, mode, a);
}

/* ---- valid images refused ---- */

#define PHDR_TABLE 9 /* program headers a fixed-size table holds */
static void *dlmem_phdr_table(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  size_t n = 0;
  if (phdrs_of(buf, size, &n) && n > PHDR_TABLE) return refuse(buf, mode);
  return real.dlmem(buf, size, mode, a);
}

static void *dlmem_needs_gnu_hash(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  const Elf64_Phdr *dyn = phdr_of_type(buf, size, PT_DYNAMIC);
  if (!dyn || dyn->p_offset > size || dyn->p_filesz > size - dyn->p_offset) return real.dlmem(buf, size, mode, a);
  const Elf64_Dyn *d = (const Elf64_Dyn *)(buf + dyn->p_offset);
  size_t n = dyn->p_filesz / sizeof *d;
  for (size_t i = 0; i < n && d[i].d_tag != DT_NULL; i++)
    if (d[i].d_tag == DT_GNU_HASH) return real.dlmem(buf, size, mode, a);
  return refuse(buf, mode); /* only a SysV DT_HASH: "no symbol table it can search" */
}

/* ---- TLS: the loading thread's block left zero instead of initialised from the image ---- */

struct tls_find {
  uintptr_t base;
  size_t modid, memsz;
  void *data;
};
static int find_tls(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  struct tls_find *f = arg;
  if (info->dlpi_addr != f->base) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_TLS) f->memsz = info->dlpi_phdr[i].p_memsz;
  f->modid = info->dlpi_tls_modid;
  f->data = info->dlpi_tls_data;
  return f->memsz != 0;
}
struct tls_index_ { unsigned long module, offset; };
extern void *__tls_get_addr(struct tls_index_ *ti);

static void *dlmem_zero_tls(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a) {
  void *h = real.dlmem(buf, size, mode, a);
  struct link_map *lm = NULL;
  if (!h || !phdr_of_type(buf, size, PT_TLS) || real.dlinfo(h, DLSPEC_RTLD_DI_LINKMAP, &lm) || !lm) return h;
  struct tls_find f = {lm->l_addr, 0, 0, NULL};
  if (!dl_iterate_phdr(find_tls, &f) || !f.modid) return h;
  if (!f.data) f.data = __tls_get_addr(&(struct tls_index_){f.modid, 0}); /* allocated on first use */
  if (f.data) memset(f.data, 0, f.memsz);
  return h;
}

const struct mutant_def MUTANTS_ELF[] = {
  MUTANT("elf-phdr-table", NEEDS_DLMEM, WRAPS(dlmem), dlmem_phdr_table),
  MUTANT("elf-crashes-no-dynamic", NEEDS_DLMEM, WRAPS(dlmem), dlmem_crashes),
  MUTANT_P("elf-magic-three-bytes", NEEDS_DLMEM, WRAPS(dlmem), dlmem_lenient, SKIP_MAGIC),
  MUTANT_P("elf-ignores-class", NEEDS_DLMEM, WRAPS(dlmem), dlmem_lenient, SKIP_CLASS),
  MUTANT_P("elf-ignores-machine", NEEDS_DLMEM, WRAPS(dlmem), dlmem_lenient, SKIP_MACHINE),
  MUTANT_P("elf-accepts-truncated", NEEDS_DLMEM, WRAPS(dlmem), dlmem_accepts, ACCEPT_TRUNCATED),
  MUTANT_P("elf-accepts-no-load", NEEDS_DLMEM, WRAPS(dlmem), dlmem_accepts, ACCEPT_NO_LOAD),
  MUTANT_P("elf-clamps-memsz", NEEDS_DLMEM, WRAPS(dlmem), dlmem_lenient, SKIP_MEMSZ),
  MUTANT("elf-zero-tls", NEEDS_DLMEM, WRAPS(dlmem), dlmem_zero_tls),
  MUTANT("elf-needs-gnu-hash", NEEDS_DLMEM, WRAPS(dlmem), dlmem_needs_gnu_hash),
  {0},
};
