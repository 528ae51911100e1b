#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The helpers below serve every case; this one uses some of them. */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"

/* The proposals' declarations come from conformance/driver/proposals.h, inlined before this;
 * main() finds the functions with dlsym(RTLD_DEFAULT, ...). */
#ifndef RTLD_DEEPBIND
#define RTLD_DEEPBIND 0x00008
#endif
#ifndef RTLD_NORELOCATE
#define RTLD_NORELOCATE DLSPEC_RTLD_NORELOCATE
#endif
static void *(*p_dlmem)(const unsigned char *buffer, size_t size, int mode, struct dlmem_args *dlm_args);
static int (*p_dlrelocate)(void *handle);
static int (*p_dlset_object_base)(void *handle, void *base);
static void *(*p_dlmopen)(dlspec_lmid_t nsid, const char *file, int mode);

/* What the current step observed (the driver's step line, as C values). */
enum { RET_NONE, RET_PTR, RET_NULL, RET_INT };
static struct {
  int ret, has_int, failed, has_errno, err, has_mapinfo, has_dladdr, has_linkmap, has_lmid, has_deplist, has_fdlopen;
  void *ptr;
  long long ival; /* the int returned, or the int `call` / `read-data` produced (has_int) */
  char *msg;      /* dlerror()'s text after a failed call (or a dlerror step), or NULL */
  char fault[96]; /* why the program did not touch an address */
  Dl_mapinfo mi;
  Dl_info dli;                /* dladdr's answer (has_dladdr) */
  uintptr_t lm_addr, lm_ld;   /* RTLD_DI_LINKMAP's l_addr and l_ld (has_linkmap) */
  const char *lm_name;        /* and its l_name */
  long lmid;                  /* RTLD_DI_LMID's namespace id (has_lmid) */
  Dl_deplist dl;              /* RTLD_DI_DEPLIST's list (has_deplist) */
  int fd_kept, file_mapped;   /* what fdlopen left (has_fdlopen): fd open, a whole-file mapping */
} o;

/* Whether RTLD_DI_DEPLIST listed `handle`. */
static int deps_has(void *handle) {
  for (unsigned i = 0; i < o.dl.ndeps; i++)
    if (o.dl.deps[i] == handle) return 1;
  return 0;
}

/* Whether RTLD_DI_DEPLIST listed an object whose l_name ends in `file`. */
static int deps_named(const char *file) {
  for (unsigned i = 0; i < o.dl.ndeps; i++) {
    struct link_map *lm = NULL;
    if (dlinfo(o.dl.deps[i], RTLD_DI_LINKMAP, &lm) || !lm || !lm->l_name) continue;
    const char *base = strrchr(lm->l_name, '/');
    if (strcmp(base ? base + 1 : lm->l_name, file) == 0) return 1;
  }
  return 0;
}

/* Whether RTLD_DI_DEPLIST listed at least `n` handles, none twice. */
static int deps_are(unsigned n) {
  if (o.dl.ndeps < n) return 0;
  for (unsigned i = 0; i < o.dl.ndeps; i++)
    for (unsigned j = i + 1; j < o.dl.ndeps; j++)
      if (o.dl.deps[i] == o.dl.deps[j]) return 0;
  return 1;
}
static int cur_step;

/* A problem of the program's own, not the loader's doing: exit status 2. */
static void setup_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "repro: step %d: set-up failed: ", cur_step);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

/* Constructor and destructor events. The fixtures call dlspec_event through DLSPEC_EVENT (this
 * program is not linked with -rdynamic, so their weak reference to it stays unresolved). */
#define MAX_EVENTS 256
static struct {
  char kind[16];
  char lib[64];
} g_events[MAX_EVENTS];
static int g_nevents;

static void copy_text(char *dst, size_t cap, const char *src) {
  size_t i = 0;
  for (; src && src[i] && i + 1 < cap; i++) dst[i] = src[i];
  dst[i] = 0;
}

void dlspec_event(const char *kind, const char *lib) {
  if (g_nevents == MAX_EVENTS) return;
  copy_text(g_events[g_nevents].kind, sizeof g_events[0].kind, kind);
  copy_text(g_events[g_nevents].lib, sizeof g_events[0].lib, lib);
  g_nevents++;
}

/* "ctor chain-c, ctor chain-b": the events of the current step. */
static void events_text(char *out, size_t cap) {
  size_t n = 0;
  out[0] = 0;
  for (int i = 0; i < g_nevents && n < cap; i++)
    n += (size_t)snprintf(out + n, cap - n, "%s%s %s", i ? ", " : "", g_events[i].kind, g_events[i].lib);
}

/* The premap calls of the current step (filled by the premap callback, when there is one). */
#define MAX_PREMAP 8
__attribute__((unused)) static struct premap_call g_premap[MAX_PREMAP]; /* premap-core.h, inlined before this */
static int g_npremap;

static void init(void) {
  char addr[32];
  snprintf(addr, sizeof addr, "%p", (void *)&dlspec_event);
  setenv("DLSPEC_EVENT", addr, 1);
  p_dlmem = (void *(*)(const unsigned char *, size_t, int, struct dlmem_args *))dlsym(RTLD_DEFAULT, "dlmem");
  p_dlrelocate = (int (*)(void *))dlsym(RTLD_DEFAULT, "dlrelocate");
  p_dlset_object_base = (int (*)(void *, void *))dlsym(RTLD_DEFAULT, "dlset_object_base");
  p_dlmopen = (void *(*)(dlspec_lmid_t, const char *, int))dlsym(RTLD_DEFAULT, "dlmopen");
  dlerror(); /* a failed lookup leaves a message: clear it before the first step */
}

/* Announces step N (so that a crash is attributed to it) and forgets the last step's record. */
static void begin(int n, const char *call) {
  cur_step = n;
  fprintf(stderr, "repro: step %d: %s\n", n, call);
  fflush(stderr);
  free(o.msg);
  memset(&o, 0, sizeof o);
  g_nevents = g_npremap = 0;
  errno = 0;
}

/* The loader call just failed: dlerror() right away, then errno (as the driver reads them). */
static void loader_failed(void) {
  const char *m = dlerror();
  o.err = errno;
  o.has_errno = o.failed = 1;
  free(o.msg);
  o.msg = m ? strdup(m) : NULL;
}

static void *ptr_result(void *p) {
  o.ret = p ? RET_PTR : RET_NULL;
  o.ptr = p;
  if (!p) loader_failed();
  return p;
}

/* An int result: a failure when it is not 0 (when it is 0 for NONZERO_OK, as dladdr's). */
static int int_result(int rc, int nonzero_ok) {
  o.ret = RET_INT;
  o.ival = rc;
  if (nonzero_ok ? rc == 0 : rc != 0) loader_failed();
  return rc;
}

/* Stops with status 2 when the step did not do what it did in the recorded run: past that point
 * this program no longer replays the run that diverged. */
static void as_recorded(int ret, int has_int, long long ival, const char *recorded) {
  int same = o.ret == ret && o.has_int == has_int && (!(ret == RET_INT || has_int) || o.ival == ival);
  if (same) return;
  fprintf(stderr, "repro: step %d: the recorded run observed %s, this run differs (ret %d, %s): "
          "the program does not replay the recorded run\n", cur_step, recorded, o.ret,
          o.msg ? o.msg : "no dlerror");
  exit(2);
}
