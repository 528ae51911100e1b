/* ops-proposals.c: the proposals' entry points (dlmem, dlrelocate, dlset_object_base, the
 * RTLD_DI_MAPINFO and RTLD_DI_DEPLIST requests) and the thread's fdlopen and dlopen_with_offset,
 * which are caller code on top of dlmem. A step whose API this loader lacks answers "unsupported". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdlopen-after.h"
#include "compat.h"
#include "maps.h"
#include "ops.h"
#include "premap.h"

static const struct sym DLMEM_FLAG_SYMS[] = {
    {"DLMEM_DONTREPLACE", DLMEM_DONTREPLACE}, {"DLMEM_GENBUF_SRC", DLMEM_GENBUF_SRC}, {NULL, 0}};

/* The handle result of dlmem and friends: reported, bound to `as`, noted when compat ran it. */
static int handle_result(const struct step *st, struct result *r, void *h) {
  if (h) ret_ptr(r, h);
  else loader_failed(r);
  return bind_ptr(st, SLOT_HANDLE, h);
}

/* buffer= NULL or a region, plus offset=; size= bytes or `region`. */
static int dlmem_buffer(const struct step *st, const unsigned char **buf, size_t *size) {
  long long off, n;
  struct slot *s = NULL;
  const char *b = arg_str(st, "buffer"), *sz = arg_str(st, "size");
  if (strcmp(b, "NULL") != 0 && arg_slot(st, "buffer", SLOT_REGION, &s)) return -1;
  if (arg_int(st, "offset", 0, 0, &off)) return -1;
  *buf = (const unsigned char *)((uintptr_t)(s ? s->u.region.addr : NULL) + (uintptr_t)off);
  if (strcmp(sz, "region") != 0) {
    if (parse_int(sz, &n) || n < 0) return fail("bad size \"%s\"", sz);
    return *size = (size_t)n, 0;
  }
  if (!s || off < 0 || (size_t)off > s->u.region.len) return fail("size=region needs a region and an offset inside it");
  return *size = s->u.region.len - (size_t)off, 0;
}

/* Builds dlm_args from soname=, nsid=, flags=, premap=; *out is NULL for args=null. */
static int dlmem_args(const struct step *st, struct dlmem_args *a, struct dlmem_args **out) {
  long long flags;
  const char *args = arg_str(st, "args"), *soname = arg_str(st, "soname"), *premap = arg_str(st, "premap");
  memset(a, 0, sizeof *a);
  *out = NULL;
  if (args && strcmp(args, "null") == 0) {
    if (soname || premap || arg_str(st, "nsid") || arg_str(st, "flags")) return fail("args=null takes no fields");
    return 0;
  }
  if (args) return fail("args must be null or absent");
  if (arg_nsid(st, "nsid", &a->nsid) || arg_bits(st, "flags", DLMEM_FLAG_SYMS, 0, 0, &flags)) return -1;
  a->flags = (unsigned)flags;
  a->soname = soname ? strdup(soname) : NULL; /* kept for ever: the loader may keep the pointer */
  if (premap && premap_setup(a, premap)) return -1;
  *out = a;
  return 0;
}

int op_dlmem(const struct step *st, struct result *r) {
  const unsigned char *buf = NULL;
  size_t size = 0;
  long long mode;
  struct dlmem_args args, *ap;
  if (dlmem_buffer(st, &buf, &size) || arg_bits(st, "mode", MODE_SYMS, 0, 1, &mode) ||
      dlmem_args(st, &args, &ap))
    return -1;
  if (!g_api.dlmem) return r->unsupported = "dlmem", 0;
  if (g_api.compat_memfd) compat_ignored(ap, r->compat, sizeof r->compat);
  premap_reset();
  errno = 0;
  void *h = g_api.dlmem(buf, size, (int)mode, ap);
  if (handle_result(st, r, h)) return -1;
  return premap_bind_regions(arg_str(st, "as"), st->n);
}


int op_fdlopen(const struct step *st, struct result *r) {
  long long mode;
  if (arg_bits(st, "mode", MODE_SYMS, 0, 1, &mode)) return -1;
  if (!g_api.dlmem) return r->unsupported = "dlmem", 0;
  int fd = open(arg_str(st, "path"), O_RDONLY);
  if (fd < 0) return fail("cannot open %s", arg_str(st, "path"));
  errno = 0;
  void *h = g_api.fdlopen(fd, (int)mode);
  int saved = errno;
  int kept, whole;
  fdlopen_after(fd, arg_str(st, "path"), &kept, &whole);
  close(fd);
  errno = saved;
  if (handle_result(st, r, h)) return -1;
  if (h) jb_printf(&r->value, "{\"fd_kept\":%s,\"file_mapped\":%s}", kept ? "true" : "false", whole ? "true" : "false");
  return 0;
}


int op_dlopen_with_offset(const struct step *st, struct result *r) {
  long long mode, offset, length;
  if (arg_bits(st, "mode", MODE_SYMS, 0, 1, &mode) || arg_int(st, "offset", 0, 1, &offset) ||
      arg_int(st, "length", 0, 1, &length))
    return -1;
  if (length <= 0) return fail("length must be positive");
  if (!g_api.dlmem) return r->unsupported = "dlmem", 0;
  errno = 0;
  return handle_result(st, r, g_api.dlopen_with_offset(arg_str(st, "path"), (long)offset, (size_t)length, (int)mode));
}

/* An int-returning call that fails when it is not 0. */
static int int_result(struct result *r, int rc) {
  ret_int(r, rc);
  if (rc) loader_failed(r);
  return 0;
}

int op_dlrelocate(const struct step *st, struct result *r) {
  void *h;
  if (arg_handle(st, "handle", &h)) return -1;
  if (arg_str(st, "base")) return r->unsupported = "dlrelocate(handle, base)", 0;
  if (!g_api.dlrelocate) return r->unsupported = "dlrelocate", 0;
  errno = 0;
  return int_result(r, g_api.dlrelocate(h));
}

int op_dlset_object_base(const struct step *st, struct result *r) {
  void *h;
  long long off;
  struct slot *s = NULL;
  if (arg_handle(st, "handle", &h) || arg_int(st, "offset", 0, 0, &off)) return -1;
  if (strcmp(arg_str(st, "base"), "NULL") != 0 && arg_slot(st, "base", SLOT_REGION, &s)) return -1;
  if (!g_api.dlset_object_base) return r->unsupported = "dlset_object_base", 0;
  errno = 0;
  void *base = (void *)((uintptr_t)(s ? s->u.region.addr : NULL) + (uintptr_t)off);
  return int_result(r, g_api.dlset_object_base(h, base));
}
