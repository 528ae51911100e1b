/* thread-code.h: the thread's fdlopen and four-argument dlopen_with_offset, caller code on top
 * of dlmem (thread:L2995-3016, thread:L3043-3086), shared by the driver (ops-proposals.c) and the
 * standalone repro programs (conformance/repro inlines this file's text). */
#ifndef DLSPEC_THREAD_CODE_H
#define DLSPEC_THREAD_CODE_H
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proposals.h"

/* The thread's fdlopen: map the whole file, dlmem it with NULL args, unmap. */
__attribute__((unused)) static void *thread_fdlopen(dlmem_fn dlmem, int fd, int mode) {
  off_t len = lseek(fd, 0, SEEK_END);
  lseek(fd, 0, SEEK_SET);
  void *addr = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (addr == MAP_FAILED) return NULL;
  void *h = dlmem(addr, (size_t)len, mode, NULL);
  int saved = errno;
  munmap(addr, (size_t)len);
  errno = saved;
  return h;
}

/* The thread's four-argument dlopen_with_offset, plus a check that the image lies inside the file. */
__attribute__((unused)) static void *thread_dlopen_with_offset(dlmem_fn dlmem, const char *file, off_t offset, size_t length, int mode) {
  off_t pad = offset & (off_t)(sysconf(_SC_PAGESIZE) - 1);
  size_t map_length = length + (size_t)pad;
  struct stat sb;
  int fd = open(file, O_RDONLY);
  if (fd < 0) return NULL;
  if (fstat(fd, &sb) || offset < 0 || (size_t)offset + length > (size_t)sb.st_size) return close(fd), NULL;
  unsigned char *addr = mmap(NULL, map_length, PROT_READ, MAP_PRIVATE, fd, offset - pad);
  close(fd);
  if (addr == MAP_FAILED) return NULL;
  if (pad) { /* an unaligned image is copied into shared anonymous memory */
    unsigned char *copy = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (copy == MAP_FAILED) return munmap(addr, map_length), NULL;
    memcpy(copy, addr + pad, length);
    munmap(addr, map_length);
    addr = copy;
    map_length = length;
  }
  void *h = dlmem(addr, length, mode, NULL);
  int saved = errno;
  munmap(addr, map_length);
  errno = saved;
  return h;
}

#endif
