/* complex: a pair of doubles.  Arithmetic, division and powers follow
 * CPython's complexobject.c step by step (the same operations in the same
 * order), so results agree to the last bit; so do repr, hash, format and
 * the string parser. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objects/number.h"

typedef struct {
    double real, imag;
} Cplx;

bool kr_is_complex(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, COMPLEX));
}

static Cplx complex_get(KrValue v)
{
    KrComplex *c = (KrComplex *)kr_as_ptr(v);
    return (Cplx){c->real, c->imag};
}

static KrValue complex_new_type(KrThread *t, KrType *type, double real, double imag)
{
    KrComplex *c = (KrComplex *)kr_alloc(t, type, type->basicsize ? type->basicsize : sizeof(KrComplex));
    if (!c)
        return KR_ERROR;
    c->real = real;
    c->imag = imag;
    return kr_ptr(c);
}

KrValue kr_complex_new(KrThread *t, double real, double imag)
{
    return complex_new_type(t, kr_builtin_type(t, COMPLEX), real, imag);
}

static KrValue complex_from(KrThread *t, Cplx c)
{
    return kr_complex_new(t, c.real, c.imag);
}

/* A binary operand: 1 with its value, 0 for NotImplemented, -1 error. */
static int complex_operand(KrThread *t, KrValue v, Cplx *out)
{
    if (kr_is_float_value(t, v)) {
        *out = (Cplx){kr_float_value(v), 0.0};
        return 1;
    }
    if (kr_is_int(t, v)) {
        out->imag = 0.0;
        return kr_int_to_double(t, v, &out->real) < 0 ? -1 : 1;
    }
    if (kr_is_complex(t, v)) {
        *out = complex_get(v);
        return 1;
    }
    return 0;
}

static int complex_operands(KrThread *t, KrValue a, KrValue b, Cplx *x, Cplx *y, KrValue *res)
{
    int ra = complex_operand(t, a, x);
    int rb = ra > 0 ? complex_operand(t, b, y) : ra;
    if (rb > 0)
        return 1;
    *res = rb < 0 ? KR_ERROR : KR_NOTIMPLEMENTED;
    return 0;
}

/* ---- the arithmetic of CPython's _Py_c_* functions ---- */

static Cplx c_prod(Cplx a, Cplx b)
{
    return (Cplx){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

/* Smith's method as CPython applies it; errno EDOM for a zero divisor. */
static Cplx c_quot(Cplx a, Cplx b)
{
    Cplx r;
    double abs_breal = b.real < 0 ? -b.real : b.real;
    double abs_bimag = b.imag < 0 ? -b.imag : b.imag;
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bimag >= abs_breal) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        /* At least one of b.real, b.imag is a NaN. */
        r.real = r.imag = NAN;
    }
    return r;
}

static Cplx c_pow(Cplx a, Cplx b)
{
    Cplx r;
    if (b.real == 0.0 && b.imag == 0.0) {
        r.real = 1.0;
        r.imag = 0.0;
    } else if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0)
            errno = EDOM;
        r.real = r.imag = 0.0;
    } else {
        double vabs = hypot(a.real, a.imag);
        double len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real);
        double phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

static Cplx c_powu(Cplx x, long n)
{
    Cplx r = {1.0, 0.0}, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask)
            r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

static Cplx c_powi(Cplx x, long n)
{
    if (n > 0)
        return c_powu(x, n);
    return c_quot((Cplx){1.0, 0.0}, c_powu(x, -n));
}

static KrValue complex_pow_c(KrThread *t, Cplx a, Cplx b)
{
    Cplx p;
    errno = 0;
    /* Small integral exponents by repeated multiplication: faster and
     * more accurate, as CPython does. */
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0)
        p = c_powi(a, (long)b.real);
    else
        p = c_pow(a, b);
    if (isinf(p.real) || isinf(p.imag)) {
        if (errno == 0)
            errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM)
        return kr_raise_fmt(t, kr_exc_type(t, ZeroDivisionError), "0.0 to a negative or complex power");
    if (errno == ERANGE)
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "complex exponentiation");
    return complex_from(t, p);
}

KrValue kr_complex_pow_values(KrThread *t, double ar, double ai, double br, double bi)
{
    return complex_pow_c(t, (Cplx){ar, ai}, (Cplx){br, bi});
}

/* ---- slots ---- */

static KrValue complex_add(KrThread *t, KrValue a, KrValue b)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    return kr_complex_new(t, x.real + y.real, x.imag + y.imag);
}

static KrValue complex_sub(KrThread *t, KrValue a, KrValue b)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    return kr_complex_new(t, x.real - y.real, x.imag - y.imag);
}

static KrValue complex_mul(KrThread *t, KrValue a, KrValue b)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    return complex_from(t, c_prod(x, y));
}

static KrValue complex_truediv(KrThread *t, KrValue a, KrValue b)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    errno = 0;
    Cplx q = c_quot(x, y);
    if (errno == EDOM)
        return kr_raise_fmt(t, kr_exc_type(t, ZeroDivisionError), "complex division by zero");
    return complex_from(t, q);
}

static KrValue complex_pow(KrThread *t, KrValue a, KrValue b)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    return complex_pow_c(t, x, y);
}

static KrValue complex_pow3(KrThread *t, KrValue a, KrValue b, KrValue c)
{
    Cplx x, y;
    KrValue res;
    if (!complex_operands(t, a, b, &x, &y, &res))
        return res;
    if (c != KR_NONE)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "complex modulo");
    return complex_pow_c(t, x, y);
}

static KrValue complex_neg(KrThread *t, KrValue a)
{
    Cplx c = complex_get(a);
    return kr_complex_new(t, -c.real, -c.imag);
}

static KrValue complex_pos(KrThread *t, KrValue a)
{
    if (kr_as_ptr(a)->type == kr_builtin_type(t, COMPLEX))
        return kr_incref(a);
    return complex_from(t, complex_get(a));
}

static KrValue complex_abs(KrThread *t, KrValue a)
{
    Cplx c = complex_get(a);
    if (!isfinite(c.real) || !isfinite(c.imag)) {
        if (isinf(c.real))
            return kr_float(fabs(c.real));
        if (isinf(c.imag))
            return kr_float(fabs(c.imag));
        return kr_float(NAN);
    }
    double r = hypot(c.real, c.imag);
    if (!isfinite(r))
        return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "absolute value too large");
    return kr_float(r);
}

static int complex_truth(KrThread *t, KrValue a)
{
    (void)t;
    Cplx c = complex_get(a);
    return c.real != 0.0 || c.imag != 0.0;
}

static KrValue complex_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    if ((op != KR_EQ && op != KR_NE) || !kr_is_complex(t, a))
        return KR_NOTIMPLEMENTED;
    Cplx x = complex_get(a);
    bool equal;
    if (kr_is_int(t, b)) {
        if (x.imag != 0.0) {
            equal = false;
        } else {
            /* Exactly, as float == int is. */
            KrIntVal i = kr_int_val(b);
            int c = i.small ? bigint_i64_cmp_double(i.i, x.real) : bigint_cmp_double(i.z, x.real);
            equal = c == 0;
        }
    } else if (kr_is_float_value(t, b)) {
        equal = x.real == kr_float_value(b) && x.imag == 0.0;
    } else if (kr_is_complex(t, b)) {
        Cplx y = complex_get(b);
        equal = x.real == y.real && x.imag == y.imag;
    } else {
        return KR_NOTIMPLEMENTED;
    }
    return kr_bool(op == KR_EQ ? equal : !equal);
}

static int64_t complex_part_hash(KrValue self, double d)
{
    if (isnan(d)) {
        uint64_t p = (uint64_t)(uintptr_t)kr_as_ptr(self);
        return (int64_t)((p >> 4) | (p << 60));
    }
    return bigint_double_hash(d);
}

static int64_t complex_hash(KrThread *t, KrValue self)
{
    (void)t;
    Cplx c = complex_get(self);
    uint64_t hr = (uint64_t)complex_part_hash(self, c.real);
    uint64_t hi = (uint64_t)complex_part_hash(self, c.imag);
    uint64_t h = hr + UINT64_C(1000003) * hi;
    if (h == UINT64_MAX)
        h = UINT64_MAX - 1;
    return (int64_t)h;
}

static KrValue complex_repr(KrThread *t, KrValue self)
{
    Cplx c = complex_get(self);
    NumBuf b;
    numbuf_init(&b);
    NumfmtStatus st;
    if (c.real == 0.0 && copysign(1.0, c.real) == 1.0) {
        st = numfmt_dtoa(&b, c.imag, 'r', 0, 0);
        if (!st && !numbuf_append(&b, "j", 1))
            st = NUMFMT_MEMORY_ERROR;
    } else {
        st = numbuf_append(&b, "(", 1) ? NUMFMT_OK : NUMFMT_MEMORY_ERROR;
        if (!st)
            st = numfmt_dtoa(&b, c.real, 'r', 0, 0);
        if (!st)
            st = numfmt_dtoa(&b, c.imag, 'r', 0, NUMFMT_F_SIGN);
        if (!st && !numbuf_append(&b, "j)", 2))
            st = NUMFMT_MEMORY_ERROR;
    }
    KrValue r = st ? kr_no_memory(t) : kr_number_str_from_buf(t, &b);
    numbuf_free(&b);
    return r;
}

/* ---- complex(str) ---- */

static bool complex_isspace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* CPython's complex_from_string_inner: [(] <float> | <float>j |
 * <float><signed-float>j | <float><sign>j | <sign>j | j [)]. */
static bool complex_parse(const char *s, size_t len, double *x, double *y)
{
    size_t i = 0;
    bool bracket = false;
    double z;
    *x = *y = 0.0;
    while (i < len && complex_isspace(s[i]))
        i++;
    if (i < len && s[i] == '(') {
        bracket = true;
        i++;
        while (i < len && complex_isspace(s[i]))
            i++;
    }
    size_t n = kr_number_parse_double(s + i, len - i, &z);
    if (n > 0) {
        i += n;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            *x = z;
            size_t m = kr_number_parse_double(s + i, len - i, y);
            if (m > 0) {
                i += m;
            } else {
                *y = s[i] == '+' ? 1.0 : -1.0;
                i++;
            }
            if (i >= len || (s[i] != 'j' && s[i] != 'J'))
                return false;
            i++;
        } else if (i < len && (s[i] == 'j' || s[i] == 'J')) {
            i++;
            *y = z;
        } else {
            *x = z;
        }
    } else {
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            *y = s[i] == '+' ? 1.0 : -1.0;
            i++;
        } else {
            *y = 1.0;
        }
        if (i >= len || (s[i] != 'j' && s[i] != 'J'))
            return false;
        i++;
    }
    while (i < len && complex_isspace(s[i]))
        i++;
    if (bracket) {
        if (i >= len || s[i] != ')')
            return false;
        i++;
        while (i < len && complex_isspace(s[i]))
            i++;
    }
    return i == len;
}

static KrValue complex_from_string(KrThread *t, KrType *type, KrValue v)
{
    size_t len;
    char *s = kr_number_ascii_text(t, v, &len);
    if (!s)
        return KR_ERROR;
    if (memchr(s, '_', len) && !kr_number_strip_underscores(s, &len)) {
        free(s);
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "could not convert string to complex: %R", v);
    }
    double x, y;
    bool ok = complex_parse(s, len, &x, &y);
    free(s);
    if (!ok)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "complex() arg is a malformed string");
    return complex_new_type(t, type, x, y);
}

/* ---- construction ---- */

static bool complex_is_number(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    return kr_is_complex(t, v) || tp->to_float || tp->index;
}

static KrValue complex_new_impl(KrThread *t, KrType *type, KrValue r, KrValue i)
{
    if (r == KR_ABSENT)
        r = kr_smallint(0);
    if (kr_is_str(t, r)) {
        if (i != KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "complex() can't take second arg if first is a string");
        return complex_from_string(t, type, r);
    }
    if (i != KR_ABSENT && kr_is_str(t, i))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "complex() second arg can't be a string");
    if (i == KR_ABSENT && type == kr_builtin_type(t, COMPLEX) && kr_is_ptr(r) &&
        kr_as_ptr(r)->type == type)
        return kr_incref(r);

    KrValue special = kr_call_special(t, r, kr_name(t, dunder_complex), NULL, 0);
    if (special == KR_ERROR)
        return special;
    if (special != KR_ABSENT) {
        if (!kr_is_complex(t, special)) {
            KrValue e = kr_raise_fmt(t, kr_exc_type(t, TypeError), "__complex__ returned non-complex (type %T)",
                                     special);
            kr_decref(t, special);
            return e;
        }
        r = special;
    }
    Cplx cr = {0.0, 0.0}, ci = {0.0, 0.0};
    bool cr_complex = false, ci_complex = false;
    KrValue res = KR_ERROR;
    if (!complex_is_number(t, r)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "complex() first argument must be a string or a number, not '%T'", r);
        goto done;
    }
    if (i != KR_ABSENT && !complex_is_number(t, i)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "complex() second argument must be a number, not '%T'", i);
        goto done;
    }
    if (kr_is_complex(t, r)) {
        cr = complex_get(r);
        cr_complex = true;
    } else if (kr_as_double(t, r, &cr.real) < 0) {
        goto done;
    }
    if (i == KR_ABSENT) {
        ci.real = cr.imag;
    } else if (kr_is_complex(t, i)) {
        ci = complex_get(i);
        ci_complex = true;
    } else if (kr_as_double(t, i, &ci.real) < 0) {
        goto done;
    }
    if (ci_complex)
        cr.real -= ci.imag;
    if (cr_complex && i != KR_ABSENT)
        ci.real += cr.imag;
    res = complex_new_type(t, type, cr.real, ci.real);
done:
    if (special != KR_ABSENT)
        kr_decref(t, special);
    return res;
}

static KrValue complex_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "complex() takes at most 2 arguments (%zu given)",
                            nargs + nkw);
    KrValue v[2] = {nargs > 0 ? args[0] : KR_ABSENT, nargs > 1 ? args[1] : KR_ABSENT};
    static const char *const names[2] = {"real", "imag"};
    for (size_t k = 0; k < nkw; k++) {
        KrValue name = kr_tuple_items(kwnames)[k];
        int idx = kr_str_equal_cstr(name, "real") ? 0 : kr_str_equal_cstr(name, "imag") ? 1 : -1;
        if (idx < 0)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for complex()",
                                name);
        if (v[idx] != KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "argument for complex() given by name ('%s') and position (%d)", names[idx], idx + 1);
        v[idx] = args[nargs + k];
    }
    return complex_new_impl(t, type, v[0], v[1]);
}

/* ---- format ---- */

/* Inserts the grouping separator into the integer digits that start s
 * (after an optional sign), for the repr-style ('r') parts. */
static bool complex_group(NumBuf *out, const char *s, size_t n, char sep)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == ' '))
        i++;
    size_t d = i;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (!numbuf_append(out, s, i))
        return false;
    for (size_t k = i; k < d; k++) {
        if (k > i && (d - k) % 3 == 0 && !numbuf_append(out, &sep, 1))
            return false;
        if (!numbuf_append(out, s + k, 1))
            return false;
    }
    return numbuf_append(out, s + d, n - d);
}

/* One part in repr style with the sign rule of the format spec. */
static NumfmtStatus complex_format_r(NumBuf *out, double x, char sign, const NumfmtSpec *spec)
{
    unsigned flags = (spec->alternate ? NUMFMT_F_ALT : 0) | (spec->no_neg_zero ? NUMFMT_F_NO_NEG_0 : 0);
    NumBuf tmp;
    numbuf_init(&tmp);
    NumfmtStatus st = numfmt_dtoa(&tmp, x, 'r', 0, flags);
    if (!st && tmp.data[0] != '-' && (sign == '+' || sign == ' ') && !numbuf_append(out, &sign, 1))
        st = NUMFMT_MEMORY_ERROR;
    if (!st) {
        bool ok = spec->grouping ? complex_group(out, tmp.data, tmp.len, spec->grouping)
                                 : numbuf_append(out, tmp.data, tmp.len);
        if (!ok)
            st = NUMFMT_MEMORY_ERROR;
    }
    numbuf_free(&tmp);
    return st;
}

static KrValue complex_format_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__format__", nargs, 1, 1) < 0)
        return KR_ERROR;
    size_t len;
    const char *s = kr_number_format_spec(t, args[0], &len);
    if (!s)
        return KR_ERROR;
    if (len == 0)
        return kr_str(t, self);
    const char *tname = kr_typename_of(t, self);
    NumfmtSpec spec;
    NumBuf buf, body;
    numbuf_init(&buf);
    numbuf_init(&body);
    KrValue res = KR_ERROR;
    NumfmtStatus st = numfmt_parse_spec(&spec, s, len, 0, tname, &buf);
    if (st) {
        res = kr_numfmt_raise(t, st, &buf);
        goto done;
    }
    if ((spec.zero_pad && !spec.fill_given) || (spec.fill_given && spec.fill == '0')) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "Zero padding is not allowed in complex format specifier");
        goto done;
    }
    if (spec.align == '=') {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "'=' alignment flag is not allowed in complex format specifier");
        goto done;
    }
    uint32_t type = spec.type;
    if (!(type == 0 || type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' ||
          type == 'n')) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "Unknown format code '%c' for object of type '%s'", (int)type,
                     tname);
        goto done;
    }
    Cplx c = complex_get(self);
    bool skip_re = false, parens = false, repr_style = false;
    if (type == 0) {
        if (c.real == 0.0 && copysign(1.0, c.real) == 1.0)
            skip_re = true;
        else
            parens = true;
        if (spec.precision < 0)
            repr_style = true;
        else
            type = 'g';
    } else if (type == 'n') {
        type = 'g';
    }
    char im_sign = skip_re ? spec.sign : '+';
    if (parens && !numbuf_append(&body, "(", 1))
        st = NUMFMT_MEMORY_ERROR;
    if (repr_style) {
        if (!st && !skip_re)
            st = complex_format_r(&body, c.real, spec.sign, &spec);
        if (!st)
            st = complex_format_r(&body, c.imag, im_sign, &spec);
    } else {
        NumfmtSpec part = spec;
        part.width = -1;
        part.fill = ' ';
        part.fill_given = false;
        part.align = 0;
        part.zero_pad = false;
        part.type = type;
        if (part.precision < 0)
            part.precision = 6;
        if (!st && !skip_re)
            st = numfmt_format_double(&body, &part, c.real, tname);
        part.sign = im_sign;
        if (!st)
            st = numfmt_format_double(&body, &part, c.imag, tname);
    }
    if (!st && !numbuf_append(&body, parens ? "j)" : "j", parens ? 2 : 1))
        st = NUMFMT_MEMORY_ERROR;
    if (st) {
        res = kr_numfmt_raise(t, st, &body);
        goto done;
    }
    st = numfmt_pad(&buf, body.data, body.len, body.len, spec.width, spec.align ? spec.align : '>', spec.fill);
    if (st) {
        res = kr_numfmt_raise(t, st, &buf);
        goto done;
    }
    res = kr_number_str_from_buf(t, &buf);
done:
    numbuf_free(&buf);
    numbuf_free(&body);
    return res;
}

/* ---- methods ---- */

static KrValue complex_conjugate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "complex.conjugate", nargs) < 0)
        return KR_ERROR;
    Cplx c = complex_get(self);
    return kr_complex_new(t, c.real, -c.imag);
}

static KrValue complex_getnewargs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "complex.__getnewargs__", nargs) < 0)
        return KR_ERROR;
    Cplx c = complex_get(self);
    return kr_tuple_pack(t, 2, kr_float(c.real), kr_float(c.imag));
}

static KrValue complex_complex_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "complex.__complex__", nargs) < 0)
        return KR_ERROR;
    return complex_pos(t, self);
}

static const KrMethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, 0, "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__getnewargs__", complex_getnewargs, 0, NULL},
    {"__format__", complex_format_m, 0, "Convert to a string according to format_spec."},
    {"__complex__", complex_complex_m, 0, "Convert this value to exact type complex."},
    {0},
};

static KrValue complex_get_real(KrThread *t, KrValue self)
{
    (void)t;
    return kr_float(complex_get(self).real);
}

static KrValue complex_get_imag(KrThread *t, KrValue self)
{
    (void)t;
    return kr_float(complex_get(self).imag);
}

static const KrGetSetDef complex_getsets[] = {
    {"real", complex_get_real, NULL, "the real part of a complex number"},
    {"imag", complex_get_imag, NULL, "the imaginary part of a complex number"},
    {0},
};

static void complex_dealloc(KrThread *t, KrObject *o)
{
    kr_free_object(t, o);
}

static void complex_fill(KrType *tp)
{
    tp->dealloc = complex_dealloc;
    tp->new_ = complex_new;
    tp->repr = complex_repr;
    tp->hash = complex_hash;
    tp->compare = complex_compare;
    tp->binary[KR_OP_ADD] = complex_add;
    tp->binary[KR_OP_SUB] = complex_sub;
    tp->binary[KR_OP_MUL] = complex_mul;
    tp->binary[KR_OP_TRUEDIV] = complex_truediv;
    tp->binary[KR_OP_POW] = complex_pow;
    tp->pow3 = complex_pow3;
    tp->neg = complex_neg;
    tp->pos = complex_pos;
    tp->abs = complex_abs;
    tp->truth = complex_truth;
}

const KrTypeSpec kr_complex_spec = {
    .name = "complex",
    .basicsize = sizeof(KrComplex),
    .flags = KR_TPFLAG_BASETYPE,
    .methods = complex_methods,
    .getsets = complex_getsets,
    .fill = complex_fill,
    .doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
           "This is equivalent to (real + imag*1j) where imag defaults to 0.",
};
