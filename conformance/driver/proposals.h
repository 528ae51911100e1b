/* proposals.h: local declarations of the two proposals (dlmem, RTLD_NORELOCATE), which the host
 * headers lack, plus the few glibc dlfcn values musl does not declare. The functions are never
 * linked: apis.c finds them at run time with dlsym(RTLD_DEFAULT, ...). */
#ifndef DLSPEC_PROPOSALS_H
#define DLSPEC_PROPOSALS_H

#include <stddef.h>

/* Lmid_t is glibc's; musl has no namespaces. */
typedef long dlspec_lmid_t;
#define DLSPEC_LM_ID_BASE 0L
#define DLSPEC_LM_ID_NEWLM (-1L)

/* dlinfo requests (glibc numbering). */
#define DLSPEC_RTLD_DI_LMID 1
#define DLSPEC_RTLD_DI_LINKMAP 2
#define DLSPEC_RTLD_DI_ORIGIN 6
#define DLSPEC_RTLD_DI_MAPINFO 12
#define DLSPEC_RTLD_DI_DEPLIST 13

/* dlopen mode bits (identical in glibc and musl where both define them). */
#define DLSPEC_RTLD_NORELOCATE 0x02000

/* dlmem. */
typedef void *(dlmem_premap_t)(void *mappref, size_t maplength, size_t mapalign, void *cookie);
#define DLMEM_DONTREPLACE 1
#define DLMEM_GENBUF_SRC 2
struct dlmem_args {
  const char *soname;
  dlspec_lmid_t nsid;
  unsigned int flags;
  dlmem_premap_t *premap;
  void *cookie;
};
typedef void *(*dlmem_fn)(const unsigned char *buffer, size_t size, int mode,
                          struct dlmem_args *dlm_args);

/* RTLD_NORELOCATE. */
typedef struct {
  void *map_start;
  size_t map_length;
  size_t map_align;
  int relocated;
} Dl_mapinfo;
typedef struct {
  void **deps;
  unsigned int ndeps;
} Dl_deplist;
typedef int (*dlrelocate_fn)(void *handle);
typedef int (*dlset_object_base_fn)(void *handle, void *base);

/* dlmopen is looked up too: musl has none. */
typedef void *(*dlmopen_fn)(dlspec_lmid_t nsid, const char *file, int mode);

/* The thread's caller code on top of dlmem (thread-code.h), in the table so a mutant can replace it. */
typedef void *(*fdlopen_fn)(int fd, int mode);
typedef void *(*dlopen_with_offset_fn)(const char *file, long offset, size_t length, int mode);
/* dl_iterate_phdr, through which the driver sees the loaded objects each step (objects.c). */
struct dl_phdr_info;
typedef int (*dl_iterate_phdr_fn)(int (*callback)(struct dl_phdr_info *info, size_t size, void *data), void *data);

/* The dl* functions the driver calls, and the optional APIs this loader provides (apis.c); an
 * optional API is NULL when absent. Every call goes through this table, so that a mutant library
 * (conformance/mutants/, loaded with LD_PRELOAD) can wrap any of them (mutant.h). */
struct apis {
  void *(*dlopen)(const char *file, int mode);
  int (*dlclose)(void *handle);
  void *(*dlsym)(void *handle, const char *name);
  int (*dladdr)(const void *addr, void *info);
  int (*dlinfo)(void *handle, int request, void *arg);
  char *(*dlerror)(void);
  dlmem_fn dlmem;
  dlrelocate_fn dlrelocate;
  dlset_object_base_fn dlset_object_base;
  dlmopen_fn dlmopen;
  fdlopen_fn fdlopen;                       /* the thread's, on top of this table's dlmem */
  dlopen_with_offset_fn dlopen_with_offset; /* the thread's, on top of this table's dlmem */
  dl_iterate_phdr_fn dl_iterate_phdr;
  int dlmem_real;   /* dlmem is the loader's own (not the compat layer's) */
  int compat_memfd; /* DLSPEC_COMPAT=memfd is in force */
};
extern struct apis g_api;

/* Finds the optional APIs and applies DLSPEC_COMPAT (apis.c). */
void apis_init(void);
/* "glibc 2.36", "musl", ... (apis.c). */
const char *apis_libc(void);

#endif
