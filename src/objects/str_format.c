/* str's formatting: printf-style `fmt % args`, str.format / format_map
 * and str.__format__.
 *
 * The numbers themselves are numfmt's (core/numfmt.h); this file reads the
 * templates, finds the values, and reproduces CPython 3.11's order of
 * checks, which decides which error a malformed template and bad
 * arguments report.  The %-template is parsed here rather than by
 * numfmt_parse_percent because CPython interleaves parsing with fetching
 * arguments: "%(key)" looks the key up and "*" takes an argument before
 * the rest of the conversion is read, so a missing key or a bad "*" value
 * is reported ahead of an incomplete conversion. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/unicode_props.h"
#include "objects/objects.h"
#include "objects/str_format.h"

static KrValue fmt_value_error(KrThread *t, const char *msg)
{
    return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", msg);
}

/* Raises the exception a failed numfmt call describes in `err`. */
static KrValue fmt_numfmt_error(KrThread *t, NumfmtStatus st, NumBuf *err)
{
    switch (st) {
    case NUMFMT_VALUE_ERROR: return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s", err->data);
    case NUMFMT_OVERFLOW_ERROR: return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "%s", err->data);
    default: return kr_no_memory(t);
    }
}

/* ------------------------------------------------------------------ */
/* printf-style formatting                                             */
/* ------------------------------------------------------------------ */

typedef struct {
    KrThread *t;
    KrStr *fmt;
    size_t pos;
    KrValue args;        /* the tuple, the single value, or a mapping's value */
    bool args_owned;
    int64_t arglen;      /* -1: args is one value */
    int64_t argidx;
    KrValue dict;        /* the mapping for %(key)s, or KR_ABSENT */
} PercentCtx;

static KrValue pct_next_arg(PercentCtx *c)
{
    if (c->argidx < c->arglen) {
        int64_t i = c->argidx++;
        return c->arglen < 0 ? c->args : kr_tuple_items(c->args)[i];
    }
    return kr_raise_fmt(c->t, kr_exc_type(c->t, TypeError), "not enough arguments for format string");
}

/* A '*' width or precision: the next argument, which must be an int. */
static int pct_star(PercentCtx *c, bool precision, int64_t *out)
{
    KrThread *t = c->t;
    KrValue v = pct_next_arg(c);
    if (v == KR_ERROR)
        return -1;
    if (!kr_is_int(t, v)) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "* wants int");
        return -1;
    }
    int64_t x;
    if (kr_int_as_i64(t, v, &x) < 0 || (precision && (x < INT_MIN || x > INT_MAX))) {
        if (kr_err_occurred(t))
            kr_err_clear(t);
        kr_raise_fmt(t, kr_exc_type(t, OverflowError), precision ? "Python int too large to convert to C int"
                                                                 : "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = x;
    return 0;
}

/* Reads digits of a width (limit INT64_MAX) or precision (INT_MAX). */
static int pct_digits(PercentCtx *c, int64_t limit, const char *too_big, int64_t *out)
{
    int64_t v = 0;
    while (c->pos < c->fmt->len) {
        uint32_t ch = kr_str_char(c->fmt, c->pos);
        if (ch < '0' || ch > '9')
            break;
        if (v > (limit - (int64_t)(ch - '0')) / 10) {
            fmt_value_error(c->t, too_big);
            return -1;
        }
        v = v * 10 + (int64_t)(ch - '0');
        c->pos++;
    }
    *out = v;
    return 0;
}

/* PyNumber_Check: what %d accepts before converting. */
static bool pct_is_number(KrThread *t, KrValue v)
{
    if (kr_is_float(v) || kr_is_smallint(v) || kr_is_bool(v))
        return true;
    KrType *tp = kr_type(t, v);
    return tp->to_int || tp->to_float || tp->index || kr_type_check(t, v, kr_builtin_type(t, COMPLEX));
}

static int pct_format_int(KrThread *t, const NumfmtPercent *p, KrValue v, NumBuf *out)
{
    char type = (char)p->type;
    bool need_index = type == 'o' || type == 'x' || type == 'X';
    KrValue iv;
    if (!pct_is_number(t, v))
        goto wrongtype;
    if (kr_is_int(t, v)) {
        iv = kr_incref(v);
    } else {
        iv = need_index ? kr_index(t, v) : kr_number_int(t, v);
        if (iv == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
                kr_err_clear(t);
                goto wrongtype;
            }
            return -1;
        }
    }
    NumfmtStatus st;
    int64_t small;
    if (kr_is_smallint(iv) || kr_is_bool(iv)) {
        small = kr_is_bool(iv) ? iv == KR_TRUE : kr_as_smallint(iv);
        st = numfmt_percent_i64(out, p, small);
    } else {
        mpz_t z;
        mpz_init(z);
        kr_int_as_mpz(t, iv, z);
        st = numfmt_percent_mpz(out, p, z);
        mpz_clear(z);
    }
    kr_decref(t, iv);
    if (st != NUMFMT_OK) {
        fmt_numfmt_error(t, st, out);
        return -1;
    }
    return 0;
wrongtype:
    kr_raise_fmt(t, kr_exc_type(t, TypeError), need_index ? "%%%c format: an integer is required, not %s"
                                                          : "%%%c format: a real number is required, not %s",
                 type, kr_typename_of(t, v));
    return -1;
}

/* PyFloat_AsDouble: a float, or __float__ / __index__. */
static int pct_as_double(KrThread *t, KrValue v, double *out)
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
    if (!kr_is_int(t, v) && !tp->to_float && !tp->index) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "must be real number, not %s", kr_typename_of(t, v));
        return -1;
    }
    return kr_as_double(t, v, out);
}

/* %c: a one-character str or an int code point. */
static int pct_char(KrThread *t, KrValue v, uint32_t *out)
{
    if (kr_is_str(t, v)) {
        if (kr_as_str(v)->len == 1) {
            *out = kr_str_char(kr_as_str(v), 0);
            return 0;
        }
    } else if (kr_is_smallint(v) || kr_is_bool(v) || kr_type(t, v)->index) {
        KrValue iv = kr_index(t, v);
        if (iv == KR_ERROR) {
            if (!kr_err_matches(t, kr_exc_type(t, TypeError)))
                return -1;
            kr_err_clear(t);
            goto bad;
        }
        int64_t x;
        int r = kr_int_as_i64(t, iv, &x);
        kr_decref(t, iv);
        if (r < 0) {
            kr_err_clear(t);
            x = -1;
        }
        if (x < 0 || x > 0x10FFFF) {
            kr_raise_fmt(t, kr_exc_type(t, OverflowError), "%%c arg not in range(0x110000)");
            return -1;
        }
        *out = (uint32_t)x;
        return 0;
    }
bad:
    kr_raise_fmt(t, kr_exc_type(t, TypeError), "%%c requires int or char");
    return -1;
}

/* Appends text (a str), cut to `prec` code points when prec >= 0, padded
 * with spaces to `width`. */
static int pct_put_text(KrThread *t, KrStrBuilder *b, KrValue text, int64_t width, int64_t prec, bool left)
{
    UStrView v = kr_str_view(text);
    if (prec >= 0 && (int64_t)v.len > prec)
        v = ustr_slice(v, 0, (size_t)prec);
    size_t pad = width > (int64_t)v.len ? (size_t)(width - (int64_t)v.len) : 0;
    bool ok = (left || ustr_append_repeat(&b->u, ' ', pad)) && ustr_append_view(&b->u, v) &&
              (!left || ustr_append_repeat(&b->u, ' ', pad));
    if (!ok) {
        kr_no_memory(t);
        return -1;
    }
    return 0;
}

/* One conversion, c->pos just after its '%'. */
static int pct_conversion(PercentCtx *c, KrStrBuilder *b)
{
    KrThread *t = c->t;
    KrStr *f = c->fmt;
    if (c->pos >= f->len) {
        fmt_value_error(t, "incomplete format");
        return -1;
    }
    uint32_t ch = kr_str_char(f, c->pos);
    if (ch == '%') {
        c->pos++;
        return kr_sb_append_char(t, b, '%');
    }
    if (ch == '(') {
        if (c->dict == KR_ABSENT) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "format requires a mapping");
            return -1;
        }
        size_t start = ++c->pos;
        int depth = 1;
        while (depth > 0 && c->pos < f->len) {
            uint32_t k = kr_str_char(f, c->pos++);
            if (k == ')')
                depth--;
            else if (k == '(')
                depth++;
        }
        if (depth > 0) {
            fmt_value_error(t, "incomplete format key");
            return -1;
        }
        KrValue key = kr_str_from_ucs(t, (const char *)kr_str_data(f) + start * f->width, c->pos - 1 - start,
                                      f->width);
        if (key == KR_ERROR)
            return -1;
        KrValue v = kr_getitem(t, c->dict, key);
        kr_decref(t, key);
        if (v == KR_ERROR)
            return -1;
        if (c->args_owned)
            kr_decref(t, c->args);
        c->args = v;
        c->args_owned = true;
        c->arglen = -1;
        c->argidx = -2;
    }
    NumfmtPercent p;
    memset(&p, 0, sizeof p);
    p.width = p.precision = -1;
    for (; c->pos < f->len; c->pos++) {
        ch = kr_str_char(f, c->pos);
        if (ch == '-')
            p.left = true;
        else if (ch == '+')
            p.plus = true;
        else if (ch == ' ')
            p.space = true;
        else if (ch == '#')
            p.alternate = true;
        else if (ch == '0')
            p.zero = true;
        else
            break;
    }
    if (c->pos < f->len && kr_str_char(f, c->pos) == '*') {
        if (pct_star(c, false, &p.width) < 0)
            return -1;
        if (p.width < 0) {
            p.left = true;
            p.width = -p.width;
        }
        c->pos++;
    } else if (c->pos < f->len && kr_str_char(f, c->pos) >= '0' && kr_str_char(f, c->pos) <= '9') {
        if (pct_digits(c, INT64_MAX, "width too big", &p.width) < 0)
            return -1;
    }
    if (c->pos < f->len && kr_str_char(f, c->pos) == '.') {
        p.precision = 0;
        c->pos++;
        if (c->pos < f->len && kr_str_char(f, c->pos) == '*') {
            if (pct_star(c, true, &p.precision) < 0)
                return -1;
            if (p.precision < 0)
                p.precision = 0;
            c->pos++;
        } else if (pct_digits(c, INT_MAX, "precision too big", &p.precision) < 0) {
            return -1;
        }
    }
    if (c->pos < f->len) {
        ch = kr_str_char(f, c->pos);
        if (ch == 'h' || ch == 'l' || ch == 'L')
            c->pos++;
    }
    if (c->pos >= f->len) {
        fmt_value_error(t, "incomplete format");
        return -1;
    }
    ch = kr_str_char(f, c->pos++);
    p.type = ch;
    KrValue v = pct_next_arg(c);
    if (v == KR_ERROR)
        return -1;

    NumBuf nb;
    NumfmtStatus st;
    switch (ch) {
    case 's':
    case 'r':
    case 'a': {
        KrValue text = ch == 's' ? kr_str(t, v) : ch == 'r' ? kr_repr(t, v) : kr_ascii(t, v);
        if (text == KR_ERROR)
            return -1;
        int r = pct_put_text(t, b, text, p.width, p.precision, p.left);
        kr_decref(t, text);
        return r;
    }
    case 'c': {
        uint32_t cp;
        if (pct_char(t, v, &cp) < 0)
            return -1;
        KrValue text = kr_str_from_char(t, cp);
        if (text == KR_ERROR)
            return -1;
        int r = pct_put_text(t, b, text, p.width, -1, p.left);
        kr_decref(t, text);
        return r;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        if (ch == 'i' || ch == 'u')
            p.type = 'd';
        numbuf_init(&nb);
        if (pct_format_int(t, &p, v, &nb) < 0) {
            numbuf_free(&nb);
            return -1;
        }
        break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
        double d;
        if (pct_as_double(t, v, &d) < 0)
            return -1;
        numbuf_init(&nb);
        st = numfmt_percent_double(&nb, &p, d);
        if (st != NUMFMT_OK) {
            fmt_numfmt_error(t, st, &nb);
            numbuf_free(&nb);
            return -1;
        }
        break;
    }
    default:
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "unsupported format character '%c' (0x%x) at index %zu",
                     (ch >= 31 && ch <= 126) ? (int)ch : '?', (unsigned)ch, c->pos - 1);
        return -1;
    }
    int r = kr_sb_append_ascii(t, b, nb.data, nb.len);
    numbuf_free(&nb);
    return r;
}

KrValue kr_str_percent_format(KrThread *t, KrValue fmt, KrValue args)
{
    PercentCtx c = {.t = t, .fmt = kr_as_str(fmt), .pos = 0, .args = args, .args_owned = false};
    if (kr_is_tuple(t, args)) {
        c.arglen = (int64_t)kr_tuple_len(args);
        c.argidx = 0;
    } else {
        c.arglen = -1;
        c.argidx = -2;
    }
    /* Anything subscriptable but a tuple or str counts as the mapping, as
     * PyMapping_Check does (so 'x' % [] is allowed). */
    c.dict = (!kr_is_tuple(t, args) && !kr_is_str(t, args) && kr_type(t, args)->getitem) ? args : KR_ABSENT;
    KrStrBuilder b;
    kr_sb_init(&b);
    KrStr *f = c.fmt;
    while (c.pos < f->len) {
        size_t start = c.pos;
        while (c.pos < f->len && kr_str_char(f, c.pos) != '%')
            c.pos++;
        if (c.pos > start &&
            !ustr_append_view(&b.u, ustr_view((const char *)kr_str_data(f) + start * f->width, c.pos - start, f->width))) {
            kr_no_memory(t);
            goto fail;
        }
        if (c.pos < f->len) {
            c.pos++;
            if (pct_conversion(&c, &b) < 0)
                goto fail;
        }
    }
    if (c.argidx < c.arglen && c.dict == KR_ABSENT) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "not all arguments converted during string formatting");
        goto fail;
    }
    if (c.args_owned)
        kr_decref(t, c.args);
    if (f->len > 0 && b.u.len == f->len && ustr_find_all(kr_str_view(fmt), ustr_view_cstr("%")) < 0) {
        /* A template without conversions comes back as itself, even an
         * instance of a str subclass (CPython's writer hands its only
         * input back). */
        kr_sb_discard(&b);
        return kr_incref(fmt);
    }
    return kr_sb_finish(t, &b);
fail:
    if (c.args_owned)
        kr_decref(t, c.args);
    kr_sb_discard(&b);
    return KR_ERROR;
}

/* ------------------------------------------------------------------ */
/* str.format                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
    KrValue args;        /* tuple, or KR_ABSENT for format_map */
    KrValue kwargs;      /* dict or mapping, or KR_ABSENT */
    enum { AUTO_INIT, AUTO_ON, AUTO_MANUAL } auto_state;
    int64_t auto_next;
} FormatCtx;

/* A field-name part that is all decimal digits (any script's, as CPython
 * reads them): its value, or -1; -2 on overflow (error set). */
static int64_t fmt_integer(KrThread *t, KrStr *s, size_t start, size_t end)
{
    if (start >= end)
        return -1;
    int64_t acc = 0;
    for (size_t i = start; i < end; i++) {
        int d = unicode_decimal(kr_str_char(s, i));
        if (d < 0)
            return -1;
        if (acc > (INT64_MAX - d) / 10) {
            fmt_value_error(t, "Too many decimal digits in format string");
            return -2;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

static KrValue fmt_substr(KrThread *t, KrStr *s, size_t start, size_t end)
{
    return kr_str_from_ucs(t, (const char *)kr_str_data(s) + start * s->width, end - start, s->width);
}

static KrValue fmt_key_error(KrThread *t, KrValue key)
{
    KrValue exargs = kr_tuple_pack(t, 1, key);
    if (exargs == KR_ERROR)
        return KR_ERROR;
    kr_raise_args(t, kr_exc_type(t, KeyError), exargs);
    kr_decref(t, exargs);
    return KR_ERROR;
}

/* The object a field name [start, end) of s designates. */
static KrValue fmt_field_object(KrThread *t, FormatCtx *c, KrStr *s, size_t start, size_t end)
{
    size_t i = start;
    while (i < end && kr_str_char(s, i) != '.' && kr_str_char(s, i) != '[')
        i++;
    int64_t idx = fmt_integer(t, s, start, i);
    if (idx == -2)
        return KR_ERROR;
    bool empty = i == start;
    if (empty || idx >= 0) {
        if (c->auto_state == AUTO_INIT)
            c->auto_state = empty ? AUTO_ON : AUTO_MANUAL;
        if (c->auto_state == AUTO_MANUAL && empty)
            return fmt_value_error(t, "cannot switch from manual field specification to automatic field numbering");
        if (c->auto_state == AUTO_ON && !empty)
            return fmt_value_error(t, "cannot switch from automatic field numbering to manual field specification");
        if (empty)
            idx = c->auto_next++;
    }
    KrValue obj;
    if (idx < 0) {
        KrValue key = fmt_substr(t, s, start, i);
        if (key == KR_ERROR)
            return KR_ERROR;
        obj = c->kwargs == KR_ABSENT ? fmt_key_error(t, key) : kr_getitem(t, c->kwargs, key);
        kr_decref(t, key);
    } else {
        if (c->args == KR_ABSENT)
            return fmt_value_error(t, "Format string contains positional fields");
        if ((uint64_t)idx >= kr_tuple_len(c->args))
            return kr_raise_fmt(t, kr_exc_type(t, IndexError),
                                "Replacement index %lld out of range for positional args tuple", (long long)idx);
        obj = kr_incref(kr_tuple_items(c->args)[idx]);
    }
    while (obj != KR_ERROR && i < end) {
        uint32_t ch = kr_str_char(s, i++);
        size_t nstart = i;
        bool attr = ch == '.';
        if (attr) {
            while (i < end && kr_str_char(s, i) != '.' && kr_str_char(s, i) != '[')
                i++;
        } else if (ch == '[') {
            while (i < end && kr_str_char(s, i) != ']')
                i++;
            if (i >= end) {
                kr_decref(t, obj);
                return fmt_value_error(t, "Missing ']' in format string");
            }
        } else {
            kr_decref(t, obj);
            return fmt_value_error(t, "Only '.' or '[' may follow ']' in format field specifier");
        }
        size_t nend = i;
        if (!attr)
            i++;   /* the ']' */
        int64_t nidx = attr ? -1 : fmt_integer(t, s, nstart, nend);
        if (nidx == -2) {
            kr_decref(t, obj);
            return KR_ERROR;
        }
        if (nstart == nend) {
            kr_decref(t, obj);
            return fmt_value_error(t, "Empty attribute in format string");
        }
        KrValue next;
        if (nidx >= 0) {
            KrValue k = kr_int_from_i64(t, nidx);
            next = k == KR_ERROR ? KR_ERROR : kr_getitem(t, obj, k);
            kr_xdecref(t, k);
        } else {
            KrValue name = fmt_substr(t, s, nstart, nend);
            next = name == KR_ERROR ? KR_ERROR : attr ? kr_getattr(t, obj, name) : kr_getitem(t, obj, name);
            kr_xdecref(t, name);
        }
        kr_decref(t, obj);
        obj = next;
    }
    return obj;
}

static int fmt_build(KrThread *t, FormatCtx *c, KrValue fmt, size_t start, size_t end, int depth,
                     KrStrBuilder *out);

/* Renders one replacement field: the field name [fstart, fend), the
 * conversion (0 for none) and the spec [sstart, send). */
static int fmt_render(KrThread *t, FormatCtx *c, KrValue fmt, size_t fstart, size_t fend, uint32_t conversion,
                      size_t sstart, size_t send, bool expand, int depth, KrStrBuilder *out)
{
    KrStr *s = kr_as_str(fmt);
    KrValue obj = fmt_field_object(t, c, s, fstart, fend);
    if (obj == KR_ERROR)
        return -1;
    if (conversion) {
        KrValue conv;
        switch (conversion) {
        case 'r': conv = kr_repr(t, obj); break;
        case 's': conv = kr_str(t, obj); break;
        case 'a': conv = kr_ascii(t, obj); break;
        default:
            conv = conversion > 32 && conversion < 127
                       ? kr_raise_fmt(t, kr_exc_type(t, ValueError), "Unknown conversion specifier %c", (int)conversion)
                       : kr_raise_fmt(t, kr_exc_type(t, ValueError), "Unknown conversion specifier \\x%x",
                                      (unsigned)conversion);
            break;
        }
        kr_decref(t, obj);
        if (conv == KR_ERROR)
            return -1;
        obj = conv;
    }
    KrValue spec;
    if (expand) {
        KrStrBuilder sb;
        kr_sb_init(&sb);
        if (fmt_build(t, c, fmt, sstart, send, depth - 1, &sb) < 0) {
            kr_sb_discard(&sb);
            kr_decref(t, obj);
            return -1;
        }
        spec = kr_sb_finish(t, &sb);
    } else {
        spec = fmt_substr(t, s, sstart, send);
    }
    if (spec == KR_ERROR) {
        kr_decref(t, obj);
        return -1;
    }
    KrValue text = kr_format_value(t, obj, spec);
    kr_decref(t, spec);
    kr_decref(t, obj);
    if (text == KR_ERROR)
        return -1;
    int r = kr_sb_append_str(t, out, text);
    kr_decref(t, text);
    return r;
}

/* Formats fmt[start:end) into out.  depth counts the nesting of format
 * specs that may still contain fields (2 at the top, as in CPython). */
static int fmt_build(KrThread *t, FormatCtx *c, KrValue fmt, size_t start, size_t end, int depth,
                     KrStrBuilder *out)
{
    KrStr *s = kr_as_str(fmt);
    if (depth <= 0) {
        fmt_value_error(t, "Max string recursion exceeded");
        return -1;
    }
    size_t pos = start;
    while (pos < end) {
        /* Literal text up to a brace; a doubled brace stands for itself. */
        size_t lit = pos;
        uint32_t ch = 0;
        bool markup = false;
        while (pos < end) {
            ch = kr_str_char(s, pos++);
            if (ch == '{' || ch == '}') {
                markup = true;
                break;
            }
        }
        size_t litlen = pos - lit;
        if (markup) {
            bool at_end = pos >= end;
            if (ch == '}' && (at_end || kr_str_char(s, pos) != '}')) {
                fmt_value_error(t, "Single '}' encountered in format string");
                return -1;
            }
            if (at_end) {
                fmt_value_error(t, "Single '{' encountered in format string");
                return -1;
            }
            if (kr_str_char(s, pos) == ch) {
                pos++;
                markup = false;
            } else {
                litlen--;
            }
        }
        if (litlen && !ustr_append_view(&out->u, ustr_view((const char *)kr_str_data(s) + lit * s->width, litlen,
                                                           s->width))) {
            kr_no_memory(t);
            return -1;
        }
        if (!markup)
            continue;

        /* The field: name, then !conversion and :spec. */
        size_t fstart = pos;
        ch = 0;
        while (pos < end) {
            ch = kr_str_char(s, pos++);
            if (ch == '{') {
                fmt_value_error(t, "unexpected '{' in field name");
                return -1;
            }
            if (ch == '[') {
                while (pos < end && kr_str_char(s, pos) != ']')
                    pos++;
                continue;
            }
            if (ch == '}' || ch == ':' || ch == '!')
                break;
        }
        size_t fend = pos - 1;
        uint32_t conversion = 0;
        size_t sstart = pos, send = pos;
        bool expand = false;
        if (ch == '!' || ch == ':') {
            bool spec_follows = true;
            if (ch == '!') {
                if (pos >= end) {
                    fmt_value_error(t, "end of string while looking for conversion specifier");
                    return -1;
                }
                conversion = kr_str_char(s, pos++);
                if (pos < end) {
                    uint32_t next = kr_str_char(s, pos++);
                    if (next == '}') {
                        spec_follows = false;
                        sstart = send = pos;
                    } else if (next != ':') {
                        fmt_value_error(t, "expected ':' after conversion specifier");
                        return -1;
                    }
                }
            }
            if (spec_follows) {
                sstart = pos;
                int count = 1;
                bool closed = false;
                while (pos < end) {
                    uint32_t k = kr_str_char(s, pos++);
                    if (k == '{') {
                        expand = true;
                        count++;
                    } else if (k == '}' && --count == 0) {
                        closed = true;
                        break;
                    }
                }
                if (!closed) {
                    fmt_value_error(t, "unmatched '{' in format spec");
                    return -1;
                }
                send = pos - 1;
            }
        } else if (ch != '}') {
            fmt_value_error(t, "expected '}' before end of string");
            return -1;
        }
        if (fmt_render(t, c, fmt, fstart, fend, conversion, sstart, send, expand, depth, out) < 0)
            return -1;
    }
    return 0;
}

static KrValue fmt_run(KrThread *t, KrValue fmt, FormatCtx *c)
{
    /* A template without braces comes back as itself, even an instance
     * of a str subclass (CPython's writer hands its only input back). */
    UStrView v = kr_str_view(fmt);
    if (v.len > 0 && ustr_find_all(v, ustr_view_cstr("{")) < 0 && ustr_find_all(v, ustr_view_cstr("}")) < 0)
        return kr_incref(fmt);
    KrStrBuilder b;
    kr_sb_init(&b);
    if (fmt_build(t, c, fmt, 0, kr_as_str(fmt)->len, 2, &b) < 0) {
        kr_sb_discard(&b);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &b);
}

KrValue str_method_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    FormatCtx c = {.args = KR_ABSENT, .kwargs = KR_ABSENT, .auto_state = AUTO_INIT, .auto_next = 0};
    c.args = kr_tuple_from(t, args, nargs);
    if (c.args == KR_ERROR)
        return KR_ERROR;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    if (nkw) {
        c.kwargs = kr_dict_new(t);
        if (c.kwargs == KR_ERROR) {
            kr_decref(t, c.args);
            return KR_ERROR;
        }
        for (size_t i = 0; i < nkw; i++)
            if (kr_dict_set(t, c.kwargs, kr_tuple_items(kwnames)[i], args[nargs + i]) < 0) {
                kr_decref(t, c.args);
                kr_decref(t, c.kwargs);
                return KR_ERROR;
            }
    }
    KrValue r = fmt_run(t, self, &c);
    kr_decref(t, c.args);
    kr_xdecref(t, c.kwargs);
    return r;
}

KrValue str_method_format_map(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "str.format_map() takes exactly one argument (%zu given)",
                            nargs);
    FormatCtx c = {.args = KR_ABSENT, .kwargs = args[0], .auto_state = AUTO_INIT, .auto_next = 0};
    return fmt_run(t, self, &c);
}

/* ------------------------------------------------------------------ */
/* str.__format__                                                      */
/* ------------------------------------------------------------------ */

KrValue str_method_dunder_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (nargs != 1)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "str.__format__() takes exactly one argument (%zu given)",
                            nargs);
    KrValue specv = args[0];
    if (!kr_is_str(t, specv))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__format__() argument must be str, not %s",
                            str_clinic_type_name(t, specv));
    KrStr *self_s = kr_as_str(self);
    if (kr_as_str(specv)->len == 0) {
        if (kr_is_exact_str(t, self))
            return kr_incref(self);
        return kr_str_from_ucs(t, kr_str_data(self_s), self_s->len, self_s->width);
    }
    size_t speclen, textlen;
    char *spec = str_utf8_lossless(t, specv, &speclen);
    if (!spec)
        return KR_ERROR;
    NumBuf out;
    numbuf_init(&out);
    NumfmtSpec ps;
    const char *tname = kr_typename_of(t, self);
    NumfmtStatus st = numfmt_parse_spec(&ps, spec, speclen, 's', tname, &out);
    free(spec);
    if (st != NUMFMT_OK) {
        KrValue r = fmt_numfmt_error(t, st, &out);
        numbuf_free(&out);
        return r;
    }
    char *text = str_utf8_lossless(t, self, &textlen);
    if (!text) {
        numbuf_free(&out);
        return KR_ERROR;
    }
    size_t before = out.len;
    st = numfmt_format_str(&out, &ps, text, textlen, self_s->len, tname);
    free(text);
    if (st == NUMFMT_OK && out.len - before == textlen && (ps.precision < 0 || ps.precision >= (int64_t)self_s->len)) {
        /* Neither padded nor cut: CPython returns the string itself. */
        numbuf_free(&out);
        return kr_incref(self);
    }
    KrValue r = st == NUMFMT_OK ? str_from_utf8_lossless(t, out.data, out.len) : fmt_numfmt_error(t, st, &out);
    numbuf_free(&out);
    return r;
}
