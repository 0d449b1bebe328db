/* The compiler's SyntaxErrors (see checks.h).
 *
 * The walk mirrors the order in which CPython 3.11's compile.c visits the
 * tree, which is not always source order: a call's keywords are checked
 * before its function is visited, a function's parameters before its
 * decorators, a try's else before its handlers, a comprehension's body
 * before its outermost iterable, a finally body again at every break,
 * continue or return that leaves it.  It also keeps the compiler's notion
 * of the current location, because errors are reported there: statements
 * and patterns set it and leave it set, expressions set it and restore it,
 * leaving a with block or a finally body through a jump unsets it (CPython
 * then reports line -1).
 *
 * Nothing is allocated from the tree's arena: the only scratch memory is
 * the name lists of match patterns, malloc'd and freed here. */
#include "compile/checks.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/unicode_props.h"

/* CPython's CO_MAXBLOCKS: the depth of loops, try, with and handler blocks
 * one code object may nest. */
enum { MAX_BLOCKS = 20 };
/* Tree depth beyond which we give up as CPython does with RecursionError
 * (the symbol table, which runs first, has the same limit). */
enum { MAX_DEPTH = 10000 };

typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END,
    FB_WITH, FB_ASYNC_WITH, FB_HANDLER_CLEANUP, FB_POP_VALUE, FB_EXCEPTION_HANDLER,
    FB_EXCEPTION_GROUP_HANDLER, FB_ASYNC_COMPREHENSION_GENERATOR,
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    const AstNode *stmt;     /* the with statement, or the try whose finalbody runs */
} FBlock;

/* The compiler's scope types: what 'await', 'async for' and friends test. */
typedef enum {
    SC_MODULE, SC_CLASS, SC_FUNCTION, SC_ASYNC_FUNCTION, SC_LAMBDA, SC_COMPREHENSION,
} ScopeKind;

/* One code object being compiled (CPython's compiler_unit). */
typedef struct Unit {
    ScopeKind scope;
    bool function_block;     /* its symbol-table block is a function (def, lambda, comprehension) */
    bool coroutine, generator;
    FBlock fblocks[MAX_BLOCKS];
    int nfblocks;
    AstPos loc;              /* the current location; lineno -1 when unset */
} Unit;

typedef struct Checker {
    const SymTable *st;
    SyntaxErrorInfo *err;
    Unit *u;
    int depth;
    bool future_annotations;
    CompileWarnings *warnings;   /* NULL: not collected */
} Checker;

/* The names a match case binds so far, and whether an irrefutable pattern
 * is allowed where we are (CPython's pattern_context). */
typedef struct NameList {
    const char **v;
    int n, cap;
} NameList;

typedef struct PatCtx {
    NameList stores;
    bool allow_irrefutable;
} PatCtx;

static const AstPos UNSET_LOC = { -1, -1, -1, -1 };

static int fail(Checker *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    memset(c->err, 0, sizeof *c->err);
    c->err->kind = SYNERR_SYNTAX;
    vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
    va_end(ap);
    c->err->lineno = c->u->loc.lineno;
    c->err->col_offset = c->u->loc.col_offset;
    c->err->end_lineno = c->u->loc.end_lineno;
    c->err->end_col_offset = c->u->loc.end_col_offset;
    c->err->byte_offsets = true;
    return -1;
}

static int nomem(Checker *c)
{
    memset(c->err, 0, sizeof *c->err);
    c->err->kind = SYNERR_NOMEM;
    return -1;
}

/* Records a SyntaxWarning at the current location, as CPython's
 * compiler_warn does. */
static int warn(Checker *c, const char *fmt, ...)
{
    CompileWarnings *w = c->warnings;
    if (!w)
        return 0;
    if (w->n == w->cap) {
        int cap = w->cap ? w->cap * 2 : 8;
        CompileWarning *v = realloc(w->v, (size_t)cap * sizeof *v);
        if (!v)
            return nomem(c);
        w->v = v;
        w->cap = cap;
    }
    CompileWarning *cw = &w->v[w->n++];
    cw->pos = c->u->loc;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cw->msg, sizeof cw->msg, fmt, ap);
    va_end(ap);
    return 0;
}

static int enter(Checker *c)
{
    if (++c->depth <= MAX_DEPTH)
        return 0;
    memset(c->err, 0, sizeof *c->err);
    c->err->kind = SYNERR_RECURSION;
    snprintf(c->err->msg, sizeof c->err->msg,
             "maximum recursion depth exceeded during compilation");
    return -1;
}

#define TRY(x) do { if ((x) < 0) return -1; } while (0)

static void set_loc(Checker *c, const AstNode *n) { c->u->loc = n->pos; }

static bool is_debug(const char *name) { return name && strcmp(name, "__debug__") == 0; }

/* CPython's forbidden_name: binding or deleting __debug__. */
static int check_name(Checker *c, const char *name, AstCtx ctx)
{
    if (!is_debug(name))
        return 0;
    if (ctx == AST_Store)
        return fail(c, "cannot assign to __debug__");
    if (ctx == AST_Del)
        return fail(c, "cannot delete __debug__");
    return 0;
}

static int push_fblock(Checker *c, FBlockKind kind, const AstNode *stmt)
{
    if (c->u->nfblocks >= MAX_BLOCKS)
        return fail(c, "too many statically nested blocks");
    c->u->fblocks[c->u->nfblocks++] = (FBlock){ kind, stmt };
    return 0;
}

static void pop_fblock(Checker *c) { c->u->nfblocks--; }

static int visit_expr(Checker *c, const AstNode *e);
static int visit_stmt(Checker *c, const AstNode *s);

static int visit_exprs(Checker *c, const AstSeq *seq)
{
    for (int i = 0; seq && i < seq->n; i++)
        TRY(visit_expr(c, seq->items[i]));
    return 0;
}

static int visit_stmts(Checker *c, const AstSeq *seq)
{
    for (int i = 0; seq && i < seq->n; i++)
        TRY(visit_stmt(c, seq->items[i]));
    return 0;
}

static int visit_opt(Checker *c, const AstNode *e) { return e ? visit_expr(c, e) : 0; }

/* ==== Leaving blocks: break, continue, return ==== */

/* What a jump out of one block compiles; a finally body is compiled again
 * right there (CPython's compiler_unwind_fblock). */
static int unwind_one(Checker *c, const FBlock *fb, bool preserve_tos)
{
    switch (fb->kind) {
    case FB_WITH:
    case FB_ASYNC_WITH:
        /* Located at the with statement, then made artificial. */
        c->u->loc = UNSET_LOC;
        return 0;
    case FB_FINALLY_TRY:
        if (preserve_tos)
            TRY(push_fblock(c, FB_POP_VALUE, NULL));
        TRY(visit_stmts(c, fb->stmt->kind == AST_Try ? fb->stmt->v.Try.finalbody
                                                      : fb->stmt->v.TryStar.finalbody));
        if (preserve_tos)
            pop_fblock(c);
        c->u->loc = UNSET_LOC;
        return 0;
    default:
        return 0;
    }
}

/* Unwinds the block stack down to the innermost loop (when `loop` is set) or
 * to the bottom; the stack is restored afterwards, as the code after the
 * jump still lies inside the blocks. */
static int unwind_stack(Checker *c, bool preserve_tos, bool *loop)
{
    Unit *u = c->u;
    if (u->nfblocks == 0)
        return 0;
    FBlock top = u->fblocks[u->nfblocks - 1];
    if (top.kind == FB_EXCEPTION_GROUP_HANDLER)
        return fail(c, "'break', 'continue' and 'return' cannot appear in an except* block");
    if (loop && (top.kind == FB_WHILE_LOOP || top.kind == FB_FOR_LOOP)) {
        *loop = true;
        return 0;
    }
    u->nfblocks--;
    TRY(unwind_one(c, &top, preserve_tos));
    TRY(unwind_stack(c, preserve_tos, loop));
    u->fblocks[u->nfblocks++] = top;
    return 0;
}

/* ==== Scopes ==== */

static void open_unit(Checker *c, Unit *u, ScopeKind scope, const AstNode *node)
{
    memset(u, 0, sizeof *u);
    u->scope = scope;
    const SymBlock *b = node ? symtable_block_of(c->st, node) : c->st->top;
    /* Every block the compiler enters has a symbol table; be safe anyway. */
    u->function_block = b ? b->kind == BLOCK_FUNCTION : scope != SC_MODULE && scope != SC_CLASS;
    u->coroutine = b && b->coroutine;
    u->generator = b && b->generator;
    u->loc = node ? node->pos : UNSET_LOC;
}

/* CPython's compiler_check_debug_args. */
static int check_debug_args(Checker *c, const AstNode *args)
{
    const struct AstV_arguments *a = &args->v.arguments;
    const AstSeq *seqs[] = { a->posonlyargs, a->args };
    for (int k = 0; k < 2; k++)
        for (int i = 0; seqs[k] && i < seqs[k]->n; i++)
            TRY(check_name(c, ((const AstNode *)seqs[k]->items[i])->v.arg.arg, AST_Store));
    if (a->vararg)
        TRY(check_name(c, a->vararg->v.arg.arg, AST_Store));
    for (int i = 0; a->kwonlyargs && i < a->kwonlyargs->n; i++)
        TRY(check_name(c, ((const AstNode *)a->kwonlyargs->items[i])->v.arg.arg, AST_Store));
    if (a->kwarg)
        TRY(check_name(c, a->kwarg->v.arg.arg, AST_Store));
    return 0;
}

static int visit_defaults(Checker *c, const AstNode *args)
{
    TRY(visit_exprs(c, args->v.arguments.defaults));
    const AstSeq *kw = args->v.arguments.kw_defaults;
    for (int i = 0; kw && i < kw->n; i++)
        TRY(visit_opt(c, kw->items[i]));
    return 0;
}

static int visit_annotation(Checker *c, const AstNode *ann)
{
    if (!ann || c->future_annotations)
        return 0;
    /* `*args: *Ts` evaluates Ts. */
    if (ann->kind == AST_Starred)
        return visit_expr(c, ann->v.Starred.value);
    return visit_expr(c, ann);
}

/* Parameter annotations in CPython's order: regular parameters before the
 * positional-only ones. */
static int visit_annotations(Checker *c, const AstNode *args, const AstNode *returns)
{
    const struct AstV_arguments *a = &args->v.arguments;
    const AstSeq *first[] = { a->args, a->posonlyargs };
    for (int k = 0; k < 2; k++)
        for (int i = 0; first[k] && i < first[k]->n; i++)
            TRY(visit_annotation(c, ((const AstNode *)first[k]->items[i])->v.arg.annotation));
    if (a->vararg)
        TRY(visit_annotation(c, a->vararg->v.arg.annotation));
    for (int i = 0; a->kwonlyargs && i < a->kwonlyargs->n; i++)
        TRY(visit_annotation(c, ((const AstNode *)a->kwonlyargs->items[i])->v.arg.annotation));
    if (a->kwarg)
        TRY(visit_annotation(c, a->kwarg->v.arg.annotation));
    return visit_annotation(c, returns);
}

static int visit_function(Checker *c, const AstNode *s, bool is_async)
{
    const struct AstV_FunctionDef *f = &s->v.FunctionDef;
    const struct AstV_AsyncFunctionDef *af = &s->v.AsyncFunctionDef;
    const AstNode *args = is_async ? af->args : f->args;
    TRY(check_debug_args(c, args));
    TRY(visit_exprs(c, is_async ? af->decorator_list : f->decorator_list));
    TRY(visit_defaults(c, args));
    TRY(visit_annotations(c, args, is_async ? af->returns : f->returns));
    Unit u, *outer = c->u;
    open_unit(c, &u, is_async ? SC_ASYNC_FUNCTION : SC_FUNCTION, s);
    c->u = &u;
    int r = visit_stmts(c, is_async ? af->body : f->body);
    c->u = outer;
    TRY(r);
    return check_name(c, is_async ? af->name : f->name, AST_Store);
}

/* CPython's validate_keywords: __debug__ as a keyword, then repeats. */
static int validate_keywords(Checker *c, const AstSeq *kws)
{
    for (int i = 0; kws && i < kws->n; i++) {
        const AstNode *k = kws->items[i];
        if (!k->v.keyword.arg)
            continue;
        TRY(check_name(c, k->v.keyword.arg, AST_Store));
        for (int j = i + 1; j < kws->n; j++) {
            const AstNode *other = kws->items[j];
            if (other->v.keyword.arg && strcmp(k->v.keyword.arg, other->v.keyword.arg) == 0) {
                set_loc(c, other);
                return fail(c, "keyword argument repeated: %s", k->v.keyword.arg);
            }
        }
    }
    return 0;
}

/* Positional arguments (or bases) and keywords of a call (or class). */
static int visit_call_args(Checker *c, const AstSeq *args, const AstSeq *kws)
{
    TRY(validate_keywords(c, kws));
    for (int i = 0; args && i < args->n; i++) {
        const AstNode *a = args->items[i];
        TRY(visit_expr(c, a->kind == AST_Starred ? a->v.Starred.value : a));
    }
    for (int i = 0; kws && i < kws->n; i++)
        TRY(visit_expr(c, ((const AstNode *)kws->items[i])->v.keyword.value));
    return 0;
}

static int visit_class(Checker *c, const AstNode *s)
{
    const struct AstV_ClassDef *k = &s->v.ClassDef;
    TRY(visit_exprs(c, k->decorator_list));
    Unit u, *outer = c->u;
    open_unit(c, &u, SC_CLASS, s);
    c->u = &u;
    int r = visit_stmts(c, k->body);
    c->u = outer;
    TRY(r);
    TRY(visit_call_args(c, k->bases, k->keywords));
    return check_name(c, k->name, AST_Store);
}

/* ==== Statements ==== */

static int visit_return(Checker *c, const AstNode *s)
{
    const AstNode *value = s->v.Return.value;
    bool preserve_tos = value && value->kind != AST_Constant;
    if (!c->u->function_block)
        return fail(c, "'return' outside function");
    if (value && c->u->coroutine && c->u->generator)
        return fail(c, "'return' with value in async generator");
    if (preserve_tos)
        TRY(visit_expr(c, value));
    else if (value)
        set_loc(c, value);
    if (!value || value->pos.lineno != s->pos.lineno)
        set_loc(c, s);
    return unwind_stack(c, preserve_tos, NULL);
}

static int visit_jump(Checker *c, const char *msg)
{
    bool loop = false;
    TRY(unwind_stack(c, false, &loop));
    if (!loop)
        return fail(c, "%s", msg);
    return 0;
}

/* The part of an annotated target compiled when there is no value. */
static int check_ann_subscr(Checker *c, const AstNode *e)
{
    if (e->kind == AST_Slice) {
        TRY(visit_opt(c, e->v.Slice.lower));
        TRY(visit_opt(c, e->v.Slice.upper));
        return visit_opt(c, e->v.Slice.step);
    }
    if (e->kind == AST_Tuple) {
        for (int i = 0; i < e->v.Tuple.elts->n; i++)
            TRY(check_ann_subscr(c, e->v.Tuple.elts->items[i]));
        return 0;
    }
    return visit_expr(c, e);
}

static int visit_annassign(Checker *c, const AstNode *s)
{
    const struct AstV_AnnAssign *a = &s->v.AnnAssign;
    const AstNode *t = a->target;
    bool module_or_class = c->u->scope == SC_MODULE || c->u->scope == SC_CLASS;
    if (a->value) {
        TRY(visit_expr(c, a->value));
        TRY(visit_expr(c, t));
    }
    switch (t->kind) {
    case AST_Name:
        TRY(check_name(c, t->v.Name.id, AST_Store));
        /* Only a simple name's annotation at module or class level is
         * evaluated (and not under the annotations future). */
        if (a->simple && module_or_class && !c->future_annotations)
            TRY(visit_expr(c, a->annotation));
        break;
    case AST_Attribute:
        if (!a->value) {
            TRY(check_name(c, t->v.Attribute.attr, AST_Store));
            TRY(visit_expr(c, t->v.Attribute.value));
        }
        break;
    case AST_Subscript:
        if (!a->value) {
            TRY(visit_expr(c, t->v.Subscript.value));
            TRY(check_ann_subscr(c, t->v.Subscript.slice));
        }
        break;
    default:
        break;
    }
    if (!a->simple && !c->future_annotations && module_or_class)
        TRY(visit_expr(c, a->annotation));
    return 0;
}

static int visit_augassign(Checker *c, const AstNode *s)
{
    const AstNode *t = s->v.AugAssign.target;
    switch (t->kind) {
    case AST_Attribute:
        TRY(visit_expr(c, t->v.Attribute.value));
        break;
    case AST_Subscript:
        TRY(visit_expr(c, t->v.Subscript.value));
        TRY(visit_expr(c, t->v.Subscript.slice));
        break;
    default:
        break;
    }
    TRY(visit_expr(c, s->v.AugAssign.value));
    set_loc(c, t);
    /* An attribute's name is not checked here, unlike in other stores. */
    if (t->kind == AST_Name)
        return check_name(c, t->v.Name.id, AST_Store);
    return 0;
}

/* The store of an import: the alias, or the first component of the module. */
static int check_import_names(Checker *c, const AstSeq *names, bool from)
{
    for (int i = 0; i < names->n; i++) {
        const AstNode *a = names->items[i];
        const char *name = a->v.alias.asname ? a->v.alias.asname : a->v.alias.name;
        if (from && strcmp(name, "*") == 0)
            continue;
        if (!from && !a->v.alias.asname) {
            const char *dot = strchr(name, '.');
            if (dot) {
                /* "__debug__.x" binds __debug__; nothing shorter can. */
                if ((size_t)(dot - name) == 9 && strncmp(name, "__debug__", 9) == 0)
                    return check_name(c, "__debug__", AST_Store);
                continue;
            }
        }
        TRY(check_name(c, name, AST_Store));
    }
    return 0;
}

static int visit_with(Checker *c, const AstNode *s, int pos, bool is_async)
{
    const AstSeq *items = is_async ? s->v.AsyncWith.items : s->v.With.items;
    const AstSeq *body = is_async ? s->v.AsyncWith.body : s->v.With.body;
    if (is_async && c->u->scope != SC_ASYNC_FUNCTION)
        return fail(c, "'async with' outside async function");
    const AstNode *item = items->items[pos];
    TRY(visit_expr(c, item->v.withitem.context_expr));
    TRY(push_fblock(c, is_async ? FB_ASYNC_WITH : FB_WITH, s));
    TRY(visit_opt(c, item->v.withitem.optional_vars));
    if (pos + 1 == items->n)
        TRY(visit_stmts(c, body));
    else
        TRY(visit_with(c, s, pos + 1, is_async));
    pop_fblock(c);
    return 0;
}

static int visit_try_except(Checker *c, const AstNode *s, bool star)
{
    const AstSeq *body = star ? s->v.TryStar.body : s->v.Try.body;
    const AstSeq *handlers = star ? s->v.TryStar.handlers : s->v.Try.handlers;
    const AstSeq *orelse = star ? s->v.TryStar.orelse : s->v.Try.orelse;
    TRY(push_fblock(c, FB_TRY_EXCEPT, NULL));
    TRY(visit_stmts(c, body));
    pop_fblock(c);
    TRY(visit_stmts(c, orelse));
    c->u->loc = UNSET_LOC;
    TRY(push_fblock(c, star ? FB_EXCEPTION_GROUP_HANDLER : FB_EXCEPTION_HANDLER, NULL));
    for (int i = 0; i < handlers->n; i++) {
        const AstNode *h = handlers->items[i];
        set_loc(c, h);
        if (!star && !h->v.ExceptHandler.type && i < handlers->n - 1)
            return fail(c, "default 'except:' must be last");
        TRY(visit_opt(c, h->v.ExceptHandler.type));
        if (h->v.ExceptHandler.name)
            TRY(check_name(c, h->v.ExceptHandler.name, AST_Store));
        TRY(push_fblock(c, FB_HANDLER_CLEANUP, NULL));
        TRY(visit_stmts(c, h->v.ExceptHandler.body));
        pop_fblock(c);
        if (h->v.ExceptHandler.name)
            c->u->loc = UNSET_LOC;
    }
    pop_fblock(c);
    return 0;
}

static int visit_try(Checker *c, const AstNode *s, bool star)
{
    const AstSeq *finalbody = star ? s->v.TryStar.finalbody : s->v.Try.finalbody;
    const AstSeq *handlers = star ? s->v.TryStar.handlers : s->v.Try.handlers;
    if (!finalbody || finalbody->n == 0)
        return visit_try_except(c, s, star);
    TRY(push_fblock(c, FB_FINALLY_TRY, s));
    if (handlers && handlers->n > 0)
        TRY(visit_try_except(c, s, star));
    else
        TRY(visit_stmts(c, star ? s->v.TryStar.body : s->v.Try.body));
    pop_fblock(c);
    /* The finally body is compiled twice: for the normal exit, then inside
     * its own block for the exceptional one (which can overflow the block
     * limit when the first did not). */
    TRY(visit_stmts(c, finalbody));
    c->u->loc = UNSET_LOC;
    TRY(push_fblock(c, FB_FINALLY_END, NULL));
    TRY(visit_stmts(c, finalbody));
    pop_fblock(c);
    return 0;
}

/* ==== SyntaxWarnings ==== */

static bool is_numeric(const char *t)
{
    return t && (strcmp(t, "int") == 0 || strcmp(t, "bool") == 0 || strcmp(t, "float") == 0 ||
                 strcmp(t, "complex") == 0);
}

static bool type_is(const char *t, const char *name) { return t && strcmp(t, name) == 0; }

static bool is_zero(const AstNode *e)
{
    if (e->kind != AST_Constant)
        return false;
    const AstConstant *v = &e->v.Constant.value;
    return (v->kind == AST_CONST_INT && v->u.i == 0) || v->kind == AST_CONST_FALSE ||
           ((v->kind == AST_CONST_FLOAT || v->kind == AST_CONST_COMPLEX) && v->u.f == 0.0);
}

/* The type name of the constant CPython's AST optimizer folds `e` into, or
 * NULL when it stays an expression.  Approximate for folds whose success
 * depends on values (huge powers and shifts are taken as folded). */
static const char *const_type(const AstNode *e)
{
    switch (e->kind) {
    case AST_Constant:
        switch (e->v.Constant.value.kind) {
        case AST_CONST_NONE: return "NoneType";
        case AST_CONST_TRUE:
        case AST_CONST_FALSE: return "bool";
        case AST_CONST_ELLIPSIS: return "ellipsis";
        case AST_CONST_INT:
        case AST_CONST_BIGINT: return "int";
        case AST_CONST_FLOAT: return "float";
        case AST_CONST_COMPLEX: return "complex";
        case AST_CONST_STR: return "str";
        case AST_CONST_BYTES: return "bytes";
        }
        return NULL;
    case AST_Name:
        /* The optimizer replaces __debug__ by True. */
        return e->v.Name.ctx == AST_Load && is_debug(e->v.Name.id) ? "bool" : NULL;
    case AST_UnaryOp: {
        const char *t = const_type(e->v.UnaryOp.operand);
        if (!t)
            return NULL;
        switch (e->v.UnaryOp.op) {
        case AST_Not:
            return "bool";
        case AST_Invert:
            return type_is(t, "int") || type_is(t, "bool") ? "int" : NULL;
        default: /* UAdd, USub */
            if (!is_numeric(t))
                return NULL;
            return type_is(t, "bool") ? "int" : t;
        }
    }
    case AST_BinOp: {
        const char *l = const_type(e->v.BinOp.left), *r = const_type(e->v.BinOp.right);
        if (!l || !r)
            return NULL;
        AstBinOp op = e->v.BinOp.op;
        if (is_numeric(l) && is_numeric(r)) {
            bool complex = type_is(l, "complex") || type_is(r, "complex");
            bool flt = type_is(l, "float") || type_is(r, "float");
            const char *wide = complex ? "complex" : flt ? "float" : "int";
            switch (op) {
            case AST_Add: case AST_Sub: case AST_Mult: case AST_Pow:
                return wide;
            case AST_Div:
                return is_zero(e->v.BinOp.right) ? NULL : complex ? "complex" : "float";
            case AST_FloorDiv: case AST_Mod:
                return complex || is_zero(e->v.BinOp.right) ? NULL : wide;
            case AST_BitAnd: case AST_BitOr: case AST_BitXor: case AST_LShift: case AST_RShift:
                if (complex || flt)
                    return NULL;
                return type_is(l, "bool") && type_is(r, "bool") && op != AST_LShift &&
                       op != AST_RShift ? "bool" : "int";
            default:
                return NULL;
            }
        }
        bool seq_l = type_is(l, "str") || type_is(l, "bytes") || type_is(l, "tuple");
        bool seq_r = type_is(r, "str") || type_is(r, "bytes") || type_is(r, "tuple");
        if (op == AST_Add && seq_l && strcmp(l, r) == 0)
            return l;
        if (op == AST_Mult && seq_l && (type_is(r, "int") || type_is(r, "bool")))
            return l;
        if (op == AST_Mult && seq_r && (type_is(l, "int") || type_is(l, "bool")))
            return r;
        return NULL;
    }
    case AST_Tuple: {
        if (e->v.Tuple.ctx != AST_Load)
            return NULL;
        const AstSeq *elts = e->v.Tuple.elts;
        for (int i = 0; elts && i < elts->n; i++)
            if (!const_type(elts->items[i]))
                return NULL;
        return "tuple";
    }
    case AST_Subscript: {
        const AstNode *v = e->v.Subscript.value, *ix = e->v.Subscript.slice;
        const char *t = const_type(v);
        if (!t || ix->kind != AST_Constant || ix->v.Constant.value.kind != AST_CONST_INT)
            return NULL;
        int64_t i = ix->v.Constant.value.u.i;
        if (type_is(t, "tuple") && v->kind == AST_Tuple) {
            const AstSeq *elts = v->v.Tuple.elts;
            int n = elts ? elts->n : 0;
            if (i < 0)
                i += n;
            return i >= 0 && i < n ? const_type(elts->items[i]) : NULL;
        }
        /* An index out of range stays unfolded; a string's length in code
         * points is what counts. */
        if (type_is(t, "str") || type_is(t, "bytes")) {
            if (v->kind != AST_Constant)
                return NULL;
            const AstConstant *s = &v->v.Constant.value;
            int64_t n = 0;
            for (size_t k = 0; k < s->len; k++)
                n += s->kind == AST_CONST_BYTES || ((unsigned char)s->u.s[k] & 0xC0) != 0x80;
            if (i < 0)
                i += n;
            return i >= 0 && i < n ? (type_is(t, "str") ? "str" : "int") : NULL;
        }
        return NULL;
    }
    default:
        return NULL;
    }
}

/* CPython's infer_type: the type an expression certainly has, or NULL. */
static const char *infer_type(const AstNode *e)
{
    const char *t = const_type(e);
    if (t)
        return t;
    switch (e->kind) {
    case AST_Tuple: return "tuple";
    case AST_List: case AST_ListComp: return "list";
    case AST_Dict: case AST_DictComp: return "dict";
    case AST_Set: case AST_SetComp: return "set";
    case AST_GeneratorExp: return "generator";
    case AST_Lambda: return "function";
    case AST_JoinedStr: case AST_FormattedValue: return "str";
    default: return NULL;
    }
}

/* Calling something that is never callable. */
static int check_caller(Checker *c, const AstNode *func)
{
    if (const_type(func))
        goto warn;
    switch (func->kind) {
    case AST_Tuple: case AST_List: case AST_ListComp: case AST_Dict: case AST_Set:
    case AST_DictComp: case AST_SetComp: case AST_GeneratorExp: case AST_JoinedStr:
    case AST_FormattedValue:
        goto warn;
    default:
        return 0;
    }
warn:
    return warn(c, "'%s' object is not callable; perhaps you missed a comma?", infer_type(func));
}

/* Subscripting something that is never subscriptable, or a sequence with
 * an index of a type it never accepts. */
static int check_subscript(Checker *c, const AstNode *value, const AstNode *index)
{
    const char *t = const_type(value);
    bool bad = t ? is_numeric(t) || type_is(t, "NoneType") || type_is(t, "ellipsis")
                 : value->kind == AST_Set || value->kind == AST_SetComp ||
                       value->kind == AST_GeneratorExp || value->kind == AST_Lambda;
    if (bad)
        TRY(warn(c, "'%s' object is not subscriptable; perhaps you missed a comma?",
                 infer_type(value)));
    t = infer_type(value);
    if (!(type_is(t, "tuple") || type_is(t, "list") || type_is(t, "str") || type_is(t, "bytes")))
        return 0;
    const char *it = infer_type(index);
    if (!it || type_is(it, "int") || type_is(it, "bool"))
        return 0;
    return warn(c, "%s indices must be integers or slices, not %s; perhaps you missed a comma?",
                t, it);
}

/* A literal operand of 'is' or 'is not' (singletons excepted). */
static bool is_literal(const AstNode *e)
{
    const char *t = const_type(e);
    return t && !type_is(t, "NoneType") && !type_is(t, "bool") && !type_is(t, "ellipsis");
}

/* Only the first offending pair of a comparison chain warns. */
static int check_compare(Checker *c, const AstNode *e)
{
    const AstNode *left = e->v.Compare.left;
    const AstSeq *ops = e->v.Compare.ops;
    for (int i = 0; i < e->v.Compare.comparators->n; i++) {
        const AstNode *right = e->v.Compare.comparators->items[i];
        AstCmpOp op = (AstCmpOp)(intptr_t)ops->items[i];
        if ((op == AST_Is || op == AST_IsNot) && (is_literal(left) || is_literal(right)))
            return warn(c, op == AST_Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                        : "\"is not\" with a literal. Did you mean \"!=\"?");
        left = right;
    }
    return 0;
}

static int visit_match(Checker *c, const AstNode *s);

static int visit_stmt(Checker *c, const AstNode *s)
{
    TRY(enter(c));
    set_loc(c, s);
    int r = 0;
    switch (s->kind) {
    case AST_FunctionDef:
        r = visit_function(c, s, false);
        break;
    case AST_AsyncFunctionDef:
        r = visit_function(c, s, true);
        break;
    case AST_ClassDef:
        r = visit_class(c, s);
        break;
    case AST_Return:
        r = visit_return(c, s);
        break;
    case AST_Delete:
        r = visit_exprs(c, s->v.Delete.targets);
        break;
    case AST_Assign:
        if ((r = visit_expr(c, s->v.Assign.value)) == 0)
            r = visit_exprs(c, s->v.Assign.targets);
        break;
    case AST_AugAssign:
        r = visit_augassign(c, s);
        break;
    case AST_AnnAssign:
        r = visit_annassign(c, s);
        break;
    case AST_For:
        if ((r = push_fblock(c, FB_FOR_LOOP, NULL)) < 0 ||
            (r = visit_expr(c, s->v.For.iter)) < 0 ||
            (r = visit_expr(c, s->v.For.target)) < 0 ||
            (r = visit_stmts(c, s->v.For.body)) < 0)
            break;
        pop_fblock(c);
        r = visit_stmts(c, s->v.For.orelse);
        break;
    case AST_AsyncFor:
        if (c->u->scope != SC_ASYNC_FUNCTION) {
            r = fail(c, "'async for' outside async function");
            break;
        }
        if ((r = visit_expr(c, s->v.AsyncFor.iter)) < 0 ||
            (r = push_fblock(c, FB_FOR_LOOP, NULL)) < 0 ||
            (r = visit_expr(c, s->v.AsyncFor.target)) < 0 ||
            (r = visit_stmts(c, s->v.AsyncFor.body)) < 0)
            break;
        pop_fblock(c);
        r = visit_stmts(c, s->v.AsyncFor.orelse);
        break;
    case AST_While:
        if ((r = push_fblock(c, FB_WHILE_LOOP, NULL)) < 0 ||
            (r = visit_expr(c, s->v.While.test)) < 0 ||
            (r = visit_stmts(c, s->v.While.body)) < 0)
            break;
        set_loc(c, s);
        pop_fblock(c);
        r = visit_stmts(c, s->v.While.orelse);
        break;
    case AST_If:
        if ((r = visit_expr(c, s->v.If.test)) < 0 || (r = visit_stmts(c, s->v.If.body)) < 0)
            break;
        r = visit_stmts(c, s->v.If.orelse);
        break;
    case AST_With:
        r = visit_with(c, s, 0, false);
        break;
    case AST_AsyncWith:
        r = visit_with(c, s, 0, true);
        break;
    case AST_Match:
        r = visit_match(c, s);
        break;
    case AST_Raise:
        if ((r = visit_opt(c, s->v.Raise.exc)) == 0)
            r = visit_opt(c, s->v.Raise.cause);
        break;
    case AST_Try:
        r = visit_try(c, s, false);
        break;
    case AST_TryStar:
        r = visit_try(c, s, true);
        break;
    case AST_Assert:
        if (s->v.Assert.test->kind == AST_Tuple && s->v.Assert.test->v.Tuple.elts &&
            s->v.Assert.test->v.Tuple.elts->n > 0 &&
            (r = warn(c, "assertion is always true, perhaps remove parentheses?")) < 0)
            break;
        if ((r = visit_expr(c, s->v.Assert.test)) == 0)
            r = visit_opt(c, s->v.Assert.msg);
        break;
    case AST_Import:
        r = check_import_names(c, s->v.Import.names, false);
        break;
    case AST_ImportFrom:
        r = check_import_names(c, s->v.ImportFrom.names, true);
        break;
    case AST_Expr:
        /* A constant statement is dropped unvisited (it cannot fail). */
        if (s->v.Expr.value->kind != AST_Constant)
            r = visit_expr(c, s->v.Expr.value);
        break;
    case AST_Break:
        r = visit_jump(c, "'break' outside loop");
        break;
    case AST_Continue:
        r = visit_jump(c, "'continue' not properly in loop");
        break;
    default: /* Global, Nonlocal, Pass */
        break;
    }
    c->depth--;
    return r;
}

/* ==== Expressions ==== */

/* CPython's unpack_helper and assignment_helper: the targets of an
 * unpacking assignment. */
static int visit_unpack_targets(Checker *c, const AstSeq *elts)
{
    bool seen_star = false;
    for (int i = 0; i < elts->n; i++) {
        const AstNode *e = elts->items[i];
        if (e->kind != AST_Starred)
            continue;
        if (seen_star)
            return fail(c, "multiple starred expressions in assignment");
        /* UNPACK_EX packs the counts before and after the star in its
         * argument: 8 bits for the count before it. */
        if (i >= (1 << 8) || elts->n - i - 1 >= (INT32_MAX >> 8))
            return fail(c, "too many expressions in star-unpacking assignment");
        seen_star = true;
    }
    for (int i = 0; i < elts->n; i++) {
        const AstNode *e = elts->items[i];
        TRY(visit_expr(c, e->kind == AST_Starred ? e->v.Starred.value : e));
    }
    return 0;
}

/* Elements of a list, tuple or set display, where *x unpacks. */
static int visit_display(Checker *c, const AstSeq *elts)
{
    for (int i = 0; i < elts->n; i++) {
        const AstNode *e = elts->items[i];
        TRY(visit_expr(c, e->kind == AST_Starred ? e->v.Starred.value : e));
    }
    return 0;
}

static int visit_sequence(Checker *c, const AstSeq *elts, AstCtx ctx)
{
    if (ctx == AST_Store)
        return visit_unpack_targets(c, elts);
    if (ctx == AST_Load)
        return visit_display(c, elts);
    return visit_exprs(c, elts);
}

/* If the attribute ends on a later line than it starts, CPython moves the
 * location to the attribute name (update_start_location_to_match_attr). */
static void attr_loc(Checker *c, const AstNode *e)
{
    AstPos *l = &c->u->loc;
    if (l->lineno == e->pos.end_lineno)
        return;
    l->lineno = e->pos.end_lineno;
    /* The name's length in code points against a byte column, as CPython. */
    int len = 0;
    for (const unsigned char *p = (const unsigned char *)e->v.Attribute.attr; *p; p++)
        len += (*p & 0xC0) != 0x80;
    if (len <= e->pos.end_col_offset) {
        l->col_offset = e->pos.end_col_offset - len;
    } else {
        l->col_offset = -1;
        l->end_col_offset = -1;
    }
    if (l->end_lineno < l->lineno)
        l->end_lineno = l->lineno;
    if (l->lineno == l->end_lineno && l->end_col_offset < l->col_offset)
        l->end_col_offset = l->col_offset;
}

static int visit_comp_generator(Checker *c, const AstNode *e, const AstSeq *gens, int i)
{
    const AstNode *g = gens->items[i];
    const struct AstV_comprehension *gen = &g->v.comprehension;
    /* The outermost iterable is evaluated outside, after the body. */
    if (i > 0)
        TRY(visit_expr(c, gen->iter));
    if (gen->is_async)
        TRY(push_fblock(c, FB_ASYNC_COMPREHENSION_GENERATOR, NULL));
    TRY(visit_expr(c, gen->target));
    TRY(visit_exprs(c, gen->ifs));
    if (i + 1 < gens->n) {
        TRY(visit_comp_generator(c, e, gens, i + 1));
    } else {
        switch (e->kind) {
        case AST_DictComp:
            TRY(visit_expr(c, e->v.DictComp.key));
            TRY(visit_expr(c, e->v.DictComp.value));
            break;
        case AST_ListComp:
            TRY(visit_expr(c, e->v.ListComp.elt));
            break;
        case AST_SetComp:
            TRY(visit_expr(c, e->v.SetComp.elt));
            break;
        default:
            TRY(visit_expr(c, e->v.GeneratorExp.elt));
            break;
        }
    }
    if (gen->is_async)
        pop_fblock(c);
    return 0;
}

static int visit_comprehension(Checker *c, const AstNode *e, const AstSeq *gens)
{
    Unit u, *outer = c->u;
    open_unit(c, &u, SC_COMPREHENSION, e);
    c->u = &u;
    int r = 0;
    /* A comprehension that awaits is a coroutine; only a generator
     * expression may be one outside an async function. */
    if (u.coroutine && e->kind != AST_GeneratorExp && outer->scope != SC_ASYNC_FUNCTION &&
        outer->scope != SC_COMPREHENSION)
        r = fail(c, "asynchronous comprehension outside of an asynchronous function");
    else
        r = visit_comp_generator(c, e, gens, 0);
    c->u = outer;
    TRY(r);
    return visit_expr(c, ((const AstNode *)gens->items[0])->v.comprehension.iter);
}

static int visit_lambda(Checker *c, const AstNode *e)
{
    TRY(check_debug_args(c, e->v.Lambda.args));
    TRY(visit_defaults(c, e->v.Lambda.args));
    Unit u, *outer = c->u;
    open_unit(c, &u, SC_LAMBDA, e);
    c->u = &u;
    int r = visit_expr(c, e->v.Lambda.body);
    c->u = outer;
    return r;
}

static int visit_expr_inner(Checker *c, const AstNode *e)
{
    switch (e->kind) {
    case AST_BoolOp:
        return visit_exprs(c, e->v.BoolOp.values);
    case AST_NamedExpr:
        TRY(visit_expr(c, e->v.NamedExpr.value));
        return visit_expr(c, e->v.NamedExpr.target);
    case AST_BinOp:
        TRY(visit_expr(c, e->v.BinOp.left));
        return visit_expr(c, e->v.BinOp.right);
    case AST_UnaryOp:
        return visit_expr(c, e->v.UnaryOp.operand);
    case AST_Lambda:
        return visit_lambda(c, e);
    case AST_IfExp:
        TRY(visit_expr(c, e->v.IfExp.test));
        TRY(visit_expr(c, e->v.IfExp.body));
        return visit_expr(c, e->v.IfExp.orelse);
    case AST_Dict:
        for (int i = 0; i < e->v.Dict.keys->n; i++) {
            TRY(visit_opt(c, e->v.Dict.keys->items[i]));
            TRY(visit_expr(c, e->v.Dict.values->items[i]));
        }
        return 0;
    case AST_Set:
        return visit_display(c, e->v.Set.elts);
    case AST_ListComp:
        return visit_comprehension(c, e, e->v.ListComp.generators);
    case AST_SetComp:
        return visit_comprehension(c, e, e->v.SetComp.generators);
    case AST_DictComp:
        return visit_comprehension(c, e, e->v.DictComp.generators);
    case AST_GeneratorExp:
        return visit_comprehension(c, e, e->v.GeneratorExp.generators);
    case AST_Await:
        if (!c->u->function_block)
            return fail(c, "'await' outside function");
        if (c->u->scope != SC_ASYNC_FUNCTION && c->u->scope != SC_COMPREHENSION)
            return fail(c, "'await' outside async function");
        return visit_expr(c, e->v.Await.value);
    case AST_Yield:
        if (!c->u->function_block)
            return fail(c, "'yield' outside function");
        return visit_opt(c, e->v.Yield.value);
    case AST_YieldFrom:
        if (!c->u->function_block)
            return fail(c, "'yield' outside function");
        if (c->u->scope == SC_ASYNC_FUNCTION)
            return fail(c, "'yield from' inside async function");
        return visit_expr(c, e->v.YieldFrom.value);
    case AST_Compare:
        TRY(check_compare(c, e));
        TRY(visit_expr(c, e->v.Compare.left));
        return visit_exprs(c, e->v.Compare.comparators);
    case AST_Call:
        /* Keywords are validated before anything is visited. */
        TRY(validate_keywords(c, e->v.Call.keywords));
        TRY(check_caller(c, e->v.Call.func));
        TRY(visit_expr(c, e->v.Call.func));
        return visit_call_args(c, e->v.Call.args, e->v.Call.keywords);
    case AST_FormattedValue:
        TRY(visit_expr(c, e->v.FormattedValue.value));
        return visit_opt(c, e->v.FormattedValue.format_spec);
    case AST_JoinedStr:
        return visit_exprs(c, e->v.JoinedStr.values);
    case AST_Attribute:
        TRY(visit_expr(c, e->v.Attribute.value));
        attr_loc(c, e);
        if (e->v.Attribute.ctx == AST_Store)
            return check_name(c, e->v.Attribute.attr, AST_Store);
        return 0;
    case AST_Subscript:
        if (e->v.Subscript.ctx == AST_Load)
            TRY(check_subscript(c, e->v.Subscript.value, e->v.Subscript.slice));
        TRY(visit_expr(c, e->v.Subscript.value));
        return visit_expr(c, e->v.Subscript.slice);
    case AST_Starred:
        /* Displays, calls and unpacking targets handle their own stars. */
        if (e->v.Starred.ctx == AST_Store)
            return fail(c, "starred assignment target must be in a list or tuple");
        return fail(c, "can't use starred expression here");
    case AST_Name:
        return check_name(c, e->v.Name.id, e->v.Name.ctx);
    case AST_List:
        return visit_sequence(c, e->v.List.elts, e->v.List.ctx);
    case AST_Tuple:
        return visit_sequence(c, e->v.Tuple.elts, e->v.Tuple.ctx);
    case AST_Slice:
        TRY(visit_opt(c, e->v.Slice.lower));
        TRY(visit_opt(c, e->v.Slice.upper));
        return visit_opt(c, e->v.Slice.step);
    default: /* Constant */
        return 0;
    }
}

static int visit_expr(Checker *c, const AstNode *e)
{
    TRY(enter(c));
    AstPos saved = c->u->loc;
    set_loc(c, e);
    int r = visit_expr_inner(c, e);
    if (r == 0)
        c->u->loc = saved;
    c->depth--;
    return r;
}

/* ==== Match statements ==== */

/* A constant of a pattern after CPython's AST optimizer has folded signed
 * and complex numbers, for the duplicate-key check and its message. */
typedef enum { KV_NONE, KV_BOOL, KV_INT, KV_FLOAT, KV_COMPLEX, KV_STR, KV_BYTES } KeyKind;

typedef struct KeyVal {
    KeyKind kind;
    bool neg;                /* KV_INT: negative */
    const char *digits;      /* KV_INT: decimal digits, no sign, no leading zeros */
    size_t ndigits;
    char ibuf[24];           /* digits of a small int */
    double re, im;           /* KV_FLOAT (re), KV_COMPLEX */
    const char *s;           /* KV_STR (UTF-8), KV_BYTES */
    size_t len;
} KeyVal;

static void kv_small_int(KeyVal *k, uint64_t v, bool neg)
{
    k->kind = KV_INT;
    int n = snprintf(k->ibuf, sizeof k->ibuf, "%llu", (unsigned long long)v);
    k->digits = k->ibuf;
    k->ndigits = (size_t)n;
    k->neg = neg && v != 0;
}

static double kv_as_double(const KeyVal *k)
{
    if (k->kind == KV_INT || k->kind == KV_BOOL) {
        char buf[512];
        size_t n = k->ndigits < sizeof buf - 2 ? k->ndigits : sizeof buf - 2;
        buf[0] = k->neg ? '-' : '+';
        memcpy(buf + 1, k->digits, n);
        buf[n + 1] = '\0';
        return k->ndigits > n ? (k->neg ? -HUGE_VAL : HUGE_VAL) : strtod(buf, NULL);
    }
    return k->re;
}

/* Folds a pattern key or value; false when it is not a literal. */
static bool fold_const(const AstNode *e, KeyVal *k)
{
    memset(k, 0, sizeof *k);
    if (e->kind == AST_Constant) {
        const AstConstant *v = &e->v.Constant.value;
        switch (v->kind) {
        case AST_CONST_NONE:
            k->kind = KV_NONE;
            return true;
        case AST_CONST_TRUE:
        case AST_CONST_FALSE:
            kv_small_int(k, v->kind == AST_CONST_TRUE, false);
            k->kind = KV_BOOL;
            return true;
        case AST_CONST_INT:
            kv_small_int(k, v->u.i < 0 ? (uint64_t)0 - (uint64_t)v->u.i : (uint64_t)v->u.i,
                         v->u.i < 0);
            return true;
        case AST_CONST_BIGINT:
            k->kind = KV_INT;
            k->digits = v->u.s;
            k->ndigits = v->len;
            return true;
        case AST_CONST_FLOAT:
            k->kind = KV_FLOAT;
            k->re = v->u.f;
            return true;
        case AST_CONST_COMPLEX:
            k->kind = KV_COMPLEX;
            k->re = 0.0;
            k->im = v->u.f;
            return true;
        case AST_CONST_STR:
        case AST_CONST_BYTES:
            k->kind = v->kind == AST_CONST_STR ? KV_STR : KV_BYTES;
            k->s = v->u.s;
            k->len = v->len;
            return true;
        default:
            return false;
        }
    }
    if (e->kind == AST_UnaryOp && e->v.UnaryOp.op == AST_USub) {
        if (!fold_const(e->v.UnaryOp.operand, k))
            return false;
        switch (k->kind) {
        case KV_INT:
            k->neg = !k->neg && !(k->ndigits == 1 && k->digits[0] == '0');
            return true;
        case KV_FLOAT:
            k->re = -k->re;
            return true;
        case KV_COMPLEX:
            k->re = -k->re;
            k->im = -k->im;
            return true;
        default:
            return false;
        }
    }
    if (e->kind == AST_BinOp && (e->v.BinOp.op == AST_Add || e->v.BinOp.op == AST_Sub)) {
        KeyVal l, r;
        if (!fold_const(e->v.BinOp.left, &l) || !fold_const(e->v.BinOp.right, &r))
            return false;
        if (r.kind != KV_COMPLEX || (l.kind != KV_INT && l.kind != KV_FLOAT))
            return false;
        double lre = kv_as_double(&l);
        k->kind = KV_COMPLEX;
        if (e->v.BinOp.op == AST_Add) {
            k->re = lre + r.re;
            k->im = 0.0 + r.im;
        } else {
            k->re = lre - r.re;
            k->im = 0.0 - r.im;
        }
        return true;
    }
    return false;
}

/* The exact decimal digits of an integral double (|x| >= 1 or 0). */
static size_t double_digits(double x, char *out, size_t cap)
{
    x = fabs(x);
    int exp;
    double m = frexp(x, &exp);
    if (x == 0.0) {
        out[0] = '0';
        return 1;
    }
    /* x = mant * 2^(exp-53) with a 53-bit integer mant. */
    uint64_t mant = (uint64_t)ldexp(m, 53);
    int shift = exp - 53;
    while (shift < 0) {
        mant >>= 1;     /* integral, so the bits shifted out are zero */
        shift++;
    }
    /* Little-endian decimal digits, doubled `shift` times. */
    unsigned char d[400];
    size_t n = 0;
    for (uint64_t v = mant; v; v /= 10)
        d[n++] = (unsigned char)(v % 10);
    for (int i = 0; i < shift; i++) {
        int carry = 0;
        for (size_t j = 0; j < n; j++) {
            int v = d[j] * 2 + carry;
            d[j] = (unsigned char)(v % 10);
            carry = v / 10;
        }
        if (carry && n < sizeof d)
            d[n++] = (unsigned char)carry;
    }
    if (n > cap)
        n = cap;
    for (size_t j = 0; j < n; j++)
        out[j] = (char)('0' + d[n - 1 - j]);
    return n;
}

/* int == float, as Python compares them: exactly. */
static bool int_eq_double(const KeyVal *i, double x)
{
    if (!isfinite(x) || floor(x) != x)
        return false;
    if ((x < 0) != i->neg && x != 0.0)
        return false;
    char buf[400];
    size_t n = double_digits(x, buf, sizeof buf);
    return n == i->ndigits && memcmp(buf, i->digits, n) == 0;
}

static bool real_eq(const KeyVal *a, const KeyVal *b)
{
    bool ai = a->kind == KV_INT || a->kind == KV_BOOL;
    bool bi = b->kind == KV_INT || b->kind == KV_BOOL;
    if (ai && bi)
        return a->neg == b->neg && a->ndigits == b->ndigits &&
               memcmp(a->digits, b->digits, a->ndigits) == 0;
    if (ai)
        return int_eq_double(a, b->re);
    if (bi)
        return int_eq_double(b, a->re);
    return a->re == b->re;
}

static bool key_eq(const KeyVal *a, const KeyVal *b)
{
    if (a->kind == KV_NONE || b->kind == KV_NONE)
        return a->kind == b->kind;
    if (a->kind == KV_STR || a->kind == KV_BYTES || b->kind == KV_STR || b->kind == KV_BYTES)
        return a->kind == b->kind && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    if (a->kind == KV_COMPLEX || b->kind == KV_COMPLEX) {
        double aim = a->kind == KV_COMPLEX ? a->im : 0.0;
        double bim = b->kind == KV_COMPLEX ? b->im : 0.0;
        if (aim != bim)
            return false;
        /* Compare the real parts; the copies' digits still point at the
         * originals'. */
        KeyVal ar = *a, br = *b;
        if (ar.kind == KV_COMPLEX)
            ar.kind = KV_FLOAT;
        if (br.kind == KV_COMPLEX)
            br.kind = KV_FLOAT;
        return real_eq(&ar, &br);
    }
    return real_eq(a, b);
}

/* A string builder on a fixed buffer: the message has a fixed size. */
typedef struct Out {
    char *p;
    size_t n, cap;
} Out;

static void out_s(Out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && o->n + 1 < o->cap; i++)
        o->p[o->n++] = s[i];
    o->p[o->n] = '\0';
}

static void out_c(Out *o, const char *s) { out_s(o, s, strlen(s)); }

/* float repr without the ".0" an integral value gets: complex's parts. */
static void out_complex_part(Out *o, double x)
{
    char buf[64];
    size_t n = numfmt_repr(x, buf);
    if (n >= 2 && buf[n - 2] == '.' && buf[n - 1] == '0')
        n -= 2;
    out_s(o, buf, n);
}

/* Decodes one UTF-8 sequence (lone surrogates included); returns its length. */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char b = s[0];
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (n > len)
        n = len;
    uint32_t v = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3Fu);
    *cp = v;
    return n;
}

static void out_quoted(Out *o, const char *s, size_t len, bool bytes)
{
    bool has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = has_sq && !has_dq ? '"' : '\'';
    char buf[16];
    if (bytes)
        out_c(o, "b");
    out_s(o, &q, 1);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = bytes ? 1 : utf8_next(u + i, len - i, &cp);
        if (bytes)
            cp = u[i];
        if (cp == (uint32_t)q || cp == '\\') {
            buf[0] = '\\';
            buf[1] = (char)cp;
            out_s(o, buf, 2);
        } else if (cp == '\t') {
            out_c(o, "\\t");
        } else if (cp == '\n') {
            out_c(o, "\\n");
        } else if (cp == '\r') {
            out_c(o, "\\r");
        } else if (cp < 0x20 || cp == 0x7F || (bytes && cp >= 0x80)) {
            snprintf(buf, sizeof buf, "\\x%02x", (unsigned)cp);
            out_c(o, buf);
        } else if (cp < 0x80 || (!bytes && unicode_isprintable(cp))) {
            out_s(o, (const char *)u + i, n);
        } else {
            if (cp < 0x100)
                snprintf(buf, sizeof buf, "\\x%02x", (unsigned)cp);
            else if (cp < 0x10000)
                snprintf(buf, sizeof buf, "\\u%04x", (unsigned)cp);
            else
                snprintf(buf, sizeof buf, "\\U%08x", (unsigned)cp);
            out_c(o, buf);
        }
        i += n;
    }
    out_s(o, &q, 1);
}

/* repr() of a folded constant. */
static void key_repr(const KeyVal *k, char *buf, size_t cap)
{
    Out o = { buf, 0, cap };
    buf[0] = '\0';
    switch (k->kind) {
    case KV_NONE:
        out_c(&o, "None");
        break;
    case KV_BOOL:
        out_c(&o, k->digits[0] == '1' ? "True" : "False");
        break;
    case KV_INT:
        if (k->neg)
            out_c(&o, "-");
        out_s(&o, k->digits, k->ndigits);
        break;
    case KV_FLOAT: {
        char tmp[64];
        out_s(&o, tmp, numfmt_repr(k->re, tmp));
        break;
    }
    case KV_COMPLEX:
        if (k->re == 0.0 && !signbit(k->re)) {
            out_complex_part(&o, k->im);
            out_c(&o, "j");
        } else {
            out_c(&o, "(");
            out_complex_part(&o, k->re);
            if (!signbit(k->im) || isnan(k->im))
                out_c(&o, "+");
            out_complex_part(&o, k->im);
            out_c(&o, "j)");
        }
        break;
    case KV_STR:
    case KV_BYTES:
        out_quoted(&o, k->s, k->len, k->kind == KV_BYTES);
        break;
    }
}

static bool names_has(const NameList *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], name) == 0)
            return true;
    return false;
}

static bool names_add(NameList *l, const char *name)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        const char **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = name;
    return true;
}

/* CPython's pattern_helper_store_name. */
static int store_name(Checker *c, PatCtx *pc, const char *name)
{
    if (!name)
        return 0;
    TRY(check_name(c, name, AST_Store));
    if (names_has(&pc->stores, name)) {
        char buf[400];
        Out o = { buf, 0, sizeof buf };
        buf[0] = '\0';
        out_quoted(&o, name, strlen(name), false);
        return fail(c, "multiple assignments to name %s in pattern", buf);
    }
    if (!names_add(&pc->stores, name))
        return nomem(c);
    return 0;
}

static bool is_wildcard(const AstNode *p)
{
    return p->kind == AST_MatchAs && !p->v.MatchAs.pattern && !p->v.MatchAs.name;
}

static bool is_star_wildcard(const AstNode *p)
{
    return p->kind == AST_MatchStar && !p->v.MatchStar.name;
}

static int visit_pattern(Checker *c, const AstNode *p, PatCtx *pc);

/* A sub-pattern of a sequence, mapping or class: irrefutable is fine there. */
static int visit_subpattern(Checker *c, const AstNode *p, PatCtx *pc)
{
    bool allow = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    TRY(visit_pattern(c, p, pc));
    pc->allow_irrefutable = allow;
    return 0;
}

static int visit_match_sequence(Checker *c, const AstNode *p, PatCtx *pc)
{
    const AstSeq *pats = p->v.MatchSequence.patterns;
    int star = -1;
    bool only_wildcard = true, star_wildcard = false;
    for (int i = 0; i < pats->n; i++) {
        const AstNode *q = pats->items[i];
        if (q->kind == AST_MatchStar) {
            if (star >= 0)
                return fail(c, "multiple starred names in sequence pattern");
            star_wildcard = is_star_wildcard(q);
            only_wildcard = only_wildcard && star_wildcard;
            star = i;
            continue;
        }
        only_wildcard = only_wildcard && is_wildcard(q);
    }
    /* Which sub-patterns the compiler visits (it matters only for the
     * location later errors are reported at). */
    if (only_wildcard)
        return 0;
    for (int i = 0; i < pats->n; i++) {
        const AstNode *q = pats->items[i];
        if (star_wildcard && (i == star || is_wildcard(q)))
            continue;
        TRY(visit_subpattern(c, q, pc));
    }
    return 0;
}

static int visit_match_mapping(Checker *c, const AstNode *p, PatCtx *pc)
{
    const AstSeq *keys = p->v.MatchMapping.keys;
    const AstSeq *pats = p->v.MatchMapping.patterns;
    const char *rest = p->v.MatchMapping.rest;
    if (keys->n == 0 && !rest)
        return 0;
    KeyVal *seen = NULL;
    if (keys->n > 0) {
        seen = malloc((size_t)keys->n * sizeof *seen);
        if (!seen)
            return nomem(c);
    }
    int nseen = 0;
    for (int i = 0; i < keys->n; i++) {
        const AstNode *key = keys->items[i];
        KeyVal k;
        if (fold_const(key, &k)) {
            for (int j = 0; j < nseen; j++) {
                if (key_eq(&seen[j], &k)) {
                    char buf[400];
                    key_repr(&k, buf, sizeof buf);
                    free(seen);
                    return fail(c, "mapping pattern checks duplicate key (%s)", buf);
                }
            }
            seen[nseen] = k;
            /* A small int's digits live in the KeyVal itself. */
            if (k.digits == k.ibuf)
                seen[nseen].digits = seen[nseen].ibuf;
            nseen++;
        } else if (key->kind != AST_Attribute) {
            free(seen);
            return fail(c, "mapping pattern keys may only match literals and attribute lookups");
        }
    }
    free(seen);
    for (int i = 0; i < pats->n; i++)
        TRY(visit_subpattern(c, pats->items[i], pc));
    return store_name(c, pc, rest);
}

static int visit_match_class(Checker *c, const AstNode *p, PatCtx *pc)
{
    const AstSeq *pats = p->v.MatchClass.patterns;
    const AstSeq *attrs = p->v.MatchClass.kwd_attrs;
    const AstSeq *kpats = p->v.MatchClass.kwd_patterns;
    for (int i = 0; attrs && i < attrs->n; i++) {
        const char *attr = attrs->items[i];
        set_loc(c, kpats->items[i]);
        TRY(check_name(c, attr, AST_Store));
        for (int j = i + 1; j < attrs->n; j++) {
            if (strcmp(attr, (const char *)attrs->items[j]) == 0) {
                set_loc(c, kpats->items[j]);
                return fail(c, "attribute name repeated in class pattern: %s", attr);
            }
        }
    }
    TRY(visit_expr(c, p->v.MatchClass.cls));
    int npos = pats ? pats->n : 0, nkw = kpats ? kpats->n : 0;
    for (int i = 0; i < npos + nkw; i++) {
        const AstNode *q = i < npos ? pats->items[i] : kpats->items[i - npos];
        if (is_wildcard(q))
            continue;
        TRY(visit_subpattern(c, q, pc));
    }
    return 0;
}

static int visit_match_as(Checker *c, const AstNode *p, PatCtx *pc)
{
    const char *name = p->v.MatchAs.name;
    if (!p->v.MatchAs.pattern) {
        if (!pc->allow_irrefutable) {
            if (name) {
                char buf[400];
                Out o = { buf, 0, sizeof buf };
                buf[0] = '\0';
                out_quoted(&o, name, strlen(name), false);
                return fail(c, "name capture %s makes remaining patterns unreachable", buf);
            }
            return fail(c, "wildcard makes remaining patterns unreachable");
        }
        return store_name(c, pc, name);
    }
    TRY(visit_pattern(c, p->v.MatchAs.pattern, pc));
    return store_name(c, pc, name);
}

/* Same names, in any order. */
static bool same_names(const NameList *a, const NameList *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (!names_has(b, a->v[i]))
            return false;
    return true;
}

static int visit_match_or(Checker *c, const AstNode *p, PatCtx *pc)
{
    const AstSeq *alts = p->v.MatchOr.patterns;
    NameList control = { 0 };
    int r = 0;
    for (int i = 0; i < alts->n && r == 0; i++) {
        /* Each alternative binds into a list of its own; only the last may
         * be irrefutable, and only where the whole pattern may. */
        PatCtx alt = { { 0 }, i == alts->n - 1 && pc->allow_irrefutable };
        r = visit_pattern(c, alts->items[i], &alt);
        if (r == 0) {
            if (i == 0) {
                control = alt.stores;
                alt.stores.v = NULL;
            } else if (!same_names(&control, &alt.stores)) {
                r = fail(c, "alternative patterns bind different names");
            }
        }
        free(alt.stores.v);
    }
    for (int i = 0; r == 0 && i < control.n; i++)
        r = store_name(c, pc, control.v[i]);
    free(control.v);
    return r;
}

static int visit_pattern(Checker *c, const AstNode *p, PatCtx *pc)
{
    TRY(enter(c));
    set_loc(c, p);
    int r = 0;
    KeyVal k;
    switch (p->kind) {
    case AST_MatchValue:
        if (!fold_const(p->v.MatchValue.value, &k) && p->v.MatchValue.value->kind != AST_Attribute)
            r = fail(c, "patterns may only match literals and attribute lookups");
        else if (p->v.MatchValue.value->kind == AST_Attribute)
            r = visit_expr(c, p->v.MatchValue.value);
        break;
    case AST_MatchSequence:
        r = visit_match_sequence(c, p, pc);
        break;
    case AST_MatchMapping:
        r = visit_match_mapping(c, p, pc);
        break;
    case AST_MatchClass:
        r = visit_match_class(c, p, pc);
        break;
    case AST_MatchStar:
        r = store_name(c, pc, p->v.MatchStar.name);
        break;
    case AST_MatchAs:
        r = visit_match_as(c, p, pc);
        break;
    case AST_MatchOr:
        r = visit_match_or(c, p, pc);
        break;
    default: /* MatchSingleton */
        break;
    }
    c->depth--;
    return r;
}

static int visit_match(Checker *c, const AstNode *s)
{
    TRY(visit_expr(c, s->v.Match.subject));
    const AstSeq *cases = s->v.Match.cases;
    const AstNode *last = cases->items[cases->n - 1];
    /* A final `case _:` is compiled without a pattern test. */
    int has_default = is_wildcard(last->v.match_case.pattern) && cases->n > 1;
    for (int i = 0; i < cases->n - has_default; i++) {
        const AstNode *m = cases->items[i];
        set_loc(c, m->v.match_case.pattern);
        /* Irrefutable cases must be either guarded, last, or both. */
        PatCtx pc = { { 0 }, m->v.match_case.guard != NULL || i == cases->n - 1 };
        int r = visit_pattern(c, m->v.match_case.pattern, &pc);
        free(pc.stores.v);
        TRY(r);
        TRY(visit_opt(c, m->v.match_case.guard));
        TRY(visit_stmts(c, m->v.match_case.body));
    }
    if (has_default) {
        set_loc(c, last->v.match_case.pattern);
        TRY(visit_opt(c, last->v.match_case.guard));
        TRY(visit_stmts(c, last->v.match_case.body));
    }
    return 0;
}

/* ==== Entry ==== */

int compile_checks(const AstNode *mod, const SymTable *st, SyntaxErrorInfo *err,
                   CompileWarnings *warnings)
{
    Checker c = { st, err, NULL, 0, (st->future_features & FUTURE_ANNOTATIONS) != 0, warnings };
    Unit u;
    open_unit(&c, &u, SC_MODULE, NULL);
    c.u = &u;
    switch (mod->kind) {
    case AST_Module:
        return visit_stmts(&c, mod->v.Module.body);
    case AST_Interactive:
        return visit_stmts(&c, mod->v.Interactive.body);
    case AST_Expression:
        return visit_expr(&c, mod->v.Expression.body);
    default:
        return 0;
    }
}

void compile_warnings_free(CompileWarnings *w)
{
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

void compile_warnings_print(FILE *out, const char *filename, const CompileWarnings *w,
                            const char *buf, const char *buf_end, bool bom)
{
    for (int i = 0; i < w->n; i++) {
        int lineno = w->v[i].pos.lineno;
        fprintf(out, "%s:%d: SyntaxWarning: %s\n", filename, lineno, w->v[i].msg);
        /* The line CPython re-reads from the file; buf holds it decoded. */
        const char *p = buf;
        for (int l = 1; l < lineno && p < buf_end; l++) {
            const char *nl = memchr(p, '\n', (size_t)(buf_end - p));
            p = nl ? nl + 1 : buf_end;
        }
        if (lineno < 1 || p >= buf_end)
            continue;
        const char *e = memchr(p, '\n', (size_t)(buf_end - p));
        if (!e)
            e = buf_end;
        /* CPython shows it as _Py_DisplaySourceLine does: leading spaces,
         * tabs and form feeds dropped, the rest kept as it is. */
        /* The re-read text (io.TextIOWrapper with the encoding CPython
         * finds, "utf-8" for a BOM) keeps a BOM on line 1. */
        const char *mark = bom && lineno == 1 ? "\xEF\xBB\xBF" : "";
        if (!*mark)
            while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
                p++;
        fprintf(out, "  %s%.*s\n", mark, (int)(e - p), p);
    }
}
