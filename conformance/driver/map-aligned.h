/* Mapping helpers shared by the driver's premap callback and the standalone repro programs
 * (conformance/repro inlines this file's text): LEN bytes at an ALIGN-aligned address. */
#ifndef DLSPEC_MAP_ALIGNED_H
#define DLSPEC_MAP_ALIGNED_H
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_32BIT
#define MAP_32BIT 0
#endif
#if defined(__x86_64__)
#define SHARED_32BIT MAP_32BIT /* as the branch's own tst-dlmem-shm does */
#else
#define SHARED_32BIT 0
#endif

/* LEN bytes at an ALIGN-aligned address: reserve LEN + ALIGN, then trim both ends. With FD >= 0
 * the aligned part is a MAP_SHARED mapping of the fd. */
static void *map_aligned(size_t len, size_t align, int extra, int fd) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  if (align < page) align = page;
  size_t total = len + align;
  uint8_t *raw = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
  if (raw == MAP_FAILED) return MAP_FAILED;
  uint8_t *at = (uint8_t *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
  void *m = fd >= 0 ? mmap(at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0)
                    : mmap(at, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (at > raw) munmap(raw, (size_t)(at - raw));
  if (raw + total > at + len) munmap(at + len, (size_t)(raw + total - (at + len)));
  if (m == MAP_FAILED) munmap(at, len);
  return m;
}

#endif
