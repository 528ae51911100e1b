/* serve.c: the fork server (driver --serve, DRIVER.md "Fork server"). It reads one request per
 * line on stdin, hands it to a child forked ahead of it (the spare, waiting on a pipe of its own,
 * so that the fork is off the case's path) and reports on stdout how the child ended and which
 * child takes the next request. The server itself never loads anything, never allocates, never touches stdio and keeps
 * no state between cases: each child starts from the process exactly as the loader left it after
 * start-up, then, in its own process group and temporary directory, with its own environment,
 * standard streams and limits, reads its case and runs it as a freshly started driver would, or,
 * for a request that names a program (exec=), execs it: the server is then only a launcher. A
 * child that outlives its timeout is killed with its whole process group, and so is whatever an
 * exited child left behind in its group. */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "protocol.h"
#include "report.h"

#define REQUEST_MAX 65536
#define REQUEST_MAX_ENV 128
#define REQUEST_MAX_ARGS 64

/* One request: `run dir=D (case=C | exec=PROGRAM arg=A...) out=O err=E timeout=MS [as=KIB]
 * [cpu=S] [fsize=KIB] env=N=V...`. */
struct request {
  const char *dir, *case_path, *exec, *out, *err;
  long long timeout_ms;
  struct limits limits;
  char *envp[REQUEST_MAX_ENV + 1];
  char *argv[REQUEST_MAX_ARGS + 1];
};

static char g_in[REQUEST_MAX];
static size_t g_len;
static char g_line[REQUEST_MAX], g_raw[REQUEST_MAX];

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

/* Writes all N bytes; -1 when it cannot. */
static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
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

/* In the child: the case's own process group, streams, directory, limits and environment, then
 * the case. Never returns. */
static void child(const struct request *rq, const sigset_t *mask) {
  sigprocmask(SIG_SETMASK, mask, NULL);
  int in = open("/dev/null", O_RDONLY);
  int out = open(rq->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(rq->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
#ifdef SYS_close_range
  syscall(SYS_close_range, 3, ~0U, 0); /* the server holds nothing else; a fresh exec would not either */
#else
  close(in), close(out), close(err);
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
 * reaps it and reports how it ended, and NEXT, the spare that takes the next request. */
static void wait_case(pid_t pid, long long timeout_ms, const sigset_t *chld, pid_t next) {
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
  char text[200];
  snprintf(text, sizeof text, "{\"ended\":{\"pid\":%d,\"timeout\":%s,\"code\":%d,\"signal\":%d,\"ms\":%lld,\"next\":%d}}",
           (int)pid, timed_out ? "true" : "false", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
           WIFSIGNALED(status) ? WTERMSIG(status) : 0, now_ms() - start, (int)next);
  reply(text);
}

/* A child forked ahead of its request, waiting for it on its own pipe (the server holds FD). */
struct spare {
  pid_t pid;
  int fd;
};

/* In a spare: reads its request line (nothing else comes down the pipe) and runs it; ends quietly
 * when the pipe closes without one. Never returns. */
static void spare_wait(int fd, const sigset_t *mask) {
  size_t len = 0;
  while (len == 0 || g_line[len - 1] != '\n') {
    ssize_t got = read(fd, g_line + len, sizeof g_line - 1 - len);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0 || len + (size_t)got >= sizeof g_line - 1) _exit(0);
    len += (size_t)got;
  }
  g_line[len - 1] = 0;
  close(fd);
  struct request rq;
  if (request_parse(g_line, &rq)) _exit(2); /* the server parsed the same line before handing it over */
  child(&rq, mask);
}

/* Forks the next spare; -1 when it cannot. */
static int spare_fork(struct spare *s, const sigset_t *mask) {
  int p[2];
  if (pipe(p)) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    close(p[1]);
    spare_wait(p[0], mask);
  }
  close(p[0]);
  if (pid < 0) return close(p[1]), -1;
  setpgid(pid, pid); /* as the spare does: whichever runs first, the group exists before a kill */
  s->pid = pid;
  s->fd = p[1];
  return 0;
}

/* Hands the request in g_raw (LEN bytes) to the spare; a spare that is gone is replaced once. */
static int spare_give(struct spare *s, size_t len, const sigset_t *mask) {
  g_raw[len] = '\n';
  for (int attempt = 0; attempt < 2; attempt++) {
    int failed = write_all(s->fd, g_raw, len + 1);
    close(s->fd);
    if (!failed) return 0;
    kill(-s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    if (spare_fork(s, mask)) return -1;
  }
  return -1;
}

int serve(void) {
  sigset_t chld, old;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigaddset(&chld, SIGPIPE); /* a spare that is gone fails a write, it does not kill the server */
  sigprocmask(SIG_BLOCK, &chld, &old);
  sigdelset(&chld, SIGPIPE);
  struct spare s;
  if (spare_fork(&s, &old)) return reply_error("fork failed"), 2;
  char text[200];
  snprintf(text, sizeof text, "{\"ready\":{\"protocol\":%d,\"pid\":%d,\"next\":%d}}", DRIVER_PROTOCOL_VERSION, (int)getpid(), (int)s.pid);
  reply(text);
  for (;;) {
    long n = next_line();
    if (n < 0) {
      close(s.fd); /* the spare ends */
      waitpid(s.pid, NULL, 0);
      return n == -1 ? 0 : (reply_error("request too long"), 2);
    }
    memcpy(g_raw, g_line, (size_t)n);
    struct request rq;
    if (request_parse(g_line, &rq)) {
      reply_error(last_error());
      continue;
    }
    pid_t pid = s.pid;
    if (spare_give(&s, (size_t)n, &old) || spare_fork(&s, &old)) return reply_error("fork failed"), 2;
    wait_case(pid, rq.timeout_ms, &chld, s.pid);
  }
}
