/* int and bool: construction and the core slots.  Small ints are
 * immediates (value.h); larger ones and instances of int subclasses are
 * KrLong objects on GMP.  Arithmetic and the methods are in int_methods.c. */
#include <stdlib.h>

#include "core/bigint.h"
#include "objects/number.h"

static KrValue long_alloc(KrThread *t, KrType *type)
{
    KrLong *l = (KrLong *)kr_alloc(t, type, type->basicsize ? type->basicsize : sizeof(KrLong));
    if (!l)
        return KR_ERROR;
    mpz_init(l->z);
    return kr_ptr(l);
}

KrValue kr_long_new_type(KrThread *t, KrType *type, const mpz_t z)
{
    KrValue r = long_alloc(t, type);
    if (r == KR_ERROR)
        return r;
    mpz_set(((KrLong *)kr_as_ptr(r))->z, z);
    return r;
}

KrValue kr_int_from_i64(KrThread *t, int64_t i)
{
    if (kr_fits_smallint(i))
        return kr_smallint(i);
    KrValue r = long_alloc(t, kr_builtin_type(t, INT));
    if (r != KR_ERROR)
        mpz_set_si(((KrLong *)kr_as_ptr(r))->z, (long)i);
    return r;
}

KrValue kr_int_from_u64(KrThread *t, uint64_t u)
{
    if (u <= (uint64_t)KR_SMALLINT_MAX)
        return kr_smallint((int64_t)u);
    KrValue r = long_alloc(t, kr_builtin_type(t, INT));
    if (r != KR_ERROR)
        mpz_set_ui(((KrLong *)kr_as_ptr(r))->z, (unsigned long)u);
    return r;
}

KrValue kr_int_from_mpz(KrThread *t, const mpz_t z)
{
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (kr_fits_smallint(v))
            return kr_smallint(v);
    }
    KrValue r = long_alloc(t, kr_builtin_type(t, INT));
    if (r != KR_ERROR)
        mpz_set(((KrLong *)kr_as_ptr(r))->z, z);
    return r;
}

bool kr_is_int(KrThread *t, KrValue v)
{
    (void)t;
    return kr_is_smallint(v) || kr_is_bool(v) ||
           (kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_INT_SUBCLASS));
}

int kr_int_as_i64(KrThread *t, KrValue v, int64_t *out)
{
    if (kr_is_smallint(v)) {
        *out = kr_as_smallint(v);
        return 0;
    }
    if (kr_is_bool(v)) {
        *out = v == KR_TRUE;
        return 0;
    }
    KrLong *l = (KrLong *)kr_as_ptr(v);
    if (!mpz_fits_slong_p(l->z))
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C long");
    *out = mpz_get_si(l->z);
    return 0;
}

void kr_int_as_mpz(KrThread *t, KrValue v, mpz_t out)
{
    (void)t;
    if (kr_is_smallint(v))
        mpz_set_si(out, (long)kr_as_smallint(v));
    else if (kr_is_bool(v))
        mpz_set_si(out, v == KR_TRUE);
    else
        mpz_set(out, ((KrLong *)kr_as_ptr(v))->z);
}

double kr_int_as_double_unchecked(KrThread *t, KrValue v)
{
    (void)t;
    if (kr_is_smallint(v))
        return (double)kr_as_smallint(v);
    if (kr_is_bool(v))
        return v == KR_TRUE;
    return mpz_get_d(((KrLong *)kr_as_ptr(v))->z);
}

static void long_dealloc(KrThread *t, KrObject *o)
{
    mpz_clear(((KrLong *)o)->z);
    kr_free_object(t, o);
}

void kr_int_methods_fill(KrType *tp);
extern const KrMethodDef kr_int_methods[];
extern const KrGetSetDef kr_int_getsets[];

static void int_fill(KrType *tp)
{
    tp->dealloc = long_dealloc;
    kr_int_methods_fill(tp);
}

const KrTypeSpec kr_int_spec = {
    .name = "int",
    .basicsize = sizeof(KrLong),
    .flags = KR_TPFLAG_BASETYPE | KR_TPFLAG_INT_SUBCLASS,
    .methods = kr_int_methods,
    .getsets = kr_int_getsets,
    .fill = int_fill,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
           "Convert a number or string to an integer, or return 0 if no arguments\n"
           "are given.  If x is a number, return x.__int__().  For floating point\n"
           "numbers, this truncates towards zero.\n\n"
           "If x is not a number or if base is given, then x must be a string,\n"
           "bytes, or bytearray instance representing an integer literal in the\n"
           "given base.  The literal can be preceded by '+' or '-' and be surrounded\n"
           "by whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\n"
           "Base 0 means to interpret the base from the string as an integer literal.\n"
           ">>> int('0b100', base=0)\n4",
};
