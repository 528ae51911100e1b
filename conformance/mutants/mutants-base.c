/* mutants-base.c: departures in the base dl* functions the first set leaves alone (dlerror after success, dlsym, dladdr outside, failures of dlopen and dlmopen). */
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

const struct mutant_def MUTANTS_BASE[] = {
  {0},
};
