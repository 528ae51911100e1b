/* mutants-elf.c: departures in the ELF checks of dlmem (images it must refuse, load or survive). */
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

const struct mutant_def MUTANTS_ELF[] = {
  {0},
};
