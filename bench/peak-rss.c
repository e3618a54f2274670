/* peak-rss REPORT COMMAND ARG...: runs COMMAND (stdin/stdout/stderr inherited), then writes
 * "<seconds> <peak RSS KiB> <exit code> <user+system CPU seconds> <user CPU seconds>" to the file REPORT and exits 0.
 *
 * Why a C helper: the peak RSS that wait4() reports for a process includes the resident size of
 * the process that fork()ed it, as it was before exec(). Forked from Python that is ~15 MB; forked
 * from this helper it is well under 1 MB, so small peaks (osbsctl's) are measured truthfully. The
 * wall time is taken here too, around fork and wait, so it includes no Python overhead. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: peak-rss REPORT COMMAND [ARG...]\n");
    return 64;
  }
  FILE *report = fopen(argv[1], "w");
  if (!report) {
    perror(argv[1]);
    return 70;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t child = fork();
  if (child < 0) {
    perror("fork");
    return 70;
  }
  if (child == 0) {
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  if (wait4(child, &status, 0, &usage) < 0) {
    perror("wait4");
    return 70;
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  double cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
               (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  double user = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6;
  fprintf(report, "%.6f %ld %d %.6f %.6f\n", seconds, usage.ru_maxrss, code, cpu, user);
  fclose(report);
  return 0;
}
