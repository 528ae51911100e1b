/* limits.c: the resource limits of a case's process, set by the driver itself with setrlimit
 * (from its options when the runner starts it, from the request in a fork-server child), so that
 * no shell stands between the runner and the driver. */
#define _GNU_SOURCE
#include "serve.h"

#include <string.h>
#include <sys/resource.h>

#include "protocol.h"

void limits_none(struct limits *l) { l->as_kib = l->cpu_s = l->fsize_kib = -1; }

int limits_set(struct limits *l, const char *key, const char *value) {
  long long *slot = strcmp(key, "as") == 0      ? &l->as_kib
                    : strcmp(key, "cpu") == 0   ? &l->cpu_s
                    : strcmp(key, "fsize") == 0 ? &l->fsize_kib
                                                : NULL;
  if (!slot) return 0;
  if (parse_int(value, slot) || *slot < 0) return fail("bad limit %s=%s", key, value);
  return 1;
}

static int set_one(int resource, long long value, long long unit) {
  if (value < 0) return 0;
  struct rlimit r = {(rlim_t)value * (rlim_t)unit, (rlim_t)value * (rlim_t)unit};
  return setrlimit(resource, &r);
}

int limits_apply(const struct limits *l) {
  struct rlimit none = {0, 0};
  if (setrlimit(RLIMIT_CORE, &none)) return fail("cannot forbid core files");
  if (set_one(RLIMIT_AS, l->as_kib, 1024) || set_one(RLIMIT_CPU, l->cpu_s, 1) ||
      set_one(RLIMIT_FSIZE, l->fsize_kib, 1024))
    return fail("cannot set the resource limits");
  return 0;
}
