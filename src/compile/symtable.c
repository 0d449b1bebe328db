/* Symbol tables: the walk that records how each block uses each name, and
 * the analysis that resolves every name to a scope.  See symtable.h.
 *
 * The behaviour is CPython 3.11's, down to the order in which things are
 * visited (it decides the order of children, which of two errors is
 * reported, and the order of parameters), learned from its documentation
 * and by experiment with python3.11's `symtable` module and compile().
 * Comments name the CPython quirks that are kept on purpose.
 *
 * Names are interned per table: every spelling is stored once, so symbols,
 * sets and comparisons work on pointers.  Everything the table keeps is in
 * the caller's arena; the analysis' temporary name sets are in a scratch
 * arena freed when it ends. */
#include "compile/symtable.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The parser already refuses trees deeper than about 3,000 levels (as
 * CPython does), so this bound is a safety net for trees built by other
 * means: the walk must never overflow the C stack. */
enum { MAX_DEPTH = 10000 };

/* ==== Growable arena arrays ==== */

/* Returns `items` with room for one more element beyond `count`, moved to a
 * bigger arena block when full, or NULL when out of memory.  The old block
 * stays in the arena until it is freed: doubling keeps that waste below the
 * final size. */
static void *grow_array(Arena *a, void *items, int count, int *cap, size_t elem)
{
    if (count < *cap)
        return items;
    int ncap = *cap ? *cap * 2 : 4;
    void *n = arena_alloc(a, (size_t)ncap * elem);
    if (!n)
        return NULL;
    if (count)
        memcpy(n, items, (size_t)count * elem);
    *cap = ncap;
    return n;
}

/* ==== Hashing ==== */

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Interned names are compared and hashed by address. */
static uint32_t hash_ptr(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

/* ==== The table-wide index: interned names, AST node -> block ==== */

typedef struct NodeEntry {
    const AstNode *node;
    SymBlock *block;
} NodeEntry;

struct SymIndex {
    const char **names;      /* open addressing; NULL is empty */
    uint32_t *hashes;
    int names_cap, nnames;
    NodeEntry *nodes;        /* open addressing; node NULL is empty */
    int nodes_cap, nnodes;
};

static const char *intern_find(const struct SymIndex *ix, const char *s, size_t len, uint32_t h)
{
    if (ix->names_cap == 0)
        return NULL;
    unsigned mask = (unsigned)ix->names_cap - 1;
    for (unsigned i = h & mask;; i = (i + 1) & mask) {
        const char *n = ix->names[i];
        if (!n)
            return NULL;
        if (ix->hashes[i] == h && strncmp(n, s, len) == 0 && n[len] == '\0')
            return n;
    }
}

static bool intern_resize(Arena *a, struct SymIndex *ix)
{
    int cap = ix->names_cap ? ix->names_cap * 2 : 256;
    const char **names = arena_alloc(a, (size_t)cap * sizeof *names);
    uint32_t *hashes = arena_alloc(a, (size_t)cap * sizeof *hashes);
    if (!names || !hashes)
        return false;
    unsigned mask = (unsigned)cap - 1;
    for (int j = 0; j < ix->names_cap; j++) {
        if (!ix->names[j])
            continue;
        unsigned i = ix->hashes[j] & mask;
        while (names[i])
            i = (i + 1) & mask;
        names[i] = ix->names[j];
        hashes[i] = ix->hashes[j];
    }
    ix->names = names;
    ix->hashes = hashes;
    ix->names_cap = cap;
    return true;
}

/* The table's copy of s[0:len], made on first sight.  NULL: out of memory. */
static const char *intern(Arena *a, struct SymIndex *ix, const char *s, size_t len)
{
    uint32_t h = hash_bytes(s, len);
    const char *found = intern_find(ix, s, len, h);
    if (found)
        return found;
    if ((ix->nnames + 1) * 2 > ix->names_cap && !intern_resize(a, ix))
        return NULL;
    char *copy = arena_strndup(a, s, len);
    if (!copy)
        return NULL;
    unsigned mask = (unsigned)ix->names_cap - 1;
    unsigned i = h & mask;
    while (ix->names[i])
        i = (i + 1) & mask;
    ix->names[i] = copy;
    ix->hashes[i] = h;
    ix->nnames++;
    return copy;
}

static bool node_map_put(Arena *a, struct SymIndex *ix, const AstNode *node, SymBlock *block)
{
    if ((ix->nnodes + 1) * 2 > ix->nodes_cap) {
        int cap = ix->nodes_cap ? ix->nodes_cap * 2 : 64;
        NodeEntry *nodes = arena_alloc(a, (size_t)cap * sizeof *nodes);
        if (!nodes)
            return false;
        unsigned mask = (unsigned)cap - 1;
        for (int j = 0; j < ix->nodes_cap; j++) {
            if (!ix->nodes[j].node)
                continue;
            unsigned i = hash_ptr(ix->nodes[j].node) & mask;
            while (nodes[i].node)
                i = (i + 1) & mask;
            nodes[i] = ix->nodes[j];
        }
        ix->nodes = nodes;
        ix->nodes_cap = cap;
    }
    unsigned mask = (unsigned)ix->nodes_cap - 1;
    unsigned i = hash_ptr(node) & mask;
    while (ix->nodes[i].node && ix->nodes[i].node != node)
        i = (i + 1) & mask;
    if (!ix->nodes[i].node)
        ix->nnodes++;
    ix->nodes[i].node = node;
    ix->nodes[i].block = block;
    return true;
}

SymBlock *symtable_block_of(const SymTable *st, const AstNode *node)
{
    const struct SymIndex *ix = st->index_;
    if (!node || ix->nodes_cap == 0)
        return NULL;
    unsigned mask = (unsigned)ix->nodes_cap - 1;
    for (unsigned i = hash_ptr(node) & mask; ix->nodes[i].node; i = (i + 1) & mask)
        if (ix->nodes[i].node == node)
            return ix->nodes[i].block;
    return NULL;
}

/* ==== Blocks and their symbols ==== */

typedef struct Directive {
    const char *name;        /* mangled, interned */
    AstPos pos;
} Directive;

struct SymBlockPriv {
    int *slots;              /* symbol index + 1 by hash of the name; 0 is empty */
    int slots_cap;
    int symbols_cap, children_cap, params_cap;
    /* Where each global / nonlocal declaration (or walrus target standing
     * for one) was made: the analysis reports its errors there. */
    Directive *directives;
    int ndirectives, directives_cap;
    /* > 0 while walking a comprehension's iterable: no walrus allowed, even
     * inside a nested lambda or comprehension (inherited by new blocks). */
    int comp_iter_expr;
    /* Walking a comprehension's `for` target: names get DEF_COMP_ITER. */
    bool comp_iter_target;
};

static Symbol *find_symbol(const SymBlock *b, const char *interned)
{
    const struct SymBlockPriv *p = b->priv_;
    if (p->slots_cap == 0)
        return NULL;
    unsigned mask = (unsigned)p->slots_cap - 1;
    for (unsigned i = hash_ptr(interned) & mask; p->slots[i]; i = (i + 1) & mask) {
        Symbol *s = &b->symbols[p->slots[i] - 1];
        if (s->name == interned)
            return s;
    }
    return NULL;
}

/* Appends a symbol with no flags.  Pointers to the block's symbols are
 * invalid afterwards. */
static Symbol *add_symbol(Arena *a, SymBlock *b, const char *interned)
{
    struct SymBlockPriv *p = b->priv_;
    Symbol *syms = grow_array(a, b->symbols, b->nsymbols, &p->symbols_cap, sizeof *syms);
    if (!syms)
        return NULL;
    b->symbols = syms;
    if ((b->nsymbols + 1) * 2 > p->slots_cap) {
        int cap = p->slots_cap ? p->slots_cap * 2 : 16;
        int *slots = arena_alloc(a, (size_t)cap * sizeof *slots);
        if (!slots)
            return NULL;
        unsigned mask = (unsigned)cap - 1;
        for (int j = 0; j < b->nsymbols; j++) {
            unsigned i = hash_ptr(b->symbols[j].name) & mask;
            while (slots[i])
                i = (i + 1) & mask;
            slots[i] = j + 1;
        }
        p->slots = slots;
        p->slots_cap = cap;
    }
    unsigned mask = (unsigned)p->slots_cap - 1;
    unsigned i = hash_ptr(interned) & mask;
    while (p->slots[i])
        i = (i + 1) & mask;
    p->slots[i] = b->nsymbols + 1;
    Symbol *s = &b->symbols[b->nsymbols++];
    s->name = interned;
    s->flags = 0;
    s->scope = SCOPE_NONE;
    s->param_index = s->cell_index = s->free_index = -1;
    return s;
}

Symbol *symblock_lookup(const SymTable *st, const SymBlock *b, const char *name)
{
    size_t len = strlen(name);
    const char *interned = intern_find(st->index_, name, len, hash_bytes(name, len));
    return interned ? find_symbol(b, interned) : NULL;
}

/* ==== Private-name mangling ==== */

/* How many leading bytes of `private_name` are skipped (its underscores)
 * when `name` is mangled in that class, or -1 when `name` is left alone:
 * outside a class, a name not starting with "__", a dunder name ending in
 * "__", a dotted module name, or a class named only with underscores. */
static int mangle_skip(const char *private_name, const char *name, size_t len)
{
    if (!private_name || len < 2 || name[0] != '_' || name[1] != '_')
        return -1;
    if (name[len - 1] == '_' && name[len - 2] == '_')
        return -1;
    if (memchr(name, '.', len))
        return -1;
    int skip = 0;
    while (private_name[skip] == '_')
        skip++;
    return private_name[skip] ? skip : -1;
}

const char *symtable_mangle(Arena *arena, const char *private_name, const char *name)
{
    size_t len = strlen(name);
    int skip = mangle_skip(private_name, name, len);
    if (skip < 0)
        return name;
    const char *cls = private_name + skip;
    size_t clen = strlen(cls);
    char *out = arena_alloc(arena, 1 + clen + len + 1);
    if (!out)
        return NULL;
    out[0] = '_';
    memcpy(out + 1, cls, clen);
    memcpy(out + 1 + clen, name, len + 1);
    return out;
}

/* ==== The walk ==== */

typedef struct Builder {
    Arena *arena;
    SymTable *st;
    struct SymIndex *ix;
    SyntaxErrorInfo *err;
    SymBlock *cur;           /* innermost open block; its parents are the stack */
    SymBlock *module;        /* where `global` declarations are also recorded */
    const char *private_name;/* class name for mangling, or NULL */
    int depth;
    bool future_annotations;
    /* The first `from __future__ import` after the file's leading ones:
     * CPython's compiler rejects it once the symbol table is built. */
    bool late_future;
    AstPos late_future_pos;
    const char *n_class;     /* interned "__class__" */
} Builder;

#define TRY(x) do { if (!(x)) return false; } while (0)

static bool nomem(Builder *b)
{
    memset(b->err, 0, sizeof *b->err);
    b->err->kind = SYNERR_NOMEM;
    return false;
}

static void set_error(SyntaxErrorInfo *err, AstPos pos, const char *fmt, va_list ap)
{
    memset(err, 0, sizeof *err);
    err->kind = SYNERR_SYNTAX;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    err->lineno = pos.lineno;
    err->col_offset = pos.col_offset;
    err->end_lineno = pos.end_lineno;
    err->end_col_offset = pos.end_col_offset;
    err->byte_offsets = true;
}

/* A SyntaxError spanning `pos` (CPython's ranged location: the node's
 * line, column + 1, end line, end column + 1). */
static bool error_at(Builder *b, AstPos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error(b->err, pos, fmt, ap);
    va_end(ap);
    return false;
}

static const char *intern_name(Builder *b, const char *name)
{
    return intern(b->arena, b->ix, name, strlen(name));
}

/* The interned, mangled form of `name` in the current class context. */
static const char *mangled(Builder *b, const char *name)
{
    size_t len = strlen(name);
    int skip = mangle_skip(b->private_name, name, len);
    if (skip < 0)
        return intern(b->arena, b->ix, name, len);
    const char *cls = b->private_name + skip;
    size_t clen = strlen(cls);
    size_t total = 1 + clen + len;
    char small[256];
    char *buf = total < sizeof small ? small : arena_alloc(b->arena, total + 1);
    if (!buf)
        return NULL;
    buf[0] = '_';
    memcpy(buf + 1, cls, clen);
    memcpy(buf + 1 + clen, name, len);
    return intern(b->arena, b->ix, buf, total);
}

static SymBlock *new_block(Builder *b, const char *name, SymBlockKind kind, const AstNode *node,
                           AstPos pos)
{
    SymBlock *blk = arena_alloc(b->arena, sizeof *blk);
    struct SymBlockPriv *p = arena_alloc(b->arena, sizeof *p);
    const char *iname = intern_name(b, name);
    if (!blk || !p || !iname)
        return NULL;
    blk->kind = kind;
    blk->name = iname;
    blk->node = node;
    blk->pos = pos;
    blk->parent = b->cur;
    blk->private_name = b->private_name;
    blk->priv_ = p;
    if (b->cur) {
        blk->nested = b->cur->nested || b->cur->kind == BLOCK_FUNCTION;
        p->comp_iter_expr = b->cur->priv_->comp_iter_expr;
    }
    return blk;
}

/* Opens a block nested in the current one.  Annotation blocks are walked
 * but belong to nobody: CPython neither lists nor analyses them. */
static bool enter_block(Builder *b, const char *name, SymBlockKind kind, const AstNode *node,
                        AstPos pos)
{
    SymBlock *blk = new_block(b, name, kind, node, pos);
    if (!blk)
        return nomem(b);
    SymBlock *parent = b->cur;
    b->cur = blk;
    if (kind == BLOCK_ANNOTATION)
        return true;
    if (kind == BLOCK_MODULE)
        b->module = blk;
    if (!node_map_put(b->arena, b->ix, node, blk))
        return nomem(b);
    if (parent) {
        SymBlock **kids = grow_array(b->arena, parent->children, parent->nchildren,
                                     &parent->priv_->children_cap, sizeof *kids);
        if (!kids)
            return nomem(b);
        parent->children = kids;
        kids[parent->nchildren++] = blk;
    }
    return true;
}

static void exit_block(Builder *b)
{
    b->cur = b->cur->parent;
}

/* Records `flag` for `name` (mangled here) in block `blk`. */
static bool add_def_in(Builder *b, const char *name, unsigned flag, SymBlock *blk, AstPos pos)
{
    const char *m = mangled(b, name);
    if (!m)
        return nomem(b);
    Symbol *s = find_symbol(blk, m);
    unsigned val = flag;
    if (s) {
        if ((flag & DEF_PARAM) && (s->flags & DEF_PARAM))
            return error_at(b, pos, "duplicate argument '%s' in function definition", name);
        val |= s->flags;
    }
    if (blk->priv_->comp_iter_target) {
        /* A comprehension's iteration variable may not also be the target
         * of a walrus seen earlier in the same comprehension. */
        if (val & (DEF_GLOBAL | DEF_NONLOCAL))
            return error_at(b, pos,
                            "comprehension inner loop cannot rebind assignment expression "
                            "target '%s'", name);
        val |= DEF_COMP_ITER;
    }
    if (!s && !(s = add_symbol(b->arena, blk, m)))
        return nomem(b);
    s->flags = val;
    if (flag & DEF_PARAM) {
        const char **params = grow_array(b->arena, blk->params, blk->nparams,
                                         &blk->priv_->params_cap, sizeof *params);
        if (!params)
            return nomem(b);
        blk->params = params;
        params[blk->nparams++] = m;
    } else if (flag & DEF_GLOBAL) {
        /* A global declaration anywhere also marks the module's symbol. */
        Symbol *g = find_symbol(b->module, m);
        if (!g && !(g = add_symbol(b->arena, b->module, m)))
            return nomem(b);
        g->flags |= flag;
    }
    return true;
}

static bool add_def(Builder *b, const char *name, unsigned flag, AstPos pos)
{
    return add_def_in(b, name, flag, b->cur, pos);
}

static bool record_directive(Builder *b, const char *name, AstPos pos)
{
    const char *m = mangled(b, name);
    if (!m)
        return nomem(b);
    struct SymBlockPriv *p = b->cur->priv_;
    Directive *d = grow_array(b->arena, p->directives, p->ndirectives, &p->directives_cap,
                              sizeof *d);
    if (!d)
        return nomem(b);
    p->directives = d;
    d[p->ndirectives].name = m;
    d[p->ndirectives].pos = pos;
    p->ndirectives++;
    return true;
}

/* The flags `name` (mangled here) has so far in the current block. */
static bool current_flags(Builder *b, const char *name, unsigned *flags)
{
    const char *m = mangled(b, name);
    if (!m)
        return nomem(b);
    Symbol *s = find_symbol(b->cur, m);
    *flags = s ? s->flags : 0;
    return true;
}

/* The flags of `name` in `blk` looked up WITHOUT mangling, as CPython's
 * walrus checks do (so a mangled iteration variable escapes them). */
static unsigned raw_flags(Builder *b, const SymBlock *blk, const char *name)
{
    size_t len = strlen(name);
    const char *interned = intern_find(b->ix, name, len, hash_bytes(name, len));
    Symbol *s = interned ? find_symbol(blk, interned) : NULL;
    return s ? s->flags : 0;
}

static bool visit_expr(Builder *b, const AstNode *e);
static bool visit_stmt(Builder *b, const AstNode *s);
static bool visit_pattern(Builder *b, const AstNode *p);

static bool visit_exprs(Builder *b, const AstSeq *seq)
{
    if (seq)
        for (int i = 0; i < seq->n; i++)
            if (seq->items[i])   /* NULL: a `**` key in a dict display, a missing kw default */
                TRY(visit_expr(b, seq->items[i]));
    return true;
}

static bool visit_stmts(Builder *b, const AstSeq *seq)
{
    if (seq)
        for (int i = 0; i < seq->n; i++)
            TRY(visit_stmt(b, seq->items[i]));
    return true;
}

static bool visit_patterns(Builder *b, const AstSeq *seq)
{
    if (seq)
        for (int i = 0; i < seq->n; i++)
            TRY(visit_pattern(b, seq->items[i]));
    return true;
}

static bool visit_keywords(Builder *b, const AstSeq *seq)
{
    if (seq)
        for (int i = 0; i < seq->n; i++)
            TRY(visit_expr(b, ((const AstNode *)seq->items[i])->v.keyword.value));
    return true;
}

static bool visit_params(Builder *b, const AstSeq *args)
{
    if (args)
        for (int i = 0; i < args->n; i++) {
            const AstNode *a = args->items[i];
            TRY(add_def(b, a->v.arg.arg, DEF_PARAM, a->pos));
        }
    return true;
}

static int seq_len(const AstSeq *seq)
{
    return seq ? seq->n : 0;
}

/* Parameters in co_varnames order: positional-only, positional,
 * keyword-only, then *args and **kwargs. */
static bool visit_arguments(Builder *b, const AstNode *args)
{
    const struct AstV_arguments *a = &args->v.arguments;
    TRY(visit_params(b, a->posonlyargs));
    TRY(visit_params(b, a->args));
    TRY(visit_params(b, a->kwonlyargs));
    if (a->vararg) {
        TRY(add_def(b, a->vararg->v.arg.arg, DEF_PARAM, a->vararg->pos));
        b->cur->varargs = true;
    }
    if (a->kwarg) {
        TRY(add_def(b, a->kwarg->v.arg.arg, DEF_PARAM, a->kwarg->pos));
        b->cur->varkeywords = true;
    }
    b->cur->posonlyargcount = seq_len(a->posonlyargs);
    b->cur->argcount = b->cur->posonlyargcount + seq_len(a->args);
    b->cur->kwonlyargcount = seq_len(a->kwonlyargs);
    return true;
}

/* Under `from __future__ import annotations` an annotation is walked in a
 * block of its own, so it binds nothing where it appears. */
static bool visit_annotation(Builder *b, const AstNode *annotation)
{
    if (!b->future_annotations)
        return visit_expr(b, annotation);
    TRY(enter_block(b, "_annotation", BLOCK_ANNOTATION, annotation, annotation->pos));
    TRY(visit_expr(b, annotation));
    exit_block(b);
    return true;
}

static bool visit_arg_annotations(Builder *b, const AstSeq *args)
{
    if (args)
        for (int i = 0; i < args->n; i++) {
            const AstNode *a = args->items[i];
            if (a->v.arg.annotation)
                TRY(visit_expr(b, a->v.arg.annotation));
        }
    return true;
}

/* A function's parameter and return annotations, in CPython's order:
 * positional-only, positional, *args, **kwargs, keyword-only, return. */
static bool visit_annotations(Builder *b, const AstNode *def, const AstNode *args,
                              const AstNode *returns)
{
    const struct AstV_arguments *a = &args->v.arguments;
    if (b->future_annotations)
        TRY(enter_block(b, "_annotation", BLOCK_ANNOTATION, def, def->pos));
    TRY(visit_arg_annotations(b, a->posonlyargs));
    TRY(visit_arg_annotations(b, a->args));
    if (a->vararg && a->vararg->v.arg.annotation)
        TRY(visit_expr(b, a->vararg->v.arg.annotation));
    if (a->kwarg && a->kwarg->v.arg.annotation)
        TRY(visit_expr(b, a->kwarg->v.arg.annotation));
    TRY(visit_arg_annotations(b, a->kwonlyargs));
    if (b->future_annotations)
        exit_block(b);
    if (returns)
        TRY(visit_annotation(b, returns));
    return true;
}

static bool visit_function(Builder *b, const AstNode *s, const char *name, const AstNode *args,
                           const AstSeq *body, const AstSeq *decorators, const AstNode *returns,
                           bool is_async)
{
    TRY(add_def(b, name, DEF_LOCAL, s->pos));
    TRY(visit_exprs(b, args->v.arguments.defaults));
    TRY(visit_exprs(b, args->v.arguments.kw_defaults));
    TRY(visit_annotations(b, s, args, returns));
    TRY(visit_exprs(b, decorators));
    TRY(enter_block(b, name, BLOCK_FUNCTION, s, s->pos));
    if (is_async)
        b->cur->coroutine = true;
    TRY(visit_arguments(b, args));
    TRY(visit_stmts(b, body));
    exit_block(b);
    return true;
}

static bool visit_class(Builder *b, const AstNode *s)
{
    const struct AstV_ClassDef *c = &s->v.ClassDef;
    TRY(add_def(b, c->name, DEF_LOCAL, s->pos));
    TRY(visit_exprs(b, c->bases));
    TRY(visit_keywords(b, c->keywords));
    TRY(visit_exprs(b, c->decorator_list));
    TRY(enter_block(b, c->name, BLOCK_CLASS, s, s->pos));
    const char *saved = b->private_name;
    b->private_name = b->cur->private_name = b->cur->name;
    TRY(visit_stmts(b, c->body));
    b->private_name = saved;
    exit_block(b);
    return true;
}

static bool visit_ann_assign(Builder *b, const AstNode *s)
{
    const struct AstV_AnnAssign *a = &s->v.AnnAssign;
    const AstNode *target = a->target;
    if (target->kind == AST_Name) {
        const char *name = target->v.Name.id;
        unsigned cur;
        TRY(current_flags(b, name, &cur));
        if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && b->cur != b->module && a->simple)
            return error_at(b, s->pos, (cur & DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                          : "annotated name '%s' can't be nonlocal",
                            name);
        if (a->simple)
            TRY(add_def(b, name, DEF_ANNOT | DEF_LOCAL, target->pos));
        else if (a->value)
            /* `(x): int = 1` binds x without annotating it; `(x): int`
             * does neither. */
            TRY(add_def(b, name, DEF_LOCAL, target->pos));
    } else {
        TRY(visit_expr(b, target));
    }
    TRY(visit_annotation(b, a->annotation));
    if (a->value)
        TRY(visit_expr(b, a->value));
    return true;
}

/* global / nonlocal: a name already used, bound or annotated in this block
 * cannot be declared afterwards. */
static bool visit_declaration(Builder *b, const AstNode *s, bool global)
{
    const AstSeq *names = global ? s->v.Global.names : s->v.Nonlocal.names;
    const char *what = global ? "global" : "nonlocal";
    for (int i = 0; i < names->n; i++) {
        const char *name = names->items[i];
        unsigned cur;
        TRY(current_flags(b, name, &cur));
        if (cur & DEF_PARAM)
            return error_at(b, s->pos, "name '%s' is parameter and %s", name, what);
        if (cur & DEF_USE)
            return error_at(b, s->pos, "name '%s' is used prior to %s declaration", name, what);
        if (cur & DEF_ANNOT)
            return error_at(b, s->pos, "annotated name '%s' can't be %s", name, what);
        if (cur & DEF_LOCAL)
            return error_at(b, s->pos, "name '%s' is assigned to before %s declaration", name,
                            what);
        TRY(add_def(b, name, global ? DEF_GLOBAL : DEF_NONLOCAL, s->pos));
        TRY(record_directive(b, name, s->pos));
    }
    return true;
}

/* `import a.b.c as d` binds d; `import a.b.c` binds a. */
static bool visit_alias(Builder *b, const AstNode *alias)
{
    const char *name = alias->v.alias.asname ? alias->v.alias.asname : alias->v.alias.name;
    if (strcmp(name, "*") == 0) {
        if (b->cur->kind != BLOCK_MODULE)
            return error_at(b, alias->pos, "import * only allowed at module level");
        return true;
    }
    const char *dot = strchr(name, '.');
    if (!dot)
        return add_def(b, name, DEF_IMPORT, alias->pos);
    char *first = arena_strndup(b->arena, name, (size_t)(dot - name));
    if (!first)
        return nomem(b);
    return add_def(b, first, DEF_IMPORT, alias->pos);
}

static bool visit_import_from(Builder *b, const AstNode *s)
{
    const char *module = s->v.ImportFrom.module;
    if (module && strcmp(module, "__future__") == 0 && s->pos.lineno > b->st->future_lineno) {
        AstPos p = s->pos;
        if (!b->late_future || p.lineno < b->late_future_pos.lineno ||
            (p.lineno == b->late_future_pos.lineno &&
             p.col_offset < b->late_future_pos.col_offset)) {
            b->late_future = true;
            b->late_future_pos = p;
        }
    }
    const AstSeq *names = s->v.ImportFrom.names;
    for (int i = 0; i < names->n; i++)
        TRY(visit_alias(b, names->items[i]));
    return true;
}

/* Counts one level of the walk's recursion (undone by the caller). */
static bool enter_level(Builder *b)
{
    if (++b->depth <= MAX_DEPTH)
        return true;
    memset(b->err, 0, sizeof *b->err);
    b->err->kind = SYNERR_RECURSION;
    snprintf(b->err->msg, sizeof b->err->msg,
             "maximum recursion depth exceeded during compilation");
    return false;
}

/* try / try*: the else clause is walked before the handlers, as CPython
 * does (it decides which of two errors is reported, and children order). */
static bool visit_try(Builder *b, const AstSeq *body, const AstSeq *handlers,
                      const AstSeq *orelse, const AstSeq *finalbody)
{
    TRY(visit_stmts(b, body));
    TRY(visit_stmts(b, orelse));
    for (int i = 0; handlers && i < handlers->n; i++) {
        const AstNode *h = handlers->items[i];
        if (h->v.ExceptHandler.type)
            TRY(visit_expr(b, h->v.ExceptHandler.type));
        if (h->v.ExceptHandler.name)
            TRY(add_def(b, h->v.ExceptHandler.name, DEF_LOCAL, h->pos));
        TRY(visit_stmts(b, h->v.ExceptHandler.body));
    }
    return visit_stmts(b, finalbody);
}

static bool visit_stmt(Builder *b, const AstNode *s)
{
    TRY(enter_level(b));
    switch (s->kind) {
    case AST_FunctionDef: {
        const struct AstV_FunctionDef *f = &s->v.FunctionDef;
        TRY(visit_function(b, s, f->name, f->args, f->body, f->decorator_list, f->returns, false));
        break;
    }
    case AST_AsyncFunctionDef: {
        const struct AstV_AsyncFunctionDef *f = &s->v.AsyncFunctionDef;
        TRY(visit_function(b, s, f->name, f->args, f->body, f->decorator_list, f->returns, true));
        break;
    }
    case AST_ClassDef:
        TRY(visit_class(b, s));
        break;
    case AST_Return:
        if (s->v.Return.value) {
            TRY(visit_expr(b, s->v.Return.value));
            b->cur->returns_value = true;
        }
        break;
    case AST_Delete:
        TRY(visit_exprs(b, s->v.Delete.targets));
        break;
    case AST_Assign:
        TRY(visit_exprs(b, s->v.Assign.targets));
        TRY(visit_expr(b, s->v.Assign.value));
        break;
    case AST_AugAssign:
        TRY(visit_expr(b, s->v.AugAssign.target));
        TRY(visit_expr(b, s->v.AugAssign.value));
        break;
    case AST_AnnAssign:
        TRY(visit_ann_assign(b, s));
        break;
    case AST_For:
        TRY(visit_expr(b, s->v.For.target));
        TRY(visit_expr(b, s->v.For.iter));
        TRY(visit_stmts(b, s->v.For.body));
        TRY(visit_stmts(b, s->v.For.orelse));
        break;
    case AST_AsyncFor:
        TRY(visit_expr(b, s->v.AsyncFor.target));
        TRY(visit_expr(b, s->v.AsyncFor.iter));
        TRY(visit_stmts(b, s->v.AsyncFor.body));
        TRY(visit_stmts(b, s->v.AsyncFor.orelse));
        break;
    case AST_While:
        TRY(visit_expr(b, s->v.While.test));
        TRY(visit_stmts(b, s->v.While.body));
        TRY(visit_stmts(b, s->v.While.orelse));
        break;
    case AST_If:
        TRY(visit_expr(b, s->v.If.test));
        TRY(visit_stmts(b, s->v.If.body));
        TRY(visit_stmts(b, s->v.If.orelse));
        break;
    case AST_With:
    case AST_AsyncWith: {
        const AstSeq *items = s->kind == AST_With ? s->v.With.items : s->v.AsyncWith.items;
        for (int i = 0; i < items->n; i++) {
            const AstNode *item = items->items[i];
            TRY(visit_expr(b, item->v.withitem.context_expr));
            if (item->v.withitem.optional_vars)
                TRY(visit_expr(b, item->v.withitem.optional_vars));
        }
        TRY(visit_stmts(b, s->kind == AST_With ? s->v.With.body : s->v.AsyncWith.body));
        break;
    }
    case AST_Match: {
        TRY(visit_expr(b, s->v.Match.subject));
        const AstSeq *cases = s->v.Match.cases;
        for (int i = 0; i < cases->n; i++) {
            const AstNode *c = cases->items[i];
            TRY(visit_pattern(b, c->v.match_case.pattern));
            if (c->v.match_case.guard)
                TRY(visit_expr(b, c->v.match_case.guard));
            TRY(visit_stmts(b, c->v.match_case.body));
        }
        break;
    }
    case AST_Raise:
        if (s->v.Raise.exc) {
            TRY(visit_expr(b, s->v.Raise.exc));
            if (s->v.Raise.cause)
                TRY(visit_expr(b, s->v.Raise.cause));
        }
        break;
    case AST_Try:
        TRY(visit_try(b, s->v.Try.body, s->v.Try.handlers, s->v.Try.orelse,
                      s->v.Try.finalbody));
        break;
    case AST_TryStar:
        TRY(visit_try(b, s->v.TryStar.body, s->v.TryStar.handlers, s->v.TryStar.orelse,
                      s->v.TryStar.finalbody));
        break;
    case AST_Assert:
        TRY(visit_expr(b, s->v.Assert.test));
        if (s->v.Assert.msg)
            TRY(visit_expr(b, s->v.Assert.msg));
        break;
    case AST_Import: {
        const AstSeq *names = s->v.Import.names;
        for (int i = 0; i < names->n; i++)
            TRY(visit_alias(b, names->items[i]));
        break;
    }
    case AST_ImportFrom:
        TRY(visit_import_from(b, s));
        break;
    case AST_Global:
        TRY(visit_declaration(b, s, true));
        break;
    case AST_Nonlocal:
        TRY(visit_declaration(b, s, false));
        break;
    case AST_Expr:
        TRY(visit_expr(b, s->v.Expr.value));
        break;
    case AST_Pass:
    case AST_Break:
    case AST_Continue:
    default:
        break;
    }
    b->depth--;
    return true;
}

/* In an annotation block (future annotations) these expressions would
 * have effects the string form of the annotation cannot keep. */
static bool forbid_in_annotation(Builder *b, const char *what, const AstNode *e)
{
    if (b->cur->kind != BLOCK_ANNOTATION)
        return true;
    return error_at(b, e->pos, "'%s' can not be used within an annotation", what);
}

/* A walrus inside a comprehension binds in the nearest enclosing function
 * (or the module), and the comprehensions in between see the name as
 * nonlocal (or global). */
static bool extend_walrus_scope(Builder *b, const AstNode *target)
{
    const char *name = target->v.Name.id;
    for (SymBlock *blk = b->cur; blk; blk = blk->parent) {
        if (blk->comprehension != COMP_NONE) {
            if (raw_flags(b, blk, name) & DEF_COMP_ITER)
                return error_at(b, target->pos,
                                "assignment expression cannot rebind comprehension iteration "
                                "variable '%s'", name);
            continue;
        }
        if (blk->kind == BLOCK_FUNCTION) {
            unsigned f = (raw_flags(b, blk, name) & DEF_GLOBAL) ? DEF_GLOBAL : DEF_NONLOCAL;
            TRY(add_def(b, name, f, target->pos));
            TRY(record_directive(b, name, target->pos));
            return add_def_in(b, name, DEF_LOCAL, blk, target->pos);
        }
        if (blk->kind == BLOCK_MODULE) {
            TRY(add_def(b, name, DEF_GLOBAL, target->pos));
            TRY(record_directive(b, name, target->pos));
            return add_def_in(b, name, DEF_GLOBAL, blk, target->pos);
        }
        if (blk->kind == BLOCK_CLASS)
            return error_at(b, target->pos,
                            "assignment expression within a comprehension cannot be used in a "
                            "class body");
        /* An annotation block: look further out. */
    }
    return true;
}

static bool visit_comprehension_tail(Builder *b, const AstNode *gen)
{
    const struct AstV_comprehension *c = &gen->v.comprehension;
    b->cur->priv_->comp_iter_target = true;
    TRY(visit_expr(b, c->target));
    b->cur->priv_->comp_iter_target = false;
    b->cur->priv_->comp_iter_expr++;
    TRY(visit_expr(b, c->iter));
    b->cur->priv_->comp_iter_expr--;
    TRY(visit_exprs(b, c->ifs));
    if (c->is_async)
        b->cur->coroutine = true;
    return true;
}

/* A comprehension is a function of its own, called with the outermost
 * iterator (evaluated in the enclosing block) as its parameter ".0". */
static bool visit_comprehension(Builder *b, const AstNode *e, const char *name, SymCompKind kind,
                                const AstSeq *generators, const AstNode *elt,
                                const AstNode *value)
{
    const AstNode *outer = generators->items[0];
    const struct AstV_comprehension *oc = &outer->v.comprehension;
    b->cur->priv_->comp_iter_expr++;
    TRY(visit_expr(b, oc->iter));
    b->cur->priv_->comp_iter_expr--;
    TRY(enter_block(b, name, BLOCK_FUNCTION, e, e->pos));
    SymBlock *comp = b->cur;
    comp->comprehension = kind;
    if (oc->is_async)
        comp->coroutine = true;
    TRY(add_def(b, ".0", DEF_PARAM, comp->pos));
    comp->argcount = 1;
    comp->priv_->comp_iter_target = true;
    TRY(visit_expr(b, oc->target));
    comp->priv_->comp_iter_target = false;
    TRY(visit_exprs(b, oc->ifs));
    for (int i = 1; i < generators->n; i++)
        TRY(visit_comprehension_tail(b, generators->items[i]));
    if (value)
        TRY(visit_expr(b, value));
    TRY(visit_expr(b, elt));
    comp->generator = kind == COMP_GENEXP;
    /* CPython 3.11 rule: a list, set or dict comprehension that is a
     * coroutine (async for or await anywhere in its own block, including
     * through comprehensions nested in it) makes the block it appears in a
     * coroutine too, since it is run inline by that block and awaited there.
     * A generator expression is only an async generator object and does
     * not propagate; neither does a lambda or def (they are other blocks). */
    bool propagate = comp->coroutine && kind != COMP_GENEXP;
    exit_block(b);
    if (propagate)
        b->cur->coroutine = true;
    return true;
}

static bool visit_yield(Builder *b, const AstNode *e, const AstNode *value)
{
    TRY(forbid_in_annotation(b, "yield expression", e));
    if (value)
        TRY(visit_expr(b, value));
    b->cur->generator = true;
    switch (b->cur->comprehension) {
    case COMP_NONE:
        return true;
    case COMP_LIST:
        return error_at(b, e->pos, "'yield' inside list comprehension");
    case COMP_SET:
        return error_at(b, e->pos, "'yield' inside set comprehension");
    case COMP_DICT:
        return error_at(b, e->pos, "'yield' inside dict comprehension");
    case COMP_GENEXP:
    default:
        return error_at(b, e->pos, "'yield' inside generator expression");
    }
}

static bool visit_expr(Builder *b, const AstNode *e)
{
    TRY(enter_level(b));
    switch (e->kind) {
    case AST_NamedExpr:
        TRY(forbid_in_annotation(b, "named expression", e));
        if (b->cur->priv_->comp_iter_expr > 0)
            return error_at(b, e->pos, "assignment expression cannot be used in a comprehension "
                                       "iterable expression");
        if (b->cur->comprehension != COMP_NONE)
            TRY(extend_walrus_scope(b, e->v.NamedExpr.target));
        TRY(visit_expr(b, e->v.NamedExpr.value));
        TRY(visit_expr(b, e->v.NamedExpr.target));
        break;
    case AST_BoolOp:
        TRY(visit_exprs(b, e->v.BoolOp.values));
        break;
    case AST_BinOp:
        TRY(visit_expr(b, e->v.BinOp.left));
        TRY(visit_expr(b, e->v.BinOp.right));
        break;
    case AST_UnaryOp:
        TRY(visit_expr(b, e->v.UnaryOp.operand));
        break;
    case AST_Lambda: {
        const AstNode *args = e->v.Lambda.args;
        TRY(visit_exprs(b, args->v.arguments.defaults));
        TRY(visit_exprs(b, args->v.arguments.kw_defaults));
        TRY(enter_block(b, "lambda", BLOCK_FUNCTION, e, e->pos));
        TRY(visit_arguments(b, args));
        TRY(visit_expr(b, e->v.Lambda.body));
        exit_block(b);
        break;
    }
    case AST_IfExp:
        TRY(visit_expr(b, e->v.IfExp.test));
        TRY(visit_expr(b, e->v.IfExp.body));
        TRY(visit_expr(b, e->v.IfExp.orelse));
        break;
    case AST_Dict:
        /* All keys, then all values. */
        TRY(visit_exprs(b, e->v.Dict.keys));
        TRY(visit_exprs(b, e->v.Dict.values));
        break;
    case AST_Set:
        TRY(visit_exprs(b, e->v.Set.elts));
        break;
    case AST_GeneratorExp:
        TRY(visit_comprehension(b, e, "genexpr", COMP_GENEXP, e->v.GeneratorExp.generators,
                                e->v.GeneratorExp.elt, NULL));
        break;
    case AST_ListComp:
        TRY(visit_comprehension(b, e, "listcomp", COMP_LIST, e->v.ListComp.generators,
                                e->v.ListComp.elt, NULL));
        break;
    case AST_SetComp:
        TRY(visit_comprehension(b, e, "setcomp", COMP_SET, e->v.SetComp.generators,
                                e->v.SetComp.elt, NULL));
        break;
    case AST_DictComp:
        TRY(visit_comprehension(b, e, "dictcomp", COMP_DICT, e->v.DictComp.generators,
                                e->v.DictComp.key, e->v.DictComp.value));
        break;
    case AST_Yield:
        TRY(visit_yield(b, e, e->v.Yield.value));
        break;
    case AST_YieldFrom:
        TRY(visit_yield(b, e, e->v.YieldFrom.value));
        break;
    case AST_Await:
        TRY(forbid_in_annotation(b, "await expression", e));
        TRY(visit_expr(b, e->v.Await.value));
        b->cur->coroutine = true;
        break;
    case AST_Compare:
        TRY(visit_expr(b, e->v.Compare.left));
        TRY(visit_exprs(b, e->v.Compare.comparators));
        break;
    case AST_Call:
        TRY(visit_expr(b, e->v.Call.func));
        TRY(visit_exprs(b, e->v.Call.args));
        TRY(visit_keywords(b, e->v.Call.keywords));
        break;
    case AST_FormattedValue:
        TRY(visit_expr(b, e->v.FormattedValue.value));
        if (e->v.FormattedValue.format_spec)
            TRY(visit_expr(b, e->v.FormattedValue.format_spec));
        break;
    case AST_JoinedStr:
        TRY(visit_exprs(b, e->v.JoinedStr.values));
        break;
    case AST_Attribute:
        TRY(visit_expr(b, e->v.Attribute.value));
        break;
    case AST_Subscript:
        TRY(visit_expr(b, e->v.Subscript.value));
        TRY(visit_expr(b, e->v.Subscript.slice));
        break;
    case AST_Starred:
        TRY(visit_expr(b, e->v.Starred.value));
        break;
    case AST_Slice:
        if (e->v.Slice.lower)
            TRY(visit_expr(b, e->v.Slice.lower));
        if (e->v.Slice.upper)
            TRY(visit_expr(b, e->v.Slice.upper));
        if (e->v.Slice.step)
            TRY(visit_expr(b, e->v.Slice.step));
        break;
    case AST_Name: {
        const char *id = e->v.Name.id;
        bool load = e->v.Name.ctx == AST_Load;
        TRY(add_def(b, id, load ? DEF_USE : DEF_LOCAL, e->pos));
        /* super() finds the class through the __class__ cell. */
        if (load && b->cur->kind == BLOCK_FUNCTION && strcmp(id, "super") == 0)
            TRY(add_def(b, "__class__", DEF_USE, e->pos));
        break;
    }
    case AST_List:
        TRY(visit_exprs(b, e->v.List.elts));
        break;
    case AST_Tuple:
        TRY(visit_exprs(b, e->v.Tuple.elts));
        break;
    case AST_Constant:
    default:
        break;
    }
    b->depth--;
    return true;
}

static bool visit_pattern(Builder *b, const AstNode *p)
{
    switch (p->kind) {
    case AST_MatchValue:
        return visit_expr(b, p->v.MatchValue.value);
    case AST_MatchSingleton:
        return true;
    case AST_MatchSequence:
        return visit_patterns(b, p->v.MatchSequence.patterns);
    case AST_MatchStar:
        return !p->v.MatchStar.name || add_def(b, p->v.MatchStar.name, DEF_LOCAL, p->pos);
    case AST_MatchMapping:
        TRY(visit_exprs(b, p->v.MatchMapping.keys));
        TRY(visit_patterns(b, p->v.MatchMapping.patterns));
        return !p->v.MatchMapping.rest || add_def(b, p->v.MatchMapping.rest, DEF_LOCAL, p->pos);
    case AST_MatchClass:
        TRY(visit_expr(b, p->v.MatchClass.cls));
        TRY(visit_patterns(b, p->v.MatchClass.patterns));
        return visit_patterns(b, p->v.MatchClass.kwd_patterns);
    case AST_MatchAs:
        if (p->v.MatchAs.pattern)
            TRY(visit_pattern(b, p->v.MatchAs.pattern));
        return !p->v.MatchAs.name || add_def(b, p->v.MatchAs.name, DEF_LOCAL, p->pos);
    case AST_MatchOr:
        return visit_patterns(b, p->v.MatchOr.patterns);
    default:
        return true;
    }
}

/* ==== __future__ ==== */

static bool is_docstring(const AstNode *s)
{
    return s->kind == AST_Expr && s->v.Expr.value->kind == AST_Constant &&
           s->v.Expr.value->v.Constant.value.kind == AST_CONST_STR;
}

/* An error located by line and column only (no end): one caret. */
static bool error_at_column(Builder *b, int lineno, int col, const char *fmt, ...)
{
    AstPos pos = {lineno, col, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    set_error(b->err, pos, fmt, ap);
    va_end(ap);
    return false;
}

static bool check_future_features(Builder *b, const AstNode *s)
{
    static const char *const accepted[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "generator_stop",
    };
    const AstSeq *names = s->v.ImportFrom.names;
    for (int i = 0; i < names->n; i++) {
        const char *feature = ((const AstNode *)names->items[i])->v.alias.name;
        bool known = false;
        for (size_t j = 0; j < sizeof accepted / sizeof accepted[0]; j++)
            if (strcmp(feature, accepted[j]) == 0)
                known = true;
        if (known)
            continue;
        if (strcmp(feature, "annotations") == 0)
            b->st->future_features |= FUTURE_ANNOTATIONS;
        else if (strcmp(feature, "barry_as_FLUFL") == 0)
            b->st->future_features |= FUTURE_BARRY_AS_BDFL;
        else if (strcmp(feature, "braces") == 0)
            return error_at_column(b, s->pos.lineno, s->pos.col_offset, "not a chance");
        else
            return error_at_column(b, s->pos.lineno, s->pos.col_offset,
                                   "future feature %s is not defined", feature);
    }
    return true;
}

/* The leading `from __future__ import` statements (after an optional
 * docstring) set the features.  Any later one is an error: here when it
 * follows another statement on the same line (CPython checks that case
 * early), otherwise after the walk (see visit_import_from). */
static bool parse_future(Builder *b, const AstNode *mod)
{
    const AstSeq *body = mod->kind == AST_Module ? mod->v.Module.body
                       : mod->kind == AST_Interactive ? mod->v.Interactive.body : NULL;
    if (!body || body->n == 0)
        return true;
    int i = is_docstring(body->items[0]) ? 1 : 0;
    bool done = false;
    int prev_line = 0;
    for (; i < body->n; i++) {
        const AstNode *s = body->items[i];
        if (done && s->pos.lineno > prev_line)
            return true;
        prev_line = s->pos.lineno;
        if (s->kind == AST_ImportFrom && s->v.ImportFrom.module &&
            strcmp(s->v.ImportFrom.module, "__future__") == 0) {
            if (done)
                /* CPython gives the 0-based column as the 1-based offset
                 * here: the caret lands one column early. */
                return error_at_column(b, s->pos.lineno, s->pos.col_offset - 1,
                                       "from __future__ imports must occur at the beginning "
                                       "of the file");
            TRY(check_future_features(b, s));
            b->st->future_lineno = s->pos.lineno;
        } else {
            done = true;
        }
    }
    return true;
}

/* ==== The analysis ==== */

/* A set of interned names, open addressing by address. */
typedef struct NameSet {
    const char **slots;
    int cap, count;
} NameSet;

typedef struct Analyzer {
    Arena scratch;           /* the sets; freed when the analysis ends */
    Arena *arena;            /* the table's */
    SymTable *st;
    SyntaxErrorInfo *err;
    const char *n_class;
} Analyzer;

static bool set_contains(const NameSet *s, const char *name)
{
    if (s->cap == 0)
        return false;
    unsigned mask = (unsigned)s->cap - 1;
    for (unsigned i = hash_ptr(name) & mask; s->slots[i]; i = (i + 1) & mask)
        if (s->slots[i] == name)
            return true;
    return false;
}

static bool set_rehash(Analyzer *a, NameSet *s, int cap)
{
    const char **slots = arena_alloc(&a->scratch, (size_t)cap * sizeof *slots);
    if (!slots)
        return false;
    unsigned mask = (unsigned)cap - 1;
    for (int j = 0; j < s->cap; j++) {
        if (!s->slots[j])
            continue;
        unsigned i = hash_ptr(s->slots[j]) & mask;
        while (slots[i])
            i = (i + 1) & mask;
        slots[i] = s->slots[j];
    }
    s->slots = slots;
    s->cap = cap;
    return true;
}

static bool set_add(Analyzer *a, NameSet *s, const char *name)
{
    if (set_contains(s, name))
        return true;
    if ((s->count + 1) * 2 > s->cap && !set_rehash(a, s, s->cap ? s->cap * 2 : 8))
        return false;
    unsigned mask = (unsigned)s->cap - 1;
    unsigned i = hash_ptr(name) & mask;
    while (s->slots[i])
        i = (i + 1) & mask;
    s->slots[i] = name;
    s->count++;
    return true;
}

/* Removes `name`, shifting later entries of its probe run back so lookups
 * never need tombstones. */
static void set_discard(NameSet *s, const char *name)
{
    if (s->cap == 0)
        return;
    unsigned mask = (unsigned)s->cap - 1;
    unsigned i = hash_ptr(name) & mask;
    while (s->slots[i] && s->slots[i] != name)
        i = (i + 1) & mask;
    if (!s->slots[i])
        return;
    s->slots[i] = NULL;
    s->count--;
    for (unsigned j = (i + 1) & mask; s->slots[j]; j = (j + 1) & mask) {
        unsigned home = hash_ptr(s->slots[j]) & mask;
        /* Move slots[j] into the hole at i if i lies on its probe path
         * (cyclically between home and j). */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            s->slots[i] = s->slots[j];
            s->slots[j] = NULL;
            i = j;
        }
    }
}

static bool set_update(Analyzer *a, NameSet *dst, const NameSet *src)
{
    for (int i = 0; i < src->cap; i++)
        if (src->slots[i] && !set_add(a, dst, src->slots[i]))
            return false;
    return true;
}

static bool set_copy(Analyzer *a, NameSet *dst, const NameSet *src)
{
    *dst = (NameSet){0};
    if (src->count == 0)
        return true;
    dst->slots = arena_alloc(&a->scratch, (size_t)src->cap * sizeof *dst->slots);
    if (!dst->slots)
        return false;
    memcpy(dst->slots, src->slots, (size_t)src->cap * sizeof *dst->slots);
    dst->cap = src->cap;
    dst->count = src->count;
    return true;
}

static bool analysis_nomem(Analyzer *a)
{
    memset(a->err, 0, sizeof *a->err);
    a->err->kind = SYNERR_NOMEM;
    return false;
}

/* An error about `name`, placed at the block's first global / nonlocal
 * declaration (or walrus standing for one) of that name. */
static bool error_at_directive(Analyzer *a, const SymBlock *blk, const char *name,
                               const char *fmt, ...)
{
    AstPos pos = {0, 0, 0, 0};
    const struct SymBlockPriv *p = blk->priv_;
    for (int i = 0; i < p->ndirectives; i++)
        if (p->directives[i].name == name) {
            pos = p->directives[i].pos;
            break;
        }
    va_list ap;
    va_start(ap, fmt);
    set_error(a->err, pos, fmt, ap);
    va_end(ap);
    return false;
}

/* Decides the scope of one symbol of `blk` from the names bound in the
 * enclosing functions (`bound`, NULL at module level) and declared global
 * (`global`), and records the block's own bindings and free names. */
static bool analyze_name(Analyzer *a, SymBlock *blk, Symbol *sym, NameSet *bound,
                         NameSet *local, NameSet *free, NameSet *global)
{
    const char *name = sym->name;
    unsigned flags = sym->flags;
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return error_at_directive(a, blk, name, "name '%s' is nonlocal and global", name);
        sym->scope = SCOPE_GLOBAL_EXPLICIT;
        if (!set_add(a, global, name))
            return analysis_nomem(a);
        if (bound)
            set_discard(bound, name);
        return true;
    }
    if (flags & DEF_NONLOCAL) {
        if (!bound)
            return error_at_directive(a, blk, name,
                                      "nonlocal declaration not allowed at module level");
        if (!set_contains(bound, name))
            return error_at_directive(a, blk, name, "no binding for nonlocal '%s' found", name);
        sym->scope = SCOPE_FREE;
        blk->has_free = true;
        return set_add(a, free, name) || analysis_nomem(a);
    }
    if (flags & DEF_BOUND) {
        sym->scope = SCOPE_LOCAL;
        if (!set_add(a, local, name))
            return analysis_nomem(a);
        set_discard(global, name);
        return true;
    }
    /* Bound in an enclosing function: free here. */
    if (bound && set_contains(bound, name)) {
        sym->scope = SCOPE_FREE;
        blk->has_free = true;
        return set_add(a, free, name) || analysis_nomem(a);
    }
    /* Otherwise a global, "implicit" even when an enclosing block declared
     * it: only the block's own declaration makes it explicit.  A nested
     * block reading a global that no enclosing block declared is marked
     * has_free, as CPython marks it. */
    if (!set_contains(global, name) && blk->nested)
        blk->has_free = true;
    sym->scope = SCOPE_GLOBAL_IMPLICIT;
    return true;
}

/* Locals that an inner block uses freely become cells, and stop being
 * free above this block. */
static void analyze_cells(SymBlock *blk, NameSet *free)
{
    for (int i = 0; i < blk->nsymbols; i++) {
        Symbol *s = &blk->symbols[i];
        if (s->scope == SCOPE_LOCAL && set_contains(free, s->name)) {
            s->scope = SCOPE_CELL;
            set_discard(free, s->name);
        }
    }
}

/* Names free in nested blocks pass through this one: a class keeps its own
 * binding of such a name (marked DEF_FREE_CLASS); elsewhere the name
 * becomes a free symbol here unless it is a global. */
static bool update_symbols(Analyzer *a, SymBlock *blk, const NameSet *bound, const NameSet *free)
{
    for (int i = 0; i < free->cap; i++) {
        const char *name = free->slots[i];
        if (!name)
            continue;
        Symbol *s = find_symbol(blk, name);
        if (s) {
            if (blk->kind == BLOCK_CLASS && (s->flags & (DEF_BOUND | DEF_GLOBAL)))
                s->flags |= DEF_FREE_CLASS;
            continue;
        }
        if (bound && !set_contains(bound, name))
            continue;
        if (!(s = add_symbol(a->arena, blk, name)))
            return analysis_nomem(a);
        s->scope = SCOPE_FREE;
    }
    return true;
}

static bool analyze_block(Analyzer *a, SymBlock *blk, NameSet *bound, NameSet *free,
                          NameSet *global);

/* Children get copies: what one child's analysis does to the sets must not
 * leak into its siblings. */
static bool analyze_child(Analyzer *a, SymBlock *child, const NameSet *bound,
                          const NameSet *global, NameSet *child_free)
{
    NameSet cbound, cglobal, cfree = {0};
    if (!set_copy(a, &cbound, bound) || !set_copy(a, &cglobal, global))
        return analysis_nomem(a);
    TRY(analyze_block(a, child, &cbound, &cfree, &cglobal));
    return set_update(a, child_free, &cfree) || analysis_nomem(a);
}

static bool analyze_block(Analyzer *a, SymBlock *blk, NameSet *bound, NameSet *free,
                          NameSet *global)
{
    NameSet local = {0}, newbound = {0}, newglobal = {0}, newfree = {0}, allfree = {0};
    bool is_class = blk->kind == BLOCK_CLASS;

    /* A class's own bindings are invisible to its methods, so what its
     * children see is fixed before its names are analysed. */
    if (is_class) {
        if (!set_update(a, &newglobal, global) || (bound && !set_update(a, &newbound, bound)))
            return analysis_nomem(a);
    }
    for (int i = 0; i < blk->nsymbols; i++)
        TRY(analyze_name(a, blk, &blk->symbols[i], bound, &local, free, global));
    if (!is_class) {
        if (blk->kind == BLOCK_FUNCTION && !set_update(a, &newbound, &local))
            return analysis_nomem(a);
        if ((bound && !set_update(a, &newbound, bound)) || !set_update(a, &newglobal, global))
            return analysis_nomem(a);
    } else if (!set_add(a, &newbound, a->n_class)) {
        /* Methods may use __class__ as if the class body had bound it. */
        return analysis_nomem(a);
    }

    for (int i = 0; i < blk->nchildren; i++) {
        SymBlock *child = blk->children[i];
        TRY(analyze_child(a, child, &newbound, &newglobal, &allfree));
        if (child->has_free || child->child_free)
            blk->child_free = true;
    }
    if (!set_update(a, &newfree, &allfree))
        return analysis_nomem(a);

    if (blk->kind == BLOCK_FUNCTION) {
        analyze_cells(blk, &newfree);
    } else if (is_class && set_contains(&newfree, a->n_class)) {
        set_discard(&newfree, a->n_class);
        blk->needs_class_closure = true;
    }
    TRY(update_symbols(a, blk, bound, &newfree));
    return set_update(a, free, &newfree) || analysis_nomem(a);
}

/* ==== co_cellvars / co_freevars ==== */

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Fills params/cells/frees indexes and the ordered cell and free lists of
 * every analysed block. */
static bool finish_block(Analyzer *a, SymBlock *blk)
{
    for (int i = 0; i < blk->nparams; i++) {
        Symbol *s = find_symbol(blk, blk->params[i]);
        if (s)
            s->param_index = i;
    }
    int ncells = 0, nfrees = 0;
    for (int i = 0; i < blk->nsymbols; i++) {
        const Symbol *s = &blk->symbols[i];
        ncells += s->scope == SCOPE_CELL;
        nfrees += s->scope == SCOPE_FREE || (s->flags & DEF_FREE_CLASS);
    }
    if (blk->needs_class_closure)
        ncells++;
    blk->cellvars = arena_alloc(a->arena, (size_t)(ncells + 1) * sizeof *blk->cellvars);
    blk->freevars = arena_alloc(a->arena, (size_t)(nfrees + 1) * sizeof *blk->freevars);
    if (!blk->cellvars || !blk->freevars)
        return analysis_nomem(a);

    /* Cells: parameters first, in parameter order; then the rest sorted. */
    int n = 0;
    if (blk->needs_class_closure)
        blk->cellvars[n++] = a->n_class;
    for (int i = 0; i < blk->nparams; i++) {
        Symbol *s = find_symbol(blk, blk->params[i]);
        if (s && s->scope == SCOPE_CELL)
            blk->cellvars[n++] = s->name;
    }
    int first_sorted = n;
    for (int i = 0; i < blk->nsymbols; i++) {
        const Symbol *s = &blk->symbols[i];
        if (s->scope == SCOPE_CELL && s->param_index < 0)
            blk->cellvars[n++] = s->name;
    }
    qsort(blk->cellvars + first_sorted, (size_t)(n - first_sorted), sizeof *blk->cellvars,
          cmp_names);
    blk->ncellvars = n;

    n = 0;
    for (int i = 0; i < blk->nsymbols; i++) {
        const Symbol *s = &blk->symbols[i];
        if (s->scope == SCOPE_FREE || (s->flags & DEF_FREE_CLASS))
            blk->freevars[n++] = s->name;
    }
    qsort(blk->freevars, (size_t)n, sizeof *blk->freevars, cmp_names);
    blk->nfreevars = n;

    for (int i = 0; i < blk->ncellvars; i++) {
        Symbol *s = find_symbol(blk, blk->cellvars[i]);
        if (s)
            s->cell_index = i;
    }
    for (int i = 0; i < blk->nfreevars; i++)
        find_symbol(blk, blk->freevars[i])->free_index = i;
    for (int i = 0; i < blk->nchildren; i++)
        TRY(finish_block(a, blk->children[i]));
    return true;
}

static bool analyze(SymTable *st, Arena *arena, const char *n_class, SyntaxErrorInfo *err)
{
    Analyzer a = {.arena = arena, .st = st, .err = err, .n_class = n_class};
    arena_init(&a.scratch);
    NameSet free = {0}, global = {0};
    bool ok = analyze_block(&a, st->top, NULL, &free, &global) && finish_block(&a, st->top);
    arena_free(&a.scratch);
    return ok;
}

/* ==== Entry point ==== */

SymTable *symtable_build(Arena *arena, const AstNode *mod, SyntaxErrorInfo *err)
{
    memset(err, 0, sizeof *err);
    SymTable *st = arena_alloc(arena, sizeof *st);
    struct SymIndex *ix = arena_alloc(arena, sizeof *ix);
    if (!st || !ix) {
        err->kind = SYNERR_NOMEM;
        return NULL;
    }
    st->index_ = ix;
    st->future_lineno = -1;
    Builder b = {.arena = arena, .st = st, .ix = ix, .err = err};
    if (!(b.n_class = intern_name(&b, "__class__"))) {
        nomem(&b);
        return NULL;
    }
    if (!parse_future(&b, mod))
        return NULL;
    b.future_annotations = (st->future_features & FUTURE_ANNOTATIONS) != 0;

    AstPos none = {0, 0, 0, 0};
    if (!enter_block(&b, "top", BLOCK_MODULE, mod, none))
        return NULL;
    st->top = b.cur;
    bool ok;
    switch (mod->kind) {
    case AST_Module:
        ok = visit_stmts(&b, mod->v.Module.body);
        break;
    case AST_Interactive:
        ok = visit_stmts(&b, mod->v.Interactive.body);
        break;
    case AST_Expression:
        ok = visit_expr(&b, mod->v.Expression.body);
        break;
    default:
        ok = error_at_column(&b, 0, -1, "this compiler does not handle FunctionType");
        break;
    }
    if (!ok || !analyze(st, arena, b.n_class, err))
        return NULL;
    if (b.late_future) {
        error_at(&b, b.late_future_pos,
                 "from __future__ imports must occur at the beginning of the file");
        return NULL;
    }
    return st;
}
