/* The cycle collector (DESIGN.md §4) and the `gc` module.
 *
 * Reference counting frees everything that is not part of a cycle; this
 * collector finds groups of tracked containers that only reference each
 * other.  For the objects of the generations being collected it copies each
 * refcount into the head's scratch count, subtracts one for every reference
 * that comes from another collected object (the types' traverse slots), and
 * what is left above zero is referenced from outside: registers, C locals,
 * older generations, untracked objects.  Everything reachable from those is
 * alive; the rest is garbage.  Garbage goes through PEP 442: weak references
 * are cleared (their callbacks called), finalizers run once, and objects
 * that a finalizer made reachable again survive; the others are broken up
 * with their types' clear slots and die by refcounting.
 *
 * A collection starts from the allocation of a tracked object (kr_alloc),
 * the one place where the count it depends on changes, when generation 0
 * holds more objects than its threshold (700, 10, 10 as in CPython). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

/* The scratch word of a KrGCHead: flags in the low bits, the count above. */
#define GC_FINALIZED 1     /* __del__ has run (PEP 442: only once) */
#define GC_COLLECTING 2    /* in the generations of the running collection */
#define GC_SHIFT 2

enum { DEBUG_STATS = 1, DEBUG_COLLECTABLE = 2, DEBUG_UNCOLLECTABLE = 4, DEBUG_SAVEALL = 32 };

static inline intptr_t refs_get(KrGCHead *g) { return g->gc_refs >> GC_SHIFT; }
static inline void refs_set(KrGCHead *g, intptr_t n)
{
    g->gc_refs = (g->gc_refs & (GC_FINALIZED | GC_COLLECTING)) | (n << GC_SHIFT);
}

bool kr_gc_is_finalized(KrObject *o) { return (kr_gc_head(o)->gc_refs & GC_FINALIZED) != 0; }
void kr_gc_set_finalized(KrObject *o) { kr_gc_head(o)->gc_refs |= GC_FINALIZED; }

bool kr_gc_is_garbage(KrObject *o)
{
    KrGCHead *g = kr_gc_head(o);
    return g->next && (g->gc_refs & GC_COLLECTING) && refs_get(g) == 0;
}

/* ---- lists ---- */

static void list_init(KrGCHead *l) { l->next = l->prev = l; }
static bool list_empty(KrGCHead *l) { return l->next == l; }

static void list_move(KrGCHead *g, KrGCHead *to)
{
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->prev = to->prev;
    g->next = to;
    to->prev->next = g;
    to->prev = g;
}

static void list_merge(KrGCHead *from, KrGCHead *to)
{
    if (list_empty(from))
        return;
    to->prev->next = from->next;
    from->next->prev = to->prev;
    from->prev->next = to;
    to->prev = from->prev;
    list_init(from);
}

static size_t list_size(KrGCHead *l)
{
    size_t n = 0;
    for (KrGCHead *g = l->next; g != l; g = g->next)
        n++;
    return n;
}

/* ---- the mark phase ---- */

typedef struct Stack {
    KrGCHead **items;
    size_t len, cap;
    bool failed;
} Stack;

static void stack_push(Stack *s, KrGCHead *g)
{
    if (s->len == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        KrGCHead **n = realloc(s->items, cap * sizeof *n);
        if (!n) {
            s->failed = true;
            return;
        }
        s->items = n;
        s->cap = cap;
    }
    s->items[s->len++] = g;
}

static inline bool is_tracked(KrObject *o)
{
    return (o->type->flags & KR_TPFLAG_GC) && kr_gc_head(o)->next != NULL;
}

static void visit_decref(KrObject *o, void *arg)
{
    (void)arg;
    if (!is_tracked(o))
        return;
    KrGCHead *g = kr_gc_head(o);
    if ((g->gc_refs & GC_COLLECTING) && refs_get(g) > 0)
        refs_set(g, refs_get(g) - 1);
}

static void visit_reachable(KrObject *o, void *arg)
{
    if (!is_tracked(o))
        return;
    KrGCHead *g = kr_gc_head(o);
    if ((g->gc_refs & GC_COLLECTING) && refs_get(g) == 0) {
        refs_set(g, 1);
        stack_push(arg, g);
    }
}

static inline void traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    if (o->type->traverse)
        o->type->traverse(o, visit, arg);
}

/* The references to o that traversal can find.  A type's MRO starts with
 * the type itself without counting it (type.c), yet the tuple's traverse
 * visits it: that one is added here. */
static intptr_t counted_refs(KrObject *o)
{
    intptr_t n = o->refcnt;
    if (o->type->flags & KR_TPFLAG_TYPE_SUBCLASS) {
        KrValue mro = ((KrType *)o)->mro;
        if (kr_is_ptr(mro) && kr_as_ptr(mro)->type->flags & KR_TPFLAG_TUPLE_SUBCLASS) {
            KrTuple *tu = (KrTuple *)kr_as_ptr(mro);
            if (tu->len > 0 && kr_is_ptr(tu->items[0]) && kr_as_ptr(tu->items[0]) == o)
                n++;
        }
    }
    return n;
}

/* Moves the objects of `young` that nothing outside it references (and
 * that are not reachable from such objects) to `unreachable`.  Returns
 * false when memory ran out (nothing is moved then). */
static bool find_unreachable(KrGCHead *young, KrGCHead *unreachable)
{
    for (KrGCHead *g = young->next; g != young; g = g->next) {
        g->gc_refs = (g->gc_refs & GC_FINALIZED) | GC_COLLECTING;
        refs_set(g, counted_refs(kr_gc_object(g)));
    }
    for (KrGCHead *g = young->next; g != young; g = g->next)
        traverse(kr_gc_object(g), visit_decref, NULL);
    Stack s = {0};
    for (KrGCHead *g = young->next; g != young; g = g->next)
        if (refs_get(g) > 0)
            stack_push(&s, g);
    while (s.len && !s.failed) {
        KrGCHead *g = s.items[--s.len];
        traverse(kr_gc_object(g), visit_reachable, &s);
    }
    free(s.items);
    bool ok = !s.failed;
    for (KrGCHead *g = young->next, *next; g != young; g = next) {
        next = g->next;
        if (ok && refs_get(g) == 0)
            list_move(g, unreachable);
        else
            g->gc_refs &= ~(intptr_t)GC_COLLECTING;
    }
    return ok;
}

static void clear_collecting(KrGCHead *l)
{
    for (KrGCHead *g = l->next; g != l; g = g->next)
        g->gc_refs &= ~(intptr_t)GC_COLLECTING;
}

/* ---- weak references of garbage ---- */

/* Clears the weak references to the garbage; the callbacks of weak
 * references that are not garbage themselves are called (the referent is
 * gone by then, as CPython does). */
static void handle_weakrefs(KrThread *t, KrGCHead *unreachable)
{
    KrValue pending = kr_list_new(t, 0);
    if (pending == KR_ERROR) {
        kr_err_clear(t);
        return;
    }
    for (KrGCHead *g = unreachable->next; g != unreachable; g = g->next)
        kr_weakref_clear_for_gc(t, kr_gc_object(g), pending);
    KrList *l = kr_as_list(pending);
    for (size_t i = 0; i < l->len; i++) {
        KrValue r = kr_weakref_call_callback(t, l->items[i]);
        if (r == KR_ERROR) {
            kr_err_write_unraisable(t, NULL, kr_weakref_callback_of(l->items[i]));
        } else {
            kr_decref(t, r);
        }
    }
    kr_decref(t, pending);
}

/* ---- finalizers ---- */

/* Runs __del__ of each garbage object that has one and has not run it. */
static void finalize_garbage(KrThread *t, KrGCHead *unreachable)
{
    KrGCHead seen;
    list_init(&seen);
    while (!list_empty(unreachable)) {
        KrGCHead *g = unreachable->next;
        KrObject *o = kr_gc_object(g);
        list_move(g, &seen);
        if (o->type->finalize && !(g->gc_refs & GC_FINALIZED)) {
            g->gc_refs |= GC_FINALIZED;
            o->refcnt++;
            kr_call_finalizer(t, o);
            kr_decref(t, kr_ptr(o));
        }
    }
    list_merge(&seen, unreachable);
}

/* After the finalizers ran: the objects they made reachable again from
 * outside go to `old`; the others stay in `unreachable`. */
static void handle_resurrected(KrGCHead *unreachable, KrGCHead *old)
{
    KrGCHead still;
    list_init(&still);
    if (!find_unreachable(unreachable, &still)) {
        /* Out of memory: keep everything. */
        list_merge(unreachable, old);
        return;
    }
    list_merge(unreachable, old);
    list_merge(&still, unreachable);
}

/* Breaks the cycles of the garbage: each object's references are dropped
 * and refcounting frees the rest. */
static void delete_garbage(KrThread *t, KrGCHead *unreachable, KrGCHead *old)
{
    KrVM *vm = t->vm;
    while (!list_empty(unreachable)) {
        KrGCHead *g = unreachable->next;
        KrObject *o = kr_gc_object(g);
        g->gc_refs &= ~(intptr_t)GC_COLLECTING;
        list_move(g, old);
        o->refcnt++;
        if (vm->gc_debug & DEBUG_SAVEALL) {
            if (kr_is_ptr(vm->gc_garbage) && kr_list_append(t, vm->gc_garbage, kr_ptr(o)) < 0)
                kr_err_clear(t);
        } else if (o->type->clear) {
            o->type->clear(t, o);
            if (kr_err_occurred(t))
                kr_err_clear(t);
        }
        kr_decref(t, kr_ptr(o));
    }
}

/* The number gc.collect() reports.  CPython 3.11 keeps an instance's
 * attributes inline and makes its __dict__ only on demand, so the dict of
 * a garbage instance (a plain dict only that instance holds) is not
 * counted: collecting two instances in a cycle reports 2, as there. */
static intptr_t count_garbage(KrThread *t, KrGCHead *unreachable)
{
    intptr_t n = 0;
    for (KrGCHead *g = unreachable->next; g != unreachable; g = g->next) {
        KrObject *o = kr_gc_object(g);
        n++;
        if (!(o->type->flags & KR_TPFLAG_HEAPTYPE))
            continue;
        KrValue *dp = kr_instance_dict_ptr(t, kr_ptr(o));
        if (dp && kr_is_ptr(*dp)) {
            KrObject *d = kr_as_ptr(*dp);
            if (d->type == kr_builtin_type(t, DICT) && d->refcnt == 1 && kr_gc_is_garbage(d))
                n--;
        }
    }
    return n;
}

/* ---- a collection ---- */

static void invoke_callbacks(KrThread *t, const char *phase, int generation, intptr_t collected,
                             intptr_t uncollectable)
{
    KrVM *vm = t->vm;
    if (!kr_is_list(t, vm->gc_callbacks) || kr_as_list(vm->gc_callbacks)->len == 0)
        return;
    KrValue info = kr_dict_new(t);
    if (info == KR_ERROR) {
        kr_err_clear(t);
        return;
    }
    KrValue ph = kr_str_from_cstr(t, phase);
    if (ph == KR_ERROR || kr_dict_set_cstr(t, info, "generation", kr_smallint(generation)) < 0 ||
        kr_dict_set_cstr(t, info, "collected", kr_smallint(collected)) < 0 ||
        kr_dict_set_cstr(t, info, "uncollectable", kr_smallint(uncollectable)) < 0) {
        kr_err_clear(t);
        kr_xdecref(t, ph);
        kr_decref(t, info);
        return;
    }
    /* A copy: callbacks may change the list. */
    KrValue cbs = kr_list_from(t, kr_as_list(vm->gc_callbacks)->items, kr_as_list(vm->gc_callbacks)->len);
    if (cbs != KR_ERROR) {
        KrList *l = kr_as_list(cbs);
        for (size_t i = 0; i < l->len; i++) {
            KrValue args[2] = {ph, info};
            KrValue r = kr_call(t, l->items[i], args, 2, 0);
            if (r == KR_ERROR) {
                kr_err_write_unraisable(t, NULL, l->items[i]);
            } else {
                kr_decref(t, r);
            }
        }
        kr_decref(t, cbs);
    } else {
        kr_err_clear(t);
    }
    kr_decref(t, ph);
    kr_decref(t, info);
}

/* Collects generations 0..generation; the number of unreachable objects
 * found (those a finalizer resurrected not counted). */
intptr_t kr_gc_collect(KrThread *t, int generation)
{
    KrVM *vm = t->vm;
    if (vm->gc_collecting)
        return 0;
    vm->gc_collecting = true;
    KrValue saved = t->exc;
    t->exc = KR_ABSENT;
    invoke_callbacks(t, "start", generation, 0, 0);

    if (generation + 1 < KR_GC_GENERATIONS)
        vm->gc[generation + 1].count++;
    for (int i = 0; i <= generation; i++)
        vm->gc[i].count = 0;
    KrGCHead *young = &vm->gc[generation].head;
    for (int i = 0; i < generation; i++)
        list_merge(&vm->gc[i].head, young);
    KrGCHead *old = generation + 1 < KR_GC_GENERATIONS ? &vm->gc[generation + 1].head : young;

    KrGCHead unreachable;
    list_init(&unreachable);
    find_unreachable(young, &unreachable);
    if (generation == KR_GC_GENERATIONS - 2)
        vm->gc_long_lived_pending += (intptr_t)list_size(young);
    if (old != young)
        list_merge(young, old);

    intptr_t n = 0;
    if (!list_empty(&unreachable)) {
        handle_weakrefs(t, &unreachable);
        finalize_garbage(t, &unreachable);
        handle_resurrected(&unreachable, old);
        n = count_garbage(t, &unreachable);
        delete_garbage(t, &unreachable, old);
    }
    clear_collecting(old);
    if (generation == KR_GC_GENERATIONS - 1) {
        vm->gc_long_lived_total = (intptr_t)list_size(young);
        vm->gc_long_lived_pending = 0;
    }
    vm->gc_stats[generation].collections++;
    vm->gc_stats[generation].collected += n;
    invoke_callbacks(t, "stop", generation, n, 0);
    if (kr_err_occurred(t))
        kr_err_clear(t);
    t->exc = saved;
    vm->gc_collecting = false;
    return n;
}

/* From kr_alloc: generation 0 went over its threshold.  Collects the
 * oldest generation whose count is over its threshold. */
void kr_gc_collect_auto(KrThread *t)
{
    KrVM *vm = t->vm;
    if (!vm->gc_enabled || vm->gc_collecting)
        return;
    for (int i = KR_GC_GENERATIONS - 1; i >= 0; i--) {
        if (vm->gc[i].count > vm->gc[i].threshold) {
            if (i == KR_GC_GENERATIONS - 1 && vm->gc_long_lived_pending < vm->gc_long_lived_total / 4)
                continue;
            kr_gc_collect(t, i);
            return;
        }
    }
}

/* Everything start-up made lives as long as the VM: kept out of
 * collections (and out of gc.get_objects()). */
void kr_gc_startup_done(KrVM *vm)
{
    for (int i = 0; i < KR_GC_GENERATIONS; i++) {
        list_merge(&vm->gc[i].head, &vm->gc_startup);
        vm->gc[i].count = 0;
    }
}

/* ---- the gc module ---- */

static KrValue gc_collect_fn(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"generation"};
    static const KrArgSpec spec = {"collect", names, 1, 0, 0, 1};
    KrValue a[1];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t gen = KR_GC_GENERATIONS - 1;
    if (a[0] != KR_ABSENT && kr_as_ssize(t, a[0], &gen) < 0)
        return KR_ERROR;
    if (gen < 0 || gen >= KR_GC_GENERATIONS)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "invalid generation");
    if (t->vm->gc_collecting)
        return kr_smallint(0);
    return kr_int_from_i64(t, kr_gc_collect(t, (int)gen));
}

static KrValue gc_enable(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "enable", nargs, 0, 0) < 0)
        return KR_ERROR;
    t->vm->gc_enabled = true;
    return KR_NONE;
}

static KrValue gc_disable(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "disable", nargs, 0, 0) < 0)
        return KR_ERROR;
    t->vm->gc_enabled = false;
    return KR_NONE;
}

static KrValue gc_isenabled(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "isenabled", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_bool(t->vm->gc_enabled);
}

static KrValue gc_get_threshold(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_threshold", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrGCGen *g = t->vm->gc;
    return kr_tuple_pack(t, 3, kr_smallint(g[0].threshold), kr_smallint(g[1].threshold), kr_smallint(g[2].threshold));
}

static KrValue gc_set_threshold(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (nargs < 1 || nargs > 3)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "set_threshold() takes %s argument%s (%zu given)",
                            nargs < 1 ? "at least 1" : "at most 3", nargs < 1 ? "" : "s", nargs);
    int v[3];
    for (size_t i = 0; i < nargs; i++) {
        int64_t x;
        if (kr_as_ssize(t, args[i], &x) < 0)
            return KR_ERROR;
        if (x > INT32_MAX || x < INT32_MIN)
            return kr_raise_fmt(t, kr_exc_type(t, OverflowError), "signed integer is greater than maximum");
        v[i] = (int)x;
    }
    for (size_t i = 0; i < nargs; i++)
        t->vm->gc[i].threshold = v[i];
    return KR_NONE;
}

static KrValue gc_get_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_count", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrGCGen *g = t->vm->gc;
    return kr_tuple_pack(t, 3, kr_smallint(g[0].count), kr_smallint(g[1].count), kr_smallint(g[2].count));
}

static KrValue gc_get_debug(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_debug", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_smallint(t->vm->gc_debug);
}

static KrValue gc_set_debug(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "set_debug", nargs, 1, 1) < 0)
        return KR_ERROR;
    int64_t x;
    if (kr_as_ssize(t, args[0], &x) < 0)
        return KR_ERROR;
    t->vm->gc_debug = (int)x;
    return KR_NONE;
}

static KrValue gc_is_tracked(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "is_tracked", nargs, 1, 1) < 0)
        return KR_ERROR;
    return kr_bool(kr_is_ptr(args[0]) && is_tracked(kr_as_ptr(args[0])));
}

static KrValue gc_is_finalized(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    if (kr_check_nargs(t, "is_finalized", nargs, 1, 1) < 0)
        return KR_ERROR;
    return kr_bool(kr_is_ptr(args[0]) && (kr_as_ptr(args[0])->type->flags & KR_TPFLAG_GC) &&
                   kr_gc_is_finalized(kr_as_ptr(args[0])));
}

static int append_list_objects(KrThread *t, KrValue out, KrGCHead *l)
{
    for (KrGCHead *g = l->next; g != l; g = g->next) {
        KrObject *o = kr_gc_object(g);
        if (kr_ptr(o) == out)
            continue;
        if (kr_list_append(t, out, kr_ptr(o)) < 0)
            return -1;
    }
    return 0;
}

static KrValue gc_get_objects(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"generation"};
    static const KrArgSpec spec = {"get_objects", names, 1, 0, 0, 1};
    KrValue a[1];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    int64_t gen = -1;
    if (a[0] != KR_ABSENT && a[0] != KR_NONE) {
        if (kr_as_ssize(t, a[0], &gen) < 0)
            return KR_ERROR;
        if (gen >= KR_GC_GENERATIONS)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "generation parameter must be less than the number of available generations (%i)", KR_GC_GENERATIONS);
        if (gen < 0)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "generation parameter cannot be negative");
    }
    KrValue out = kr_list_new(t, 0);
    if (out == KR_ERROR)
        return out;
    for (int i = 0; i < KR_GC_GENERATIONS; i++) {
        if (gen >= 0 && i != gen)
            continue;
        if (append_list_objects(t, out, &t->vm->gc[i].head) < 0) {
            kr_decref(t, out);
            return KR_ERROR;
        }
    }
    return out;
}

typedef struct RefSearch {
    const KrValue *targets;
    size_t n;
    bool found;
} RefSearch;

static void visit_find(KrObject *o, void *arg)
{
    RefSearch *s = arg;
    for (size_t i = 0; i < s->n; i++)
        if (kr_is_ptr(s->targets[i]) && kr_as_ptr(s->targets[i]) == o)
            s->found = true;
}

static KrValue gc_get_referrers(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    KrValue out = kr_list_new(t, 0);
    if (out == KR_ERROR)
        return out;
    KrVM *vm = t->vm;
    KrGCHead *lists[] = {&vm->gc[0].head, &vm->gc[1].head, &vm->gc[2].head, &vm->gc_permanent.head,
                         &vm->gc_startup};
    for (size_t li = 0; li < sizeof lists / sizeof *lists; li++) {
        KrGCHead *l = lists[li];
        for (KrGCHead *g = l->next; g != l; g = g->next) {
            KrObject *o = kr_gc_object(g);
            if (kr_ptr(o) == out)
                continue;
            RefSearch s = {args, nargs, false};
            traverse(o, visit_find, &s);
            if (s.found && kr_list_append(t, out, kr_ptr(o)) < 0) {
                kr_decref(t, out);
                return KR_ERROR;
            }
        }
    }
    return out;
}

typedef struct Collect {
    KrThread *t;
    KrValue out;
    bool failed;
} Collect;

static void visit_collect(KrObject *o, void *arg)
{
    Collect *c = arg;
    if (!c->failed && kr_list_append(c->t, c->out, kr_ptr(o)) < 0)
        c->failed = true;
}

/* Lists, tuples and dicts hold immediates (small ints, floats) that their
 * traverse slots cannot show; CPython's objects would be visited, in
 * this order.  Returns true when `v` was handled. */
static bool referents_of_container(KrThread *t, KrValue v, KrValue out, bool *failed)
{
    const KrValue *items = NULL;
    size_t n = 0;
    KrType *tp = kr_as_ptr(v)->type;
    if (tp == kr_builtin_type(t, LIST)) {
        items = kr_as_list(v)->items;
        n = kr_as_list(v)->len;
    } else if (tp == kr_builtin_type(t, TUPLE)) {
        items = ((KrTuple *)kr_as_ptr(v))->items;
        n = ((KrTuple *)kr_as_ptr(v))->len;
    } else if (tp == kr_builtin_type(t, DICT)) {
        bool str_keys = true;
        size_t pos = 0;
        KrValue k, val;
        while (kr_dict_next(v, &pos, &k, &val))
            if (!kr_is_ptr(k) || kr_as_ptr(k)->type != kr_builtin_type(t, STR))
                str_keys = false;
        pos = 0;
        while (!*failed && kr_dict_next(v, &pos, &k, &val)) {
            if (kr_list_append(t, out, val) < 0 || (!str_keys && kr_list_append(t, out, k) < 0))
                *failed = true;
        }
        return true;
    } else {
        return false;
    }
    for (size_t i = n; i-- > 0 && !*failed;)
        if (kr_list_append(t, out, items[i]) < 0)
            *failed = true;
    return true;
}

static KrValue gc_get_referents(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)kwnames;
    Collect c = {t, kr_list_new(t, 0), false};
    if (c.out == KR_ERROR)
        return KR_ERROR;
    for (size_t i = 0; i < nargs && !c.failed; i++) {
        if (!kr_is_ptr(args[i]) || referents_of_container(t, args[i], c.out, &c.failed) ||
            !(kr_as_ptr(args[i])->type->flags & KR_TPFLAG_GC))
            continue;
        traverse(kr_as_ptr(args[i]), visit_collect, &c);
    }
    if (c.failed) {
        kr_decref(t, c.out);
        return KR_ERROR;
    }
    return c.out;
}

static KrValue gc_freeze(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "freeze", nargs, 0, 0) < 0)
        return KR_ERROR;
    for (int i = 0; i < KR_GC_GENERATIONS; i++) {
        list_merge(&t->vm->gc[i].head, &t->vm->gc_permanent.head);
        t->vm->gc[i].count = 0;
    }
    return KR_NONE;
}

static KrValue gc_unfreeze(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "unfreeze", nargs, 0, 0) < 0)
        return KR_ERROR;
    list_merge(&t->vm->gc_permanent.head, &t->vm->gc[KR_GC_GENERATIONS - 1].head);
    return KR_NONE;
}

static KrValue gc_get_freeze_count(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_freeze_count", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_int_from_i64(t, (int64_t)list_size(&t->vm->gc_permanent.head));
}

static KrValue gc_get_stats(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args, (void)kwnames;
    if (kr_check_nargs(t, "get_stats", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrValue out = kr_list_new(t, 0);
    for (int i = 0; out != KR_ERROR && i < KR_GC_GENERATIONS; i++) {
        KrValue d = kr_dict_new(t);
        if (d == KR_ERROR || kr_dict_set_cstr(t, d, "collections", kr_smallint(t->vm->gc_stats[i].collections)) < 0 ||
            kr_dict_set_cstr(t, d, "collected", kr_smallint(t->vm->gc_stats[i].collected)) < 0 ||
            kr_dict_set_cstr(t, d, "uncollectable", kr_smallint(0)) < 0 || kr_list_append(t, out, d) < 0) {
            kr_xdecref(t, d);
            kr_decref(t, out);
            return KR_ERROR;
        }
        kr_decref(t, d);
    }
    return out;
}

static const KrMethodDef gc_methods[] = {
    {"collect", gc_collect_fn, KR_METH_KEYWORDS, NULL},
    {"enable", gc_enable, 0, NULL},
    {"disable", gc_disable, 0, NULL},
    {"isenabled", gc_isenabled, 0, NULL},
    {"get_threshold", gc_get_threshold, 0, NULL},
    {"set_threshold", gc_set_threshold, 0, NULL},
    {"get_count", gc_get_count, 0, NULL},
    {"get_debug", gc_get_debug, 0, NULL},
    {"set_debug", gc_set_debug, 0, NULL},
    {"is_tracked", gc_is_tracked, 0, NULL},
    {"is_finalized", gc_is_finalized, 0, NULL},
    {"get_objects", gc_get_objects, KR_METH_KEYWORDS, NULL},
    {"get_referrers", gc_get_referrers, 0, NULL},
    {"get_referents", gc_get_referents, 0, NULL},
    {"freeze", gc_freeze, 0, NULL},
    {"unfreeze", gc_unfreeze, 0, NULL},
    {"get_freeze_count", gc_get_freeze_count, 0, NULL},
    {"get_stats", gc_get_stats, 0, NULL},
    {NULL, NULL, 0, NULL},
};

KrValue kr_gc_module_new(KrThread *t)
{
    KrVM *vm = t->vm;
    KrValue m = kr_module_new_c(t, "gc", gc_methods);
    if (m == KR_ERROR)
        return m;
    if (!kr_is_ptr(vm->gc_garbage)) {
        vm->gc_garbage = kr_list_new(t, 0);
        vm->gc_callbacks = kr_list_new(t, 0);
        if (vm->gc_garbage == KR_ERROR || vm->gc_callbacks == KR_ERROR) {
            vm->gc_garbage = vm->gc_callbacks = KR_ABSENT;
            kr_decref(t, m);
            return KR_ERROR;
        }
    }
    static const struct { const char *name; int value; } consts[] = {
        {"DEBUG_STATS", DEBUG_STATS}, {"DEBUG_COLLECTABLE", DEBUG_COLLECTABLE},
        {"DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE}, {"DEBUG_SAVEALL", DEBUG_SAVEALL},
        {"DEBUG_LEAK", DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL},
    };
    for (size_t i = 0; i < sizeof consts / sizeof *consts; i++)
        if (kr_module_add(t, m, consts[i].name, kr_smallint(consts[i].value)) < 0)
            goto fail;
    if (kr_module_add(t, m, "garbage", vm->gc_garbage) < 0 ||
        kr_module_add(t, m, "callbacks", vm->gc_callbacks) < 0)
        goto fail;
    return m;
fail:
    kr_decref(t, m);
    return KR_ERROR;
}
