/* The methods bytes and bytearray share.  Each works on the receiver's
 * bytes and returns results of the receiver's kind (bytes_result).  Case
 * and character-class methods are ASCII-only, as in CPython.
 *
 * Arguments are checked here rather than by kr_parse_args because CPython
 * uses three different argument parsers across these methods and their
 * messages differ ("find() takes at least 1 argument (0 given)", "center
 * expected at least 1 argument, got 0", "bytes.join() takes exactly one
 * argument (0 given)"). */
#include <string.h>

#include "objects/bytes_common.h"

/* ---- argument checking ---- */

static const char *bm_tname(KrThread *t, KrValue self)
{
    return bytes_is_bytes(t, self) ? "bytes" : "bytearray";
}

static size_t bm_nkw(KrValue kwnames)
{
    return kwnames ? kr_tuple_len(kwnames) : 0;
}

/* METH_NOARGS: "bytes.upper() takes no arguments (1 given)". */
static int bm_noargs(KrThread *t, KrValue self, const char *name, size_t nargs, KrValue kwnames)
{
    if (bm_nkw(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no keyword arguments",
                                bm_tname(t, self), name);
    if (nargs)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no arguments (%zu given)",
                                bm_tname(t, self), name, nargs);
    return 0;
}

/* METH_O: "bytes.join() takes exactly one argument (0 given)". */
static int bm_one(KrThread *t, const char *tname, const char *name, size_t nargs, KrValue kwnames)
{
    if (bm_nkw(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no keyword arguments", tname, name);
    if (nargs != 1)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes exactly one argument (%zu given)",
                                tname, name, nargs);
    return 0;
}

/* Argument Clinic positional-only: "center expected at least 1 argument, got 0". */
static int bm_positional(KrThread *t, KrValue self, const char *name, size_t nargs, KrValue kwnames, size_t min,
                         size_t max)
{
    if (bm_nkw(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no keyword arguments",
                                bm_tname(t, self), name);
    if (min == max && nargs != min)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected %zu argument%s, got %zu", name, min,
                                min == 1 ? "" : "s", nargs);
    if (nargs < min)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected at least %zu argument%s, got %zu", name,
                                min, min == 1 ? "" : "s", nargs);
    if (nargs > max)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s expected at most %zu argument%s, got %zu", name,
                                max, max == 1 ? "" : "s", nargs);
    return 0;
}

/* PyArg_ParseTuple style: "find() takes at least 1 argument (0 given)". */
static int bm_tuple_style(KrThread *t, KrValue self, const char *name, size_t nargs, KrValue kwnames, size_t min,
                          size_t max)
{
    /* CPython says "count() takes no keyword arguments" through a bound
     * method object but "bytes.count() ..." for b.count(x=1), the usual
     * spelling; we give the latter. */
    if (bm_nkw(kwnames))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s.%s() takes no keyword arguments", bm_tname(t, self),
                                name);
    if (nargs < min)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes at least %zu argument%s (%zu given)", name,
                                min, min == 1 ? "" : "s", nargs);
    if (nargs > max)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes at most %zu argument%s (%zu given)", name,
                                max, max == 1 ? "" : "s", nargs);
    return 0;
}

/* Argument Clinic with keywords: out[i] is KR_ABSENT when not given.  The
 * first `npos_only` parameters are positional-only, the first `nrequired`
 * required. */
static int bm_keywords(KrThread *t, const char *name, const char *const *names, size_t nnames, size_t npos_only,
                       size_t nrequired, const KrValue *args, size_t nargs, KrValue kwnames, KrValue *out)
{
    size_t nkw = bm_nkw(kwnames);
    if (nargs + nkw > nnames)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() takes at most %zu argument%s (%zu given)", name,
                                nnames, nnames == 1 ? "" : "s", nargs + nkw);
    if (nargs < npos_only && nargs < nrequired)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "%s() takes at least %zu positional argument%s (%zu given)", name, nrequired,
                                nrequired == 1 ? "" : "s", nargs);
    for (size_t i = 0; i < nnames; i++)
        out[i] = i < nargs ? args[i] : KR_ABSENT;
    for (size_t k = 0; k < nkw; k++) {
        KrValue kw = kr_tuple_items(kwnames)[k];
        size_t idx = nnames;
        for (size_t i = npos_only; i < nnames; i++)
            if (kr_str_equal_cstr(kw, names[i]))
                idx = i;
        if (idx == nnames)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%U' is an invalid keyword argument for %s()", kw,
                                    name);
        if (idx < nargs)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                    "argument for %s() given by name ('%s') and position (%zu)", name, names[idx],
                                    idx + 1);
        out[idx] = args[nargs + k];
    }
    for (size_t i = 0; i < nrequired; i++)
        if (out[i] == KR_ABSENT)
            return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() missing required argument '%s' (pos %zu)", name,
                                    names[i], i + 1);
    return 0;
}

/* A slice bound of find() and friends: None or an __index__ value,
 * clamped. */
static int bm_slice_index(KrThread *t, KrValue v, ptrdiff_t *out)
{
    if (v == KR_ABSENT || v == KR_NONE)
        return 0;
    if (!kr_is_int(t, v) && !kr_type(t, v)->index)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "slice indices must be integers or None or have an __index__ method");
    int64_t i;
    if (kr_as_ssize_clamped(t, v, &i) < 0)
        return -1;
    *out = (ptrdiff_t)i;
    return 0;
}

/* An integer argument via __index__ (maxsplit, width, count...). */
static int bm_ssize(KrThread *t, KrValue v, int64_t *out)
{
    return kr_as_ssize(t, v, out);
}

/* ---- find, count, index and friends ---- */

/* The needle of find()/count()...: an int byte or a bytes-like object. */
typedef struct {
    BytesArg arg;
    unsigned char byte;
    UStrView view;
} BmNeedle;

static int bm_needle(KrThread *t, KrValue v, BmNeedle *n)
{
    n->arg.owned = NULL;
    if (kr_is_int(t, v) || kr_type(t, v)->index) {
        if (bytes_byte_arg(t, v, &n->byte) < 0)
            return -1;
        n->view = ustr_view(&n->byte, 1, 1);
        return 0;
    }
    if (!bytes_is_bytes(t, v) && !bytes_is_bytearray(t, v) && !bytes_is_memoryview(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "argument should be integer or bytes-like object, not '%s'",
                                kr_typename_of(t, v));
    if (bytes_arg_get(t, v, &n->arg) < 0)
        return -1;
    n->view = ustr_view(n->arg.data, n->arg.len, 1);
    return 0;
}

enum { BM_FIND, BM_RFIND, BM_INDEX, BM_RINDEX, BM_COUNT };

static KrValue bm_search(KrThread *t, KrValue self, const char *name, int op, const KrValue *args, size_t nargs,
                         KrValue kwnames)
{
    if (bm_tuple_style(t, self, name, nargs, kwnames, 1, 3) < 0)
        return KR_ERROR;
    BmNeedle n;
    if (bm_needle(t, args[0], &n) < 0)
        return KR_ERROR;
    ptrdiff_t start = 0, end = USTR_END;
    if ((nargs > 1 && bm_slice_index(t, args[1], &start) < 0) || (nargs > 2 && bm_slice_index(t, args[2], &end) < 0)) {
        bytes_arg_release(&n.arg);
        return KR_ERROR;
    }
    const unsigned char *d;
    size_t len;
    bytes_self_data(t, self, &d, &len);
    UStrView s = ustr_view(d, len, 1);
    KrValue r;
    if (op == BM_COUNT) {
        r = kr_int_from_i64(t, (int64_t)ustr_count(s, n.view, start, end));
    } else {
        ptrdiff_t i = op == BM_FIND || op == BM_INDEX ? ustr_find(s, n.view, start, end) : ustr_rfind(s, n.view, start, end);
        if (i < 0 && (op == BM_INDEX || op == BM_RINDEX))
            r = kr_raise_fmt(t, kr_exc_type(t, ValueError), "subsection not found");
        else
            r = kr_int_from_i64(t, (int64_t)i);
    }
    bytes_arg_release(&n.arg);
    return r;
}

KrValue bm_find(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_search(t, self, "find", BM_FIND, args, nargs, kwnames);
}
KrValue bm_rfind(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_search(t, self, "rfind", BM_RFIND, args, nargs, kwnames);
}
KrValue bm_index(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_search(t, self, "index", BM_INDEX, args, nargs, kwnames);
}
KrValue bm_rindex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_search(t, self, "rindex", BM_RINDEX, args, nargs, kwnames);
}
KrValue bm_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_search(t, self, "count", BM_COUNT, args, nargs, kwnames);
}

static KrValue bm_startsends(KrThread *t, KrValue self, const char *name, bool ends, const KrValue *args,
                             size_t nargs, KrValue kwnames)
{
    if (bm_tuple_style(t, self, name, nargs, kwnames, 1, 3) < 0)
        return KR_ERROR;
    ptrdiff_t start = 0, end = USTR_END;
    if ((nargs > 1 && bm_slice_index(t, args[1], &start) < 0) || (nargs > 2 && bm_slice_index(t, args[2], &end) < 0))
        return KR_ERROR;
    KrValue arg = args[0];
    bool is_tuple = kr_is_tuple(t, arg);
    size_t count = is_tuple ? kr_tuple_len(arg) : 1;
    if (!is_tuple && !bytes_is_bytes(t, arg) && !bytes_is_bytearray(t, arg) && !bytes_is_memoryview(t, arg))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s first arg must be bytes or a tuple of bytes, not %s",
                            name, kr_typename_of(t, arg));
    for (size_t i = 0; i < count; i++) {
        KrValue item = is_tuple ? kr_tuple_items(arg)[i] : arg;
        BytesArg a;
        if (bytes_arg_get(t, item, &a) < 0)
            return KR_ERROR;
        const unsigned char *d;
        size_t len;
        bytes_self_data(t, self, &d, &len);
        UStrView s = ustr_view(d, len, 1), p = ustr_view(a.data, a.len, 1);
        bool hit = ends ? ustr_endswith(s, p, start, end) : ustr_startswith(s, p, start, end);
        bytes_arg_release(&a);
        if (hit)
            return KR_TRUE;
    }
    return KR_FALSE;
}

KrValue bm_startswith(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_startsends(t, self, "startswith", false, args, nargs, kwnames);
}
KrValue bm_endswith(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_startsends(t, self, "endswith", true, args, nargs, kwnames);
}

/* ---- character classes (ASCII) ---- */

static bool bm_isspace_c(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static bool bm_islower_c(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool bm_isupper_c(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool bm_isalpha_c(unsigned char c) { return bm_islower_c(c) || bm_isupper_c(c); }
static bool bm_isdigit_c(unsigned char c) { return c >= '0' && c <= '9'; }
static bool bm_isalnum_c(unsigned char c) { return bm_isalpha_c(c) || bm_isdigit_c(c); }
static unsigned char bm_lower_c(unsigned char c) { return bm_isupper_c(c) ? (unsigned char)(c + 32) : c; }
static unsigned char bm_upper_c(unsigned char c) { return bm_islower_c(c) ? (unsigned char)(c - 32) : c; }

static KrValue bm_all(KrThread *t, KrValue self, const char *name, size_t nargs, KrValue kwnames,
                      bool (*pred)(unsigned char))
{
    if (bm_noargs(t, self, name, nargs, kwnames) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    if (n == 0)
        return KR_FALSE;
    for (size_t i = 0; i < n; i++)
        if (!pred(d[i]))
            return KR_FALSE;
    return KR_TRUE;
}

KrValue bm_isalnum(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_all(t, self, "isalnum", nargs, kwnames, bm_isalnum_c);
}
KrValue bm_isalpha(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_all(t, self, "isalpha", nargs, kwnames, bm_isalpha_c);
}
KrValue bm_isdigit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_all(t, self, "isdigit", nargs, kwnames, bm_isdigit_c);
}
KrValue bm_isspace(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_all(t, self, "isspace", nargs, kwnames, bm_isspace_c);
}

KrValue bm_isascii(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (bm_noargs(t, self, "isascii", nargs, kwnames) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 0x80)
            return KR_FALSE;
    return KR_TRUE;
}

/* islower / isupper: some cased byte, none of the other case. */
static KrValue bm_case_test(KrThread *t, KrValue self, const char *name, size_t nargs, KrValue kwnames, bool upper)
{
    if (bm_noargs(t, self, name, nargs, kwnames) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    bool cased = false;
    for (size_t i = 0; i < n; i++) {
        if (upper ? bm_islower_c(d[i]) : bm_isupper_c(d[i]))
            return KR_FALSE;
        if (upper ? bm_isupper_c(d[i]) : bm_islower_c(d[i]))
            cased = true;
    }
    return kr_bool(cased);
}

KrValue bm_islower(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_case_test(t, self, "islower", nargs, kwnames, false);
}
KrValue bm_isupper(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_case_test(t, self, "isupper", nargs, kwnames, true);
}

KrValue bm_istitle(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    if (bm_noargs(t, self, "istitle", nargs, kwnames) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        if (bm_isupper_c(c)) {
            if (prev_cased)
                return KR_FALSE;
            prev_cased = cased = true;
        } else if (bm_islower_c(c)) {
            if (!prev_cased)
                return KR_FALSE;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return kr_bool(cased);
}

/* ---- case mappings ---- */

enum { BM_LOWER, BM_UPPER, BM_SWAPCASE, BM_CAPITALIZE, BM_TITLE };

static KrValue bm_map_case(KrThread *t, KrValue self, const char *name, int op, size_t nargs, KrValue kwnames)
{
    if (bm_noargs(t, self, name, nargs, kwnames) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    KrValue r = bytes_result(t, self, d, n);
    if (r == KR_ERROR)
        return r;
    unsigned char *p = bytes_is_bytes(t, r) ? kr_bytes_data(r) : kr_as_bytearray(r)->data;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        switch (op) {
        case BM_LOWER: p[i] = bm_lower_c(c); break;
        case BM_UPPER: p[i] = bm_upper_c(c); break;
        case BM_SWAPCASE: p[i] = bm_isupper_c(c) ? bm_lower_c(c) : bm_upper_c(c); break;
        case BM_CAPITALIZE: p[i] = i == 0 ? bm_upper_c(c) : bm_lower_c(c); break;
        default:
            p[i] = prev_cased ? bm_lower_c(c) : bm_upper_c(c);
            prev_cased = bm_isalpha_c(c);
            break;
        }
    }
    return r;
}

KrValue bm_lower(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_map_case(t, self, "lower", BM_LOWER, nargs, kwnames);
}
KrValue bm_upper(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_map_case(t, self, "upper", BM_UPPER, nargs, kwnames);
}
KrValue bm_swapcase(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_map_case(t, self, "swapcase", BM_SWAPCASE, nargs, kwnames);
}
KrValue bm_capitalize(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_map_case(t, self, "capitalize", BM_CAPITALIZE, nargs, kwnames);
}
KrValue bm_title(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    return bm_map_case(t, self, "title", BM_TITLE, nargs, kwnames);
}

/* ---- results from ustr buffers and views ---- */

static KrValue bm_from_ustr(KrThread *t, KrValue self, UStrStatus st, UStrBuf *buf)
{
    if (st != USTR_OK) {
        free(buf->data);
        if (st == USTR_EMPTY_SEP)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "empty separator");
        return kr_no_memory(t);
    }
    KrValue r = bytes_result(t, self, buf->data, buf->len);
    free(buf->data);
    return r;
}

static KrValue bm_from_view(KrThread *t, KrValue self, UStrView v)
{
    return bytes_result(t, self, v.data, v.len);
}

/* A list of views as bytes/bytearray objects. */
static KrValue bm_list_from_views(KrThread *t, KrValue self, UStrViewList *l)
{
    KrValue list = kr_list_new(t, l->len);
    if (list == KR_ERROR)
        return list;
    for (size_t i = 0; i < l->len; i++) {
        KrValue item = bm_from_view(t, self, l->items[i]);
        if (item == KR_ERROR) {
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_as_list(list)->items[i] = item;
    }
    return list;
}

/* ---- padding ---- */

/* The fill byte of center/ljust/rjust: a bytes or bytearray of length 1. */
static int bm_fillchar(KrThread *t, const char *name, const KrValue *args, size_t nargs, unsigned char *fill)
{
    *fill = ' ';
    if (nargs < 2)
        return 0;
    KrValue v = args[1];
    if (bytes_is_bytes(t, v) && kr_bytes_len(v) == 1) {
        *fill = kr_bytes_data(v)[0];
        return 0;
    }
    if (bytes_is_bytearray(t, v) && kr_as_bytearray(v)->len == 1) {
        *fill = kr_as_bytearray(v)->data[0];
        return 0;
    }
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "%s() argument 2 must be a byte string of length 1, not %s",
                            name, kr_typename_of(t, v));
}

enum { BM_CENTER, BM_LJUST, BM_RJUST };

static KrValue bm_pad(KrThread *t, KrValue self, const char *name, int op, const KrValue *args, size_t nargs,
                      KrValue kwnames)
{
    if (bm_positional(t, self, name, nargs, kwnames, 1, 2) < 0)
        return KR_ERROR;
    int64_t width;
    unsigned char fill;
    if (bm_ssize(t, args[0], &width) < 0 || bm_fillchar(t, name, args, nargs, &fill) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrView s = ustr_view(d, n, 1);
    UStrBuf buf = {0};
    UStrStatus st = op == BM_CENTER  ? ustr_center(s, (ptrdiff_t)width, fill, &buf)
                    : op == BM_LJUST ? ustr_ljust(s, (ptrdiff_t)width, fill, &buf)
                                     : ustr_rjust(s, (ptrdiff_t)width, fill, &buf);
    return bm_from_ustr(t, self, st, &buf);
}

KrValue bm_center(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_pad(t, self, "center", BM_CENTER, args, nargs, kwnames);
}
KrValue bm_ljust(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_pad(t, self, "ljust", BM_LJUST, args, nargs, kwnames);
}
KrValue bm_rjust(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_pad(t, self, "rjust", BM_RJUST, args, nargs, kwnames);
}

KrValue bm_zfill(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (bm_one(t, bm_tname(t, self), "zfill", nargs, kwnames) < 0)
        return KR_ERROR;
    int64_t width;
    if (bm_ssize(t, args[0], &width) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrBuf buf = {0};
    return bm_from_ustr(t, self, ustr_zfill(ustr_view(d, n, 1), (ptrdiff_t)width, &buf), &buf);
}

KrValue bm_expandtabs(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"tabsize"};
    KrValue a[1];
    if (bm_keywords(t, "expandtabs", names, 1, 0, 0, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t tabsize = 8;
    if (a[0] != KR_ABSENT && bm_ssize(t, a[0], &tabsize) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrBuf buf = {0};
    return bm_from_ustr(t, self, ustr_expandtabs(ustr_view(d, n, 1), (ptrdiff_t)tabsize, &buf), &buf);
}

/* ---- stripping ---- */

enum { BM_STRIP_LEFT = 1, BM_STRIP_RIGHT = 2 };

static KrValue bm_strip_impl(KrThread *t, KrValue self, const char *name, int sides, const KrValue *args,
                             size_t nargs, KrValue kwnames)
{
    if (bm_positional(t, self, name, nargs, kwnames, 0, 1) < 0)
        return KR_ERROR;
    BytesArg chars = {NULL, 0, NULL};
    bool have_chars = nargs == 1 && args[0] != KR_NONE;
    if (have_chars && bytes_arg_get(t, args[0], &chars) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    size_t lo = 0, hi = n;
    bool set[256] = {false};
    if (have_chars) {
        for (size_t i = 0; i < chars.len; i++)
            set[chars.data[i]] = true;
    } else {
        for (int c = 0; c < 256; c++)
            set[c] = bm_isspace_c((unsigned char)c);
    }
    bytes_arg_release(&chars);
    if (sides & BM_STRIP_LEFT)
        while (lo < hi && set[d[lo]])
            lo++;
    if (sides & BM_STRIP_RIGHT)
        while (hi > lo && set[d[hi - 1]])
            hi--;
    if (lo == 0 && hi == n && kr_as_ptr(self)->type == kr_builtin_type(t, BYTES))
        return kr_incref(self);
    return bytes_result(t, self, d + lo, hi - lo);
}

KrValue bm_strip(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_strip_impl(t, self, "strip", BM_STRIP_LEFT | BM_STRIP_RIGHT, args, nargs, kwnames);
}
KrValue bm_lstrip(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_strip_impl(t, self, "lstrip", BM_STRIP_LEFT, args, nargs, kwnames);
}
KrValue bm_rstrip(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_strip_impl(t, self, "rstrip", BM_STRIP_RIGHT, args, nargs, kwnames);
}

static KrValue bm_remove_affix(KrThread *t, KrValue self, const char *name, bool suffix, const KrValue *args,
                               size_t nargs, KrValue kwnames)
{
    if (bm_one(t, bm_tname(t, self), name, nargs, kwnames) < 0)
        return KR_ERROR;
    BytesArg a;
    if (bytes_arg_get(t, args[0], &a) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    size_t lo = 0, hi = n;
    if (a.len <= n && a.len > 0) {
        if (!suffix && memcmp(d, a.data, a.len) == 0)
            lo = a.len;
        else if (suffix && memcmp(d + n - a.len, a.data, a.len) == 0)
            hi = n - a.len;
    }
    bytes_arg_release(&a);
    if (lo == 0 && hi == n && kr_as_ptr(self)->type == kr_builtin_type(t, BYTES))
        return kr_incref(self);
    return bytes_result(t, self, d + lo, hi - lo);
}

KrValue bm_removeprefix(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_remove_affix(t, self, "removeprefix", false, args, nargs, kwnames);
}
KrValue bm_removesuffix(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_remove_affix(t, self, "removesuffix", true, args, nargs, kwnames);
}

/* ---- splitting ---- */

/* Split on runs of ASCII whitespace (ustr's whitespace is Unicode's). */
static int bm_split_ws(KrThread *t, const unsigned char *d, size_t n, int64_t maxsplit, bool right, UStrViewList *out)
{
    size_t count = 0;
    if (!right) {
        size_t i = 0;
        for (;;) {
            while (i < n && bm_isspace_c(d[i]))
                i++;
            if (i == n)
                break;
            size_t j = i;
            if (maxsplit >= 0 && (int64_t)count == maxsplit) {
                /* The rest, without trailing whitespace stripped (CPython keeps it). */
                j = n;
            } else {
                while (j < n && !bm_isspace_c(d[j]))
                    j++;
            }
            if (out->len == out->cap) {
                size_t cap = out->cap ? out->cap * 2 : 8;
                UStrView *p = realloc(out->items, cap * sizeof *p);
                if (!p)
                    return kr_no_memory(t), -1;
                out->items = p;
                out->cap = cap;
            }
            out->items[out->len++] = ustr_view(d + i, j - i, 1);
            count++;
            i = j;
        }
        return 0;
    }
    /* Right to left, then reversed. */
    size_t i = n;
    for (;;) {
        while (i > 0 && bm_isspace_c(d[i - 1]))
            i--;
        if (i == 0)
            break;
        size_t j = i;
        if (maxsplit >= 0 && (int64_t)count == maxsplit) {
            j = 0;
        } else {
            while (j > 0 && !bm_isspace_c(d[j - 1]))
                j--;
        }
        if (out->len == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 8;
            UStrView *p = realloc(out->items, cap * sizeof *p);
            if (!p)
                return kr_no_memory(t), -1;
            out->items = p;
            out->cap = cap;
        }
        out->items[out->len++] = ustr_view(d + j, i - j, 1);
        count++;
        i = j;
    }
    for (size_t a = 0, b = out->len; a + 1 < b; a++, b--) {
        UStrView tmp = out->items[a];
        out->items[a] = out->items[b - 1];
        out->items[b - 1] = tmp;
    }
    return 0;
}

static KrValue bm_split_impl(KrThread *t, KrValue self, const char *name, bool right, const KrValue *args,
                             size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"sep", "maxsplit"};
    KrValue a[2];
    if (bm_keywords(t, name, names, 2, 0, 0, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t maxsplit = -1;
    if (a[1] != KR_ABSENT && bm_ssize(t, a[1], &maxsplit) < 0)
        return KR_ERROR;
    BytesArg sep = {NULL, 0, NULL};
    bool have_sep = a[0] != KR_ABSENT && a[0] != KR_NONE;
    if (have_sep && bytes_arg_get(t, a[0], &sep) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrViewList l;
    ustr_list_init(&l);
    KrValue r = KR_ERROR;
    if (have_sep) {
        UStrView sv = ustr_view(sep.data, sep.len, 1);
        UStrView s = ustr_view(d, n, 1);
        UStrStatus st = right ? ustr_rsplit(s, &sv, (ptrdiff_t)maxsplit, &l) : ustr_split(s, &sv, (ptrdiff_t)maxsplit, &l);
        if (st == USTR_EMPTY_SEP)
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "empty separator");
        else if (st != USTR_OK)
            kr_no_memory(t);
        else
            r = bm_list_from_views(t, self, &l);
    } else if (bm_split_ws(t, d, n, maxsplit, right, &l) == 0) {
        r = bm_list_from_views(t, self, &l);
    }
    ustr_list_free(&l);
    bytes_arg_release(&sep);
    return r;
}

KrValue bm_split(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_split_impl(t, self, "split", false, args, nargs, kwnames);
}
KrValue bm_rsplit(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_split_impl(t, self, "rsplit", true, args, nargs, kwnames);
}

KrValue bm_splitlines(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"keepends"};
    KrValue a[1];
    if (bm_keywords(t, "splitlines", names, 1, 0, 0, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t keepends = 0;
    if (a[0] != KR_ABSENT && bm_ssize(t, a[0], &keepends) < 0)
        return KR_ERROR;
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && d[j] != '\n' && d[j] != '\r')
            j++;
        size_t eol = j;
        if (j < n) {
            if (d[j] == '\r' && j + 1 < n && d[j + 1] == '\n')
                j += 2;
            else
                j++;
        }
        KrValue item = bytes_result(t, self, d + i, (keepends ? j : eol) - i);
        if (item == KR_ERROR || kr_list_append(t, list, item) < 0) {
            kr_xdecref(t, item);
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_decref(t, item);
        i = j;
    }
    return list;
}

static KrValue bm_partition_impl(KrThread *t, KrValue self, const char *name, bool right, const KrValue *args,
                                 size_t nargs, KrValue kwnames)
{
    if (bm_one(t, bm_tname(t, self), name, nargs, kwnames) < 0)
        return KR_ERROR;
    BytesArg sep;
    if (bytes_arg_get(t, args[0], &sep) < 0)
        return KR_ERROR;
    if (sep.len == 0) {
        bytes_arg_release(&sep);
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "empty separator");
    }
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrView parts[3];
    UStrView s = ustr_view(d, n, 1), sv = ustr_view(sep.data, sep.len, 1);
    UStrStatus st = right ? ustr_rpartition(s, sv, parts) : ustr_partition(s, sv, parts);
    KrValue r = KR_ERROR;
    if (st == USTR_OK) {
        KrValue items[3] = {KR_ERROR, KR_ERROR, KR_ERROR};
        bool ok = true;
        for (int i = 0; i < 3 && ok; i++) {
            /* The separator part is the argument's bytes when found, as
             * CPython returns. */
            items[i] = bm_from_view(t, self, parts[i]);
            ok = items[i] != KR_ERROR;
        }
        if (ok)
            r = kr_tuple_from(t, items, 3);
        for (int i = 0; i < 3; i++)
            if (items[i] != KR_ERROR)
                kr_decref(t, items[i]);
    } else {
        kr_no_memory(t);
    }
    bytes_arg_release(&sep);
    return r;
}

KrValue bm_partition(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_partition_impl(t, self, "partition", false, args, nargs, kwnames);
}
KrValue bm_rpartition(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return bm_partition_impl(t, self, "rpartition", true, args, nargs, kwnames);
}

/* ---- join, replace, translate ---- */

KrValue bm_join(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (bm_one(t, bm_tname(t, self), "join", nargs, kwnames) < 0)
        return KR_ERROR;
    KrValue list = kr_list_from_iterable(t, args[0]);
    if (list == KR_ERROR) {
        /* PySequence_Fast's message for a non-iterable. */
        if (kr_err_matches(t, kr_exc_type(t, TypeError)) && !kr_type(t, args[0])->iter &&
            !kr_type(t, args[0])->getitem) {
            kr_err_clear(t);
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "can only join an iterable");
        }
        return KR_ERROR;
    }
    BytesBuf out;
    bbuf_init(&out);
    /* The separator is copied: an item's buffer request cannot run Python
     * code, but a bytearray self could be among the items. */
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    BytesBuf sep;
    bbuf_init(&sep);
    if (bbuf_append(t, &sep, d, n) < 0)
        goto fail;
    KrList *l = kr_as_list(list);
    for (size_t i = 0; i < l->len; i++) {
        KrValue item = l->items[i];
        const unsigned char *id;
        size_t in;
        if (!bytes_is_bytes(t, item) && !bytes_is_bytearray(t, item) && !bytes_is_memoryview(t, item)) {
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "sequence item %zu: expected a bytes-like object, %s found", i,
                         kr_typename_of(t, item));
            goto fail;
        }
        if (kr_get_buffer(t, item, &id, &in, NULL) < 0)
            goto fail;
        if ((i && bbuf_append(t, &out, sep.data, sep.len) < 0) || bbuf_append(t, &out, id, in) < 0)
            goto fail;
    }
    bbuf_free(&sep);
    kr_decref(t, list);
    return bbuf_finish(t, &out, !bytes_is_bytes(t, self));
fail:
    bbuf_free(&sep);
    bbuf_free(&out);
    kr_decref(t, list);
    return KR_ERROR;
}

KrValue bm_replace(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (bm_positional(t, self, "replace", nargs, kwnames, 2, 3) < 0)
        return KR_ERROR;
    int64_t count = -1;
    BytesArg old, new_;
    if (bytes_arg_get(t, args[0], &old) < 0)
        return KR_ERROR;
    if (bytes_arg_get(t, args[1], &new_) < 0) {
        bytes_arg_release(&old);
        return KR_ERROR;
    }
    if (nargs > 2 && bm_ssize(t, args[2], &count) < 0) {
        bytes_arg_release(&old);
        bytes_arg_release(&new_);
        return KR_ERROR;
    }
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    UStrBuf buf = {0};
    UStrStatus st = ustr_replace(ustr_view(d, n, 1), ustr_view(old.data, old.len, 1), ustr_view(new_.data, new_.len, 1),
                                 (ptrdiff_t)count, &buf);
    bytes_arg_release(&old);
    bytes_arg_release(&new_);
    return bm_from_ustr(t, self, st, &buf);
}

KrValue bm_translate(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"table", "delete"};
    KrValue a[2];
    if (bm_keywords(t, "translate", names, 2, 1, 1, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    unsigned char table[256];
    for (int i = 0; i < 256; i++)
        table[i] = (unsigned char)i;
    if (a[0] != KR_NONE) {
        BytesArg tb;
        if (bytes_arg_get(t, a[0], &tb) < 0)
            return KR_ERROR;
        if (tb.len != 256) {
            bytes_arg_release(&tb);
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "translation table must be 256 characters long");
        }
        memcpy(table, tb.data, 256);
        bytes_arg_release(&tb);
    }
    bool del[256] = {false};
    if (a[1] != KR_ABSENT) {
        BytesArg db;
        if (bytes_arg_get(t, a[1], &db) < 0)
            return KR_ERROR;
        for (size_t i = 0; i < db.len; i++)
            del[db.data[i]] = true;
        bytes_arg_release(&db);
    }
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    BytesBuf out;
    bbuf_init(&out);
    if (bbuf_reserve(t, &out, n) < 0)
        return KR_ERROR;
    for (size_t i = 0; i < n; i++)
        if (!del[d[i]])
            out.data[out.len++] = table[d[i]];
    return bbuf_finish(t, &out, !bytes_is_bytes(t, self));
}

KrValue bm_maketrans_impl(KrThread *t, const char *tname, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (bm_nkw(kwnames))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.maketrans() takes no keyword arguments", tname);
    if (nargs != 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "maketrans expected 2 arguments, got %zu", nargs);
    BytesArg frm, to;
    if (bytes_arg_get(t, args[0], &frm) < 0)
        return KR_ERROR;
    if (bytes_arg_get(t, args[1], &to) < 0) {
        bytes_arg_release(&frm);
        return KR_ERROR;
    }
    KrValue r;
    if (frm.len != to.len) {
        r = kr_raise_fmt(t, kr_exc_type(t, ValueError), "maketrans arguments must have same length");
    } else {
        r = kr_bytes_new(t, NULL, 256);
        if (r != KR_ERROR) {
            unsigned char *p = kr_bytes_data(r);
            for (int i = 0; i < 256; i++)
                p[i] = (unsigned char)i;
            for (size_t i = 0; i < frm.len; i++)
                p[frm.data[i]] = to.data[i];
        }
    }
    bytes_arg_release(&frm);
    bytes_arg_release(&to);
    return r;
}

/* ---- hex, fromhex, decode ---- */

/* bytes.hex / bytearray.hex / memoryview.hex on any data. */
KrValue bytes_hex_impl(KrThread *t, const unsigned char *d, size_t n, const KrValue *args, size_t nargs,
                       KrValue kwnames)
{
    static const char *const names[] = {"sep", "bytes_per_sep"};
    KrValue a[2];
    if (bm_keywords(t, "hex", names, 2, 0, 0, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    char sep = 0;
    int64_t per = 1;
    if (a[0] != KR_ABSENT) {
        int64_t seplen = kr_len(t, a[0]);
        if (seplen < 0)
            return KR_ERROR;
        if (seplen != 1)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "sep must be length 1.");
        if (kr_is_str(t, a[0])) {
            uint32_t c = kr_str_char(kr_as_str(a[0]), 0);
            if (c > 127)
                return kr_raise_fmt(t, kr_exc_type(t, ValueError), "sep must be ASCII.");
            sep = (char)c;
        } else if (bytes_is_bytes(t, a[0])) {
            unsigned char c = kr_bytes_data(a[0])[0];
            if (c > 127)
                return kr_raise_fmt(t, kr_exc_type(t, ValueError), "sep must be ASCII.");
            sep = (char)c;
        } else {
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "sep must be str or bytes.");
        }
    }
    if (a[1] != KR_ABSENT && bm_ssize(t, a[1], &per) < 0)
        return KR_ERROR;
    static const char hex[] = "0123456789abcdef";
    uint64_t group = per < 0 ? (uint64_t)0 - (uint64_t)per : (uint64_t)per;
    if (!sep || group == 0 || n == 0)
        group = 0;
    size_t nseps = group ? (n - 1) / group : 0;
    if (n > (SIZE_MAX - nseps) / 2)
        return kr_no_memory(t);
    size_t total = 2 * n + nseps;
    char *out = malloc(total ? total : 1);
    if (!out)
        return kr_no_memory(t);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        if (group && i) {
            /* per > 0 groups from the right end, per < 0 from the left. */
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary)
                out[pos++] = sep;
        }
        out[pos++] = hex[d[i] >> 4];
        out[pos++] = hex[d[i] & 15];
    }
    KrValue r = kr_str_from_utf8(t, out, pos);
    free(out);
    return r;
}

KrValue bm_hex(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    /* Copy for a bytearray: the sep argument's __len__ or __index__ could
     * resize it. */
    if (!bytes_is_bytes(t, self)) {
        KrValue copy = kr_bytes_new(t, d, n);
        if (copy == KR_ERROR)
            return copy;
        KrValue r = bytes_hex_impl(t, kr_bytes_data(copy), n, args, nargs, kwnames);
        kr_decref(t, copy);
        return r;
    }
    return bytes_hex_impl(t, d, n, args, nargs, kwnames);
}

static int bm_hexval(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

KrValue bm_fromhex(KrThread *t, KrValue cls, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *type = kr_as_type(cls);
    bool is_bytes = (type->flags & KR_TPFLAG_BYTES_SUBCLASS) != 0;
    if (bm_one(t, is_bytes ? "bytes" : "bytearray", "fromhex", nargs, kwnames) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, args[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "fromhex() argument must be str, not %s",
                            kr_typename_of(t, args[0]));
    KrStr *s = kr_as_str(args[0]);
    BytesBuf out;
    bbuf_init(&out);
    size_t i = 0;
    for (;;) {
        while (i < s->len && kr_str_char(s, i) < 128 && bm_isspace_c((unsigned char)kr_str_char(s, i)))
            i++;
        if (i == s->len)
            break;
        int hi = bm_hexval(kr_str_char(s, i));
        int lo = hi < 0 || i + 1 >= s->len ? -1 : bm_hexval(kr_str_char(s, i + 1));
        if (lo < 0) {
            bbuf_free(&out);
            return kr_raise_fmt(t, kr_exc_type(t, ValueError),
                                "non-hexadecimal number found in fromhex() arg at position %zu", hi < 0 ? i : i + 1);
        }
        if (bbuf_append_byte(t, &out, (unsigned char)(hi * 16 + lo)) < 0) {
            bbuf_free(&out);
            return KR_ERROR;
        }
        i += 2;
    }
    KrValue r = bbuf_finish(t, &out, !is_bytes);
    if (r == KR_ERROR || type == kr_builtin_type(t, BYTES) || type == kr_builtin_type(t, BYTEARRAY))
        return r;
    /* A subclass: cls(result), as CPython does. */
    KrValue sub = kr_call1(t, cls, r);
    kr_decref(t, r);
    return sub;
}

KrValue bm_decode(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"encoding", "errors"};
    KrValue a[2];
    if (bm_keywords(t, "decode", names, 2, 0, 0, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    for (int i = 0; i < 2; i++)
        if (a[i] != KR_ABSENT && !kr_is_str(t, a[i]))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "decode() argument '%s' must be str, not %s", names[i],
                                kr_typename_of(t, a[i]));
    const unsigned char *d;
    size_t n;
    bytes_self_data(t, self, &d, &n);
    return kr_bytes_decode(t, self, d, n, a[0], a[1]);
}
