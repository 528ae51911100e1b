/* serve.h: how the driver is started (DRIVER.md "Running"): on one case, under resource limits it
 * sets itself, or as a fork server that forks a fresh child for every case it is sent. */
#ifndef DLSPEC_SERVE_H
#define DLSPEC_SERVE_H

/* Resource limits of a case's process; -1 leaves a limit as it is. RLIMIT_CORE is always 0. */
struct limits {
  long long as_kib;    /* RLIMIT_AS, KiB */
  long long cpu_s;     /* RLIMIT_CPU, seconds */
  long long fsize_kib; /* RLIMIT_FSIZE, KiB */
};

/* Sets no limit but the core size. */
void limits_none(struct limits *l);
/* Sets the limit KEY ("as", "cpu", "fsize") names to VALUE: 1 when set, 0 when KEY names no
 * limit, -1 (with fail()) on a bad value. */
int limits_set(struct limits *l, const char *key, const char *value);
/* Applies the limits with setrlimit (soft and hard alike) and forbids core files; -1 on failure. */
int limits_apply(const struct limits *l);

/* Runs the case in PATH ("-" for stdin): hello, then every step. Returns the exit status (a
 * driver error exits with status 2 before returning). */
int run_case(const char *path);

/* The fork server: reads requests on stdin and runs each case in a forked child; returns when
 * stdin ends. */
int serve(void);

#endif
