/* super: attribute lookup that starts after a given class in an object's
 * MRO, the basis of cooperative multiple inheritance.
 *
 * A super object holds the class it was made in (`type`), the object it
 * is bound to (`obj`: an instance, or a class for super(T, T2)) and the
 * class whose MRO is searched (`obj_type`: type(obj), or obj itself when
 * obj is a class).  An unbound super, super(T), has neither and only
 * becomes useful through its __get__. */
#include "objects/objects.h"

typedef struct KrSuper {
    KrObject ob;
    KrValue type;       /* the class after which the search starts, or KR_ABSENT */
    KrValue obj;        /* the bound object, or KR_ABSENT */
    KrValue obj_type;   /* the class whose MRO is searched, or KR_ABSENT */
} KrSuper;

static inline KrSuper *super_of(KrValue v) { return (KrSuper *)kr_as_ptr(v); }

/* Zero-argument super() needs the running function's __class__ cell and
 * first argument, which only the VM knows; this stand-in is used until the
 * VM provides the real kr_super_zero_args (a strong definition replaces
 * it at link time). */
__attribute__((weak)) int kr_super_zero_args(KrThread *t, KrType **type, KrValue *obj)
{
    (void)type;
    (void)obj;
    return kr_raise_fmt_int(t, kr_exc_type(t, RuntimeError), "super(): no arguments");
}

/* The class whose MRO super(type, obj) searches, as a new reference:
 * obj itself when it is a subclass of type (super(T, T2)), else type(obj),
 * else obj.__class__ when that differs and qualifies (proxies). */
static KrValue super_check(KrThread *t, KrType *type, KrValue obj)
{
    KrType *type_type = kr_builtin_type(t, TYPE);
    if (kr_type_check(t, obj, type_type) && kr_is_subtype(kr_as_type(obj), type))
        return kr_incref(obj);
    KrType *ot = kr_type(t, obj);
    if (kr_is_subtype(ot, type))
        return kr_incref(kr_type_value(ot));
    KrValue cls;
    int r = kr_lookup_attr(t, obj, kr_name(t, dunder_class), &cls);
    if (r < 0)
        return KR_ERROR;
    if (r > 0) {
        if (kr_type_check(t, cls, type_type) && kr_as_type(cls) != ot &&
            kr_is_subtype(kr_as_type(cls), type))
            return cls;
        kr_decref(t, cls);
    }
    return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                        "super(type, obj): obj must be an instance or subtype of type");
}

/* Fills an (uninitialised or live) super object; obj KR_ABSENT or None
 * makes it unbound. */
static int super_fill(KrThread *t, KrValue self, KrType *type, KrValue obj)
{
    KrValue obj_type = KR_ABSENT;
    if (obj == KR_NONE)
        obj = KR_ABSENT;
    if (obj != KR_ABSENT) {
        obj_type = super_check(t, type, obj);
        if (obj_type == KR_ERROR)
            return -1;
    }
    KrSuper *s = super_of(self);
    kr_assign(t, &s->type, kr_type_value(type));
    kr_assign(t, &s->obj, obj);
    kr_assign(t, &s->obj_type, obj_type);
    kr_decref(t, obj_type);
    return 0;
}

static KrValue super_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    KrValue v = kr_builtin_type(t, OBJECT)->new_(t, type, NULL, 0, 0);
    if (v == KR_ERROR)
        return v;
    KrSuper *s = super_of(v);
    s->type = s->obj = s->obj_type = KR_ABSENT;
    return v;
}

/* super(), super(type), super(type, obj_or_type); positional only. */
static int super_init(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    if (kr_no_kwargs(t, "super", kwnames) < 0 || kr_check_nargs(t, "super()", nargs, 0, 2) < 0)
        return -1;
    if (nargs == 0) {
        KrType *type;
        KrValue obj;
        if (kr_super_zero_args(t, &type, &obj) < 0)
            return -1;
        return super_fill(t, self, type, obj);
    }
    if (!kr_type_check(t, args[0], kr_builtin_type(t, TYPE)))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError),
                                "super() argument 1 must be a type, not %T", args[0]);
    return super_fill(t, self, kr_as_type(args[0]), nargs > 1 ? args[1] : KR_ABSENT);
}

/* Looks `name` up in the classes that follow `type` in obj_type's MRO
 * and binds what it finds to the object.  __class__ is the super
 * object's own (super(C, c).__class__ is super), as are names no class
 * after `type` defines. */
static KrValue super_getattr(KrThread *t, KrValue self, KrValue name)
{
    KrSuper *s = super_of(self);
    if (s->obj_type == KR_ABSENT || (kr_is_str(t, name) && kr_str_equal(name, kr_name(t, dunder_class))))
        return kr_generic_getattr(t, self, name);
    KrType *start = kr_as_type(s->obj_type);
    KrValue mro = start->mro;
    if (!kr_is_tuple(t, mro))
        return kr_generic_getattr(t, self, name);
    size_t n = kr_tuple_len(mro), i = 0;
    /* The last class of the MRO is never `type` for this purpose: a search
     * after it would be empty anyway. */
    while (i + 1 < n && kr_tuple_items(mro)[i] != s->type)
        i++;
    i++;
    if (i >= n)
        return kr_generic_getattr(t, self, name);
    /* A __get__ called below may assign __bases__ and replace the MRO
     * tuple: keep this one alive while walking it. */
    kr_incref(mro);
    for (; i < n; i++) {
        KrType *cls = kr_as_type(kr_tuple_items(mro)[i]);
        KrValue res = kr_dict_get(t, cls->dict, name);
        if (res == KR_ERROR) {
            kr_decref(t, mro);
            return KR_ERROR;
        }
        if (res == KR_ABSENT)
            continue;
        KrDescrGetFn get = kr_type(t, res)->descr_get;
        if (get) {
            /* super(T, T2) looks the attribute up as on the class T2:
             * no instance is passed. */
            KrValue obj = s->obj == s->obj_type ? KR_ABSENT : s->obj;
            kr_incref(res);
            KrValue bound = get(t, res, obj, s->obj_type);
            kr_decref(t, res);
            res = bound;
        } else {
            kr_incref(res);
        }
        kr_decref(t, mro);
        return res;
    }
    kr_decref(t, mro);
    return kr_generic_getattr(t, self, name);
}

/* An unbound super becomes bound when found as a class attribute and
 * fetched through an instance; a derived class of super is called so its
 * own __init__ runs. */
static KrValue super_descr_get(KrThread *t, KrValue self, KrValue obj, KrValue type)
{
    (void)type;
    KrSuper *s = super_of(self);
    if (obj == KR_ABSENT || obj == KR_NONE || s->obj != KR_ABSENT)
        return kr_incref(self);
    KrType *st = kr_type(t, self);
    if (st != kr_builtin_type(t, SUPER))
        return kr_call2(t, kr_type_value(st), s->type, obj);
    KrValue r = super_new(t, st, NULL, 0, 0);
    if (r == KR_ERROR)
        return r;
    if (super_fill(t, r, kr_as_type(s->type), obj) < 0) {
        kr_decref(t, r);
        return KR_ERROR;
    }
    return r;
}

static KrValue super_repr(KrThread *t, KrValue self)
{
    KrSuper *s = super_of(self);
    const char *tname = s->type != KR_ABSENT ? kr_type_name(kr_as_type(s->type)) : "NULL";
    if (s->obj_type != KR_ABSENT)
        return kr_format(t, "<super: <class '%s'>, <%s object>>", tname, kr_type_name(kr_as_type(s->obj_type)));
    return kr_format(t, "<super: <class '%s'>, NULL>", tname);
}

static KrValue super_member(KrValue v) { return v == KR_ABSENT ? KR_NONE : kr_incref(v); }
static KrValue super_get_thisclass(KrThread *t, KrValue self) { (void)t; return super_member(super_of(self)->type); }
static KrValue super_get_self(KrThread *t, KrValue self) { (void)t; return super_member(super_of(self)->obj); }
static KrValue super_get_self_class(KrThread *t, KrValue self) { (void)t; return super_member(super_of(self)->obj_type); }

static int super_readonly(KrThread *t, KrValue self, KrValue value)
{
    (void)self;
    (void)value;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

static void super_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrSuper *s = (KrSuper *)o;
    KrValue fields[3] = {s->type, s->obj, s->obj_type};
    for (int i = 0; i < 3; i++)
        if (kr_is_ptr(fields[i]))
            visit(kr_as_ptr(fields[i]), arg);
}

static void super_clear(KrThread *t, KrObject *o)
{
    KrSuper *s = (KrSuper *)o;
    kr_clear(t, &s->type);
    kr_clear(t, &s->obj);
    kr_clear(t, &s->obj_type);
}

static void super_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    super_clear(t, o);
    kr_free_object(t, o);
}

static const KrGetSetDef super_getsets[] = {
    {"__thisclass__", super_get_thisclass, super_readonly, "the class invoking super()"},
    {"__self__", super_get_self, super_readonly, "the instance invoking super(); may be None"},
    {"__self_class__", super_get_self_class, super_readonly,
     "the type of the instance invoking super(); may be None"},
    {NULL, NULL, NULL, NULL},
};

static void super_fill_type(KrType *tp)
{
    tp->dealloc = super_dealloc;
    tp->traverse = super_traverse;
    tp->clear = super_clear;
    tp->new_ = super_new;
    tp->init = super_init;
    tp->getattr = super_getattr;
    tp->descr_get = super_descr_get;
    tp->repr = super_repr;
}

const KrTypeSpec kr_super_spec = {
    .name = "super",
    .basicsize = sizeof(KrSuper),
    .flags = KR_TPFLAG_GC | KR_TPFLAG_BASETYPE,
    .getsets = super_getsets,
    .fill = super_fill_type,
    .doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)\n"
           "Typical use to call a cooperative superclass method:\n"
           "class C(B):\n"
           "    def meth(self, arg):\n"
           "        super().meth(arg)\n"
           "This works for class methods too:\n"
           "class C(B):\n"
           "    @classmethod\n"
           "    def cmeth(cls, arg):\n"
           "        super().cmeth(arg)\n",
};
