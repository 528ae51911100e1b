/* mutants-fdlopen.c: departures in the thread's fdlopen and dlopen_with_offset, caller code on top of dlmem. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mutants.h"

/* ---- fdlopen (fdlopen.def.*): the thread's code with one step done wrong ---- */

enum fd_departure { FD_AT_PAGE, FD_KEEPS_MAPPING, FD_CLOSES, FD_PROC_PATH };
static void *fdlopen_wrong(int fd, int mode) {
  if (mutant_param == FD_PROC_PATH) { /* opens the file by its /proc/self/fd name instead of through dlmem */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return real.dlopen(path, mode);
  }
  off_t at = mutant_param == FD_AT_PAGE ? (off_t)sysconf(_SC_PAGESIZE) : 0;
  off_t end = lseek(fd, 0, SEEK_END);
  lseek(fd, 0, SEEK_SET);
  if (end <= at) return NULL;
  size_t len = (size_t)(end - at);
  void *addr = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, at);
  if (addr == MAP_FAILED) return NULL;
  void *h = real.dlmem(addr, len, mode, NULL);
  int saved = errno;
  if (mutant_param != FD_KEEPS_MAPPING) munmap(addr, len);
  if (mutant_param == FD_CLOSES) close(fd);
  errno = saved;
  return h;
}

/* ---- dlopen_with_offset (dlopen-offset.def.*): the thread's code with one step done wrong ---- */

enum off_departure { OFF_ALIGNED_TMPFILE, OFF_UNALIGNED_PAGE, OFF_CHECKS_CONTAINER, OFF_REST_UNSUBTRACTED };
static void *dlopen_with_offset_wrong(const char *file, long offset, size_t length, int mode) {
  long page = sysconf(_SC_PAGESIZE), pad = offset & (page - 1);
  struct stat sb;
  int fd = open(file, O_RDONLY);
  if (fd < 0) return NULL;
  if (fstat(fd, &sb) || offset < 0) return close(fd), NULL;
  if (mutant_param == OFF_CHECKS_CONTAINER) { /* requires the container itself to start with an ELF header */
    char magic[4];
    if (pread(fd, magic, 4, 0) != 4 || memcmp(magic, "\177ELF", 4) != 0) return close(fd), real.dlmem((const unsigned char *)"", 0, mode, NULL);
  }
  /* The three-argument form (length reaching the end of the file) taken as the whole file's size. */
  if (mutant_param == OFF_REST_UNSUBTRACTED && (off_t)offset + (off_t)length == sb.st_size) length = (size_t)sb.st_size;
  if ((size_t)offset + length > (size_t)sb.st_size) return close(fd), NULL;
  off_t from = offset - pad;
  if (mutant_param == OFF_ALIGNED_TMPFILE && pad == 0) { /* extracts the image into a file of its own */
    int tmp = open("/tmp", O_TMPFILE | O_RDWR, 0600);
    char chunk[4096];
    ssize_t got = 1;
    for (size_t done = 0; tmp >= 0 && done < length && got > 0; done += (size_t)got) {
      got = pread(fd, chunk, length - done < sizeof chunk ? length - done : sizeof chunk, offset + (off_t)done);
      if (got > 0 && write(tmp, chunk, (size_t)got) != got) got = -1;
    }
    close(fd);
    if (tmp < 0 || got < 0) return tmp >= 0 ? close(tmp), NULL : NULL;
    fd = tmp, from = 0;
  }
  size_t map_length = length + (size_t)pad;
  unsigned char *addr = mmap(NULL, map_length, PROT_READ, MAP_PRIVATE, fd, from);
  close(fd);
  if (addr == MAP_FAILED) return NULL;
  if (pad) {
    unsigned char *copy = mmap(NULL, map_length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (copy == MAP_FAILED) return munmap(addr, map_length), NULL;
    /* The in-page offset dropped: the copy starts at the page the image starts in. */
    memcpy(copy, mutant_param == OFF_UNALIGNED_PAGE ? addr : addr + pad, length);
    munmap(addr, map_length);
    addr = copy;
  }
  void *h = real.dlmem(addr, length, mode, NULL);
  int saved = errno;
  munmap(addr, map_length);
  errno = saved;
  return h;
}

const struct mutant_def MUTANTS_FDLOPEN[] = {
  MUTANT_P("fdlopen-maps-from-page-1", NEEDS_DLMEM, WRAPS(fdlopen), fdlopen_wrong, FD_AT_PAGE),
  MUTANT_P("fdlopen-keeps-mapping", NEEDS_DLMEM, WRAPS(fdlopen), fdlopen_wrong, FD_KEEPS_MAPPING),
  MUTANT_P("fdlopen-closes-fd", NEEDS_DLMEM, WRAPS(fdlopen), fdlopen_wrong, FD_CLOSES),
  MUTANT_P("fdlopen-proc-path", NEEDS_DLMEM, WRAPS(fdlopen), fdlopen_wrong, FD_PROC_PATH),
  MUTANT_P("offset-aligned-tmpfile", NEEDS_DLMEM, WRAPS(dlopen_with_offset), dlopen_with_offset_wrong, OFF_ALIGNED_TMPFILE),
  MUTANT_P("offset-unaligned-page", NEEDS_DLMEM, WRAPS(dlopen_with_offset), dlopen_with_offset_wrong, OFF_UNALIGNED_PAGE),
  MUTANT_P("offset-checks-container", NEEDS_DLMEM, WRAPS(dlopen_with_offset), dlopen_with_offset_wrong, OFF_CHECKS_CONTAINER),
  MUTANT_P("offset-rest-unsubtracted", NEEDS_DLMEM, WRAPS(dlopen_with_offset), dlopen_with_offset_wrong, OFF_REST_UNSUBTRACTED),
  {0},
};
