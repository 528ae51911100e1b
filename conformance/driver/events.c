/* events.c: the buffer behind dlspec_event(). Fixtures in the base namespace find dlspec_event as
 * a weak undefined symbol; fixtures in another namespace cannot see the driver's symbols, so they
 * read its address from the DLSPEC_EVENT environment variable instead. The function copies its
 * arguments (the fixture may be unmapped before the step line is written) and calls nothing. */
#define _GNU_SOURCE
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVENTS 256

static struct {
  char kind[16];
  char lib[64];
} g_events[MAX_EVENTS];
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
  copy(g_events[g_nevents].kind, sizeof g_events[0].kind, kind);
  copy(g_events[g_nevents].lib, sizeof g_events[0].lib, lib);
  g_nevents++;
}

void events_init(void) {
  char addr[32];
  snprintf(addr, sizeof addr, "%p", (void *)&dlspec_event);
  setenv("DLSPEC_EVENT", addr, 1);
}

void events_json(struct jbuf *b) {
  jb_raw(b, "[");
  for (int i = 0; i < g_nevents; i++) {
    jb_elem(b);
    jb_raw(b, "{\"kind\":");
    jb_str(b, g_events[i].kind);
    jb_raw(b, ",\"lib\":");
    jb_str(b, g_events[i].lib);
    jb_raw(b, "}");
  }
  if (g_dropped) {
    jb_elem(b);
    jb_printf(b, "{\"kind\":\"dropped\",\"lib\":\"%d\"}", g_dropped);
  }
  jb_raw(b, "]");
  g_nevents = g_dropped = 0;
}
