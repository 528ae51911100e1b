/* main.c: the driver's entry point. Runs one case (a file, or stdin for "-"), one step per line,
 * under the resource limits its options give, or serves cases as a fork server (--serve, serve.c).
 * A case writes the hello line, then for every step a begin line and a result line; a driver-side
 * problem ends the run with an error line and exit status 2. The protocol is conformance/DRIVER.md. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "mutant.h"
#include "maps.h"
#include "report.h"
#include "serve.h"

/* '?' marks optional arguments. */
const struct op OPS[] = {
    {"mmap-file", "as path ?offset prot shared", op_mmap_file},
    {"mmap-anon", "as ?length prot shared ?below4g ?fill", op_mmap_anon},
    {"memfd", "as path prot", op_memfd},
    {"malloc", "as path ?misalign", op_malloc},
    {"copy-in", "region path ?offset", op_copy_in},
    {"mprotect", "region prot", op_mprotect},
    {"memmove", "region shift", op_memmove},
    {"munmap", "region", op_munmap},
    {"copy-object", "handle to", op_copy_object},
    {"dlopen", "?as path mode", op_dlopen},
    {"dlmopen", "?as nsid path mode", op_dlmopen},
    {"dlmem", "?as buffer ?offset size mode ?args ?soname ?nsid ?flags ?premap", op_dlmem},
    {"fdlopen", "?as path mode", op_fdlopen},
    {"dlopen-with-offset", "?as path offset length mode", op_dlopen_with_offset},
    {"dlsym", "?as handle symbol", op_dlsym},
    {"dladdr", "?as ?symbol ?region ?offset", op_dladdr},
    {"dlinfo", "?as handle request", op_dlinfo},
    {"dlrelocate", "handle ?base", op_dlrelocate},
    {"dlset-object-base", "handle base ?offset", op_dlset_object_base},
    {"dlclose", "handle", op_dlclose},
    {"dlerror", "", op_dlerror},
    {"call", "?as symbol", op_call},
    {"read-data", "?as symbol ?via", op_read_data},
    {"write-data", "symbol value", op_write_data},
    {NULL, NULL, NULL},
};

static void die(int step, const char *message) {
  report_error(step, message);
  exit(2);
}

static const struct op *find_op(const char *name) {
  for (const struct op *op = OPS; op->name; op++)
    if (strcmp(op->name, name) == 0) return op;
  return NULL;
}

/* Runs one step; returns only when it ran (a driver error exits). */
static void run_step(char *line, int n) {
  struct step st = {.n = n};
  if (step_parse(line, &st)) die(n, last_error());
  const struct op *op = find_op(st.op);
  if (!op) {
    fail("unknown operation \"%s\"", st.op);
    die(n, last_error());
  }
  if (step_check_args(&st, op->args)) die(n, last_error());
  if (strcmp(op->name, "dladdr") == 0 && !arg_str(&st, "symbol") == !arg_str(&st, "region"))
    die(n, "dladdr needs exactly one of symbol and region");
  struct result r;
  result_init(&r);
  report_begin(&st);
  if (op->run(&st, &r)) die(n, last_error());
  report_step(&st, &r);
  result_free(&r);
}

static int blank(const char *line) {
  line += strspn(line, " \t");
  return !*line || *line == '#';
}

int run_case(const char *path) {
  FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  events_init();
  apis_init();
  if (mutant_init() > 0) die(0, "the mutant library (DLSPEC_MUTANT_LIB) cannot be loaded, or refused DLSPEC_MUTANT (an unknown mutant, or one this loader cannot run)");
  objects_init(); /* after the mutant library: it is part of the harness, like the objects loaded at start-up */
  report_hello();
  if (!in) die(0, "cannot open the case file");
  char *line = NULL;
  size_t cap = 0;
  int n = 0;
  for (ssize_t len; (len = getline(&line, &cap, in)) >= 0;) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
    if (blank(line)) continue;
    run_step(line, ++n);
  }
  free(line);
  fflush(stdout);
  return 0;
}

static int usage(const char *self) {
  fprintf(stderr, "usage: %s [--as=KIB] [--cpu=SECONDS] [--fsize=KIB] CASE-FILE | -\n       %s --serve\n", self, self);
  return 2;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--serve") == 0) return serve();
  struct limits limits;
  limits_none(&limits);
  int i = 1;
  for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
    char key[16];
    const char *eq = strchr(argv[i], '=');
    if (!eq || eq - argv[i] - 2 >= (int)sizeof key) return usage(argv[0]);
    snprintf(key, sizeof key, "%.*s", (int)(eq - argv[i] - 2), argv[i] + 2);
    if (limits_set(&limits, key, eq + 1) != 1) return usage(argv[0]);
  }
  if (i != argc - 1) return usage(argv[0]);
  if (limits_apply(&limits)) die(0, last_error());
  return run_case(argv[i]);
}
