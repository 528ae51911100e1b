/* protocol.c: tokenizing and decoding input lines, typed argument access, and the JSON line
 * builder the output uses. Nothing here touches the loader. */
#define _GNU_SOURCE
#include "protocol.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static char g_error[512];

int fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g_error, sizeof g_error, fmt, ap);
  va_end(ap);
  return -1;
}

const char *last_error(void) { return g_error; }

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = (char)tolower((unsigned char)c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int percent_decode(char *s) {
  char *out = s;
  for (; *s; s++) {
    if (*s != '%') {
      *out++ = *s;
      continue;
    }
    int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);
    if (hi < 0 || lo < 0) return fail("bad %%-escape in \"%s\"", s);
    *out++ = (char)(hi * 16 + lo);
    s += 2;
  }
  *out = 0;
  return 0;
}

static int valid_key(const char *k) {
  if (!*k) return 0;
  for (; *k; k++)
    if (!isalnum((unsigned char)*k) && *k != '_' && *k != '-') return 0;
  return 1;
}

int step_parse(char *line, struct step *st) {
  char *save = NULL;
  st->nargs = 0;
  st->op = strtok_r(line, " \t", &save);
  if (!st->op) return fail("empty step");
  for (char *tok; (tok = strtok_r(NULL, " \t", &save));) {
    char *eq = strchr(tok, '=');
    if (!eq) return fail("argument \"%s\" is not key=value", tok);
    *eq = 0;
    if (!valid_key(tok)) return fail("bad argument name \"%s\"", tok);
    if (arg_str(st, tok)) return fail("argument \"%s\" given twice", tok);
    if (st->nargs == STEP_MAX_ARGS) return fail("too many arguments");
    if (percent_decode(eq + 1)) return -1;
    st->args[st->nargs++] = (struct arg){tok, eq + 1};
  }
  return 0;
}

/* Whether NAME occurs in SPEC as a word (optionally '?'-prefixed); sets *optional. */
static int spec_has(const char *spec, const char *name, size_t len, int *optional) {
  for (const char *p = spec; *p;) {
    while (*p == ' ') p++;
    int opt = *p == '?';
    const char *w = p + opt;
    size_t wl = strcspn(w, " ");
    if (wl == len && strncmp(w, name, len) == 0) {
      *optional = opt;
      return 1;
    }
    p = w + wl;
  }
  return 0;
}

int step_check_args(const struct step *st, const char *spec) {
  int opt;
  for (int i = 0; i < st->nargs; i++)
    if (!spec_has(spec, st->args[i].key, strlen(st->args[i].key), &opt))
      return fail("%s takes no argument \"%s\"", st->op, st->args[i].key);
  for (const char *p = spec; *p;) {
    while (*p == ' ') p++;
    size_t wl = strcspn(p, " ");
    if (wl && *p != '?') {
      char name[64];
      snprintf(name, sizeof name, "%.*s", (int)wl, p);
      if (!arg_str(st, name)) return fail("%s needs argument \"%s\"", st->op, name);
    }
    p += wl;
  }
  return 0;
}

const char *arg_str(const struct step *st, const char *key) {
  for (int i = 0; i < st->nargs; i++)
    if (strcmp(st->args[i].key, key) == 0) return st->args[i].val;
  return NULL;
}

int parse_int(const char *text, long long *out) {
  const char *p = text;
  int neg = *p == '-';
  if (neg || *p == '+') p++;
  if (!isdigit((unsigned char)*p)) return fail("\"%s\" is not a number", text);
  char *end;
  errno = 0;
  unsigned long long v = strtoull(p, &end, (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ? 16 : 10);
  if (*end || errno) return fail("\"%s\" is not a number", text);
  *out = neg ? -(long long)v : (long long)v;
  return 0;
}

int parse_bits(const char *text, const struct sym *syms, long long *out) {
  long long acc = 0;
  for (const char *p = text;;) {
    size_t len = strcspn(p, "|");
    char part[64];
    if (len == 0 || len >= sizeof part) return fail("bad value \"%s\"", text);
    snprintf(part, sizeof part, "%.*s", (int)len, p);
    long long v;
    const struct sym *s = syms;
    while (s && s->name && strcmp(s->name, part) != 0) s++;
    if (s && s->name) v = s->value;
    else if (parse_int(part, &v)) return fail("unknown constant \"%s\" in \"%s\"", part, text);
    acc |= v;
    if (!p[len]) break;
    p += len + 1;
  }
  *out = acc;
  return 0;
}

int arg_bits(const struct step *st, const char *key, const struct sym *syms, long long def,
             int required, long long *out) {
  const char *v = arg_str(st, key);
  if (!v) {
    *out = def;
    return required ? fail("%s needs argument \"%s\"", st->op, key) : 0;
  }
  if (parse_bits(v, syms, out)) return fail("argument %s: %s", key, last_error());
  return 0;
}

int arg_int(const struct step *st, const char *key, long long def, int required,
            long long *out) {
  return arg_bits(st, key, NULL, def, required, out);
}

int arg_prot(const struct step *st, const char *key, int *out) {
  const char *v = arg_str(st, key);
  if (!v) return fail("%s needs argument \"%s\"", st->op, key);
  if (strlen(v) == 3 && strspn(v, "rwx-") == 3 && (v[0] == 'r' || v[0] == '-') &&
      (v[1] == 'w' || v[1] == '-') && (v[2] == 'x' || v[2] == '-')) {
    *out = (v[0] == 'r' ? PROT_READ : 0) | (v[1] == 'w' ? PROT_WRITE : 0) |
           (v[2] == 'x' ? PROT_EXEC : 0);
    return 0;
  }
  long long n;
  if (parse_int(v, &n) || n < 0 || n > 7) return fail("bad protection \"%s\"", v);
  *out = (int)n;
  return 0;
}

const struct sym MODE_SYMS[] = {
    {"RTLD_LAZY", 0x1},      {"RTLD_NOW", 0x2},        {"RTLD_NOLOAD", 0x4},
    {"RTLD_DEEPBIND", 0x8},  {"RTLD_GLOBAL", 0x100},   {"RTLD_LOCAL", 0},
    {"RTLD_NODELETE", 0x1000}, {"RTLD_NORELOCATE", 0x2000}, {NULL, 0},
};
