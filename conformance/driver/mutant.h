/* mutant.h: the hook a mutant library uses. A mutant loader is a loader under test with one small,
 * documented departure from one clause (conformance/mutants/catalogue.ts). When DLSPEC_MUTANT_LIB
 * names its library, the driver loads it at start-up, after apis_init (dlopen, so that only the
 * driver, not a shell in between, loads it), and calls its dlspec_mutant_install; the library may
 * replace any function of the table and filter the constructor and destructor events of each
 * step. Without DLSPEC_MUTANT_LIB nothing changes. */
#ifndef DLSPEC_MUTANT_H
#define DLSPEC_MUTANT_H

#include "proposals.h"

/* The events of one step, in order (events.c): kinds "ctor"/"dtor", libs the fixture names. */
struct dlspec_event_list {
  int n;
  int cap;
  char (*kind)[16];
  char (*lib)[64];
};
typedef void (*dlspec_events_filter)(struct dlspec_event_list *events);

/* What the driver hands the mutant library. */
struct dlspec_mutant_env {
  int version;                  /* DLSPEC_MUTANT_VERSION */
  struct apis *api;             /* the table every dl* call goes through */
  dlspec_events_filter *events; /* set it to filter the events of every step */
};
#define DLSPEC_MUTANT_VERSION 1
typedef int (*dlspec_mutant_install_fn)(struct dlspec_mutant_env *env);

/* Loads DLSPEC_MUTANT_LIB and calls its dlspec_mutant_install: its return (0 = installed), -1
 * when no library is named, 3 when it cannot be loaded (apis.c). */
int mutant_init(void);
/* The filter a mutant installed, or NULL (events.c applies it). */
extern dlspec_events_filter g_events_filter;

#endif
