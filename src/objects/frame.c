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
    KrValue code;
    KrValue globals, builtins, locals;
    KrValue back;               /* f_back when detached */
    int lineno;
    int lasti;
} KrFrameObject;

typedef struct KrTraceback {
    KrObject ob;
    KrValue next;               /* tb_next or KR_NONE */
    KrValue frame;              /* a frame object */
    int lasti;
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

KrValue kr_frame_object(KrThread *t, KrFrame *f)
{
    if (f->frame_obj != KR_ABSENT)
        return kr_incref(f->frame_obj);
    KrFrameObject *fo = (KrFrameObject *)kr_alloc(t, kr_builtin_type(t, FRAME), sizeof(KrFrameObject));
    if (!fo)
        return KR_ERROR;
    fo->live = f;
    fo->code = kr_incref(kr_ptr(f->code));
    fo->globals = kr_incref(f->globals);
    fo->builtins = kr_incref(f->builtins);
    fo->locals = kr_is_ptr(f->locals) ? kr_incref(f->locals) : KR_NONE;
    fo->back = KR_NONE;
    fo->lineno = frame_line(f, frame_pc(f));
    fo->lasti = (int)frame_pc(f);
    /* The frame holds one reference so the same object is returned while
     * it runs. */
    f->frame_obj = kr_incref(kr_ptr(fo));
    return kr_ptr(fo);
}

void kr_frame_object_detach(KrThread *t, KrFrame *f)
{
    KrValue v = f->frame_obj;
    f->frame_obj = KR_ABSENT;
    if (!kr_is_ptr(v))
        return;
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(v);
    if (fo->live == f) {
        fo->lineno = frame_line(f, frame_pc(f));
        fo->lasti = (int)frame_pc(f);
        if (f->prev && fo->back == KR_NONE) {
            KrValue b = kr_frame_object(t, f->prev);
            if (b != KR_ERROR)
                fo->back = b;
            else
                kr_err_clear(t);
        }
        fo->live = NULL;
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
    kr_free_object(t, o);
}

static void frame_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrFrameObject *fo = (KrFrameObject *)o;
    KrValue vs[] = {fo->code, fo->globals, fo->builtins, fo->locals, fo->back};
    for (size_t i = 0; i < 5; i++)
        if (kr_is_ptr(vs[i]))
            visit(kr_as_ptr(vs[i]), arg);
}

static KrValue frame_repr(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    KrCode *co = kr_as_code(fo->code);
    int line = fo->live ? frame_line(fo->live, frame_pc(fo->live)) : fo->lineno;
    return kr_format(t, "<frame at %p, file '%U', line %d, code %U>", (void *)fo, co->filename, line, co->name);
}

static KrValue frame_get_code(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->code); }
static KrValue frame_get_globals(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->globals); }
static KrValue frame_get_builtins(KrThread *t, KrValue self) { (void)t; return kr_incref(((KrFrameObject *)kr_as_ptr(self))->builtins); }

static KrValue frame_get_lineno(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    return kr_int_from_i64(t, fo->live ? frame_line(fo->live, frame_pc(fo->live)) : fo->lineno);
}

static KrValue frame_get_lasti(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    return kr_int_from_i64(t, fo->live ? (int64_t)frame_pc(fo->live) : fo->lasti);
}

KrValue kr_frame_locals(KrThread *t, KrFrame *f);

static KrValue frame_get_locals(KrThread *t, KrValue self)
{
    KrFrameObject *fo = (KrFrameObject *)kr_as_ptr(self);
    if (fo->live)
        return kr_frame_locals(t, fo->live);
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

static KrValue frame_get_none(KrThread *t, KrValue self) { (void)t, (void)self; return KR_NONE; }

static const KrGetSetDef frame_getsets[] = {
    {"f_code", frame_get_code, NULL, NULL},
    {"f_globals", frame_get_globals, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL},
    {"f_lineno", frame_get_lineno, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL},
    {"f_back", frame_get_back, NULL, NULL},
    {"f_trace", frame_get_none, NULL, NULL},
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
    tb->lasti = (int)pc;
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
static KrValue tb_get_lasti(KrThread *t, KrValue self) { return kr_int_from_i64(t, ((KrTraceback *)kr_as_ptr(self))->lasti * 2); }

static int tb_set_next(KrThread *t, KrValue self, KrValue v)
{
    if (v == KR_ABSENT)
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "can't delete tb_next attribute");
    if (v != KR_NONE && kr_type(t, v) != kr_builtin_type(t, TRACEBACK))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "expected traceback object or None, got '%T'", v);
    for (KrValue c = v; c != KR_NONE; c = ((KrTraceback *)kr_as_ptr(c))->next)
        if (c == self)
            return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "traceback loop detected");
    kr_assign(t, &((KrTraceback *)kr_as_ptr(self))->next, v);
    return 0;
}

static const KrGetSetDef tb_getsets[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL},
    {"tb_frame", tb_get_frame, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void tb_fill(KrType *tp)
{
    tp->dealloc = tb_dealloc;
    tp->traverse = tb_traverse;
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
    if (tb->lasti >= 0 && (size_t)tb->lasti < co->ninstrs)
        *pos = co->positions[tb->lasti];
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
    fo->lineno = frame_line(f, frame_pc(f));
    fo->lasti = (int)frame_pc(f);
    fo->live = NULL;
}

void kr_frame_object_resume(KrFrame *f)
{
    if (kr_is_ptr(f->frame_obj))
        ((KrFrameObject *)kr_as_ptr(f->frame_obj))->live = f;
}

/* The frame object of a suspended (or not yet started) generator. */
KrValue kr_gen_frame_object(KrThread *t, KrCode *code, KrValue globals, KrValue builtins, size_t ip, bool started)
{
    KrFrameObject *fo = (KrFrameObject *)kr_alloc(t, kr_builtin_type(t, FRAME), sizeof(KrFrameObject));
    if (!fo)
        return KR_ERROR;
    fo->live = NULL;
    fo->code = kr_incref(kr_ptr(code));
    fo->globals = kr_incref(globals);
    fo->builtins = kr_incref(builtins);
    fo->locals = KR_NONE;
    fo->back = KR_NONE;
    size_t pc = ip > 0 ? ip - 1 : 0;
    fo->lineno = started && pc < code->ninstrs ? code->positions[pc].lineno : code->firstlineno;
    fo->lasti = started ? (int)pc : -1;
    return kr_ptr(fo);
}
