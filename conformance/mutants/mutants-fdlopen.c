/* mutants-fdlopen.c: departures in the thread's fdlopen and dlopen_with_offset, caller code on top of dlmem. */
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

const struct mutant_def MUTANTS_FDLOPEN[] = {
  {0},
};
