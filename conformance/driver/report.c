/* report.c: writing the protocol's output lines. Every line is built whole, then written and
 * flushed at once, so that a crash in the next loader call cannot truncate it. */
#define _GNU_SOURCE
#include "report.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "maps.h"
#include "premap.h"
#include "proposals.h"

void ret_ptr(struct result *r, const void *p) {
  r->ret_kind = p ? RET_PTR : RET_NULL;
  r->ret_ptr = (uintptr_t)p;
}

void ret_int(struct result *r, long long v) {
  r->ret_kind = RET_INT;
  r->ret_int = v;
}

void loader_failed(struct result *r) {
  const char *m = g_api.dlerror();
  r->err = errno;
  r->has_errno = r->has_dlerror = 1;
  free(r->dlerror);
  r->dlerror = m ? strdup(m) : NULL;
  if (r->ret_kind == RET_NONE || r->ret_kind == RET_PTR) r->ret_kind = RET_NULL;
}

void result_init(struct result *r) {
  memset(r, 0, sizeof *r);
  jb_init(&r->value);
}

void result_free(struct result *r) {
  free(r->dlerror);
  jb_free(&r->value);
}

void report_hello(void) {
  struct jbuf b;
  jb_init(&b);
  jb_printf(&b, "{\"hello\":{\"protocol\":%d,\"libc\":", DRIVER_PROTOCOL_VERSION);
  jb_str(&b, apis_libc());
  jb_printf(&b, ",\"apis\":{\"dlmem\":%s,\"dlrelocate\":%s,\"dlset_object_base\":%s,\"dlmopen\":%s}",
            g_api.dlmem ? "true" : "false", g_api.dlrelocate ? "true" : "false",
            g_api.dlset_object_base ? "true" : "false", g_api.dlmopen ? "true" : "false");
  if (g_api.compat_memfd) jb_raw(&b, ",\"compat\":\"memfd\"");
  jb_printf(&b, ",\"pagesize\":%ld}}", sysconf(_SC_PAGESIZE));
  jb_emit(&b);
  jb_free(&b);
}

void report_begin(const struct step *st) {
  struct jbuf b;
  jb_init(&b);
  jb_printf(&b, "{\"begin\":%d,\"op\":", st->n);
  jb_str(&b, st->op);
  jb_raw(&b, "}");
  jb_emit(&b);
  jb_free(&b);
}

static void ret_json(struct jbuf *b, const struct result *r) {
  switch (r->ret_kind) {
  case RET_PTR: jb_raw(b, "{\"kind\":\"ptr\",\"value\":"); jb_hex(b, r->ret_ptr); jb_raw(b, "}"); break;
  case RET_NULL: jb_raw(b, "{\"kind\":\"null\"}"); break;
  case RET_INT: jb_printf(b, "{\"kind\":\"int\",\"value\":%lld}", r->ret_int); break;
  case RET_NONE: jb_raw(b, "{\"kind\":\"none\"}"); break;
  }
}

/* A string field, when present. */
static void opt_str(struct jbuf *b, const char *key, const char *value) {
  if (!value || !value[0]) return;
  jb_key(b, key);
  jb_str(b, value);
}

void report_step(const struct step *st, struct result *r) {
  struct jbuf b;
  jb_init(&b);
  maps_hold(1);
  jb_printf(&b, "{\"step\":%d,\"op\":", st->n);
  jb_str(&b, st->op);
  jb_key(&b, "ret");
  ret_json(&b, r);
  if (r->has_errno) jb_printf(&b, ",\"errno\":%d", r->err);
  if (r->has_dlerror) {
    jb_key(&b, "dlerror");
    jb_str(&b, r->dlerror);
  }
  opt_str(&b, "compat", r->compat);
  opt_str(&b, "fault", r->fault);
  opt_str(&b, "unsupported", r->unsupported);
  jb_key(&b, "events");
  events_json(&b);
  jb_key(&b, "premap");
  premap_json(&b);
  premap_reset();
  jb_key(&b, "regions");
  regions_json(&b);
  jb_key(&b, "objects");
  objects_json(&b);
  jb_key(&b, "gone");
  objects_gone_json(&b);
  if (r->value.len) {
    jb_key(&b, "value");
    jb_raw(&b, r->value.data);
  }
  maps_hold(0);
  jb_raw(&b, "}");
  jb_emit(&b);
  jb_free(&b);
}

void report_error(int step, const char *message) {
  struct jbuf b;
  jb_init(&b);
  jb_printf(&b, "{\"step\":%d,\"error\":", step);
  jb_str(&b, message);
  jb_raw(&b, "}");
  jb_emit(&b);
  jb_free(&b);
}
