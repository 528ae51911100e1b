/* protocol.h: the driver protocol's input side (one step per line, key=value arguments with
 * %-decoding, integer and symbolic values) and output side (a JSON line builder). */
#ifndef DLSPEC_PROTOCOL_H
#define DLSPEC_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#define DRIVER_PROTOCOL_VERSION 4

#define STEP_MAX_ARGS 16

/* One key=value argument; both point into the step's own line buffer. */
struct arg {
  char *key;
  char *val;
};

/* One parsed input line. */
struct step {
  int n;          /* 1-based step number */
  const char *op; /* operation name */
  int nargs;
  struct arg args[STEP_MAX_ARGS];
};

/* A symbolic constant a value may name, e.g. {"RTLD_NOW", 2}. */
struct sym {
  const char *name;
  long long value;
};

/* The driver-side error of the current step; every failing helper sets it and returns -1. */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *last_error(void);

/* Decodes %XX sequences in place; -1 on a bad one. */
int percent_decode(char *s);
/* Splits LINE (modified in place) into an operation and arguments. -1 on a malformed line. */
int step_parse(char *line, struct step *st);
/* Checks the argument names against SPEC ("as path ?offset": '?' marks optional ones). */
int step_check_args(const struct step *st, const char *spec);

/* The raw (decoded) value of KEY, or NULL when absent. */
const char *arg_str(const struct step *st, const char *key);
/* A decimal or 0x-hexadecimal integer, possibly negative. */
int parse_int(const char *text, long long *out);
/* An integer, or SYMS names joined by '|' (each part a name or an integer), OR-ed together. */
int parse_bits(const char *text, const struct sym *syms, long long *out);
/* KEY as parse_bits; DEF when absent and not REQUIRED. */
int arg_bits(const struct step *st, const char *key, const struct sym *syms, long long def,
             int required, long long *out);
/* KEY as an integer; DEF when absent and not REQUIRED. */
int arg_int(const struct step *st, const char *key, long long def, int required,
            long long *out);
/* KEY as a protection: "rwx" letters with '-' for absent ones, or an integer. */
int arg_prot(const struct step *st, const char *key, int *out);
/* The dlopen mode symbols (RTLD_*). */
extern const struct sym MODE_SYMS[];

/* A growable JSON line. */
struct jbuf {
  char *data;
  size_t len, cap;
};
void jb_init(struct jbuf *b);
void jb_free(struct jbuf *b);
void jb_raw(struct jbuf *b, const char *text);
void jb_printf(struct jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string (escaped), or null when S is NULL. */
void jb_str(struct jbuf *b, const char *s);
/* An address as a "0x..." string. */
void jb_hex(struct jbuf *b, uintptr_t v);
/* `"key":`, preceded by a comma unless it opens an object. */
void jb_key(struct jbuf *b, const char *key);
/* A comma unless the array was just opened. */
void jb_elem(struct jbuf *b);
/* Writes the line and a newline to stdout and flushes. */
void jb_emit(struct jbuf *b);

#endif
