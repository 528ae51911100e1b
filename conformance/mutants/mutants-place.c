/* mutants-place.c: departures in where and how dlmem places the object, what it does with the source, premap and the ELF checks. */
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

const struct mutant_def MUTANTS_PLACE[] = {
  {0},
};
