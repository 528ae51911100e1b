/* maps.c: reading /proc/self/maps, access checks that keep the driver from faulting on memory the
 * loader may have unmapped, and the "regions" part of every step line. */
#define _GNU_SOURCE
#include "maps.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct map_entry *g_maps;
static size_t g_nmaps, g_capmaps;
static int g_hold, g_held; /* a step line is being written; g_maps holds its snapshot */

void maps_hold(int on) { g_hold = on, g_held = 0; }

/* Reads the whole of a /proc file (its size is unknown in advance). */
static char *read_proc(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  size_t cap = 65536, len = 0;
  char *buf = malloc(cap);
  for (ssize_t got; buf; len += (size_t)got) {
    if (len + 4096 > cap) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger) break;
      buf = bigger;
    }
    got = read(fd, buf + len, cap - len - 1);
    if (got <= 0) {
      buf[len] = 0;
      close(fd);
      return buf;
    }
  }
  free(buf);
  close(fd);
  return NULL;
}

int maps_read(const struct map_entry **out, size_t *n) {
  if (g_hold && g_held) {
    *out = g_maps;
    *n = g_nmaps;
    return 0;
  }
  char *text = read_proc("/proc/self/maps");
  if (!text) return fail("cannot read /proc/self/maps");
  g_nmaps = 0;
  for (char *line = text; *line;) {
    char *nl = strchr(line, '\n');
    if (g_nmaps == g_capmaps) {
      size_t cap = g_capmaps ? g_capmaps * 2 : 256;
      struct map_entry *m = realloc(g_maps, cap * sizeof *m);
      if (!m) break;
      g_maps = m;
      g_capmaps = cap;
    }
    if (maps_parse_line(line, &g_maps[g_nmaps]) == 0) g_nmaps++;
    if (!nl) break;
    line = nl + 1;
  }
  free(text);
  g_held = g_hold;
  *out = g_maps;
  *n = g_nmaps;
  return 0;
}

static int has_perms(const struct map_entry *e, const char *need) {
  for (; *need; need++) {
    int i = *need == 'r' ? 0 : *need == 'w' ? 1 : 2;
    if (e->prot[i] == '-') return 0;
  }
  return 1;
}

int maps_access(uintptr_t addr, size_t len, const char *need) {
  const struct map_entry *m;
  size_t n;
  if (len == 0) len = 1;
  if (maps_read(&m, &n)) return 0;
  uintptr_t at = addr, end = addr + len;
  if (end < addr) return 0;
  for (size_t i = 0; i < n && at < end; i++) {
    if (m[i].end <= at) continue;
    if (m[i].start > at || !has_perms(&m[i], need)) return 0;
    at = m[i].end;
  }
  return at >= end;
}

void maps_json_range(struct jbuf *b, uintptr_t start, uintptr_t end) {
  const struct map_entry *m;
  size_t n;
  jb_raw(b, "[");
  if (maps_read(&m, &n) == 0)
    for (size_t i = 0; i < n; i++) {
      if (m[i].end <= start || m[i].start >= end) continue;
      jb_elem(b);
      jb_raw(b, "{\"start\":");
      jb_hex(b, m[i].start);
      jb_raw(b, ",\"end\":");
      jb_hex(b, m[i].end);
      jb_printf(b, ",\"prot\":\"%s\",\"shared\":%s,\"offset\":%llu,\"path\":", m[i].prot,
                m[i].shared ? "true" : "false", m[i].offset);
      jb_str(b, m[i].path);
      jb_raw(b, "}");
    }
  jb_raw(b, "]");
}

void region_note_bytes(struct region *r) {
  r->has_hash = 0;
  if (r->len && maps_access((uintptr_t)r->addr, r->len, "r")) region_rehash(r);
}

/* The region's protection ("mixed" when it differs between pages, null when nothing is mapped)
 * and whether every byte is mapped. */
static void region_prot(struct jbuf *b, const struct region *r, int *mapped) {
  const struct map_entry *m;
  size_t n;
  uintptr_t at = (uintptr_t)r->addr, end = at + (r->len ? r->len : 1);
  const char *prot = NULL;
  int mixed = 0, covered = 1;
  if (maps_read(&m, &n)) n = 0;
  for (size_t i = 0; i < n && at < end; i++) {
    if (m[i].end <= at) continue;
    if (m[i].start >= end) break;
    if (m[i].start > at) covered = 0;
    if (prot && strcmp(prot, m[i].prot) != 0) mixed = 1;
    prot = m[i].prot;
    at = m[i].end;
  }
  if (at < end) covered = 0;
  *mapped = covered && prot;
  if (!prot) jb_raw(b, "null");
  else jb_str(b, mixed ? "mixed" : prot);
}

void regions_json(struct jbuf *b) {
  jb_raw(b, "{");
  for (int i = 0; i < slot_count(); i++) {
    struct slot *s = slot_at(i);
    if (s->kind != SLOT_REGION) continue;
    struct region *r = &s->u.region;
    int mapped;
    jb_key(b, s->name);
    if (r->released) {
      jb_raw(b, "{\"prot\":null,\"mapped\":false,\"unchanged\":null}");
      continue;
    }
    jb_raw(b, "{\"start\":");
    jb_hex(b, (uintptr_t)r->addr);
    jb_raw(b, ",\"prot\":");
    region_prot(b, r, &mapped);
    jb_printf(b, ",\"mapped\":%s,\"unchanged\":", mapped ? "true" : "false");
    if (!r->has_hash || !mapped || !maps_access((uintptr_t)r->addr, r->len, "r")) jb_raw(b, "null");
    else jb_raw(b, bytes_hash(r->addr, r->len) == r->hash ? "true" : "false");
    jb_raw(b, "}");
  }
  jb_raw(b, "}");
}
