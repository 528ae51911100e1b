/* mutants.h: what the mutant library's files share (mutants.c installs; mutants-libc.c,
 * mutants-dlmem.c and mutants-noreloc.c hold the departures, by what they wrap). */
#ifndef DLSPEC_MUTANTS_H
#define DLSPEC_MUTANTS_H

#include <stddef.h>
#include <stdint.h>

#include "mutant.h"

extern struct apis real; /* the table as the driver filled it */
extern struct apis *api; /* the driver's table, which the wrappers replace entries of */
void dlspec_event(const char *kind, const char *lib); /* the driver's (exported with -rdynamic) */

/* Helpers (mutants.c). */
uintptr_t page_of(const void *p);
int prot_of(const void *p);
const char *fixture_name(const char *path, char *out, size_t cap);

/* The C library's dl* functions and the constructor events (mutants-libc.c). */
void *dlopen_noload_loads(const char *file, int mode);
void drop_ctors(struct dlspec_event_list *e);
void reverse_ctors(struct dlspec_event_list *e);
int already_loaded(const char *file);
void *reopen_runs_ctor(const char *file, int mode);
void *reopen_drops_count(const char *file, int mode);
int close_keeps(void *handle);
int dladdr_moves_base(const void *addr, void *out);
int dlinfo_moves_l_addr(void *handle, int request, void *arg);
char *dlerror_stale(void);
void *dlsym_finds_missing(void *handle, const char *name);
int dlinfo_any_request(void *handle, int request, void *arg);
int dlclose_returns_one(void *handle);
void *dlmopen_newlm_is_base(dlspec_lmid_t nsid, const char *file, int mode);

/* dlmem and premap (mutants-dlmem.c): premap_kind says how dlmem_premap_wrong calls premap. */
enum premap_departure { PM_TWICE, PM_NO_COOKIE, PM_ROUND };
extern enum premap_departure premap_kind;
void *dlmem_silent(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_writes_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_reprotects_source(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_any_soname(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_drops_global(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_newlm_is_base(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_copies(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_ignores_dontreplace(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *premap_wrong(void *pref, size_t len, size_t align, void *cookie);
void *dlmem_premap_wrong(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);
void *dlmem_premap_skipped(const unsigned char *buf, size_t size, int mode, struct dlmem_args *a);

/* RTLD_NORELOCATE (mutants-noreloc.c). */
int mapinfo_wrong_extent(void *h, int rq, void *arg);
int mapinfo_wrong_relocated(void *h, int rq, void *arg);
void *dlopen_relocates_anyway(const char *file, int mode);
int mapinfo_lies(void *handle, int request, void *arg, int extent);
int mapinfo_wrong_align(void *handle, int request, void *arg);
int deplist_drops_one(void *handle, int request, void *arg);
int setbase_ignored(void *handle, void *base);
int is_relocated(void *handle);
int setbase_accepts_relocated(void *handle, void *base);
int dlrelocate_again_succeeds(void *handle);

#endif
