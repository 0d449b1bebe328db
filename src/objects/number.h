/* What the number types (int_methods.c, float.c, complex.c) and the
 * number protocol (number.c) share and nobody else needs.  The public API
 * of the numbers is in objects.h. */
#ifndef KRAIT_NUMBER_H
#define KRAIT_NUMBER_H

#include "core/bigint.h"
#include "core/numfmt.h"
#include "objects/objects.h"

/* Raises the exception a bigint function reported; returns KR_ERROR. */
KrValue kr_bigint_raise(KrThread *t, BigintExc exc, const BigintError *err);
/* Raises the exception a numfmt function reported (message in buf). */
KrValue kr_numfmt_raise(KrThread *t, NumfmtStatus st, const NumBuf *buf);

/* int.c: a KrLong of `type` (int or a subclass) holding z. */
KrValue kr_long_new_type(KrThread *t, KrType *type, const mpz_t z);

/* The value of an int operand: int64 when it fits (small), else its mpz. */
typedef struct KrIntVal {
    bool small;
    int64_t i;
    mpz_srcptr z;
} KrIntVal;

/* For a value known to be an int, bool or int subclass instance. */
static inline KrIntVal kr_int_val(KrValue v)
{
    KrIntVal out = {true, 0, NULL};
    if (kr_is_smallint(v)) {
        out.i = kr_as_smallint(v);
    } else if (kr_is_bool(v)) {
        out.i = v == KR_TRUE;
    } else {
        mpz_srcptr z = ((KrLong *)kr_as_ptr(v))->z;
        if (mpz_fits_slong_p(z)) {
            out.i = mpz_get_si(z);
        } else {
            out.small = false;
            out.z = z;
        }
    }
    return out;
}

static inline bool kr_int_get(KrThread *t, KrValue v, KrIntVal *out)
{
    (void)t;
    if (!kr_is_smallint(v) && !kr_is_bool(v) &&
        !(kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_INT_SUBCLASS)))
        return false;
    *out = kr_int_val(v);
    return true;
}

/* An int operand as an mpz: its own, or `tmp` (initialised) set to it. */
static inline mpz_srcptr kr_int_mpz(const KrIntVal *v, mpz_t tmp)
{
    if (!v->small)
        return v->z;
    mpz_set_si(tmp, (long)v->i);
    return tmp;
}

/* int -> double, correctly rounded; OverflowError "int too large to
 * convert to float". */
int kr_int_to_double(KrThread *t, KrValue v, double *out);
/* The exact int equal to an int, bool or int subclass instance. */
KrValue kr_int_exact(KrThread *t, KrValue v);
/* int(x) for a str, bytes or bytearray x (base 10); KR_ABSENT for other x. */
KrValue kr_int_from_text_value(KrThread *t, KrValue x);
/* A float of `type` (float or a subclass). */
KrValue kr_float_new_type(KrThread *t, KrType *type, double d);

/* Text of a str (or bytes) for the number parsers: UTF-8 where lone
 * surrogates are 3-byte sequences.  *owned is set when the result must be
 * freed. */
const char *kr_number_text(KrThread *t, KrValue s, size_t *len, char **owned);

/* What float() and complex() read: s (a str) with Unicode decimal digits
 * made ASCII, Unicode spaces made ' ', and the first other non-ASCII
 * character made '?' (cutting the rest); malloc'd, NUL-terminated. */
char *kr_number_ascii_text(KrThread *t, KrValue s, size_t *len);
/* Removes underscores that stand between two digits, in place; false if
 * an underscore stands elsewhere. */
bool kr_number_strip_underscores(char *s, size_t *len);
/* Parses a float as _Py_dg_strtod with inf/nan does: the longest prefix
 * of s[0..len) that is a number; returns its length (0: none). */
size_t kr_number_parse_double(const char *s, size_t len, double *out);

/* Comparison result for an ordering c (-1, 0, 1 or BIGINT_UNORDERED). */
static inline KrValue kr_number_cmp_result(int c, KrCompareOp op)
{
    if (c == BIGINT_UNORDERED)
        return kr_bool(op == KR_NE);
    switch (op) {
    case KR_LT: return kr_bool(c < 0);
    case KR_LE: return kr_bool(c <= 0);
    case KR_EQ: return kr_bool(c == 0);
    case KR_NE: return kr_bool(c != 0);
    case KR_GT: return kr_bool(c > 0);
    default: return kr_bool(c >= 0);
    }
}

static inline int kr_double_cmp(double a, double b)
{
    if (a != a || b != b)
        return BIGINT_UNORDERED;
    return a < b ? -1 : a > b;
}

/* "int.conjugate() takes no arguments (1 given)" */
int kr_number_noargs(KrThread *t, const char *qualname, size_t nargs);
/* The format-spec argument of __format__ as UTF-8 ("__format__() argument
 * must be str, not int"). */
const char *kr_number_format_spec(KrThread *t, KrValue spec, size_t *len);
/* A str from a NumBuf's ASCII/UTF-8 text. */
KrValue kr_number_str_from_buf(KrThread *t, const NumBuf *b);

/* complex.c: the complex power used by float ** float with a negative
 * base and a fractional exponent. */
KrValue kr_complex_pow_values(KrThread *t, double ar, double ai, double br, double bi);
bool kr_is_complex(KrThread *t, KrValue v);

#endif
