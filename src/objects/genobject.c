/* Generators, coroutines and async generators (PEP 342, 380, 492, 525).
 *
 * A generator owns the registers of its suspended frame; resuming copies
 * them onto the thread's stack and runs the frame until it yields or
 * returns (vm/eval.c, kr_gen_resume).  `yield from` and `await` compile to
 * a SEND/YIELD loop; throw() and close() into a generator suspended in
 * that loop go to the delegate first, as PEP 380 says. */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/code.h"

static KrGen *as_gen(KrValue v) { return (KrGen *)kr_as_ptr(v); }

static bool is_gen_like(KrThread *t, KrValue v)
{
    if (!kr_is_ptr(v))
        return false;
    KrType *tp = kr_as_ptr(v)->type;
    return tp == kr_builtin_type(t, GENERATOR) || tp == kr_builtin_type(t, COROUTINE) ||
           tp == kr_builtin_type(t, ASYNC_GENERATOR);
}

KrValue kr_gen_new(KrThread *t, KrFunction *func, KrValue *regs, KrCode *code)
{
    KrType *tp = (code->flags & CO_COROUTINE)         ? kr_builtin_type(t, COROUTINE)
                 : (code->flags & CO_ASYNC_GENERATOR) ? kr_builtin_type(t, ASYNC_GENERATOR)
                                                      : kr_builtin_type(t, GENERATOR);
    KrGen *g = (KrGen *)kr_alloc(t, tp, sizeof(KrGen));
    if (!g)
        return KR_ERROR;
    g->regs = malloc(sizeof(KrValue) * (size_t)(code->nregs ? code->nregs : 1));
    if (!g->regs) {
        kr_decref(t, kr_ptr(g));
        return kr_no_memory(t);
    }
    /* The registers' references move into the generator. */
    memcpy(g->regs, regs, sizeof(KrValue) * (size_t)code->nregs);
    g->func = kr_incref(kr_ptr(func));
    g->code = code;
    g->globals = kr_incref(func->globals);
    g->builtins = kr_incref(func->builtins);
    g->name = kr_incref(func->name);
    g->qualname = kr_incref(func->qualname);
    g->handled = KR_NONE;
    g->weaklist = KR_ABSENT;
    g->frame_obj = KR_ABSENT;
    g->yield_from = KR_ABSENT;
    g->ag_finalizer = KR_NONE;
    g->origin = KR_NONE;
    return kr_ptr(g);
}

static void gen_release_regs(KrThread *t, KrGen *g)
{
    if (!g->regs)
        return;
    for (int i = 0; i < g->code->nregs; i++)
        kr_clear(t, &g->regs[i]);
}

static KrValue gen_close(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);
void kr_frame_object_gen_release(KrThread *t, KrValue frame_obj);

/* Closes a suspended generator that nobody can resume any more (it is
 * being freed, or its frame is cleared); an exception from its finally
 * blocks is reported as unraisable. */
void kr_gen_finalize(KrThread *t, KrValue self)
{
    KrGen *g = (KrGen *)kr_as_ptr(self);
    if (g->finished || g->running)
        return;
    KrValue r = gen_close(t, self, NULL, 0, 0);
    if (r == KR_ERROR)
        kr_err_write_unraisable(t, NULL, self);
    else
        kr_decref(t, r);
}

static void gen_dealloc(KrThread *t, KrObject *o)
{
    KrGen *g = (KrGen *)o;
    kr_gc_untrack(t, o);
    /* An unfinished generator is closed first (PEP 342): its finally
     * blocks run. */
    if (g->started && !g->finished && !g->running) {
        o->refcnt = 1;
        KrValue saved = kr_err_fetch(t);
        kr_gen_finalize(t, kr_ptr(o));
        t->exc = saved;
        if (--o->refcnt > 0)
            return;
    }
    kr_frame_object_gen_release(t, g->frame_obj);
    gen_release_regs(t, g);
    free(g->regs);
    kr_clear(t, &g->func);
    kr_clear(t, &g->globals);
    kr_clear(t, &g->builtins);
    kr_clear(t, &g->name);
    kr_clear(t, &g->qualname);
    kr_clear(t, &g->handled);
    kr_clear(t, &g->frame_obj);
    kr_clear(t, &g->ag_finalizer);
    kr_clear(t, &g->origin);
    kr_free_object(t, o);
}

static void gen_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrGen *g = (KrGen *)o;
    if (g->regs && !g->running)
        for (int i = 0; i < g->code->nregs; i++)
            if (kr_is_ptr(g->regs[i]))
                visit(kr_as_ptr(g->regs[i]), arg);
    KrValue vs[] = {g->func, g->globals, g->builtins, g->handled, g->frame_obj};
    for (size_t i = 0; i < 5; i++)
        if (kr_is_ptr(vs[i]))
            visit(kr_as_ptr(vs[i]), arg);
}

static const char *gen_kind(KrThread *t, KrGen *g)
{
    KrType *tp = g->ob.type;
    if (tp == kr_builtin_type(t, COROUTINE))
        return "coroutine";
    if (tp == kr_builtin_type(t, ASYNC_GENERATOR))
        return "async generator";
    return "generator";
}

/* The delegate of a generator suspended inside `yield from`/`await`:
 * the register that SEND reads, or -1. */
static int delegate_reg(KrGen *g, int *send_a, unsigned *send_target)
{
    if (!g->started || g->finished || g->ip < 2)
        return -1;
    KrInstr y = g->code->instrs[g->ip - 1];
    KrInstr s = g->code->instrs[g->ip - 2];
    if (INSTR_OP(y) != OP_YIELD || INSTR_OP(s) != OP_SEND)
        return -1;
    *send_a = (int)INSTR_A(s);
    *send_target = INSTR_C(s);
    return (int)INSTR_B(s);
}

/* Runs the generator with `value` sent (or `exc` thrown).  Returns the
 * yielded value, or KR_ABSENT with *returned set, or KR_ERROR. */
static KrValue gen_step(KrThread *t, KrGen *g, KrValue value, KrValue exc, KrValue *returned)
{
    if (g->running) {
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "%s already executing", gen_kind(t, g));
    }
    if (g->finished) {
        if (exc != KR_ABSENT)
            return kr_raise(t, exc);
        if (g->ob.type == kr_builtin_type(t, COROUTINE))
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "cannot reuse already awaited coroutine");
        *returned = KR_ABSENT;
        return KR_ABSENT;
    }
    if (!g->started && value != KR_NONE && value != KR_ABSENT && exc == KR_ABSENT)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "can't send non-None value to a just-started %s",
                            gen_kind(t, g));
    KrValue self = kr_incref(kr_ptr(g));
    KrValue r = kr_gen_resume(t, g, value, exc, returned);
    if (r == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration))) {
        /* PEP 479 */
        KrValue e = kr_err_fetch(t);
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "%s raised StopIteration", gen_kind(t, g));
        kr_exception_set_cause(t, t->exc, e);
        kr_exception_set_context(t, t->exc, e);
        kr_decref(t, e);
    } else if (r == KR_ERROR && g->ob.type == kr_builtin_type(t, ASYNC_GENERATOR) &&
               kr_err_matches(t, kr_exc_type(t, StopAsyncIteration))) {
        KrValue e = kr_err_fetch(t);
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "async generator raised StopAsyncIteration");
        kr_exception_set_cause(t, t->exc, e);
        kr_exception_set_context(t, t->exc, e);
        kr_decref(t, e);
    }
    if (g->finished)
        gen_release_regs(t, g);
    kr_decref(t, self);
    return r;
}

static KrValue stop_iteration(KrThread *t, KrValue value)
{
    if (value == KR_ABSENT || value == KR_NONE)
        return kr_raise(t, kr_ptr(kr_exc_type(t, StopIteration)));
    KrValue args = kr_tuple_pack(t, 1, value);
    if (args == KR_ERROR)
        return args;
    kr_raise_args(t, kr_exc_type(t, StopIteration), args);
    kr_decref(t, args);
    return KR_ERROR;
}

/* send(value): the public protocol (StopIteration at the end). */
static KrValue gen_send_impl(KrThread *t, KrGen *g, KrValue value)
{
    KrValue returned = KR_ABSENT;
    KrValue r = gen_step(t, g, value, KR_ABSENT, &returned);
    if (r == KR_ABSENT) {
        KrValue e = stop_iteration(t, returned);
        kr_xdecref(t, returned);
        return e;
    }
    return r;
}

static KrValue gen_iternext(KrThread *t, KrValue self)
{
    KrValue returned = KR_ABSENT;
    KrValue r = gen_step(t, as_gen(self), KR_NONE, KR_ABSENT, &returned);
    if (r == KR_ABSENT && returned != KR_ABSENT && returned != KR_NONE) {
        KrValue e = stop_iteration(t, returned);
        kr_decref(t, returned);
        return e;
    }
    if (r == KR_ABSENT)
        kr_xdecref(t, returned);
    return r;
}

static KrValue gen_send(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "send", nargs, 1, 1) < 0)
        return KR_ERROR;
    return gen_send_impl(t, as_gen(self), args[0]);
}

/* Builds the exception throw(typ, val, tb) means. */
static KrValue make_thrown(KrThread *t, KrValue typ, KrValue val, KrValue tb)
{
    if (tb != KR_ABSENT && tb != KR_NONE && kr_type(t, tb) != kr_builtin_type(t, TRACEBACK))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "throw() third argument must be a traceback object");
    KrValue exc;
    if (kr_is_exception_class(t, typ)) {
        if (val == KR_ABSENT || val == KR_NONE)
            exc = kr_call0(t, typ);
        else if (kr_type_check(t, val, kr_as_type(typ)))
            exc = kr_incref(val);
        else if (kr_is_tuple(t, val))
            exc = kr_call(t, typ, kr_tuple_items(val), kr_tuple_len(val), 0);
        else
            exc = kr_call1(t, typ, val);
        if (exc == KR_ERROR)
            return exc;
    } else if (kr_is_exception(t, typ)) {
        if (val != KR_ABSENT && val != KR_NONE)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "instance exception may not have a separate value");
        exc = kr_incref(typ);
    } else {
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            "exceptions must be classes or instances deriving from BaseException, not %T", typ);
    }
    if (tb != KR_ABSENT && tb != KR_NONE)
        kr_exception_set_traceback(t, exc, tb);
    return exc;
}

KrValue kr_gen_send_value(KrThread *t, KrValue iter, KrValue value, KrValue *returned);

/* throw() with PEP 380 delegation.  Returns like gen_step. */
static KrValue gen_throw_exc(KrThread *t, KrGen *g, KrValue exc, bool close_delegate, KrValue *returned)
{
    int send_a;
    unsigned target;
    int dreg = delegate_reg(g, &send_a, &target);
    if (dreg >= 0 && !g->running) {
        KrValue sub = kr_incref(g->regs[dreg]);
        KrValue r;
        g->running = true;
        if (close_delegate) {
            /* close(): close the delegate, then raise GeneratorExit here. */
            KrValue cr = kr_call_method(t, sub, kr_name(t, close), NULL, 0);
            if (cr == KR_ERROR && kr_err_matches(t, kr_exc_type(t, AttributeError))) {
                kr_err_clear(t);
                cr = KR_NONE;
            }
            g->running = false;
            kr_decref(t, sub);
            if (cr == KR_ERROR) {
                KrValue e = kr_err_fetch(t);
                r = gen_step(t, g, KR_ABSENT, e, returned);
                kr_decref(t, e);
                return r;
            }
            kr_decref(t, cr);
            return gen_step(t, g, KR_ABSENT, exc, returned);
        }
        if (is_gen_like(t, sub)) {
            KrValue inner_ret = KR_ABSENT;
            g->running = false;
            as_gen(sub)->running = false;
            r = gen_throw_exc(t, as_gen(sub), exc, false, &inner_ret);
            if (r == KR_ABSENT) {
                /* The delegate finished: resume after the delegation with
                 * its return value. */
                kr_decref(t, sub);
                kr_clear(t, &g->regs[send_a]);
                g->regs[send_a] = inner_ret == KR_ABSENT ? KR_NONE : inner_ret;
                g->ip = target;
                g->started = true;
                return gen_step(t, g, KR_ABSENT, KR_ABSENT, returned);
            }
        } else {
            KrValue th;
            int hr = kr_lookup_attr(t, sub, kr_name(t, throw), &th);
            g->running = false;
            if (hr <= 0) {
                kr_decref(t, sub);
                if (hr < 0) {
                    KrValue e = kr_err_fetch(t);
                    r = gen_step(t, g, KR_ABSENT, e, returned);
                    kr_decref(t, e);
                    return r;
                }
                return gen_step(t, g, KR_ABSENT, exc, returned);
            }
            g->running = true;
            r = kr_call1(t, th, exc);
            g->running = false;
            kr_decref(t, th);
            if (r == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration))) {
                KrValue e = kr_err_fetch(t);
                KrValue v = kr_incref(kr_stop_iteration_value(e));
                kr_decref(t, e);
                kr_decref(t, sub);
                kr_clear(t, &g->regs[send_a]);
                g->regs[send_a] = v;
                g->ip = target;
                return gen_step(t, g, KR_ABSENT, KR_ABSENT, returned);
            }
        }
        kr_decref(t, sub);
        if (r == KR_ERROR) {
            KrValue e = kr_err_fetch(t);
            r = gen_step(t, g, KR_ABSENT, e, returned);
            kr_decref(t, e);
        }
        return r;
    }
    return gen_step(t, g, KR_ABSENT, exc, returned);
}

static KrValue gen_throw(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "throw", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrValue exc = make_thrown(t, args[0], nargs > 1 ? args[1] : KR_ABSENT, nargs > 2 ? args[2] : KR_ABSENT);
    if (exc == KR_ERROR)
        return exc;
    KrValue returned = KR_ABSENT;
    KrGen *g = as_gen(self);
    KrValue r;
    if (!g->started && !g->finished) {
        /* Thrown into a generator that never ran: it ends at once. */
        g->finished = true;
        gen_release_regs(t, g);
        kr_raise(t, exc);
        r = KR_ERROR;
    } else {
        r = gen_throw_exc(t, g, exc, false, &returned);
    }
    kr_decref(t, exc);
    if (r == KR_ABSENT) {
        KrValue e = stop_iteration(t, returned);
        kr_xdecref(t, returned);
        return e;
    }
    return r;
}

static KrValue gen_close(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "close", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrGen *g = as_gen(self);
    if (!g->started || g->finished) {
        g->finished = true;
        gen_release_regs(t, g);
        return KR_NONE;
    }
    KrValue exc = kr_call0(t, kr_ptr(kr_exc_type(t, GeneratorExit)));
    if (exc == KR_ERROR)
        return exc;
    KrValue returned = KR_ABSENT;
    KrValue r = gen_throw_exc(t, g, exc, true, &returned);
    kr_decref(t, exc);
    if (r == KR_ABSENT) {
        kr_xdecref(t, returned);
        return KR_NONE;
    }
    if (r == KR_ERROR) {
        if (kr_err_matches(t, kr_exc_type(t, GeneratorExit)) || kr_err_matches(t, kr_exc_type(t, StopIteration))) {
            kr_err_clear(t);
            return KR_NONE;
        }
        return KR_ERROR;
    }
    kr_decref(t, r);
    return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "%s ignored GeneratorExit", gen_kind(t, g));
}

static KrValue gen_repr(KrThread *t, KrValue self)
{
    KrGen *g = as_gen(self);
    const char *kind = g->ob.type == kr_builtin_type(t, COROUTINE)         ? "coroutine"
                       : g->ob.type == kr_builtin_type(t, ASYNC_GENERATOR) ? "async_generator"
                                                                           : "generator";
    return kr_format(t, "<%s object %U at %p>", kind, g->qualname, (void *)g);
}

static KrValue gen_iter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue gen_get_name(KrThread *t, KrValue self) { (void)t; return kr_incref(as_gen(self)->name); }
static KrValue gen_get_qualname(KrThread *t, KrValue self) { (void)t; return kr_incref(as_gen(self)->qualname); }

static int gen_set_name(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT || !kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__name__ must be set to a string object");
    kr_assign(t, &as_gen(self)->name, v);
    return 0;
}

static int gen_set_qualname(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT || !kr_is_str(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "__qualname__ must be set to a string object");
    kr_assign(t, &as_gen(self)->qualname, v);
    return 0;
}

static KrValue gen_get_running(KrThread *t, KrValue self) { (void)t; return kr_bool(as_gen(self)->running); }
static KrValue gen_get_code(KrThread *t, KrValue self) { (void)t; return kr_incref(kr_ptr(as_gen(self)->code)); }

static KrValue gen_get_suspended(KrThread *t, KrValue self)
{
    (void)t;
    KrGen *g = as_gen(self);
    return kr_bool(g->started && !g->finished && !g->running);
}

KrValue kr_gen_frame_object(KrThread *t, KrGen *gen, KrCode *code, KrValue globals, KrValue builtins, size_t ip,
                            bool started);

static KrValue gen_get_frame(KrThread *t, KrValue self)
{
    KrGen *g = as_gen(self);
    if (g->finished)
        return KR_NONE;
    if (!kr_is_ptr(g->frame_obj)) {
        if (g->running)
            return KR_NONE;
        KrValue fo = kr_gen_frame_object(t, g, g->code, g->globals, g->builtins, g->ip, g->started);
        if (fo == KR_ERROR)
            return fo;
        g->frame_obj = fo;
    }
    return kr_incref(g->frame_obj);
}

static KrValue gen_get_yieldfrom(KrThread *t, KrValue self)
{
    (void)t;
    KrGen *g = as_gen(self);
    int a;
    unsigned target;
    int r = delegate_reg(g, &a, &target);
    if (r < 0 || g->running)
        return KR_NONE;
    return kr_incref(g->regs[r]);
}

static const KrMethodDef gen_methods[] = {
    {"send", gen_send, 0, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", gen_throw, 0, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration."},
    {"close", gen_close, 0, "close() -> raise GeneratorExit inside generator."},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef gen_getsets[] = {
    {"__name__", gen_get_name, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL},
    {"gi_running", gen_get_running, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void gen_fill(KrType *tp)
{
    tp->dealloc = gen_dealloc;
    tp->traverse = gen_traverse;
    tp->weaklistoffset = offsetof(KrGen, weaklist);
    tp->repr = gen_repr;
    tp->iter = gen_iter_self;
    tp->iternext = gen_iternext;
}

const KrTypeSpec kr_generator_spec = {
    .name = "generator",
    .basicsize = sizeof(KrGen),
    .flags = KR_TPFLAG_GC,
    .methods = gen_methods,
    .getsets = gen_getsets,
    .fill = gen_fill,
};

/* ---- coroutines ---- */

typedef struct KrCoroWrapper {
    KrObject ob;
    KrValue coro;
} KrCoroWrapper;

static KrValue coro_await(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__await__", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrCoroWrapper *w = (KrCoroWrapper *)kr_alloc(t, kr_builtin_type(t, COROUTINE_WRAPPER), sizeof(KrCoroWrapper));
    if (!w)
        return KR_ERROR;
    w->coro = kr_incref(self);
    return kr_ptr(w);
}

static KrValue coro_get_await(KrThread *t, KrValue self) { return gen_get_yieldfrom(t, self); }
static KrValue gen_get_origin(KrThread *t, KrValue self) { (void)t; return kr_incref(as_gen(self)->origin); }

static const KrMethodDef coro_methods[] = {
    {"send", gen_send, 0, "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise StopIteration."},
    {"throw", gen_throw, 0, "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return next iterated value or raise\nStopIteration."},
    {"close", gen_close, 0, "close() -> raise GeneratorExit inside coroutine."},
    {"__await__", coro_await, 0, "Return an iterator to be used in await expression."},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef coro_getsets[] = {
    {"__name__", gen_get_name, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL},
    {"cr_running", gen_get_running, NULL, NULL},
    {"cr_code", gen_get_code, NULL, NULL},
    {"cr_frame", gen_get_frame, NULL, NULL},
    {"cr_await", coro_get_await, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL},
    {"cr_origin", gen_get_origin, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void coro_fill(KrType *tp)
{
    tp->dealloc = gen_dealloc;
    tp->traverse = gen_traverse;
    tp->weaklistoffset = offsetof(KrGen, weaklist);
    tp->repr = gen_repr;
}

const KrTypeSpec kr_coroutine_spec = {
    .name = "coroutine",
    .basicsize = sizeof(KrGen),
    .flags = KR_TPFLAG_GC,
    .methods = coro_methods,
    .getsets = coro_getsets,
    .fill = coro_fill,
};

static void wrapper_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrCoroWrapper *)o)->coro);
    kr_free_object(t, o);
}

static void wrapper_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    if (kr_is_ptr(((KrCoroWrapper *)o)->coro))
        visit(kr_as_ptr(((KrCoroWrapper *)o)->coro), arg);
}

static KrValue wrapper_next(KrThread *t, KrValue self)
{
    return gen_iternext(t, ((KrCoroWrapper *)kr_as_ptr(self))->coro);
}

static KrValue wrapper_send(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return gen_send(t, ((KrCoroWrapper *)kr_as_ptr(self))->coro, args, nargs, kwnames);
}

static KrValue wrapper_throw(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return gen_throw(t, ((KrCoroWrapper *)kr_as_ptr(self))->coro, args, nargs, kwnames);
}

static KrValue wrapper_close(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    return gen_close(t, ((KrCoroWrapper *)kr_as_ptr(self))->coro, args, nargs, kwnames);
}

static const KrMethodDef wrapper_methods[] = {
    {"send", wrapper_send, 0, NULL},
    {"throw", wrapper_throw, 0, NULL},
    {"close", wrapper_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void coro_wrapper_fill(KrType *tp)
{
    tp->dealloc = wrapper_dealloc;
    tp->traverse = wrapper_traverse;
    tp->iter = gen_iter_self;
    tp->iternext = wrapper_next;
}

const KrTypeSpec kr_coroutine_wrapper_spec = {
    .name = "coroutine_wrapper",
    .basicsize = sizeof(KrCoroWrapper),
    .flags = KR_TPFLAG_GC,
    .methods = wrapper_methods,
    .fill = coro_wrapper_fill,
};

/* ---- support for the interpreter ---- */

KrValue kr_gen_yield_from_iter(KrThread *t, KrValue v)
{
    if (kr_is_ptr(v) && (kr_as_ptr(v)->type == kr_builtin_type(t, GENERATOR) ||
                         kr_as_ptr(v)->type == kr_builtin_type(t, COROUTINE)))
        return kr_incref(v);
    return kr_iter(t, v);
}

/* One step of a SEND: value KR_NONE means next(). */
KrValue kr_gen_send_value(KrThread *t, KrValue iter, KrValue value, KrValue *returned)
{
    if (is_gen_like(t, iter) && kr_as_ptr(iter)->type != kr_builtin_type(t, ASYNC_GENERATOR)) {
        KrValue r = gen_step(t, as_gen(iter), value, KR_ABSENT, returned);
        if (r == KR_ABSENT && *returned == KR_ABSENT)
            *returned = KR_NONE;
        return r;
    }
    KrValue r;
    if (value == KR_NONE || value == KR_ABSENT) {
        KrType *tp = kr_type(t, iter);
        if (!tp->iternext)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "'%T' object is not an iterator", iter);
        r = tp->iternext(t, iter);
        if (r == KR_ABSENT) {
            *returned = KR_NONE;
            return KR_ABSENT;
        }
    } else {
        r = kr_call_method(t, iter, kr_name(t, send), &value, 1);
    }
    if (r == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration))) {
        KrValue e = kr_err_fetch(t);
        *returned = kr_incref(kr_stop_iteration_value(e));
        kr_decref(t, e);
        return KR_ABSENT;
    }
    return r;
}

KrValue kr_get_awaitable(KrThread *t, KrValue v, int context)
{
    KrType *tp = kr_type(t, v);
    if (tp == kr_builtin_type(t, COROUTINE)) {
        int a;
        unsigned target;
        if (delegate_reg(as_gen(v), &a, &target) >= 0)
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "coroutine is being awaited already");
        return kr_incref(v);
    }
    if (tp == kr_builtin_type(t, GENERATOR) && (as_gen(v)->code->flags & CO_ITERABLE_COROUTINE))
        return kr_incref(v);
    KrValue r = kr_call_special(t, v, kr_name(t, dunder_await), NULL, 0);
    if (r == KR_ABSENT) {
        if (context == 1)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "'async with' received an object from __aenter__ that does not implement __await__: %T", v);
        if (context == 2)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "'async with' received an object from __aexit__ that does not implement __await__: %T", v);
        if (context == 3)
            return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                "'async for' received an invalid object from __anext__: %T", v);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "object %T can't be used in 'await' expression", v);
    }
    if (r == KR_ERROR)
        return r;
    if (kr_type(t, r) == kr_builtin_type(t, COROUTINE) || !kr_type(t, r)->iternext) {
        KrValue e = kr_type(t, r) == kr_builtin_type(t, COROUTINE)
                        ? kr_raise_fmt(t, kr_exc_type(t, TypeError), "__await__() returned a coroutine")
                        : kr_raise_fmt(t, kr_exc_type(t, TypeError), "__await__() returned non-iterator of type '%T'", r);
        kr_decref(t, r);
        return e;
    }
    return r;
}

/* ---- async generators ---- */

typedef struct KrWrappedValue {
    KrObject ob;
    KrValue value;
} KrWrappedValue;

KrValue kr_async_gen_wrap(KrThread *t, KrValue v)
{
    KrWrappedValue *w = (KrWrappedValue *)kr_alloc(t, kr_builtin_type(t, ASYNC_GEN_WRAPPED_VALUE), sizeof(KrWrappedValue));
    if (!w)
        return KR_ERROR;
    w->value = kr_incref(v);
    return kr_ptr(w);
}

static void wrapped_dealloc(KrThread *t, KrObject *o)
{
    kr_clear(t, &((KrWrappedValue *)o)->value);
    kr_free_object(t, o);
}

static void wrapped_fill(KrType *tp) { tp->dealloc = wrapped_dealloc; }

const KrTypeSpec kr_async_gen_wrapped_value_spec = {
    .name = "async_generator_wrapped_value",
    .basicsize = sizeof(KrWrappedValue),
    .fill = wrapped_fill,
};

/* asend / athrow objects: awaitables that step the async generator. */
typedef struct KrAgStep {
    KrObject ob;
    KrValue gen;
    KrValue value;          /* asend: the value to send; athrow: the exception, KR_ABSENT for aclose */
    int state;              /* 0 init, 1 iterating, 2 closed */
    bool is_throw, is_close;
} KrAgStep;

static KrValue ag_step_new(KrThread *t, KrValue gen, KrValue value, bool is_throw, bool is_close)
{
    KrType *tp = is_throw ? kr_builtin_type(t, ASYNC_GEN_ATHROW) : kr_builtin_type(t, ASYNC_GEN_ASEND);
    KrAgStep *s = (KrAgStep *)kr_alloc(t, tp, sizeof(KrAgStep));
    if (!s)
        return KR_ERROR;
    s->gen = kr_incref(gen);
    s->value = value == KR_ABSENT ? KR_ABSENT : kr_incref(value);
    s->is_throw = is_throw;
    s->is_close = is_close;
    return kr_ptr(s);
}

static void ag_step_dealloc(KrThread *t, KrObject *o)
{
    KrAgStep *s = (KrAgStep *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &s->gen);
    kr_clear(t, &s->value);
    kr_free_object(t, o);
}

static void ag_step_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrAgStep *s = (KrAgStep *)o;
    if (kr_is_ptr(s->gen))
        visit(kr_as_ptr(s->gen), arg);
    if (kr_is_ptr(s->value))
        visit(kr_as_ptr(s->value), arg);
}

/* What one resumption of the async generator means to the awaiting code:
 * a wrapped value is the result of __anext__ (StopIteration(value)); any
 * other yield passes up to the event loop. */
static KrValue ag_unwrap(KrThread *t, KrAgStep *s, KrValue r, KrValue returned)
{
    KrGen *g = as_gen(s->gen);
    if (r == KR_ABSENT) {
        kr_xdecref(t, returned);
        s->state = 2;
        g->ag_running_async = false;
        if (s->is_close)
            return stop_iteration(t, KR_NONE);
        return kr_raise(t, kr_ptr(kr_exc_type(t, StopAsyncIteration)));
    }
    if (r == KR_ERROR) {
        s->state = 2;
        g->ag_running_async = false;
        if (s->is_close && (kr_err_matches(t, kr_exc_type(t, StopAsyncIteration)) ||
                            kr_err_matches(t, kr_exc_type(t, GeneratorExit)))) {
            kr_err_clear(t);
            return stop_iteration(t, KR_NONE);
        }
        return r;
    }
    if (kr_type(t, r) == kr_builtin_type(t, ASYNC_GEN_WRAPPED_VALUE)) {
        s->state = 2;
        g->ag_running_async = false;
        if (s->is_close) {
            kr_decref(t, r);
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "async generator ignored GeneratorExit");
        }
        KrValue v = kr_incref(((KrWrappedValue *)kr_as_ptr(r))->value);
        kr_decref(t, r);
        KrValue e = stop_iteration(t, v);
        kr_decref(t, v);
        return e;
    }
    return r;
}

static KrValue ag_step_send(KrThread *t, KrAgStep *s, KrValue value, KrValue exc)
{
    KrGen *g = as_gen(s->gen);
    if (s->state == 2)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "cannot reuse already awaited %s",
                            s->is_throw ? (s->is_close ? "aclose()" : "athrow()") : "__anext__()/asend()");
    KrValue returned = KR_ABSENT, r;
    if (s->state == 0) {
        if (g->ag_running_async)
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError),
                                s->is_throw ? "athrow(): asynchronous generator is already running"
                                            : "anext(): asynchronous generator is already running");
        if (g->finished || g->ag_closed) {
            s->state = 2;
            if (s->is_close)
                return stop_iteration(t, KR_NONE);
            return kr_raise(t, kr_ptr(kr_exc_type(t, StopAsyncIteration)));
        }
        s->state = 1;
        g->ag_running_async = true;
        if (exc != KR_ABSENT) {
            r = gen_throw_exc(t, g, exc, false, &returned);
        } else if (s->is_throw) {
            KrValue e = s->is_close ? kr_call0(t, kr_ptr(kr_exc_type(t, GeneratorExit))) : kr_incref(s->value);
            if (e == KR_ERROR)
                return e;
            if (s->is_close)
                g->ag_closed = true;
            if (!g->started) {
                g->finished = true;
                kr_raise(t, e);
                kr_decref(t, e);
                return ag_unwrap(t, s, KR_ERROR, KR_ABSENT);
            }
            r = gen_throw_exc(t, g, e, s->is_close, &returned);
            kr_decref(t, e);
        } else {
            r = gen_step(t, g, s->value == KR_ABSENT ? KR_NONE : s->value, KR_ABSENT, &returned);
        }
    } else if (exc != KR_ABSENT) {
        r = gen_throw_exc(t, g, exc, false, &returned);
    } else {
        r = gen_step(t, g, value, KR_ABSENT, &returned);
    }
    return ag_unwrap(t, s, r, returned);
}

static KrValue ag_step_next(KrThread *t, KrValue self)
{
    return ag_step_send(t, (KrAgStep *)kr_as_ptr(self), KR_NONE, KR_ABSENT);
}

static KrValue ag_step_send_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "send", nargs, 1, 1) < 0)
        return KR_ERROR;
    return ag_step_send(t, (KrAgStep *)kr_as_ptr(self), args[0], KR_ABSENT);
}

static KrValue ag_step_throw_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "throw", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrValue exc = make_thrown(t, args[0], nargs > 1 ? args[1] : KR_ABSENT, nargs > 2 ? args[2] : KR_ABSENT);
    if (exc == KR_ERROR)
        return exc;
    KrValue r = ag_step_send(t, (KrAgStep *)kr_as_ptr(self), KR_NONE, exc);
    kr_decref(t, exc);
    return r;
}

static KrValue ag_step_close_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    ((KrAgStep *)kr_as_ptr(self))->state = 2;
    return KR_NONE;
}

static KrValue ag_step_await(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)t, (void)args, (void)nargs, (void)kwnames;
    return kr_incref(self);
}

static const KrMethodDef ag_step_methods[] = {
    {"send", ag_step_send_m, 0, NULL},
    {"throw", ag_step_throw_m, 0, NULL},
    {"close", ag_step_close_m, 0, NULL},
    {"__await__", ag_step_await, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void ag_step_fill(KrType *tp)
{
    tp->dealloc = ag_step_dealloc;
    tp->traverse = ag_step_traverse;
    tp->iter = gen_iter_self;
    tp->iternext = ag_step_next;
}

const KrTypeSpec kr_async_gen_asend_spec = {
    .name = "async_generator_asend",
    .basicsize = sizeof(KrAgStep),
    .flags = KR_TPFLAG_GC,
    .methods = ag_step_methods,
    .fill = ag_step_fill,
};

const KrTypeSpec kr_async_gen_athrow_spec = {
    .name = "async_generator_athrow",
    .basicsize = sizeof(KrAgStep),
    .flags = KR_TPFLAG_GC,
    .methods = ag_step_methods,
    .fill = ag_step_fill,
};

static KrValue ag_anext(KrThread *t, KrValue self)
{
    return ag_step_new(t, self, KR_ABSENT, false, false);
}

static KrValue ag_anext_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__anext__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return ag_anext(t, self);
}

static KrValue ag_aiter_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "__aiter__", nargs, 0, 0) < 0)
        return KR_ERROR;
    return kr_incref(self);
}

static KrValue ag_asend_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "asend", nargs, 1, 1) < 0)
        return KR_ERROR;
    return ag_step_new(t, self, args[0], false, false);
}

static KrValue ag_athrow_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)kwnames;
    if (kr_check_nargs(t, "athrow", nargs, 1, 3) < 0)
        return KR_ERROR;
    KrValue exc = make_thrown(t, args[0], nargs > 1 ? args[1] : KR_ABSENT, nargs > 2 ? args[2] : KR_ABSENT);
    if (exc == KR_ERROR)
        return exc;
    KrValue r = ag_step_new(t, self, exc, true, false);
    kr_decref(t, exc);
    return r;
}

static KrValue ag_aclose_m(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "aclose", nargs, 0, 0) < 0)
        return KR_ERROR;
    return ag_step_new(t, self, KR_ABSENT, true, true);
}

static const KrMethodDef ag_methods[] = {
    {"__anext__", ag_anext_m, 0, "Return a value or raise StopAsyncIteration."},
    {"__aiter__", ag_aiter_m, 0, "Return an awaitable, that resolves in asynchronous iterator."},
    {"asend", ag_asend_m, 0, "asend(v) -> send 'v' in generator."},
    {"athrow", ag_athrow_m, 0, "athrow(typ[,val[,tb]]) -> raise exception in generator."},
    {"aclose", ag_aclose_m, 0, "aclose() -> raise GeneratorExit inside generator."},
    {NULL, NULL, 0, NULL},
};

static KrValue ag_get_running(KrThread *t, KrValue self) { (void)t; return kr_bool(as_gen(self)->ag_running_async); }

static const KrGetSetDef ag_getsets[] = {
    {"__name__", gen_get_name, gen_set_name, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL},
    {"ag_running", ag_get_running, NULL, NULL},
    {"ag_code", gen_get_code, NULL, NULL},
    {"ag_frame", gen_get_frame, NULL, NULL},
    {"ag_await", gen_get_yieldfrom, NULL, NULL},
    {"ag_suspended", gen_get_suspended, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void ag_fill(KrType *tp)
{
    tp->dealloc = gen_dealloc;
    tp->traverse = gen_traverse;
    tp->weaklistoffset = offsetof(KrGen, weaklist);
    tp->repr = gen_repr;
}

const KrTypeSpec kr_async_generator_spec = {
    .name = "async_generator",
    .basicsize = sizeof(KrGen),
    .flags = KR_TPFLAG_GC,
    .methods = ag_methods,
    .getsets = ag_getsets,
    .fill = ag_fill,
};
