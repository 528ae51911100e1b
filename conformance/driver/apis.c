/* apis.c: finds the optional APIs (the proposals' functions and dlmopen) with
 * dlsym(RTLD_DEFAULT, ...) at start-up, so that one binary serves every loader, and installs the
 * compatibility dlmem when DLSPEC_COMPAT=memfd asks for it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "proposals.h"

struct apis g_api;

void apis_init(void) {
  g_api.dlmem = (dlmem_fn)dlsym(RTLD_DEFAULT, "dlmem");
  g_api.dlrelocate = (dlrelocate_fn)dlsym(RTLD_DEFAULT, "dlrelocate");
  g_api.dlset_object_base = (dlset_object_base_fn)dlsym(RTLD_DEFAULT, "dlset_object_base");
  g_api.dlmopen = (dlmopen_fn)dlsym(RTLD_DEFAULT, "dlmopen");
  g_api.dlmem_real = g_api.dlmem != NULL;
  dlerror(); /* a failed lookup leaves a message: clear it before the first step */
  const char *compat = getenv("DLSPEC_COMPAT");
  if (compat && strcmp(compat, "memfd") == 0) {
    g_api.dlmem = compat_dlmem;
    g_api.dlmem_real = 0;
    g_api.compat_memfd = 1;
  }
}

const char *apis_libc(void) {
  static char text[64];
  const char *(*version)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "gnu_get_libc_version");
  dlerror();
  if (version) snprintf(text, sizeof text, "glibc %s", version());
  else snprintf(text, sizeof text, "musl"); /* the only other libc the harness builds for */
  return text;
}
