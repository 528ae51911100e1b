/* compat.h: the reviewers' alternative to dlmem (DLSPEC_COMPAT=memfd). */
#ifndef DLSPEC_COMPAT_H
#define DLSPEC_COMPAT_H

#include <stddef.h>

#include "proposals.h"

/* dlmem built from memfd_create + dlopen("/proc/self/fd/N"). */
void *compat_dlmem(const unsigned char *buffer, size_t size, int mode, struct dlmem_args *dlm_args);
/* Describes the dlmem_args fields compat_dlmem ignores ("" when none), e.g. "ignored: soname". */
void compat_ignored(const struct dlmem_args *a, char *out, size_t cap);

#endif
