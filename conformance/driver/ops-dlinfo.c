/* ops-dlinfo.c: the two dlinfo requests RTLD_NORELOCATE adds (RTLD_DI_MAPINFO, RTLD_DI_DEPLIST)
 * and copy-object, the caller's memcpy of an unrelocated object to a new place. They answer
 * "unsupported" on a loader without dlrelocate and dlset_object_base. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "maps.h"
#include "ops.h"
#include "proposals.h"

static void mapinfo_json(struct jbuf *b, const Dl_mapinfo *mi) {
  jb_raw(b, "{\"map_start\":");
  jb_hex(b, (uintptr_t)mi->map_start);
  jb_printf(b, ",\"map_length\":%zu,\"map_align\":%zu,\"relocated\":%d}", mi->map_length,
            mi->map_align, mi->relocated);
}

/* dlinfo(RTLD_DI_MAPINFO); 1 when it succeeded, 0 when it failed (reported), -1 on a driver error. */
static int get_mapinfo(struct result *r, void *h, Dl_mapinfo *mi) {
  memset(mi, 0, sizeof *mi);
  errno = 0;
  int rc = g_api.dlinfo(h, DLSPEC_RTLD_DI_MAPINFO, mi);
  ret_int(r, rc);
  if (rc) return loader_failed(r), 0;
  mapinfo_json(&r->value, mi);
  return 1;
}

int dlinfo_mapinfo(const struct step *st, struct result *r, void *h) {
  Dl_mapinfo mi;
  if (!have_noreloc()) return r->unsupported = "RTLD_DI_MAPINFO", 0;
  if (get_mapinfo(r, h, &mi) <= 0) return 0;
  const char *as = arg_str(st, "as");
  struct slot *s = as ? slot_bind(as, SLOT_MAPINFO) : NULL;
  if (as && !s) return -1;
  if (s) s->u.mapinfo = mi;
  return 0;
}

/* Binds AS.0, AS.1, ... to the dependency handles, and AS to a value slot. */
static int bind_deps(const char *as, void **deps, unsigned n) {
  char name[64];
  if (!slot_bind(as, SLOT_VALUE)) return -1;
  for (unsigned i = 0; i < n; i++) {
    snprintf(name, sizeof name, "%s.%u", as, i);
    struct slot *s = slot_bind(name, SLOT_HANDLE);
    if (!s) return -1;
    s->u.ptr = deps[i];
  }
  return 0;
}

int dlinfo_deplist(const struct step *st, struct result *r, void *h) {
  Dl_deplist dl;
  if (!have_noreloc()) return r->unsupported = "RTLD_DI_DEPLIST", 0;
  memset(&dl, 0, sizeof dl);
  errno = 0;
  int rc = g_api.dlinfo(h, DLSPEC_RTLD_DI_DEPLIST, &dl);
  ret_int(r, rc);
  if (rc) return loader_failed(r), 0;
  if (dl.ndeps && !maps_access((uintptr_t)dl.deps, dl.ndeps * sizeof(void *), "r")) {
    snprintf(r->fault, sizeof r->fault, "deps %p is not readable", (void *)dl.deps);
    return 0;
  }
  jb_printf(&r->value, "{\"ndeps\":%u,\"deps\":[", dl.ndeps);
  for (unsigned i = 0; i < dl.ndeps; i++) {
    jb_elem(&r->value);
    jb_hex(&r->value, (uintptr_t)dl.deps[i]);
  }
  /* and each one's l_name (RTLD_DI_LINKMAP), so that a dependency no earlier step bound is known */
  jb_raw(&r->value, "],\"names\":[");
  for (unsigned i = 0; i < dl.ndeps; i++) {
    struct link_map *lm = NULL;
    jb_elem(&r->value);
    if (g_api.dlinfo(dl.deps[i], DLSPEC_RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name) jb_str(&r->value, lm->l_name);
    else jb_raw(&r->value, "null");
  }
  jb_raw(&r->value, "]}");
  const char *as = arg_str(st, "as");
  return as ? bind_deps(as, dl.deps, dl.ndeps) : 0;
}

int op_copy_object(const struct step *st, struct result *r) {
  void *h;
  struct slot *to;
  Dl_mapinfo mi;
  if (arg_handle(st, "handle", &h) || arg_slot(st, "to", SLOT_REGION, &to)) return -1;
  if (!have_noreloc()) return r->unsupported = "RTLD_DI_MAPINFO", 0;
  if (get_mapinfo(r, h, &mi) <= 0) return 0;
  struct region *g = &to->u.region;
  if (g->len < mi.map_length) return fail("region %s is shorter than the object", to->name);
  if (!maps_access((uintptr_t)mi.map_start, mi.map_length, "r"))
    snprintf(r->fault, sizeof r->fault, "the object at %p is not readable", mi.map_start);
  else if (!maps_access((uintptr_t)g->addr, mi.map_length, "w"))
    return fail("region %s is not writable", to->name);
  else {
    memcpy(g->addr, mi.map_start, mi.map_length);
    region_note_bytes(g);
  }
  return 0;
}
