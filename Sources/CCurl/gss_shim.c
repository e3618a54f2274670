#include "curl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * The GSS-API's C bindings (RFC 2744, and MIT's gssapi_ext.h for the credential store), declared here
 * because the build does not need krb5's development headers: only the types and constants these calls
 * use, with the layouts the ABI fixes.
 */
typedef uint32_t OM_uint32;
typedef struct {
  OM_uint32 length;
  void *elements;
} gss_oid_desc;
typedef struct {
  size_t count;
  gss_oid_desc *elements;
} gss_oid_set_desc;
typedef struct {
  size_t length;
  void *value;
} gss_buffer;
typedef struct {
  const char *key;
  const char *value;
} gss_store_element;
typedef struct {
  OM_uint32 count;
  gss_store_element *elements;
} gss_store;
typedef void *gss_name;
typedef void *gss_credential;

#define GSS_INDEFINITE 0xffffffffU
#define GSS_INITIATE 1
#define GSS_GSS_CODE 1
#define GSS_MECH_CODE 2
/* A calling or routine error; the low 16 bits are supplementary information, not failures. */
#define GSS_FAILED(major) (((major) & 0xffff0000U) != 0)

/* 1.2.840.113554.1.2.2, the Kerberos 5 mechanism, and 1.2.840.113554.1.2.2.1, its principal name type. */
static gss_oid_desc krb5_mechanism = {9, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02"};
static gss_oid_desc krb5_principal_name = {10, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02\x01"};

static struct {
  OM_uint32 (*import_name)(OM_uint32 *, gss_buffer *, gss_oid_desc *, gss_name *);
  OM_uint32 (*release_name)(OM_uint32 *, gss_name *);
  OM_uint32 (*acquire_cred_from)(OM_uint32 *, gss_name, OM_uint32, gss_oid_set_desc *, int, const gss_store *,
                                 gss_credential *, void *, OM_uint32 *);
  OM_uint32 (*store_cred_into)(OM_uint32 *, gss_credential, int, gss_oid_desc *, OM_uint32, OM_uint32,
                               const gss_store *, void *, void *);
  OM_uint32 (*release_cred)(OM_uint32 *, gss_credential *);
  OM_uint32 (*display_status)(OM_uint32 *, OM_uint32, int, gss_oid_desc *, OM_uint32 *, gss_buffer *);
  OM_uint32 (*release_buffer)(OM_uint32 *, gss_buffer *);
  OM_uint32 (*krb5_ccache_name)(OM_uint32 *, const char *, const char **);
} gss;

/* Written once inside gss_once, which orders it before every later read. */
static char gss_failure[512];
static int gss_ready;
static pthread_once_t gss_once = PTHREAD_ONCE_INIT;

#define GSS_LIBRARY "libgssapi_krb5.so.2"

static int resolve(void *library, void **slot, const char *name) {
  *slot = dlsym(library, name);
  if (*slot) return 1;
  snprintf(gss_failure, sizeof gss_failure, "%s has no %s", GSS_LIBRARY, name);
  return 0;
}

#define RESOLVE(field) resolve(library, (void **)&gss.field, "gss_" #field)

static void load_gss(void) {
  /* Only the copy libcurl itself loaded will do: a cache named through another GSS-API library (a libcurl
   * built with Heimdal's) would be one libcurl never looks at, and the login would quietly use the default
   * ticket instead. So the library must already be in the process once libcurl is. */
  const char *curl_failure = osbs_curl_load_failure();
  if (curl_failure) {
    snprintf(gss_failure, sizeof gss_failure, "%s", curl_failure);
    return;
  }
  void *library = dlopen(GSS_LIBRARY, RTLD_LAZY | RTLD_NOLOAD);
  if (!library) {
    snprintf(gss_failure, sizeof gss_failure,
             "this libcurl does not use MIT Kerberos (%s), so it cannot log in as a chosen principal or from a "
             "keytab; run kinit and leave principal and keytab unset",
             GSS_LIBRARY);
    return;
  }
  gss_ready = RESOLVE(import_name) && RESOLVE(release_name) && RESOLVE(acquire_cred_from) &&
              RESOLVE(store_cred_into) && RESOLVE(release_cred) && RESOLVE(display_status) &&
              RESOLVE(release_buffer) && RESOLVE(krb5_ccache_name);
}

static int gss_loaded(char *message, size_t size) {
  pthread_once(&gss_once, load_gss);
  if (!gss_ready) snprintf(message, size, "%s", gss_failure);
  return gss_ready;
}

/* Appends the GSS-API's text for `status` (every message it has for it) to `message`. */
static void append_status(char *message, size_t size, OM_uint32 status, int type) {
  OM_uint32 context = 0;
  do {
    OM_uint32 minor = 0;
    gss_buffer text = {0, NULL};
    if (GSS_FAILED(gss.display_status(&minor, status, type, &krb5_mechanism, &context, &text))) return;
    size_t used = strlen(message);
    if (text.length > 0 && used + 1 < size) {
      snprintf(message + used, size - used, "%s%.*s", used > 0 ? ": " : "", (int)text.length, (char *)text.value);
    }
    gss.release_buffer(&minor, &text);
  } while (context != 0);
}

/* The explanation of a failed call: the general (major) status, then the mechanism's (minor) one, which
 * names what was missing ("Keytab contains no suitable keys for ...", "Can't find client principal ..."). */
static void explain(char *message, size_t size, OM_uint32 major, OM_uint32 minor) {
  message[0] = 0;
  append_status(message, size, major, GSS_GSS_CODE);
  if (minor != 0) append_status(message, size, minor, GSS_MECH_CODE);
  if (message[0] == 0) snprintf(message, size, "GSS-API failure (major %u, minor %u)", major, minor);
}

int osbs_gss_fill_cache(const char *principal, const char *keytab, const char *cache, char *message,
                        size_t size) {
  if (size > 0) message[0] = 0;
  if (!gss_loaded(message, size)) return 0;
  OM_uint32 minor = 0, major = 0;
  gss_name name = NULL;
  if (principal) {
    gss_buffer text = {strlen(principal), (void *)principal};
    major = gss.import_name(&minor, &text, &krb5_principal_name, &name);
    if (GSS_FAILED(major)) {
      explain(message, size, major, minor);
      return 0;
    }
  }
  gss_oid_set_desc mechanisms = {1, &krb5_mechanism};
  gss_store_element from_keytab[] = {{"client_keytab", keytab}, {"ccache", cache}};
  gss_store acquire_store = {keytab ? 2 : 0, keytab ? from_keytab : NULL};
  gss_credential credential = NULL;
  /* With a client keytab and an empty cache, MIT gets initial tickets into that cache right here. */
  major = gss.acquire_cred_from(&minor, name, GSS_INDEFINITE, &mechanisms, GSS_INITIATE,
                                keytab ? &acquire_store : NULL, &credential, NULL, NULL);
  if (!GSS_FAILED(major) && !keytab) {
    /* The principal's tickets were found in the caller's collection: copy them into `cache`. */
    gss_store_element into_cache[] = {{"ccache", cache}};
    gss_store store = {1, into_cache};
    major = gss.store_cred_into(&minor, credential, GSS_INITIATE, &krb5_mechanism, 1, 0, &store, NULL, NULL);
  }
  if (GSS_FAILED(major)) explain(message, size, major, minor);
  OM_uint32 ignored = 0;
  if (credential) gss.release_cred(&ignored, &credential);
  if (name) gss.release_name(&ignored, &name);
  return !GSS_FAILED(major);
}

int osbs_gss_use_cache_on_this_thread(const char *cache, char *message, size_t size) {
  if (size > 0) message[0] = 0;
  if (!gss_loaded(message, size)) return 0;
  OM_uint32 minor = 0;
  OM_uint32 major = gss.krb5_ccache_name(&minor, cache, NULL);
  if (GSS_FAILED(major)) {
    explain(message, size, major, minor);
    return 0;
  }
  return 1;
}
