/* events.h: constructor and destructor events fixtures report during a step. */
#ifndef DLSPEC_EVENTS_H
#define DLSPEC_EVENTS_H

#include "protocol.h"

/* Exported (the driver links with -rdynamic): fixtures call it from constructors/destructors. */
void dlspec_event(const char *kind, const char *lib);
/* Publishes dlspec_event's address in DLSPEC_EVENT for fixtures in other namespaces. */
void events_init(void);
/* Appends the events since the last call as a JSON array, and forgets them. */
void events_json(struct jbuf *b);

#endif
