#ifndef OSBS_CURL_SHIM_H
#define OSBS_CURL_SHIM_H
/*
 * libcurl without linking it. curl.h is included for its types and constants only: Swift calls the
 * osbs_curl_* functions below, which reach libcurl through a table of function pointers that
 * curl_shim.c fills with dlopen/dlsym the first time any of them runs. A command that never transfers
 * (version --client, --help, config view, ovs check --from) so never maps libcurl and the ~35
 * libraries it needs (TLS, Kerberos, LDAP, SSH, ...), whose relocation alone costs more than the
 * rest of such a command's start-up.
 *
 * Every function loads on demand; when libcurl cannot be loaded the calls fail the way libcurl's
 * own do on an allocation failure (NULL, CURLE_FAILED_INIT, CURLM_INTERNAL_ERROR), and
 * osbs_curl_load_failure says why.
 */
#include <curl/curl.h>

/* Loads and initialises libcurl (curl_global_init) once; NULL when it is ready, otherwise why not. */
const char *osbs_curl_load_failure(void);

/* Starts mapping libcurl on a new detached thread and returns at once: a command that will transfer calls
 * it before parsing its command line, so the loader's work (most of libcurl's cost) runs on another core
 * meanwhile. The first call that needs libcurl waits for that load to finish, and does it if none ran. */
void osbs_curl_preload(void);

/* These two only load libcurl: neither needs curl_global_init, which the first handle runs. */
curl_version_info_data *osbs_curl_version_info(void);
const char *osbs_curl_easy_strerror(CURLcode code);

CURL *osbs_curl_easy_init(void);
void osbs_curl_easy_cleanup(CURL *easy);
void osbs_curl_easy_reset(CURL *easy);

CURLM *osbs_curl_multi_init(void);
CURLMcode osbs_curl_multi_cleanup(CURLM *multi);
CURLMcode osbs_curl_multi_add_handle(CURLM *multi, CURL *easy);
CURLMcode osbs_curl_multi_remove_handle(CURLM *multi, CURL *easy);
CURLMcode osbs_curl_multi_perform(CURLM *multi, int *running);
CURLMcode osbs_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout_ms,
                               int *ready);
CURLMcode osbs_curl_multi_wakeup(CURLM *multi);
CURLMsg *osbs_curl_multi_info_read(CURLM *multi, int *queued);
CURLMcode osbs_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

struct curl_slist *osbs_curl_slist_append(struct curl_slist *list, const char *text);
void osbs_curl_slist_free_all(struct curl_slist *list);

/* libcurl's setopt/getinfo are C variadics, which Swift cannot call: one typed wrapper per argument kind. */
CURLcode osbs_easy_setopt_long(CURL *easy, CURLoption option, long value);
CURLcode osbs_easy_setopt_string(CURL *easy, CURLoption option, const char *value);
CURLcode osbs_easy_setopt_pointer(CURL *easy, CURLoption option, void *value);
CURLcode osbs_easy_setopt_slist(CURL *easy, CURLoption option, struct curl_slist *value);
CURLcode osbs_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value);
CURLcode osbs_easy_setopt_write_cb(CURL *easy, CURLoption option, curl_write_callback value);
CURLcode osbs_easy_setopt_xferinfo_cb(CURL *easy, CURLoption option, curl_xferinfo_callback value);
/* CURL_BLOB_COPY: libcurl keeps its own copy, so `data` need not outlive the call. */
CURLcode osbs_easy_setopt_blob(CURL *easy, CURLoption option, void *data, size_t length);
CURLcode osbs_easy_getinfo_long(CURL *easy, CURLINFO info, long *value);
CURLcode osbs_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value);

/*
 * Kerberos credentials for libcurl's SPNEGO, through the GSS-API library libcurl itself maps
 * (libgssapi_krb5.so.2, MIT). libcurl always asks the GSS-API for the default credential of the thread
 * that runs the transfer; these two let that default be a credential cache osbsctl filled itself, so a
 * keytab or a chosen principal works without touching the user's own cache (gss_shim.c).
 *
 * Both return 1, or 0 with the GSS-API's own explanation in `message` (`size` bytes, always terminated).
 */

/* Fills the credential cache `cache` (normally a fresh "MEMORY:..." name) for `principal` (NULL: the
 * keytab's first principal): with initial tickets from the KDC when `keytab` is given, otherwise with
 * that principal's tickets copied from the caller's cache collection. */
int osbs_gss_fill_cache(const char *principal, const char *keytab, const char *cache, char *message,
                        size_t size);

/* Makes `cache` the default credential cache of the calling thread's GSS-API calls (MIT keeps the name
 * per thread), so the transfers this thread runs use its tickets. */
int osbs_gss_use_cache_on_this_thread(const char *cache, char *message, size_t size);

/* Macros that do not import into Swift. */
static const unsigned long OSBS_CURLAUTH_BASIC = CURLAUTH_BASIC;
static const unsigned long OSBS_CURLAUTH_NEGOTIATE = CURLAUTH_NEGOTIATE;
/* TLS 1.2 exactly: for servers that ask for a client certificate after a TLS 1.3 handshake. */
static const long OSBS_CURL_SSLVERSION_TLS12_ONLY = CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2;

#endif
