/*
 * INCRBYFLOAT and HINCRBYFLOAT arithmetic in C `long double`, the way Redis
 * does it: on x86_64 that is the 80-bit x87 type, which Rust lacks, and the
 * reply text comes from glibc's "%.17Lf". Reproducing both here is the only
 * way to return byte-identical results (0.1 + 0.2 must print "0.3").
 *
 * Also hosts a strict strtod for the inputs that the Rust fast path in
 * num.rs leaves to libc (hex floats, "inf", "nan", garbage).
 */
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Redis's MAX_LONG_DOUBLE_CHARS: longer inputs are rejected outright. */
#define SHOAL_LD_MAX_CHARS (5 * 1024)

/* Status codes; longdouble.rs mirrors them. */
#define SHOAL_LD_CUR_INVALID (-1)
#define SHOAL_LD_INCR_INVALID (-2)
#define SHOAL_LD_NAN_OR_INF (-3)
#define SHOAL_LD_INCR_NAN_OR_INF (-4)
#define SHOAL_LD_NO_ROOM (-5)

/* Redis string2ld: the whole buffer must be one number, with no leading
 * space, no overflow or underflow to zero, and not NaN. "inf" is accepted. */
static int parse_ld(const char *s, size_t len, long double *out) {
    char buf[SHOAL_LD_MAX_CHARS];
    char *end;
    long double v;

    if (len == 0 || len >= sizeof(buf)) return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (isspace((unsigned char)buf[0])) return 0;

    errno = 0;
    v = strtold(buf, &end);
    if (*end != '\0' || (size_t)(end - buf) != len) return 0;
    if (errno == ERANGE &&
        (v == HUGE_VALL || v == -HUGE_VALL || fpclassify(v) == FP_ZERO))
        return 0;
    if (errno == EINVAL || isnan(v)) return 0;
    *out = v;
    return 1;
}

/* Redis ld2string(..., LD_STR_HUMAN): fixed notation with 17 decimals, then
 * trailing zeros (and a bare '.') dropped; "-0" becomes "0". */
static int format_ld_human(long double v, char *out, size_t outlen) {
    int n = snprintf(out, outlen, "%.17Lf", v);
    size_t l;

    if (n < 0 || (size_t)n + 1 > outlen) return SHOAL_LD_NO_ROOM;
    l = (size_t)n;
    if (memchr(out, '.', l) != NULL) {
        while (l > 0 && out[l - 1] == '0') l--;
        if (l > 0 && out[l - 1] == '.') l--;
    }
    if (l == 2 && out[0] == '-' && out[1] == '0') {
        out[0] = '0';
        l = 1;
    }
    return (int)l;
}

/* cur == NULL stands for a missing key or field (value 0). hash_semantics
 * selects HINCRBYFLOAT's checking order: the increment is parsed and must be
 * finite before the stored value is looked at. Returns the length written to
 * out, or a negative status. */
int shoal_ld_incr(const char *cur, size_t curlen, const char *incr,
                  size_t incrlen, int hash_semantics, char *out,
                  size_t outlen) {
    long double value = 0;
    long double by = 0;

    if (hash_semantics) {
        if (!parse_ld(incr, incrlen, &by)) return SHOAL_LD_INCR_INVALID;
        if (isnan(by) || isinf(by)) return SHOAL_LD_INCR_NAN_OR_INF;
        if (cur != NULL && !parse_ld(cur, curlen, &value))
            return SHOAL_LD_CUR_INVALID;
    } else {
        if (cur != NULL && !parse_ld(cur, curlen, &value))
            return SHOAL_LD_CUR_INVALID;
        if (!parse_ld(incr, incrlen, &by)) return SHOAL_LD_INCR_INVALID;
    }
    value += by;
    if (isnan(value) || isinf(value)) return SHOAL_LD_NAN_OR_INF;
    return format_ld_human(value, out, outlen);
}

/* The seconds timeout of blocking commands (Redis getTimeoutFromObjectOrReply):
 * the long double read as above, times 1000, rounded up to whole ms. Returns
 * 0 with the ms in *ms (-1 for any negative count), -1 when it is not a
 * float, -2 when the ms exceed LLONG_MAX. */
int shoal_timeout_ms(const char *s, size_t len, long long *ms) {
    long double v;

    if (!parse_ld(s, len, &v)) return -1;
    v *= 1000.0L;
    if (v > (long double)LLONG_MAX) return -2;
    v = ceill(v);
    /* Redis casts even -inf to long long (x87 gives LLONG_MIN): all that
     * matters afterwards is that it is negative. */
    *ms = v < 0 ? -1 : (long long)v;
    return 0;
}

/* Redis string2d: strtod over the whole buffer, same rejections as above. */
int shoal_strtod(const char *s, size_t len, double *out) {
    char stackbuf[256];
    char *buf = stackbuf;
    char *end;
    double v;
    int ok;

    if (len == 0) return 0;
    if (len >= sizeof(stackbuf)) {
        buf = malloc(len + 1);
        if (buf == NULL) return 0;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';

    errno = 0;
    v = strtod(buf, &end);
    ok = !(isspace((unsigned char)buf[0]) || (size_t)(end - buf) != len ||
           (errno == ERANGE &&
            (v == HUGE_VAL || v == -HUGE_VAL || fpclassify(v) == FP_ZERO)) ||
           isnan(v));
    if (buf != stackbuf) free(buf);
    if (ok) *out = v;
    return ok;
}

/* strtod over a C string as Redis's SORT weights and ZRANGEBYSCORE ends use
 * it: up to the first NUL (the caller cuts there), leading white space
 * allowed, an empty string is 0, and the value is refused when text is left
 * over or it is NaN, and when errno is ERANGE (overflow and inexact underflow
 * alike) unless keep_erange. */
int shoal_strtod_c(const char *s, size_t len, int keep_erange, double *out) {
    char stackbuf[256];
    char *buf = stackbuf;
    char *end;
    double v;
    int ok;

    if (len >= sizeof(stackbuf)) {
        buf = malloc(len + 1);
        if (buf == NULL) return 0;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';

    errno = 0;
    v = strtod(buf, &end);
    ok = !(*end != '\0' || (errno == ERANGE && !keep_erange) || isnan(v));
    if (buf != stackbuf) free(buf);
    if (ok) *out = v;
    return ok;
}
