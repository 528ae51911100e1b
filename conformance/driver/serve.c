/* serve.c: the fork server (driver --serve, DRIVER.md "Fork server"). It reads one request per
 * line on stdin, makes the case's directory, forks a child for it and, once the child has ended,
 * removes the directory and sends on stdout how it ended and what it wrote. The server itself
 * never loads anything, never allocates, never touches stdio and keeps no state between cases:
 * each child starts from the process exactly as the loader left it after start-up, then, in its
 * own process group and directory, with its own environment, standard streams and limits, reads
 * its case and runs it as a freshly started driver would, or, for a request that names a program
 * (exec=), execs it: the server is then only a launcher. A child that outlives its timeout is
 * killed with its whole process group, and so is whatever an exited child left behind in its
 * group; a child whose server dies is killed too (PR_SET_PDEATHSIG). Requests queue: the runner
 * may send the next before the reply to the last, and the server takes them in order. */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "protocol.h"
#include "report.h"
#include "serve-dir.h"

#define REQUEST_MAX (1024 * 1024)
#define REQUEST_MAX_ENV 128
#define REQUEST_MAX_ARGS 64

/* One request: `run dir=D [made=1] [text=T] (case=C | exec=PROGRAM arg=A...) out=O err=E
 * timeout=MS [as=KIB] [cpu=S] [fsize=KIB] env=N=V...`. */
struct request {
  const char *dir, *text, *case_path, *exec, *out, *err;
  long long timeout_ms, made;
  struct limits limits;
  char *envp[REQUEST_MAX_ENV + 1];
  char *argv[REQUEST_MAX_ARGS + 1];
};

static char g_in[REQUEST_MAX];
static size_t g_len;
static char g_line[REQUEST_MAX];

/* The next request line into g_line: its length, -1 at the end of input, -2 when it is too long. */
static long next_line(void) {
  for (;;) {
    char *nl = memchr(g_in, '\n', g_len);
    if (nl) {
      size_t n = (size_t)(nl - g_in);
      memcpy(g_line, g_in, n);
      g_line[n] = 0;
      g_len -= n + 1;
      memmove(g_in, nl + 1, g_len);
      return (long)n;
    }
    if (g_len == sizeof g_in) return -2;
    ssize_t got = read(0, g_in + g_len, sizeof g_in - g_len);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return -1;
    g_len += (size_t)got;
  }
}

static int request_parse(char *line, struct request *rq) {
  char *save = NULL;
  int nenv = 0, nargs = 0;
  memset(rq, 0, sizeof *rq);
  limits_none(&rq->limits);
  rq->timeout_ms = -1;
  const char *verb = strtok_r(line, " \t", &save);
  if (!verb || strcmp(verb, "run") != 0) return fail("a request starts with \"run\"");
  for (char *tok; (tok = strtok_r(NULL, " \t", &save));) {
    char *eq = strchr(tok, '=');
    if (!eq) return fail("argument \"%s\" is not key=value", tok);
    *eq = 0;
    char *v = eq + 1;
    if (percent_decode(v)) return -1;
    int limit = limits_set(&rq->limits, tok, v);
    if (limit < 0) return -1;
    if (limit) continue;
    if (strcmp(tok, "dir") == 0) rq->dir = v;
    else if (strcmp(tok, "text") == 0) rq->text = v;
    else if (strcmp(tok, "made") == 0) {
      if (parse_int(v, &rq->made) || (rq->made != 0 && rq->made != 1)) return fail("bad made \"%s\"", v);
    }
    else if (strcmp(tok, "case") == 0) rq->case_path = v;
    else if (strcmp(tok, "exec") == 0) rq->exec = v;
    else if (strcmp(tok, "arg") == 0) {
      if (nargs == REQUEST_MAX_ARGS) return fail("too many arg= arguments");
      rq->argv[nargs++] = v;
    }
    else if (strcmp(tok, "out") == 0) rq->out = v;
    else if (strcmp(tok, "err") == 0) rq->err = v;
    else if (strcmp(tok, "timeout") == 0) {
      if (parse_int(v, &rq->timeout_ms) || rq->timeout_ms <= 0) return fail("bad timeout \"%s\"", v);
    } else if (strcmp(tok, "env") == 0) {
      if (nenv == REQUEST_MAX_ENV) return fail("too many env= arguments");
      if (!strchr(v, '=')) return fail("env=\"%s\" is not NAME=VALUE", v);
      rq->envp[nenv++] = v;
    } else return fail("a request takes no argument \"%s\"", tok);
  }
  if (!rq->dir || !rq->case_path == !rq->exec || !rq->out || !rq->err || rq->timeout_ms < 0)
    return fail("a request needs dir, case or exec (not both), out, err and timeout");
  if (rq->exec && !nargs) rq->argv[0] = (char *)rq->exec;
  return 0;
}

/* Writes one reply line (TEXT plus a newline) with a single write; the server ends with its reader. */
static void reply(const char *text) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "%s\n", text);
  if (n >= (int)sizeof buf) n = (int)sizeof buf - 1, buf[n - 1] = '\n';
  if (write_all(1, buf, (size_t)n)) _exit(2);
}

/* {"error":"MESSAGE"}, the message's quotes, backslashes and control characters dropped. */
static void reply_error(const char *message) {
  char text[700];
  int n = snprintf(text, sizeof text, "{\"error\":\"");
  for (const char *m = message; *m && n < (int)sizeof text - 3; m++)
    if (*m != '"' && *m != '\\' && (unsigned char)*m >= 0x20) text[n++] = *m;
  snprintf(text + n, sizeof text - (size_t)n, "\"}");
  reply(text);
}

/* In the child of SERVER: the case's own process group, streams, directory, limits and
 * environment, then the case. Never returns. */
static void child(const struct request *rq, const sigset_t *mask, pid_t server) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != server) _exit(127); /* the server is already gone */
  sigprocmask(SIG_SETMASK, mask, NULL);
  int in = open("/dev/null", O_RDONLY), dir = open(rq->dir, O_RDONLY | O_DIRECTORY);
  int out = dir < 0 ? -1 : openat(dir, rq->out, O_WRONLY | O_CREAT | O_TRUNC, 0644); /* relative to the case's directory */
  int err = dir < 0 ? -1 : openat(dir, rq->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
#ifdef SYS_close_range
  syscall(SYS_close_range, 3, ~0U, 0); /* the server holds nothing else; a fresh exec would not either */
#else
  close(in), close(out), close(err), close(dir);
#endif
  if (chdir(rq->dir)) report_error(0, "cannot enter the case's directory"), _exit(2);
  if (limits_apply(&rq->limits)) report_error(0, last_error()), _exit(2);
  if (rq->exec) {
    execve(rq->exec, (char **)rq->argv, (char **)rq->envp);
    dprintf(2, "cannot exec %s: %s\n", rq->exec, strerror(errno));
    _exit(127);
  }
  environ = (char **)rq->envp;
  exit(run_case(rq->case_path));
}

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits for the child PID until its timeout, kills its process group (all of it was the case's),
 * reaps it, reports how it ended with what it wrote, and removes its directory. */
static void wait_case(pid_t pid, const struct request *rq, const sigset_t *chld) {
  long long timeout_ms = rq->timeout_ms;
  long long start = now_ms(), left;
  int timed_out = 0;
  for (;;) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    /* WNOWAIT leaves the child a zombie: its pid, hence its group's id, cannot be reused yet. */
    if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid) break;
    if ((left = start + timeout_ms - now_ms()) <= 0) {
      timed_out = 1;
      break;
    }
    struct timespec ts = {left / 1000, (left % 1000) * 1000000};
    sigtimedwait(chld, NULL, &ts);
  }
  kill(-pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  char head[200];
  snprintf(head, sizeof head, "\"pid\":%d,\"timeout\":%s,\"code\":%d,\"signal\":%d,\"ms\":%lld",
           (int)pid, timed_out ? "true" : "false", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
           WIFSIGNALED(status) ? WTERMSIG(status) : 0, now_ms() - start);
  uint64_t keep = rq->limits.fsize_kib < 0 ? UINT64_MAX : (uint64_t)rq->limits.fsize_kib * 1024;
  if (send_ended(head, rq->dir, rq->out, keep, rq->err)) _exit(2); /* the server ends with its reader */
}

int serve(void) {
  sigset_t chld, old;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigaddset(&chld, SIGPIPE); /* a reader that is gone fails a write, it does not kill the server */
  sigprocmask(SIG_BLOCK, &chld, &old);
  sigdelset(&chld, SIGPIPE);
  char text[200];
  snprintf(text, sizeof text, "{\"ready\":{\"protocol\":%d,\"pid\":%d}}", DRIVER_PROTOCOL_VERSION, (int)getpid());
  reply(text);
  for (;;) {
    long n = next_line();
    if (n < 0) return n == -1 ? 0 : (reply_error("request too long"), 2);
    struct request rq;
    if (request_parse(g_line, &rq)) {
      reply_error(last_error());
      continue;
    }
    if (case_dir_make(rq.dir, (int)rq.made, rq.text)) {
      reply_error(last_error());
      continue;
    }
    pid_t server = getpid(), pid = fork();
    if (pid == 0) {
      setpgid(0, 0);
      child(&rq, &old, server);
    }
    if (pid < 0) return reply_error("fork failed"), 2;
    setpgid(pid, pid); /* as the child does: whichever runs first, the group exists before a kill */
    wait_case(pid, &rq, &chld);
  }
}
