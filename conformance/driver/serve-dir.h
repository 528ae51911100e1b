/* serve-dir.h: the fork server's side of a case's directory (serve-dir.c). */
#ifndef DLSPEC_SERVE_DIR_H
#define DLSPEC_SERVE_DIR_H

#include <stddef.h>
#include <stdint.h>

/* The case file the server writes from a request's text=, in the case's directory. */
#define SERVE_CASE_FILE "case.txt"
/* How much of a case's standard error the server sends back (its end). */
#define SERVE_STDERR_KEEP (64 * 1024)

/* Writes all N bytes of P to FD; -1 when it cannot. */
int write_all(int fd, const char *p, size_t n);
/* Makes the case's directory DIR (unless MADE: the runner made it) and, when TEXT is given, writes
 * it to DIR/case.txt; -1 (with fail()) when it cannot. */
int case_dir_make(const char *dir, int made, const char *text);
/* Removes DIR and everything in it, as far as it can. */
void case_dir_remove(const char *dir);
/* Sends the reply to a case that has ended: {"ended":{HEAD,"outSize":S,"out":N,"err":M}} and a
 * newline, then the first N bytes of the file OUT (S bytes long, N = min(S, KEEP_OUT)), then the
 * last M bytes of the file ERR (at most SERVE_STDERR_KEEP), OUT and ERR relative to DIR; DIR is
 * removed with everything in it before anything is sent. -1 when standard output fails. */
int send_ended(const char *head, const char *dir, const char *out, uint64_t keep_out, const char *err);

#endif
