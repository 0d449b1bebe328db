/* bytes % args and bytearray % args (PEP 461): printf-style formatting
 * whose %s/%b take bytes-like objects or __bytes__, %r/%a give ascii(),
 * and %c takes an int or a single byte.  Numbers go through numfmt's
 * percent helpers, as str % does. */
#include <string.h>

#include "core/numfmt.h"
#include "objects/bytes_common.h"

typedef struct {
    KrValue args;       /* the right operand */
    KrValue dict;       /* the mapping for %(key)s, or KR_ABSENT */
    int64_t arglen;     /* -1: a single non-tuple argument */
    int64_t argidx;
} BfArgs;

/* The next positional argument (borrowed).  As in CPython, a single
 * non-tuple argument is arglen -1 / argidx -2 until it is used. */
static KrValue bf_next_arg(KrThread *t, BfArgs *a)
{
    if (a->argidx < a->arglen) {
        int64_t i = a->argidx++;
        return a->arglen < 0 ? a->args : kr_tuple_items(a->args)[i];
    }
    return kr_raise_fmt(t, kr_exc_type(t, TypeError), "not enough arguments for format string");
}

static int bf_numfmt_error(KrThread *t, NumfmtStatus st, NumBuf *b)
{
    if (st == NUMFMT_MEMORY_ERROR)
        kr_no_memory(t);
    else
        kr_raise_fmt(t, st == NUMFMT_OVERFLOW_ERROR ? kr_exc_type(t, OverflowError) : kr_exc_type(t, ValueError), "%s",
                     b->data);
    return -1;
}

/* Appends `s` padded to the conversion's width with spaces. */
static int bf_put_padded(KrThread *t, BytesBuf *out, const NumfmtPercent *p, const unsigned char *s, size_t n)
{
    if (p->precision >= 0 && (uint64_t)p->precision < n)
        n = (size_t)p->precision;
    size_t pad = p->width > (int64_t)n ? (size_t)(p->width - (int64_t)n) : 0;
    if (!p->left && bbuf_append_repeat(t, out, ' ', pad) < 0)
        return -1;
    if (bbuf_append(t, out, s, n) < 0)
        return -1;
    if (p->left && bbuf_append_repeat(t, out, ' ', pad) < 0)
        return -1;
    return 0;
}

static int bf_put_numbuf(KrThread *t, BytesBuf *out, NumfmtStatus st, NumBuf *nb)
{
    int r = st == NUMFMT_OK ? bbuf_append(t, out, nb->data, nb->len) : bf_numfmt_error(t, st, nb);
    numbuf_free(nb);
    return r;
}

/* An int value for %d %x ...: appends its formatting. */
static int bf_put_int(KrThread *t, BytesBuf *out, const NumfmtPercent *p, KrValue v)
{
    NumBuf nb;
    numbuf_init(&nb);
    int64_t i;
    if (kr_int_as_i64(t, v, &i) == 0)
        return bf_put_numbuf(t, out, numfmt_percent_i64(&nb, p, i), &nb);
    if (!kr_err_matches(t, kr_exc_type(t, OverflowError))) {
        numbuf_free(&nb);
        return -1;
    }
    kr_err_clear(t);
    mpz_t z;
    mpz_init(z);
    kr_int_as_mpz(t, v, z);
    NumfmtStatus st = numfmt_percent_mpz(&nb, p, z);
    mpz_clear(z);
    return bf_put_numbuf(t, out, st, &nb);
}

static bool bf_is_number(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    return kr_is_int(t, v) || kr_is_float_value(t, v) || tp->index || tp->to_int || tp->to_float;
}

static int bf_convert(KrThread *t, BytesBuf *out, NumfmtPercent *p, unsigned char type, KrValue v)
{
    switch (type) {
    case 's':
    case 'b': {
        const unsigned char *d;
        size_t n;
        if (bytes_is_bytes(t, v) || bytes_is_bytearray(t, v) || bytes_is_memoryview(t, v)) {
            if (kr_get_buffer(t, v, &d, &n, NULL) < 0)
                return -1;
            /* Copy: padding cannot run code, but keep the rule simple. */
            return bf_put_padded(t, out, p, d, n);
        }
        KrValue r = kr_call_special(t, v, kr_name(t, dunder_bytes), NULL, 0);
        if (r == KR_ERROR)
            return -1;
        if (r == KR_ABSENT)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                                    kr_typename_of(t, v));
        if (!bytes_is_bytes(t, r)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "__bytes__ returned non-bytes (type %s)", kr_typename_of(t, r));
            kr_decref(t, r);
            return -1;
        }
        int st = bf_put_padded(t, out, p, kr_bytes_data(r), kr_bytes_len(r));
        kr_decref(t, r);
        return st;
    }
    case 'r':
    case 'a': {
        KrValue s = kr_ascii(t, v);
        if (s == KR_ERROR)
            return -1;
        size_t n;
        const char *u = kr_str_utf8(t, s, &n);
        int st = u ? bf_put_padded(t, out, p, (const unsigned char *)u, n) : -1;
        kr_decref(t, s);
        return st;
    }
    case 'c': {
        unsigned char c;
        if (bytes_is_bytes(t, v) && kr_bytes_len(v) == 1) {
            c = kr_bytes_data(v)[0];
        } else if (bytes_is_bytearray(t, v) && kr_as_bytearray(v)->len == 1) {
            c = kr_as_bytearray(v)->data[0];
        } else if (kr_is_int(t, v) || kr_type(t, v)->index) {
            KrValue iv = kr_index(t, v);
            if (iv == KR_ERROR)
                return -1;
            int64_t i;
            int st = kr_int_as_i64(t, iv, &i);
            kr_decref(t, iv);
            if (st < 0) {
                if (!kr_err_matches(t, kr_exc_type(t, OverflowError)))
                    return -1;
                kr_err_clear(t);
                i = -1;
            }
            if (i < 0 || i > 255)
                return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "%%c arg not in range(256)");
            c = (unsigned char)i;
        } else {
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "%%c requires an integer in range(256) or a single byte");
        }
        p->precision = -1;
        return bf_put_padded(t, out, p, &c, 1);
    }
    case 'd':
    case 'i':
    case 'u': {
        if (!bf_is_number(t, v))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%%%c format: a real number is required, not %s",
                                    type, kr_typename_of(t, v));
        KrValue iv = kr_is_int(t, v) ? kr_incref(v) : kr_number_int(t, v);
        if (iv == KR_ERROR)
            return -1;
        NumfmtPercent q = *p;
        q.type = 'd';
        int st = bf_put_int(t, out, &q, iv);
        kr_decref(t, iv);
        return st;
    }
    case 'o':
    case 'x':
    case 'X': {
        if (!kr_is_int(t, v) && !kr_type(t, v)->index)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%%%c format: an integer is required, not %s", type,
                                    kr_typename_of(t, v));
        KrValue iv = kr_index(t, v);
        if (iv == KR_ERROR)
            return -1;
        int st = bf_put_int(t, out, p, iv);
        kr_decref(t, iv);
        return st;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
        if (!bf_is_number(t, v))
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "float argument required, not %s",
                                    kr_typename_of(t, v));
        double x;
        if (kr_as_double(t, v, &x) < 0)
            return -1;
        NumBuf nb;
        numbuf_init(&nb);
        return bf_put_numbuf(t, out, numfmt_percent_double(&nb, p, x), &nb);
    }
    default:
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "unsupported format character '%c' (0x%x) at index %zu",
                                (unsigned)type, (unsigned)type, p->type_pos);
    }
}

/* A '*' width or precision: an int argument. */
static int bf_star(KrThread *t, BfArgs *a, int64_t *out)
{
    KrValue v = bf_next_arg(t, a);
    if (v == KR_ERROR)
        return -1;
    if (!kr_is_int(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "* wants int");
    if (kr_int_as_i64(t, v, out) < 0 || *out > INT32_MAX || *out < -INT32_MAX) {
        kr_err_clear(t);
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "width too big");
    }
    return 0;
}

KrValue bytes_percent_format(KrThread *t, const unsigned char *fmt_in, size_t n, KrValue args, bool as_bytearray)
{
    /* The format may be a bytearray's buffer, which arguments' __bytes__
     * could resize: work on a copy. */
    unsigned char *fmt = malloc(n + 1);
    if (!fmt)
        return kr_no_memory(t);
    memcpy(fmt, fmt_in, n);
    fmt[n] = 0;
    BfArgs a = {args, KR_ABSENT, -1, -2};
    if (kr_is_tuple(t, args)) {
        a.arglen = (int64_t)kr_tuple_len(args);
        a.argidx = 0;
    } else {
        KrType *tp = kr_type(t, args);
        if (tp->getitem && !kr_is_str(t, args) && !bytes_is_bytes(t, args) && !bytes_is_bytearray(t, args))
            a.dict = args;
    }
    BytesBuf out;
    bbuf_init(&out);
    NumBuf err;
    numbuf_init(&err);
    size_t i = 0;
    while (i < n) {
        unsigned char *pct = memchr(fmt + i, '%', n - i);
        size_t stop = pct ? (size_t)(pct - fmt) : n;
        if (bbuf_append(t, &out, fmt + i, stop - i) < 0)
            goto fail;
        if (!pct)
            break;
        i = stop + 1;
        if (i < n && fmt[i] == '%') {
            if (bbuf_append_byte(t, &out, '%') < 0)
                goto fail;
            i++;
            continue;
        }
        NumfmtPercent p;
        size_t end;
        NumfmtStatus st = numfmt_parse_percent(&p, (const char *)fmt, n, i, &end, &err);
        if (st != NUMFMT_OK) {
            bf_numfmt_error(t, st, &err);
            goto fail;
        }
        unsigned char type = fmt[p.type_pos];
        i = p.type_pos + 1;
        KrValue value = KR_ABSENT, owned = KR_ABSENT;
        if (p.has_key) {
            if (a.dict == KR_ABSENT) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "format requires a mapping");
                goto fail;
            }
            KrValue key = kr_bytes_new(t, fmt + p.key_start, p.key_len);
            if (key == KR_ERROR)
                goto fail;
            owned = kr_getitem(t, a.dict, key);
            kr_decref(t, key);
            if (owned == KR_ERROR)
                goto fail;
            value = owned;
            /* The keyed value counts as the one argument, used up: a later
             * unkeyed conversion finds "not enough arguments". */
            a.arglen = -1;
            a.argidx = -1;
        }
        if (p.width_star) {
            if (bf_star(t, &a, &p.width) < 0)
                goto fail_value;
            if (p.width < 0) {
                p.left = true;
                p.width = -p.width;
            }
        }
        if (p.precision_star) {
            if (bf_star(t, &a, &p.precision) < 0)
                goto fail_value;
            if (p.precision < 0)
                p.precision = 0;
        }
        if (type == '%') {
            if (bbuf_append_byte(t, &out, '%') < 0)
                goto fail_value;
            kr_xdecref(t, owned);
            continue;
        }
        if (value == KR_ABSENT) {
            value = bf_next_arg(t, &a);
            if (value == KR_ERROR)
                goto fail_value;
        }
        if (bf_convert(t, &out, &p, type, value) < 0)
            goto fail_value;
        kr_xdecref(t, owned);
        continue;
    fail_value:
        kr_xdecref(t, owned);
        goto fail;
    }
    if (a.argidx < a.arglen && a.dict == KR_ABSENT) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "not all arguments converted during bytes formatting");
        goto fail;
    }
    numbuf_free(&err);
    free(fmt);
    return bbuf_finish(t, &out, as_bytearray);
fail:
    numbuf_free(&err);
    bbuf_free(&out);
    free(fmt);
    return KR_ERROR;
}
