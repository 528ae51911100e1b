/* ops-data.c: using what the loader returned: calling a function symbol and reading or writing an
 * int data symbol. The driver checks /proc/self/maps first and reports a "fault" instead of
 * touching memory that is not mapped with the access it needs. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "maps.h"
#include "ops.h"

int arg_symbol(const struct step *st, const char *key, void **out) {
  struct slot *s;
  if (arg_slot(st, key, SLOT_SYMBOL, &s)) return -1;
  *out = s->u.ptr;
  return 0;
}

/* Whether SIZE bytes at P have access NEED; otherwise records the fault. */
static int accessible(struct result *r, const void *p, size_t size, const char *need) {
  if (!p) snprintf(r->fault, sizeof r->fault, "null address");
  else if (!maps_access((uintptr_t)p, size, need))
    snprintf(r->fault, sizeof r->fault, "%p is not mapped %s", p, need);
  else return 1;
  return 0;
}

static void value_int(struct result *r, int v) { jb_printf(&r->value, "{\"int\":%d}", v); }

int op_call(const struct step *st, struct result *r) {
  void *p;
  if (arg_symbol(st, "symbol", &p)) return -1;
  if (!accessible(r, p, 1, "x")) return 0;
  int (*fn)(void);
  memcpy(&fn, &p, sizeof fn);
  int v = fn();
  value_int(r, v);
  const char *as = arg_str(st, "as");
  struct slot *s = as ? slot_bind(as, SLOT_VALUE) : NULL;
  if (s) s->u.ptr = (void *)(intptr_t)v;
  return as && !s ? -1 : 0;
}

/* Reads the int at the symbol's offset from VIA's start, in a second mapping of VIA's memfd. */
static int read_via(const struct step *st, struct result *r, void *p, int *out) {
  struct slot *s;
  if (arg_slot(st, "via", SLOT_REGION, &s)) return -1;
  struct region *g = &s->u.region;
  if (g->fd < 0) return fail("region %s has no memfd behind it", s->name);
  uintptr_t off = (uintptr_t)p - (uintptr_t)g->addr;
  if ((uintptr_t)p < (uintptr_t)g->addr || off + sizeof(int) > g->len) {
    snprintf(r->fault, sizeof r->fault, "%p is outside region %s", p, s->name);
    return 1;
  }
  unsigned char *m = mmap(NULL, g->len, PROT_READ, MAP_SHARED, g->fd, 0);
  if (m == MAP_FAILED) return fail("second mapping of region %s failed", s->name);
  memcpy(out, m + off, sizeof *out);
  munmap(m, g->len);
  return 0;
}

int op_read_data(const struct step *st, struct result *r) {
  void *p;
  int v = 0;
  if (arg_symbol(st, "symbol", &p)) return -1;
  if (arg_str(st, "via")) {
    int rc = read_via(st, r, p, &v);
    if (rc) return rc < 0 ? -1 : 0;
  } else {
    if (!accessible(r, p, sizeof(int), "r")) return 0;
    memcpy(&v, p, sizeof v);
  }
  value_int(r, v);
  const char *as = arg_str(st, "as");
  struct slot *s = as ? slot_bind(as, SLOT_VALUE) : NULL;
  if (s) s->u.ptr = (void *)(intptr_t)v;
  return as && !s ? -1 : 0;
}

int op_write_data(const struct step *st, struct result *r) {
  void *p;
  long long v;
  if (arg_symbol(st, "symbol", &p) || arg_int(st, "value", 0, 1, &v)) return -1;
  if (!accessible(r, p, sizeof(int), "w")) return 0;
  int iv = (int)v;
  memcpy(p, &iv, sizeof iv);
  return 0;
}
