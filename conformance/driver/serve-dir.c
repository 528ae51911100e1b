/* serve-dir.c: the fork server's side of a case's directory (DRIVER.md "Fork server"): making it
 * and writing the case file into it before the fork, sending what the case wrote to its standard
 * output and error after it has ended, and removing the directory with everything in it. All of it
 * with plain system calls and static or stack buffers: the server allocates nothing, so that every
 * child starts from the process as the loader left it. */
#define _GNU_SOURCE
#include "serve-dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "protocol.h"

/* How deep a case may nest directories in its own before the server gives up removing them. */
#define REMOVE_DEPTH 16

int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int case_dir_make(const char *dir, int made, const char *text) {
  if (!made && mkdir(dir, 0700)) return fail("cannot create the case's directory %s: %s", dir, strerror(errno));
  if (!text) return 0;
  char path[4096];
  if (snprintf(path, sizeof path, "%s/" SERVE_CASE_FILE, dir) >= (int)sizeof path) return fail("the case's directory name is too long");
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail("cannot write %s: %s", path, strerror(errno));
  int failed = write_all(fd, text, strlen(text));
  close(fd);
  return failed ? fail("cannot write %s", path) : 0;
}

/* Removes everything in the directory open as FD (closed here), DEPTH levels down at most. */
static void empty_dir(int fd, int depth) {
  char buf[4096];
  for (;;) {
    long got = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (got <= 0) break;
    for (long off = 0; off < got;) {
      struct dirent64 *d = (struct dirent64 *)(buf + off);
      off += d->d_reclen;
      if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) continue;
      if (unlinkat(fd, d->d_name, 0) == 0 || errno != EISDIR) continue;
      int sub = depth > 0 ? openat(fd, d->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
      if (sub >= 0) empty_dir(sub, depth - 1);
      unlinkat(fd, d->d_name, AT_REMOVEDIR);
    }
  }
  close(fd);
}

void case_dir_remove(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) empty_dir(fd, REMOVE_DEPTH);
  rmdir(dir);
}

/* The size of the file at PATH (relative to the directory open as DIRFD), opened into *FD; 0 with
 * *FD = -1 when it cannot be opened. */
static uint64_t open_size(int dirfd, const char *path, int *fd) {
  struct stat st;
  *fd = dirfd < 0 ? -1 : openat(dirfd, path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0 || fstat(*fd, &st)) return 0;
  return (uint64_t)st.st_size;
}

/* Sends exactly N bytes of FD from OFFSET on standard output, by sendfile (no buffer of the
 * server's: every page it writes is one more to copy after each fork); what it cannot read (the
 * file is gone or shrank) goes as spaces. */
static int send_part(int fd, uint64_t offset, uint64_t n) {
  off_t off = (off_t)offset;
  while (n && fd >= 0) {
    ssize_t got = sendfile(1, fd, &off, n < (1u << 30) ? (size_t)n : (1u << 30));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    n -= (uint64_t)got;
  }
  char spaces[512];
  if (n) memset(spaces, ' ', sizeof spaces);
  while (n) {
    size_t k = n < sizeof spaces ? (size_t)n : sizeof spaces;
    if (write_all(1, spaces, k)) return -1;
    n -= k;
  }
  return 0;
}

int send_ended(const char *head, const char *dir, const char *out, uint64_t keep_out, const char *err) {
  int ofd, efd, dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  uint64_t osize = open_size(dirfd, out, &ofd), esize = open_size(dirfd, err, &efd);
  if (dirfd >= 0) close(dirfd);
  /* The directory goes before the reply (the open files stay readable): once the runner has the
   * reply, nothing of the case is left, even if the server is ended at once. */
  case_dir_remove(dir);
  uint64_t on = osize < keep_out ? osize : keep_out, en = esize < SERVE_STDERR_KEEP ? esize : SERVE_STDERR_KEEP;
  char line[512];
  int len = snprintf(line, sizeof line, "{\"ended\":{%s,\"outSize\":%llu,\"out\":%llu,\"err\":%llu}}\n", head,
                     (unsigned long long)osize, (unsigned long long)on, (unsigned long long)en);
  int failed = len >= (int)sizeof line || write_all(1, line, (size_t)len) || send_part(ofd, 0, on) || send_part(efd, esize - en, en);
  if (ofd >= 0) close(ofd);
  if (efd >= 0) close(efd);
  return failed ? -1 : 0;
}
