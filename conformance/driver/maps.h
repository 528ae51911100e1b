/* maps.h: what the process's address space looks like: /proc/self/maps, the state of every region
 * slot, and the loaded objects (dl_iterate_phdr) with the mappings that back them. */
#ifndef DLSPEC_MAPS_H
#define DLSPEC_MAPS_H

#include <stddef.h>
#include <stdint.h>

#include "maps-line.h"
#include "protocol.h"
#include "slots.h"

/* Reads /proc/self/maps afresh (or, while a step line is written, once for the whole line); the
 * entries stay valid until the next call. */
int maps_read(const struct map_entry **out, size_t *n);
/* While ON, maps_read answers from one reading: nothing but the driver's own writing of a step
 * line happens meanwhile, and every part of the line then describes the same address space. */
void maps_hold(int on);
/* Whether every byte of [addr, addr + len) is mapped with each permission in NEED ("r", "rw", "x"). */
int maps_access(uintptr_t addr, size_t len, const char *need);
/* Appends the /proc/self/maps lines overlapping [start, end) as a JSON array. */
void maps_json_range(struct jbuf *b, uintptr_t start, uintptr_t end);

/* Records the region's bytes as the driver's own, when they are readable. */
void region_note_bytes(struct region *r);
/* Appends the "regions" object: protection, mapped, unchanged for every region slot. */
void regions_json(struct jbuf *b);

/* Remembers the objects present at start-up (the driver, the vDSO, the system libraries). */
void objects_init(void);
/* Appends the "objects" array: every object loaded since, with its extent and mappings. */
void objects_json(struct jbuf *b);
/* Appends the "gone" array: the objects the previous objects_json() reported and the last one did
 * not, with the mappings left over their old extent. */
void objects_gone_json(struct jbuf *b);

#endif
