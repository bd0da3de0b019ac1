#ifndef DROPGATE_CLIBCURL_SHIM_H
#define DROPGATE_CLIBCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic and cannot be called from Swift: one typed wrapper per
// argument kind, for the Notify target.

static inline CURLcode dropgate_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode dropgate_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode dropgate_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode dropgate_curl_set_list(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}

typedef size_t (*dropgate_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode dropgate_curl_set_callback(CURL *curl, CURLoption option, dropgate_curl_data_callback value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode dropgate_curl_response_code(CURL *curl, long *code) {
    return curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
}

#endif
