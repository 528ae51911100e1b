/* apis.c: fills the table every dl* call goes through: the libc functions, the optional APIs (the
 * proposals' functions and dlmopen) found with dlsym(RTLD_DEFAULT, ...) at start-up, so that one
 * binary serves every loader, the compatibility dlmem when DLSPEC_COMPAT=memfd asks for it, and
 * whatever a preloaded mutant library wraps (mutant.h). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "mutant.h"
#include "proposals.h"
#include "thread-code.h"

struct apis g_api;

/* The libc functions, through wrappers of the table's types (dladdr and dlinfo take typed pointers). */
static int call_dladdr(const void *addr, void *info) { return dladdr(addr, (Dl_info *)info); }
static int call_dlinfo(void *handle, int request, void *arg) { return dlinfo(handle, request, arg); }
/* The thread's fdlopen and dlopen_with_offset over whatever dlmem the table holds. */
static void *call_fdlopen(int fd, int mode) { return thread_fdlopen(g_api.dlmem, fd, mode); }
static void *call_dlopen_with_offset(const char *file, long offset, size_t length, int mode) {
  return thread_dlopen_with_offset(g_api.dlmem, file, (off_t)offset, length, mode);
}

void apis_init(void) {
  g_api.dlopen = dlopen;
  g_api.dlclose = dlclose;
  g_api.dlsym = dlsym;
  g_api.dladdr = call_dladdr;
  g_api.dlinfo = call_dlinfo;
  g_api.dlerror = dlerror;
  g_api.dl_iterate_phdr = dl_iterate_phdr;
  g_api.dlmem = (dlmem_fn)dlsym(RTLD_DEFAULT, "dlmem");
  g_api.dlrelocate = (dlrelocate_fn)dlsym(RTLD_DEFAULT, "dlrelocate");
  g_api.dlset_object_base = (dlset_object_base_fn)dlsym(RTLD_DEFAULT, "dlset_object_base");
  g_api.dlmopen = (dlmopen_fn)dlsym(RTLD_DEFAULT, "dlmopen");
  g_api.fdlopen = call_fdlopen;
  g_api.dlopen_with_offset = call_dlopen_with_offset;
  g_api.dlmem_real = g_api.dlmem != NULL;
  dlerror(); /* a failed lookup leaves a message: clear it before the first step */
  const char *compat = getenv("DLSPEC_COMPAT");
  if (compat && strcmp(compat, "memfd") == 0) {
    g_api.dlmem = compat_dlmem;
    g_api.dlmem_real = 0;
    g_api.compat_memfd = 1;
  }
}

dlspec_events_filter g_events_filter;

int mutant_init(void) {
  const char *lib = getenv("DLSPEC_MUTANT_LIB");
  if (!lib || !*lib) return -1;
  void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  dlspec_mutant_install_fn install = h ? (dlspec_mutant_install_fn)dlsym(h, "dlspec_mutant_install") : NULL;
  dlerror();
  if (!install) return 3;
  struct dlspec_mutant_env env = {DLSPEC_MUTANT_VERSION, &g_api, &g_events_filter};
  return install(&env);
}

const char *apis_libc(void) {
  static char text[64];
  const char *(*version)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "gnu_get_libc_version");
  dlerror();
  if (version) snprintf(text, sizeof text, "glibc %s", version());
  else snprintf(text, sizeof text, "musl"); /* the only other libc the harness builds for */
  return text;
}
