/* The abstract object protocols: what `repr(x)`, `a + b`, `x.y`, `x[i]`,
 * `for v in x`, `f(...)` and friends mean for any value, dispatching to
 * the C slots of the operands' types with CPython's rules (reflected
 * operands, NotImplemented, the subclass-first rule) and messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

static KrValue type_error(KrThread *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kr_raise_vfmt(t, kr_exc_type(t, TypeError), fmt, ap);
    va_end(ap);
    return KR_ERROR;
}

/* ---- recursion guards ---- */

#define KR_C_RECURSION_LIMIT 8000

int kr_enter_recursive_call(KrThread *t, const char *where)
{
    if (++t->c_depth > t->vm->recursion_limit + 50 || t->c_depth > KR_C_RECURSION_LIMIT) {
        t->c_depth--;
        kr_raise_fmt(t, kr_exc_type(t, RecursionError), "maximum recursion depth exceeded%s", where);
        return -1;
    }
    return 0;
}

void kr_leave_recursive_call(KrThread *t) { t->c_depth--; }

int kr_repr_enter(KrThread *t, KrValue obj)
{
    if (!kr_is_ptr(t->dict) || t->dict == KR_ABSENT) {
        t->dict = kr_list_new(t, 0);
        if (t->dict == KR_ERROR) {
            t->dict = KR_ABSENT;
            return -1;
        }
    }
    KrList *l = kr_as_list(t->dict);
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] == obj)
            return 1;
    return kr_list_append(t, t->dict, obj) < 0 ? -1 : 0;
}

void kr_repr_leave(KrThread *t, KrValue obj)
{
    if (!kr_is_ptr(t->dict))
        return;
    KrList *l = kr_as_list(t->dict);
    for (size_t i = l->len; i-- > 0;) {
        if (l->items[i] == obj) {
            KrValue v = l->items[i];
            memmove(&l->items[i], &l->items[i + 1], (l->len - i - 1) * sizeof(KrValue));
            l->len--;
            kr_decref(t, v);
            return;
        }
    }
}

/* ---- repr, str, hash ---- */

KrValue kr_repr(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    if (kr_enter_recursive_call(t, " while getting the repr of an object") < 0)
        return KR_ERROR;
    KrValue r = tp->repr(t, v);
    kr_leave_recursive_call(t);
    if (r != KR_ERROR && !kr_is_str(t, r)) {
        KrValue e = type_error(t, "__repr__ returned non-string (type %T)", r);
        kr_decref(t, r);
        return e;
    }
    return r;
}

KrValue kr_str(KrThread *t, KrValue v)
{
    if (kr_is_exact_str(t, v))
        return kr_incref(v);
    KrType *tp = kr_type(t, v);
    if (kr_enter_recursive_call(t, " while getting the str of an object") < 0)
        return KR_ERROR;
    KrValue r = tp->str ? tp->str(t, v) : tp->repr(t, v);
    kr_leave_recursive_call(t);
    if (r != KR_ERROR && !kr_is_str(t, r)) {
        KrValue e = type_error(t, "__str__ returned non-string (type %T)", r);
        kr_decref(t, r);
        return e;
    }
    return r;
}

KrValue kr_ascii(KrThread *t, KrValue v)
{
    KrValue r = kr_repr(t, v);
    if (r == KR_ERROR || kr_as_str(r)->ascii)
        return r;
    KrStr *s = kr_as_str(r);
    KrStrBuilder b;
    kr_sb_init(&b);
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kr_str_char(s, i);
        char buf[16];
        int n;
        if (c < 0x80) {
            buf[0] = (char)c;
            n = 1;
        } else if (c <= 0xFF) {
            n = snprintf(buf, sizeof buf, "\\x%02x", c);
        } else if (c <= 0xFFFF) {
            n = snprintf(buf, sizeof buf, "\\u%04x", c);
        } else {
            n = snprintf(buf, sizeof buf, "\\U%08x", c);
        }
        if (kr_sb_append_ascii(t, &b, buf, (size_t)n) < 0) {
            kr_sb_discard(&b);
            kr_decref(t, r);
            return KR_ERROR;
        }
    }
    kr_decref(t, r);
    return kr_sb_finish(t, &b);
}

KrValue kr_format_value(KrThread *t, KrValue v, KrValue spec)
{
    if (spec == KR_ABSENT || spec == 0)
        spec = t->vm->empty_str;
    /* Fast path: str with an empty spec. */
    if (kr_is_exact_str(t, v) && kr_as_str(spec)->len == 0)
        return kr_incref(v);
    KrValue r = kr_call_special(t, v, kr_name(t, dunder_format), &spec, 1);
    if (r == KR_ABSENT)
        return type_error(t, "Type %T doesn't define __format__", v);
    if (r != KR_ERROR && !kr_is_str(t, r)) {
        KrValue e = type_error(t, "__format__ must return a str, not %T", r);
        kr_decref(t, r);
        return e;
    }
    return r;
}

int64_t kr_hash_not_implemented(KrThread *t, KrValue v)
{
    type_error(t, "unhashable type: '%T'", v);
    return -1;
}

int64_t kr_hash(KrThread *t, KrValue v)
{
    if (kr_is_smallint(v)) {
        int64_t i = kr_as_smallint(v);
        /* CPython: hash(i) == i for small i, except -1 which is -2. */
        return i == -1 ? -2 : i;
    }
    KrType *tp = kr_type(t, v);
    if (!tp->hash)
        return kr_hash_not_implemented(t, v);
    return tp->hash(t, v);
}

/* ---- comparisons ---- */

static const char *const compare_symbols[] = {"<", "<=", "==", "!=", ">", ">="};
static const KrCompareOp swapped_op[] = {KR_GT, KR_GE, KR_EQ, KR_NE, KR_LT, KR_LE};

KrValue kr_richcompare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrType *ta = kr_type(t, a), *tb = kr_type(t, b);
    bool checked_reverse = false;
    KrValue r;
    if (kr_enter_recursive_call(t, " in comparison") < 0)
        return KR_ERROR;
    if (ta != tb && tb->compare && kr_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->compare(t, b, a, swapped_op[op]);
        if (r != KR_NOTIMPLEMENTED)
            goto done;
    }
    if (ta->compare) {
        r = ta->compare(t, a, b, op);
        if (r != KR_NOTIMPLEMENTED)
            goto done;
    }
    if (!checked_reverse && tb->compare) {
        r = tb->compare(t, b, a, swapped_op[op]);
        if (r != KR_NOTIMPLEMENTED)
            goto done;
    }
    switch (op) {
    case KR_EQ: r = kr_bool(a == b); break;
    case KR_NE: r = kr_bool(a != b); break;
    default:
        r = type_error(t, "'%s' not supported between instances of '%s' and '%s'", compare_symbols[op],
                       ta->name, tb->name);
    }
done:
    kr_leave_recursive_call(t);
    return r;
}

int kr_richcompare_bool(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrValue r = kr_richcompare(t, a, b, op);
    if (r == KR_ERROR)
        return -1;
    if (kr_is_bool(r))
        return r == KR_TRUE;
    int truth = kr_truth(t, r);
    kr_decref(t, r);
    return truth;
}

int kr_eq(KrThread *t, KrValue a, KrValue b)
{
    if (a == b)
        return 1;
    if (kr_is_smallint(a) && kr_is_smallint(b))
        return 0;
    if (kr_is_exact_str(t, a) && kr_is_exact_str(t, b))
        return kr_str_equal(a, b);
    return kr_richcompare_bool(t, a, b, KR_EQ);
}

/* ---- arithmetic ---- */

static const char *const binop_symbols[KR_BINOP_COUNT] = {
    "+", "-", "*", "@", "/", "%", "** or pow()", "<<", ">>", "|", "^", "&", "//",
};
static const char *const inplace_symbols[KR_BINOP_COUNT] = {
    "+=", "-=", "*=", "@=", "/=", "%=", "**=", "<<=", ">>=", "|=", "^=", "&=", "//=",
};

const char *kr_binop_symbol(KrBinOp op) { return binop_symbols[op]; }

/* CPython's binary_op1: the left operand's slot, unless the right one's
 * type is a subclass that overrides it; NotImplemented if neither can. */
static KrValue binary_op1(KrThread *t, KrValue a, KrValue b, KrBinOp op)
{
    KrType *ta = kr_type(t, a), *tb = kr_type(t, b);
    KrBinaryFn slota = ta->binary[op];
    KrBinaryFn slotb = tb != ta ? tb->binary[op] : NULL;
    if (slotb == slota)
        slotb = NULL;
    if (slota) {
        if (slotb && kr_is_subtype(tb, ta)) {
            KrValue r = slotb(t, a, b);
            if (r != KR_NOTIMPLEMENTED)
                return r;
            slotb = NULL;
        }
        KrValue r = slota(t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    if (slotb)
        return slotb(t, a, b);
    return KR_NOTIMPLEMENTED;
}

static KrValue binop_type_error(KrThread *t, KrValue a, KrValue b, const char *symbol)
{
    return type_error(t, "unsupported operand type(s) for %s: '%T' and '%T'", symbol, a, b);
}

KrValue kr_binary_op(KrThread *t, KrValue a, KrValue b, KrBinOp op)
{
    KrValue r = binary_op1(t, a, b, op);
    if (r != KR_NOTIMPLEMENTED)
        return r;
    if (op == KR_OP_RSHIFT && kr_is_ptr(a) && kr_as_ptr(a) == kr_as_ptr(kr_dict_get_cstr(t, t->vm->builtins_dict, "print")))
        return type_error(t, "unsupported operand type(s) for >>: 'builtin_function_or_method' and '%T'. "
                             "Did you mean \"print(<message>, file=<output_stream>)\"?", b);
    return binop_type_error(t, a, b, binop_symbols[op]);
}

KrValue kr_inplace_op(KrThread *t, KrValue a, KrValue b, KrBinOp op)
{
    KrType *ta = kr_type(t, a);
    if (ta->inplace[op]) {
        KrValue r = ta->inplace[op](t, a, b);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    KrValue r = binary_op1(t, a, b, op);
    if (r != KR_NOTIMPLEMENTED)
        return r;
    return binop_type_error(t, a, b, inplace_symbols[op]);
}

KrValue kr_power(KrThread *t, KrValue a, KrValue b, KrValue mod)
{
    if (mod == KR_NONE || mod == KR_ABSENT)
        return kr_binary_op(t, a, b, KR_OP_POW);
    /* Three-argument pow: only the first operand's slot (as CPython's
     * ternary_op, which also tries the others' but only for numbers). */
    KrType *ta = kr_type(t, a), *tb = kr_type(t, b), *tc = kr_type(t, mod);
    KrTernaryFn f[3] = {ta->pow3, tb != ta ? tb->pow3 : NULL, (tc != ta && tc != tb) ? tc->pow3 : NULL};
    for (int i = 0; i < 3; i++) {
        if (!f[i])
            continue;
        KrValue r = f[i](t, a, b, mod);
        if (r != KR_NOTIMPLEMENTED)
            return r;
    }
    return type_error(t, "unsupported operand type(s) for ** or pow(): '%T', '%T', '%T'", a, b, mod);
}

#define UNARY_OP(fn, slot, symbol)                                                      \
    KrValue fn(KrThread *t, KrValue a)                                                   \
    {                                                                                    \
        KrType *tp = kr_type(t, a);                                                      \
        if (tp->slot)                                                                    \
            return tp->slot(t, a);                                                       \
        return type_error(t, "bad operand type for " symbol ": '%T'", a);              \
    }
UNARY_OP(kr_negative, neg, "unary -")
UNARY_OP(kr_positive, pos, "unary +")
UNARY_OP(kr_invert, invert, "unary ~")
UNARY_OP(kr_absolute, abs, "abs()")
#undef UNARY_OP

KrValue kr_divmod(KrThread *t, KrValue a, KrValue b)
{
    KrValue r = kr_call_special(t, a, kr_name(t, dunder_divmod), &b, 1);
    if (r != KR_ABSENT && r != KR_NOTIMPLEMENTED)
        return r;
    KrValue r2 = kr_call_special(t, b, kr_name(t, dunder_rdivmod), &a, 1);
    if (r2 != KR_ABSENT && r2 != KR_NOTIMPLEMENTED)
        return r2;
    return type_error(t, "unsupported operand type(s) for divmod(): '%T' and '%T'", a, b);
}

int kr_truth(KrThread *t, KrValue v)
{
    if (v == KR_TRUE)
        return 1;
    if (v == KR_FALSE || v == KR_NONE)
        return 0;
    if (kr_is_smallint(v))
        return kr_as_smallint(v) != 0;
    if (kr_is_float(v))
        return kr_as_float(v) != 0.0;
    KrType *tp = kr_type(t, v);
    if (tp->truth)
        return tp->truth(t, v);
    if (tp->len) {
        int64_t n = tp->len(t, v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- attributes ---- */

static KrValue attribute_error(KrThread *t, KrValue obj, KrValue name)
{
    kr_raise_fmt(t, kr_exc_type(t, AttributeError), "'%T' object has no attribute '%U'", obj, name);
    /* name and obj let the traceback printer suggest a close name. */
    kr_attribute_error_add_context(t, obj, name);
    return KR_ERROR;
}

/* object.__getattribute__; a missing attribute gives KR_ABSENT with no
 * exception when `quiet` (hasattr-style lookups make no exception object). */
static KrValue generic_getattr(KrThread *t, KrValue obj, KrValue name, bool quiet)
{
    if (!kr_is_str(t, name))
        return type_error(t, "attribute name must be string, not '%T'", name);
    KrType *tp = kr_type(t, obj);
    KrValue descr = kr_type_lookup(t, tp, name);
    KrDescrGetFn get = NULL;
    if (descr != KR_ABSENT) {
        KrType *dt = kr_type(t, descr);
        get = dt->descr_get;
        if (get && dt->descr_set) {
            kr_incref(descr);
            KrValue r = get(t, descr, obj, kr_ptr(tp));
            kr_decref(t, descr);
            return r;
        }
    }
    KrValue *dp = kr_instance_dict_ptr(t, obj);
    if (dp && kr_is_ptr(*dp)) {
        KrValue v = kr_dict_get(t, *dp, name);
        if (v == KR_ERROR)
            return v;
        if (v != KR_ABSENT)
            return kr_incref(v);
    }
    if (get) {
        kr_incref(descr);
        KrValue r = get(t, descr, obj, kr_ptr(tp));
        kr_decref(t, descr);
        return r;
    }
    if (descr != KR_ABSENT)
        return kr_incref(descr);
    return quiet ? KR_ABSENT : attribute_error(t, obj, name);
}

KrValue kr_generic_getattr(KrThread *t, KrValue obj, KrValue name)
{
    return generic_getattr(t, obj, name, false);
}

int kr_generic_setattr(KrThread *t, KrValue obj, KrValue name, KrValue value)
{
    if (!kr_is_str(t, name))
        return type_error(t, "attribute name must be string, not '%T'", name), -1;
    KrType *tp = kr_type(t, obj);
    KrValue descr = kr_type_lookup(t, tp, name);
    if (descr != KR_ABSENT) {
        KrDescrSetFn set = kr_type(t, descr)->descr_set;
        if (set) {
            kr_incref(descr);
            int r = set(t, descr, obj, value);
            kr_decref(t, descr);
            return r;
        }
    }
    KrValue *dp = kr_instance_dict_ptr(t, obj);
    if (!dp) {
        if (descr == KR_ABSENT || value == KR_ABSENT)
            return attribute_error(t, obj, name), -1;
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "'%T' object attribute '%U' is read-only", obj, name);
    }
    if (value == KR_ABSENT) {
        if (!kr_is_ptr(*dp))
            return attribute_error(t, obj, name), -1;
        int r = kr_dict_del(t, *dp, name);
        if (r == 0)
            return attribute_error(t, obj, name), -1;
        return r < 0 ? -1 : 0;
    }
    if (!kr_is_ptr(*dp)) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR)
            return -1;
        *dp = d;
    }
    KrValue iname = kr_is_exact_str(t, name) && !kr_as_str(name)->interned ? kr_str_intern(t, name) : kr_incref(name);
    if (iname == KR_ERROR)
        return -1;
    int r = kr_dict_set(t, *dp, iname, value);
    kr_decref(t, iname);
    return r;
}

KrValue kr_getattr(KrThread *t, KrValue obj, KrValue name)
{
    KrType *tp = kr_type(t, obj);
    if (!kr_is_str(t, name))
        return type_error(t, "attribute name must be string, not '%T'", name);
    KrValue r = tp->getattr ? tp->getattr(t, obj, name) : attribute_error(t, obj, name);
    if (r == KR_ERROR)
        kr_attribute_error_add_context(t, obj, name);
    return r;
}

KrValue kr_getattr_cstr(KrThread *t, KrValue obj, const char *name)
{
    KrValue n = kr_str_intern_cstr(t, name);
    if (n == KR_ERROR)
        return n;
    KrValue r = kr_getattr(t, obj, n);
    kr_decref(t, n);
    return r;
}

int kr_lookup_attr(KrThread *t, KrValue obj, KrValue name, KrValue *out)
{
    KrValue r;
    if (kr_type(t, obj)->getattr == kr_generic_getattr) {
        r = generic_getattr(t, obj, name, true);
        if (r == KR_ABSENT)
            return 0;
    } else {
        r = kr_getattr(t, obj, name);
    }
    if (r != KR_ERROR) {
        *out = r;
        return 1;
    }
    if (kr_err_matches(t, kr_exc_type(t, AttributeError))) {
        kr_err_clear(t);
        return 0;
    }
    return -1;
}

int kr_setattr(KrThread *t, KrValue obj, KrValue name, KrValue value)
{
    KrType *tp = kr_type(t, obj);
    if (!kr_is_str(t, name))
        return type_error(t, "attribute name must be string, not '%T'", name), -1;
    if (tp->setattr)
        return tp->setattr(t, obj, name, value);
    if (kr_type_lookup(t, tp, name) == KR_ABSENT && value != KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "'%T' object has no attribute '%U'", obj, name);
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "'%T' object attribute '%U' is read-only", obj, name);
}

int kr_delattr(KrThread *t, KrValue obj, KrValue name) { return kr_setattr(t, obj, name, KR_ABSENT); }

/* ---- items ---- */

KrValue kr_getitem(KrThread *t, KrValue obj, KrValue key)
{
    KrType *tp = kr_type(t, obj);
    if (tp->getitem)
        return tp->getitem(t, obj, key);
    if (tp->flags & KR_TPFLAG_TYPE_SUBCLASS) {
        /* list[int]: __class_getitem__ */
        if (obj == kr_ptr(kr_builtin_type(t, TYPE)))
            return kr_generic_alias_new(t, obj, key);
        KrValue f;
        int r = kr_lookup_attr(t, obj, kr_name(t, dunder_class_getitem), &f);
        if (r < 0)
            return KR_ERROR;
        if (r) {
            KrValue res = kr_call1(t, f, key);
            kr_decref(t, f);
            return res;
        }
        return type_error(t, "type '%s' is not subscriptable", kr_as_type(obj)->name);
    }
    return type_error(t, "'%T' object is not subscriptable", obj);
}

int kr_setitem(KrThread *t, KrValue obj, KrValue key, KrValue value)
{
    KrType *tp = kr_type(t, obj);
    if (tp->setitem)
        return tp->setitem(t, obj, key, value);
    /* CPython words it "doesn't" only on the sequence path: a type with
     * sequence methods and an index key. */
    if (value == KR_ABSENT && (tp->contains || tp->len) && (kr_is_int(t, key) || kr_type(t, key)->index))
        return type_error(t, "'%T' object doesn't support item deletion", obj), -1;
    if (value == KR_ABSENT)
        return type_error(t, "'%T' object does not support item deletion", obj), -1;
    return type_error(t, "'%T' object does not support item assignment", obj), -1;
}

int kr_delitem(KrThread *t, KrValue obj, KrValue key) { return kr_setitem(t, obj, key, KR_ABSENT); }

int kr_contains(KrThread *t, KrValue container, KrValue item)
{
    KrType *tp = kr_type(t, container);
    if (tp->contains)
        return tp->contains(t, container, item);
    /* Fall back to iteration. */
    KrValue it = kr_iter(t, container);
    if (it == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
            kr_err_clear(t);
            type_error(t, "argument of type '%T' is not iterable", container);
        }
        return -1;
    }
    for (;;) {
        KrValue v = kr_next(t, it);
        if (v == KR_ERROR || v == KR_ABSENT) {
            kr_decref(t, it);
            return v == KR_ERROR ? -1 : 0;
        }
        int eq = kr_eq(t, v, item);
        kr_decref(t, v);
        if (eq != 0) {
            kr_decref(t, it);
            return eq;
        }
    }
}

int64_t kr_len(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    if (tp->len)
        return tp->len(t, v);
    type_error(t, "object of type '%T' has no len()", v);
    return -1;
}

int64_t kr_length_hint(KrThread *t, KrValue v, int64_t dflt)
{
    KrType *tp = kr_type(t, v);
    if (tp->len) {
        int64_t n = tp->len(t, v);
        if (n >= 0)
            return n;
        if (!kr_err_matches(t, kr_exc_type(t, TypeError)))
            return -1;
        kr_err_clear(t);
    }
    KrValue r = kr_call_special(t, v, kr_name(t, dunder_length_hint), NULL, 0);
    if (r == KR_ABSENT)
        return dflt;
    if (r == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, TypeError))) {
            kr_err_clear(t);
            return dflt;
        }
        return -1;
    }
    if (r == KR_NOTIMPLEMENTED)
        return dflt;
    if (!kr_is_int(t, r)) {
        kr_decref(t, r);
        type_error(t, "__length_hint__ must be an integer, not %T", r);
        return -1;
    }
    int64_t n;
    int st = kr_as_ssize(t, r, &n);
    kr_decref(t, r);
    if (st < 0)
        return -1;
    if (n < 0) {
        kr_raise_fmt(t, kr_exc_type(t, ValueError), "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

/* ---- iteration ---- */

KrValue kr_seq_iter_new(KrThread *t, KrValue seq);

KrValue kr_iter(KrThread *t, KrValue v)
{
    KrType *tp = kr_type(t, v);
    if (tp->iter) {
        KrValue it = tp->iter(t, v);
        if (it == KR_ERROR)
            return it;
        if (!kr_type(t, it)->iternext) {
            KrValue e = type_error(t, "iter() returned non-iterator of type '%T'", it);
            kr_decref(t, it);
            return e;
        }
        return it;
    }
    if (tp->getitem && !(tp->flags & KR_TPFLAG_DICT_SUBCLASS))
        return kr_seq_iter_new(t, v);
    return type_error(t, "'%T' object is not iterable", v);
}

KrValue kr_next(KrThread *t, KrValue it)
{
    KrType *tp = kr_type(t, it);
    if (!tp->iternext)
        return type_error(t, "'%T' object is not an iterator", it);
    KrValue r = tp->iternext(t, it);
    if (r == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration))) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return r;
}

/* ---- calls ---- */

KrValue kr_call(KrThread *t, KrValue callable, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrType *tp = kr_type(t, callable);
    if (!tp->call)
        return type_error(t, "'%T' object is not callable", callable);
    if (kr_enter_recursive_call(t, "") < 0)
        return KR_ERROR;
    KrValue r = tp->call(t, callable, args, nargs, kwnames ? kwnames : 0);
    kr_leave_recursive_call(t);
    return r;
}

KrValue kr_call0(KrThread *t, KrValue callable) { return kr_call(t, callable, NULL, 0, 0); }
KrValue kr_call1(KrThread *t, KrValue callable, KrValue a) { return kr_call(t, callable, &a, 1, 0); }

KrValue kr_call2(KrThread *t, KrValue callable, KrValue a, KrValue b)
{
    KrValue args[2] = {a, b};
    return kr_call(t, callable, args, 2, 0);
}

KrValue kr_call_tuple_dict(KrThread *t, KrValue callable, KrValue args, KrValue kwargs)
{
    size_t npos = kr_tuple_len(args);
    size_t nkw = (kwargs != KR_ABSENT && kwargs != KR_NONE) ? kr_dict_len(kwargs) : 0;
    if (nkw == 0)
        return kr_call(t, callable, kr_tuple_items(args), npos, 0);
    KrValue *argv = malloc((npos + nkw) * sizeof(KrValue));
    if (!argv)
        return kr_no_memory(t);
    memcpy(argv, kr_tuple_items(args), npos * sizeof(KrValue));
    KrValue names = kr_tuple_new(t, nkw);
    if (names == KR_ERROR) {
        free(argv);
        return names;
    }
    size_t pos = 0, i = 0;
    KrValue k, v;
    while (kr_dict_next(kwargs, &pos, &k, &v) && i < nkw) {
        if (!kr_is_str(t, k)) {
            free(argv);
            kr_decref(t, names);
            return type_error(t, "keywords must be strings");
        }
        kr_tuple_items(names)[i] = kr_incref(k);
        argv[npos + i] = v;
        i++;
    }
    /* Keep the values alive while the call may mutate the dict. */
    for (size_t j = 0; j < nkw; j++)
        kr_incref(argv[npos + j]);
    KrValue r = kr_call(t, callable, argv, npos, names);
    for (size_t j = 0; j < nkw; j++)
        kr_decref(t, argv[npos + j]);
    kr_decref(t, names);
    free(argv);
    return r;
}

KrValue kr_call_method(KrThread *t, KrValue obj, KrValue name, const KrValue *args, size_t nargs)
{
    KrValue f = kr_getattr(t, obj, name);
    if (f == KR_ERROR)
        return f;
    KrValue r = kr_call(t, f, args, nargs, 0);
    kr_decref(t, f);
    return r;
}

bool kr_callable(KrThread *t, KrValue v) { return kr_type(t, v)->call != NULL; }

/* ---- isinstance / issubclass ---- */

static bool is_type(KrThread *t, KrValue v) { (void)t; return kr_is_ptr(v) && (kr_as_ptr(v)->type->flags & KR_TPFLAG_TYPE_SUBCLASS); }

/* The __bases__ of an object that is not a type but acts as a class. */
static int abstract_bases(KrThread *t, KrValue cls, KrValue *out)
{
    KrValue b;
    int r = kr_lookup_attr(t, cls, kr_name(t, dunder_bases), &b);
    if (r <= 0)
        return r;
    if (!kr_is_tuple(t, b)) {
        kr_decref(t, b);
        return 0;
    }
    *out = b;
    return 1;
}

static int abstract_issubclass(KrThread *t, KrValue derived, KrValue cls)
{
    for (;;) {
        if (derived == cls)
            return 1;
        KrValue bases;
        int r = abstract_bases(t, derived, &bases);
        if (r <= 0)
            return r;
        size_t n = kr_tuple_len(bases);
        if (n == 0) {
            kr_decref(t, bases);
            return 0;
        }
        if (n == 1) {
            derived = kr_tuple_items(bases)[0];
            kr_decref(t, bases);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            r = abstract_issubclass(t, kr_tuple_items(bases)[i], cls);
            if (r != 0)
                break;
        }
        kr_decref(t, bases);
        return r;
    }
}

static int recursive_isinstance(KrThread *t, KrValue obj, KrValue cls)
{
    if (is_type(t, cls)) {
        if (kr_type_check(t, obj, kr_as_type(cls)))
            return 1;
        KrValue c;
        int r = kr_lookup_attr(t, obj, kr_name(t, dunder_class), &c);
        if (r <= 0)
            return r;
        int res = 0;
        if (c != kr_ptr(kr_type(t, obj)) && is_type(t, c))
            res = kr_is_subtype(kr_as_type(c), kr_as_type(cls));
        kr_decref(t, c);
        return res;
    }
    KrValue bases;
    int r = abstract_bases(t, cls, &bases);
    if (r < 0)
        return -1;
    if (r == 0)
        return type_error(t, "isinstance() arg 2 must be a type, a tuple of types, or a union"), -1;
    kr_decref(t, bases);
    KrValue c;
    r = kr_lookup_attr(t, obj, kr_name(t, dunder_class), &c);
    if (r <= 0)
        return r;
    int res = abstract_issubclass(t, c, cls);
    kr_decref(t, c);
    return res;
}

int kr_isinstance(KrThread *t, KrValue obj, KrValue cls)
{
    if (is_type(t, cls) && kr_type(t, obj) == kr_as_type(cls))
        return 1;
    if (kr_is_ptr(cls) && kr_as_ptr(cls)->type == kr_builtin_type(t, TUPLE)) {
        for (size_t i = 0; i < kr_tuple_len(cls); i++) {
            if (kr_enter_recursive_call(t, " in __instancecheck__") < 0)
                return -1;
            int r = kr_isinstance(t, obj, kr_tuple_items(cls)[i]);
            kr_leave_recursive_call(t);
            if (r != 0)
                return r;
        }
        return 0;
    }
    if (kr_is_ptr(cls) && kr_as_ptr(cls)->type == kr_builtin_type(t, UNION)) {
        KrValue args = kr_getattr_cstr(t, cls, "__args__");
        if (args == KR_ERROR)
            return -1;
        int r = kr_isinstance(t, obj, args);
        kr_decref(t, args);
        return r;
    }
    KrType *meta = kr_type(t, cls);
    KrValue checker = kr_type_lookup(t, meta, kr_name(t, dunder_instancecheck));
    if (checker != KR_ABSENT && !(meta == kr_builtin_type(t, TYPE))) {
        if (kr_enter_recursive_call(t, " in __instancecheck__") < 0)
            return -1;
        KrValue r = kr_call_special(t, cls, kr_name(t, dunder_instancecheck), &obj, 1);
        kr_leave_recursive_call(t);
        if (r == KR_ERROR)
            return -1;
        int b = kr_truth(t, r);
        kr_decref(t, r);
        return b;
    }
    return recursive_isinstance(t, obj, cls);
}

int kr_issubclass(KrThread *t, KrValue derived, KrValue cls)
{
    if (is_type(t, cls) && is_type(t, derived) && kr_type(t, cls) == kr_builtin_type(t, TYPE)) {
        if (derived == cls)
            return 1;
        return kr_is_subtype(kr_as_type(derived), kr_as_type(cls));
    }
    if (kr_is_ptr(cls) && kr_as_ptr(cls)->type == kr_builtin_type(t, TUPLE)) {
        for (size_t i = 0; i < kr_tuple_len(cls); i++) {
            if (kr_enter_recursive_call(t, " in __subclasscheck__") < 0)
                return -1;
            int r = kr_issubclass(t, derived, kr_tuple_items(cls)[i]);
            kr_leave_recursive_call(t);
            if (r != 0)
                return r;
        }
        return 0;
    }
    if (kr_is_ptr(cls) && kr_as_ptr(cls)->type == kr_builtin_type(t, UNION)) {
        KrValue args = kr_getattr_cstr(t, cls, "__args__");
        if (args == KR_ERROR)
            return -1;
        int r = kr_issubclass(t, derived, args);
        kr_decref(t, args);
        return r;
    }
    KrType *meta = kr_type(t, cls);
    if (meta != kr_builtin_type(t, TYPE) && kr_type_lookup(t, meta, kr_name(t, dunder_subclasscheck)) != KR_ABSENT) {
        if (kr_enter_recursive_call(t, " in __subclasscheck__") < 0)
            return -1;
        KrValue r = kr_call_special(t, cls, kr_name(t, dunder_subclasscheck), &derived, 1);
        kr_leave_recursive_call(t);
        if (r == KR_ERROR)
            return -1;
        int b = kr_truth(t, r);
        kr_decref(t, r);
        return b;
    }
    if (is_type(t, cls) && is_type(t, derived))
        return kr_is_subtype(kr_as_type(derived), kr_as_type(cls));
    KrValue bases;
    int r = abstract_bases(t, derived, &bases);
    if (r < 0)
        return -1;
    if (r == 0)
        return type_error(t, "issubclass() arg 1 must be a class"), -1;
    kr_decref(t, bases);
    r = abstract_bases(t, cls, &bases);
    if (r < 0)
        return -1;
    if (r == 0)
        return type_error(t, "issubclass() arg 2 must be a class, a tuple of classes, or a union"), -1;
    kr_decref(t, bases);
    return abstract_issubclass(t, derived, cls);
}

/* ---- argument checking ---- */

int kr_no_kwargs(KrThread *t, const char *fname, KrValue kwnames)
{
    if (kwnames && kr_tuple_len(kwnames) > 0)
        return type_error(t, "%s() takes no keyword arguments", fname), -1;
    return 0;
}

int kr_check_nargs(KrThread *t, const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs < min) {
        if (min == max)
            type_error(t, "%s expected %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
        else
            type_error(t, "%s expected at least %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        if (min == max && max == 0)
            type_error(t, "%s() takes no arguments (%zu given)", fname, nargs);
        else if (min == max)
            type_error(t, "%s expected %zu argument%s, got %zu", fname, max, max == 1 ? "" : "s", nargs);
        else
            type_error(t, "%s expected at most %zu argument%s, got %zu", fname, max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

int kr_parse_args(KrThread *t, const KrArgSpec *spec, const KrValue *args, size_t nargs, KrValue kwnames,
                  KrValue *out)
{
    int npos_max = spec->nkw_only_start;
    for (int i = 0; i < spec->nnames; i++)
        out[i] = KR_ABSENT;
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    /* CPython's _PyArg_UnpackKeywords: too many in all first, then too
     * many positional (which differs once keyword-only parameters exist). */
    if (nargs + nkw > (size_t)spec->nnames) {
        type_error(t, "%s() takes at most %d %sargument%s (%zu given)", spec->fname, spec->nnames,
                   nargs == 0 ? "keyword " : "", spec->nnames == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    if ((int)nargs > npos_max) {
        if (npos_max == 0)
            type_error(t, "%s() takes no positional arguments", spec->fname);
        else
            type_error(t, "%s() takes %s %d positional argument%s (%zu given)", spec->fname,
                       spec->nrequired < npos_max ? "at most" : "exactly", npos_max, npos_max == 1 ? "" : "s",
                       nargs);
        return -1;
    }
    /* CPython's order: too few positional-only, then a missing required
     * argument, then a duplicate, and only then an unknown keyword. */
    int minposonly = spec->npositional_only < spec->nrequired ? spec->npositional_only : spec->nrequired;
    if ((int)nargs < minposonly) {
        type_error(t, "%s() takes %s %d positional argument%s (%zu given)", spec->fname,
                   minposonly < npos_max ? "at least" : "exactly", minposonly, minposonly == 1 ? "" : "s", nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        out[i] = args[i];
    int bad = -1, dup = -1;
    for (size_t k = 0; k < nkw; k++) {
        KrValue kn = kr_tuple_items(kwnames)[k];
        int found = -1;
        for (int i = 0; i < spec->nnames; i++) {
            if (kr_str_equal_cstr(kn, spec->names[i])) {
                found = i;
                break;
            }
        }
        if (found < 0 || found < spec->npositional_only) {
            if (bad < 0)
                bad = (int)k;
            continue;
        }
        if (found < (int)nargs) {
            if (dup < 0)
                dup = found;
            continue;
        }
        out[found] = args[nargs + k];
    }
    for (int i = 0; i < spec->nrequired; i++) {
        if (out[i] == KR_ABSENT) {
            type_error(t, "%s() missing required argument '%s' (pos %d)", spec->fname, spec->names[i], i + 1);
            return -1;
        }
    }
    if (dup >= 0) {
        type_error(t, "argument for %s() given by name ('%s') and position (%d)", spec->fname, spec->names[dup],
                   dup + 1);
        return -1;
    }
    if (bad >= 0) {
        /* C functions word it so even for a positional-only name. */
        type_error(t, "'%U' is an invalid keyword argument for %s()", kr_tuple_items(kwnames)[bad], spec->fname);
        return -1;
    }
    return 0;
}
