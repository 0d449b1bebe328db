/* Frame objects (what sys._getframe and tracebacks hand to Python) and
 * traceback objects.  The interpreter's frames are plain C structs on the
 * thread's frame stack; a frame object is made only when Python asks for
 * one, and it is detached (keeping a snapshot of what Python can still
 * read) when its frame ends. */
#include <stdlib.h>

#include "runtime/runtime.h"
#include "vm/code.h"

typedef struct KrFrameObject {
    KrObject ob;
    KrFrame *live;              /* the running frame, or NULL once it ended */
    KrGen *gen;                 /* the suspended generator whose registers hold
                                   the locals (borrowed: the generator lets go
                                   before it is freed), or NULL */
    KrValue code;
    KrValue globals, builtins;
    KrValue locals;             /* the namespace of module/class code, or the
                                   locals saved when the frame ended */
    KrValue back;               /* f_back when detached */
    KrValue trace;              /* f_trace */
    int lineno;
    int lasti;
    bool trace_lines, trace_opcodes;
} KrFrameObject;

typedef struct KrTraceback {
    KrObject ob;
    KrValue next;               /* tb_next or KR_NONE */
    KrValue frame;              /* a frame object */
    int lasti;                  /* tb_lasti: CPython's byte offset, twice the
                                   instruction index; -1 when unknown */
    int lineno;
} KrTraceback;

static int frame_line(KrFrame *f, size_t pc)
{
    if (pc >= f->code->ninstrs)
        pc = f->code->ninstrs ? f->code->ninstrs - 1 : 0;
    return f->code->ninstrs ? f->code->positions[pc].lineno : f->code->firstlineno;
}

static size_t frame_pc(KrFrame *f)
{
    size_t pc = (size_t)(f->ip - f->code->instrs);
    return pc > 0 ? pc - 1 : 0;
}

/* The line a live frame is at; before its first instruction (a trace
 * function's 'call' event) the def line, as CPython reports it. */
static int live_line(KrFrame *f)
{
    if (f->ip == f->code->instrs)
        return f->code->firstlineno;
    return frame_line(f, frame_pc(f));
}

KrValue kr_frame_object(KrThread *t, KrFrame *f)
{
    if (f->frame_obj != KR_ABSENT)
        return kr_incref(f->frame_obj);
    KrFrameObject *fo = (KrFrameObject *)kr_alloc(t, kr_builtin_type(t, FRAME), sizeof(KrFrameObject));
    if (!fo)
        return KR_ERROR;
    fo->live = f;
    fo->gen = NULL;
    fo->trace = KR_NONE;
    fo->trace_lines = true;
    fo->trace_opcodes = false;
    fo->code = kr_incref(kr_ptr(f->code));
    fo->globals = kr_incref(f->globals);
    fo->builtins = kr_incref(f->builtins);
    fo->locals = kr_is_ptr(f->locals) ? kr_incref(f->locals) : KR_NONE;
    fo->back = KR_NONE;
    fo->lineno = live_line(f);
    fo->lasti = (int)frame_pc(f);
    /* The frame holds one reference so the same object is returned while
     * it runs. */
    f->frame_obj = kr_incref(kr_ptr(fo));
    return kr_ptr(fo);
}

/* A dict of the local variables in a frame's registers (the layout of
 * kr_frame_locals, for registers that are not on the stack). */
static KrValue locals_from_regs(KrThread *t, KrCode *co, const KrValue *regs)
{
    KrValue d = kr_dict_new(t);
    if (d == KR_ERROR)
        return d;
    for (int i = 0; i < co->nlocals; i++) {
        KrValue v = regs[i];
        bool is_cell = false;
        for (int c = 0; c < co->ncells; c++)
            if (co->cell_param[c] == i)
                is_cell = true;
        if (v == KR_ABSENT || is_cell)
            continue;
        if (kr_dict_set(t, d, kr_tuple_items(co->varnames)[i], v) < 0)
            goto fail;
    }
    for (int i = 0; i < co->ncells + co->nfrees; i++) {
        KrValue cell = regs[co->cell_base + i];
        if (!kr_is_ptr(cell) || kr_type(t, cell) != kr_builtin_type(t, CELL))
            continue;
        KrValue v = ((KrCell *)kr_as_ptr(cell))->value;
        KrValue name = i < co->ncells ? kr_tuple_items(co->cellvars)[i] : kr_tuple_items(co->freevars)[i - co->ncells];
        if (v != KR_ABSENT && kr_dict_set(t, d, name, v) < 0)
            goto fail;
    }
    return d;
fail:
    kr_decref(t, d);
    return KR_ERROR;
}

/* A function's frame is about to end (its registers still hold the
 * locals): when something else than the frame holds its frame object (a
 * traceback, a variable), the object keeps a copy of the locals, as
 * CPython's frame objects keep their frame's data. */
void kr_frame_object_snapshot(KrThread *t, KrFrame *f)
{
    if (!kr_is_ptr(f->frame_obj))
        return;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(f->frame_obj);
    if (fo->ob.refcnt <= 1 || fo->live != f || f->code->uses_locals_dict || kr_is_ptr(fo->locals))
        return;
    KrValue saved = kr_err_fetch(t);
    KrValue d = locals_from_regs(t, f->code, f->regs);
    if (d == KR_ERROR)
        kr_err_clear(t);
    else
        fo->locals = d;
    t->exc = saved;
}

void kr_frame_object_detach(KrThread *t, KrFrame *f)
{
    KrValue v = f->frame_obj;
    f->frame_obj = KR_ABSENT;
    if (!kr_is_ptr(v))
        return;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(v);
    if (fo->live == f) {
        fo->lineno = live_line(f);
        fo->lasti = (int)frame_pc(f);
        if (f->prev && fo->back == KR_NONE) {
            KrValue b = kr_frame_object(t, f->prev);
            if (b != KR_ERROR)
                fo->back = b;
            else
                kr_err_clear(t);
        }
        fo->live = NULL;
        fo->gen = NULL;
    }
    kr_decref(t, v);
}

static void frame_dealloc(KrThread *t, KrObject *o)
{
    KrFrameObject *fo = (KrFrameObject *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &fo->code);
    kr_clear(t, &fo->globals);
    kr_clear(t, &fo->builtins);
    kr_clear(t, &fo->locals);
    kr_clear(t, &fo->back);
    kr_clear(t, &fo->trace);
    kr_free_object(t, o);
}

static void frame_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrFrameObject *fo = (KrFrameObject *)o;
    KrValue vs[] = {fo->code, fo->globals, fo->builtins, fo->locals, fo->back, fo->trace};
    for (size_t i = 0; i < 6; i++)
        if (kr_is_ptr(vs[i]))
            visit(kr_as_ptr(vs[i]), arg);
}

static KrValue frame_repr(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    KrCode *co = kr_as_code(fo->code);
    int line = fo->live ? live_line(fo->live) : fo->lineno;
    return kr_format(t, "<frame at %p, file '%U', line %d, code %U>", (void *)fo, co->filename, line, co->name);
}

static KrValue frame_get_code(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->code); }
static KrValue frame_get_globals(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->globals); }
static KrValue frame_get_builtins(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->builtins); }

static KrValue frame_get_lineno(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    return kr_int_from_i64(t, fo->live ? live_line(fo->live) : fo->lineno);
}

static KrValue frame_get_lasti(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    /* CPython counts bytes: two per instruction. */
    int64_t lasti = fo->live ? (int64_t)frame_pc(fo->live) : fo->lasti;
    return kr_int_from_i64(t, lasti < 0 ? -1 : lasti * 2);
}

KrValue kr_frame_locals(KrThread *t, KrFrame *f);

static KrValue frame_get_locals(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    if (fo->live)
        return kr_frame_locals(t, fo->live);
    if (fo->gen && fo->gen->regs && !fo->gen->running && !kr_is_ptr(fo->locals))
        return locals_from_regs(t, fo->gen->code, fo->gen->regs);
    if (kr_is_ptr(fo->locals))
        return kr_incref(fo->locals);
    return kr_dict_new(t);
}

static KrValue frame_get_back(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    if (fo->live) {
        KrFrame *p = fo->live->prev;
        return p ? kr_frame_object(t, p) : KR_NONE;
    }
    return kr_incref(fo->back);
}

/* A running frame's local trace function is the interpreter's (eval.c
 * calls it for 'line', 'return' and 'exception' events). */
static KrValue frame_get_trace(KrThread *t, KrValue self)
{
    (void)t;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    return kr_incref(fo->live ? fo->live->f_trace : fo->trace);
}

static int frame_set_trace(KrThread *t, KrValue self, KrValue v)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    if (v == KR_ABSENT)
        v = KR_NONE;
    kr_assign(t, &fo->trace, v);
    if (fo->live)
        kr_assign(t, &fo->live->f_trace, v);
    return 0;
}

static KrValue frame_get_trace_lines(KrThread *t, KrValue self)
{
    (void)t;
    return kr_bool(((KrFrameObject *)kr_as_ptr(self))->trace_lines);
}

static KrValue frame_get_trace_opcodes(KrThread *t, KrValue self)
{
    (void)t;
    return kr_bool(((KrFrameObject *)kr_as_ptr(self))->trace_opcodes);
}

/* f_trace_lines and f_trace_opcodes are bool members. */
static int frame_bool_member(KrThread *t, KrValue v, bool *out)
{
    if (v == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete numeric/char attribute");
    if (!kr_is_bool(v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "attribute value type must be bool");
    *out = v == KR_TRUE;
    return 0;
}

static int frame_set_trace_lines(KrThread *t, KrValue self, KrValue v)
{
    return frame_bool_member(t, v, &((KrFrameObject *)kr_as_ptr(self))->trace_lines);
}

static int frame_set_trace_opcodes(KrThread *t, KrValue self, KrValue v)
{
    return frame_bool_member(t, v, &((KrFrameObject *)kr_as_ptr(self))->trace_opcodes);
}

/* Krait has no line-tracing jumps: assignments to f_lineno are refused as
 * CPython refuses them outside a 'line' trace event (its last trace event
 * is 'call' when nothing traces). */
static int frame_set_lineno(KrThread *t, KrValue self, KrValue v)
{
    (void)self;
    if (v == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "cannot delete f_lineno");
    if (!kr_is_int(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "lineno must be an integer");
    return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "can't jump from the 'call' trace event of a new frame");
}

void kr_gen_finalize(KrThread *t, KrValue gen);

/* frame.clear(): drops the locals of a frame that has ended; a suspended
 * generator's frame closes the generator. */
static KrValue frame_clear(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "clear", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    if (fo->live)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "cannot clear an executing frame");
    if (fo->gen) {
        if (fo->gen->running)
            return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "cannot clear an executing frame");
        KrValue g = kr_incref(kr_ptr(fo->gen));
        kr_gen_finalize(t, g);
        kr_decref(t, g);
        return KR_NONE;
    }
    kr_clear(t, &fo->trace);
    fo->trace = KR_NONE;
    if (!kr_as_code(fo->code)->uses_locals_dict) {
        kr_clear(t, &fo->locals);
        fo->locals = KR_NONE;
    }
    return KR_NONE;
}

static const KrMethodDef frame_methods[] = {
    {"clear", frame_clear, 0, "F.clear(): clear most references held by the frame"},
    {NULL, NULL, 0, NULL},
};

static const KrGetSetDef frame_getsets[] = {
    {"f_code", frame_get_code, NULL, NULL},
    {"f_globals", frame_get_globals, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL},
    {"f_lineno", frame_get_lineno, frame_set_lineno, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL},
    {"f_back", frame_get_back, NULL, NULL},
    {"f_trace", frame_get_trace, frame_set_trace, NULL},
    {"f_trace_lines", frame_get_trace_lines, frame_set_trace_lines, NULL},
    {"f_trace_opcodes", frame_get_trace_opcodes, frame_set_trace_opcodes, NULL},
    {NULL, NULL, NULL, NULL},
};

static void frame_fill(KrType *tp)
{
    tp->dealloc = frame_dealloc;
    tp->traverse = frame_traverse;
    tp->repr = frame_repr;
}

const KrTypeSpec kr_frame_spec = {
    .name = "frame",
    .basicsize = sizeof(KrFrameObject),
    .flags = KR_TPFLAG_GC,
    .methods = frame_methods,
    .getsets = frame_getsets,
    .fill = frame_fill,
};

/* ---- traceback ---- */

int kr_traceback_add(KrThread *t, KrValue exc, KrFrame *f, size_t pc)
{
    if (!kr_is_exception(t, exc))
        return 0;
    KrValue fo = kr_frame_object(t, f);
    if (fo == KR_ERROR) {
        kr_err_clear(t);
        return -1;
    }
    KrTraceback *tb = (KrTraceback *)kr_alloc(t, kr_builtin_type(t, TRACEBACK), sizeof(KrTraceback));
    if (!tb) {
        kr_err_clear(t);
        kr_decref(t, fo);
        return -1;
    }
    tb->frame = fo;
    tb->lasti = (int)pc * 2;
    tb->lineno = frame_line(f, pc);
    tb->next = kr_incref(kr_exception_traceback(exc));
    KrValue saved = t->exc;
    kr_exception_set_traceback(t, exc, kr_ptr(tb));
    t->exc = saved;
    kr_decref(t, kr_ptr(tb));
    return 0;
}

int kr_traceback_add_current(KrThread *t, KrValue exc)
{
    return t->frame ? kr_traceback_add(t, exc, t->frame, frame_pc(t->frame)) : 0;
}

static void tb_dealloc(KrThread *t, KrObject *o)
{
    KrTraceback *tb = (KrTraceback *)o;
    kr_gc_untrack(t, o);
    kr_clear(t, &tb->next);
    kr_clear(t, &tb->frame);
    kr_free_object(t, o);
}

static void tb_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrTraceback *tb = (KrTraceback *)o;
    if (kr_is_ptr(tb->next))
        visit(kr_as_ptr(tb->next), arg);
    if (kr_is_ptr(tb->frame))
        visit(kr_as_ptr(tb->frame), arg);
}

static KrValue tb_get_next(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrTraceback *)kr_as_ptr(self))->next); }
static KrValue tb_get_frame(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrTraceback *)kr_as_ptr(self))->frame); }
static KrValue tb_get_lineno(KrThread *t, KrValue self) { return kr_int_from_i64(t, ((KrTraceback *)kr_as_ptr(self))->lineno); }
static KrValue tb_get_lasti(KrThread *t, KrValue self) { return kr_int_from_i64(t, ((KrTraceback *)kr_as_ptr(self))->lasti); }

static int tb_set_next(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete tb_next attribute");
    if (v != KR_NONE && kr_type(t, v) != kr_builtin_type(t, TRACEBACK))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "expected traceback object, got '%T'", v);
    for (KrValue c = v; c != KR_NONE; c = ((KrTraceback *)kr_as_ptr(c))->next)
        if (c == self)
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "traceback loop detected");
    kr_assign(t, &((KrTraceback *)kr_as_ptr(self))->next, v);
    return 0;
}

/* tb_frame, tb_lasti and tb_lineno are read-only members in CPython. */
static int tb_set_readonly(KrThread *t, KrValue self, KrValue v)
{
    (void)self, (void)v;
    return kr_raise_fmt_int(t, kr_exc_type(t, AttributeError), "readonly attribute");
}

static const KrGetSetDef tb_getsets[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL},
    {"tb_frame", tb_get_frame, tb_set_readonly, NULL},
    {"tb_lineno", tb_get_lineno, tb_set_readonly, NULL},
    {"tb_lasti", tb_get_lasti, tb_set_readonly, NULL},
    {NULL, NULL, NULL, NULL},
};

/* A C int argument, with CPython's messages. */
static int tb_int_arg(KrThread *t, KrValue v, int *out)
{
    int64_t n;
    if (kr_as_ssize(t, v, &n) < 0) {
        if (kr_err_matches(t, kr_exc_type(t, OverflowError))) {
            kr_err_clear(t);
            return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
        }
        return -1;
    }
    if (n > INT32_MAX || n < INT32_MIN)
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
    *out = (int)n;
    return 0;
}

/* TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno). */
static KrValue tb_new(KrThread *t, KrType *type, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)type;
    static const char *const names[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno"};
    static const KrArgSpec spec = {"TracebackType", names, 4, 0, 4, 4};
    KrValue a[4];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    if (a[0] != KR_NONE && kr_type(t, a[0]) != kr_builtin_type(t, TRACEBACK))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected traceback object or None, got '%T'", a[0]);
    if (!kr_is_ptr(a[1]) || kr_type(t, a[1]) != kr_builtin_type(t, FRAME))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "TracebackType() argument 'tb_frame' must be frame, not %s",
                            a[1] == KR_NONE ? "None" : kr_type(t, a[1])->name);
    int lasti, lineno;
    if (tb_int_arg(t, a[2], &lasti) < 0 || tb_int_arg(t, a[3], &lineno) < 0)
        return KR_ERROR;
    KrTraceback *tb = (KrTraceback *)kr_alloc(t, kr_builtin_type(t, TRACEBACK), sizeof(KrTraceback));
    if (!tb)
        return KR_ERROR;
    tb->next = kr_incref(a[0]);
    tb->frame = kr_incref(a[1]);
    tb->lasti = lasti;
    tb->lineno = lineno;
    return kr_ptr(tb);
}

static void tb_fill(KrType *tp)
{
    tp->dealloc = tb_dealloc;
    tp->traverse = tb_traverse;
    tp->new_ = tb_new;
}

const KrTypeSpec kr_traceback_spec = {
    .name = "traceback",
    .basicsize = sizeof(KrTraceback),
    .flags = KR_TPFLAG_GC,
    .getsets = tb_getsets,
    .fill = tb_fill,
};

/* For the traceback printer: one entry's file, line, name and position. */
int kr_traceback_entry(KrThread *t, KrValue tbv, KrValue *next, KrCode **code, int *lineno, KrPosition *pos)
{
    (void)t;
    KrTraceback *tb = (KrTraceback *)kr_as_ptr(tbv);
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(tb->frame);
    KrCode *co = kr_as_code(fo->code);
    *next = tb->next;
    *code = co;
    *lineno = tb->lineno;
    if (tb->lasti < 0)
        *pos = (KrPosition){co->firstlineno, co->firstlineno, 0, 0}; /* CPython's location of offset -1 */
    else if ((size_t)tb->lasti / 2 < co->ninstrs)
        *pos = co->positions[tb->lasti / 2];
    else
        *pos = (KrPosition){tb->lineno, tb->lineno, -1, -1};
    return 0;
}

/* A generator's frame stops running (yield) or runs again (resume): its
 * frame object, if any, follows it. */
void kr_frame_object_suspend(KrFrame *f)
{
    if (!kr_is_ptr(f->frame_obj))
        return;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(f->frame_obj);
    fo->lineno = live_line(f);
    fo->lasti = (int)frame_pc(f);
    fo->live = NULL;
    fo->gen = f->gen;
}

/* A generator lets go of its frame object (it is freed, or its frame was
 * cleared): the frame object keeps a copy of the locals if anyone else
 * still holds it. */
void kr_frame_object_gen_release(KrThread *t, KrValue frame_obj)
{
    if (!kr_is_ptr(frame_obj))
        return;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(frame_obj);
    KrGen *g = fo->gen;
    fo->gen = NULL;
    if (!g || !g->regs || fo->ob.refcnt <= 1 || kr_is_ptr(fo->locals))
        return;
    KrValue saved = kr_err_fetch(t);
    KrValue d = locals_from_regs(t, g->code, g->regs);
    if (d == KR_ERROR)
        kr_err_clear(t);
    else
        fo->locals = d;
    t->exc = saved;
}

void kr_frame_object_resume(KrFrame *f)
{
    if (kr_is_ptr(f->frame_obj))
        ((KrFrameObject *)kr_as_ptr(f->frame_obj))->live = f;
}

/* The frame object of a suspended (or not yet started) generator. */
KrValue kr_gen_frame_object(KrThread *t, KrGen *gen, KrCode *code, KrValue globals, KrValue builtins, size_t ip,
                            bool started)
{
    KrFrameObject *fo = (KrFrameObject *)kr_alloc(t, kr_builtin_type(t, FRAME), sizeof(KrFrameObject));
    if (!fo)
        return KR_ERROR;
    fo->live = NULL;
    fo->gen = gen;
    fo->trace = KR_NONE;
    fo->trace_lines = true;
    fo->trace_opcodes = false;
    fo->code = kr_incref(kr_ptr(code));
    fo->globals = kr_incref(globals);
    fo->builtins = kr_incref(builtins);
    fo->locals = KR_NONE;
    fo->back = KR_NONE;
    size_t pc = ip > 0 ? ip - 1 : 0;
    fo->lineno = started && pc < code->ninstrs ? code->positions[pc].lineno : code->firstlineno;
    fo->lasti = started ? (int)pc : 0;
    return kr_ptr(fo);
}
