/* ops.h: the operations a step can name, and the result a step fills in for its output line. */
#ifndef DLSPEC_OPS_H
#define DLSPEC_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "protocol.h"
#include "slots.h"

enum ret_kind { RET_NONE, RET_PTR, RET_NULL, RET_INT };

/* What one step reports beyond the state every line carries (events, premap, regions, objects). */
struct result {
  enum ret_kind ret_kind;
  uintptr_t ret_ptr;
  long long ret_int;
  int has_dlerror; /* a dlerror() text (possibly null) belongs in the line */
  int has_errno;   /* the loader call failed: errno was read right after dlerror() */
  int err;
  char *dlerror; /* malloc'ed copy, or NULL */
  struct jbuf value;
  const char *unsupported;
  char compat[96];
  char fault[96];
};

typedef int (*op_fn)(const struct step *st, struct result *r);

/* A step's operation: its name, its argument spec (see step_check_args) and its code. */
struct op {
  const char *name;
  const char *args;
  op_fn run;
};
/* The table of every operation (main.c), ended by a NULL name. */
extern const struct op OPS[];

/* Sets the return value. */
void ret_ptr(struct result *r, const void *p);
void ret_int(struct result *r, long long v);
/* The loader call just failed: calls dlerror() and reads errno right after it. */
void loader_failed(struct result *r);

/* Reads a whole file into a malloc'ed buffer; -1 with an error (missing file, ...). */
int load_file(const char *path, unsigned char **data, size_t *len);
/* A namespace argument: base, newlm, slot:NAME or an integer. */
int arg_nsid(const struct step *st, const char *key, dlspec_lmid_t *out);
/* The address a `symbol` argument's slot holds. */
int arg_symbol(const struct step *st, const char *key, void **out);
/* Whether the loader has the RTLD_NORELOCATE additions (MAPINFO and DEPLIST come with them). */
int have_noreloc(void);

#define OP(name) int name(const struct step *st, struct result *r)
/* ops-memory.c */
OP(op_mmap_file); OP(op_mmap_anon); OP(op_memfd); OP(op_malloc); OP(op_copy_in);
OP(op_mprotect); OP(op_memmove); OP(op_munmap);
/* ops-data.c */
OP(op_call); OP(op_read_data); OP(op_write_data);
/* ops-loader.c */
OP(op_dlopen); OP(op_dlmopen); OP(op_dlsym); OP(op_dladdr); OP(op_dlinfo); OP(op_dlclose);
OP(op_dlerror);
/* ops-proposals.c */
OP(op_dlmem); OP(op_fdlopen); OP(op_dlopen_with_offset); OP(op_dlrelocate);
OP(op_dlset_object_base); OP(op_copy_object);
int dlinfo_mapinfo(const struct step *st, struct result *r, void *h);
int dlinfo_deplist(const struct step *st, struct result *r, void *h);
#undef OP

#endif
