/* The reviewers' alternative to dlmem (DLSPEC_COMPAT=memfd, conformance/driver/compat.c): copy
 * the buffer into a memfd and dlopen("/proc/self/fd/N"). Only nsid is honoured. */
static void *compat_dlmem(const unsigned char *buffer, size_t size, int mode, struct dlmem_args *a) {
  dlspec_lmid_t nsid = a ? a->nsid : 0;
  if (nsid != 0 && !p_dlmopen) return errno = EINVAL, NULL;
  int fd = memfd_create("dlspec-compat", 0);
  if (fd < 0) return NULL;
  for (const unsigned char *p = buffer; size;) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = n < 0 ? errno : EIO;
      close(fd);
      return errno = saved, NULL;
    }
    p += n;
    size -= (size_t)n;
  }
  fd = compat_fresh_number(fd);
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  void *h = nsid == 0 ? dlopen(path, mode) : p_dlmopen(nsid, path, mode);
  int saved = errno;
  close(fd);
  errno = saved;
  return h;
}
