/* report.h: the output lines: hello, begin, a step's result, a driver error. */
#ifndef DLSPEC_REPORT_H
#define DLSPEC_REPORT_H

#include "ops.h"

void report_hello(void);
void report_begin(const struct step *st);
/* Writes the step's line (ret, errno, dlerror, events, premap, regions, objects, value, ...). */
void report_step(const struct step *st, struct result *r);
/* Writes {"step":N,"error":"..."}; the caller then exits with status 2. */
void report_error(int step, const char *message);

void result_init(struct result *r);
void result_free(struct result *r);

#endif
