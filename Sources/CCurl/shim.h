#ifndef OSBS_CCURL_SHIM_H
#define OSBS_CCURL_SHIM_H
#include <curl/curl.h>

/* libcurl's setopt/getinfo are C variadics, which Swift cannot call: one typed wrapper per argument kind. */
static inline CURLcode osbs_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_write_cb(CURL *h, CURLoption o, curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_xferinfo_cb(CURL *h, CURLoption o, curl_xferinfo_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_read_cb(CURL *h, CURLoption o, curl_read_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode osbs_easy_setopt_blob(CURL *h, CURLoption o, void *data, size_t len) {
  struct curl_blob blob = { data, len, CURL_BLOB_COPY };
  return curl_easy_setopt(h, o, &blob);
}
static inline CURLcode osbs_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode osbs_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode osbs_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode osbs_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

/* Macros that do not import into Swift. */
static const unsigned long OSBS_CURLAUTH_NONE = CURLAUTH_NONE;
static const unsigned long OSBS_CURLAUTH_BASIC = CURLAUTH_BASIC;
static const unsigned long OSBS_CURLAUTH_NEGOTIATE = CURLAUTH_NEGOTIATE;
static const unsigned long OSBS_CURLAUTH_BEARER = CURLAUTH_BEARER;
static const long OSBS_CURL_GLOBAL_DEFAULT = CURL_GLOBAL_DEFAULT;
static const CURLversion OSBS_CURLVERSION_NOW = CURLVERSION_NOW;
static const size_t OSBS_CURL_WRITEFUNC_PAUSE = CURL_WRITEFUNC_PAUSE;
static const int OSBS_CURLPAUSE_CONT = CURLPAUSE_CONT;
/* TLS 1.2 exactly: for servers that ask for a client certificate after a TLS 1.3 handshake. */
static const long OSBS_CURL_SSLVERSION_TLS12_ONLY = CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2;

#endif
