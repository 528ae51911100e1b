/* compat.c: the alternative the reviewers proposed instead of a loader entry point: copy the
 * buffer into a memfd and dlopen it through /proc/self/fd. Only nsid is honoured (through
 * dlmopen); soname, flags and premap cannot be, and compat_ignored() says which were given. The
 * conformance report shows which clauses this cannot meet. */
#define _GNU_SOURCE
#include "compat.h"
#include "compat-name.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes all SIZE bytes; -1 with errno on failure (EFAULT for an unreadable buffer). */
static int write_all(int fd, const unsigned char *p, size_t size) {
  while (size) {
    ssize_t n = write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) return errno = EIO, -1;
    p += n;
    size -= (size_t)n;
  }
  return 0;
}

void *compat_dlmem(const unsigned char *buffer, size_t size, int mode, struct dlmem_args *a) {
  dlspec_lmid_t nsid = a ? a->nsid : DLSPEC_LM_ID_BASE;
  if (nsid != DLSPEC_LM_ID_BASE && !g_api.dlmopen) return errno = EINVAL, NULL;
  int fd = memfd_create("dlspec-compat", 0);
  if (fd < 0) return NULL;
  if (write_all(fd, buffer, size)) {
    int saved = errno;
    close(fd);
    return errno = saved, NULL;
  }
  fd = compat_fresh_number(fd);
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  void *h = nsid == DLSPEC_LM_ID_BASE ? g_api.dlopen(path, mode) : g_api.dlmopen(nsid, path, mode);
  int saved = errno;
  close(fd);
  errno = saved;
  return h;
}

void compat_ignored(const struct dlmem_args *a, char *out, size_t cap) {
  out[0] = 0;
  if (!a) return;
  const char *names[3];
  int n = 0;
  if (a->soname) names[n++] = "soname";
  if (a->flags) names[n++] = "flags";
  if (a->premap) names[n++] = "premap";
  if (!n) return;
  snprintf(out, cap, "ignored: %s%s%s%s%s", names[0], n > 1 ? ", " : "", n > 1 ? names[1] : "",
           n > 2 ? ", " : "", n > 2 ? names[2] : "");
}
