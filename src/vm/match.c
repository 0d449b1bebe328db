/* The runtime side of `match` statements: which subjects count as
 * mappings and sequences, key lookup and class patterns (PEP 634). */
#include "runtime/runtime.h"

int kr_match_is_mapping(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    return (tp->flags & KR_TPFLAG_DICT_SUBCLASS) || kr_type_check(t, v, kr_builtin_type(t, MAPPINGPROXY));
}

int kr_match_is_sequence(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    if (tp->flags & (KR_TPFLAG_STR_SUBCLASS | KR_TPFLAG_BYTES_SUBCLASS))
        return 0;
    if (kr_type_check(t, v, kr_builtin_type(t, BYTEARRAY)))
        return 0;
    return (tp->flags & (KR_TPFLAG_LIST_SUBCLASS | KR_TPFLAG_TUPLE_SUBCLASS)) ||
           kr_type_check(t, v, kr_builtin_type(t, RANGE)) || kr_type_check(t, v, kr_builtin_type(t, MEMORYVIEW));
}

/* The values of `keys` in the mapping subject, as a tuple, or None when
 * one is missing (looked up with .get(key, sentinel) as CPython). */
KrValue kr_match_keys(KrThread *t, KrValue subject, KrValue keys)
{
    size_t n = kr_tuple_len(keys);
    KrValue out = kr_tuple_new(t, n);
    if (out == KR_ERROR)
        return out;
    for (size_t i = 0; i < n; i++) {
        KrValue k = kr_tuple_items(keys)[i];
        for (size_t j = 0; j < i; j++) {
            int eq = kr_eq(t, kr_tuple_items(keys)[j], k);
            if (eq < 0) {
                kr_decref(t, out);
                return KR_ERROR;
            }
            if (eq) {
                kr_decref(t, out);
                return kr_raise_fmt(t, kr_exc_type(t, ValueError), "mapping pattern checks duplicate key (%R)", k);
            }
        }
        KrValue v;
        if (kr_is_ptr(subject) && kr_as_ptr(subject)->type == kr_builtin_type(t, DICT)) {
            v = kr_dict_get(t, subject, k);
            if (v != KR_ERROR && v != KR_ABSENT)
                kr_incref(v);
        } else {
            v = kr_getitem(t, subject, k);
            if (v == KR_ERROR && kr_err_matches(t, kr_exc_type(t, KeyError))) {
                kr_err_clear(t);
                v = KR_ABSENT;
            }
        }
        if (v == KR_ERROR) {
            kr_decref(t, out);
            return v;
        }
        if (v == KR_ABSENT) {
            kr_decref(t, out);
            return KR_NONE;
        }
        kr_tuple_items(out)[i] = v;
    }
    return out;
}

/* The attributes a class pattern binds, or None when it does not match. */
KrValue kr_match_class(KrThread *t, KrValue subject, KrValue cls, int npos, KrValue kwnames)
{
    if (!kr_has_flag(t, cls, KR_TPFLAG_TYPE_SUBCLASS))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "called match pattern must be a type");
    int r = kr_isinstance(t, subject, cls);
    if (r <= 0)
        return r < 0 ? KR_ERROR : KR_NONE;
    size_t nkw = kwnames == KR_NONE || kwnames == KR_ABSENT ? 0 : kr_tuple_len(kwnames);
    KrValue out = kr_list_new(t, 0);
    if (out == KR_ERROR)
        return out;
    KrValue names_seen = kr_list_new(t, 0);
    if (names_seen == KR_ERROR) {
        kr_decref(t, out);
        return names_seen;
    }
    KrType *ct = kr_as_type(cls);
    /* Classes matched by themselves with one positional pattern. */
    uint32_t self_match = KR_TPFLAG_INT_SUBCLASS | KR_TPFLAG_FLOAT_SUBCLASS | KR_TPFLAG_STR_SUBCLASS |
                          KR_TPFLAG_BYTES_SUBCLASS | KR_TPFLAG_TUPLE_SUBCLASS | KR_TPFLAG_LIST_SUBCLASS |
                          KR_TPFLAG_DICT_SUBCLASS;
    bool builtin_self = !(ct->flags & KR_TPFLAG_HEAPTYPE) && ((ct->flags & self_match) ||
                        ct == kr_builtin_type(t, BOOL) || ct == kr_builtin_type(t, SET) ||
                        ct == kr_builtin_type(t, FROZENSET) || ct == kr_builtin_type(t, BYTEARRAY));
    KrValue result = KR_NONE;
    if (npos > 0) {
        KrValue match_args;
        int mr = kr_lookup_attr(t, cls, kr_name(t, dunder_match_args), &match_args);
        if (mr < 0)
            goto fail;
        if (mr == 0) {
            if (builtin_self) {
                if (npos > 1) {
                    kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() accepts 1 positional sub-pattern (%d given)",
                                 ct->name, npos);
                    goto fail;
                }
                kr_list_append(t, out, subject);
            } else {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() accepts 0 positional sub-patterns (%d given)",
                             ct->name, npos);
                goto fail;
            }
        } else {
            if (!kr_is_tuple(t, match_args)) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.__match_args__ must be a tuple (got %T)", ct->name,
                             match_args);
                kr_decref(t, match_args);
                goto fail;
            }
            if ((size_t)npos > kr_tuple_len(match_args)) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() accepts %zu positional sub-pattern%s (%d given)",
                             ct->name, kr_tuple_len(match_args), kr_tuple_len(match_args) == 1 ? "" : "s", npos);
                kr_decref(t, match_args);
                goto fail;
            }
            for (int i = 0; i < npos; i++) {
                KrValue name = kr_tuple_items(match_args)[i];
                if (!kr_is_str(t, name)) {
                    kr_raise_fmt(t, kr_exc_type(t, TypeError), "__match_args__ elements must be strings (got %T)", name);
                    kr_decref(t, match_args);
                    goto fail;
                }
                kr_list_append(t, names_seen, name);
                KrValue v;
                int ar = kr_lookup_attr(t, subject, name, &v);
                if (ar <= 0) {
                    kr_decref(t, match_args);
                    if (ar < 0)
                        goto fail;
                    goto nomatch;
                }
                kr_list_append(t, out, v);
                kr_decref(t, v);
            }
            kr_decref(t, match_args);
        }
    }
    for (size_t i = 0; i < nkw; i++) {
        KrValue name = kr_tuple_items(kwnames)[i];
        for (size_t j = 0; j < kr_as_list(names_seen)->len; j++) {
            if (kr_str_equal(kr_as_list(names_seen)->items[j], name)) {
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() got multiple sub-patterns for attribute %R", ct->name,
                             name);
                goto fail;
            }
        }
        kr_list_append(t, names_seen, name);
        KrValue v;
        int ar = kr_lookup_attr(t, subject, name, &v);
        if (ar < 0)
            goto fail;
        if (ar == 0)
            goto nomatch;
        kr_list_append(t, out, v);
        kr_decref(t, v);
    }
    result = kr_tuple_from(t, kr_as_list(out)->items, kr_as_list(out)->len);
nomatch:
    kr_decref(t, out);
    kr_decref(t, names_seen);
    return result;
fail:
    kr_decref(t, out);
    kr_decref(t, names_seen);
    return KR_ERROR;
}
