/* The interpreter loop.
 *
 * Frames are windows of the thread's register stack.  A call from Python
 * to a Python function does not recurse in C: the arguments are already
 * in consecutive registers after the callee, so the new frame simply
 * starts there, and the loop goes on with it (DESIGN.md §6).  Registers
 * own their values: writing one drops the reference it held.
 *
 * Errors: an instruction that fails goes to `error`, which adds a
 * traceback entry for the frame and looks for a handler in the code
 * object's exception table; without one the frame is popped and the
 * search goes on in the caller, at its call instruction. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "runtime/runtime.h"
#include "vm/cache.h"
#include "vm/code.h"

#define STACK_VALUES ((size_t)1 << 26)   /* 512 MiB of address space, touched on use */
#define MAX_FRAMES ((size_t)1 << 20)

int kr_eval_thread_init(KrThread *t)
{
    void *s = mmap(NULL, STACK_VALUES * sizeof(KrValue), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (s == MAP_FAILED)
        return -1;
    void *f = mmap(NULL, MAX_FRAMES * sizeof(KrFrame), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (f == MAP_FAILED) {
        munmap(s, STACK_VALUES * sizeof(KrValue));
        return -1;
    }
    t->stack = s;
    t->stack_end = t->stack + STACK_VALUES;
    t->stack_top = t->stack;
    t->frames = f;
    t->frames_end = t->frames + MAX_FRAMES;
    t->frame = NULL;
    return 0;
}

void kr_eval_thread_free(KrThread *t)
{
    if (t->stack)
        munmap(t->stack, STACK_VALUES * sizeof(KrValue));
    if (t->frames)
        munmap(t->frames, MAX_FRAMES * sizeof(KrFrame));
}

static KrValue type_error(KrThread *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kr_raise_vfmt(t, kr_exc_type(t, TypeError), fmt, ap);
    va_end(ap);
    return KR_ERROR;
}

static inline void set_reg(KrThread *t, KrValue *slot, KrValue v)
{
    KrValue old = *slot;
    *slot = v;
    kr_decref(t, old);
}

/* ------------------------------------------------------------------ */
/* Argument binding                                                    */
/* ------------------------------------------------------------------ */

static const char *func_qualname(KrFunction *f)
{
    const char *q = kr_as_str(f->qualname)->utf8;
    return q ? q : "?";
}

static void missing_args(KrThread *t, KrFunction *f, KrValue *slots, int from, int to, bool kwonly)
{
    KrCode *co = kr_as_code(f->code);
    int missing = 0;
    for (int i = from; i < to; i++)
        if (slots[i] == KR_ABSENT)
            missing++;
    KrStrBuilder b;
    kr_sb_init(&b);
    int seen = 0;
    for (int i = from; i < to; i++) {
        if (slots[i] != KR_ABSENT)
            continue;
        KrValue name = kr_tuple_items(co->varnames)[i];
        if (seen > 0) {
            if (missing == 2)
                kr_sb_append_ascii(t, &b, " and ", 5);
            else if (seen == missing - 1)
                kr_sb_append_ascii(t, &b, ", and ", 6);
            else
                kr_sb_append_ascii(t, &b, ", ", 2);
        }
        kr_sb_append_char(t, &b, '\'');
        kr_sb_append_str(t, &b, name);
        kr_sb_append_char(t, &b, '\'');
        seen++;
    }
    KrValue list = kr_sb_finish(t, &b);
    if (list == KR_ERROR)
        return;
    type_error(t, "%s() missing %d required %s argument%s: %U", func_qualname(f), missing,
               kwonly ? "keyword-only" : "positional", missing == 1 ? "" : "s", list);
    kr_decref(t, list);
}

/* Puts the call's arguments into slots[0..co->nlocals) as the parameters
 * of f (new references), raising CPython's TypeErrors. */
static int bind_args(KrThread *t, KrFunction *f, const KrValue *args, size_t nargs, KrValue kwnames,
                     KrValue *slots)
{
    KrCode *co = kr_as_code(f->code);
    int argc = co->argcount, kwc = co->kwonlyargcount;
    int total = argc + kwc;
    bool varargs = co->flags & CO_VARARGS, varkw = co->flags & CO_VARKEYWORDS;
    int va_index = total, kw_index = total + (varargs ? 1 : 0);
    for (int i = 0; i < co->nlocals; i++)
        slots[i] = KR_ABSENT;
    KrValue kwdict = KR_ABSENT;
    if (varkw) {
        kwdict = kr_dict_new(t);
        if (kwdict == KR_ERROR)
            return -1;
        slots[kw_index] = kwdict;
    }
    size_t npos = nargs < (size_t)argc ? nargs : (size_t)argc;
    for (size_t i = 0; i < npos; i++)
        slots[i] = kr_incref(args[i]);
    if (varargs) {
        KrValue rest = nargs > npos ? kr_tuple_from(t, args + npos, nargs - npos) : kr_incref(t->vm->empty_tuple);
        if (rest == KR_ERROR)
            return -1;
        slots[va_index] = rest;
    } else if (nargs > (size_t)argc) {
        /* too many positional arguments */
        int ndefaults = kr_is_ptr(f->defaults) ? (int)kr_tuple_len(f->defaults) : 0;
        int kwgiven = 0;
        size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
        for (size_t k = 0; k < nkw; k++) {
            for (int i = argc; i < total; i++)
                if (kr_str_equal(kr_tuple_items(kwnames)[k], kr_tuple_items(co->varnames)[i]))
                    kwgiven++;
        }
        char extra[96] = "";
        if (kwgiven)
            snprintf(extra, sizeof extra, " positional argument%s (and %d keyword-only argument%s)",
                     nargs == 1 ? "" : "s", kwgiven, kwgiven == 1 ? "" : "s");
        if (ndefaults)
            type_error(t, "%s() takes from %d to %d positional arguments but %zu%s %s given", func_qualname(f),
                       argc - ndefaults, argc, nargs, extra, nargs == 1 && !kwgiven ? "was" : "were");
        else
            type_error(t, "%s() takes %d positional argument%s but %zu%s %s given", func_qualname(f), argc,
                       argc == 1 ? "" : "s", nargs, extra, nargs == 1 && !kwgiven ? "was" : "were");
        return -1;
    }
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        KrValue name = kr_tuple_items(kwnames)[k];
        KrValue value = args[nargs + k];
        int found = -1;
        for (int i = co->posonlyargcount; i < total; i++) {
            KrValue pn = kr_tuple_items(co->varnames)[i];
            if (pn == name || kr_str_equal(pn, name)) {
                found = i;
                break;
            }
        }
        if (found < 0) {
            if (varkw) {
                if (kr_dict_set(t, kwdict, name, value) < 0)
                    return -1;
                continue;
            }
            bool posonly = false;
            for (int i = 0; i < co->posonlyargcount; i++)
                if (kr_str_equal(kr_tuple_items(co->varnames)[i], name))
                    posonly = true;
            if (posonly) {
                /* Every positional-only parameter given by keyword is named. */
                KrStrBuilder b;
                kr_sb_init(&b);
                int n = 0;
                for (int i = 0; i < co->posonlyargcount; i++) {
                    KrValue pn = kr_tuple_items(co->varnames)[i];
                    for (size_t j = 0; j < nkw; j++) {
                        if (kr_str_equal(kr_tuple_items(kwnames)[j], pn)) {
                            if (n++)
                                kr_sb_append_ascii(t, &b, ", ", 2);
                            kr_sb_append_str(t, &b, pn);
                            break;
                        }
                    }
                }
                KrValue names = kr_sb_finish(t, &b);
                if (names != KR_ERROR) {
                    type_error(t, "%s() got some positional-only arguments passed as keyword arguments: '%U'",
                               func_qualname(f), names);
                    kr_decref(t, names);
                }
            } else
                type_error(t, "%s() got an unexpected keyword argument '%U'", func_qualname(f), name);
            return -1;
        }
        if (slots[found] != KR_ABSENT) {
            type_error(t, "%s() got multiple values for argument '%U'", func_qualname(f), name);
            return -1;
        }
        slots[found] = kr_incref(value);
    }
    /* Defaults for the trailing positional parameters. */
    if ((size_t)argc > npos) {
        int ndefaults = kr_is_ptr(f->defaults) ? (int)kr_tuple_len(f->defaults) : 0;
        int first_default = argc - ndefaults;
        for (int i = (int)npos; i < argc; i++) {
            if (slots[i] == KR_ABSENT && i >= first_default)
                slots[i] = kr_incref(kr_tuple_items(f->defaults)[i - first_default]);
        }
        for (int i = (int)npos; i < argc; i++) {
            if (slots[i] == KR_ABSENT) {
                missing_args(t, f, slots, 0, argc, false);
                return -1;
            }
        }
    }
    if (kwc) {
        for (int i = argc; i < total; i++) {
            if (slots[i] != KR_ABSENT)
                continue;
            if (kr_is_ptr(f->kwdefaults)) {
                KrValue d = kr_dict_get(t, f->kwdefaults, kr_tuple_items(co->varnames)[i]);
                if (d == KR_ERROR)
                    return -1;
                if (d != KR_ABSENT)
                    slots[i] = kr_incref(d);
            }
        }
        for (int i = argc; i < total; i++) {
            if (slots[i] == KR_ABSENT) {
                missing_args(t, f, slots, argc, total, true);
                return -1;
            }
        }
    }
    return 0;
}

/* Sets up cells (cellvars, and freevars from the closure) of a frame. */
static int init_cells(KrThread *t, KrFunction *f, KrCode *co, KrValue *regs)
{
    for (int i = 0; i < co->ncells; i++) {
        int p = co->cell_param[i];
        KrValue init = p >= 0 ? regs[p] : KR_ABSENT;
        KrValue cell = kr_cell_new(t, init);
        if (cell == KR_ERROR)
            return -1;
        set_reg(t, &regs[co->cell_base + i], cell);
    }
    for (int i = 0; i < co->nfrees; i++) {
        KrValue cell = kr_tuple_items(f->closure)[i];
        set_reg(t, &regs[co->cell_base + co->ncells + i], kr_incref(cell));
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

static int check_depth(KrThread *t)
{
    if (t->depth >= t->vm->recursion_limit) {
        kr_raise_fmt(t, kr_exc_type(t, RecursionError), "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

/* Pushes a frame whose registers start at `base` (which must be at or
 * above every live register). */
static KrFrame *push_frame(KrThread *t, KrCode *co, KrValue func, KrValue *base)
{
    KrFrame *f = t->frame ? t->frame + 1 : t->frames;
    if (f >= t->frames_end || base + co->nregs >= t->stack_end) {
        kr_raise_fmt(t, kr_exc_type(t, RecursionError), "maximum recursion depth exceeded");
        return NULL;
    }
    f->prev = t->frame;
    f->code = co;
    f->func = func;
    f->regs = base;
    f->ip = co->instrs;
    f->globals = f->builtins = f->locals = KR_ABSENT;
    f->ret_reg = 0;
    f->entry = false;
    f->owns_func = false;
    f->trace_called = false;
    f->trace_line = -1;
    f->trace_pc = 0;
    f->f_trace = KR_NONE;
    f->frame_obj = KR_ABSENT;
    f->gen = NULL;
    if (base + co->nregs > t->stack_top)
        t->stack_top = base + co->nregs;
    t->frame = f;
    t->depth++;
    return f;
}

static void clear_regs(KrThread *t, KrValue *regs, int n)
{
    for (int i = 0; i < n; i++) {
        KrValue v = regs[i];
        regs[i] = KR_ABSENT;
        kr_decref(t, v);
    }
}

/* Detaches the Python frame object (if any) from a frame that ends. */
void kr_frame_object_detach(KrThread *t, KrFrame *f);
void kr_frame_object_snapshot(KrThread *t, KrFrame *f);
void kr_frame_object_suspend(KrFrame *f);
void kr_frame_object_resume(KrFrame *f);

static void pop_frame(KrThread *t, KrFrame *f)
{
    if (f->frame_obj != KR_ABSENT)
        kr_frame_object_detach(t, f);
    if (f->owns_func)
        kr_decref(t, f->func);
    kr_clear(t, &f->f_trace);
    t->frame = f->prev;
    t->depth--;
    KrValue *top = t->frame ? t->frame->regs + t->frame->code->nregs : t->stack;
    if (top < f->regs + f->code->nregs)
        t->stack_top = top > f->regs ? top : f->regs;
}

/* ------------------------------------------------------------------ */
/* Helpers of individual instructions                                  */
/* ------------------------------------------------------------------ */

static KrValue name_error(KrThread *t, KrValue name)
{
    kr_raise_fmt(t, kr_exc_type(t, NameError), "name '%U' is not defined", name);
    if (kr_is_exception(t, t->exc)) {
        KrValue e = kr_err_fetch(t);
        kr_setattr(t, e, kr_name(t, name), name);
        kr_err_clear(t);
        t->exc = e;
    }
    return KR_ERROR;
}

static KrValue load_global(KrThread *t, KrFrame *f, KrValue name)
{
    KrValue v = kr_dict_get(t, f->globals, name);
    if (v == KR_ERROR)
        return v;
    if (v == KR_ABSENT) {
        if (kr_is_dict(t, f->builtins)) {
            v = kr_dict_get(t, f->builtins, name);
            if (v == KR_ERROR)
                return v;
        } else {
            v = kr_getitem(t, f->builtins, name);
            if (v == KR_ERROR) {
                if (!kr_err_matches(t, kr_exc_type(t, KeyError)))
                    return v;
                kr_err_clear(t);
                v = KR_ABSENT;
            } else {
                return v;
            }
        }
        if (v == KR_ABSENT)
            return name_error(t, name);
    }
    return kr_incref(v);
}

/* A lookup in a locals mapping that may not be a dict: KR_ABSENT if missing. */
static KrValue mapping_get(KrThread *t, KrValue map, KrValue key)
{
    if (kr_is_ptr(map) && kr_as_ptr(map)->type == kr_builtin_type(t, DICT)) {
        KrValue v = kr_dict_get(t, map, key);
        return v == KR_ERROR || v == KR_ABSENT ? v : kr_incref(v);
    }
    KrValue v = kr_getitem(t, map, key);
    if (v == KR_ERROR && kr_err_matches(t, kr_exc_type(t, KeyError))) {
        kr_err_clear(t);
        return KR_ABSENT;
    }
    return v;
}

static KrValue load_name(KrThread *t, KrFrame *f, KrValue name)
{
    if (kr_is_ptr(f->locals)) {
        KrValue v = mapping_get(t, f->locals, name);
        if (v != KR_ABSENT)
            return v;
    }
    return load_global(t, f, name);
}

static int compare_in(KrThread *t, KrValue item, KrValue container)
{
    KrType *tp = kr_type(t, container);
    if (!tp->contains && !tp->iter && !tp->getitem) {
        type_error(t, "argument of type '%T' is not iterable", container);
        return -1;
    }
    return kr_contains(t, container, item);
}

static KrValue do_compare(KrThread *t, KrValue a, KrValue b, int kind)
{
    switch (kind) {
    case CMP_IS: return kr_bool(a == b);
    case CMP_IS_NOT: return kr_bool(a != b);
    case CMP_IN:
    case CMP_NOT_IN: {
        int r = compare_in(t, a, b);
        if (r < 0)
            return KR_ERROR;
        return kr_bool(kind == CMP_IN ? r : !r);
    }
    default:
        return kr_richcompare(t, a, b, (KrCompareOp)kind);
    }
}

static int exc_match_check(KrThread *t, KrValue cls)
{
    if (kr_is_tuple(t, cls)) {
        for (size_t i = 0; i < kr_tuple_len(cls); i++)
            if (!kr_is_exception_class(t, kr_tuple_items(cls)[i]))
                goto bad;
        return 0;
    }
    if (kr_is_exception_class(t, cls))
        return 0;
bad:
    type_error(t, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

static int unpack(KrThread *t, KrValue seq, KrValue *out, int before, int after, bool starred)
{
    KrValue *items = NULL;
    size_t n = 0;
    KrValue list = KR_ABSENT;
    if (kr_is_ptr(seq) && (kr_as_ptr(seq)->type == kr_builtin_type(t, TUPLE))) {
        items = kr_tuple_items(seq);
        n = kr_tuple_len(seq);
    } else if (kr_is_ptr(seq) && kr_as_ptr(seq)->type == kr_builtin_type(t, LIST)) {
        items = kr_as_list(seq)->items;
        n = kr_as_list(seq)->len;
    } else {
        KrValue it = kr_iter(t, seq);
        if (it == KR_ERROR) {
            if (kr_err_matches(t, kr_exc_type(t, TypeError)) && !kr_type(t, seq)->iter && !kr_type(t, seq)->getitem) {
                kr_err_clear(t);
                type_error(t, "cannot unpack non-iterable %T object", seq);
            }
            return -1;
        }
        list = kr_list_new(t, 0);
        if (list == KR_ERROR) {
            kr_decref(t, it);
            return -1;
        }
        /* Without a star, read one more than needed to detect excess. */
        for (;;) {
            if (!starred && kr_as_list(list)->len > (size_t)before)
                break;
            KrValue v = kr_next(t, it);
            if (v == KR_ERROR) {
                kr_decref(t, it);
                kr_decref(t, list);
                return -1;
            }
            if (v == KR_ABSENT)
                break;
            int r = kr_list_append(t, list, v);
            kr_decref(t, v);
            if (r < 0) {
                kr_decref(t, it);
                kr_decref(t, list);
                return -1;
            }
        }
        kr_decref(t, it);
        items = kr_as_list(list)->items;
        n = kr_as_list(list)->len;
    }
    int status = 0;
    if (!starred) {
        if (n != (size_t)before) {
            if (n < (size_t)before)
                kr_raise_fmt(t, kr_exc_type(t, ValueError), "not enough values to unpack (expected %d, got %zu)",
                             before, n);
            else if (list != KR_ABSENT)
                kr_raise_fmt(t, kr_exc_type(t, ValueError), "too many values to unpack (expected %d)", before);
            else
                kr_raise_fmt(t, kr_exc_type(t, ValueError), "too many values to unpack (expected %d)", before);
            status = -1;
        } else {
            for (int i = 0; i < before; i++)
                set_reg(t, &out[i], kr_incref(items[i]));
        }
    } else {
        if (n < (size_t)(before + after)) {
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "not enough values to unpack (expected at least %d, got %zu)",
                         before + after, n);
            status = -1;
        } else {
            for (int i = 0; i < before; i++)
                set_reg(t, &out[i], kr_incref(items[i]));
            KrValue mid = kr_list_from(t, items + before, n - (size_t)before - (size_t)after);
            if (mid == KR_ERROR) {
                status = -1;
            } else {
                set_reg(t, &out[before], mid);
                for (int i = 0; i < after; i++)
                    set_reg(t, &out[before + 1 + i], kr_incref(items[n - (size_t)after + (size_t)i]));
            }
        }
    }
    if (list != KR_ABSENT)
        kr_decref(t, list);
    return status;
}

/* How the errors of f(*a) / f(**k) name the callee: "module.qualname()",
 * just "qualname()" for builtins or without a module, and str(callee)
 * when it has no __qualname__ (an instance with __call__).  Returns a new
 * str, or KR_ERROR. */
static KrValue callee_str(KrThread *t, KrValue callee)
{
    KrValue q, m;
    int r = kr_lookup_attr(t, callee, kr_name(t, dunder_qualname), &q);
    if (r < 0)
        return KR_ERROR;
    if (r == 0)
        return kr_str(t, callee);
    r = kr_lookup_attr(t, callee, kr_name(t, dunder_module), &m);
    if (r < 0) {
        kr_decref(t, q);
        return KR_ERROR;
    }
    KrValue head = KR_ABSENT;
    if (r > 0 && m != KR_NONE) {
        int ne = !kr_eq(t, m, kr_name(t, builtins));
        if (kr_err_occurred(t)) {
            kr_decref(t, m);
            kr_decref(t, q);
            return KR_ERROR;
        }
        if (ne) {
            KrValue ms = kr_str(t, m);
            KrValue dot = ms == KR_ERROR ? KR_ERROR : kr_str_from_cstr(t, ".");
            head = dot == KR_ERROR ? KR_ERROR : kr_str_concat(t, ms, dot);
            kr_xdecref(t, ms);
            kr_xdecref(t, dot);
        }
    }
    if (r > 0)
        kr_decref(t, m);
    KrValue qs = kr_str(t, q);
    kr_decref(t, q);
    KrValue paren = kr_str_from_cstr(t, "()");
    KrValue res = KR_ERROR;
    if (head != KR_ERROR && qs != KR_ERROR && paren != KR_ERROR) {
        KrValue tail = kr_str_concat(t, qs, paren);
        if (tail != KR_ERROR && head != KR_ABSENT) {
            res = kr_str_concat(t, head, tail);
            kr_decref(t, tail);
        } else {
            res = tail;
        }
    }
    if (head != KR_ABSENT)
        kr_xdecref(t, head);
    kr_xdecref(t, qs);
    kr_xdecref(t, paren);
    return res;
}

/* Raises "<callee> <fmt>" with one value argument for fmt. */
static void callee_error(KrThread *t, KrValue callee, const char *fmt, KrValue arg)
{
    KrValue fs = callee_str(t, callee);
    if (fs == KR_ERROR)
        return;
    char buf[128];
    snprintf(buf, sizeof buf, "%%S %s", fmt);
    type_error(t, buf, fs, arg);
    kr_decref(t, fs);
}

/* f(**x) where x repeats a keyword: "got multiple values for keyword argument". */
static int dict_merge_call_(KrThread *t, KrValue dst, KrValue src, KrValue callee);

/* Any AttributeError while merging (no keys(), or one raised by keys() or
 * __getitem__) reads as "not a mapping", as in CPython. */
static int dict_merge_call(KrThread *t, KrValue dst, KrValue src, KrValue callee)
{
    if (dict_merge_call_(t, dst, src, callee) == 0)
        return 0;
    if (kr_err_matches(t, kr_exc_type(t, AttributeError))) {
        kr_err_clear(t);
        callee_error(t, callee, "argument after ** must be a mapping, not %T", src);
    }
    return -1;
}

static int dict_merge_call_(KrThread *t, KrValue dst, KrValue src, KrValue callee)
{
    KrValue keys;
    if (kr_is_dict(t, src)) {
        keys = kr_dict_keys_list(t, src);
    } else {
        KrValue km = kr_getattr(t, src, kr_name(t, keys));
        if (km == KR_ERROR)
            return -1;
        KrValue k = kr_call0(t, km);
        kr_decref(t, km);
        if (k == KR_ERROR)
            return -1;
        keys = kr_list_from_iterable(t, k);
        kr_decref(t, k);
    }
    if (keys == KR_ERROR)
        return -1;
    KrList *kl = kr_as_list(keys);
    for (size_t i = 0; i < kl->len; i++) {
        KrValue k = kl->items[i];
        if (!kr_is_str(t, k)) {
            type_error(t, "keywords must be strings");
            kr_decref(t, keys);
            return -1;
        }
        KrValue have = kr_dict_get(t, dst, k);
        if (have != KR_ABSENT) {
            if (have != KR_ERROR) {
                callee_error(t, callee, "got multiple values for keyword argument '%U'", k);
            }
            kr_decref(t, keys);
            return -1;
        }
        KrValue v = kr_getitem(t, src, k);
        if (v == KR_ERROR || kr_dict_set(t, dst, k, v) < 0) {
            kr_xdecref(t, v);
            kr_decref(t, keys);
            return -1;
        }
        kr_decref(t, v);
    }
    kr_decref(t, keys);
    return 0;
}

static KrValue format_value(KrThread *t, KrValue v, int conv, KrValue spec)
{
    KrValue conv_v;
    switch (conv & 3) {
    case 1: conv_v = kr_str(t, v); break;
    case 2: conv_v = kr_repr(t, v); break;
    case 3: conv_v = kr_ascii(t, v); break;
    default: conv_v = kr_incref(v); break;
    }
    if (conv_v == KR_ERROR)
        return conv_v;
    if (!(conv & 4) && kr_is_exact_str(t, conv_v))
        return conv_v;
    KrValue r = kr_format_value(t, conv_v, (conv & 4) ? spec : KR_ABSENT);
    kr_decref(t, conv_v);
    return r;
}

static KrValue import_from(KrThread *t, KrValue module, KrValue name)
{
    KrValue v = kr_getattr(t, module, name);
    if (v != KR_ERROR || !kr_err_matches(t, kr_exc_type(t, AttributeError)))
        return v;
    kr_err_clear(t);
    /* A submodule not yet bound as an attribute: look in sys.modules. */
    KrValue pkgname = kr_getattr(t, module, kr_name(t, dunder_name));
    if (pkgname != KR_ERROR && kr_is_str(t, pkgname)) {
        KrValue full = kr_format(t, "%U.%U", pkgname, name);
        if (full != KR_ERROR) {
            KrValue m = kr_dict_get(t, t->vm->modules, full);
            kr_decref(t, full);
            if (m != KR_ABSENT && m != KR_ERROR) {
                kr_decref(t, pkgname);
                return kr_incref(m);
            }
        }
    }
    kr_err_clear(t);
    KrValue file = KR_ABSENT;
    if (kr_lookup_attr(t, module, kr_name(t, dunder_file), &file) < 0)
        kr_err_clear(t);
    if (pkgname == KR_ERROR || !kr_is_str(t, pkgname)) {
        kr_err_clear(t);
        kr_raise_fmt(t, kr_exc_type(t, ImportError), "cannot import name '%U' from '<unknown module name>' (unknown location)", name);
    } else if (file != KR_ABSENT && kr_is_str(t, file)) {
        kr_raise_fmt(t, kr_exc_type(t, ImportError), "cannot import name '%U' from '%U' (%U)", name, pkgname, file);
    } else {
        kr_raise_fmt(t, kr_exc_type(t, ImportError), "cannot import name '%U' from '%U' (unknown location)", name, pkgname);
    }
    /* The error's name and path are the module's (CPython sets them). */
    if (pkgname != KR_ERROR && kr_is_str(t, pkgname) && kr_is_exception(t, t->exc)) {
        KrValue e = kr_err_fetch(t);
        KrValue path = kr_str_intern_cstr(t, "path");
        if (kr_setattr(t, e, kr_name(t, name), pkgname) < 0 ||
            (file != KR_ABSENT && kr_is_str(t, file) && path != KR_ERROR && kr_setattr(t, e, path, file) < 0))
            kr_err_clear(t);
        kr_xdecref(t, path == KR_ERROR ? KR_NONE : path);
        t->exc = e;
    }
    if (file != KR_ABSENT)
        kr_decref(t, file);
    kr_xdecref(t, pkgname);
    return KR_ERROR;
}

static int import_star(KrThread *t, KrFrame *f, KrValue module)
{
    KrValue all;
    int r = kr_lookup_attr(t, module, kr_name(t, dunder_all), &all);
    if (r < 0)
        return -1;
    bool skip_private = false;
    if (r == 0) {
        KrValue d;
        r = kr_lookup_attr(t, module, kr_name(t, dunder_dict), &d);
        if (r <= 0) {
            if (r == 0)
                kr_raise_fmt(t, kr_exc_type(t, ImportError), "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = kr_call_method(t, d, kr_name(t, keys), NULL, 0);
        kr_decref(t, d);
        if (all == KR_ERROR)
            return -1;
        skip_private = true;
    }
    KrValue list = kr_list_from_iterable(t, all);
    kr_decref(t, all);
    if (list == KR_ERROR)
        return -1;
    KrValue ns = kr_is_ptr(f->locals) ? f->locals : f->globals;
    for (size_t i = 0; i < kr_as_list(list)->len; i++) {
        KrValue name = kr_as_list(list)->items[i];
        if (!kr_is_str(t, name)) {
            type_error(t, "Item in %s.__all__ must be str, not %T", "module", name);
            kr_decref(t, list);
            return -1;
        }
        if (skip_private && kr_as_str(name)->len && kr_str_char(kr_as_str(name), 0) == '_')
            continue;
        KrValue v = kr_getattr(t, module, name);
        if (v == KR_ERROR || kr_setitem(t, ns, name, v) < 0) {
            kr_xdecref(t, v);
            kr_decref(t, list);
            return -1;
        }
        kr_decref(t, v);
    }
    kr_decref(t, list);
    return 0;
}

static KrValue before_with(KrThread *t, KrValue mgr, KrValue *enter_result)
{
    KrType *tp = kr_type(t, mgr);
    KrValue enter = kr_type_lookup(t, tp, kr_name(t, dunder_enter));
    if (enter == KR_ABSENT)
        return type_error(t, "'%T' object does not support the context manager protocol", mgr);
    KrValue exit = kr_type_lookup(t, tp, kr_name(t, dunder_exit));
    if (exit == KR_ABSENT)
        return type_error(t, "'%T' object does not support the context manager protocol (missed __exit__ method)", mgr);
    KrValue bound_exit;
    KrType *et = kr_type(t, exit);
    if (et->descr_get)
        bound_exit = et->descr_get(t, exit, mgr, kr_ptr(tp));
    else
        bound_exit = kr_incref(exit);
    if (bound_exit == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_call_special(t, mgr, kr_name(t, dunder_enter), NULL, 0);
    if (r == KR_ERROR) {
        kr_decref(t, bound_exit);
        return KR_ERROR;
    }
    *enter_result = r;
    return bound_exit;
}

static KrValue before_async_with(KrThread *t, KrValue mgr, KrValue *enter_result)
{
    KrType *tp = kr_type(t, mgr);
    KrValue enter = kr_type_lookup(t, tp, kr_name(t, dunder_aenter));
    if (enter == KR_ABSENT)
        return type_error(t, "'%T' object does not support the asynchronous context manager protocol", mgr);
    KrValue exit = kr_type_lookup(t, tp, kr_name(t, dunder_aexit));
    if (exit == KR_ABSENT)
        return type_error(t, "'%T' object does not support the asynchronous context manager protocol (missed __aexit__ method)", mgr);
    KrType *et = kr_type(t, exit);
    KrValue bound_exit = et->descr_get ? et->descr_get(t, exit, mgr, kr_ptr(tp)) : kr_incref(exit);
    if (bound_exit == KR_ERROR)
        return KR_ERROR;
    KrValue r = kr_call_special(t, mgr, kr_name(t, dunder_aenter), NULL, 0);
    if (r == KR_ERROR) {
        kr_decref(t, bound_exit);
        return KR_ERROR;
    }
    *enter_result = r;
    return bound_exit;
}

KrValue kr_get_awaitable(KrThread *t, KrValue v, int context);
KrValue kr_gen_yield_from_iter(KrThread *t, KrValue v);
KrValue kr_gen_send_value(KrThread *t, KrValue iter, KrValue value, KrValue *returned);
KrValue kr_async_gen_wrap(KrThread *t, KrValue v);
KrValue kr_print_expr(KrThread *t, KrValue v);
KrValue kr_match_class(KrThread *t, KrValue subject, KrValue cls, int npos, KrValue kwnames);
KrValue kr_match_keys(KrThread *t, KrValue subject, KrValue keys);
int kr_match_is_mapping(KrThread *t, KrValue v);
int kr_match_is_sequence(KrThread *t, KrValue v);

/* ------------------------------------------------------------------ */
/* The loop                                                            */
/* ------------------------------------------------------------------ */

/* Calls a Python function whose frame can start at `base` (args already
 * there when `args_in_place`). */
static KrFrame *enter_function(KrThread *t, KrValue func, KrValue *base, const KrValue *args, size_t nargs,
                               KrValue kwnames, bool args_in_place)
{
    KrFunction *fn = kr_as_function(func);
    KrCode *co = kr_as_code(fn->code);
    if (check_depth(t) < 0)
        return NULL;
    if (base + co->nregs >= t->stack_end) {
        kr_raise_fmt(t, kr_exc_type(t, RecursionError), "maximum recursion depth exceeded");
        return NULL;
    }
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    bool simple = nkw == 0 && nargs == (size_t)co->argcount && !(co->flags & (CO_VARARGS | CO_VARKEYWORDS)) &&
                  co->kwonlyargcount == 0;
    if (simple && args_in_place) {
        /* The arguments are the first registers already. */
        for (int i = (int)nargs; i < co->nregs; i++)
            set_reg(t, &base[i], KR_ABSENT);
    } else if (simple && (args + nargs <= base || args >= base + co->nregs)) {
        /* A call from C: the arguments go straight into the registers. */
        for (size_t i = 0; i < nargs; i++)
            set_reg(t, &base[i], kr_incref(args[i]));
        for (int i = (int)nargs; i < co->nregs; i++)
            set_reg(t, &base[i], KR_ABSENT);
    } else {
        KrValue small[16];
        KrValue *slots = co->nlocals <= 16 ? small : malloc(sizeof(KrValue) * (size_t)co->nlocals);
        if (!slots) {
            kr_no_memory(t);
            return NULL;
        }
        int r;
        if (simple) {
            for (size_t i = 0; i < nargs; i++)
                slots[i] = kr_incref(args[i]);
            for (int i = (int)nargs; i < co->nlocals; i++)
                slots[i] = KR_ABSENT;
            r = 0;
        } else {
            r = bind_args(t, fn, args, nargs, kwnames, slots);
        }
        if (r < 0) {
            for (int i = 0; i < co->nlocals; i++)
                kr_xdecref(t, slots[i]);
            if (slots != small)
                free(slots);
            return NULL;
        }
        /* The argument registers may be the same memory: release them only
         * after the slots took their references. */
        if (args_in_place) {
            for (size_t i = 0; i < nargs + nkw; i++)
                set_reg(t, &base[i], KR_ABSENT);
        }
        for (int i = 0; i < co->nregs; i++)
            set_reg(t, &base[i], i < co->nlocals ? slots[i] : KR_ABSENT);
        if (slots != small)
            free(slots);
    }
    KrFrame *f = push_frame(t, co, func, base);
    if (!f)
        return NULL;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = KR_ABSENT;
    if ((co->ncells || co->nfrees) && init_cells(t, fn, co, base) < 0) {
        clear_regs(t, base, co->nregs);
        pop_frame(t, f);
        return NULL;
    }
    return f;
}

static KrValue run(KrThread *t, KrFrame *entry, bool *yielded);

KrValue kr_function_call(KrThread *t, KrValue func, const KrValue *args, size_t nargs, KrValue kwnames)
{
    KrFunction *fn = kr_as_function(func);
    KrCode *co = kr_as_code(fn->code);
    KrValue *base = t->stack_top;
    /* Generators and coroutines: bind the arguments, then wrap the frame. */
    KrFrame *f = enter_function(t, func, base, args, nargs, kwnames, false);
    if (!f)
        return KR_ERROR;
    if (co->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
        KrValue gen = kr_gen_new(t, fn, base, co);
        /* The generator took the registers' references. */
        for (int i = 0; i < co->nregs; i++)
            base[i] = KR_ABSENT;
        pop_frame(t, f);
        return gen;
    }
    f->entry = true;
    bool yielded;
    return run(t, f, &yielded);
}

KrValue kr_eval_code(KrThread *t, KrValue code, KrValue globals, KrValue locals)
{
    KrCode *co = kr_as_code(code);
    KrValue *base = t->stack_top;
    if (check_depth(t) < 0)
        return KR_ERROR;
    KrFrame *f = push_frame(t, co, KR_ABSENT, base);
    if (!f)
        return KR_ERROR;
    for (int i = 0; i < co->nregs; i++)
        set_reg(t, &base[i], KR_ABSENT);
    f->globals = globals;
    KrValue b = kr_dict_get(t, globals, kr_name(t, dunder_builtins));
    if (b == KR_ERROR || b == KR_ABSENT) {
        kr_err_clear(t);
        b = t->vm->builtins_dict;
    } else if (kr_type(t, b) == kr_builtin_type(t, MODULE)) {
        b = ((KrModule *)kr_as_ptr(b))->dict;
    }
    f->builtins = b;
    f->locals = locals;
    f->entry = true;
    for (int i = 0; i < co->ncells; i++)
        set_reg(t, &base[co->cell_base + i], kr_cell_new(t, KR_ABSENT));
    bool yielded;
    kr_incref(code);
    KrValue r = run(t, f, &yielded);
    kr_decref(t, code);
    return r;
}

KrValue kr_eval_class_body(KrThread *t, KrValue func, KrValue ns)
{
    KrFunction *fn = kr_as_function(func);
    KrCode *co = kr_as_code(fn->code);
    KrValue *base = t->stack_top;
    if (check_depth(t) < 0)
        return KR_ERROR;
    KrFrame *f = push_frame(t, co, func, base);
    if (!f)
        return KR_ERROR;
    for (int i = 0; i < co->nregs; i++)
        set_reg(t, &base[i], KR_ABSENT);
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = ns;
    f->entry = true;
    if ((co->ncells || co->nfrees) && init_cells(t, fn, co, base) < 0) {
        clear_regs(t, base, co->nregs);
        pop_frame(t, f);
        return KR_ERROR;
    }
    bool yielded;
    return run(t, f, &yielded);
}

/* Resumes a generator's frame.  See code.h. */
KrValue kr_gen_resume(KrThread *t, KrGen *gen, KrValue value, KrValue exc, KrValue *returned)
{
    KrCode *co = gen->code;
    KrValue *base = t->stack_top;
    if (check_depth(t) < 0)
        return KR_ERROR;
    KrFrame *f = push_frame(t, co, gen->func, base);
    if (!f)
        return KR_ERROR;
    /* The registers move onto the stack (their references with them). */
    for (int i = 0; i < co->nregs; i++) {
        KrValue old = base[i];
        base[i] = gen->regs[i];
        gen->regs[i] = KR_ABSENT;
        kr_decref(t, old);
    }
    f->globals = gen->globals;
    f->builtins = gen->builtins;
    f->locals = KR_ABSENT;
    f->entry = true;
    f->gen = gen;
    f->ip = co->instrs + gen->ip;
    f->frame_obj = gen->frame_obj;
    gen->frame_obj = KR_ABSENT;
    kr_frame_object_resume(f);
    /* The generator's own handled exception goes on top of its caller's
     * (sys.exc_info() looks down the stack past entries without one). */
    KrExcState gen_state = {gen->handled, t->exc_info};
    t->exc_info = &gen_state;
    gen->handled = KR_NONE;
    gen->running = true;
    if (gen->started && value != KR_ABSENT && exc == KR_ABSENT)
        set_reg(t, &base[gen->yield_reg], kr_incref(value));
    gen->started = true;
    bool yielded = false;
    KrValue r;
    if (exc != KR_ABSENT) {
        /* throw(): raise at the yield point. */
        kr_raise(t, exc);
        f->ip = co->instrs + gen->ip;
        t->frame = f;
        /* run() starts by handling the pending exception when told so */
        f->ret_reg = UINT32_MAX;
    }
    r = run(t, f, &yielded);
    gen->running = false;
    gen->handled = gen_state.value;
    t->exc_info = gen_state.prev;
    if (!yielded) {
        gen->finished = true;
        kr_clear(t, &gen->handled);
        gen->handled = KR_NONE;
        if (r != KR_ERROR) {
            *returned = r;
            return KR_ABSENT;
        }
    }
    return r;
}

int kr_super_zero_args(KrThread *t, KrType **type, KrValue *obj)
{
    KrFrame *f = t->frame;
    if (!f || f->func == KR_ABSENT) {
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): no arguments");
        return -1;
    }
    KrCode *co = f->code;
    if (co->argcount == 0 && !(co->flags & CO_VARARGS)) {
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): no arguments");
        return -1;
    }
    KrValue first = f->regs[0];
    /* The first argument may live in a cell. */
    for (int i = 0; i < co->ncells; i++) {
        if (co->cell_param[i] == 0) {
            KrValue cell = f->regs[co->cell_base + i];
            if (kr_is_ptr(cell))
                first = ((KrCell *)kr_as_ptr(cell))->value;
        }
    }
    if (co->argcount == 0 && kr_is_ptr(first) && kr_is_tuple(t, first) && kr_tuple_len(first))
        first = kr_tuple_items(first)[0];
    if (first == KR_ABSENT) {
        kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->nfrees; i++) {
        if (kr_str_equal_cstr(kr_tuple_items(co->freevars)[i], "__class__")) {
            KrValue cell = f->regs[co->cell_base + co->ncells + i];
            KrValue cls = kr_is_ptr(cell) ? ((KrCell *)kr_as_ptr(cell))->value : KR_ABSENT;
            if (cls == KR_ABSENT) {
                kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): empty __class__ cell");
                return -1;
            }
            if (!kr_has_flag(t, cls, KR_TPFLAG_TYPE_SUBCLASS)) {
                kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): __class__ is not a type (%T)", cls);
                return -1;
            }
            *type = kr_as_type(cls);
            *obj = first;
            return 0;
        }
    }
    kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "super(): __class__ cell not found");
    return -1;
}

/* Finds the handler for pc in f's code; -1 when there is none. */
static int find_handler(KrCode *co, size_t pc, uint16_t *reg)
{
    for (size_t i = 0; i < co->nexc; i++) {
        const KrExcEntry *e = &co->exc_table[i];
        if (pc >= e->start && pc < e->end) {
            *reg = e->reg;
            return (int)e->handler;
        }
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* sys.settrace / sys.setprofile                                       */
/* ------------------------------------------------------------------ */

void kr_eval_update_dispatch(KrThread *t)
{
    bool tracing = t->trace_func != KR_NONE || t->profile_func != KR_NONE;
    const void *const *want = tracing ? t->dispatch_trace : t->dispatch_plain;
    if (want && want != t->dispatch && tracing) {
        /* Frames already running get no 'call' event, nor a 'line' event
         * for the rest of the line they are on (as in CPython). */
        for (KrFrame *f = t->frame; f; f = f->prev) {
            f->trace_called = true;
            if (f->ip > f->code->instrs && f->ip <= f->code->instrs + f->code->ninstrs) {
                uint32_t pc = (uint32_t)(f->ip - f->code->instrs) - 1;
                f->trace_line = f->code->positions[pc].lineno;
                f->trace_pc = pc;
            }
        }
    }
    if (want)
        t->dispatch = want;
}

/* A trace or profile function that raises is unset, as in CPython. */
static void drop_tracer(KrThread *t, KrValue *slot)
{
    kr_clear(t, slot);
    *slot = KR_NONE;
    kr_eval_update_dispatch(t);
}

/* Calls a trace or profile function: fn(frame, event, arg).  Returns its
 * result (a new reference) or KR_ERROR. */
static KrValue call_tracer(KrThread *t, KrFrame *f, KrValue fn, const char *event, KrValue arg)
{
    KrValue frame = kr_frame_object(t, f);
    if (frame == KR_ERROR)
        return frame;
    KrValue ev = kr_str_intern_cstr(t, event);
    if (ev == KR_ERROR) {
        kr_decref(t, frame);
        return ev;
    }
    KrValue args[3] = {frame, ev, arg};
    kr_incref(fn);
    t->in_trace_hook = true;
    KrValue r = kr_call(t, fn, args, 3, 0);
    t->in_trace_hook = false;
    kr_decref(t, fn);
    kr_decref(t, ev);
    kr_decref(t, frame);
    return r;
}

/* Sends an event to the frame's local trace function; its answer becomes
 * the new local trace function (None stops local events). */
static int trace_local(KrThread *t, KrFrame *f, const char *event, KrValue arg)
{
    if (f->f_trace == KR_NONE)
        return 0;
    KrValue r = call_tracer(t, f, f->f_trace, event, arg);
    if (r == KR_ERROR) {
        kr_clear(t, &f->f_trace);
        f->f_trace = KR_NONE;
        drop_tracer(t, &t->trace_func);
        return -1;
    }
    kr_decref(t, f->f_trace);
    f->f_trace = r;
    return 0;
}

static int profile_event(KrThread *t, KrFrame *f, const char *event, KrValue arg)
{
    if (t->profile_func == KR_NONE)
        return 0;
    KrValue r = call_tracer(t, f, t->profile_func, event, arg);
    if (r == KR_ERROR) {
        drop_tracer(t, &t->profile_func);
        return -1;
    }
    kr_decref(t, r);
    return 0;
}

/* Runs before each instruction while tracing or profiling is on: 'call'
 * once per frame run, 'line' when a new line starts or a jump goes back,
 * 'return' before RETURN and YIELD.  in is the instruction about to run. */
static int trace_instruction(KrThread *t, KrFrame *f, KrInstr in, KrValue *regs)
{
    if (t->in_trace_hook)
        return 0;
    uint32_t pc = (uint32_t)(f->ip - f->code->instrs) - 1;
    if (!f->trace_called) {
        f->trace_called = true;
        const KrInstr *saved = f->ip;
        if (pc == 0) {
            /* f_lineno is the def line during 'call' */
            f->ip = f->code->instrs;
        } else {
            /* a generator resumed after its yield: that line goes on */
            f->ip = f->code->instrs + pc;
            f->trace_line = f->code->positions[pc - 1].lineno;
            f->trace_pc = pc;
        }
        int rc = profile_event(t, f, "call", KR_NONE);
        if (rc == 0 && t->trace_func != KR_NONE) {
            KrValue r = call_tracer(t, f, t->trace_func, "call", KR_NONE);
            if (r == KR_ERROR) {
                drop_tracer(t, &t->trace_func);
                rc = -1;
            } else {
                kr_assign(t, &f->f_trace, r);
                kr_decref(t, r);
            }
        }
        f->ip = saved;
        if (rc < 0)
            return -1;
    }
    unsigned op = INSTR_OP(in);
    /* A jump is not a line of its own: its target is. */
    if (f->f_trace != KR_NONE && op != OP_JUMP) {
        int line = f->code->positions[pc].lineno;
        if (line > 0 && (line != f->trace_line || pc < f->trace_pc)) {
            f->trace_line = line;
            if (trace_local(t, f, "line", KR_NONE) < 0)
                return -1;
        }
    }
    f->trace_pc = pc;
    if (op == OP_RETURN || op == OP_YIELD) {
        KrValue v = op == OP_RETURN ? regs[INSTR_A(in)] : regs[INSTR_B(in)];
        if (v == KR_ABSENT)
            v = KR_NONE;
        if (trace_local(t, f, "return", v) < 0 || profile_event(t, f, "return", v) < 0)
            return -1;
    }
    return 0;
}

/* The exception event, for an exception raised in f. */
static void trace_exception(KrThread *t, KrFrame *f)
{
    if (t->in_trace_hook || f->f_trace == KR_NONE || t->exc == KR_ABSENT)
        return;
    KrValue exc = kr_err_fetch(t);
    KrValue tb = kr_exception_traceback(exc);
    KrValue items[3] = {kr_ptr(kr_type(t, exc)), exc, tb == KR_ABSENT ? KR_NONE : tb};
    KrValue arg = kr_tuple_from(t, items, 3);
    if (arg == KR_ERROR) {
        kr_decref(t, exc);
        return;
    }
    if (trace_local(t, f, "exception", arg) < 0) {
        /* the trace function's own exception replaces the original */
        kr_decref(t, exc);
    } else {
        t->exc = exc;
    }
    kr_decref(t, arg);
}

static KrValue run(KrThread *t, KrFrame *f, bool *yielded)
{
    KrValue *R;
    const KrValue *K;
    const KrValue *N;
    const KrInstr *ip;
    bool add_tb;

#define LOAD_FRAME()                                                           \
    do {                                                                       \
        R = f->regs;                                                           \
        K = kr_tuple_items(f->code->consts);                                   \
        N = kr_tuple_items(f->code->names);                                    \
        ip = f->ip;                                                            \
    } while (0)
#define SAVE_IP() (f->ip = ip)
#define SET(i, v) set_reg(t, &R[i], (v))
#define CHECK(v) do { if ((v) == KR_ERROR) goto error; } while (0)
#define JUMP_TO(j) (ip = f->code->instrs + (j))

    LOAD_FRAME();
    if (f->ret_reg == UINT32_MAX) {
        /* Resumed by throw(): the exception is pending at the yield. */
        f->ret_reg = 0;
        add_tb = true;
        goto exception;
    }

    /* Dispatch: with GCC and Clang each instruction's handler ends in its
     * own indirect jump to the next handler (computed goto), which the
     * branch predictor learns per handler; elsewhere a plain switch. */
#if defined(__GNUC__) && !defined(KR_NO_COMPUTED_GOTO)
    static const void *const op_labels[OP_COUNT] = {
#define OP(name, fmt, doc) [OP_##name] = &&L_##name,
#include "vm/opcodes.def"
#undef OP
    };
    /* While tracing, every instruction goes through the hook first. */
    static const void *const trace_labels[OP_COUNT] = {
#define OP(name, fmt, doc) [OP_##name] = &&L_TRACE_HOOK,
#include "vm/opcodes.def"
#undef OP
    };
    if (!t->dispatch_plain) {
        t->dispatch_plain = op_labels;
        t->dispatch_trace = trace_labels;
        kr_eval_update_dispatch(t);
    }
#define TARGET(name) case OP_##name: L_##name:
#define NEXT()                                                                 \
    do {                                                                       \
        in = *ip++;                                                            \
        a = INSTR_A(in);                                                       \
        goto *t->dispatch[INSTR_OP(in)];                                       \
    } while (0)
#else
#define TARGET(name) case OP_##name:
#define NEXT() goto next_instr
#endif

    KrInstr in;
    unsigned a;
    for (;;) {
    next_instr:
        in = *ip++;
        a = INSTR_A(in);
#if defined(__GNUC__) && !defined(KR_NO_COMPUTED_GOTO)
        goto *t->dispatch[INSTR_OP(in)];
    L_TRACE_HOOK:
        if (t->trace_func == KR_NONE && t->profile_func == KR_NONE) {
            t->dispatch = op_labels;
        } else {
            SAVE_IP();
            if (trace_instruction(t, f, in, R) < 0)
                goto error;
        }
        goto *op_labels[INSTR_OP(in)];
#else
        if ((t->trace_func != KR_NONE || t->profile_func != KR_NONE)) {
            SAVE_IP();
            if (trace_instruction(t, f, in, R) < 0)
                goto error;
        }
#endif
        switch ((KrOpcode)INSTR_OP(in)) {
        TARGET(NOP)
            NEXT();
        TARGET(MOVE)
            SET(a, kr_incref(R[INSTR_B(in)]));
            NEXT();
        TARGET(LOAD_CONST)
            SET(a, kr_incref(K[INSTR_B(in)]));
            NEXT();
        TARGET(LOAD_GLOBAL) {
            KrGlobalCache *gc = (KrGlobalCache *)ip;
            KrValue name = N[INSTR_B(in)];
            KrValue v = kr_cache_global_hit(gc, f->globals, f->builtins, name);
            if (v != KR_ABSENT) {
                kr_incref(v);
            } else {
                SAVE_IP();
                v = kr_cache_load_global(t, gc, f->globals, f->builtins, name);
                if (v == KR_ABSENT)
                    v = load_global(t, f, name);
                CHECK(v);
            }
            ip += KR_GLOBAL_CACHE_WORDS;
            SET(a, v);
            NEXT();
        }
        TARGET(STORE_GLOBAL)
            SAVE_IP();
            if (kr_dict_set(t, f->globals, N[INSTR_B(in)], R[a]) < 0)
                goto error;
            NEXT();
        TARGET(DELETE_GLOBAL) {
            SAVE_IP();
            int r = kr_dict_del(t, f->globals, N[INSTR_B(in)]);
            if (r < 0)
                goto error;
            if (r == 0) {
                name_error(t, N[INSTR_B(in)]);
                goto error;
            }
            NEXT();
        }
        TARGET(LOAD_NAME) {
            SAVE_IP();
            KrValue v = load_name(t, f, N[INSTR_B(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(STORE_NAME) {
            SAVE_IP();
            KrValue ns = kr_is_ptr(f->locals) ? f->locals : f->globals;
            int r = kr_is_dict(t, ns) && kr_as_ptr(ns)->type == kr_builtin_type(t, DICT)
                        ? kr_dict_set(t, ns, N[INSTR_B(in)], R[a])
                        : kr_setitem(t, ns, N[INSTR_B(in)], R[a]);
            if (r < 0)
                goto error;
            NEXT();
        }
        TARGET(DELETE_NAME) {
            SAVE_IP();
            KrValue ns = kr_is_ptr(f->locals) ? f->locals : f->globals;
            KrValue name = N[INSTR_B(in)];
            if (kr_as_ptr(ns)->type == kr_builtin_type(t, DICT)) {
                int r = kr_dict_del(t, ns, name);
                if (r < 0)
                    goto error;
                if (r == 0) {
                    name_error(t, name);
                    goto error;
                }
            } else if (kr_delitem(t, ns, name) < 0) {
                if (kr_err_matches(t, kr_exc_type(t, KeyError))) {
                    kr_err_clear(t);
                    name_error(t, name);
                }
                goto error;
            }
            NEXT();
        }
        TARGET(CHECK_LOCAL)
            if (R[a] == KR_ABSENT) {
                SAVE_IP();
                kr_raise_fmt(t, kr_exc_type(t, UnboundLocalError),
                             "cannot access local variable '%U' where it is not associated with a value",
                             N[INSTR_B(in)]);
                goto error;
            }
            NEXT();
        TARGET(DELETE_LOCAL)
            if (R[a] == KR_ABSENT) {
                SAVE_IP();
                kr_raise_fmt(t, kr_exc_type(t, UnboundLocalError),
                             "cannot access local variable '%U' where it is not associated with a value",
                             N[INSTR_B(in)]);
                goto error;
            }
            SET(a, KR_ABSENT);
            NEXT();
        TARGET(LOAD_DEREF) {
            KrCell *cell = (KrCell *)kr_as_ptr(R[INSTR_B(in)]);
            if (cell->value == KR_ABSENT) {
                SAVE_IP();
                if ((int)INSTR_B(in) < f->code->cell_base + f->code->ncells)
                    kr_raise_fmt(t, kr_exc_type(t, UnboundLocalError),
                                 "cannot access local variable '%U' where it is not associated with a value",
                                 N[INSTR_C(in)]);
                else
                    kr_raise_fmt(t, kr_exc_type(t, NameError),
                                 "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                                 N[INSTR_C(in)]);
                goto error;
            }
            SET(a, kr_incref(cell->value));
            NEXT();
        }
        TARGET(STORE_DEREF) {
            KrCell *cell = (KrCell *)kr_as_ptr(R[INSTR_B(in)]);
            kr_assign(t, &cell->value, R[a]);
            NEXT();
        }
        TARGET(DELETE_DEREF) {
            KrCell *cell = (KrCell *)kr_as_ptr(R[INSTR_B(in)]);
            if (cell->value == KR_ABSENT) {
                SAVE_IP();
                kr_raise_fmt(t, kr_exc_type(t, UnboundLocalError),
                             "cannot access local variable '%U' where it is not associated with a value",
                             N[INSTR_C(in)]);
                goto error;
            }
            kr_clear(t, &cell->value);
            NEXT();
        }
        TARGET(LOAD_CLASSDEREF) {
            SAVE_IP();
            KrValue v = mapping_get(t, f->locals, N[INSTR_C(in)]);
            CHECK(v);
            if (v == KR_ABSENT) {
                KrCell *cell = (KrCell *)kr_as_ptr(R[INSTR_B(in)]);
                if (cell->value == KR_ABSENT) {
                    kr_raise_fmt(t, kr_exc_type(t, NameError),
                                 "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                                 N[INSTR_C(in)]);
                    goto error;
                }
                v = kr_incref(cell->value);
            }
            SET(a, v);
            NEXT();
        }
        TARGET(LOAD_ATTR) {
            KrAttrCache *ac = (KrAttrCache *)ip;
            SAVE_IP();
            KrValue v = kr_cache_attr_hit(t, ac, R[INSTR_B(in)], N[INSTR_C(in)]);
            if (v == KR_ABSENT)
                v = kr_cache_load_attr(t, ac, R[INSTR_B(in)], N[INSTR_C(in)]);
            CHECK(v);
            ip += KR_CACHE_WORDS;
            SET(a, v);
            NEXT();
        }
        TARGET(STORE_ATTR) {
            KrAttrCache *ac = (KrAttrCache *)ip;
            if (!kr_cache_store_hit(t, ac, R[a], N[INSTR_C(in)], R[INSTR_B(in)])) {
                SAVE_IP();
                if (kr_cache_store_attr(t, ac, R[a], N[INSTR_C(in)], R[INSTR_B(in)]) < 0)
                    goto error;
            }
            ip += KR_CACHE_WORDS;
            NEXT();
        }
        TARGET(DELETE_ATTR)
            SAVE_IP();
            if (kr_delattr(t, R[a], N[INSTR_C(in)]) < 0)
                goto error;
            NEXT();
        TARGET(LOAD_METHOD) {
            KrAttrCache *ac = (KrAttrCache *)ip;
            KrValue m, self;
            if (!kr_cache_method_hit(ac, R[INSTR_B(in)], N[INSTR_C(in)], &m, &self)) {
                SAVE_IP();
                self = KR_ABSENT;
                m = kr_cache_attr_hit(t, ac, R[INSTR_B(in)], N[INSTR_C(in)]);
                if (m == KR_ABSENT) {
                    if (kr_cache_load_method(t, ac, R[INSTR_B(in)], N[INSTR_C(in)], &m, &self) < 0)
                        goto error;
                } else {
                    CHECK(m);
                }
            }
            ip += KR_CACHE_WORDS;
            SET(a, m);
            SET(a + 1, self);
            NEXT();
        }
        TARGET(GET_ITEM) {
            KrValue obj = R[INSTR_B(in)], key = R[INSTR_C(in)];
            if (kr_is_ptr(obj) && kr_is_smallint(key) && kr_as_ptr(obj)->type == kr_builtin_type(t, LIST)) {
                /* list[i]: no call through the mapping slot */
                KrList *l = kr_as_list(obj);
                int64_t i = kr_as_smallint(key);
                if (i < 0)
                    i += (int64_t)l->len;
                if (i >= 0 && (size_t)i < l->len) {
                    SET(a, kr_incref(l->items[i]));
                    NEXT();
                }
            } else if (kr_is_ptr(obj) && kr_as_ptr(obj)->type == kr_builtin_type(t, DICT)) {
                SAVE_IP();
                KrValue v = kr_dict_get(t, obj, key);
                CHECK(v);
                if (v != KR_ABSENT) {
                    SET(a, kr_incref(v));
                    NEXT();
                }
            }
            SAVE_IP();
            KrValue v = kr_getitem(t, obj, key);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(SET_ITEM) {
            KrValue obj = R[a], key = R[INSTR_B(in)];
            SAVE_IP();
            if (kr_is_ptr(obj) && kr_as_ptr(obj)->type == kr_builtin_type(t, DICT)) {
                if (kr_dict_set(t, obj, key, R[INSTR_C(in)]) < 0)
                    goto error;
                NEXT();
            }
            if (kr_is_ptr(obj) && kr_is_smallint(key) && kr_as_ptr(obj)->type == kr_builtin_type(t, LIST)) {
                KrList *l = kr_as_list(obj);
                int64_t i = kr_as_smallint(key);
                if (i < 0)
                    i += (int64_t)l->len;
                if (i >= 0 && (size_t)i < l->len) {
                    KrValue old = l->items[i];
                    l->items[i] = kr_incref(R[INSTR_C(in)]);
                    kr_decref(t, old);
                    NEXT();
                }
            }
            if (kr_setitem(t, obj, key, R[INSTR_C(in)]) < 0)
                goto error;
            NEXT();
        }
        TARGET(DELETE_ITEM)
            SAVE_IP();
            if (kr_delitem(t, R[a], R[INSTR_B(in)]) < 0)
                goto error;
            NEXT();
        TARGET(BINARY) {
            KrValue x = R[INSTR_B(in)];
            KrValue y = INSTR_X(in) & KR_X_CONST ? K[INSTR_C(in)] : R[INSTR_C(in)];
            unsigned op = INSTR_X(in) & ~KR_X_CONST;
            if (kr_is_smallint(x) && kr_is_smallint(y)) {
                int64_t p = kr_as_smallint(x), q = kr_as_smallint(y), r;
                switch (op) {
                case KR_OP_ADD: r = p + q; goto small_result;
                case KR_OP_SUB: r = p - q; goto small_result;
                case KR_OP_MUL:
                    if (!__builtin_mul_overflow(p, q, &r))
                        goto small_result;
                    break;
                case KR_OP_AND: r = p & q; goto small_result;
                case KR_OP_OR: r = p | q; goto small_result;
                case KR_OP_XOR: r = p ^ q; goto small_result;
                case KR_OP_FLOORDIV:
                    if (q != 0) {
                        r = p / q;
                        if ((p % q != 0) && ((p < 0) != (q < 0)))
                            r--;
                        goto small_result;
                    }
                    break;
                case KR_OP_MOD:
                    if (q != 0) {
                        r = p % q;
                        if (r != 0 && ((r < 0) != (q < 0)))
                            r += q;
                        goto small_result;
                    }
                    break;
                default:
                    break;
                }
                goto generic_binary;
            small_result:
                if (kr_fits_smallint(r)) {
                    SET(a, kr_smallint(r));
                    NEXT();
                }
            } else if (kr_is_float(x) && kr_is_float(y)) {
                double p = kr_as_float(x), q = kr_as_float(y);
                switch (op) {
                case KR_OP_ADD: SET(a, kr_float(p + q)); NEXT();
                case KR_OP_SUB: SET(a, kr_float(p - q)); NEXT();
                case KR_OP_MUL: SET(a, kr_float(p * q)); NEXT();
                case KR_OP_TRUEDIV:
                    if (q != 0.0) {
                        SET(a, kr_float(p / q));
                        NEXT();
                    }
                    break;
                default:
                    break;
                }
            }
        generic_binary:
            SAVE_IP();
            KrValue v = kr_binary_op(t, x, y, (KrBinOp)op);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(INPLACE) {
            KrValue x = R[INSTR_B(in)];
            KrValue y = INSTR_X(in) & KR_X_CONST ? K[INSTR_C(in)] : R[INSTR_C(in)];
            unsigned op = INSTR_X(in) & ~KR_X_CONST;
            if (kr_is_smallint(x) && kr_is_smallint(y) && (op == KR_OP_ADD || op == KR_OP_SUB)) {
                int64_t r = op == KR_OP_ADD ? kr_as_smallint(x) + kr_as_smallint(y)
                                            : kr_as_smallint(x) - kr_as_smallint(y);
                if (kr_fits_smallint(r)) {
                    SET(a, kr_smallint(r));
                    NEXT();
                }
            }
            if (op == KR_OP_ADD && a == INSTR_B(in) && kr_is_ptr(x) && kr_as_ptr(x)->refcnt == 1) {
                /* s += t on the only reference: grow s in place. */
                KrValue grown = kr_str_append_inplace(t, x, y);
                if (grown != KR_ABSENT) {
                    R[a] = grown;
                    NEXT();
                }
            }
            SAVE_IP();
            KrValue v = kr_inplace_op(t, x, y, (KrBinOp)op);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(UNARY) {
            SAVE_IP();
            KrValue x = R[INSTR_B(in)], v;
            switch (INSTR_X(in)) {
            case UNARY_NEG:
                if (kr_is_smallint(x) && kr_as_smallint(x) != KR_SMALLINT_MIN) {
                    v = kr_smallint(-kr_as_smallint(x));
                    break;
                }
                v = kr_negative(t, x);
                break;
            case UNARY_POS: v = kr_positive(t, x); break;
            default: v = kr_invert(t, x); break;
            }
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(NOT) {
            SAVE_IP();
            int b = kr_truth(t, R[INSTR_B(in)]);
            if (b < 0)
                goto error;
            SET(a, kr_bool(!b));
            NEXT();
        }
        TARGET(COMPARE) {
            KrValue x = R[INSTR_B(in)];
            KrValue y = INSTR_X(in) & KR_X_CONST ? K[INSTR_C(in)] : R[INSTR_C(in)];
            unsigned k = INSTR_X(in) & ~KR_X_CONST;
            if (kr_is_smallint(x) && kr_is_smallint(y) && k < 6) {
                int64_t p = kr_as_smallint(x), q = kr_as_smallint(y);
                bool r;
                switch (k) {
                case KR_LT: r = p < q; break;
                case KR_LE: r = p <= q; break;
                case KR_EQ: r = p == q; break;
                case KR_NE: r = p != q; break;
                case KR_GT: r = p > q; break;
                default: r = p >= q; break;
                }
                SET(a, kr_bool(r));
                NEXT();
            }
            SAVE_IP();
            KrValue v = do_compare(t, x, y, (int)k);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(JUMP)
            JUMP_TO(INSTR_J(in));
            NEXT();
        TARGET(JUMP_IF_TRUE)
        TARGET(JUMP_IF_FALSE) {
            KrValue v = R[a];
            int b;
            if (v == KR_TRUE)
                b = 1;
            else if (v == KR_FALSE || v == KR_NONE)
                b = 0;
            else {
                SAVE_IP();
                b = kr_truth(t, v);
                if (b < 0)
                    goto error;
            }
            if (b == (INSTR_OP(in) == OP_JUMP_IF_TRUE))
                JUMP_TO(INSTR_J(in));
            NEXT();
        }
        TARGET(JUMP_IF_NOT_NONE)
            if (R[a] != KR_NONE)
                JUMP_TO(INSTR_J(in));
            NEXT();
        TARGET(GET_ITER) {
            SAVE_IP();
            KrValue v = kr_iter(t, R[INSTR_B(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(FOR_ITER) {
            SAVE_IP();
            KrValue it = R[a];
            KrType *tp = kr_type(t, it);
            KrValue v = tp->iternext(t, it);
            if (v == KR_ABSENT || (v == KR_ERROR && kr_err_matches(t, kr_exc_type(t, StopIteration)))) {
                if (v == KR_ERROR)
                    kr_err_clear(t);
                JUMP_TO(INSTR_J(in));
                NEXT();
            }
            CHECK(v);
            SET(a + 1, v);
            NEXT();
        }
        TARGET(BUILD_TUPLE) {
            SAVE_IP();
            KrValue v = kr_tuple_from(t, &R[INSTR_B(in)], INSTR_C(in));
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(BUILD_LIST) {
            SAVE_IP();
            KrValue v = kr_list_from(t, &R[INSTR_B(in)], INSTR_C(in));
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(BUILD_SET) {
            SAVE_IP();
            KrValue s = kr_set_new(t, KR_ABSENT);
            CHECK(s);
            for (unsigned i = 0; i < INSTR_C(in); i++) {
                if (kr_set_add_value(t, s, R[INSTR_B(in) + i]) < 0) {
                    kr_decref(t, s);
                    goto error;
                }
            }
            SET(a, s);
            NEXT();
        }
        TARGET(BUILD_MAP) {
            SAVE_IP();
            KrValue d = kr_dict_new(t);
            CHECK(d);
            for (unsigned i = 0; i < INSTR_C(in); i++) {
                if (kr_dict_set(t, d, R[INSTR_B(in) + 2 * i], R[INSTR_B(in) + 2 * i + 1]) < 0) {
                    kr_decref(t, d);
                    goto error;
                }
            }
            SET(a, d);
            NEXT();
        }
        TARGET(BUILD_STRING) {
            SAVE_IP();
            KrStrBuilder b;
            kr_sb_init(&b);
            for (unsigned i = 0; i < INSTR_C(in); i++) {
                if (kr_sb_append_str(t, &b, R[INSTR_B(in) + i]) < 0) {
                    kr_sb_discard(&b);
                    goto error;
                }
            }
            KrValue v = kr_sb_finish(t, &b);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(BUILD_SLICE) {
            SAVE_IP();
            unsigned b = INSTR_B(in);
            KrValue v = kr_slice_new(t, R[b], R[b + 1], INSTR_C(in) == 3 ? R[b + 2] : KR_NONE);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(LIST_APPEND)
            SAVE_IP();
            if (kr_list_append(t, R[a], R[INSTR_B(in)]) < 0)
                goto error;
            NEXT();
        TARGET(LIST_EXTEND) {
            SAVE_IP();
            KrValue src = R[INSTR_B(in)];
            if (kr_list_extend(t, R[a], src) < 0) {
                if (kr_err_matches(t, kr_exc_type(t, TypeError)) && !kr_type(t, src)->iter &&
                    !kr_type(t, src)->getitem) {
                    kr_err_clear(t);
                    type_error(t, "Value after * must be an iterable, not %T", src);
                }
                goto error;
            }
            NEXT();
        }
        TARGET(LIST_TO_TUPLE) {
            SAVE_IP();
            KrList *l = kr_as_list(R[INSTR_B(in)]);
            KrValue v = kr_tuple_from(t, l->items, l->len);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(SET_ADD)
            SAVE_IP();
            if (kr_set_add_value(t, R[a], R[INSTR_B(in)]) < 0)
                goto error;
            NEXT();
        TARGET(SET_UPDATE) {
            SAVE_IP();
            KrValue it = kr_iter(t, R[INSTR_B(in)]);
            CHECK(it);
            for (;;) {
                KrValue v = kr_next(t, it);
                if (v == KR_ABSENT)
                    break;
                if (v == KR_ERROR || kr_set_add_value(t, R[a], v) < 0) {
                    kr_xdecref(t, v);
                    kr_decref(t, it);
                    goto error;
                }
                kr_decref(t, v);
            }
            kr_decref(t, it);
            NEXT();
        }
        TARGET(MAP_ADD)
            SAVE_IP();
            if (kr_dict_set(t, R[a], R[INSTR_B(in)], R[INSTR_C(in)]) < 0)
                goto error;
            NEXT();
        TARGET(DICT_UPDATE) {
            SAVE_IP();
            KrValue src = R[INSTR_B(in)];
            if (kr_dict_update(t, R[a], src) < 0) {
                if (kr_err_matches(t, kr_exc_type(t, AttributeError)) || kr_err_matches(t, kr_exc_type(t, TypeError))) {
                    if (!kr_is_dict(t, src) && kr_type_lookup(t, kr_type(t, src), kr_name(t, keys)) == KR_ABSENT) {
                        kr_err_clear(t);
                        type_error(t, "'%T' object is not a mapping", src);
                    }
                }
                goto error;
            }
            NEXT();
        }
        TARGET(DICT_MERGE)
            SAVE_IP();
            if (dict_merge_call(t, R[a], R[INSTR_B(in)], R[INSTR_C(in)]) < 0)
                goto error;
            NEXT();
        TARGET(FORMAT_VALUE) {
            SAVE_IP();
            KrValue v = format_value(t, R[INSTR_B(in)], (int)INSTR_X(in), R[INSTR_C(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(UNPACK_SEQUENCE)
            SAVE_IP();
            if (unpack(t, R[INSTR_B(in)], &R[a], (int)INSTR_C(in), 0, false) < 0)
                goto error;
            NEXT();
        TARGET(UNPACK_EX)
            SAVE_IP();
            if (unpack(t, R[INSTR_B(in)], &R[a], (int)INSTR_C(in), (int)INSTR_X(in), true) < 0)
                goto error;
            NEXT();
        TARGET(CALL)
        TARGET(CALL_METHOD) {
            SAVE_IP();
            unsigned nargs = INSTR_B(in);
            KrValue kwnames = INSTR_C(in) ? K[INSTR_C(in) - 1] : 0;
            size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
            KrValue callee = R[a];
            KrValue *args = &R[a + 1];
            size_t npos = nargs - nkw;
            if (INSTR_OP(in) == OP_CALL_METHOD) {
                if (R[a + 1] == KR_ABSENT)
                    args = &R[a + 2];
                else
                    npos++;
            }
            if (kr_is_ptr(callee) && kr_as_ptr(callee)->type == kr_builtin_type(t, METHOD) &&
                INSTR_OP(in) == OP_CALL) {
                KrMethod *m = (KrMethod *)kr_as_ptr(callee);
                if (kr_is_ptr(m->func) && kr_as_ptr(m->func)->type == kr_builtin_type(t, FUNCTION) &&
                    !(kr_as_code(kr_as_function(m->func)->code)->flags &
                      (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))) {
                    /* A bound method: self takes the method's register and
                     * the frame starts there, holding the function itself. */
                    KrValue func = kr_incref(m->func);
                    SET(a, kr_incref(m->self));
                    KrFrame *nf = enter_function(t, func, &R[a], &R[a], npos + 1, kwnames, true);
                    if (!nf) {
                        kr_decref(t, func);
                        goto error;
                    }
                    nf->owns_func = true;
                    nf->ret_reg = a;
                    f = nf;
                    LOAD_FRAME();
                    NEXT();
                }
            }
            if (kr_is_ptr(callee) && kr_as_ptr(callee)->type == kr_builtin_type(t, FUNCTION) &&
                !(kr_as_code(kr_as_function(callee)->code)->flags &
                  (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))) {
                /* Python to Python: the new frame starts at the arguments. */
                KrFrame *nf = enter_function(t, callee, args, args, npos, kwnames, true);
                if (!nf)
                    goto error;
                nf->ret_reg = a;
                f = nf;
                LOAD_FRAME();
                NEXT();
            }
            KrValue r;
            if (kr_is_ptr(callee) && !kwnames && kr_as_ptr(callee)->type == kr_builtin_type(t, METHOD_DESCRIPTOR) &&
                npos >= 1 && kr_is_ptr(args[0]) &&
                kr_as_ptr(args[0])->type == ((KrMethodDescr *)kr_as_ptr(callee))->owner &&
                !(((KrMethodDescr *)kr_as_ptr(callee))->def->flags & (KR_METH_CLASS | KR_METH_STATIC))) {
                /* obj.method(...) of a built-in type on an instance of
                 * exactly that type: the checks kr_call would make hold. */
                r = ((KrMethodDescr *)kr_as_ptr(callee))->def->fn(t, args[0], args + 1, npos - 1, 0);
            } else {
                r = kr_call(t, callee, args, npos, kwnames);
            }
            /* The argument registers are consumed by the call. */
            for (size_t i = 0; i < npos + nkw; i++)
                SET((unsigned)(args - R) + i, KR_ABSENT);
            if (INSTR_OP(in) == OP_CALL_METHOD)
                SET(a + 1, KR_ABSENT);
            CHECK(r);
            SET(a, r);
            NEXT();
        }
        TARGET(CALL_EX) {
            SAVE_IP();
            KrValue callee = R[a], args = R[a + 1], kw = R[a + 2];
            if (!kr_is_tuple(t, args)) {
                KrValue tu = kr_tuple_from_iterable(t, args);
                if (tu == KR_ERROR) {
                    if (kr_err_matches(t, kr_exc_type(t, TypeError)) && !kr_type(t, args)->iter &&
                        !kr_type(t, args)->getitem) {
                        kr_err_clear(t);
                        callee_error(t, callee, "argument after * must be an iterable, not %T", args);
                    }
                    goto error;
                }
                SET(a + 1, tu);
                args = tu;
            }
            KrValue r = kr_call_tuple_dict(t, callee, args, kw == KR_NONE ? KR_ABSENT : kw);
            SET(a + 1, KR_ABSENT);
            SET(a + 2, KR_ABSENT);
            CHECK(r);
            SET(a, r);
            NEXT();
        }
        TARGET(RETURN) {
            KrValue result = R[a];
            R[a] = KR_ABSENT;
            if (f->gen) {
                /* a generator's frame ends: its registers go */
            }
            if (f->frame_obj != KR_ABSENT) {
                SAVE_IP();
                kr_frame_object_snapshot(t, f);
            }
            clear_regs(t, R, f->code->nregs);
            KrFrame *done = f;
            bool entry = f->entry;
            uint32_t ret = f->ret_reg;
            pop_frame(t, done);
            if (entry) {
                *yielded = false;
                return result;
            }
            f = t->frame;
            LOAD_FRAME();
            SET(ret, result);
            NEXT();
        }
        TARGET(MAKE_FUNCTION) {
            SAVE_IP();
            KrValue code = K[INSTR_B(in)];
            KrValue qn = kr_as_code(code)->qualname;
            KrValue fv = kr_function_new(t, code, f->globals, qn);
            CHECK(fv);
            KrFunction *fn = kr_as_function(fv);
            unsigned x = INSTR_X(in), c = INSTR_C(in);
            if (x & 1)
                kr_assign(t, &fn->defaults, R[c]);
            if (x & 2)
                kr_assign(t, &fn->kwdefaults, R[c + 1]);
            if (x & 4)
                kr_assign(t, &fn->annotations, R[c + 2]);
            if (x & 8)
                kr_assign(t, &fn->closure, R[c + 3]);
            kr_assign(t, &fn->builtins, f->builtins);
            SET(a, fv);
            NEXT();
        }
        TARGET(MAKE_CELL) {
            SAVE_IP();
            KrValue c = kr_cell_new(t, R[INSTR_B(in)]);
            CHECK(c);
            SET(a, c);
            NEXT();
        }
        TARGET(LOAD_CLOSURE)
            SET(a, kr_incref(R[INSTR_B(in)]));
            NEXT();
        TARGET(LOAD_BUILD_CLASS) {
            SAVE_IP();
            KrValue v = kr_dict_get_cstr(t, f->builtins, "__build_class__");
            CHECK(v);
            if (v == KR_ABSENT) {
                kr_raise_fmt(t, kr_exc_type(t, NameError), "__build_class__ not found");
                goto error;
            }
            SET(a, kr_incref(v));
            NEXT();
        }
        TARGET(LOAD_LOCALS)
            SET(a, kr_incref(kr_is_ptr(f->locals) ? f->locals : f->globals));
            NEXT();
        TARGET(SETUP_ANNOTATIONS) {
            SAVE_IP();
            KrValue ns = kr_is_ptr(f->locals) ? f->locals : f->globals;
            KrValue have = mapping_get(t, ns, kr_name(t, dunder_annotations));
            CHECK(have);
            if (have == KR_ABSENT) {
                KrValue d = kr_dict_new(t);
                CHECK(d);
                int r = kr_setitem(t, ns, kr_name(t, dunder_annotations), d);
                kr_decref(t, d);
                if (r < 0)
                    goto error;
            } else {
                kr_decref(t, have);
            }
            NEXT();
        }
        TARGET(IMPORT_NAME) {
            SAVE_IP();
            KrValue m = kr_import_name(t, N[INSTR_B(in)], f->globals, R[INSTR_C(in)], (int)INSTR_X(in));
            CHECK(m);
            SET(a, m);
            NEXT();
        }
        TARGET(IMPORT_FROM) {
            SAVE_IP();
            KrValue v = import_from(t, R[INSTR_B(in)], N[INSTR_C(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(IMPORT_STAR)
            SAVE_IP();
            if (import_star(t, f, R[a]) < 0)
                goto error;
            NEXT();
        TARGET(RAISE) {
            SAVE_IP();
            unsigned x = INSTR_X(in);
            if (x == 0) {
                KrValue h = kr_topmost_exception(t);
                if (h == KR_NONE || h == KR_ABSENT) {
                    kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "No active exception to reraise");
                    goto error;
                }
                kr_err_clear(t);
                t->exc = kr_incref(h);
                add_tb = false;
                goto exception;
            }
            KrValue exc = R[a];
            KrValue inst;
            if (kr_is_exception_class(t, exc)) {
                inst = kr_call0(t, exc);
                CHECK(inst);
                if (!kr_is_exception(t, inst)) {
                    type_error(t, "calling %R should have returned an instance of BaseException, not %T", exc, inst);
                    kr_decref(t, inst);
                    goto error;
                }
            } else if (kr_is_exception(t, exc)) {
                inst = kr_incref(exc);
            } else {
                type_error(t, "exceptions must derive from BaseException");
                goto error;
            }
            if (x == 2) {
                KrValue cause = R[INSTR_B(in)];
                KrValue cinst;
                if (kr_is_exception_class(t, cause)) {
                    cinst = kr_call0(t, cause);
                    if (cinst == KR_ERROR) {
                        kr_decref(t, inst);
                        goto error;
                    }
                } else if (kr_is_exception(t, cause) || cause == KR_NONE) {
                    cinst = kr_incref(cause);
                } else {
                    kr_decref(t, inst);
                    type_error(t, "exception causes must derive from BaseException");
                    goto error;
                }
                kr_exception_set_cause(t, inst, cinst);
                kr_decref(t, cinst);
            }
            kr_raise(t, inst);
            kr_decref(t, inst);
            goto error;
        }
        TARGET(RERAISE)
            kr_err_clear(t);
            t->exc = kr_incref(R[a]);
            add_tb = false;
            goto exception;
        TARGET(PUSH_EXC) {
            KrValue old = t->exc_info->value;
            t->exc_info->value = kr_incref(R[a]);
            SET(INSTR_B(in), old);
            NEXT();
        }
        TARGET(POP_EXC) {
            KrValue old = t->exc_info->value;
            KrValue v = R[a];
            t->exc_info->value = v == KR_ABSENT ? KR_NONE : kr_incref(v);
            kr_decref(t, old);
            NEXT();
        }
        TARGET(CHECK_EXC_MATCH) {
            SAVE_IP();
            KrValue cls = R[INSTR_C(in)];
            if (exc_match_check(t, cls) < 0)
                goto error;
            int r = kr_isinstance(t, R[INSTR_B(in)], cls);
            if (r < 0)
                goto error;
            SET(a, kr_bool(r));
            NEXT();
        }
        TARGET(BEFORE_WITH) {
            SAVE_IP();
            KrValue res = KR_NONE;
            KrValue ex = before_with(t, R[INSTR_B(in)], &res);
            CHECK(ex);
            SET(a, ex);
            SET(a + 1, res);
            NEXT();
        }
        TARGET(BEFORE_ASYNC_WITH) {
            SAVE_IP();
            KrValue res = KR_NONE;
            KrValue ex = before_async_with(t, R[INSTR_B(in)], &res);
            CHECK(ex);
            SET(a, ex);
            SET(a + 1, res);
            NEXT();
        }
        TARGET(WITH_EXIT) {
            SAVE_IP();
            KrValue e = R[INSTR_B(in)];
            KrValue args[3];
            if (e == KR_NONE) {
                args[0] = args[1] = args[2] = KR_NONE;
            } else {
                args[0] = kr_ptr(kr_type(t, e));
                args[1] = e;
                args[2] = kr_exception_traceback(e);
            }
            KrValue r = kr_call(t, R[a], args, 3, 0);
            CHECK(r);
            SET(a, r);
            NEXT();
        }
        TARGET(YIELD) {
            /* Suspend: the registers go back into the generator. */
            KrGen *gen = f->gen;
            KrValue v = kr_incref(R[INSTR_B(in)]);
            SAVE_IP();
            gen->ip = (size_t)(ip - f->code->instrs);
            gen->yield_reg = a;
            for (int i = 0; i < f->code->nregs; i++) {
                gen->regs[i] = R[i];
                R[i] = KR_ABSENT;
            }
            kr_frame_object_suspend(f);
            gen->frame_obj = f->frame_obj;
            f->frame_obj = KR_ABSENT;
            pop_frame(t, f);
            *yielded = true;
            return v;
        }
        TARGET(GET_YIELD_FROM_ITER) {
            SAVE_IP();
            KrValue v = kr_gen_yield_from_iter(t, R[INSTR_B(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(SEND) {
            SAVE_IP();
            KrValue returned = KR_ABSENT;
            KrValue v = kr_gen_send_value(t, R[INSTR_B(in)], R[a], &returned);
            CHECK(v);
            if (v == KR_ABSENT) {
                SET(a, returned);
                JUMP_TO(INSTR_C(in));
            } else {
                SET(a, v);
            }
            NEXT();
        }
        TARGET(GET_AWAITABLE) {
            SAVE_IP();
            KrValue v = kr_get_awaitable(t, R[INSTR_B(in)], (int)INSTR_X(in));
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(GET_AITER) {
            SAVE_IP();
            KrValue obj = R[INSTR_B(in)];
            KrValue v = kr_call_special(t, obj, kr_name(t, dunder_aiter), NULL, 0);
            if (v == KR_ABSENT) {
                type_error(t, "'async for' requires an object with __aiter__ method, got %T", obj);
                goto error;
            }
            CHECK(v);
            if (kr_type_lookup(t, kr_type(t, v), kr_name(t, dunder_anext)) == KR_ABSENT) {
                type_error(t, "'async for' received an object from __aiter__ that does not implement __anext__: %T", v);
                kr_decref(t, v);
                goto error;
            }
            SET(a, v);
            NEXT();
        }
        TARGET(GET_ANEXT) {
            SAVE_IP();
            KrValue obj = R[INSTR_B(in)];
            KrValue v = kr_call_special(t, obj, kr_name(t, dunder_anext), NULL, 0);
            if (v == KR_ABSENT) {
                type_error(t, "'async for' requires an iterator with __anext__ method, got %T", obj);
                goto error;
            }
            CHECK(v);
            KrValue aw = kr_get_awaitable(t, v, 3);
            kr_decref(t, v);
            CHECK(aw);
            SET(a, aw);
            NEXT();
        }
        TARGET(END_ASYNC_FOR) {
            KrValue e = R[INSTR_B(in)];
            if (kr_type_check(t, e, kr_exc_type(t, StopAsyncIteration))) {
                SET(INSTR_B(in), KR_ABSENT);
                NEXT();
            }
            kr_err_clear(t);
            t->exc = kr_incref(e);
            add_tb = false;
            goto exception;
        }
        TARGET(ASYNC_GEN_WRAP) {
            SAVE_IP();
            KrValue v = kr_async_gen_wrap(t, R[INSTR_B(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(LOAD_ASSERTION_ERROR)
            SET(a, kr_incref(kr_ptr(kr_exc_type(t, AssertionError))));
            NEXT();
        TARGET(GET_LEN) {
            SAVE_IP();
            int64_t n = kr_len(t, R[INSTR_B(in)]);
            if (n < 0)
                goto error;
            SET(a, kr_int_from_i64(t, n));
            NEXT();
        }
        TARGET(MATCH_MAPPING)
        TARGET(MATCH_SEQUENCE) {
            SAVE_IP();
            int r = INSTR_OP(in) == OP_MATCH_MAPPING ? kr_match_is_mapping(t, R[INSTR_B(in)])
                                                     : kr_match_is_sequence(t, R[INSTR_B(in)]);
            if (r < 0)
                goto error;
            SET(a, kr_bool(r));
            NEXT();
        }
        TARGET(MATCH_KEYS) {
            SAVE_IP();
            KrValue v = kr_match_keys(t, R[INSTR_B(in)], R[INSTR_C(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(MATCH_CLASS) {
            SAVE_IP();
            KrValue v = kr_match_class(t, R[INSTR_B(in)], R[INSTR_C(in)], (int)INSTR_X(in), R[INSTR_C(in) + 1]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(COPY_DICT_WITHOUT_KEYS) {
            SAVE_IP();
            KrValue d = kr_dict_new(t);
            CHECK(d);
            if (kr_dict_update(t, d, R[INSTR_B(in)]) < 0) {
                kr_decref(t, d);
                goto error;
            }
            KrValue keys = R[INSTR_C(in)];
            for (size_t i = 0; i < kr_tuple_len(keys); i++) {
                if (kr_dict_del(t, d, kr_tuple_items(keys)[i]) < 0) {
                    kr_decref(t, d);
                    goto error;
                }
            }
            SET(a, d);
            NEXT();
        }
        TARGET(PRINT_EXPR) {
            SAVE_IP();
            KrValue r = kr_print_expr(t, R[a]);
            CHECK(r);
            kr_decref(t, r);
            NEXT();
        }
        TARGET(CHECK_EG_MATCH) {
            SAVE_IP();
            KrValue ty = R[INSTR_C(in)];
            if (exc_match_check(t, ty) < 0)
                goto error;
            int is_group = 0;
            KrValue beg = kr_ptr(kr_exc_type(t, BaseExceptionGroup));
            if (kr_is_tuple(t, ty)) {
                for (size_t i = 0; i < kr_tuple_len(ty) && !is_group; i++)
                    is_group = kr_is_subtype(kr_as_type(kr_tuple_items(ty)[i]), kr_as_type(beg));
            } else {
                is_group = kr_is_subtype(kr_as_type(ty), kr_as_type(beg));
            }
            if (is_group) {
                type_error(t, "catching ExceptionGroup with except* is not allowed. Use except instead.");
                goto error;
            }
            KrValue match = KR_NONE, rest = KR_NONE;
            if (R[INSTR_B(in)] != KR_NONE &&
                kr_exception_group_match(t, R[INSTR_B(in)], ty, &match, &rest) < 0)
                goto error;
            if (R[INSTR_B(in)] == KR_NONE)
                rest = KR_NONE;
            SET(a, match);
            SET(a + 1, rest);
            NEXT();
        }
        TARGET(PREP_RERAISE_STAR) {
            SAVE_IP();
            KrValue v = kr_exception_group_prep_reraise(t, R[INSTR_B(in)], R[INSTR_C(in)]);
            CHECK(v);
            SET(a, v);
            NEXT();
        }
        TARGET(CLEAR_REGS) {
            /* The temporaries of a statement die at its end, as CPython's
             * value stack is empty between statements (sys.getrefcount). */
            KrValue *r = &R[a], *end = r + INSTR_B(in);
            for (; r < end; r++) {
                KrValue v = *r;
                *r = KR_ABSENT;
                kr_decref(t, v);
            }
            NEXT();
        }
        TARGET(SET_FUNC_ATTR)
        default:
            SAVE_IP();
            kr_raise_fmt(t, kr_exc_type(t, SystemError), "unknown opcode %u", INSTR_OP(in));
            goto error;
        }
        goto next_instr;

    error:
        add_tb = true;
    exception:
        f->ip = ip;
        for (;;) {
            size_t pc = (size_t)(f->ip - f->code->instrs);
            if (pc > 0)
                pc--;
            if (add_tb) {
                kr_traceback_add(t, t->exc, f, pc);
                if (f->f_trace != KR_NONE)
                    trace_exception(t, f);
            }
            add_tb = true;
            uint16_t reg;
            int h = find_handler(f->code, pc, &reg);
            if (h >= 0) {
                KrValue exc = kr_err_fetch(t);
                SET(reg, exc);
                JUMP_TO((unsigned)h);
                break;
            }
            /* No handler here: the frame ends. */
            if ((f->f_trace != KR_NONE || t->profile_func != KR_NONE) && !t->in_trace_hook) {
                KrValue exc = kr_err_fetch(t);
                int rc = trace_local(t, f, "return", KR_NONE);
                if (rc == 0)
                    rc = profile_event(t, f, "return", KR_NONE);
                if (rc == 0)
                    t->exc = exc;
                else
                    kr_decref(t, exc);
            }
            if (f->frame_obj != KR_ABSENT)
                kr_frame_object_snapshot(t, f);
            clear_regs(t, f->regs, f->code->nregs);
            bool entry = f->entry;
            KrFrame *done = f;
            if (f->gen) {
                f->gen->frame_obj = KR_ABSENT;
            }
            pop_frame(t, done);
            if (entry) {
                *yielded = false;
                return KR_ERROR;
            }
            f = t->frame;
            LOAD_FRAME();
        }
    }
}
