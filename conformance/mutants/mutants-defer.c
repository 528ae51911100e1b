/* mutants-defer.c: departures in RTLD_NORELOCATE's deferral, its triggers, dlrelocate's returns, dlset_object_base and reopening. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mutants.h"

const struct mutant_def MUTANTS_DEFER[] = {
  {0},
};
