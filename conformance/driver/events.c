/* events.c: the buffer behind dlspec_event(). Fixtures in the base namespace find dlspec_event as
 * a weak undefined symbol; fixtures in another namespace cannot see the driver's symbols, so they
 * read its address from the DLSPEC_EVENT environment variable instead. The function copies its
 * arguments (the fixture may be unmapped before the step line is written) and calls nothing. */
#define _GNU_SOURCE
#include "events.h"
#include "mutant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVENTS 256

static char g_kind[MAX_EVENTS][16];
static char g_lib[MAX_EVENTS][64];
static int g_nevents, g_dropped;

static void copy(char *dst, size_t cap, const char *src) {
  size_t i = 0;
  for (; src && src[i] && i + 1 < cap; i++) dst[i] = src[i];
  dst[i] = 0;
}

void dlspec_event(const char *kind, const char *lib) {
  if (g_nevents == MAX_EVENTS) {
    g_dropped++;
    return;
  }
  copy(g_kind[g_nevents], sizeof g_kind[0], kind);
  copy(g_lib[g_nevents], sizeof g_lib[0], lib);
  g_nevents++;
}

void events_init(void) {
  char addr[32];
  snprintf(addr, sizeof addr, "%p", (void *)&dlspec_event);
  setenv("DLSPEC_EVENT", addr, 1);
}

void events_json(struct jbuf *b) {
  if (g_events_filter) {
    /* A mutant may drop, repeat or reorder the step's events (mutant.h). */
    struct dlspec_event_list list = {g_nevents, MAX_EVENTS, g_kind, g_lib};
    g_events_filter(&list);
    g_nevents = list.n < 0 ? 0 : list.n > MAX_EVENTS ? MAX_EVENTS : list.n;
  }
  jb_raw(b, "[");
  for (int i = 0; i < g_nevents; i++) {
    jb_elem(b);
    jb_raw(b, "{\"kind\":");
    jb_str(b, g_kind[i]);
    jb_raw(b, ",\"lib\":");
    jb_str(b, g_lib[i]);
    jb_raw(b, "}");
  }
  if (g_dropped) {
    jb_elem(b);
    jb_printf(b, "{\"kind\":\"dropped\",\"lib\":\"%d\"}", g_dropped);
  }
  jb_raw(b, "]");
  g_nevents = g_dropped = 0;
}
