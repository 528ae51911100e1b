/* mutants.h: what the mutant library's files share. mutants.c installs the mutant DLSPEC_MUTANT
 * names; each mutants-*.c file holds the departures of one part of the API and ends with its table
 * of mutants (struct mutant_def), listed in MUTANT_TABLES below. */
#ifndef DLSPEC_MUTANTS_H
#define DLSPEC_MUTANTS_H

#include <stddef.h>
#include <stdint.h>

#include "mutant.h"

extern struct apis real; /* the table as the driver filled it */
extern struct apis *api; /* the driver's table, which the wrappers replace entries of */
void dlspec_event(const char *kind, const char *lib); /* the driver's (exported with -rdynamic) */

/* What a mutant needs of its base loader (installation fails with 2 when the base lacks it). */
enum { NEEDS_NONE = 0, NEEDS_DLMEM = 1, NEEDS_NORELOC = 2, NEEDS_DLMOPEN = 4 };

/* The slot of the table a mutant replaces: WRAPS(dlopen), or the step's event filter. */
#define WRAPS(field) offsetof(struct apis, field)
#define EVENTS ((size_t)-1)

/* One mutant: its id (catalogue.ts), what it needs, the slot it replaces with fn, and a parameter
 * its departure reads from mutant_param (several mutants share one wrapper). */
struct mutant_def {
  const char *id;
  int needs;
  size_t slot;
  void (*fn)(void);
  long param;
};
#define MUTANT(id, needs, slot, fn) {id, needs, slot, (void (*)(void))(fn), 0}
#define MUTANT_P(id, needs, slot, fn, param) {id, needs, slot, (void (*)(void))(fn), param}
extern long mutant_param; /* the installed mutant's parameter */

/* Every table, each ended by an entry whose id is NULL. */
#define MUTANT_TABLES(X) X(MUTANTS_LIBC) X(MUTANTS_BASE) X(MUTANTS_DLMEM) X(MUTANTS_ARGS) \
  X(MUTANTS_PLACE) X(MUTANTS_ELF) X(MUTANTS_FDLOPEN) X(MUTANTS_NORELOC) X(MUTANTS_DEFER)
#define DECLARE_TABLE(t) extern const struct mutant_def t[];
MUTANT_TABLES(DECLARE_TABLE)

/* Helpers (mutants.c). */
uintptr_t page_of(const void *p);
int prot_of(const void *p);
const char *fixture_name(const char *path, char *out, size_t cap);
int already_loaded(const char *file); /* RTLD_NOLOAD finds it (mutants-libc.c) */
int is_relocated(void *handle);      /* RTLD_DI_MAPINFO says relocated (mutants-noreloc.c) */

#endif
