/* premap.h: the premap callback's behaviours and the record of its calls during a step. */
#ifndef DLSPEC_PREMAP_H
#define DLSPEC_PREMAP_H

#include "proposals.h"
#include "protocol.h"

/* Sets A's premap and cookie for the behaviour named NAME; -1 with an error for an unknown name. */
int premap_setup(struct dlmem_args *a, const char *name);
/* Forgets the calls recorded so far (call before the dlmem that may call premap). */
void premap_reset(void);
/* Binds a region slot "AS.premap" (or "premap.STEP") to each mapping premap returned. */
int premap_bind_regions(const char *as, int step);
/* Appends the "premap" array: one entry per call since premap_reset. */
void premap_json(struct jbuf *b);

#endif
