/* Struct sequences (structseq.h). */
#include <string.h>

#include "objects/structseq.h"
#include "objects/typeslots.h"

const char kr_structseq_unnamed[] = "unnamed field";

static const KrStructSeqDesc *desc_of(KrType *tp)
{
    /* Only struct sequence types have this fill function, and their spec
     * is the first member of their descriptor. */
    while (tp && !(tp->spec && tp->spec->fill == kr_structseq_fill))
        tp = tp->base;
    return tp ? (const KrStructSeqDesc *)tp->spec : NULL;
}

static size_t count_fields(const KrStructSeqDesc *d, size_t *unnamed)
{
    size_t n = 0, u = 0;
    for (const KrStructSeqField *f = d->fields; f->name; f++, n++)
        if (f->name == kr_structseq_unnamed)
            u++;
    if (unnamed)
        *unnamed = u;
    return n;
}

bool kr_is_structseq(KrThread *t, KrValue v)
{
    return kr_is_ptr(v) && desc_of(kr_type(t, v)) != NULL;
}

static KrTuple *alloc_instance(KrThread *t, KrType *type, size_t nfields, size_t visible)
{
    KrTuple *tu = (KrTuple *)kr_alloc(t, type, sizeof(KrTuple) + nfields * sizeof(KrValue));
    if (!tu)
        return NULL;
    /* A struct sequence type belongs to no module table: its instances
     * keep it alive (kr_alloc counts references only for classes). */
    kr_incref(kr_ptr(type));
    tu->hash = -1;
    tu->len = visible;
    for (size_t i = 0; i < nfields; i++)
        tu->items[i] = KR_NONE;
    return tu;
}

KrValue kr_structseq_make(KrThread *t, KrType *type, KrValue *vals)
{
    const KrStructSeqDesc *d = desc_of(type);
    size_t n = count_fields(d, NULL);
    bool failed = false;
    for (size_t i = 0; i < n; i++)
        failed |= vals[i] == KR_ERROR;
    KrTuple *tu = failed ? NULL : alloc_instance(t, type, n, (size_t)d->n_in_sequence);
    if (!tu) {
        for (size_t i = 0; i < n; i++)
            if (vals[i] != KR_ERROR)
                kr_decref(t, vals[i]);
        return KR_ERROR;
    }
    memcpy(tu->items, vals, n * sizeof(KrValue));
    return kr_ptr(tu);
}

static void structseq_dealloc(KrThread *t, KrObject *o)
{
    KrTuple *tu = (KrTuple *)o;
    KrType *type = o->type;
    size_t n = count_fields(desc_of(type), NULL);
    kr_gc_untrack(t, o);
    for (size_t i = 0; i < n; i++)
        kr_decref(t, tu->items[i]);
    kr_free_object(t, o);
    kr_decref(t, kr_ptr(type));
}

static void structseq_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrTuple *tu = (KrTuple *)o;
    size_t n = count_fields(desc_of(o->type), NULL);
    visit(&o->type->ob, arg);
    for (size_t i = 0; i < n; i++)
        if (kr_is_ptr(tu->items[i]))
            visit(kr_as_ptr(tu->items[i]), arg);
}

/* The name of the i-th named field.  CPython labels the visible items with
 * the named fields in order, skipping unnamed ones, so an unnamed item
 * borrows a later name in the repr (os.stat_result shows st_atime=<int>);
 * programs see that, so it is kept. */
static const char *nth_named(const KrStructSeqDesc *d, size_t i)
{
    for (const KrStructSeqField *f = d->fields; f->name; f++) {
        if (f->name == kr_structseq_unnamed)
            continue;
        if (i-- == 0)
            return f->name;
    }
    return "?";
}

static KrValue structseq_repr(KrThread *t, KrValue self)
{
    const KrStructSeqDesc *d = desc_of(kr_type(t, self));
    KrTuple *tu = kr_as_tuple(self);
    KrStrBuilder b;
    kr_sb_init(&b);
    const char *name = d->spec.name;
    if (kr_sb_append_utf8(t, &b, name, strlen(name)) < 0 || kr_sb_append_ascii(t, &b, "(", 1) < 0)
        goto fail;
    for (size_t i = 0; i < tu->len; i++) {
        const char *fname = nth_named(d, i);
        if ((i && kr_sb_append_ascii(t, &b, ", ", 2) < 0) ||
            kr_sb_append_utf8(t, &b, fname, strlen(fname)) < 0 || kr_sb_append_ascii(t, &b, "=", 1) < 0)
            goto fail;
        KrValue r = kr_repr(t, tu->items[i]);
        if (r == KR_ERROR)
            goto fail;
        int st = kr_sb_append_str(t, &b, r);
        kr_decref(t, r);
        if (st < 0)
            goto fail;
    }
    if (kr_sb_append_ascii(t, &b, ")", 1) < 0)
        goto fail;
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    return KR_ERROR;
}

/* T(sequence, dict=None): the sequence gives the first fields (at least
 * n_in_sequence of them), the dict the named ones after it. */
static KrValue structseq_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const char *const names[] = {"sequence", "dict"};
    const KrStructSeqDesc *d = desc_of(type);
    KrArgSpec spec = {d->spec.name, names, 2, 0, 1, 2};
    const char *dot = strrchr(d->spec.name, '.');
    spec.fname = dot ? dot + 1 : d->spec.name;
    KrValue a[2];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    KrValue dict = a[1] == KR_ABSENT ? KR_NONE : a[1];
    if (dict != KR_NONE && !kr_is_dict(t, dict))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() takes a dict as second arg, if any", d->spec.name);
    KrValue seq = kr_list_from_iterable(t, a[0]);
    if (seq == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
            kr_err_clear(t);
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "constructor requires a sequence");
        }
        return KR_ERROR;
    }
    size_t len = kr_as_list(seq)->len, min = (size_t)d->n_in_sequence, max = count_fields(d, NULL);
    if (len < min || len > max) {
        kr_decref(t, seq);
        if (min == max)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() takes a %zu-sequence (%zu-sequence given)",
                                d->spec.name, min, len);
        if (len < min)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "%s() takes an at least %zu-sequence (%zu-sequence given)", d->spec.name, min, len);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() takes an at most %zu-sequence (%zu-sequence given)",
                            d->spec.name, max, len);
    }
    KrTuple *tu = alloc_instance(t, type, max, min);
    if (!tu) {
        kr_decref(t, seq);
        return KR_ERROR;
    }
    for (size_t i = 0; i < len; i++)
        tu->items[i] = kr_incref(kr_as_list(seq)->items[i]);
    kr_decref(t, seq);
    for (size_t i = len; i < max; i++) {
        const char *fname = d->fields[i].name;
        if (dict == KR_NONE || fname == kr_structseq_unnamed)
            continue;
        KrValue v = kr_dict_get_cstr(t, dict, fname);
        if (v == KR_ERROR) {
            kr_decref(t, kr_ptr(tu));
            return v;
        }
        if (v != KR_ABSENT)
            tu->items[i] = kr_incref(v);
    }
    return kr_ptr(tu);
}

static KrValue structseq_reduce(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__reduce__", nargs, 0, 0) < 0)
        return KR_ERROR;
    const KrStructSeqDesc *d = desc_of(kr_type(t, self));
    KrTuple *tu = kr_as_tuple(self);
    size_t n = count_fields(d, NULL);
    KrValue seq = kr_tuple_from(t, tu->items, tu->len);
    KrValue dict = kr_dict_new(t);
    if (seq == KR_ERROR || dict == KR_ERROR)
        goto fail;
    for (size_t i = tu->len; i < n; i++)
        if (d->fields[i].name != kr_structseq_unnamed &&
            kr_dict_set_cstr(t, dict, d->fields[i].name, tu->items[i]) < 0)
            goto fail;
    KrValue r = kr_tuple_pack(t, 2, kr_ptr(kr_type(t, self)), KR_NONE);
    if (r == KR_ERROR)
        goto fail;
    KrValue inner = kr_tuple_pack(t, 2, seq, dict);
    kr_decref(t, seq);
    kr_decref(t, dict);
    if (inner == KR_ERROR) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    kr_tuple_items(r)[1] = inner;
    return r;
fail:
    kr_xdecref(t, seq);
    kr_xdecref(t, dict);
    return KR_ERROR;
}

const KrMethodDef kr_structseq_methods[] = {
    {"__reduce__", structseq_reduce, 0, NULL},
    {NULL, NULL, 0, NULL},
};

void kr_structseq_fill(KrType *tp)
{
    tp->dealloc = structseq_dealloc;
    tp->traverse = structseq_traverse;
    tp->repr = structseq_repr;
    tp->new_ = structseq_new;
}

static int add_attr(KrThread *t, KrType *tp, const char *name, KrValue v)
{
    if (v == KR_ERROR)
        return -1;
    int r = kr_dict_set_cstr(t, tp->dict, name, v);
    kr_decref(t, v);
    return r;
}

KrType *kr_structseq_new_type(KrThread *t, const KrStructSeqDesc *desc)
{
    KrType *tp = kr_type_from_spec(t, &desc->spec, kr_builtin_type(t, TUPLE), KR_ABSENT);
    if (!tp)
        return NULL;
    KrValue tv = kr_ptr(tp);
    if (kr_type_ready_builtin(t, tp) < 0) {
        kr_decref(t, tv);
        return NULL;
    }
    size_t unnamed, n = count_fields(desc, &unnamed);
    size_t nmatch = 0;
    for (int i = 0; i < desc->n_in_sequence; i++)
        nmatch += desc->fields[i].name != kr_structseq_unnamed;
    KrValue match = kr_tuple_new(t, nmatch);
    if (match == KR_ERROR)
        goto fail;
    for (size_t i = 0, j = 0; i < n; i++) {
        const char *fname = desc->fields[i].name;
        if (fname == kr_structseq_unnamed)
            continue;
        KrValue name = kr_str_intern_cstr(t, fname);
        if (name == KR_ERROR) {
            kr_decref(t, match);
            goto fail;
        }
        if (i < (size_t)desc->n_in_sequence)
            kr_tuple_items(match)[j++] = kr_incref(name);
        /* Read-only members at the item's offset in the object. */
        KrValue md = kr_member_descr_new(t, tp, name, offsetof(KrTuple, items) + i * sizeof(KrValue));
        kr_decref(t, name);
        if (md != KR_ERROR)
            ((KrMemberDescr *)kr_as_ptr(md))->readonly = true;
        if (add_attr(t, tp, fname, md) < 0) {
            kr_decref(t, match);
            goto fail;
        }
    }
    if (add_attr(t, tp, "n_sequence_fields", kr_smallint(desc->n_in_sequence)) < 0 ||
        add_attr(t, tp, "n_fields", kr_smallint((int64_t)n)) < 0 ||
        add_attr(t, tp, "n_unnamed_fields", kr_smallint((int64_t)unnamed)) < 0 ||
        add_attr(t, tp, "__match_args__", match) < 0)
        goto fail;
    if (!desc->constructible) {
        tp->new_ = NULL;
        if (kr_dict_del(t, tp->dict, kr_name(t, dunder_new)) < 0)
            kr_err_clear(t);
    }
    kr_type_modified(t, tp);
    return tp;
fail:
    kr_decref(t, tv);
    return NULL;
}
