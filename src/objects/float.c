/* float: IEEE doubles.  Exact floats are immediates (value.h); instances of
 * float subclasses are KrFloatObj.  Arithmetic follows CPython's
 * floatobject.c: its special cases for %, //, divmod and **, its errors,
 * and exact comparisons with ints of any size. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objects/number.h"

KrValue kr_float_new_type(KrThread *t, KrType *type, double d)
{
    if (type == kr_builtin_type(t, FLOAT))
        return kr_float(d);
    KrFloatObj *f = (KrFloatObj *)kr_alloc(t, type, type->basicsize);
    if (!f)
        return KR_ERROR;
    f->d = d;
    return kr_ptr(f);
}

/* A binary operand as a double: 1, 0 when it is no float or int
 * (NotImplemented), -1 on error (an int too large). */
static int float_operand(KrThread *t, KrValue v, double *out)
{
    if (kr_is_float(v)) {
        *out = kr_as_float(v);
        return 1;
    }
    if (kr_is_float_value(t, v)) {
        *out = kr_float_value(v);
        return 1;
    }
    if (kr_is_int(t, v))
        return kr_int_to_double(t, v, out) < 0 ? -1 : 1;
    return 0;
}

/* Reads both operands; returns 1, or KR_NOTIMPLEMENTED / KR_ERROR in *res. */
static int float_operands(KrThread *t, KrValue a, KrValue b, double *x, double *y, KrValue *res)
{
    /* One of them must be a float: int op int is int's business. */
    if (!kr_is_float_value(t, a) && !kr_is_float_value(t, b)) {
        *res = KR_NOTIMPLEMENTED;
        return 0;
    }
    int ra = float_operand(t, a, x);
    int rb = ra > 0 ? float_operand(t, b, y) : ra;
    if (rb > 0)
        return 1;
    *res = rb < 0 ? KR_ERROR : KR_NOTIMPLEMENTED;
    return 0;
}

static KrValue float_zero_division(KrThread *t, const char *msg)
{
    return kr_raise_fmt(t, kr_exc_type(t, ZeroDivisionError), "%s", msg);
}

static KrValue float_add(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    return kr_float(x + y);
}

static KrValue float_sub(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    return kr_float(x - y);
}

static KrValue float_mul(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    return kr_float(x * y);
}

static KrValue float_truediv(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    if (y == 0.0)
        return float_zero_division(t, "float division by zero");
    return kr_float(x / y);
}

/* x % y with the sign of y (y != 0). */
static double float_mod_values(double x, double y)
{
    double mod = fmod(x, y);
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0))
            mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return mod;
}

static void float_divmod_values(double x, double y, double *floordiv, double *mod)
{
    double m = fmod(x, y);
    double div = (x - m) / y;
    if (m != 0.0) {
        if ((y < 0) != (m < 0)) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, y);
    }
    double fd;
    if (div != 0.0) {
        fd = floor(div);
        if (div - fd > 0.5)
            fd += 1.0;
    } else {
        fd = copysign(0.0, x / y);
    }
    *floordiv = fd;
    *mod = m;
}

static KrValue float_mod(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    if (y == 0.0)
        return float_zero_division(t, "float modulo");
    return kr_float(float_mod_values(x, y));
}

static KrValue float_floordiv(KrThread *t, KrValue a, KrValue b)
{
    double x, y, q, m;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    if (y == 0.0)
        return float_zero_division(t, "float floor division by zero");
    float_divmod_values(x, y, &q, &m);
    return kr_float(q);
}

KrValue kr_float_divmod(KrThread *t, KrValue a, KrValue b)
{
    double x, y, q, m;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    if (y == 0.0)
        return float_zero_division(t, "float divmod()");
    float_divmod_values(x, y, &q, &m);
    return kr_tuple_pack(t, 2, kr_float(q), kr_float(m));
}

static bool float_is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

/* OverflowError(34, 'Numerical result out of range') and the like, as
 * PyErr_SetFromErrno makes them. */
static KrValue float_errno_error(KrThread *t, KrType *type, int code, const char *msg)
{
    KrValue text = kr_str_from_cstr(t, msg);
    if (text == KR_ERROR)
        return text;
    KrValue args = kr_tuple_pack(t, 2, kr_smallint(code), text);
    kr_decref(t, text);
    if (args == KR_ERROR)
        return args;
    kr_raise_args(t, type, args);
    kr_decref(t, args);
    return KR_ERROR;
}

static KrValue float_pow_values(KrThread *t, double iv, double iw)
{
    if (iw == 0.0)
        return kr_float(1.0);
    if (isnan(iv))
        return kr_float(iv == 1.0 ? 1.0 : iv);
    if (isnan(iw))
        return kr_float(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0)
            return kr_float(1.0);
        if ((iw > 0.0) == (iv > 1.0))
            return kr_float(fabs(iw));
        return kr_float(0.0);
    }
    if (isinf(iv)) {
        bool odd = float_is_odd_integer(iw);
        if (iw > 0.0)
            return kr_float(odd ? iv : fabs(iv));
        return kr_float(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        bool odd = float_is_odd_integer(iw);
        if (iw < 0.0)
            return float_zero_division(t, BIGINT_MSG_ZERO_NEG_POW);
        return kr_float(odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw))
            return kr_complex_pow_values(t, iv, 0.0, iw, 0.0);
        iv = -iv;
        negate = float_is_odd_integer(iw);
    }
    if (iv == 1.0)
        return kr_float(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    /* CPython's _Py_ADJUST_ERANGE1: overflow is an error, underflow not. */
    if (errno == 0 && isinf(ix))
        errno = ERANGE;
    else if (errno == ERANGE && ix == 0.0)
        errno = 0;
    if (errno == ERANGE)
        return float_errno_error(t, kr_exc_type(t, OverflowError), ERANGE, "Numerical result out of range");
    if (errno != 0)
        return float_errno_error(t, kr_exc_type(t, ValueError), EDOM, "Numerical argument out of domain");
    return kr_float(negate ? -ix : ix);
}

static KrValue float_pow(KrThread *t, KrValue a, KrValue b)
{
    double x, y;
    KrValue res;
    if (!float_operands(t, a, b, &x, &y, &res))
        return res;
    return float_pow_values(t, x, y);
}

static KrValue float_pow3(KrThread *t, KrValue a, KrValue b, KrValue c)
{
    if (c != KR_NONE) {
        /* Like CPython: operands that are no numbers come first
         * (NotImplemented), then the modulus is refused. */
        double x, y;
        int ra = float_operand(t, a, &x);
        int rb = ra > 0 ? float_operand(t, b, &y) : ra;
        if (rb <= 0)
            return rb < 0 ? KR_ERROR : KR_NOTIMPLEMENTED;
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "pow() 3rd argument not allowed unless all arguments are integers");
    }
    return float_pow(t, a, b);
}

/* ---- unary ---- */

static KrValue float_neg(KrThread *t, KrValue a)
{
    (void)t;
    return kr_float(-kr_float_value(a));
}

static KrValue float_pos(KrThread *t, KrValue a)
{
    (void)t;
    return kr_float(kr_float_value(a));
}

static KrValue float_abs(KrThread *t, KrValue a)
{
    (void)t;
    return kr_float(fabs(kr_float_value(a)));
}

static int float_truth(KrThread *t, KrValue a)
{
    (void)t;
    return kr_float_value(a) != 0.0;
}

static KrValue float_to_int(KrThread *t, KrValue a)
{
    return kr_int_from_double(t, kr_float_value(a));
}

/* ---- comparison, hash, repr ---- */

static int float_int_cmp(KrValue i, double d)
{
    KrIntVal x = kr_int_val(i);
    return x.small ? bigint_i64_cmp_double(x.i, d) : bigint_cmp_double(x.z, d);
}

static KrValue float_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    bool fa = kr_is_float_value(t, a), fb = kr_is_float_value(t, b);
    int c;
    if (fa && fb) {
        c = kr_double_cmp(kr_float_value(a), kr_float_value(b));
    } else if (fa && kr_is_int(t, b)) {
        c = float_int_cmp(b, kr_float_value(a));
        if (c != BIGINT_UNORDERED)
            c = -c;
    } else if (fb && kr_is_int(t, a)) {
        c = float_int_cmp(a, kr_float_value(b));
    } else {
        return KR_NOTIMPLEMENTED;
    }
    return kr_number_cmp_result(c, op);
}

static int64_t float_hash(KrThread *t, KrValue a)
{
    (void)t;
    double d = kr_float_value(a);
    if (isnan(d) && kr_is_ptr(a)) {
        /* Since 3.10 a NaN hashes by identity. */
        uint64_t p = (uint64_t)(uintptr_t)kr_as_ptr(a);
        int64_t h = (int64_t)((p >> 4) | (p << 60));
        return h == -1 ? -2 : h;
    }
    return bigint_double_hash(d);
}

static KrValue float_repr(KrThread *t, KrValue a)
{
    char buf[NUMFMT_REPR_MAX];
    size_t n = numfmt_repr(kr_float_value(a), buf);
    return kr_str_from_utf8(t, buf, n);
}

/* ---- construction ---- */

static KrValue float_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_no_kwargs(t, "float", kwnames) < 0 || kr_check_nargs(t, "float", nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue v = nargs ? kr_number_float(t, args[0]) : kr_float(0.0);
    if (v == KR_ERROR || type == kr_builtin_type(t, FLOAT))
        return v;
    double d = kr_float_value(v);
    kr_decref(t, v);
    return kr_float_new_type(t, type, d);
}

/* ---- methods ---- */

#define FLOAT_NOARGS(qual)                           \
    (void)args, (void)kwnames;                       \
    if (kr_number_noargs(t, qual, nargs) < 0)        \
        return KR_ERROR;                             \
    double d = kr_float_value(self)

static KrValue float_conjugate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.conjugate");
    return kr_float(d);
}

static KrValue float_is_integer(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.is_integer");
    return kr_bool(isfinite(d) && floor(d) == d);
}

static KrValue float_as_integer_ratio(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                      KrValue kwnames)
{
    FLOAT_NOARGS("float.as_integer_ratio");
    mpz_t num, den;
    mpz_init(num);
    mpz_init(den);
    BigintError err;
    KrValue res = KR_ERROR;
    BigintExc e = bigint_as_integer_ratio(num, den, d, &err);
    if (e) {
        kr_bigint_raise(t, e, &err);
    } else {
        KrValue n = kr_int_from_mpz(t, num);
        KrValue q = n == KR_ERROR ? KR_ERROR : kr_int_from_mpz(t, den);
        if (q != KR_ERROR)
            res = kr_tuple_pack(t, 2, n, q);
        kr_decref(t, n);
        kr_decref(t, q);
    }
    mpz_clear(num);
    mpz_clear(den);
    return res;
}

static KrValue float_hex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.hex");
    char buf[NUMFMT_REPR_MAX];
    size_t n = numfmt_float_hex(d, buf);
    return kr_str_from_utf8(t, buf, n);
}

static KrValue float_fromhex(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "float.fromhex() takes exactly one argument (%zu given)",
                            nargs);
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "bad argument type for built-in operation");
    size_t len;
    char *owned;
    const char *s = kr_number_text(t, args[0], &len, &owned);
    if (!s)
        return KR_ERROR;
    double d;
    NumBuf err;
    numbuf_init(&err);
    NumfmtStatus st = numfmt_float_fromhex(s, len, &d, &err);
    free(owned);
    if (st) {
        KrValue r = kr_numfmt_raise(t, st, &err);
        numbuf_free(&err);
        return r;
    }
    numbuf_free(&err);
    if (kr_as_type(cls) == kr_builtin_type(t, FLOAT))
        return kr_float(d);
    return kr_call1(t, cls, kr_float(d));
}

static KrValue float_to_int_mode(KrThread *t, double d, BigintRound mode)
{
    int64_t i;
    if (bigint_i64_from_double(d, mode, &i))
        return kr_int_from_i64(t, i);
    mpz_t z;
    mpz_init(z);
    BigintError err;
    BigintExc e = bigint_from_double(z, d, mode, &err);
    KrValue r = e ? kr_bigint_raise(t, e, &err) : kr_int_from_mpz(t, z);
    mpz_clear(z);
    return r;
}

static KrValue float_trunc_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.__trunc__");
    return float_to_int_mode(t, d, BIGINT_ROUND_TRUNC);
}

static KrValue float_floor_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.__floor__");
    return float_to_int_mode(t, d, BIGINT_ROUND_FLOOR);
}

static KrValue float_ceil_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.__ceil__");
    return float_to_int_mode(t, d, BIGINT_ROUND_CEIL);
}

static KrValue float_round_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__round__", nargs, 0, 1) < 0)
        return KR_ERROR;
    double d = kr_float_value(self);
    if (nargs == 0 || args[0] == KR_NONE)
        return float_to_int_mode(t, d, BIGINT_ROUND_HALF_EVEN);
    int64_t nd;
    if (kr_as_ssize_clamped(t, args[0], &nd) < 0)
        return KR_ERROR;
    double r;
    NumBuf err;
    numbuf_init(&err);
    NumfmtStatus st = numfmt_round(d, nd, &r, &err);
    KrValue res = st ? kr_numfmt_raise(t, st, &err) : kr_float(r);
    numbuf_free(&err);
    return res;
}

static KrValue float_getnewargs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FLOAT_NOARGS("float.__getnewargs__");
    return kr_tuple_pack(t, 1, kr_float(d));
}

static KrValue float_getformat(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)cls, (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "float.__getformat__() takes exactly one argument (%zu given)",
                            nargs);
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__getformat__() argument must be str, not %T", args[0]);
    if (!kr_str_equal_cstr(args[0], "double") && !kr_str_equal_cstr(args[0], "float"))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "__getformat__() argument 1 must be 'double' or 'float'");
    return kr_str_from_cstr(t, "IEEE, little-endian");
}

static KrValue float_format_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
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
    NumBuf buf;
    numbuf_init(&buf);
    KrValue res;
    NumfmtStatus st = numfmt_parse_spec(&spec, s, len, 0, tname, &buf);
    if (!st) {
        numbuf_clear(&buf);
        st = numfmt_format_double(&buf, &spec, kr_float_value(self), tname);
    }
    res = st ? kr_numfmt_raise(t, st, &buf) : kr_number_str_from_buf(t, &buf);
    numbuf_free(&buf);
    return res;
}

static KrValue float_divmod_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 1 argument, got %zu", nargs);
    return kr_float_divmod(t, self, args[0]);
}

static KrValue float_rdivmod_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 1 argument, got %zu", nargs);
    return kr_float_divmod(t, args[0], self);
}

static const KrMethodDef float_methods[] = {
    {"conjugate", float_conjugate, 0, "Return self, the complex conjugate of any float."},
    {"is_integer", float_is_integer, 0, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio, 0, "Return integer ratio."},
    {"hex", float_hex, 0, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", float_fromhex, KR_METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"__trunc__", float_trunc_m, 0, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor_m, 0, "Return the floor as an Integral."},
    {"__ceil__", float_ceil_m, 0, "Return the ceiling as an Integral."},
    {"__round__", float_round_m, 0, "Return the Integral closest to x, rounding half toward even.\n\n"
                                    "When an argument is passed, work like built-in round(x, ndigits)."},
    {"__getnewargs__", float_getnewargs, 0, NULL},
    {"__getformat__", float_getformat, KR_METH_CLASS,
     "You probably don't want to use this function.\n\n"
     "  typestr\n    Must be 'double' or 'float'.\n\n"
     "It exists mainly to be used in Python's test suite.\n\n"
     "This function returns whichever of 'unknown', 'IEEE, big-endian' or 'IEEE,\n"
     "little-endian' best describes the format of floating point numbers used by the\n"
     "C type named by typestr."},
    {"__format__", float_format_m, 0, "Formats the float according to format_spec."},
    {"__divmod__", float_divmod_m, 0, "Return divmod(self, value)."},
    {"__rdivmod__", float_rdivmod_m, 0, "Return divmod(value, self)."},
    {0},
};

static KrValue float_get_real(KrThread *t, KrValue self)
{
    (void)t;
    return kr_float(kr_float_value(self));
}

static KrValue float_get_imag(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return kr_float(0.0);
}

static const KrGetSetDef float_getsets[] = {
    {"real", float_get_real, NULL, "the real part of a complex number"},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number"},
    {0},
};

static void float_dealloc(KrThread *t, KrObject *o)
{
    kr_free_object(t, o);
}

static void float_fill(KrType *tp)
{
    tp->dealloc = float_dealloc;
    tp->new_ = float_new;
    tp->repr = float_repr;
    tp->hash = float_hash;
    tp->compare = float_compare;
    tp->binary[KR_OP_ADD] = float_add;
    tp->binary[KR_OP_SUB] = float_sub;
    tp->binary[KR_OP_MUL] = float_mul;
    tp->binary[KR_OP_TRUEDIV] = float_truediv;
    tp->binary[KR_OP_FLOORDIV] = float_floordiv;
    tp->binary[KR_OP_MOD] = float_mod;
    tp->binary[KR_OP_POW] = float_pow;
    tp->pow3 = float_pow3;
    tp->neg = float_neg;
    tp->pos = float_pos;
    tp->abs = float_abs;
    tp->truth = float_truth;
    tp->to_int = float_to_int;
    tp->to_float = float_pos;
}

const KrTypeSpec kr_float_spec = {
    .name = "float",
    .basicsize = sizeof(KrFloatObj),
    .flags = KR_TPFLAG_BASETYPE | KR_TPFLAG_FLOAT_SUBCLASS,
    .methods = float_methods,
    .getsets = float_getsets,
    .fill = float_fill,
    .doc = "Convert a string or number to a floating point number, if possible.",
};
