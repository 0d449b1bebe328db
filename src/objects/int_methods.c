/* int and bool: arithmetic, comparison, hashing, repr, the constructor and
 * the methods.  int.c has the representation (immediates and KrLong).
 *
 * Every operation first reads its operands with kr_int_get, which accepts
 * immediates, bools and KrLongs of int subclasses alike, and runs on int64
 * when both fit, falling back to GMP (core/bigint.h) when they do not or the
 * result overflows.  Results are always exact ints: True + True is 2, and
 * arithmetic on an int subclass instance gives an int. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/unicode_props.h"
#include "objects/number.h"

static KrValue int_zero_division(KrThread *t, const char *msg)
{
    return kr_raise_fmt(t, kr_exc_type(t, ZeroDivisionError), "%s", msg);
}

static KrValue int_negative_shift(KrThread *t)
{
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", BIGINT_MSG_NEGATIVE_SHIFT);
}

KrValue kr_int_exact(KrThread *t, KrValue v)
{
    if (kr_is_smallint(v))
        return v;
    if (kr_is_bool(v))
        return kr_smallint(v == KR_TRUE);
    if (kr_as_ptr(v)->type == kr_builtin_type(t, INT))
        return kr_incref(v);
    return kr_int_from_mpz(t, ((KrLong *)kr_as_ptr(v))->z);
}

int kr_int_to_double(KrThread *t, KrValue v, double *out)
{
    KrIntVal x = kr_int_val(v);
    if (x.small) {
        /* Converting through GMP would round the same way, but an int64
         * beyond 2**53 must round half-even too, which the C cast does in
         * the default rounding mode. */
        *out = (double)x.i;
        return 0;
    }
    BigintError err;
    BigintExc e = bigint_to_double(x.z, out, &err);
    if (e) {
        kr_bigint_raise(t, e, &err);
        return -1;
    }
    return 0;
}

/* ---- binary operators ---- */

static KrValue int_binary_big(KrThread *t, KrBinOp op, const KrIntVal *x, const KrIntVal *y)
{
    mpz_t ta, tb, r;
    mpz_init(ta);
    mpz_init(tb);
    mpz_init(r);
    mpz_srcptr a = kr_int_mpz(x, ta), b = kr_int_mpz(y, tb);
    BigintError err;
    BigintExc e = BIGINT_OK;
    KrValue res = KR_ABSENT;
    double d;
    switch (op) {
    case KR_OP_ADD: mpz_add(r, a, b); break;
    case KR_OP_SUB: mpz_sub(r, a, b); break;
    case KR_OP_MUL: e = bigint_mul(r, a, b, &err); break;
    case KR_OP_TRUEDIV:
        e = bigint_truediv(a, b, &d, &err);
        if (!e)
            res = kr_float(d);
        break;
    case KR_OP_FLOORDIV: e = bigint_floordiv(r, a, b, &err); break;
    case KR_OP_MOD: e = bigint_mod(r, a, b, &err); break;
    case KR_OP_POW:
        if (mpz_sgn(b) < 0) {
            e = bigint_pow_float(a, b, &d, &err);
            if (!e)
                res = kr_float(d);
        } else {
            e = bigint_pow(r, a, b, &err);
        }
        break;
    case KR_OP_LSHIFT: e = bigint_lshift(r, a, b, &err); break;
    case KR_OP_RSHIFT: e = bigint_rshift(r, a, b, &err); break;
    case KR_OP_AND: mpz_and(r, a, b); break;
    case KR_OP_OR: mpz_ior(r, a, b); break;
    case KR_OP_XOR: mpz_xor(r, a, b); break;
    default: res = KR_NOTIMPLEMENTED; break;
    }
    if (e)
        res = kr_bigint_raise(t, e, &err);
    else if (res == KR_ABSENT)
        res = kr_int_from_mpz(t, r);
    mpz_clear(ta);
    mpz_clear(tb);
    mpz_clear(r);
    return res;
}

static KrValue int_binary(KrThread *t, KrBinOp op, KrValue a, KrValue b)
{
    KrIntVal x, y;
    if (!kr_int_get(t, a, &x) || !kr_int_get(t, b, &y))
        return KR_NOTIMPLEMENTED;
    if (x.small && y.small) {
        int64_t i = x.i, j = y.i, r;
        switch (op) {
        case KR_OP_ADD:
            if (bigint_i64_add(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_SUB:
            if (bigint_i64_sub(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_MUL:
            if (bigint_i64_mul(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_TRUEDIV:
            if (j == 0)
                return int_zero_division(t, BIGINT_MSG_TRUEDIV_BY_ZERO);
            return kr_float(bigint_i64_truediv(i, j));
        case KR_OP_FLOORDIV:
            if (j == 0)
                return int_zero_division(t, BIGINT_MSG_FLOORDIV_BY_ZERO);
            if (bigint_i64_floordiv(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_MOD:
            if (j == 0)
                return int_zero_division(t, BIGINT_MSG_MOD_BY_ZERO);
            return kr_int_from_i64(t, bigint_i64_mod(i, j));
        case KR_OP_POW:
            if (j >= 0 && bigint_i64_pow(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_LSHIFT:
            if (j < 0)
                return int_negative_shift(t);
            if (bigint_i64_lshift(i, j, &r))
                return kr_int_from_i64(t, r);
            break;
        case KR_OP_RSHIFT:
            if (j < 0)
                return int_negative_shift(t);
            return kr_int_from_i64(t, bigint_i64_rshift(i, j));
        case KR_OP_AND: return kr_int_from_i64(t, i & j);
        case KR_OP_OR: return kr_int_from_i64(t, i | j);
        case KR_OP_XOR: return kr_int_from_i64(t, i ^ j);
        default: return KR_NOTIMPLEMENTED;
        }
    }
    return int_binary_big(t, op, &x, &y);
}

#define INT_BINARY(name, op) \
    static KrValue name(KrThread *t, KrValue a, KrValue b) { return int_binary(t, op, a, b); }
INT_BINARY(int_add, KR_OP_ADD)
INT_BINARY(int_sub, KR_OP_SUB)
INT_BINARY(int_mul, KR_OP_MUL)
INT_BINARY(int_truediv, KR_OP_TRUEDIV)
INT_BINARY(int_floordiv, KR_OP_FLOORDIV)
INT_BINARY(int_mod, KR_OP_MOD)
INT_BINARY(int_pow, KR_OP_POW)
INT_BINARY(int_lshift, KR_OP_LSHIFT)
INT_BINARY(int_rshift, KR_OP_RSHIFT)
INT_BINARY(int_and, KR_OP_AND)
INT_BINARY(int_or, KR_OP_OR)
INT_BINARY(int_xor, KR_OP_XOR)
#undef INT_BINARY

static KrValue int_pow3(KrThread *t, KrValue a, KrValue b, KrValue c)
{
    if (c == KR_NONE)
        return int_binary(t, KR_OP_POW, a, b);
    KrIntVal x, y, z;
    if (!kr_int_get(t, a, &x) || !kr_int_get(t, b, &y) || !kr_int_get(t, c, &z))
        return KR_NOTIMPLEMENTED;
    mpz_t ta, tb, tc, r;
    mpz_init(ta);
    mpz_init(tb);
    mpz_init(tc);
    mpz_init(r);
    BigintError err;
    BigintExc e = bigint_powmod(r, kr_int_mpz(&x, ta), kr_int_mpz(&y, tb), kr_int_mpz(&z, tc), &err);
    KrValue res = e ? kr_bigint_raise(t, e, &err) : kr_int_from_mpz(t, r);
    mpz_clear(ta);
    mpz_clear(tb);
    mpz_clear(tc);
    mpz_clear(r);
    return res;
}

/* divmod(a, b) for two ints (NotImplemented otherwise). */
KrValue kr_int_divmod(KrThread *t, KrValue a, KrValue b)
{
    KrIntVal x, y;
    if (!kr_int_get(t, a, &x) || !kr_int_get(t, b, &y))
        return KR_NOTIMPLEMENTED;
    if (x.small && y.small) {
        if (y.i == 0)
            return int_zero_division(t, BIGINT_MSG_FLOORDIV_BY_ZERO);
        int64_t q, r;
        if (bigint_i64_divmod(x.i, y.i, &q, &r)) {
            KrValue qv = kr_int_from_i64(t, q);
            if (qv == KR_ERROR)
                return qv;
            KrValue rv = kr_int_from_i64(t, r);
            KrValue res = rv == KR_ERROR ? KR_ERROR : kr_tuple_pack(t, 2, qv, rv);
            kr_decref(t, qv);
            kr_decref(t, rv);
            return res;
        }
    }
    mpz_t ta, tb, q, r;
    mpz_init(ta);
    mpz_init(tb);
    mpz_init(q);
    mpz_init(r);
    BigintError err;
    KrValue res = KR_ERROR;
    BigintExc e = bigint_divmod(q, r, kr_int_mpz(&x, ta), kr_int_mpz(&y, tb), &err);
    if (e) {
        kr_bigint_raise(t, e, &err);
    } else {
        KrValue qv = kr_int_from_mpz(t, q);
        KrValue rv = qv == KR_ERROR ? KR_ERROR : kr_int_from_mpz(t, r);
        if (rv != KR_ERROR)
            res = kr_tuple_pack(t, 2, qv, rv);
        kr_decref(t, qv);
        kr_decref(t, rv);
    }
    mpz_clear(ta);
    mpz_clear(tb);
    mpz_clear(q);
    mpz_clear(r);
    return res;
}

/* ---- unary operators ---- */

static KrValue int_neg(KrThread *t, KrValue a)
{
    KrIntVal x;
    if (!kr_int_get(t, a, &x))
        return KR_NOTIMPLEMENTED;
    int64_t r;
    if (x.small && bigint_i64_neg(x.i, &r))
        return kr_int_from_i64(t, r);
    mpz_t z;
    mpz_init(z);
    mpz_neg(z, kr_int_mpz(&x, z));
    KrValue res = kr_int_from_mpz(t, z);
    mpz_clear(z);
    return res;
}

static KrValue int_pos(KrThread *t, KrValue a)
{
    return kr_int_exact(t, a);
}

static KrValue int_abs(KrThread *t, KrValue a)
{
    KrIntVal x = kr_int_val(a);
    if (x.small ? x.i >= 0 : mpz_sgn(x.z) >= 0)
        return kr_int_exact(t, a);
    return int_neg(t, a);
}

static KrValue int_invert(KrThread *t, KrValue a)
{
    KrIntVal x = kr_int_val(a);
    if (x.small)
        return kr_int_from_i64(t, ~x.i);
    mpz_t z;
    mpz_init(z);
    mpz_com(z, x.z);
    KrValue res = kr_int_from_mpz(t, z);
    mpz_clear(z);
    return res;
}

static int int_truth(KrThread *t, KrValue a)
{
    (void)t;
    KrIntVal x = kr_int_val(a);
    return x.small ? x.i != 0 : mpz_sgn(x.z) != 0;
}

static KrValue int_to_float(KrThread *t, KrValue a)
{
    double d;
    if (kr_int_to_double(t, a, &d) < 0)
        return KR_ERROR;
    return kr_float(d);
}

/* ---- comparison, hash, repr ---- */

/* Ints compare with ints only: float's comparison handles int operands, so
 * a float subclass's reflected method still gets its turn as in CPython. */
static KrValue int_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrIntVal x, y;
    if (!kr_int_get(t, a, &x) || !kr_int_get(t, b, &y))
        return KR_NOTIMPLEMENTED;
    int c;
    if (x.small && y.small) {
        c = (x.i > y.i) - (x.i < y.i);
    } else {
        mpz_t ta, tb;
        mpz_init(ta);
        mpz_init(tb);
        c = mpz_cmp(kr_int_mpz(&x, ta), kr_int_mpz(&y, tb));
        c = (c > 0) - (c < 0);
        mpz_clear(ta);
        mpz_clear(tb);
    }
    return kr_number_cmp_result(c, op);
}

static int64_t int_hash(KrThread *t, KrValue a)
{
    (void)t;
    KrIntVal x = kr_int_val(a);
    return x.small ? bigint_i64_hash(x.i) : bigint_hash(x.z);
}

static KrValue int_to_text(KrThread *t, const KrIntVal *x, int base, unsigned flags)
{
    if (x->small) {
        char buf[BIGINT_I64_FORMAT_SIZE];
        size_t n = bigint_i64_format(x->i, base, flags, buf);
        return kr_str_from_utf8(t, buf, n);
    }
    size_t size = bigint_format_size(x->z, base);
    char *buf = malloc(size);
    if (!buf)
        return kr_no_memory(t);
    size_t n;
    BigintError err;
    BigintExc e = bigint_format(x->z, base, flags, t->vm->max_str_digits, buf, &n, &err);
    KrValue res = e ? kr_bigint_raise(t, e, &err) : kr_str_from_utf8(t, buf, n);
    free(buf);
    return res;
}

static KrValue int_repr(KrThread *t, KrValue a)
{
    KrIntVal x = kr_int_val(a);
    return int_to_text(t, &x, 10, 0);
}

/* hex(), oct(), bin() and the like: an int in base 2, 8 or 16 with its
 * prefix (never limited in length). */
KrValue kr_int_to_base(KrThread *t, KrValue v, int base)
{
    KrIntVal x = kr_int_val(v);
    return int_to_text(t, &x, base, BIGINT_FMT_PREFIX);
}

/* ---- construction ---- */

static const BigintUnicode int_unicode = {unicode_decimal, unicode_isprintable};

static KrValue int_from_parse(KrThread *t, BigintExc e, BigintResult *res, BigintError *err)
{
    if (e)
        return kr_bigint_raise(t, e, err);
    if (!res->is_big)
        return kr_int_from_i64(t, res->small);
    KrValue r = kr_int_from_mpz(t, res->big);
    mpz_clear(res->big);
    return r;
}

KrValue kr_int_from_str(KrThread *t, const char *s, size_t len, int base)
{
    BigintResult res;
    BigintError err;
    BigintExc e = bigint_parse_str(s, len, base, t->vm->max_str_digits, &int_unicode, &res, &err);
    return int_from_parse(t, e, &res, &err);
}

static bool int_is_bytearray(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && kr_type_check(t, v, kr_builtin_type(t, BYTEARRAY));
}

/* int(x, base) for a str, bytes or bytearray x; KR_ABSENT if x is none of
 * them. */
static KrValue int_from_text_value(KrThread *t, KrValue x, int base)
{
    if (kr_is_str(t, x)) {
        size_t len;
        char *owned;
        const char *s = kr_number_text(t, x, &len, &owned);
        if (!s)
            return KR_ERROR;
        KrValue r = kr_int_from_str(t, s, len, base);
        free(owned);
        return r;
    }
    const char *s;
    size_t len;
    if (kr_has_flag(t, x, KR_TPFLAG_BYTES_SUBCLASS)) {
        s = (const char *)kr_bytes_data(x);
        len = kr_bytes_len(x);
    } else if (int_is_bytearray(t, x)) {
        KrByteArray *ba = (KrByteArray *)kr_as_ptr(x);
        s = (const char *)ba->data;
        len = ba->len;
    } else {
        return KR_ABSENT;
    }
    BigintResult res;
    BigintError err;
    BigintExc e = bigint_parse_bytes(s ? s : "", len, base, t->vm->max_str_digits, &res, &err);
    return int_from_parse(t, e, &res, &err);
}

/* int(x) for a str, bytes or bytearray: base 10. */
KrValue kr_int_from_text_value(KrThread *t, KrValue x)
{
    return int_from_text_value(t, x, 10);
}

static KrValue int_new_value(KrThread *t, KrValue x, KrValue obase)
{
    if (x == KR_ABSENT) {
        if (obase != KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "int() missing string argument");
        return kr_smallint(0);
    }
    if (obase == KR_ABSENT)
        return kr_number_int(t, x);
    int64_t base;
    if (kr_as_ssize_clamped(t, obase, &base) < 0)
        return KR_ERROR;
    if ((base != 0 && base < 2) || base > 36)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", BIGINT_MSG_BAD_BASE);
    KrValue r = int_from_text_value(t, x, (int)base);
    if (r == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s", BIGINT_MSG_NON_STRING_BASE);
    return r;
}

static KrValue int_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nargs + nkw > 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "int() takes at most 2 arguments (%zu given)",
                            nargs + nkw);
    KrValue x = nargs > 0 ? args[0] : KR_ABSENT;
    KrValue base = nargs > 1 ? args[1] : KR_ABSENT;
    for (size_t i = 0; i < nkw; i++) {
        KrValue name = kr_tuple_items(kwnames)[i];
        if (!kr_str_equal_cstr(name, "base"))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for int()",
                                name);
        if (base != KR_ABSENT)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "argument for int() given by name ('base') and position (2)");
        base = args[nargs + i];
    }
    KrValue v = int_new_value(t, x, base);
    if (v == KR_ERROR || type == kr_builtin_type(t, INT))
        return v;
    mpz_t z;
    mpz_init(z);
    kr_int_as_mpz(t, v, z);
    kr_decref(t, v);
    KrValue r = kr_long_new_type(t, type, z);
    mpz_clear(z);
    return r;
}

/* ---- methods ---- */

static KrValue int_conjugate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.conjugate", nargs) < 0)
        return KR_ERROR;
    return kr_int_exact(t, self);
}

static uint64_t int_bit_length_of(const KrIntVal *x)
{
    if (!x->small)
        return bigint_bit_length(x->z);
    uint64_t u = x->i < 0 ? -(uint64_t)x->i : (uint64_t)x->i;
    return u ? 64 - (uint64_t)__builtin_clzll(u) : 0;
}

static KrValue int_bit_length(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.bit_length", nargs) < 0)
        return KR_ERROR;
    KrIntVal x = kr_int_val(self);
    return kr_int_from_u64(t, int_bit_length_of(&x));
}

static KrValue int_bit_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.bit_count", nargs) < 0)
        return KR_ERROR;
    KrIntVal x = kr_int_val(self);
    if (!x.small)
        return kr_int_from_u64(t, bigint_bit_count(x.z));
    uint64_t u = x.i < 0 ? -(uint64_t)x.i : (uint64_t)x.i;
    return kr_smallint(__builtin_popcountll(u));
}

static KrValue int_as_integer_ratio(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                                    KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.as_integer_ratio", nargs) < 0)
        return KR_ERROR;
    KrValue n = kr_int_exact(t, self);
    if (n == KR_ERROR)
        return n;
    KrValue r = kr_tuple_pack(t, 2, n, kr_smallint(1));
    kr_decref(t, n);
    return r;
}

/* __trunc__, __floor__, __ceil__, __index__-like methods: the int itself. */
static KrValue int_self_method(KrThread *t, KrValue self, size_t nargs, const char *qualname)
{
    if (kr_number_noargs(t, qualname, nargs) < 0)
        return KR_ERROR;
    return kr_int_exact(t, self);
}

static KrValue int_trunc_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return int_self_method(t, self, nargs, "int.__trunc__");
}

static KrValue int_floor_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return int_self_method(t, self, nargs, "int.__floor__");
}

static KrValue int_ceil_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    return int_self_method(t, self, nargs, "int.__ceil__");
}

static KrValue int_round_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "__round__", nargs, 0, 1) < 0)
        return KR_ERROR;
    /* Unlike float.__round__, None is no "absent" here (round(x, None)
     * calls __round__ without argument). */
    if (nargs == 0)
        return kr_int_exact(t, self);
    KrValue nd = kr_index(t, args[0]);
    if (nd == KR_ERROR)
        return nd;
    KrIntVal n = kr_int_val(nd);
    bool nonneg = n.small ? n.i >= 0 : mpz_sgn(n.z) >= 0;
    int64_t ndigits = n.small ? n.i : INT64_MIN;
    kr_decref(t, nd);
    if (nonneg)
        return kr_int_exact(t, self);
    KrIntVal x = kr_int_val(self);
    mpz_t tx, r;
    mpz_init(tx);
    mpz_init(r);
    BigintError err;
    BigintExc e = bigint_round(r, kr_int_mpz(&x, tx), ndigits, &err);
    KrValue res = e ? kr_bigint_raise(t, e, &err) : kr_int_from_mpz(t, r);
    mpz_clear(tx);
    mpz_clear(r);
    return res;
}

static KrValue int_getnewargs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.__getnewargs__", nargs) < 0)
        return KR_ERROR;
    KrValue n = kr_int_exact(t, self);
    if (n == KR_ERROR)
        return n;
    KrValue r = kr_tuple_pack(t, 1, n);
    kr_decref(t, n);
    return r;
}

static KrValue int_sizeof(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_number_noargs(t, "int.__sizeof__", nargs) < 0)
        return KR_ERROR;
    KrIntVal x = kr_int_val(self);
    uint64_t size = bigint_cpython_sizeof(int_bit_length_of(&x));
    /* A subclass instance may carry a dict slot and such. */
    KrType *tp = kr_type(t, self);
    if (kr_is_ptr(self) && tp != kr_builtin_type(t, INT) && tp->basicsize > sizeof(KrLong))
        size += tp->basicsize - sizeof(KrLong);
    return kr_int_from_u64(t, size);
}

static KrValue int_format_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
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
    NumfmtStatus st = numfmt_parse_spec(&spec, s, len, 'd', tname, &buf);
    if (st)
        goto fail;
    numbuf_clear(&buf);
    KrIntVal x = kr_int_val(self);
    if (x.small) {
        st = numfmt_format_i64(&buf, &spec, x.i, tname);
    } else {
        /* Decimal output obeys the int -> str digit limit. */
        int maxd = t->vm->max_str_digits;
        if ((spec.type == 'd' || spec.type == 'n') && maxd > 0 && mpz_sizeinbase(x.z, 10) > (size_t)maxd) {
            KrValue text = int_to_text(t, &x, 10, 0);
            if (text == KR_ERROR) {
                numbuf_free(&buf);
                return KR_ERROR;
            }
            kr_decref(t, text);
        }
        st = numfmt_format_mpz(&buf, &spec, x.z, tname);
    }
    if (st)
        goto fail;
    res = kr_number_str_from_buf(t, &buf);
    numbuf_free(&buf);
    return res;
fail:
    res = kr_numfmt_raise(t, st, &buf);
    numbuf_free(&buf);
    return res;
}

static KrValue int_divmod_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 1 argument, got %zu", nargs);
    return kr_int_divmod(t, self, args[0]);
}

static KrValue int_rdivmod_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected 1 argument, got %zu", nargs);
    return kr_int_divmod(t, args[0], self);
}

/* The byteorder argument of to_bytes/from_bytes: 1 little, 0 big, -1 error. */
static int int_byteorder(KrThread *t, const char *fname, KrValue v)
{
    if (v == KR_ABSENT)
        return 0;
    if (!kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() argument 'byteorder' must be str, not %T",
                                fname, v);
    if (kr_str_equal_cstr(v, "little"))
        return 1;
    if (kr_str_equal_cstr(v, "big"))
        return 0;
    return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "%s", BIGINT_MSG_BYTEORDER);
}

static const char *const int_to_bytes_names[] = {"length", "byteorder", "signed"};
static const KrArgSpec int_to_bytes_spec = {"to_bytes", int_to_bytes_names, 3, 0, 0, 2};

static KrValue int_to_bytes(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue a[3];
    if (kr_parse_args(t, &int_to_bytes_spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t length = 1;
    if (a[0] != KR_ABSENT && kr_as_ssize(t, a[0], &length) < 0)
        return KR_ERROR;
    if (length < 0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", BIGINT_MSG_NEGATIVE_LENGTH);
    int little = int_byteorder(t, "to_bytes", a[1]);
    if (little < 0)
        return KR_ERROR;
    int is_signed = 0;
    if (a[2] != KR_ABSENT && (is_signed = kr_truth(t, a[2])) < 0)
        return KR_ERROR;
    unsigned char small[64];
    unsigned char *buf = small;
    if ((size_t)length > sizeof small) {
        buf = malloc((size_t)length);
        if (!buf)
            return kr_no_memory(t);
    }
    KrIntVal x = kr_int_val(self);
    mpz_t tx;
    mpz_init(tx);
    BigintError err;
    BigintExc e = bigint_to_bytes(kr_int_mpz(&x, tx), buf, (size_t)length, little, is_signed, &err);
    mpz_clear(tx);
    KrValue res = e ? kr_bigint_raise(t, e, &err) : kr_bytes_new(t, buf, (size_t)length);
    if (buf != small)
        free(buf);
    return res;
}

static const char *const int_from_bytes_names[] = {"bytes", "byteorder", "signed"};
static const KrArgSpec int_from_bytes_spec = {"from_bytes", int_from_bytes_names, 3, 0, 1, 2};

static KrValue int_from_bytes(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrValue a[3];
    if (kr_parse_args(t, &int_from_bytes_spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int little = int_byteorder(t, "from_bytes", a[1]);
    if (little < 0)
        return KR_ERROR;
    int is_signed = 0;
    if (a[2] != KR_ABSENT && (is_signed = kr_truth(t, a[2])) < 0)
        return KR_ERROR;
    KrValue bytes = kr_has_flag(t, a[0], KR_TPFLAG_BYTES_SUBCLASS) ? kr_incref(a[0]) : kr_bytes_from_object(t, a[0]);
    if (bytes == KR_ERROR)
        return KR_ERROR;
    mpz_t r;
    mpz_init(r);
    BigintError err;
    BigintExc e = bigint_from_bytes(r, kr_bytes_data(bytes), kr_bytes_len(bytes), little, is_signed, &err);
    kr_decref(t, bytes);
    KrValue res = e ? kr_bigint_raise(t, e, &err) : kr_int_from_mpz(t, r);
    mpz_clear(r);
    if (res != KR_ERROR && kr_as_type(cls) != kr_builtin_type(t, INT)) {
        KrValue inst = kr_call1(t, cls, res);
        kr_decref(t, res);
        res = inst;
    }
    return res;
}

const KrMethodDef kr_int_methods[] = {
    {"conjugate", int_conjugate, 0, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, 0, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", int_to_bytes, KR_METH_KEYWORDS, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, KR_METH_KEYWORDS | KR_METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, 0, "Return integer ratio."},
    {"__trunc__", int_trunc_m, 0, "Truncating an Integral returns itself."},
    {"__floor__", int_floor_m, 0, "Flooring an Integral returns itself."},
    {"__ceil__", int_ceil_m, 0, "Ceiling of an Integral returns itself."},
    {"__round__", int_round_m, 0, "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", int_getnewargs, 0, NULL},
    {"__format__", int_format_m, 0, "Convert to a string according to format_spec."},
    {"__sizeof__", int_sizeof, 0, "Returns size in memory, in bytes."},
    {"__divmod__", int_divmod_m, 0, "Return divmod(self, value)."},
    {"__rdivmod__", int_rdivmod_m, 0, "Return divmod(value, self)."},
    {0},
};

/* ---- attributes ---- */

static KrValue int_get_self(KrThread *t, KrValue self)
{
    return kr_int_exact(t, self);
}

static KrValue int_get_zero(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return kr_smallint(0);
}

static KrValue int_get_one(KrThread *t, KrValue self)
{
    (void)t, (void)self;
    return kr_smallint(1);
}

const KrGetSetDef kr_int_getsets[] = {
    {"real", int_get_self, NULL, "the real part of a complex number"},
    {"imag", int_get_zero, NULL, "the imaginary part of a complex number"},
    {"numerator", int_get_self, NULL, "the numerator of a rational number in lowest terms"},
    {"denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms"},
    {0},
};

void kr_int_methods_fill(KrType *tp)
{
    tp->new_ = int_new;
    tp->repr = int_repr;
    tp->hash = int_hash;
    tp->compare = int_compare;
    tp->binary[KR_OP_ADD] = int_add;
    tp->binary[KR_OP_SUB] = int_sub;
    tp->binary[KR_OP_MUL] = int_mul;
    tp->binary[KR_OP_TRUEDIV] = int_truediv;
    tp->binary[KR_OP_FLOORDIV] = int_floordiv;
    tp->binary[KR_OP_MOD] = int_mod;
    tp->binary[KR_OP_POW] = int_pow;
    tp->binary[KR_OP_LSHIFT] = int_lshift;
    tp->binary[KR_OP_RSHIFT] = int_rshift;
    tp->binary[KR_OP_AND] = int_and;
    tp->binary[KR_OP_OR] = int_or;
    tp->binary[KR_OP_XOR] = int_xor;
    tp->pow3 = int_pow3;
    tp->neg = int_neg;
    tp->pos = int_pos;
    tp->abs = int_abs;
    tp->invert = int_invert;
    tp->truth = int_truth;
    tp->to_int = kr_int_exact;
    tp->index = kr_int_exact;
    tp->to_float = int_to_float;
}

/* ---- bool ---- */

static KrValue bool_repr(KrThread *t, KrValue self)
{
    return kr_str_from_cstr(t, self == KR_TRUE ? "True" : "False");
}

static KrValue bool_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    if (kr_no_kwargs(t, "bool", kwnames) < 0 || kr_check_nargs(t, "bool", nargs, 0, 1) < 0)
        return KR_ERROR;
    if (nargs == 0)
        return KR_FALSE;
    int b = kr_truth(t, args[0]);
    return b < 0 ? KR_ERROR : kr_bool(b);
}

/* & | ^ of two bools is a bool; anything else is int arithmetic. */
static KrValue bool_and(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_bool(a) && kr_is_bool(b))
        return kr_bool(a == KR_TRUE && b == KR_TRUE);
    return int_binary(t, KR_OP_AND, a, b);
}

static KrValue bool_or(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_bool(a) && kr_is_bool(b))
        return kr_bool(a == KR_TRUE || b == KR_TRUE);
    return int_binary(t, KR_OP_OR, a, b);
}

static KrValue bool_xor(KrThread *t, KrValue a, KrValue b)
{
    if (kr_is_bool(a) && kr_is_bool(b))
        return kr_bool(a != b);
    return int_binary(t, KR_OP_XOR, a, b);
}

static void bool_fill(KrType *tp)
{
    tp->new_ = bool_new;
    tp->repr = bool_repr;
    tp->binary[KR_OP_AND] = bool_and;
    tp->binary[KR_OP_OR] = bool_or;
    tp->binary[KR_OP_XOR] = bool_xor;
}

const KrTypeSpec kr_bool_spec = {
    .name = "bool",
    .basicsize = sizeof(KrLong),
    .flags = KR_TPFLAG_INT_SUBCLASS,
    .fill = bool_fill,
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
};

/* sys.get_int_max_str_digits() and sys.set_int_max_str_digits(): the
 * limit on decimal (and other non-power-of-two base) conversions. */
KrValue kr_sys_get_int_max_str_digits(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args;
    if (kr_no_kwargs(t, "get_int_max_str_digits", kwnames) < 0 ||
        kr_check_nargs(t, "get_int_max_str_digits", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, t->vm->max_str_digits);
}

KrValue kr_sys_set_int_max_str_digits(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"maxdigits"};
    static const KrArgSpec spec = {"set_int_max_str_digits", names, 1, 0, 1, 1};
    KrValue a[1];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t n;
    if (kr_as_ssize(t, a[0], &n) < 0)
        return KR_ERROR;
    if (n < 0 || (n != 0 && n < BIGINT_MAX_STR_DIGITS_THRESHOLD) || n > INT_MAX)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", BIGINT_MSG_MAXDIGITS_RANGE);
    t->vm->max_str_digits = (int)n;
    return KR_NONE;
}
