/* "Did you mean: 'x'?" after an AttributeError or NameError message, as
 * CPython 3.11's traceback printer adds it: the candidate names (dir() of
 * the object, or the failing frame's local variable names, then its
 * globals, then its builtins) closest to the missing name by an edit
 * distance where changing case is cheaper than any other edit.  Only the
 * exact classes AttributeError and NameError get suggestions, and only
 * when the interpreter recorded the name (and object) on the exception. */
#include <stdint.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/code.h"

/* CPython's limits: lists this long are not searched, names this long
 * (after their common prefix and suffix are dropped) never match. */
#define SUGGEST_MAX_CANDIDATES 750
#define SUGGEST_MAX_LEN 40
/* Edit costs: inserting, deleting or replacing a byte costs 2, replacing
 * a letter by the same letter in the other case costs 1. */
#define SUGGEST_EDIT_COST 2
#define SUGGEST_CASE_COST 1

static size_t suggest_replace_cost(unsigned char a, unsigned char b)
{
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = (unsigned char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z')
        b = (unsigned char)(b - 'A' + 'a');
    return a == b ? SUGGEST_CASE_COST : SUGGEST_EDIT_COST;
}

/* The edit distance between the UTF-8 strings a and b, or some value above
 * `limit` as soon as it is known to exceed it. */
static size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t limit)
{
    while (alen && blen && a[0] == b[0])
        a++, b++, alen--, blen--;
    while (alen && blen && a[alen - 1] == b[blen - 1])
        alen--, blen--;
    if (alen == 0 || blen == 0)
        return (alen + blen) * SUGGEST_EDIT_COST;
    if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN)
        return limit + 1;
    if (alen > blen) {
        const char *s = a;
        a = b, b = s;
        size_t n = alen;
        alen = blen, blen = n;
    }
    if ((blen - alen) * SUGGEST_EDIT_COST > limit)
        return limit + 1;

    /* row[i]: the distance between the part of b seen so far and a[:i+1];
     * one row is kept and updated in place. */
    size_t row[SUGGEST_MAX_LEN];
    for (size_t i = 0; i < alen; i++)
        row[i] = (i + 1) * SUGGEST_EDIT_COST;
    size_t cur = 0;
    for (size_t j = 0; j < blen; j++) {
        size_t diag = j * SUGGEST_EDIT_COST; /* distance(b[:j], a[:i]) */
        /* distance(b[:j+1], a[:i]); CPython starts it at diag, one edit
         * low, and the suggestions chosen depend on that. */
        size_t left = diag;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < alen; i++) {
            size_t up = row[i];              /* distance(b[:j], a[:i+1]) */
            size_t replace = diag + suggest_replace_cost((unsigned char)b[j], (unsigned char)a[i]);
            size_t edit = (left < up ? left : up) + SUGGEST_EDIT_COST;
            cur = edit < replace ? edit : replace;
            row[i] = cur;
            diag = up;
            left = cur;
            if (cur < best)
                best = cur;
        }
        if (best > limit)
            return limit + 1;
    }
    return cur;
}

/* The closest of `names` (a list) to `name`, a new reference, or
 * KR_ABSENT.  A name that is not a str, or cannot be encoded, ends the
 * search without a suggestion, as in CPython. */
static KrValue suggest_from_list(KrThread *t, KrValue names, KrValue name)
{
    size_t n = kr_as_list(names)->len;
    if (n >= SUGGEST_MAX_CANDIDATES)
        return KR_ABSENT;
    size_t nlen;
    const char *nstr = kr_str_utf8(t, name, &nlen);
    if (!nstr)
        return KR_ABSENT;
    KrValue best = KR_ABSENT;
    size_t best_dist = SIZE_MAX;
    for (size_t i = 0; i < kr_as_list(names)->len; i++) {
        KrValue item = kr_as_list(names)->items[i];
        size_t ilen;
        const char *istr = kr_is_str(t, item) ? kr_str_utf8(t, item, &ilen) : NULL;
        if (!istr)
            return KR_ABSENT;
        if (ilen == nlen && memcmp(istr, nstr, nlen) == 0)
            continue;
        /* At most about a third of the characters may change, and a
         * candidate must beat the best so far. */
        size_t limit = (nlen + ilen + 3) * SUGGEST_EDIT_COST / 6;
        if (best_dist != SIZE_MAX && best_dist - 1 < limit)
            limit = best_dist - 1;
        size_t d = suggest_distance(nstr, nlen, istr, ilen, limit);
        if (d > limit)
            continue;
        if (best == KR_ABSENT || d < best_dist) {
            best = item;
            best_dist = d;
        }
    }
    return best == KR_ABSENT ? KR_ABSENT : kr_incref(best);
}

/* list(iterable), then the search; errors mean no suggestion. */
static KrValue suggest_from_iterable(KrThread *t, KrValue iterable, KrValue name)
{
    KrValue names = kr_list_from_iterable(t, iterable);
    if (names == KR_ERROR)
        return KR_ABSENT;
    KrValue r = suggest_from_list(t, names, name);
    kr_decref(t, names);
    return r;
}

static KrValue suggest_attribute(KrThread *t, KrValue exc)
{
    KrValue name = KR_ABSENT, obj = KR_ABSENT, r = KR_ABSENT;
    if (kr_lookup_attr(t, exc, kr_name(t, name), &name) <= 0 ||
        kr_lookup_attr(t, exc, kr_name(t, obj), &obj) <= 0)
        goto done;
    if (!kr_is_exact_str(t, name) || obj == KR_NONE)
        goto done;
    /* dir(obj): the object's __dir__, sorted. */
    KrValue names = kr_call_special(t, obj, kr_name(t, dunder_dir), NULL, 0);
    if (names == KR_ERROR || names == KR_ABSENT)
        goto done;
    KrValue list = kr_list_from_iterable(t, names);
    kr_decref(t, names);
    if (list == KR_ERROR)
        goto done;
    if (kr_list_sort(t, list, KR_NONE, false) == 0)
        r = suggest_from_list(t, list, name);
    kr_decref(t, list);
done:
    kr_xdecref(t, name);
    kr_xdecref(t, obj);
    return r;
}

/* The candidates come from the frame the NameError was raised in: the
 * last entry of its traceback. */
static KrValue suggest_name(KrThread *t, KrValue exc)
{
    KrValue name = KR_ABSENT, r = KR_ABSENT;
    if (kr_lookup_attr(t, exc, kr_name(t, name), &name) <= 0 || !kr_is_exact_str(t, name))
        goto done;
    KrValue tb = kr_exception_traceback(exc);
    if (!kr_is_ptr(tb) || kr_type(t, tb) != kr_builtin_type(t, TRACEBACK))
        goto done;
    KrCode *code = NULL;
    for (;;) {
        KrValue next;
        int lineno;
        KrPosition pos;
        kr_traceback_entry(t, tb, &next, &code, &lineno, &pos);
        if (!kr_is_ptr(next) || kr_type(t, next) != kr_builtin_type(t, TRACEBACK))
            break;
        tb = next;
    }
    r = suggest_from_iterable(t, code->varnames, name);
    if (r != KR_ABSENT)
        goto done;
    KrValue frame = kr_getattr_cstr(t, tb, "tb_frame");
    if (frame == KR_ERROR)
        goto done;
    static const char *const spaces[] = {"f_globals", "f_builtins"};
    for (size_t i = 0; i < 2 && r == KR_ABSENT; i++) {
        KrValue ns = kr_getattr_cstr(t, frame, spaces[i]);
        if (ns == KR_ERROR)
            break;
        r = suggest_from_iterable(t, ns, name);
        kr_decref(t, ns);
    }
    kr_decref(t, frame);
done:
    kr_xdecref(t, name);
    return r;
}

KrValue kr_suggestion_for(KrThread *t, KrValue exc)
{
    KrValue r = KR_ABSENT;
    KrValue saved = kr_err_fetch(t);
    if (kr_is_ptr(exc) && kr_type(t, exc) == kr_exc_type(t, AttributeError))
        r = suggest_attribute(t, exc);
    else if (kr_is_ptr(exc) && kr_type(t, exc) == kr_exc_type(t, NameError))
        r = suggest_name(t, exc);
    kr_err_clear(t);
    t->exc = saved;
    return r;
}
