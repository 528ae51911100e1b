/* ops-loader.c: the existing loader interface the proposals build on: dlopen, dlmopen, dlsym,
 * dladdr, dlinfo (the long-standing requests), dlclose and dlerror. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "proposals.h"

int have_noreloc(void) { return g_api.dlrelocate || g_api.dlset_object_base; }

int arg_nsid(const struct step *st, const char *key, dlspec_lmid_t *out) {
  const char *v = arg_str(st, key);
  long long n;
  if (!v || strcmp(v, "base") == 0) return *out = DLSPEC_LM_ID_BASE, 0;
  if (strcmp(v, "newlm") == 0) return *out = DLSPEC_LM_ID_NEWLM, 0;
  if (strncmp(v, "slot:", 5) == 0) {
    struct slot *s = slot_find(v + 5);
    if (!s || s->kind != SLOT_LMID) return fail("\"%s\" is not a namespace id slot", v + 5);
    return *out = s->u.lmid, 0;
  }
  if (parse_int(v, &n)) return fail("bad namespace \"%s\"", v);
  return *out = (dlspec_lmid_t)n, 0;
}

/* Reports a pointer-returning loader call and binds `as` to its result (even NULL). */
static int pointer_result(const struct step *st, struct result *r, void *p, enum slot_kind kind) {
  if (p) ret_ptr(r, p);
  else loader_failed(r);
  return bind_ptr(st, kind, p);
}

int op_dlopen(const struct step *st, struct result *r) {
  long long mode;
  if (arg_bits(st, "mode", MODE_SYMS, 0, 1, &mode)) return -1;
  const char *path = arg_str(st, "path");
  if (strcmp(path, "NULL") == 0) path = NULL;
  errno = 0;
  return pointer_result(st, r, g_api.dlopen(path, (int)mode), SLOT_HANDLE);
}

int op_dlmopen(const struct step *st, struct result *r) {
  long long mode;
  dlspec_lmid_t ns;
  if (arg_bits(st, "mode", MODE_SYMS, 0, 1, &mode) || arg_nsid(st, "nsid", &ns)) return -1;
  if (!g_api.dlmopen) return r->unsupported = "dlmopen", 0;
  errno = 0;
  return pointer_result(st, r, g_api.dlmopen(ns, arg_str(st, "path"), (int)mode), SLOT_HANDLE);
}

int op_dlsym(const struct step *st, struct result *r) {
  void *h;
  if (arg_handle(st, "handle", &h)) return -1;
  errno = 0;
  return pointer_result(st, r, g_api.dlsym(h, arg_str(st, "symbol")), SLOT_SYMBOL);
}

/* The address dladdr looks up: a symbol slot, or a region plus an offset. */
static int dladdr_target(const struct step *st, void **out) {
  long long off;
  struct slot *s;
  if (arg_str(st, "symbol")) return arg_symbol(st, "symbol", out);
  if (arg_slot(st, "region", SLOT_REGION, &s) || arg_int(st, "offset", 0, 0, &off)) return -1;
  *out = s->u.region.addr + off;
  return 0;
}

int op_dladdr(const struct step *st, struct result *r) {
  void *p;
  Dl_info info;
  if (dladdr_target(st, &p)) return -1;
  memset(&info, 0, sizeof info);
  errno = 0;
  int rc = g_api.dladdr(p, &info);
  ret_int(r, rc);
  if (!rc) return loader_failed(r), 0;
  jb_raw(&r->value, "{\"fname\":");
  jb_str(&r->value, info.dli_fname);
  jb_raw(&r->value, ",\"fbase\":");
  jb_hex(&r->value, (uintptr_t)info.dli_fbase);
  jb_raw(&r->value, ",\"sname\":");
  jb_str(&r->value, info.dli_sname);
  jb_raw(&r->value, ",\"saddr\":");
  jb_hex(&r->value, (uintptr_t)info.dli_saddr);
  jb_raw(&r->value, "}");
  return 0;
}

/* One of the long-standing requests; fills the step's value. */
static int dlinfo_plain(const struct step *st, struct result *r, void *h, long long req) {
  union {
    struct link_map *lm;
    long lmid;
    char origin[PATH_MAX + 1];
    unsigned char raw[4096];
  } out;
  memset(&out, 0, sizeof out);
  errno = 0;
  int rc = g_api.dlinfo(h, (int)req, &out);
  ret_int(r, rc);
  if (rc) return loader_failed(r), 0;
  if (req == DLSPEC_RTLD_DI_LINKMAP && out.lm) {
    jb_raw(&r->value, "{\"l_addr\":");
    jb_hex(&r->value, (uintptr_t)out.lm->l_addr);
    jb_raw(&r->value, ",\"l_name\":");
    jb_str(&r->value, out.lm->l_name);
    jb_raw(&r->value, ",\"l_ld\":");
    jb_hex(&r->value, (uintptr_t)out.lm->l_ld);
    jb_raw(&r->value, "}");
  } else if (req == DLSPEC_RTLD_DI_LMID) {
    jb_printf(&r->value, "{\"lmid\":%ld}", out.lmid);
    const char *as = arg_str(st, "as");
    struct slot *s = as ? slot_bind(as, SLOT_LMID) : NULL;
    if (as && !s) return -1;
    if (s) s->u.lmid = out.lmid;
  } else if (req == DLSPEC_RTLD_DI_ORIGIN) {
    out.origin[PATH_MAX] = 0;
    jb_raw(&r->value, "{\"origin\":");
    jb_str(&r->value, out.origin);
    jb_raw(&r->value, "}");
  }
  return 0;
}

static const struct sym REQUEST_SYMS[] = {
    {"linkmap", DLSPEC_RTLD_DI_LINKMAP}, {"lmid", DLSPEC_RTLD_DI_LMID},
    {"origin", DLSPEC_RTLD_DI_ORIGIN}, {NULL, 0},
};

int op_dlinfo(const struct step *st, struct result *r) {
  void *h;
  long long req;
  if (arg_handle(st, "handle", &h)) return -1;
  const char *name = arg_str(st, "request");
  /* By name, the proposal requests get their typed treatment; a raw 12 or 13 reaches dlinfo as is. */
  if (strcmp(name, "mapinfo") == 0) return dlinfo_mapinfo(st, r, h);
  if (strcmp(name, "deplist") == 0) return dlinfo_deplist(st, r, h);
  if (strchr(name, '|') || parse_bits(name, REQUEST_SYMS, &req)) return fail("bad request \"%s\"", name);
  return dlinfo_plain(st, r, h, req);
}

int op_dlclose(const struct step *st, struct result *r) {
  void *h;
  if (arg_handle(st, "handle", &h)) return -1;
  errno = 0;
  int rc = g_api.dlclose(h);
  ret_int(r, rc);
  if (rc) loader_failed(r);
  return 0;
}

int op_dlerror(const struct step *st, struct result *r) {
  (void)st;
  const char *m = g_api.dlerror();
  r->has_dlerror = 1;
  r->dlerror = m ? strdup(m) : NULL;
  if (m) ret_ptr(r, m);
  else r->ret_kind = RET_NULL;
  return 0;
}
