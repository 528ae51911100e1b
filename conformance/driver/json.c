/* json.c: a growable buffer that builds one JSON output line, with string escaping, and writes it
 * to stdout flushed, so that every line is complete before the next loader call. */
#include "protocol.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jb_init(struct jbuf *b) {
  b->data = NULL;
  b->len = b->cap = 0;
}

void jb_free(struct jbuf *b) {
  free(b->data);
  jb_init(b);
}

static void jb_reserve(struct jbuf *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more + 1) cap *= 2;
  char *d = realloc(b->data, cap);
  if (!d) {
    fputs("{\"error\":\"driver out of memory\"}\n", stdout);
    fflush(stdout);
    exit(2);
  }
  b->data = d;
  b->cap = cap;
}

static void jb_putn(struct jbuf *b, const char *s, size_t n) {
  jb_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

void jb_raw(struct jbuf *b, const char *text) { jb_putn(b, text, strlen(text)); }

void jb_printf(struct jbuf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    jb_putn(b, small, (size_t)n);
    return;
  }
  jb_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void jb_str(struct jbuf *b, const char *s) {
  if (!s) {
    jb_raw(b, "null");
    return;
  }
  jb_raw(b, "\"");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') jb_printf(b, "\\%c", *p);
    else if (*p == '\n') jb_raw(b, "\\n");
    else if (*p == '\t') jb_raw(b, "\\t");
    else if (*p < 0x20 || *p == 0x7f) jb_printf(b, "\\u%04x", *p);
    else if (*p >= 0x80) jb_printf(b, "\\u%04x", *p); /* bytes, not UTF-8: keep it ASCII */
    else jb_putn(b, (const char *)p, 1);
  }
  jb_raw(b, "\"");
}

void jb_hex(struct jbuf *b, uintptr_t v) { jb_printf(b, "\"0x%llx\"", (unsigned long long)v); }

void jb_key(struct jbuf *b, const char *key) {
  if (b->len && b->data[b->len - 1] != '{') jb_raw(b, ",");
  jb_str(b, key);
  jb_raw(b, ":");
}

void jb_elem(struct jbuf *b) {
  if (b->len && b->data[b->len - 1] != '[') jb_raw(b, ",");
}

void jb_emit(struct jbuf *b) {
  if (b->len) fwrite(b->data, 1, b->len, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}
