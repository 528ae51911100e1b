/* mutants-args.c: departures in dlmem's arguments, names, dependencies, failure and close. */
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

const struct mutant_def MUTANTS_ARGS[] = {
  {0},
};
