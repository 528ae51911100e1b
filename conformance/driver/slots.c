/* slots.c: the table of named slots (regions, handles, symbols, namespace ids, mapinfos, values)
 * and the lookups steps use to refer to them. */
#define _GNU_SOURCE
#include "slots.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#define MAX_SLOTS 256

static struct slot g_slots[MAX_SLOTS];
static int g_nslots;

static const char *kind_name(enum slot_kind k) {
  switch (k) {
  case SLOT_REGION: return "region";
  case SLOT_HANDLE: return "handle";
  case SLOT_SYMBOL: return "symbol";
  case SLOT_LMID: return "namespace id";
  case SLOT_MAPINFO: return "mapinfo";
  case SLOT_VALUE: return "value";
  }
  return "?";
}

struct slot *slot_find(const char *name) {
  for (int i = 0; i < g_nslots; i++)
    if (strcmp(g_slots[i].name, name) == 0) return &g_slots[i];
  return NULL;
}

struct slot *slot_bind(const char *name, enum slot_kind kind) {
  struct slot *s = slot_find(name);
  if (!s) {
    if (g_nslots == MAX_SLOTS) {
      fail("too many slots");
      return NULL;
    }
    if (strlen(name) >= sizeof s->name) {
      fail("slot name \"%s\" too long", name);
      return NULL;
    }
    s = &g_slots[g_nslots++];
    snprintf(s->name, sizeof s->name, "%s", name);
  }
  memset(&s->u, 0, sizeof s->u);
  s->kind = kind;
  if (kind == SLOT_REGION) s->u.region.fd = -1;
  return s;
}

int slot_count(void) { return g_nslots; }

struct slot *slot_at(int i) { return &g_slots[i]; }

int arg_slot(const struct step *st, const char *key, enum slot_kind kind, struct slot **out) {
  const char *name = arg_str(st, key);
  if (!name) return fail("%s needs argument \"%s\"", st->op, key);
  struct slot *s = slot_find(name);
  if (!s) return fail("unknown slot \"%s\"", name);
  if (s->kind != kind) return fail("slot \"%s\" is a %s, not a %s", name, kind_name(s->kind), kind_name(kind));
  *out = s;
  return 0;
}

int arg_handle(const struct step *st, const char *key, void **out) {
  const char *name = arg_str(st, key);
  if (name && strcmp(name, "default") == 0) {
    *out = RTLD_DEFAULT;
    return 0;
  }
  struct slot *s;
  if (arg_slot(st, key, SLOT_HANDLE, &s)) return -1;
  *out = s->u.ptr;
  return 0;
}

int bind_ptr(const struct step *st, enum slot_kind kind, void *p) {
  const char *as = arg_str(st, "as");
  if (!as) return 0;
  struct slot *s = slot_bind(as, kind);
  if (!s) return -1;
  s->u.ptr = p;
  return 0;
}

uint64_t bytes_hash(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

void region_rehash(struct region *r) {
  r->hash = bytes_hash(r->addr, r->len);
  r->has_hash = 1;
}
