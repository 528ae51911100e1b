/* slots.h: named slots. A step's `as=` binds a name; later steps refer to it. */
#ifndef DLSPEC_SLOTS_H
#define DLSPEC_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "proposals.h"
#include "protocol.h"

enum slot_kind { SLOT_REGION = 1, SLOT_HANDLE, SLOT_SYMBOL, SLOT_LMID, SLOT_MAPINFO, SLOT_VALUE };

enum region_kind { REGION_MMAP, REGION_MALLOC, REGION_PREMAP };

/* Memory the driver (or a premap callback) set up. */
struct region {
  unsigned char *addr; /* first byte the region's users see */
  size_t len;
  void *map_base; /* what munmap takes (page-aligned), or malloc's pointer */
  size_t map_len;
  enum region_kind kind;
  int fd;       /* memfd behind it, or -1 */
  int has_hash; /* whether `hash` holds the bytes the driver last put there */
  int released; /* the driver unmapped it: reported unmapped, whatever reuses its addresses */
  uint64_t hash;
};

struct slot {
  char name[64];
  enum slot_kind kind;
  union {
    struct region region;
    void *ptr; /* handle or symbol address */
    dlspec_lmid_t lmid;
    Dl_mapinfo mapinfo;
  } u;
};

/* Binds NAME to a fresh slot of KIND (replacing an earlier one); NULL with an error when full. */
struct slot *slot_bind(const char *name, enum slot_kind kind);
/* The slot named NAME, or NULL. */
struct slot *slot_find(const char *name);
/* The number of slots and the I-th one, in binding order. */
int slot_count(void);
struct slot *slot_at(int i);

/* The slot named by argument KEY, which must be of KIND; -1 with an error otherwise. */
int arg_slot(const struct step *st, const char *key, enum slot_kind kind, struct slot **out);
/* A handle argument: a handle slot, or `default` (RTLD_DEFAULT). */
int arg_handle(const struct step *st, const char *key, void **out);
/* An optional `as` binding of a pointer; no-op when the step has no `as`. */
int bind_ptr(const struct step *st, enum slot_kind kind, void *p);

/* FNV-1a over the region's bytes; records it as what the driver put there. */
void region_rehash(struct region *r);
uint64_t bytes_hash(const unsigned char *p, size_t n);

#endif
