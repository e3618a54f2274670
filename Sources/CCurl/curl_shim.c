/* pthread_attr_setaffinity_np, sched_getcpu */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "curl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__APPLE__)
#define OSBS_LIBCURL "libcurl.4.dylib"
#else
#define OSBS_LIBCURL "libcurl.so.4"
#endif

/* The libcurl functions osbsctl calls, resolved once by load(). */
static struct {
  CURLcode (*global_init)(long flags);
  curl_version_info_data *(*version_info)(CURLversion age);
  const char *(*easy_strerror)(CURLcode code);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *easy);
  void (*easy_reset)(CURL *easy);
  CURLcode (*easy_setopt)(CURL *easy, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *easy, CURLINFO info, ...);
  CURLM *(*multi_init)(void);
  CURLMcode (*multi_cleanup)(CURLM *multi);
  CURLMcode (*multi_add_handle)(CURLM *multi, CURL *easy);
  CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *easy);
  CURLMcode (*multi_perform)(CURLM *multi, int *running);
  CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout_ms, int *ready);
  CURLMcode (*multi_wakeup)(CURLM *multi);
  CURLMsg *(*multi_info_read)(CURLM *multi, int *queued);
  CURLMcode (*multi_setopt)(CURLM *multi, CURLMoption option, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
  void (*slist_free_all)(struct curl_slist *list);
} curl;

/* Written only inside the two pthread_once calls, which order them before every later read: `mapped` and
 * the table above by load_once, `ready` by init_once (which runs load_once first), `failure` by whichever
 * of the two failed. */
static void *mapped_library;
static int mapped;
static int ready;
static char failure[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static int resolve(void *library, void **slot, const char *name) {
  *slot = dlsym(library, name);
  if (*slot) return 1;
  snprintf(failure, sizeof failure, "%s has no %s", OSBS_LIBCURL, name);
  return 0;
}

#define RESOLVE(field) resolve(library, (void **)&curl.field, "curl_" #field)

static void load(void) {
  /* RTLD_LAZY: twelve of the ~30 libraries libcurl brings (Kerberos, GMP, nghttp2, RTMP, zlib, brotli…)
   * are not linked with BIND_NOW, and RTLD_NOW would resolve every one of their functions now, ~1,800
   * symbol lookups for functions a run mostly never calls (a sixth of the mapping's instructions). Data
   * references and the BIND_NOW libraries are resolved here either way, so a library missing a function
   * shows only when that function is first called, as it would for any program linked with -lcurl. */
  void *library = dlopen(OSBS_LIBCURL, RTLD_LAZY | RTLD_LOCAL);
  if (!library) {
    const char *reason = dlerror();
    snprintf(failure, sizeof failure, "cannot load %s: %s", OSBS_LIBCURL, reason ? reason : "unknown error");
    return;
  }
  if (!(RESOLVE(global_init) && RESOLVE(version_info) && RESOLVE(easy_strerror) && RESOLVE(easy_init) &&
        RESOLVE(easy_cleanup) && RESOLVE(easy_reset) && RESOLVE(easy_setopt) && RESOLVE(easy_getinfo) &&
        RESOLVE(multi_init) && RESOLVE(multi_cleanup) && RESOLVE(multi_add_handle) &&
        RESOLVE(multi_remove_handle) && RESOLVE(multi_perform) && RESOLVE(multi_poll) &&
        RESOLVE(multi_wakeup) && RESOLVE(multi_info_read) && RESOLVE(multi_setopt) && RESOLVE(slist_append) &&
        RESOLVE(slist_free_all)))
    return;
  mapped_library = library;
  mapped = 1;
}

/* OPENSSL_INIT_NO_ATEXIT from OpenSSL's crypto.h (1.1.1 and 3.x), which the build does not need installed. */
#define OSBS_OPENSSL_INIT_NO_ATEXIT 0x00080000ULL

/* OpenSSL's first initialisation registers an atexit handler that frees its global state. A command can
 * exit while another thread still frees a connection's TLS objects (a client released as the command
 * returns, a transfer stopped by Ctrl-C); that thread then frees what the handler already freed: "double
 * free or corruption" at exit, seen once in the TLS command-line tests. The process's memory goes with it
 * anyway, so OpenSSL is initialised first without the handler. A libcurl on another TLS library has no
 * such symbol, and nothing is done. */
static void initialise_openssl_without_exit_handler(void) {
  typedef int (*init_crypto_function)(uint64_t options, const void *settings);
  init_crypto_function init_crypto = (init_crypto_function)dlsym(mapped_library, "OPENSSL_init_crypto");
  if (init_crypto) (void)init_crypto(OSBS_OPENSSL_INIT_NO_ATEXIT, NULL);
}

/* curl_global_init initialises the TLS library (OpenSSL reads its configuration: ~2.3 M instructions), which
 * only a transfer needs, so asking libcurl its version maps the library without it. */
static void initialise(void) {
  pthread_once(&load_once, load);
  if (!mapped) return;
  initialise_openssl_without_exit_handler();
  /* curl_global_init is not thread-safe; pthread_once makes this its only call. */
  CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    snprintf(failure, sizeof failure, "curl_global_init failed: %s", curl.easy_strerror(code));
    return;
  }
  ready = 1;
}

/* Mapped and its functions resolved: enough for the calls that need no global state. */
static int library(void) {
  pthread_once(&load_once, load);
  return mapped;
}

/* Mapped and initialised: what every handle and transfer needs. */
static int loaded(void) {
  pthread_once(&init_once, initialise);
  return ready;
}

const char *osbs_curl_load_failure(void) { return loaded() ? NULL : failure; }

static void *preload_thread(void *creator_cpus) {
  if (creator_cpus) {
    /* Started on the other CPUs (see osbs_curl_preload); from now on it may run where its creator may. */
    sched_setaffinity(0, sizeof(cpu_set_t), creator_cpus);
    free(creator_cpus);
  }
  pthread_once(&load_once, load);
  return NULL;
}

/* Starts the mapping thread, on `placement`'s CPUs when given; whether it started. */
static int start_preload_thread(const cpu_set_t *placement, void *creator_cpus) {
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) != 0) return 0;
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  int started = (!placement || pthread_attr_setaffinity_np(&attributes, sizeof *placement, placement) == 0) &&
                pthread_create(&thread, &attributes, preload_thread, creator_cpus) == 0;
  pthread_attr_destroy(&attributes);
  return started;
}

/* Only the mapping runs on the other thread. OpenSSL's initialisation (told to register no exit handler)
 * and curl_global_init stay with the first handle, on a thread of the command, which then orders them
 * before anything of its own exit. An exit during dlopen is safe: the loader's exit handler takes the same
 * lock dlopen holds.
 *
 * A new thread is queued on its creator's CPU, and the creator, busy with the command line, keeps that CPU:
 * the thread waited for the scheduler's next balancing, 1-4 ms here (bench/README.md, round fifteen).
 * Started on another CPU, it runs at once. Without another CPU, or refused with the placement (a CPU set
 * changed meanwhile), it is an ordinary thread; when none can be started, the first use loads libcurl as
 * it would without this call. */
void osbs_curl_preload(void) {
  cpu_set_t *creator_cpus = malloc(sizeof(cpu_set_t));
  if (creator_cpus && sched_getaffinity(0, sizeof(cpu_set_t), creator_cpus) == 0) {
    cpu_set_t others = *creator_cpus;
    int current = sched_getcpu();
    if (current >= 0) CPU_CLR(current, &others);
    if (CPU_COUNT(&others) > 0 && start_preload_thread(&others, creator_cpus)) return;
  }
  free(creator_cpus);
  (void)start_preload_thread(NULL, NULL);
}

curl_version_info_data *osbs_curl_version_info(void) {
  return library() ? curl.version_info(CURLVERSION_NOW) : NULL;
}

const char *osbs_curl_easy_strerror(CURLcode code) {
  return library() ? curl.easy_strerror(code) : failure;
}

CURL *osbs_curl_easy_init(void) { return loaded() ? curl.easy_init() : NULL; }

void osbs_curl_easy_cleanup(CURL *easy) {
  if (loaded()) curl.easy_cleanup(easy);
}

void osbs_curl_easy_reset(CURL *easy) {
  if (loaded()) curl.easy_reset(easy);
}

CURLM *osbs_curl_multi_init(void) { return loaded() ? curl.multi_init() : NULL; }

CURLMcode osbs_curl_multi_cleanup(CURLM *multi) {
  return loaded() ? curl.multi_cleanup(multi) : CURLM_INTERNAL_ERROR;
}

CURLMcode osbs_curl_multi_add_handle(CURLM *multi, CURL *easy) {
  return loaded() ? curl.multi_add_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode osbs_curl_multi_remove_handle(CURLM *multi, CURL *easy) {
  return loaded() ? curl.multi_remove_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode osbs_curl_multi_perform(CURLM *multi, int *running) {
  return loaded() ? curl.multi_perform(multi, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode osbs_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout_ms,
                               int *ready_count) {
  return loaded() ? curl.multi_poll(multi, extra, count, timeout_ms, ready_count) : CURLM_INTERNAL_ERROR;
}

CURLMcode osbs_curl_multi_wakeup(CURLM *multi) {
  return loaded() ? curl.multi_wakeup(multi) : CURLM_INTERNAL_ERROR;
}

CURLMsg *osbs_curl_multi_info_read(CURLM *multi, int *queued) {
  return loaded() ? curl.multi_info_read(multi, queued) : NULL;
}

CURLMcode osbs_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return loaded() ? curl.multi_setopt(multi, option, value) : CURLM_INTERNAL_ERROR;
}

struct curl_slist *osbs_curl_slist_append(struct curl_slist *list, const char *text) {
  return loaded() ? curl.slist_append(list, text) : NULL;
}

void osbs_curl_slist_free_all(struct curl_slist *list) {
  if (loaded()) curl.slist_free_all(list);
}

CURLcode osbs_easy_setopt_long(CURL *easy, CURLoption option, long value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_pointer(CURL *easy, CURLoption option, void *value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_slist(CURL *easy, CURLoption option, struct curl_slist *value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_write_cb(CURL *easy, CURLoption option, curl_write_callback value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_xferinfo_cb(CURL *easy, CURLoption option, curl_xferinfo_callback value) {
  return loaded() ? curl.easy_setopt(easy, option, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_setopt_blob(CURL *easy, CURLoption option, void *data, size_t length) {
  struct curl_blob blob = {data, length, CURL_BLOB_COPY};
  return loaded() ? curl.easy_setopt(easy, option, &blob) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
  return loaded() ? curl.easy_getinfo(easy, info, value) : CURLE_FAILED_INIT;
}

CURLcode osbs_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
  return loaded() ? curl.easy_getinfo(easy, info, value) : CURLE_FAILED_INIT;
}
