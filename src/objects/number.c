/* The number protocol: operator.index(), int(x), float(x), conversions to
 * C integers and doubles with CPython's messages, and the text helpers the
 * int, float and complex constructors share. */
#include <stdlib.h>
#include <string.h>

#include "core/unicode_props.h"
#include "objects/number.h"

/* ---- errors from the building blocks ---- */

KrValue kr_bigint_raise(KrThread *t, BigintExc exc, const BigintError *err)
{
    KrType *type;
    switch (exc) {
    case BIGINT_VALUE_ERROR: type = kr_exc_type(t, ValueError); break;
    case BIGINT_ZERO_DIVISION_ERROR: type = kr_exc_type(t, ZeroDivisionError); break;
    case BIGINT_OVERFLOW_ERROR: type = kr_exc_type(t, OverflowError); break;
    case BIGINT_TYPE_ERROR: type = kr_exc_type(t, TypeError); break;
    default: return kr_no_memory(t);
    }
    return kr_raise_fmt(t, type, "%s", err->msg);
}

KrValue kr_numfmt_raise(KrThread *t, NumfmtStatus st, const NumBuf *buf)
{
    switch (st) {
    case NUMFMT_VALUE_ERROR: return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", buf->data);
    case NUMFMT_OVERFLOW_ERROR: return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "%s", buf->data);
    default: return kr_no_memory(t);
    }
}

int kr_number_noargs(KrThread *t, const char *qualname, size_t nargs)
{
    if (nargs == 0)
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes no arguments (%zu given)", qualname, nargs);
}

const char *kr_number_format_spec(KrThread *t, KrValue spec, size_t *len)
{
    if (!kr_is_str(t, spec)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "__format__() argument must be str, not %T", spec);
        return NULL;
    }
    return kr_str_utf8(t, spec, len);
}

KrValue kr_number_str_from_buf(KrThread *t, const NumBuf *b)
{
    return kr_str_from_utf8(t, b->data, b->len);
}

/* ---- text of str arguments ---- */

const char *kr_number_text(KrThread *t, KrValue s, size_t *len, char **owned)
{
    KrStr *str = kr_as_str(s);
    *owned = NULL;
    if (str->ascii) {
        *len = str->len;
        return (const char *)kr_str_data(str);
    }
    /* Encoded here rather than with kr_str_utf8 because a lone surrogate
     * must reach the parser (which quotes it in its message), not fail. */
    char *buf = malloc(str->len * 4 + 1);
    if (!buf) {
        kr_no_memory(t);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < str->len; i++)
        n += ustr_put_utf8(buf + n, kr_str_char(str, i));
    buf[n] = '\0';
    *owned = buf;
    *len = n;
    return buf;
}

char *kr_number_ascii_text(KrThread *t, KrValue s, size_t *len)
{
    KrStr *str = kr_as_str(s);
    char *buf = malloc(str->len + 1);
    if (!buf) {
        kr_no_memory(t);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kr_str_char(str, i);
        if (c < 127) {
            buf[n++] = (char)c;
        } else if (unicode_isspace(c)) {
            buf[n++] = ' ';
        } else {
            int d = unicode_decimal(c);
            if (d < 0) {
                /* Whatever follows cannot make the text valid. */
                buf[n++] = '?';
                break;
            }
            buf[n++] = (char)('0' + d);
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool number_isdigit(char c) { return c >= '0' && c <= '9'; }

bool kr_number_strip_underscores(char *s, size_t *len)
{
    size_t n = *len, j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 == n || !number_isdigit(s[i - 1]) || !number_isdigit(s[i + 1]))
                return false;
            continue;
        }
        s[j++] = s[i];
    }
    s[j] = '\0';
    *len = j;
    return true;
}

static bool number_match_ci(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

size_t kr_number_parse_double(const char *s, size_t len, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (number_match_ci(s + i, len - i, "inf")) {
        i += 3;
        if (number_match_ci(s + i, len - i, "inity"))
            i += 5;
        *out = neg ? -__builtin_inf() : __builtin_inf();
        return i;
    }
    if (number_match_ci(s + i, len - i, "nan")) {
        *out = neg ? -__builtin_nan("") : __builtin_nan("");
        return i + 3;
    }
    size_t start = i, digits = 0;
    while (i < len && number_isdigit(s[i]))
        i++, digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && number_isdigit(s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && number_isdigit(s[j])) {
            while (j < len && number_isdigit(s[j]))
                j++;
            i = j;
        }
    }
    /* The syntax is checked; glibc's strtod rounds correctly. */
    char small[64];
    size_t n = i - start;
    char *copy = n < sizeof small ? small : malloc(n + 1);
    if (!copy)
        return 0;
    memcpy(copy, s + start, n);
    copy[n] = '\0';
    double d = strtod(copy, NULL);
    if (copy != small)
        free(copy);
    *out = neg ? -d : d;
    return i;
}

/* ---- float(x) ---- */

bool kr_is_float_value(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_float(v) || (kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_FLOAT_SUBCLASS));
}

double kr_float_value(KrValue v)
{
    if (kr_is_float(v))
        return kr_as_float(v);
    return ((KrFloatObj *)kr_as_ptr(v))->d;
}

static bool number_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* float(s) for a str, bytes or bytearray; KR_ABSENT for anything else. */
static KrValue number_float_from_text(KrThread *t, KrValue v)
{
    char *buf;
    size_t len;
    if (kr_is_str(t, v)) {
        buf = kr_number_ascii_text(t, v, &len);
        if (!buf)
            return KR_ERROR;
    } else {
        const unsigned char *data;
        if (kr_has_flag(t, v, KR_TPFLAG_BYTES_SUBCLASS)) {
            data = kr_bytes_data(v);
            len = kr_bytes_len(v);
        } else if (kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, BYTEARRAY))) {
            KrByteArray *ba = (KrByteArray *)kr_as_ptr(v);
            data = ba->data;
            len = ba->len;
        } else {
            return KR_ABSENT;
        }
        buf = malloc(len + 1);
        if (!buf)
            return kr_no_memory(t);
        if (len)
            memcpy(buf, data, len);
        buf[len] = '\0';
    }
    char *s = buf;
    while (len > 0 && number_is_space(*s))
        s++, len--;
    while (len > 0 && number_is_space(s[len - 1]))
        len--;
    double d = 0;
    bool ok = len > 0 && (memchr(s, '_', len) == NULL || kr_number_strip_underscores(s, &len)) &&
              kr_number_parse_double(s, len, &d) == len;
    free(buf);
    if (!ok)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "could not convert string to float: %R", v);
    return kr_float(d);
}

KrValue kr_number_float(KrThread *t, KrValue v)
{
    if (kr_is_float(v))
        return v;
    KrType *tp = kr_type(t, v);
    if (tp->to_float) {
        KrValue r = tp->to_float(t, v);
        if (r == KR_ERROR || kr_is_float(r))
            return r;
        if (kr_is_float_value(t, r)) {
            double d = kr_float_value(r);
            kr_decref(t, r);
            return kr_float(d);
        }
        KrValue e = kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.__float__ returned non-float (type %T)",
                                 kr_type_name(tp), r);
        kr_decref(t, r);
        return e;
    }
    if (tp->index) {
        KrValue i = kr_index(t, v);
        if (i == KR_ERROR)
            return i;
        double d;
        int st = kr_int_to_double(t, i, &d);
        kr_decref(t, i);
        return st < 0 ? KR_ERROR : kr_float(d);
    }
    if (kr_is_float_value(t, v))
        return kr_float(kr_float_value(v));
    KrValue r = number_float_from_text(t, v);
    if (r != KR_ABSENT)
        return r;
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "float() argument must be a string or a real number, not '%T'", v);
}

int kr_as_double(KrThread *t, KrValue v, double *out)
{
    if (kr_is_float(v)) {
        *out = kr_as_float(v);
        return 0;
    }
    if (kr_is_float_value(t, v)) {
        *out = kr_float_value(v);
        return 0;
    }
    KrType *tp = kr_type(t, v);
    if (kr_is_smallint(v) || kr_is_bool(v) || tp == kr_builtin_type(t, INT))
        return kr_int_to_double(t, v, out);
    if (!tp->to_float && !tp->index)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "must be real number, not %T", v);
    KrValue r = kr_number_float(t, v);
    if (r == KR_ERROR)
        return -1;
    *out = kr_float_value(r);
    kr_decref(t, r);
    return 0;
}

/* ---- int(x), operator.index(x) ---- */

KrValue kr_int_from_double(KrThread *t, double d)
{
    int64_t i;
    if (bigint_i64_from_double(d, BIGINT_ROUND_TRUNC, &i))
        return kr_int_from_i64(t, i);
    mpz_t z;
    mpz_init(z);
    BigintError err;
    BigintExc e = bigint_from_double(z, d, BIGINT_ROUND_TRUNC, &err);
    KrValue r = e ? kr_bigint_raise(t, e, &err) : kr_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

/* An int result of __int__/__index__/__trunc__ made exact, or the TypeError
 * for a result that is no int. */
static KrValue number_exact_result(KrThread *t, KrValue r, const char *what)
{
    if (r == KR_ERROR)
        return r;
    if (kr_is_int(t, r)) {
        KrValue e = kr_int_exact(t, r);
        kr_decref(t, r);
        return e;
    }
    KrValue e = kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s returned non-int (type %T)", what, r);
    kr_decref(t, r);
    return e;
}

KrValue kr_index(KrThread *t, KrValue v)
{
    if (kr_is_smallint(v))
        return v;
    if (kr_is_int(t, v))
        return kr_int_exact(t, v);
    KrType *tp = kr_type(t, v);
    if (!tp->index)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object cannot be interpreted as an integer", v);
    return number_exact_result(t, tp->index(t, v), "__index__");
}

KrValue kr_number_int(KrThread *t, KrValue v)
{
    if (kr_is_smallint(v) || kr_is_bool(v))
        return kr_int_exact(t, v);
    KrType *tp = kr_type(t, v);
    /* Only an exact int is its own int(): a subclass may override
     * __int__. */
    if (tp == kr_builtin_type(t, INT))
        return kr_incref(v);
    if (tp->to_int)
        return number_exact_result(t, tp->to_int(t, v), "__int__");
    if (tp->index)
        return kr_index(t, v);
    KrValue r = kr_call_special(t, v, kr_name(t, dunder_trunc), NULL, 0);
    if (r == KR_ERROR)
        return r;
    if (r != KR_ABSENT) {
        if (kr_is_int(t, r)) {
            KrValue e = kr_int_exact(t, r);
            kr_decref(t, r);
            return e;
        }
        if (!kr_type(t, r)->index) {
            KrValue e = kr_raise_fmt(t, kr_exc_type(t, TypeError), "__trunc__ returned non-Integral (type %T)", r);
            kr_decref(t, r);
            return e;
        }
        KrValue i = kr_index(t, r);
        kr_decref(t, r);
        return i;
    }
    r = kr_int_from_text_value(t, v);
    if (r != KR_ABSENT)
        return r;
    return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                        "int() argument must be a string, a bytes-like object or a real number, not '%T'", v);
}

/* The int64 of an index value: 0, or 1 when it does not fit (sign in
 * *out as the clamped value). */
static int number_index_i64(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return 0;
    }
    KrValue i = kr_index(t, v);
    if (i == KR_ERROR)
        return -1;
    KrIntVal x = kr_int_val(i);
    int over = 0;
    if (x.small) {
        *out = x.i;
    } else {
        over = 1;
        *out = mpz_sgn(x.z) < 0 ? INT64_MIN : INT64_MAX;
    }
    kr_decref(t, i);
    return over;
}

int kr_as_ssize(KrThread *t, KrValue v, int64_t *out)
{
    int r = number_index_i64(t, v, out);
    if (r > 0)
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "%s", BIGINT_MSG_TO_SSIZE_T);
    return r;
}

int kr_as_ssize_clamped(KrThread *t, KrValue v, int64_t *out)
{
    return number_index_i64(t, v, out) < 0 ? -1 : 0;
}
