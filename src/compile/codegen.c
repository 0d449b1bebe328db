/* Code generation: from the AST and its symbol table to register bytecode.
 *
 * Registers.  A code object's frame is an array of registers: its locals
 * first (parameters, then the other fast locals, in co_varnames order),
 * then one register per cell variable and per free variable (each holding
 * its cell), then temporaries allocated like a stack (Lua's "freereg"):
 * compiling an expression takes the next free registers and gives them back
 * when its value has been consumed.  A read of a fast local uses the local's
 * own register as an operand, so `a + b` on two locals is one instruction.
 *
 * Exceptions.  While emitting, the compiler keeps a stack of active
 * handlers; every instruction records the innermost one, and the
 * exception table is made of the runs of instructions that share a
 * handler (CPython 3.11's scheme).  Code that leaves a protected region
 * early (return, break, continue out of try/finally or with) runs the
 * finally body inline, outside the region's handler, as CPython does.
 *
 * Positions.  Each instruction carries the span of the AST node it was
 * compiled for; the traceback printer draws its ^^^^ markers from it. */
#include <stdlib.h>
#include <string.h>

#include "compile/codegen.h"
#include "compile/unparse.h"
#include "core/bigint.h"
#include "vm/cache.h"

typedef struct {
    int *v;
    int n, cap;
} IntList;

typedef enum {
    FB_LOOP,            /* while: continue goes to `start` */
    FB_FOR_LOOP,        /* for */
    FB_TRY_EXCEPT,      /* the body of a try with except clauses */
    FB_FINALLY_TRY,     /* the body of a try with a finally */
    FB_FINALLY_END,     /* the finally body run for an exception */
    FB_WITH,            /* the body of a with */
    FB_HANDLER_CLEANUP, /* the body of an except clause */
    FB_ASYNC_WITH,
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int start;                  /* loops: continue target */
    IntList breaks;             /* loops: jumps to patch to the exit */
    const AstSeq *finalbody;    /* FB_FINALLY_TRY */
    int reg;                    /* with: the __exit__ register; handlers: the saved exception */
    int reg2;                   /* FB_FINALLY_END / handler: the exception */
    const char *name;           /* FB_HANDLER_CLEANUP: `except E as name` */
    int handler_depth;          /* the handler stack depth when the block opened */
    const AstNode *node;        /* with: the statement (its exit call's position) */
} FBlock;

typedef struct Handler {
    int pc;                     /* patched when the handler's code is emitted */
    int reg;
} Handler;

typedef struct Unit {
    struct Unit *parent;
    const SymBlock *block;
    KrInstr *code;
    KrPosition *pos;
    int *handler_of;            /* per instruction: index into handlers, or -1 */
    int n, cap;
    Handler *handlers;
    int nhandlers, handlers_cap;
    int *hstack;                /* active handler indices */
    int hdepth, hcap;
    KrValue consts, names, names_index, varnames;
    int nlocals, cell_base, ncells, nfrees;
    int freereg, maxreg;
    int hwm;                    /* highest register used since the statement began */
    FBlock fblocks[64];
    int nfblocks;
    AstPos cur;
    bool optimized;             /* function scope: fast locals */
    bool is_class;
    const char *qualname;
    const char *name;
    const char *private_name;
    int firstlineno;
    int argcount, posonlyargcount, kwonlyargcount, flags;
    unsigned char *bound;       /* per local: known to be bound here */
    unsigned char *stable;      /* per local: a parameter nothing unbinds (no del, no except-as) */
} Unit;

typedef struct Compiler {
    KrThread *t;
    Arena *arena;
    const SymTable *st;
    const char *filename;
    Unit *u;
    CompileMode mode;
    bool failed;
    bool interactive;
    AstPos *pos_stack;
    int npos, pos_cap;
    /* While a case pattern compiles: the names it captures and the
     * registers holding their values until the whole pattern matched. */
    const char **cap_names;
    int *cap_regs;
    int ncap;
} Compiler;

#define T (c->t)

static void fail_nomem(Compiler *c)
{
    if (!c->failed && !kr_err_occurred(T))
        kr_no_memory(T);
    c->failed = true;
}

static void fail_msg(Compiler *c, const char *msg)
{
    if (!c->failed && !kr_err_occurred(T))
        kr_raise_fmt(T, kr_exc_type(T, SystemError), "%s", msg);
    c->failed = true;
}

static void il_push(Compiler *c, IntList *l, int v)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        int *nv = realloc(l->v, (size_t)cap * sizeof(int));
        if (!nv) {
            fail_nomem(c);
            return;
        }
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = v;
}

/* ------------------------------------------------------------------ */
/* Emission                                                            */
/* ------------------------------------------------------------------ */

static int emit_word(Compiler *c, KrInstr word);

/* Appends an instruction, then the zeroed inline-cache words that follow
 * it (vm/cache.h).  Returns the instruction's index. */
static int emit(Compiler *c, KrOpcode op, int a, int b, int cc, int x)
{
    if (a > 0xFFFF || b > 0xFFFF || cc > 0xFFFF) {
        fail_msg(c, "too many registers, constants or names in one code object");
        return 0;
    }
    int at = emit_word(c, MAKE_INSTR(op, a, b, cc, x));
    for (unsigned i = kr_op_cache_words(op); i > 0; i--)
        emit_word(c, 0);
    return at;
}

static int emit_word(Compiler *c, KrInstr word)
{
    Unit *u = c->u;
    if (u->n == u->cap) {
        int cap = u->cap ? u->cap * 2 : 64;
        KrInstr *code = realloc(u->code, (size_t)cap * sizeof(KrInstr));
        KrPosition *pos = realloc(u->pos, (size_t)cap * sizeof(KrPosition));
        int *ho = realloc(u->handler_of, (size_t)cap * sizeof(int));
        if (code)
            u->code = code;
        if (pos)
            u->pos = pos;
        if (ho)
            u->handler_of = ho;
        if (!code || !pos || !ho) {
            fail_nomem(c);
            return 0;
        }
        u->cap = cap;
    }
    u->code[u->n] = word;
    u->pos[u->n] = (KrPosition){u->cur.lineno, u->cur.end_lineno, u->cur.col_offset, u->cur.end_col_offset};
    /* Entering and leaving a handler belongs to no line of its own. */
    if (INSTR_OP(word) == OP_PUSH_EXC || INSTR_OP(word) == OP_POP_EXC)
        u->pos[u->n] = (KrPosition){-1, -1, -1, -1};
    u->handler_of[u->n] = u->hdepth ? u->hstack[u->hdepth - 1] : -1;
    return u->n++;
}

static int here(Compiler *c) { return c->u->n; }

static void forget_bound(Compiler *c)
{
    Unit *u = c->u;
    if (!u->bound)
        return;
    if (!u->stable) {
        memset(u->bound, 0, (size_t)u->nlocals);
        return;
    }
    for (int i = 0; i < u->nlocals; i++)
        u->bound[i] = u->stable[i];
}

/* A jump target: what is known about bound locals no longer holds. */
static int label(Compiler *c)
{
    forget_bound(c);
    return here(c);
}

static int emit_jump(Compiler *c, KrOpcode op, int a)
{
    return emit(c, op, a, 0, 0, 0);
}

static void patch(Compiler *c, int at, int target)
{
    if (c->failed)
        return;
    KrInstr i = c->u->code[at];
    unsigned op = INSTR_OP(i), a = INSTR_A(i);
    c->u->code[at] = MAKE_INSTR(op, a, target & 0xFFFF, (unsigned)target >> 16, INSTR_X(i));
}

static void patch_here(Compiler *c, int at) { patch(c, at, label(c)); }

static void emit_jump_to(Compiler *c, KrOpcode op, int a, int target)
{
    int j = emit(c, op, a, 0, 0, 0);
    patch(c, j, target);
}

static int alloc_reg(Compiler *c)
{
    Unit *u = c->u;
    int r = u->freereg++;
    if (u->freereg > u->maxreg)
        u->maxreg = u->freereg;
    if (u->freereg > u->hwm)
        u->hwm = u->freereg;
    return r;
}

static int alloc_regs(Compiler *c, int n)
{
    int r = c->u->freereg;
    for (int i = 0; i < n; i++)
        alloc_reg(c);
    return r;
}

static void free_to(Compiler *c, int r)
{
    if (r >= c->u->cell_base + c->u->ncells + c->u->nfrees)
        c->u->freereg = r;
}

/* ---- handlers ---- */

static int new_handler(Compiler *c, int reg)
{
    Unit *u = c->u;
    if (u->nhandlers == u->handlers_cap) {
        int cap = u->handlers_cap ? u->handlers_cap * 2 : 8;
        Handler *h = realloc(u->handlers, (size_t)cap * sizeof(Handler));
        if (!h) {
            fail_nomem(c);
            return 0;
        }
        u->handlers = h;
        u->handlers_cap = cap;
    }
    u->handlers[u->nhandlers] = (Handler){-1, reg};
    return u->nhandlers++;
}

static void push_handler(Compiler *c, int h)
{
    Unit *u = c->u;
    if (u->hdepth == u->hcap) {
        int cap = u->hcap ? u->hcap * 2 : 8;
        int *s = realloc(u->hstack, (size_t)cap * sizeof(int));
        if (!s) {
            fail_nomem(c);
            return;
        }
        u->hstack = s;
        u->hcap = cap;
    }
    u->hstack[u->hdepth++] = h;
}

static void pop_handler(Compiler *c) { c->u->hdepth--; }

static void handler_here(Compiler *c, int h) { c->u->handlers[h].pc = label(c); }

/* ---- constants and names ---- */

static int add_const(Compiler *c, KrValue v)
{
    if (v == KR_ERROR) {
        c->failed = true;
        return 0;
    }
    KrList *l = kr_as_list(c->u->consts);
    /* Reuse identical immediates and equal strs. */
    for (size_t i = 0; i < l->len; i++) {
        KrValue k = l->items[i];
        if (k == v && !(kr_is_float(v) && kr_as_float(v) == 0.0 && (v >> 63)))
            goto found_i;
        if (kr_is_exact_str(T, k) && kr_is_exact_str(T, v) && kr_str_equal(k, v))
            goto found_i;
        continue;
    found_i:
        kr_decref(T, v);
        return (int)i;
    }
    if (kr_list_append(T, c->u->consts, v) < 0)
        c->failed = true;
    kr_decref(T, v);
    return (int)l->len - 1;
}

static int add_name_value(Compiler *c, KrValue s)
{
    if (s == KR_ERROR) {
        c->failed = true;
        return 0;
    }
    KrValue found = kr_dict_get(T, c->u->names_index, s);
    if (found != KR_ABSENT && found != KR_ERROR) {
        kr_decref(T, s);
        return (int)kr_as_smallint(found);
    }
    int idx = (int)kr_as_list(c->u->names)->len;
    if (kr_list_append(T, c->u->names, s) < 0 ||
        kr_dict_set(T, c->u->names_index, s, kr_smallint(idx)) < 0)
        c->failed = true;
    kr_decref(T, s);
    return idx;
}

static int add_name(Compiler *c, const char *name)
{
    return add_name_value(c, kr_str_intern_cstr(T, name));
}

/* Names in a class are mangled: __x -> _Class__x. */
static const char *mangled(Compiler *c, const char *name)
{
    const char *p = c->u->private_name;
    if (!p)
        return name;
    const char *m = symtable_mangle(c->arena, p, name);
    return m ? m : name;
}

/* UTF-8 that may hold surrogates encoded as 3 bytes (the AST's strings). */
static KrValue str_from_ast(Compiler *c, const char *s, size_t len)
{
    bool plain = true;
    for (size_t i = 0; i + 2 < len; i++)
        if ((unsigned char)s[i] == 0xED && ((unsigned char)s[i + 1] & 0xE0) == 0xA0)
            plain = false;
    if (plain)
        return kr_str_from_utf8(T, s, len);
    uint32_t *cps = malloc((len + 1) * sizeof(uint32_t));
    if (!cps)
        return kr_no_memory(T);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp;
        int k;
        if (b < 0x80) cp = b, k = 1;
        else if (b < 0xE0) cp = b & 0x1F, k = 2;
        else if (b < 0xF0) cp = b & 0x0F, k = 3;
        else cp = b & 0x07, k = 4;
        for (int j = 1; j < k && i + (size_t)j < len; j++)
            cp = cp << 6 | ((unsigned char)s[i + (size_t)j] & 0x3F);
        cps[n++] = cp;
        i += (size_t)k;
    }
    KrValue r = kr_str_from_ucs(T, cps, n, 4);
    free(cps);
    (void)c;
    return r;
}

static bool all_name_chars(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return false;
    }
    return true;
}

static KrValue constant_value(Compiler *c, const AstConstant *k)
{
    switch (k->kind) {
    case AST_CONST_NONE: return KR_NONE;
    case AST_CONST_TRUE: return KR_TRUE;
    case AST_CONST_FALSE: return KR_FALSE;
    case AST_CONST_ELLIPSIS: return KR_ELLIPSIS;
    case AST_CONST_INT: return kr_int_from_i64(T, k->u.i);
    case AST_CONST_BIGINT: {
        mpz_t z;
        mpz_init(z);
        char *digits = arena_strndup(c->arena, k->u.s, k->len);
        if (!digits || mpz_set_str(z, digits, 10) < 0) {
            mpz_clear(z);
            return kr_no_memory(T);
        }
        KrValue r = kr_int_from_mpz(T, z);
        mpz_clear(z);
        return r;
    }
    case AST_CONST_FLOAT: return kr_float(k->u.f);
    case AST_CONST_COMPLEX: return kr_complex_new(T, 0.0, k->u.f);
    case AST_CONST_STR: {
        KrValue s = str_from_ast(c, k->u.s, k->len);
        if (s != KR_ERROR && all_name_chars(k->u.s, k->len)) {
            KrValue i = kr_str_intern(T, s);
            kr_decref(T, s);
            return i;
        }
        return s;
    }
    case AST_CONST_BYTES: return kr_bytes_new(T, k->u.s, k->len);
    }
    return KR_NONE;
}

static int const_index(Compiler *c, const AstConstant *k) { return add_const(c, constant_value(c, k)); }

static void load_const_value(Compiler *c, int reg, KrValue v) { emit(c, OP_LOAD_CONST, reg, add_const(c, v), 0, 0); }

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

typedef enum { NAME_FAST, NAME_DEREF, NAME_CLASSDEREF, NAME_GLOBAL, NAME_NAME } NameKind;

static int local_index(Compiler *c, const char *name)
{
    KrList *vn = kr_as_list(c->u->varnames);
    for (size_t i = 0; i < vn->len; i++)
        if (strcmp(kr_as_str(vn->items[i])->utf8, name) == 0)
            return (int)i;
    return -1;
}

static NameKind resolve(Compiler *c, const char *name, int *reg)
{
    Unit *u = c->u;
    Symbol *s = symblock_lookup(c->st, u->block, name);
    SymScope scope = s ? s->scope : SCOPE_GLOBAL_IMPLICIT;
    if (s && scope == SCOPE_FREE && s->free_index >= 0) {
        *reg = u->cell_base + u->ncells + s->free_index;
        return u->is_class ? NAME_CLASSDEREF : NAME_DEREF;
    }
    if (s && scope == SCOPE_CELL && s->cell_index >= 0) {
        *reg = u->cell_base + s->cell_index;
        return NAME_DEREF;
    }
    /* __class__ in methods and super(): a free variable even when the
     * symbol table of this block did not see it. */
    if (scope == SCOPE_LOCAL && u->optimized) {
        *reg = local_index(c, name);
        if (*reg >= 0)
            return NAME_FAST;
    }
    if (scope == SCOPE_GLOBAL_EXPLICIT || (scope == SCOPE_GLOBAL_IMPLICIT && u->optimized))
        return NAME_GLOBAL;
    return NAME_NAME;
}

static void load_name(Compiler *c, const char *raw, int target)
{
    const char *name = mangled(c, raw);
    int reg = 0;
    switch (resolve(c, name, &reg)) {
    case NAME_FAST:
        if (!c->u->bound[reg]) {
            emit(c, OP_CHECK_LOCAL, reg, add_name(c, name), 0, 0);
            c->u->bound[reg] = 1;
        }
        if (reg != target)
            emit(c, OP_MOVE, target, reg, 0, 0);
        break;
    case NAME_DEREF:
        emit(c, OP_LOAD_DEREF, target, reg, add_name(c, name), 0);
        break;
    case NAME_CLASSDEREF:
        emit(c, OP_LOAD_CLASSDEREF, target, reg, add_name(c, name), 0);
        break;
    case NAME_GLOBAL:
        emit(c, OP_LOAD_GLOBAL, target, add_name(c, name), 0, 0);
        break;
    case NAME_NAME:
        emit(c, OP_LOAD_NAME, target, add_name(c, name), 0, 0);
        break;
    }
}

static void store_name(Compiler *c, const char *raw, int src)
{
    const char *name = mangled(c, raw);
    int reg = 0;
    switch (resolve(c, name, &reg)) {
    case NAME_FAST:
        if (reg != src)
            emit(c, OP_MOVE, reg, src, 0, 0);
        c->u->bound[reg] = 1;
        break;
    case NAME_DEREF:
    case NAME_CLASSDEREF:
        emit(c, OP_STORE_DEREF, src, reg, add_name(c, name), 0);
        break;
    case NAME_GLOBAL:
        emit(c, OP_STORE_GLOBAL, src, add_name(c, name), 0, 0);
        break;
    case NAME_NAME:
        emit(c, OP_STORE_NAME, src, add_name(c, name), 0, 0);
        break;
    }
}

static void delete_name(Compiler *c, const char *raw)
{
    const char *name = mangled(c, raw);
    int reg = 0;
    switch (resolve(c, name, &reg)) {
    case NAME_FAST:
        emit(c, OP_DELETE_LOCAL, reg, add_name(c, name), 0, 0);
        c->u->bound[reg] = 0;
        break;
    case NAME_DEREF:
    case NAME_CLASSDEREF:
        emit(c, OP_DELETE_DEREF, 0, reg, add_name(c, name), 0);
        break;
    case NAME_GLOBAL:
        emit(c, OP_DELETE_GLOBAL, 0, add_name(c, name), 0, 0);
        break;
    case NAME_NAME:
        emit(c, OP_DELETE_NAME, 0, add_name(c, name), 0, 0);
        break;
    }
}

/* The register of a fast local that is known to be bound, or -1. */
static int fast_local(Compiler *c, const AstNode *e)
{
    if (e->kind != AST_Name || !c->u->optimized)
        return -1;
    int reg;
    if (resolve(c, mangled(c, e->v.Name.id), &reg) != NAME_FAST)
        return -1;
    return reg;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static void expr_to(Compiler *c, const AstNode *e, int target);
static void stmts(Compiler *c, const AstSeq *body);
static void stmt(Compiler *c, const AstNode *s);
static void store_target(Compiler *c, const AstNode *target, int src);

/* The position instructions get: set for a node, restored after it. */
static void pos_push(Compiler *c, AstPos pos)
{
    if (c->npos == c->pos_cap) {
        int cap = c->pos_cap ? c->pos_cap * 2 : 64;
        AstPos *p = realloc(c->pos_stack, (size_t)cap * sizeof(AstPos));
        if (!p) {
            fail_nomem(c);
            return;
        }
        c->pos_stack = p;
        c->pos_cap = cap;
    }
    c->pos_stack[c->npos++] = c->u->cur;
    c->u->cur = pos;
}

static void pos_pop(Compiler *c)
{
    if (c->npos > 0)
        c->u->cur = c->pos_stack[--c->npos];
}

#define SET_POS(c, node) pos_push((c), (node)->pos)
#define RESTORE_POS(c) pos_pop(c)

/* The value of e in some register: a fast local's own register when e is
 * one (checked bound), else a new temporary. */
static int expr_reg(Compiler *c, const AstNode *e)
{
    int r = fast_local(c, e);
    if (r >= 0) {
        if (!c->u->bound[r]) {
            SET_POS(c, e);
            emit(c, OP_CHECK_LOCAL, r, add_name(c, mangled(c, e->v.Name.id)), 0, 0);
            RESTORE_POS(c);
            c->u->bound[r] = 1;
        }
        return r;
    }
    r = alloc_reg(c);
    expr_to(c, e, r);
    return r;
}

/* The right operand of BINARY, INPLACE or COMPARE: a constant is used
 * from the constant table directly (KR_X_CONST added to *x). */
static int operand_k(Compiler *c, const AstNode *e, int *x)
{
    if (e->kind == AST_Constant) {
        int k = const_index(c, &e->v.Constant.value);
        if (k <= 0xFFFF) {
            *x |= KR_X_CONST;
            return k;
        }
    }
    return expr_reg(c, e);
}

static bool has_starred(const AstSeq *elts)
{
    for (int i = 0; elts && i < elts->n; i++)
        if (((AstNode *)elts->items[i])->kind == AST_Starred)
            return true;
    return false;
}

/* [a, *b, c] and friends: build a list step by step. */
static void starred_list(Compiler *c, const AstSeq *elts, int target)
{
    int base = c->u->freereg;
    int lst = alloc_reg(c);
    emit(c, OP_BUILD_LIST, lst, 0, 0, 0);
    for (int i = 0; i < elts->n; i++) {
        const AstNode *el = elts->items[i];
        int r = c->u->freereg;
        if (el->kind == AST_Starred) {
            int v = expr_reg(c, el->v.Starred.value);
            emit(c, OP_LIST_EXTEND, lst, v, 0, 0);
        } else {
            int v = expr_reg(c, el);
            emit(c, OP_LIST_APPEND, lst, v, 0, 0);
        }
        free_to(c, r);
    }
    if (target != lst)
        emit(c, OP_MOVE, target, lst, 0, 0);
    free_to(c, base);
}

static void sequence_display(Compiler *c, const AstSeq *elts, int target, KrOpcode build)
{
    int n = elts ? elts->n : 0;
    if (has_starred(elts)) {
        if (build == OP_BUILD_SET) {
            int base = c->u->freereg;
            int s = alloc_reg(c);
            emit(c, OP_BUILD_SET, s, 0, 0, 0);
            for (int i = 0; i < n; i++) {
                const AstNode *el = elts->items[i];
                int r = c->u->freereg;
                if (el->kind == AST_Starred)
                    emit(c, OP_SET_UPDATE, s, expr_reg(c, el->v.Starred.value), 0, 0);
                else
                    emit(c, OP_SET_ADD, s, expr_reg(c, el), 0, 0);
                free_to(c, r);
            }
            emit(c, OP_MOVE, target, s, 0, 0);
            free_to(c, base);
            return;
        }
        starred_list(c, elts, target);
        if (build == OP_BUILD_TUPLE)
            emit(c, OP_LIST_TO_TUPLE, target, target, 0, 0);
        return;
    }
    int base = c->u->freereg;
    int first = alloc_regs(c, n);
    for (int i = 0; i < n; i++)
        expr_to(c, elts->items[i], first + i);
    emit(c, build, target, first, n, 0);
    free_to(c, base);
}

static void dict_display(Compiler *c, const AstNode *e, int target)
{
    const AstSeq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
    int n = keys ? keys->n : 0;
    bool unpack = false;
    for (int i = 0; i < n; i++)
        if (!keys->items[i])
            unpack = true;
    int base = c->u->freereg;
    if (!unpack) {
        int first = alloc_regs(c, 2 * n);
        for (int i = 0; i < n; i++) {
            expr_to(c, keys->items[i], first + 2 * i);
            expr_to(c, values->items[i], first + 2 * i + 1);
        }
        emit(c, OP_BUILD_MAP, target, first, n, 0);
        free_to(c, base);
        return;
    }
    int d = alloc_reg(c);
    emit(c, OP_BUILD_MAP, d, 0, 0, 0);
    for (int i = 0; i < n; i++) {
        int r = c->u->freereg;
        if (!keys->items[i]) {
            emit(c, OP_DICT_UPDATE, d, expr_reg(c, values->items[i]), 0, 0);
        } else {
            int k = alloc_reg(c), v = alloc_reg(c);
            expr_to(c, keys->items[i], k);
            expr_to(c, values->items[i], v);
            emit(c, OP_MAP_ADD, d, k, v, 0);
        }
        free_to(c, r);
    }
    emit(c, OP_MOVE, target, d, 0, 0);
    free_to(c, base);
}

static void bool_op(Compiler *c, const AstNode *e, int target)
{
    const AstSeq *vals = e->v.BoolOp.values;
    IntList ends = {0};
    KrOpcode jump = e->v.BoolOp.op == AST_And ? OP_JUMP_IF_FALSE : OP_JUMP_IF_TRUE;
    for (int i = 0; i < vals->n; i++) {
        expr_to(c, vals->items[i], target);
        if (i + 1 < vals->n)
            il_push(c, &ends, emit_jump(c, jump, target));
    }
    int end = label(c);
    for (int i = 0; i < ends.n; i++)
        patch(c, ends.v[i], end);
    free(ends.v);
}

static int cmp_kind(AstCmpOp op)
{
    switch (op) {
    case AST_Eq: return KR_EQ;
    case AST_NotEq: return KR_NE;
    case AST_Lt: return KR_LT;
    case AST_LtE: return KR_LE;
    case AST_Gt: return KR_GT;
    case AST_GtE: return KR_GE;
    case AST_Is: return CMP_IS;
    case AST_IsNot: return CMP_IS_NOT;
    case AST_In: return CMP_IN;
    default: return CMP_NOT_IN;
    }
}

static void compare(Compiler *c, const AstNode *e, int target)
{
    const AstSeq *ops = e->v.Compare.ops, *rhs = e->v.Compare.comparators;
    int base = c->u->freereg;
    if (ops->n == 1) {
        int l = expr_reg(c, e->v.Compare.left);
        int x = cmp_kind((AstCmpOp)(intptr_t)ops->items[0]);
        int r = operand_k(c, rhs->items[0], &x);
        emit(c, OP_COMPARE, target, l, r, x);
        free_to(c, base);
        return;
    }
    /* a < b < c: each operand evaluated once, stop at the first false. */
    int res = alloc_reg(c);
    int left = expr_reg(c, e->v.Compare.left);
    IntList ends = {0};
    for (int i = 0; i < ops->n; i++) {
        int right = alloc_reg(c);
        expr_to(c, rhs->items[i], right);
        emit(c, OP_COMPARE, res, left, right, cmp_kind((AstCmpOp)(intptr_t)ops->items[i]));
        if (i + 1 < ops->n)
            il_push(c, &ends, emit_jump(c, OP_JUMP_IF_FALSE, res));
        left = right;
    }
    int end = label(c);
    for (int i = 0; i < ends.n; i++)
        patch(c, ends.v[i], end);
    free(ends.v);
    emit(c, OP_MOVE, target, res, 0, 0);
    free_to(c, base);
}

/* Calls.  Positional arguments and keyword values go into consecutive
 * registers after the callee; star arguments force the generic form. */
static bool call_is_simple(const AstNode *e)
{
    const AstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    for (int i = 0; args && i < args->n; i++)
        if (((AstNode *)args->items[i])->kind == AST_Starred)
            return false;
    for (int i = 0; kws && i < kws->n; i++)
        if (!((AstNode *)kws->items[i])->v.keyword.arg)
            return false;
    return true;
}

static int kwnames_const(Compiler *c, const AstSeq *kws)
{
    int n = kws ? kws->n : 0;
    if (n == 0)
        return 0;
    KrValue names = kr_tuple_new(T, (size_t)n);
    if (names == KR_ERROR) {
        c->failed = true;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        KrValue s = kr_str_intern_cstr(T, ((AstNode *)kws->items[i])->v.keyword.arg);
        if (s == KR_ERROR) {
            c->failed = true;
            s = KR_NONE;
        }
        kr_tuple_items(names)[i] = s;
    }
    return add_const(c, names) + 1;
}

/* f(*a, x, **k): R[base] = f, R[base+1] = args tuple, R[base+2] = kwargs */
static void call_ex(Compiler *c, const AstNode *e, int base)
{
    const AstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    int targs = alloc_reg(c), tkw = alloc_reg(c);
    if (args && args->n == 1 && ((AstNode *)args->items[0])->kind == AST_Starred) {
        /* f(*x) passes x itself: CALL_EX makes the tuple (and names f in
         * its error), after the keyword arguments are evaluated */
        expr_to(c, ((AstNode *)args->items[0])->v.Starred.value, targs);
    } else if (args && args->n) {
        starred_list(c, args, targs);
        emit(c, OP_LIST_TO_TUPLE, targs, targs, 0, 0);
    } else {
        emit(c, OP_BUILD_TUPLE, targs, 0, 0, 0);
    }
    if (kws && kws->n) {
        emit(c, OP_BUILD_MAP, tkw, 0, 0, 0);
        for (int i = 0; i < kws->n; i++) {
            const AstNode *k = kws->items[i];
            int r = c->u->freereg;
            if (!k->v.keyword.arg) {
                int v = expr_reg(c, k->v.keyword.value);
                emit(c, OP_DICT_MERGE, tkw, v, base, 0);
            } else {
                int kr = alloc_reg(c), v = alloc_reg(c);
                load_const_value(c, kr, kr_str_intern_cstr(T, k->v.keyword.arg));
                expr_to(c, k->v.keyword.value, v);
                /* a duplicate of a **-unpacked key is an error too */
                int tmp = alloc_reg(c);
                emit(c, OP_BUILD_MAP, tmp, kr, 1, 0);
                emit(c, OP_DICT_MERGE, tkw, tmp, base, 0);
            }
            free_to(c, r);
        }
    } else {
        load_const_value(c, tkw, KR_NONE);
    }
    SET_POS(c, e);
    emit(c, OP_CALL_EX, base, 0, 0, 0);
    RESTORE_POS(c);
}

static void call(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    const AstNode *f = e->v.Call.func;
    const AstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    int nargs = args ? args->n : 0, nkw = kws ? kws->n : 0;
    bool simple = call_is_simple(e);
    /* A call into the topmost temporary is made in place: the result
     * does not linger in a second register (sys.getrefcount, __del__). */
    bool in_place = target + 1 == base && target >= c->u->cell_base + c->u->ncells + c->u->nfrees;
    if (simple && f->kind == AST_Attribute && nargs + nkw < 200) {
        /* obj.method(...): no bound method object is made. */
        int fr = in_place ? (alloc_reg(c), target) : alloc_regs(c, 2);
        int obj = expr_reg(c, f->v.Attribute.value);
        SET_POS(c, f);
        emit(c, OP_LOAD_METHOD, fr, obj, add_name(c, mangled(c, f->v.Attribute.attr)), 0);
        RESTORE_POS(c);
        free_to(c, fr + 2);
        int first = alloc_regs(c, nargs + nkw);
        for (int i = 0; i < nargs; i++)
            expr_to(c, args->items[i], first + i);
        for (int i = 0; i < nkw; i++)
            expr_to(c, ((AstNode *)kws->items[i])->v.keyword.value, first + nargs + i);
        SET_POS(c, e);
        emit(c, OP_CALL_METHOD, fr, nargs + nkw, kwnames_const(c, kws), 0);
        RESTORE_POS(c);
        if (target != fr)
            emit(c, OP_MOVE, target, fr, 0, 0);
        free_to(c, base);
        return;
    }
    int fr = in_place ? target : alloc_reg(c);
    expr_to(c, f, fr);
    if (!simple) {
        call_ex(c, e, fr);
    } else {
        int first = alloc_regs(c, nargs + nkw);
        for (int i = 0; i < nargs; i++)
            expr_to(c, args->items[i], first + i);
        for (int i = 0; i < nkw; i++)
            expr_to(c, ((AstNode *)kws->items[i])->v.keyword.value, first + nargs + i);
        SET_POS(c, e);
        emit(c, OP_CALL, fr, nargs + nkw, kwnames_const(c, kws), 0);
        RESTORE_POS(c);
    }
    if (target != fr)
        emit(c, OP_MOVE, target, fr, 0, 0);
    free_to(c, base);
}

static void slice_expr(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int first = alloc_regs(c, 3);
    const AstNode *parts[3] = {e->v.Slice.lower, e->v.Slice.upper, e->v.Slice.step};
    int n = parts[2] ? 3 : 2;
    for (int i = 0; i < n; i++) {
        if (parts[i])
            expr_to(c, parts[i], first + i);
        else
            load_const_value(c, first + i, KR_NONE);
    }
    emit(c, OP_BUILD_SLICE, target, first, n, 0);
    free_to(c, base);
}

static void joined_str(Compiler *c, const AstNode *e, int target)
{
    const AstSeq *vals = e->v.JoinedStr.values;
    int n = vals ? vals->n : 0;
    if (n == 0) {
        load_const_value(c, target, kr_incref(T->vm->empty_str));
        return;
    }
    int base = c->u->freereg;
    int first = alloc_regs(c, n);
    for (int i = 0; i < n; i++)
        expr_to(c, vals->items[i], first + i);
    if (n == 1)
        emit(c, OP_MOVE, target, first, 0, 0);
    else
        emit(c, OP_BUILD_STRING, target, first, n, 0);
    free_to(c, base);
}

static void formatted_value(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int v = expr_reg(c, e->v.FormattedValue.value);
    int conv = e->v.FormattedValue.conversion;
    int x = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
    int spec = 0;
    if (e->v.FormattedValue.format_spec) {
        spec = alloc_reg(c);
        expr_to(c, e->v.FormattedValue.format_spec, spec);
        x |= 4;
    }
    SET_POS(c, e);
    emit(c, OP_FORMAT_VALUE, target, v, spec, x);
    RESTORE_POS(c);
    free_to(c, base);
}

static void function_def(Compiler *c, const AstNode *s, int target);
static void lambda(Compiler *c, const AstNode *e, int target);
static void comprehension(Compiler *c, const AstNode *e, int target);

static void yield_expr(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int v;
    if (e->v.Yield.value) {
        v = expr_reg(c, e->v.Yield.value);
    } else {
        v = alloc_reg(c);
        load_const_value(c, v, KR_NONE);
    }
    if (c->u->flags & CO_ASYNC_GENERATOR) {
        int w = alloc_reg(c);
        emit(c, OP_ASYNC_GEN_WRAP, w, v, 0, 0);
        v = w;
    }
    SET_POS(c, e);
    emit(c, OP_YIELD, target, v, 0, 0);
    RESTORE_POS(c);
    free_to(c, base);
}

/* yield from / await: R[target] <- delegate to the iterator in R[it]. */
static void delegate(Compiler *c, int it, int target)
{
    int val = alloc_reg(c);
    load_const_value(c, val, KR_NONE);
    int loop = label(c);
    int send = emit(c, OP_SEND, val, it, 0, 0);
    /* the iterator yielded R[val]: pass it up; the sent value comes back */
    emit(c, OP_YIELD, val, val, 0, 0);
    emit_jump_to(c, OP_JUMP, 0, loop);
    int done = label(c);
    /* SEND's jump operand is in b|c: rewrite it with the target. */
    if (!c->failed) {
        KrInstr i = c->u->code[send];
        c->u->code[send] = MAKE_INSTR(OP_SEND, INSTR_A(i), INSTR_B(i), 0, 0) | ((KrInstr)(unsigned)done << 40);
    }
    emit(c, OP_MOVE, target, val, 0, 0);
}

static void yield_from(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int v = expr_reg(c, e->v.YieldFrom.value);
    int it = alloc_reg(c);
    SET_POS(c, e);
    emit(c, OP_GET_YIELD_FROM_ITER, it, v, 0, 0);
    delegate(c, it, target);
    RESTORE_POS(c);
    free_to(c, base);
}

static void await_expr(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int v = expr_reg(c, e->v.Await.value);
    int it = alloc_reg(c);
    SET_POS(c, e);
    emit(c, OP_GET_AWAITABLE, it, v, 0, 0);
    delegate(c, it, target);
    RESTORE_POS(c);
    free_to(c, base);
}

static void expr_to(Compiler *c, const AstNode *e, int target)
{
    if (c->failed)
        return;
    SET_POS(c, e);
    int base = c->u->freereg;
    switch (e->kind) {
    case AST_Constant:
        emit(c, OP_LOAD_CONST, target, const_index(c, &e->v.Constant.value), 0, 0);
        break;
    case AST_Name:
        load_name(c, e->v.Name.id, target);
        break;
    case AST_BinOp: {
        int l = expr_reg(c, e->v.BinOp.left);
        int x = (int)e->v.BinOp.op;
        int r = operand_k(c, e->v.BinOp.right, &x);
        c->u->cur = e->pos;
        emit(c, OP_BINARY, target, l, r, x);
        break;
    }
    case AST_UnaryOp: {
        int v = expr_reg(c, e->v.UnaryOp.operand);
        c->u->cur = e->pos;
        switch (e->v.UnaryOp.op) {
        case AST_Not: emit(c, OP_NOT, target, v, 0, 0); break;
        case AST_USub: emit(c, OP_UNARY, target, v, 0, UNARY_NEG); break;
        case AST_UAdd: emit(c, OP_UNARY, target, v, 0, UNARY_POS); break;
        case AST_Invert: emit(c, OP_UNARY, target, v, 0, UNARY_INVERT); break;
        }
        break;
    }
    case AST_BoolOp:
        bool_op(c, e, target);
        break;
    case AST_Compare:
        compare(c, e, target);
        break;
    case AST_IfExp: {
        int test = expr_reg(c, e->v.IfExp.test);
        int jf = emit_jump(c, OP_JUMP_IF_FALSE, test);
        free_to(c, base);
        expr_to(c, e->v.IfExp.body, target);
        int je = emit_jump(c, OP_JUMP, 0);
        patch_here(c, jf);
        expr_to(c, e->v.IfExp.orelse, target);
        patch_here(c, je);
        break;
    }
    case AST_NamedExpr: {
        expr_to(c, e->v.NamedExpr.value, target);
        store_target(c, e->v.NamedExpr.target, target);
        break;
    }
    case AST_Call:
        call(c, e, target);
        break;
    case AST_Attribute: {
        int obj;
        /* Into a temporary: the object is computed in the target register
         * itself, so it dies when the attribute replaces it (as CPython's
         * LOAD_ATTR pops it). */
        if (target >= c->u->cell_base + c->u->ncells + c->u->nfrees && fast_local(c, e->v.Attribute.value) < 0) {
            obj = target;
            expr_to(c, e->v.Attribute.value, target);
        } else {
            obj = expr_reg(c, e->v.Attribute.value);
        }
        c->u->cur = e->pos;
        emit(c, OP_LOAD_ATTR, target, obj, add_name(c, mangled(c, e->v.Attribute.attr)), 0);
        break;
    }
    case AST_Subscript: {
        int obj = expr_reg(c, e->v.Subscript.value);
        int key = expr_reg(c, e->v.Subscript.slice);
        c->u->cur = e->pos;
        emit(c, OP_GET_ITEM, target, obj, key, 0);
        break;
    }
    case AST_Slice:
        slice_expr(c, e, target);
        break;
    case AST_Tuple:
        sequence_display(c, e->v.Tuple.elts, target, OP_BUILD_TUPLE);
        break;
    case AST_List:
        sequence_display(c, e->v.List.elts, target, OP_BUILD_LIST);
        break;
    case AST_Set:
        sequence_display(c, e->v.Set.elts, target, OP_BUILD_SET);
        break;
    case AST_Dict:
        dict_display(c, e, target);
        break;
    case AST_JoinedStr:
        joined_str(c, e, target);
        break;
    case AST_FormattedValue:
        formatted_value(c, e, target);
        break;
    case AST_Lambda:
        lambda(c, e, target);
        break;
    case AST_ListComp:
    case AST_SetComp:
    case AST_DictComp:
    case AST_GeneratorExp:
        comprehension(c, e, target);
        break;
    case AST_Yield:
        yield_expr(c, e, target);
        break;
    case AST_YieldFrom:
        yield_from(c, e, target);
        break;
    case AST_Await:
        await_expr(c, e, target);
        break;
    case AST_Starred:
        fail_msg(c, "can't use starred expression here");
        break;
    default:
        fail_msg(c, "expression kind not supported by the compiler yet");
        break;
    }
    free_to(c, base);
    RESTORE_POS(c);
}

/* ------------------------------------------------------------------ */
/* Assignment targets                                                  */
/* ------------------------------------------------------------------ */

static void unpack_into(Compiler *c, const AstSeq *elts, int src)
{
    int n = elts ? elts->n : 0;
    int star = -1;
    for (int i = 0; i < n; i++)
        if (((AstNode *)elts->items[i])->kind == AST_Starred)
            star = i;
    int base = c->u->freereg;
    int first = alloc_regs(c, n);
    if (star < 0)
        emit(c, OP_UNPACK_SEQUENCE, first, src, n, 0);
    else
        emit(c, OP_UNPACK_EX, first, src, star, n - star - 1);
    for (int i = 0; i < n; i++) {
        const AstNode *el = elts->items[i];
        if (el->kind == AST_Starred)
            el = el->v.Starred.value;
        store_target(c, el, first + i);
    }
    free_to(c, base);
}

static void store_target(Compiler *c, const AstNode *target, int src)
{
    if (c->failed)
        return;
    SET_POS(c, target);
    int base = c->u->freereg;
    switch (target->kind) {
    case AST_Name:
        store_name(c, target->v.Name.id, src);
        break;
    case AST_Attribute: {
        int obj = expr_reg(c, target->v.Attribute.value);
        c->u->cur = target->pos;
        emit(c, OP_STORE_ATTR, obj, src, add_name(c, mangled(c, target->v.Attribute.attr)), 0);
        break;
    }
    case AST_Subscript: {
        int obj = expr_reg(c, target->v.Subscript.value);
        int key = expr_reg(c, target->v.Subscript.slice);
        c->u->cur = target->pos;
        emit(c, OP_SET_ITEM, obj, key, src, 0);
        break;
    }
    case AST_Tuple:
        unpack_into(c, target->v.Tuple.elts, src);
        break;
    case AST_List:
        unpack_into(c, target->v.List.elts, src);
        break;
    case AST_Starred:
        store_target(c, target->v.Starred.value, src);
        break;
    default:
        fail_msg(c, "bad assignment target");
    }
    free_to(c, base);
    RESTORE_POS(c);
}

static void delete_target(Compiler *c, const AstNode *target)
{
    SET_POS(c, target);
    int base = c->u->freereg;
    switch (target->kind) {
    case AST_Name:
        delete_name(c, target->v.Name.id);
        break;
    case AST_Attribute: {
        int obj = expr_reg(c, target->v.Attribute.value);
        c->u->cur = target->pos;
        emit(c, OP_DELETE_ATTR, obj, 0, add_name(c, mangled(c, target->v.Attribute.attr)), 0);
        break;
    }
    case AST_Subscript: {
        int obj = expr_reg(c, target->v.Subscript.value);
        int key = expr_reg(c, target->v.Subscript.slice);
        c->u->cur = target->pos;
        emit(c, OP_DELETE_ITEM, obj, key, 0, 0);
        break;
    }
    case AST_Tuple:
    case AST_List: {
        const AstSeq *elts = target->kind == AST_Tuple ? target->v.Tuple.elts : target->v.List.elts;
        for (int i = 0; elts && i < elts->n; i++)
            delete_target(c, elts->items[i]);
        break;
    }
    default:
        fail_msg(c, "bad delete target");
    }
    free_to(c, base);
    RESTORE_POS(c);
}

/* ------------------------------------------------------------------ */
/* Code units (one per code object)                                    */
/* ------------------------------------------------------------------ */

static void unit_free(Compiler *c, Unit *u)
{
    free(u->code);
    free(u->pos);
    free(u->handler_of);
    free(u->handlers);
    free(u->hstack);
    free(u->bound);
    free(u->stable);
    kr_decref(c->t, u->consts);
    kr_decref(c->t, u->names);
    kr_decref(c->t, u->names_index);
    kr_decref(c->t, u->varnames);
    for (int i = 0; i < u->nfblocks; i++)
        free(u->fblocks[i].breaks.v);
    free(u);
}

static bool enter_unit(Compiler *c, const SymBlock *block, const char *name, const char *qualname, int firstlineno)
{
    Unit *u = calloc(1, sizeof *u);
    if (!u) {
        fail_nomem(c);
        return false;
    }
    u->parent = c->u;
    u->block = block;
    u->name = name;
    u->qualname = qualname;
    u->firstlineno = firstlineno;
    u->consts = kr_list_new(T, 0);
    u->names = kr_list_new(T, 0);
    u->names_index = kr_dict_new(T);
    u->varnames = kr_list_new(T, 0);
    u->optimized = block->kind == BLOCK_FUNCTION;
    u->is_class = block->kind == BLOCK_CLASS;
    if (block->kind == BLOCK_CLASS)
        u->private_name = block->name;
    else if (c->u)
        u->private_name = c->u->private_name;
    c->u = u;
    if (u->optimized) {
        for (int i = 0; i < block->nparams; i++)
            kr_list_append(T, u->varnames, kr_str_intern_cstr(T, block->params[i])), kr_decref(T, kr_as_list(u->varnames)->items[i]);
        for (int i = 0; i < block->nsymbols; i++) {
            const Symbol *s = &block->symbols[i];
            if (s->scope == SCOPE_LOCAL && !(s->flags & DEF_PARAM)) {
                KrValue n = kr_str_intern_cstr(T, s->name);
                kr_list_append(T, u->varnames, n);
                kr_decref(T, n);
            }
        }
        u->argcount = block->argcount;
        u->posonlyargcount = block->posonlyargcount;
        u->kwonlyargcount = block->kwonlyargcount;
        u->flags = CO_OPTIMIZED | CO_NEWLOCALS;
        if (block->varargs)
            u->flags |= CO_VARARGS;
        if (block->varkeywords)
            u->flags |= CO_VARKEYWORDS;
        if (block->nested)
            u->flags |= CO_NESTED;
        if (block->generator && block->coroutine)
            u->flags |= CO_ASYNC_GENERATOR;
        else if (block->generator)
            u->flags |= CO_GENERATOR;
        else if (block->coroutine)
            u->flags |= CO_COROUTINE;
    }
    if (c->st->future_features & FUTURE_ANNOTATIONS)
        u->flags |= CO_FUTURE_ANNOTATIONS;
    u->nlocals = (int)kr_as_list(u->varnames)->len;
    u->cell_base = u->nlocals;
    u->ncells = block->ncellvars;
    u->nfrees = block->nfreevars;
    u->freereg = u->maxreg = u->cell_base + u->ncells + u->nfrees;
    u->bound = calloc((size_t)u->nlocals + 1, 1);
    if (!u->bound)
        fail_nomem(c);
    /* Parameters are bound on entry. */
    for (int i = 0; i < block->nparams && i < u->nlocals; i++)
        u->bound[i] = 1;
    return true;
}

static KrValue str_tuple_from_names(Compiler *c, const char **names, int n)
{
    KrValue tu = kr_tuple_new(T, (size_t)n);
    if (tu == KR_ERROR)
        return tu;
    for (int i = 0; i < n; i++) {
        KrValue s = kr_str_intern_cstr(T, names[i]);
        if (s == KR_ERROR) {
            kr_decref(T, tu);
            return s;
        }
        kr_tuple_items(tu)[i] = s;
    }
    return tu;
}

/* Finishes the current unit into a code object and returns to the parent. */
static KrValue leave_unit(Compiler *c)
{
    Unit *u = c->u;
    c->u = u->parent;
    if (c->failed) {
        unit_free(c, u);
        return KR_ERROR;
    }
    KrValue cv = kr_code_new(T);
    if (cv == KR_ERROR) {
        unit_free(c, u);
        c->failed = true;
        return cv;
    }
    KrCode *code = kr_as_code(cv);
    code->instrs = u->code;
    code->positions = u->pos;
    code->ninstrs = (size_t)u->n;
    u->code = NULL;
    u->pos = NULL;
    /* The exception table: runs of instructions with the same handler. */
    size_t nexc = 0;
    for (int i = 0; i < u->n; i++)
        if (u->handler_of[i] >= 0 && (i == 0 || u->handler_of[i - 1] != u->handler_of[i]))
            nexc++;
    code->exc_table = calloc(nexc ? nexc : 1, sizeof(KrExcEntry));
    for (int i = 0; i < u->n && code->exc_table;) {
        int h = u->handler_of[i];
        int j = i + 1;
        while (j < u->n && u->handler_of[j] == h)
            j++;
        if (h >= 0)
            code->exc_table[code->nexc++] =
                (KrExcEntry){(uint32_t)i, (uint32_t)j, (uint32_t)u->handlers[h].pc, (uint16_t)u->handlers[h].reg};
        i = j;
    }
    code->consts = kr_tuple_from(T, kr_as_list(u->consts)->items, kr_as_list(u->consts)->len);
    code->names = kr_tuple_from(T, kr_as_list(u->names)->items, kr_as_list(u->names)->len);
    code->varnames = kr_tuple_from(T, kr_as_list(u->varnames)->items, kr_as_list(u->varnames)->len);
    code->cellvars = str_tuple_from_names(c, u->block->cellvars, u->block->ncellvars);
    code->freevars = str_tuple_from_names(c, u->block->freevars, u->block->nfreevars);
    code->filename = kr_str_from_cstr(T, c->filename);
    code->name = kr_str_intern_cstr(T, u->name);
    code->qualname = kr_str_from_cstr(T, u->qualname);
    code->argcount = u->argcount;
    code->posonlyargcount = u->posonlyargcount;
    code->kwonlyargcount = u->kwonlyargcount;
    code->flags = u->flags;   /* 3.11 no longer sets CO_NOFREE */
    code->firstlineno = u->firstlineno;
    code->nlocals = u->nlocals;
    code->cell_base = u->cell_base;
    code->ncells = u->ncells;
    code->nfrees = u->nfrees;
    code->nregs = u->maxreg + 2;
    code->uses_locals_dict = !u->optimized;
    code->cell_param = malloc(sizeof(int) * (size_t)(u->ncells + 1));
    for (int i = 0; code->cell_param && i < u->ncells; i++) {
        code->cell_param[i] = -1;
        for (int p = 0; p < u->block->nparams; p++)
            if (strcmp(u->block->params[p], u->block->cellvars[i]) == 0)
                code->cell_param[i] = p;
    }
    if (code->consts == KR_ERROR || code->names == KR_ERROR || code->varnames == KR_ERROR ||
        code->cellvars == KR_ERROR || code->freevars == KR_ERROR || code->filename == KR_ERROR ||
        code->name == KR_ERROR || code->qualname == KR_ERROR || !code->exc_table || !code->cell_param) {
        unit_free(c, u);
        kr_decref(T, cv);
        c->failed = true;
        return KR_ERROR;
    }
    unit_free(c, u);
    return cv;
}

static const char *make_qualname(Compiler *c, const char *name)
{
    Unit *u = c->u;
    if (!u || !u->parent)
        return name;
    /* Inside a function: parent.<locals>.name; inside a class: parent.name */
    const char *pq = u->qualname;
    const char *sep = u->block->kind == BLOCK_FUNCTION ? ".<locals>." : ".";
    size_t n = strlen(pq) + strlen(sep) + strlen(name) + 1;
    char *q = arena_alloc(c->arena, n);
    if (!q)
        return name;
    snprintf(q, n, "%s%s%s", pq, sep, name);
    return q;
}

/* The qualname of a child of the current unit (module children are bare;
 * a global declaration makes a function's qualname bare, as CPython). */
static const char *child_qualname(Compiler *c, const char *name)
{
    Unit *u = c->u;
    if (!u->parent)
        return name;
    if (u->block->kind == BLOCK_FUNCTION || u->block->kind == BLOCK_CLASS) {
        Symbol *s = symblock_lookup(c->st, u->block, mangled(c, name));
        if (s && s->scope == SCOPE_GLOBAL_EXPLICIT)
            return name;
    }
    return make_qualname(c, name);
}

/* MAKE_FUNCTION for a compiled child code object: defaults, keyword
 * defaults, annotations and the closure are in registers from `extra`. */
static void make_function(Compiler *c, KrValue code, int target, int extra, int flags)
{
    const KrCode *co = kr_as_code(code);
    int base = c->u->freereg;
    if (co->nfrees > 0) {
        int first = alloc_regs(c, co->nfrees);
        for (int i = 0; i < co->nfrees; i++) {
            const char *fname = kr_as_str(kr_tuple_items(co->freevars)[i])->utf8;
            Symbol *s = symblock_lookup(c->st, c->u->block, fname);
            int reg = -1;
            if (s && s->scope == SCOPE_CELL && s->cell_index >= 0)
                reg = c->u->cell_base + s->cell_index;
            else if (s && s->free_index >= 0)
                /* also a class-level name that a method reads from the
                 * enclosing function (DEF_FREE_CLASS): local to the class
                 * body, but passed on from the class's own closure */
                reg = c->u->cell_base + c->u->ncells + s->free_index;
            if (reg < 0) {
                /* __class__ of a class body is its own cell */
                for (int j = 0; j < c->u->block->ncellvars; j++)
                    if (strcmp(c->u->block->cellvars[j], fname) == 0)
                        reg = c->u->cell_base + j;
            }
            if (reg < 0) {
                fail_msg(c, "closure variable not found");
                return;
            }
            emit(c, OP_LOAD_CLOSURE, first + i, reg, 0, 0);
        }
        emit(c, OP_BUILD_TUPLE, extra + 3, first, co->nfrees, 0);
        flags |= 8;
    }
    emit(c, OP_MAKE_FUNCTION, target, add_const(c, code), extra, flags);
    free_to(c, base);
}

/* Defaults and keyword defaults of `args`, into R[extra], R[extra+1]. */
static int function_defaults(Compiler *c, const AstNode *args, int extra)
{
    int flags = 0;
    const AstSeq *defs = args->v.arguments.defaults;
    if (defs && defs->n) {
        sequence_display(c, defs, extra, OP_BUILD_TUPLE);
        flags |= 1;
    }
    const AstSeq *kwo = args->v.arguments.kwonlyargs, *kwd = args->v.arguments.kw_defaults;
    bool any = false;
    for (int i = 0; kwd && i < kwd->n; i++)
        if (kwd->items[i])
            any = true;
    if (any) {
        int base = c->u->freereg;
        int d = alloc_reg(c);
        emit(c, OP_BUILD_MAP, d, 0, 0, 0);
        for (int i = 0; i < kwd->n; i++) {
            if (!kwd->items[i])
                continue;
            int r = c->u->freereg;
            int k = alloc_reg(c), v = alloc_reg(c);
            load_const_value(c, k, kr_str_intern_cstr(T, mangled(c, ((AstNode *)kwo->items[i])->v.arg.arg)));
            expr_to(c, kwd->items[i], v);
            emit(c, OP_MAP_ADD, d, k, v, 0);
            free_to(c, r);
        }
        emit(c, OP_MOVE, extra + 1, d, 0, 0);
        free_to(c, base);
        flags |= 2;
    }
    return flags;
}

static KrValue unparse_constant(void *ctx, const AstConstant *k)
{
    return constant_value(ctx, k);
}

/* An annotation's value: the expression, or under `from __future__ import
 * annotations` its source text as a constant. */
static void annotation_to(Compiler *c, const AstNode *ann, int target)
{
    if (!(c->st->future_features & FUTURE_ANNOTATIONS)) {
        expr_to(c, ann, target);
        return;
    }
    KrValue text = kr_unparse_annotation(T, ann, unparse_constant, c);
    if (text == KR_ERROR) {
        c->failed = true;
        return;
    }
    load_const_value(c, target, text);
}

static void add_annotation(Compiler *c, int dict, const char *name, const AstNode *ann)
{
    if (!ann)
        return;
    int r = c->u->freereg;
    int k = alloc_reg(c), v = alloc_reg(c);
    load_const_value(c, k, kr_str_intern_cstr(T, mangled(c, name)));
    annotation_to(c, ann, v);
    emit(c, OP_MAP_ADD, dict, k, v, 0);
    free_to(c, r);
}

static int function_annotations(Compiler *c, const AstNode *args, const AstNode *returns, int extra)
{
    int d = alloc_reg(c);
    emit(c, OP_BUILD_MAP, d, 0, 0, 0);
    const AstSeq *groups[3] = {args->v.arguments.posonlyargs, args->v.arguments.args, args->v.arguments.kwonlyargs};
    int n = 0;
    for (int g = 0; g < 3; g++) {
        for (int i = 0; groups[g] && i < groups[g]->n; i++) {
            const AstNode *a = groups[g]->items[i];
            if (a->v.arg.annotation) {
                add_annotation(c, d, a->v.arg.arg, a->v.arg.annotation);
                n++;
            }
            if (g == 1 && i == groups[g]->n - 1) {
            }
        }
        if (g == 1) {
            const AstNode *va = args->v.arguments.vararg;
            if (va && va->v.arg.annotation) {
                add_annotation(c, d, va->v.arg.arg, va->v.arg.annotation);
                n++;
            }
        }
    }
    const AstNode *kw = args->v.arguments.kwarg;
    if (kw && kw->v.arg.annotation) {
        add_annotation(c, d, kw->v.arg.arg, kw->v.arg.annotation);
        n++;
    }
    if (returns) {
        add_annotation(c, d, "return", returns);
        n++;
    }
    if (n == 0)
        return 0;
    emit(c, OP_MOVE, extra + 2, d, 0, 0);
    return 4;
}

static const char *docstring(const AstSeq *body, size_t *len)
{
    if (!body || body->n == 0)
        return NULL;
    const AstNode *s = body->items[0];
    if (s->kind != AST_Expr || s->v.Expr.value->kind != AST_Constant ||
        s->v.Expr.value->v.Constant.value.kind != AST_CONST_STR)
        return NULL;
    *len = s->v.Expr.value->v.Constant.value.len;
    return s->v.Expr.value->v.Constant.value.u.s;
}

/* The body of a function: its docstring is constant 0 (co_consts[0] is
 * the docstring or None, as CPython). */
static void note_unbinds_in(Compiler *c, const AstSeq *body);

/* Marks as unstable the locals a name target unbinds (del x). */
static void note_deleted(Compiler *c, const AstNode *e)
{
    if (e->kind == AST_Tuple || e->kind == AST_List) {
        for (int i = 0; i < e->v.Tuple.elts->n; i++)
            note_deleted(c, e->v.Tuple.elts->items[i]);
        return;
    }
    int r = fast_local(c, e);
    if (r >= 0)
        c->u->stable[r] = 0;
}

static void note_unbinds_handlers(Compiler *c, const AstSeq *handlers)
{
    for (int i = 0; handlers && i < handlers->n; i++) {
        const AstNode *h = handlers->items[i];
        int reg;
        if (h->v.ExceptHandler.name && resolve(c, mangled(c, h->v.ExceptHandler.name), &reg) == NAME_FAST)
            c->u->stable[reg] = 0;
        note_unbinds_in(c, h->v.ExceptHandler.body);
    }
}

/* Finds the statements of a function body (not of nested scopes) that can
 * unbind a local: `del x` and `except E as x`. */
static void note_unbinds_in(Compiler *c, const AstSeq *body)
{
    for (int i = 0; body && i < body->n; i++) {
        const AstNode *s = body->items[i];
        switch (s->kind) {
        case AST_Delete:
            for (int j = 0; j < s->v.Delete.targets->n; j++)
                note_deleted(c, s->v.Delete.targets->items[j]);
            break;
        case AST_If:
            note_unbinds_in(c, s->v.If.body);
            note_unbinds_in(c, s->v.If.orelse);
            break;
        case AST_For:
            note_unbinds_in(c, s->v.For.body);
            note_unbinds_in(c, s->v.For.orelse);
            break;
        case AST_AsyncFor:
            note_unbinds_in(c, s->v.AsyncFor.body);
            note_unbinds_in(c, s->v.AsyncFor.orelse);
            break;
        case AST_While:
            note_unbinds_in(c, s->v.While.body);
            note_unbinds_in(c, s->v.While.orelse);
            break;
        case AST_With:
            note_unbinds_in(c, s->v.With.body);
            break;
        case AST_AsyncWith:
            note_unbinds_in(c, s->v.AsyncWith.body);
            break;
        case AST_Match:
            for (int j = 0; j < s->v.Match.cases->n; j++)
                note_unbinds_in(c, ((const AstNode *)s->v.Match.cases->items[j])->v.match_case.body);
            break;
        case AST_Try:
            note_unbinds_in(c, s->v.Try.body);
            note_unbinds_handlers(c, s->v.Try.handlers);
            note_unbinds_in(c, s->v.Try.orelse);
            note_unbinds_in(c, s->v.Try.finalbody);
            break;
        case AST_TryStar:
            note_unbinds_in(c, s->v.TryStar.body);
            note_unbinds_handlers(c, s->v.TryStar.handlers);
            note_unbinds_in(c, s->v.TryStar.orelse);
            note_unbinds_in(c, s->v.TryStar.finalbody);
            break;
        default:
            break;
        }
    }
}

/* Parameters stay bound at every point of a body that never unbinds them,
 * so reading one needs no CHECK_LOCAL even after a jump target. */
static void find_stable_params(Compiler *c, const AstSeq *body)
{
    Unit *u = c->u;
    if (!u->optimized || !u->bound || u->nlocals == 0)
        return;
    u->stable = calloc((size_t)u->nlocals, 1);
    if (!u->stable) {
        fail_nomem(c);
        return;
    }
    for (int i = 0; i < u->nlocals; i++)
        u->stable[i] = u->bound[i]; /* the parameters */
    note_unbinds_in(c, body);
}

static void function_body(Compiler *c, const AstSeq *body, bool is_lambda, const AstNode *lambda_body)
{
    if (!is_lambda)
        find_stable_params(c, body);
    if (is_lambda) {
        add_const(c, KR_NONE);
        int r = alloc_reg(c);
        expr_to(c, lambda_body, r);
        if (!(c->u->flags & CO_GENERATOR))
            emit(c, OP_RETURN, r, 0, 0, 0);
        else {
            load_const_value(c, r, KR_NONE);
            emit(c, OP_RETURN, r, 0, 0, 0);
        }
        return;
    }
    size_t dlen;
    const char *doc = docstring(body, &dlen);
    int start = 0;
    if (doc) {
        KrValue d = str_from_ast(c, doc, dlen);
        add_const(c, d);
        start = 1;
    } else {
        add_const(c, KR_NONE);
    }
    for (int i = start; i < body->n; i++)
        stmt(c, body->items[i]);
    /* Falling off the end returns None, on the line of the last statement
     * (where a trace function sees the 'return'). */
    if (body->n > 0) {
        const AstNode *last = body->items[body->n - 1];
        c->u->cur = (AstPos){last->pos.lineno, -1, last->pos.lineno, -1};
    }
    int r = alloc_reg(c);
    load_const_value(c, r, KR_NONE);
    emit(c, OP_RETURN, r, 0, 0, 0);
}

static void function_def(Compiler *c, const AstNode *s, int target)
{
    bool is_async = s->kind == AST_AsyncFunctionDef;
    const char *name = is_async ? s->v.AsyncFunctionDef.name : s->v.FunctionDef.name;
    const AstNode *args = is_async ? s->v.AsyncFunctionDef.args : s->v.FunctionDef.args;
    const AstSeq *body = is_async ? s->v.AsyncFunctionDef.body : s->v.FunctionDef.body;
    const AstSeq *decos = is_async ? s->v.AsyncFunctionDef.decorator_list : s->v.FunctionDef.decorator_list;
    const AstNode *returns = is_async ? s->v.AsyncFunctionDef.returns : s->v.FunctionDef.returns;
    int base = c->u->freereg;
    int ndec = decos ? decos->n : 0;
    int decregs = alloc_regs(c, ndec);
    for (int i = 0; i < ndec; i++)
        expr_to(c, decos->items[i], decregs + i);
    int extra = alloc_regs(c, 4);
    int flags = function_defaults(c, args, extra);
    flags |= function_annotations(c, args, returns, extra);
    const SymBlock *block = symtable_block_of(c->st, s);
    if (!block) {
        fail_msg(c, "no symbol table for function");
        return;
    }
    int firstline = s->pos.lineno;
    if (ndec)
        firstline = ((AstNode *)decos->items[0])->pos.lineno;
    const char *qn = child_qualname(c, name);
    if (!enter_unit(c, block, name, qn, firstline))
        return;
    function_body(c, body, false, NULL);
    KrValue code = leave_unit(c);
    if (code == KR_ERROR)
        return;
    int f = alloc_reg(c);
    make_function(c, code, f, extra, flags);
    /* Decorators apply innermost first. */
    for (int i = ndec - 1; i >= 0; i--) {
        int cr = alloc_regs(c, 2);
        emit(c, OP_MOVE, cr, decregs + i, 0, 0);
        emit(c, OP_MOVE, cr + 1, f, 0, 0);
        AstPos saved = c->u->cur;
        c->u->cur = ((AstNode *)decos->items[i])->pos;
        emit(c, OP_CALL, cr, 1, 0, 0);
        c->u->cur = saved;
        emit(c, OP_MOVE, f, cr, 0, 0);
        free_to(c, cr);
    }
    if (target >= 0)
        emit(c, OP_MOVE, target, f, 0, 0);
    else
        store_name(c, name, f);
    free_to(c, base);
}

static void lambda(Compiler *c, const AstNode *e, int target)
{
    int base = c->u->freereg;
    int extra = alloc_regs(c, 4);
    int flags = function_defaults(c, e->v.Lambda.args, extra);
    const SymBlock *block = symtable_block_of(c->st, e);
    if (!block) {
        fail_msg(c, "no symbol table for lambda");
        return;
    }
    if (!enter_unit(c, block, "<lambda>", child_qualname(c, "<lambda>"), e->pos.lineno))
        return;
    function_body(c, NULL, true, e->v.Lambda.body);
    KrValue code = leave_unit(c);
    if (code == KR_ERROR)
        return;
    make_function(c, code, target, extra, flags);
    free_to(c, base);
}

/* Comprehensions are functions called at once with the outermost iterable
 * (already iterated) as their only argument ".0". */
static void comprehension_loop(Compiler *c, const AstNode *e, int gen_index, int result)
{
    const AstSeq *gens;
    switch (e->kind) {
    case AST_ListComp: gens = e->v.ListComp.generators; break;
    case AST_SetComp: gens = e->v.SetComp.generators; break;
    case AST_DictComp: gens = e->v.DictComp.generators; break;
    default: gens = e->v.GeneratorExp.generators; break;
    }
    const AstNode *g = gens->items[gen_index];
    int base = c->u->freereg;
    int it;
    if (gen_index == 0) {
        it = 0; /* the ".0" parameter: already an iterator */
    } else {
        int v = expr_reg(c, g->v.comprehension.iter);
        it = alloc_reg(c);
        emit(c, g->v.comprehension.is_async ? OP_GET_AITER : OP_GET_ITER, it, v, 0, 0);
    }
    /* FOR_ITER puts the item in R[it+1]: make sure that is free. */
    int iter_reg = alloc_reg(c);
    emit(c, OP_MOVE, iter_reg, it, 0, 0);
    int item = alloc_reg(c);
    int top = label(c);
    int exit_jump;
    int async_handler = -1, exc_reg = -1;
    if (g->v.comprehension.is_async) {
        exc_reg = alloc_reg(c);
        async_handler = new_handler(c, exc_reg);
        push_handler(c, async_handler);
        int aw = alloc_reg(c);
        emit(c, OP_GET_ANEXT, aw, iter_reg, 0, 0);
        delegate(c, aw, item);
        pop_handler(c);
        exit_jump = -1;
    } else {
        exit_jump = emit_jump(c, OP_FOR_ITER, iter_reg);
    }
    store_target(c, g->v.comprehension.target, item);
    IntList skips = {0};
    const AstSeq *ifs = g->v.comprehension.ifs;
    for (int i = 0; ifs && i < ifs->n; i++) {
        int r = c->u->freereg;
        int cond = expr_reg(c, ifs->items[i]);
        il_push(c, &skips, emit_jump(c, OP_JUMP_IF_FALSE, cond));
        free_to(c, r);
    }
    if (gen_index + 1 < gens->n) {
        comprehension_loop(c, e, gen_index + 1, result);
    } else {
        int r = c->u->freereg;
        switch (e->kind) {
        case AST_ListComp:
            emit(c, OP_LIST_APPEND, result, expr_reg(c, e->v.ListComp.elt), 0, 0);
            break;
        case AST_SetComp:
            emit(c, OP_SET_ADD, result, expr_reg(c, e->v.SetComp.elt), 0, 0);
            break;
        case AST_DictComp: {
            int k = alloc_reg(c), v = alloc_reg(c);
            expr_to(c, e->v.DictComp.key, k);
            expr_to(c, e->v.DictComp.value, v);
            emit(c, OP_MAP_ADD, result, k, v, 0);
            break;
        }
        default: {
            int v = expr_reg(c, e->v.GeneratorExp.elt);
            int w = v;
            if (c->u->flags & CO_ASYNC_GENERATOR) {
                w = alloc_reg(c);
                emit(c, OP_ASYNC_GEN_WRAP, w, v, 0, 0);
            }
            int sent = alloc_reg(c);
            emit(c, OP_YIELD, sent, w, 0, 0);
            break;
        }
        }
        free_to(c, r);
    }
    for (int i = 0; i < skips.n; i++)
        patch(c, skips.v[i], top);
    free(skips.v);
    emit_jump_to(c, OP_JUMP, 0, top);
    if (exit_jump >= 0) {
        patch_here(c, exit_jump);
    } else {
        handler_here(c, async_handler);
        emit(c, OP_END_ASYNC_FOR, 0, exc_reg, 0, 0);
    }
    free_to(c, base);
}

static void comprehension(Compiler *c, const AstNode *e, int target)
{
    const AstSeq *gens;
    const char *name;
    switch (e->kind) {
    case AST_ListComp: gens = e->v.ListComp.generators; name = "<listcomp>"; break;
    case AST_SetComp: gens = e->v.SetComp.generators; name = "<setcomp>"; break;
    case AST_DictComp: gens = e->v.DictComp.generators; name = "<dictcomp>"; break;
    default: gens = e->v.GeneratorExp.generators; name = "<genexpr>"; break;
    }
    const SymBlock *block = symtable_block_of(c->st, e);
    if (!block) {
        fail_msg(c, "no symbol table for comprehension");
        return;
    }
    int base = c->u->freereg;
    const AstNode *g0 = gens->items[0];
    /* The outermost iterable is evaluated here, in the enclosing scope. */
    int fr = alloc_reg(c);
    int arg = alloc_reg(c);
    int src = expr_reg(c, g0->v.comprehension.iter);
    /* the comprehension's span, as CPython */
    SET_POS(c, e);
    emit(c, g0->v.comprehension.is_async ? OP_GET_AITER : OP_GET_ITER, arg, src, 0, 0);
    RESTORE_POS(c);
    if (!enter_unit(c, block, name, child_qualname(c, name), e->pos.lineno))
        return;
    bool is_gen = e->kind == AST_GeneratorExp;
    int result = -1;
    /* the loop's own instructions carry the comprehension's span */
    c->u->cur = e->pos;
    add_const(c, KR_NONE);
    if (!is_gen) {
        result = alloc_reg(c);
        emit(c, e->kind == AST_ListComp ? OP_BUILD_LIST : e->kind == AST_SetComp ? OP_BUILD_SET : OP_BUILD_MAP,
             result, 0, 0, 0);
    }
    comprehension_loop(c, e, 0, result);
    if (is_gen) {
        result = alloc_reg(c);
        load_const_value(c, result, KR_NONE);
    }
    emit(c, OP_RETURN, result, 0, 0, 0);
    KrValue code = leave_unit(c);
    if (code == KR_ERROR)
        return;
    int extra = alloc_regs(c, 4);
    make_function(c, code, fr, extra, 0);
    SET_POS(c, e);
    emit(c, OP_CALL, fr, 1, 0, 0);
    if (kr_as_code(code)->flags & CO_COROUTINE) {
        /* an async comprehension outside a generator: await its result */
        int it = alloc_reg(c);
        emit(c, OP_GET_AWAITABLE, it, fr, 0, 0);
        delegate(c, it, fr);
    }
    RESTORE_POS(c);
    emit(c, OP_MOVE, target, fr, 0, 0);
    free_to(c, base);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static FBlock *push_fblock(Compiler *c, FBlockKind kind)
{
    Unit *u = c->u;
    if (u->nfblocks == 64) {
        if (!c->failed && !kr_err_occurred(T))
            kr_raise_fmt(T, kr_exc_type(T, SyntaxError), "too many statically nested blocks");
        c->failed = true;
        return &u->fblocks[63];
    }
    FBlock *f = &u->fblocks[u->nfblocks++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->handler_depth = u->hdepth;
    return f;
}

static void pop_fblock(Compiler *c)
{
    Unit *u = c->u;
    FBlock *f = &u->fblocks[--u->nfblocks];
    free(f->breaks.v);
    f->breaks.v = NULL;
}

/* Runs the clean-up of one block when control leaves it early. */
static void unwind_fblock(Compiler *c, FBlock *f, bool preserve_return)
{
    (void)preserve_return;
    int saved_depth = c->u->hdepth;
    switch (f->kind) {
    case FB_LOOP:
    case FB_FOR_LOOP:
    case FB_TRY_EXCEPT:
        break;
    case FB_FINALLY_TRY: {
        /* Run the finally body outside this try's handler. */
        c->u->hdepth = f->handler_depth;
        int saved_n = c->u->nfblocks;
        c->u->nfblocks = (int)(f - c->u->fblocks);
        const AstSeq *body = f->finalbody;
        FBlock copy = *f;
        (void)copy;
        stmts(c, body);
        c->u->nfblocks = saved_n;
        break;
    }
    case FB_FINALLY_END:
        c->u->hdepth = f->handler_depth;
        emit(c, OP_POP_EXC, f->reg, 0, 0, 0);
        break;
    case FB_WITH:
    case FB_ASYNC_WITH: {
        c->u->hdepth = f->handler_depth;
        SET_POS(c, f->node);
        int r = alloc_reg(c);
        int none = alloc_reg(c);
        emit(c, OP_MOVE, r, f->reg, 0, 0);
        load_const_value(c, none, KR_NONE);
        emit(c, OP_WITH_EXIT, r, none, 0, 0);
        if (f->kind == FB_ASYNC_WITH) {
            int it = alloc_reg(c);
            emit(c, OP_GET_AWAITABLE, it, r, 0, 2);
            delegate(c, it, r);
        }
        free_to(c, r);
        RESTORE_POS(c);
        break;
    }
    case FB_HANDLER_CLEANUP:
        c->u->hdepth = f->handler_depth;
        emit(c, OP_POP_EXC, f->reg, 0, 0, 0);
        if (f->name) {
            int r = alloc_reg(c);
            load_const_value(c, r, KR_NONE);
            store_name(c, f->name, r);
            delete_name(c, f->name);
            free_to(c, r);
        }
        break;
    }
    c->u->hdepth = saved_depth;
}

/* Unwinds every block up to (not including) the innermost loop, or all
 * of them for return.  Returns the loop block, or NULL. */
static FBlock *unwind_to_loop(Compiler *c, bool all)
{
    Unit *u = c->u;
    int saved_depth = u->hdepth;
    for (int i = u->nfblocks - 1; i >= 0; i--) {
        FBlock *f = &u->fblocks[i];
        if (!all && (f->kind == FB_LOOP || f->kind == FB_FOR_LOOP)) {
            u->hdepth = saved_depth;
            return f;
        }
        unwind_fblock(c, f, all);
        /* Code after this point runs outside the block's handlers. */
        saved_depth = f->handler_depth < saved_depth ? f->handler_depth : saved_depth;
    }
    return NULL;
}

static void return_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int r = alloc_reg(c);
    if (s->v.Return.value)
        expr_to(c, s->v.Return.value, r);
    else
        load_const_value(c, r, KR_NONE);
    int saved_depth = c->u->hdepth;
    int saved_n = c->u->nfblocks;
    unwind_to_loop(c, true);
    c->u->nfblocks = 0;
    c->u->hdepth = 0;
    emit(c, OP_RETURN, r, 0, 0, 0);
    c->u->nfblocks = saved_n;
    c->u->hdepth = saved_depth;
    free_to(c, base);
}

static void break_continue(Compiler *c, bool is_break)
{
    int saved_depth = c->u->hdepth;
    int saved_n = c->u->nfblocks;
    FBlock *loop = unwind_to_loop(c, false);
    if (!loop) {
        fail_msg(c, is_break ? "'break' outside loop" : "'continue' not properly in loop");
        return;
    }
    c->u->hdepth = loop->handler_depth;
    if (is_break)
        il_push(c, &loop->breaks, emit_jump(c, OP_JUMP, 0));
    else
        emit_jump_to(c, OP_JUMP, 0, loop->start);
    c->u->hdepth = saved_depth;
    c->u->nfblocks = saved_n;
}

static void if_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int test = expr_reg(c, s->v.If.test);
    int jf = emit_jump(c, OP_JUMP_IF_FALSE, test);
    free_to(c, base);
    stmts(c, s->v.If.body);
    if (s->v.If.orelse && s->v.If.orelse->n) {
        int je = emit_jump(c, OP_JUMP, 0);
        patch_here(c, jf);
        stmts(c, s->v.If.orelse);
        patch_here(c, je);
    } else {
        patch_here(c, jf);
    }
}

/* The loop test is compiled twice, as CPython 3.11 does: once before the
 * first iteration and once after each, jumping back into the body while
 * true, so an iteration costs one jump and a trace function sees the
 * same 'line' events.  `continue` goes to the first copy. */
static void while_stmt(Compiler *c, const AstNode *s)
{
    const AstNode *cond = s->v.While.test;
    bool forever = cond->kind == AST_Constant && cond->v.Constant.value.kind == AST_CONST_TRUE;
    int top = label(c);
    int base = c->u->freereg;
    int jf = -1;
    if (!forever) {
        int test = expr_reg(c, cond);
        jf = emit_jump(c, OP_JUMP_IF_FALSE, test);
        free_to(c, base);
    }
    FBlock *f = push_fblock(c, FB_LOOP);
    f->start = top;
    int body = label(c);
    stmts(c, s->v.While.body);
    if (forever) {
        emit_jump_to(c, OP_JUMP, 0, top);
    } else {
        label(c);
        int test = expr_reg(c, cond);
        emit_jump_to(c, OP_JUMP_IF_TRUE, test, body);
        free_to(c, base);
    }
    IntList breaks = f->breaks;
    f->breaks.v = NULL;
    pop_fblock(c);
    if (jf >= 0)
        patch_here(c, jf);
    stmts(c, s->v.While.orelse);
    int end = label(c);
    for (int i = 0; i < breaks.n; i++)
        patch(c, breaks.v[i], end);
    free(breaks.v);
}

static void for_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int src = expr_reg(c, s->v.For.iter);
    int it = alloc_reg(c);
    /* GET_ITER and FOR_ITER carry the for statement's span, as CPython */
    emit(c, OP_GET_ITER, it, src, 0, 0);
    int item = alloc_reg(c);
    (void)item;
    int top = label(c);
    int exit_jump = emit_jump(c, OP_FOR_ITER, it);
    store_target(c, s->v.For.target, it + 1);
    FBlock *f = push_fblock(c, FB_FOR_LOOP);
    f->start = top;
    stmts(c, s->v.For.body);
    emit_jump_to(c, OP_JUMP, 0, top);
    IntList breaks = f->breaks;
    f->breaks.v = NULL;
    pop_fblock(c);
    patch_here(c, exit_jump);
    stmts(c, s->v.For.orelse);
    int end = label(c);
    for (int i = 0; i < breaks.n; i++)
        patch(c, breaks.v[i], end);
    free(breaks.v);
    free_to(c, base);
}

static void async_for_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int src = expr_reg(c, s->v.AsyncFor.iter);
    int it = alloc_reg(c);
    emit(c, OP_GET_AITER, it, src, 0, 0);
    int exc = alloc_reg(c);
    int item = alloc_reg(c);
    int top = label(c);
    int h = new_handler(c, exc);
    push_handler(c, h);
    int aw = alloc_reg(c);
    SET_POS(c, s->v.AsyncFor.iter);
    emit(c, OP_GET_ANEXT, aw, it, 0, 0);
    delegate(c, aw, item);
    RESTORE_POS(c);
    pop_handler(c);
    free_to(c, aw);
    store_target(c, s->v.AsyncFor.target, item);
    FBlock *f = push_fblock(c, FB_FOR_LOOP);
    f->start = top;
    stmts(c, s->v.AsyncFor.body);
    emit_jump_to(c, OP_JUMP, 0, top);
    IntList breaks = f->breaks;
    f->breaks.v = NULL;
    pop_fblock(c);
    handler_here(c, h);
    emit(c, OP_END_ASYNC_FOR, 0, exc, 0, 0);
    stmts(c, s->v.AsyncFor.orelse);
    int end = label(c);
    for (int i = 0; i < breaks.n; i++)
        patch(c, breaks.v[i], end);
    free(breaks.v);
    free_to(c, base);
}

/* try/except: see the top of the file for the handler scheme. */
static void try_except(Compiler *c, const AstNode *s)
{
    const AstSeq *body = s->v.Try.body, *handlers = s->v.Try.handlers, *orelse = s->v.Try.orelse;
    int base = c->u->freereg;
    int exc = alloc_reg(c), saved = alloc_reg(c);
    int h = new_handler(c, exc);
    push_handler(c, h);
    FBlock *fb = push_fblock(c, FB_TRY_EXCEPT);
    (void)fb;
    stmts(c, body);
    pop_fblock(c);
    pop_handler(c);
    int to_else = emit_jump(c, OP_JUMP, 0);
    handler_here(c, h);
    emit(c, OP_PUSH_EXC, exc, saved, 0, 0);
    /* Exceptions raised in the handlers restore the handled exception. */
    int exc2 = alloc_reg(c);
    int cleanup = new_handler(c, exc2);
    push_handler(c, cleanup);
    IntList ends = {0};
    for (int i = 0; i < handlers->n; i++) {
        const AstNode *hd = handlers->items[i];
        SET_POS(c, hd);
        int next = -1;
        if (hd->v.ExceptHandler.type) {
            int r = c->u->freereg;
            int ty = expr_reg(c, hd->v.ExceptHandler.type);
            int m = alloc_reg(c);
            emit(c, OP_CHECK_EXC_MATCH, m, exc, ty, 0);
            next = emit_jump(c, OP_JUMP_IF_FALSE, m);
            free_to(c, r);
        }
        RESTORE_POS(c);
        const char *name = hd->v.ExceptHandler.name;
        if (name)
            store_name(c, name, exc);
        FBlock *f = push_fblock(c, FB_HANDLER_CLEANUP);
        f->reg = saved;
        f->name = name;
        int inner_exc = -1, inner_h = -1;
        if (name) {
            /* `except E as e`: e is deleted however the block ends. */
            inner_exc = alloc_reg(c);
            inner_h = new_handler(c, inner_exc);
            push_handler(c, inner_h);
        }
        stmts(c, hd->v.ExceptHandler.body);
        if (name) {
            pop_handler(c);
        }
        pop_fblock(c);
        emit(c, OP_POP_EXC, saved, 0, 0, 0);
        if (name) {
            int r = alloc_reg(c);
            load_const_value(c, r, KR_NONE);
            store_name(c, name, r);
            delete_name(c, name);
            free_to(c, r);
        }
        il_push(c, &ends, emit_jump(c, OP_JUMP, 0));
        if (name) {
            handler_here(c, inner_h);
            int r = alloc_reg(c);
            load_const_value(c, r, KR_NONE);
            store_name(c, name, r);
            delete_name(c, name);
            free_to(c, r);
            emit(c, OP_RERAISE, inner_exc, 0, 0, 0);
        }
        if (next >= 0)
            patch_here(c, next);
        else
            break;
    }
    pop_handler(c);
    /* No clause matched. */
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc, 0, 0, 0);
    handler_here(c, cleanup);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc2, 0, 0, 0);
    patch_here(c, to_else);
    stmts(c, orelse);
    int end = label(c);
    for (int i = 0; i < ends.n; i++)
        patch(c, ends.v[i], end);
    free(ends.v);
    free_to(c, base);
}

/* try/except* (PEP 654): each clause takes its part of the exception
 * group that is left; what the clauses raise and what nobody matched are
 * combined by PREP_RERAISE_STAR into what leaves the statement. */
static void try_star(Compiler *c, const AstNode *s)
{
    const AstSeq *body = s->v.TryStar.body, *handlers = s->v.TryStar.handlers, *orelse = s->v.TryStar.orelse;
    int base = c->u->freereg;
    int exc = alloc_reg(c), saved = alloc_reg(c);
    int h = new_handler(c, exc);
    push_handler(c, h);
    push_fblock(c, FB_TRY_EXCEPT);
    stmts(c, body);
    pop_fblock(c);
    pop_handler(c);
    int to_else = emit_jump(c, OP_JUMP, 0);
    handler_here(c, h);
    emit(c, OP_PUSH_EXC, exc, saved, 0, 0);
    int exc2 = alloc_reg(c);
    int cleanup = new_handler(c, exc2);
    push_handler(c, cleanup);
    int rest = alloc_reg(c), lst = alloc_reg(c);
    emit(c, OP_MOVE, rest, exc, 0, 0);
    emit(c, OP_BUILD_LIST, lst, 0, 0, 0);
    for (int i = 0; i < handlers->n; i++) {
        const AstNode *hd = handlers->items[i];
        int r = c->u->freereg;
        SET_POS(c, hd);
        int ty = expr_reg(c, hd->v.ExceptHandler.type);
        int m = alloc_regs(c, 2), none = alloc_reg(c), test = alloc_reg(c);
        emit(c, OP_CHECK_EG_MATCH, m, rest, ty, 0);
        load_const_value(c, none, KR_NONE);
        emit(c, OP_COMPARE, test, m, none, CMP_IS_NOT);
        int next = emit_jump(c, OP_JUMP_IF_FALSE, test);
        RESTORE_POS(c);
        emit(c, OP_MOVE, rest, m + 1, 0, 0);
        const char *name = hd->v.ExceptHandler.name;
        if (name)
            store_name(c, name, m);
        int raised = alloc_reg(c), s2 = alloc_reg(c);
        int hh = new_handler(c, raised);
        emit(c, OP_PUSH_EXC, m, s2, 0, 0);
        push_handler(c, hh);
        FBlock *f = push_fblock(c, FB_HANDLER_CLEANUP);
        f->reg = s2;
        f->name = name;
        stmts(c, hd->v.ExceptHandler.body);
        pop_fblock(c);
        pop_handler(c);
        emit(c, OP_POP_EXC, s2, 0, 0, 0);
        int after = emit_jump(c, OP_JUMP, 0);
        handler_here(c, hh);
        emit(c, OP_POP_EXC, s2, 0, 0, 0);
        emit(c, OP_LIST_APPEND, lst, raised, 0, 0);
        patch_here(c, after);
        if (name) {
            int nr = alloc_reg(c);
            load_const_value(c, nr, KR_NONE);
            store_name(c, name, nr);
            delete_name(c, name);
        }
        patch_here(c, next);
        free_to(c, r);
    }
    emit(c, OP_LIST_APPEND, lst, rest, 0, 0);
    int out = alloc_reg(c), none = alloc_reg(c), test = alloc_reg(c);
    emit(c, OP_PREP_RERAISE_STAR, out, exc, lst, 0);
    pop_handler(c);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    load_const_value(c, none, KR_NONE);
    emit(c, OP_COMPARE, test, out, none, CMP_IS);
    int handled = emit_jump(c, OP_JUMP_IF_TRUE, test);
    emit(c, OP_RERAISE, out, 0, 0, 0);
    handler_here(c, cleanup);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc2, 0, 0, 0);
    patch_here(c, to_else);
    stmts(c, orelse);
    patch_here(c, handled);
    free_to(c, base);
}

static void try_finally(Compiler *c, const AstNode *s)
{
    const AstSeq *finalbody = s->kind == AST_Try ? s->v.Try.finalbody : s->v.TryStar.finalbody;
    int base = c->u->freereg;
    int exc = alloc_reg(c), saved = alloc_reg(c);
    int h = new_handler(c, exc);
    push_handler(c, h);
    FBlock *f = push_fblock(c, FB_FINALLY_TRY);
    f->finalbody = finalbody;
    if (s->kind == AST_Try && s->v.Try.handlers && s->v.Try.handlers->n) {
        try_except(c, s);
    } else if (s->kind == AST_Try) {
        stmts(c, s->v.Try.body);
        stmts(c, s->v.Try.orelse);
    } else {
        try_star(c, s);
    }
    pop_fblock(c);
    pop_handler(c);
    /* Normal exit: the finally body once. */
    stmts(c, finalbody);
    int to_end = emit_jump(c, OP_JUMP, 0);
    /* Exceptional exit: the finally body with the exception handled, then
     * re-raised. */
    handler_here(c, h);
    emit(c, OP_PUSH_EXC, exc, saved, 0, 0);
    int exc2 = alloc_reg(c);
    int cleanup = new_handler(c, exc2);
    push_handler(c, cleanup);
    FBlock *fe = push_fblock(c, FB_FINALLY_END);
    fe->reg = saved;
    fe->reg2 = exc;
    stmts(c, finalbody);
    pop_fblock(c);
    pop_handler(c);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc, 0, 0, 0);
    handler_here(c, cleanup);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc2, 0, 0, 0);
    patch_here(c, to_end);
    free_to(c, base);
}

static void with_items(Compiler *c, const AstNode *s, int index, bool is_async)
{
    const AstSeq *items = is_async ? s->v.AsyncWith.items : s->v.With.items;
    const AstSeq *body = is_async ? s->v.AsyncWith.body : s->v.With.body;
    const AstNode *item = items->items[index];
    int base = c->u->freereg;
    int mgr = expr_reg(c, item->v.withitem.context_expr);
    int exitr = alloc_reg(c);
    int enter_res = alloc_reg(c);
    /* entering carries the with statement's span, as CPython */
    if (is_async) {
        emit(c, OP_BEFORE_ASYNC_WITH, exitr, mgr, 0, 0);
        int it = alloc_reg(c);
        emit(c, OP_GET_AWAITABLE, it, enter_res, 0, 1);
        delegate(c, it, enter_res);
        free_to(c, it);
    } else {
        emit(c, OP_BEFORE_WITH, exitr, mgr, 0, 0);
    }
    int exc = alloc_reg(c), saved = alloc_reg(c);
    int h = new_handler(c, exc);
    /* the block first: an early exit calls __exit__ outside the handler */
    FBlock *f = push_fblock(c, is_async ? FB_ASYNC_WITH : FB_WITH);
    push_handler(c, h);
    f->reg = exitr;
    f->node = s;
    if (item->v.withitem.optional_vars)
        store_target(c, item->v.withitem.optional_vars, enter_res);
    if (index + 1 < items->n)
        with_items(c, s, index + 1, is_async);
    else
        stmts(c, body);
    pop_fblock(c);
    pop_handler(c);
    /* Normal exit: __exit__(None, None, None). */
    SET_POS(c, s);
    int r = alloc_reg(c), none = alloc_reg(c);
    emit(c, OP_MOVE, r, exitr, 0, 0);
    load_const_value(c, none, KR_NONE);
    emit(c, OP_WITH_EXIT, r, none, 0, 0);
    if (is_async) {
        int it = alloc_reg(c);
        emit(c, OP_GET_AWAITABLE, it, r, 0, 2);
        delegate(c, it, r);
    }
    free_to(c, r);
    int to_end = emit_jump(c, OP_JUMP, 0);
    /* Exceptional exit: __exit__(type, value, tb); a true result swallows it. */
    handler_here(c, h);
    emit(c, OP_PUSH_EXC, exc, saved, 0, 0);
    int exc2 = alloc_reg(c);
    int cleanup = new_handler(c, exc2);
    push_handler(c, cleanup);
    r = alloc_reg(c);
    emit(c, OP_MOVE, r, exitr, 0, 0);
    emit(c, OP_WITH_EXIT, r, exc, 0, 0);
    if (is_async) {
        int it = alloc_reg(c);
        emit(c, OP_GET_AWAITABLE, it, r, 0, 2);
        delegate(c, it, r);
    }
    int swallow = emit_jump(c, OP_JUMP_IF_TRUE, r);
    pop_handler(c);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc, 0, 0, 0);
    patch_here(c, swallow);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    int to_end2 = emit_jump(c, OP_JUMP, 0);
    handler_here(c, cleanup);
    emit(c, OP_POP_EXC, saved, 0, 0, 0);
    emit(c, OP_RERAISE, exc2, 0, 0, 0);
    RESTORE_POS(c);
    patch_here(c, to_end);
    patch_here(c, to_end2);
    free_to(c, base);
}

static void raise_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    if (!s->v.Raise.exc) {
        emit(c, OP_RAISE, 0, 0, 0, 0);
        return;
    }
    int e = expr_reg(c, s->v.Raise.exc);
    if (s->v.Raise.cause) {
        int cause = expr_reg(c, s->v.Raise.cause);
        emit(c, OP_RAISE, e, cause, 0, 2);
    } else {
        emit(c, OP_RAISE, e, 0, 0, 1);
    }
    free_to(c, base);
}

/* The last comparison CPython 3.11 compiles as a jump when `e` is a
 * condition: its span stays in effect after the test (so an assert's
 * AssertionError points at it), or NULL. */
static const AstNode *last_jump_compare(const AstNode *e)
{
    const AstNode *last = NULL, *r;
    switch (e->kind) {
    case AST_Compare:
        return e;
    case AST_BoolOp:
        for (int i = 0; e->v.BoolOp.values && i < e->v.BoolOp.values->n; i++)
            if ((r = last_jump_compare(e->v.BoolOp.values->items[i])))
                last = r;
        return last;
    case AST_UnaryOp:
        return e->v.UnaryOp.op == AST_Not ? last_jump_compare(e->v.UnaryOp.operand) : NULL;
    case AST_IfExp: {
        const AstNode *parts[3] = {e->v.IfExp.test, e->v.IfExp.body, e->v.IfExp.orelse};
        for (int i = 0; i < 3; i++)
            if ((r = last_jump_compare(parts[i])))
                last = r;
        return last;
    }
    default:
        return NULL;
    }
}

static void assert_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int test = expr_reg(c, s->v.Assert.test);
    int ok = emit_jump(c, OP_JUMP_IF_TRUE, test);
    const AstNode *cmp = last_jump_compare(s->v.Assert.test);
    SET_POS(c, cmp ? cmp : s);
    int cls = alloc_reg(c);
    emit(c, OP_LOAD_ASSERTION_ERROR, cls, 0, 0, 0);
    if (s->v.Assert.msg) {
        int arg = alloc_reg(c);
        expr_to(c, s->v.Assert.msg, arg);
        emit(c, OP_CALL, cls, 1, 0, 0);
    }
    emit(c, OP_RAISE, cls, 0, 0, 1);
    RESTORE_POS(c);
    patch_here(c, ok);
    free_to(c, base);
}

static void import_stmt(Compiler *c, const AstNode *s)
{
    const AstSeq *names = s->v.Import.names;
    for (int i = 0; i < names->n; i++) {
        const AstNode *al = names->items[i];
        int base = c->u->freereg;
        int m = alloc_reg(c), fl = alloc_reg(c);
        load_const_value(c, fl, KR_NONE);
        emit(c, OP_IMPORT_NAME, m, add_name(c, al->v.alias.name), fl, 0);
        const char *name = al->v.alias.name;
        if (al->v.alias.asname) {
            /* import a.b.c as d: d is a.b.c */
            const char *dot = strchr(name, '.');
            while (dot) {
                const char *next = strchr(dot + 1, '.');
                size_t len = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
                char *part = arena_strndup(c->arena, dot + 1, len);
                emit(c, OP_IMPORT_FROM, m, m, add_name(c, part ? part : ""), 0);
                dot = next;
            }
            store_name(c, al->v.alias.asname, m);
        } else {
            const char *dot = strchr(name, '.');
            const char *top = dot ? arena_strndup(c->arena, name, (size_t)(dot - name)) : name;
            store_name(c, top ? top : name, m);
        }
        free_to(c, base);
    }
}

static void import_from(Compiler *c, const AstNode *s)
{
    const AstSeq *names = s->v.ImportFrom.names;
    int base = c->u->freereg;
    int m = alloc_reg(c), fl = alloc_reg(c);
    KrValue fromlist = kr_tuple_new(T, (size_t)names->n);
    if (fromlist == KR_ERROR) {
        c->failed = true;
        return;
    }
    for (int i = 0; i < names->n; i++) {
        KrValue n = kr_str_intern_cstr(T, ((AstNode *)names->items[i])->v.alias.name);
        kr_tuple_items(fromlist)[i] = n == KR_ERROR ? KR_NONE : n;
    }
    load_const_value(c, fl, fromlist);
    const char *mod = s->v.ImportFrom.module ? s->v.ImportFrom.module : "";
    emit(c, OP_IMPORT_NAME, m, add_name(c, mod), fl, s->v.ImportFrom.level);
    if (names->n == 1 && strcmp(((AstNode *)names->items[0])->v.alias.name, "*") == 0) {
        emit(c, OP_IMPORT_STAR, m, 0, 0, 0);
        free_to(c, base);
        return;
    }
    for (int i = 0; i < names->n; i++) {
        const AstNode *al = names->items[i];
        int r = alloc_reg(c);
        SET_POS(c, s);
        emit(c, OP_IMPORT_FROM, r, m, add_name(c, al->v.alias.name), 0);
        RESTORE_POS(c);
        store_name(c, al->v.alias.asname ? al->v.alias.asname : al->v.alias.name, r);
        free_to(c, r);
    }
    free_to(c, base);
}

static void class_def(Compiler *c, const AstNode *s)
{
    const AstSeq *decos = s->v.ClassDef.decorator_list;
    int base = c->u->freereg;
    int ndec = decos ? decos->n : 0;
    int decregs = alloc_regs(c, ndec);
    for (int i = 0; i < ndec; i++)
        expr_to(c, decos->items[i], decregs + i);
    const SymBlock *block = symtable_block_of(c->st, s);
    if (!block) {
        fail_msg(c, "no symbol table for class");
        return;
    }
    const char *name = s->v.ClassDef.name;
    const char *qn = child_qualname(c, name);
    int firstline = ndec ? ((AstNode *)decos->items[0])->pos.lineno : s->pos.lineno;
    if (!enter_unit(c, block, name, qn, firstline))
        return;
    /* The class body: __module__ = __name__; __qualname__ = '...'; body. */
    add_const(c, KR_NONE);
    c->u->cur = s->pos;
    int r = alloc_reg(c);
    emit(c, OP_LOAD_NAME, r, add_name(c, "__name__"), 0, 0);
    emit(c, OP_STORE_NAME, r, add_name(c, "__module__"), 0, 0);
    load_const_value(c, r, kr_str_from_cstr(T, qn));
    emit(c, OP_STORE_NAME, r, add_name(c, "__qualname__"), 0, 0);
    free_to(c, r);
    const AstSeq *body = s->v.ClassDef.body;
    size_t dlen;
    const char *doc = docstring(body, &dlen);
    int start = 0;
    if (doc) {
        r = alloc_reg(c);
        load_const_value(c, r, str_from_ast(c, doc, dlen));
        emit(c, OP_STORE_NAME, r, add_name(c, "__doc__"), 0, 0);
        free_to(c, r);
        start = 1;
    }
    bool has_ann = false;
    for (int i = 0; body && i < body->n; i++)
        if (((AstNode *)body->items[i])->kind == AST_AnnAssign)
            has_ann = true;
    if (has_ann)
        emit(c, OP_SETUP_ANNOTATIONS, 0, 0, 0, 0);
    for (int i = start; body && i < body->n; i++)
        stmt(c, body->items[i]);
    r = alloc_reg(c);
    if (block->needs_class_closure) {
        /* __class__ is cell 0 of the class body; __classcell__ gives it to type.__new__. */
        int cellreg = c->u->cell_base;
        for (int i = 0; i < block->ncellvars; i++)
            if (strcmp(block->cellvars[i], "__class__") == 0)
                cellreg = c->u->cell_base + i;
        emit(c, OP_LOAD_CLOSURE, r, cellreg, 0, 0);
        emit(c, OP_STORE_NAME, r, add_name(c, "__classcell__"), 0, 0);
        emit(c, OP_RETURN, r, 0, 0, 0);
    } else {
        load_const_value(c, r, KR_NONE);
        emit(c, OP_RETURN, r, 0, 0, 0);
    }
    KrValue code = leave_unit(c);
    if (code == KR_ERROR)
        return;
    /* __build_class__(func, name, *bases, **keywords) */
    int cr = alloc_reg(c);
    emit(c, OP_LOAD_BUILD_CLASS, cr, 0, 0, 0);
    const AstSeq *bases = s->v.ClassDef.bases, *kws = s->v.ClassDef.keywords;
    AstNode fake;
    memset(&fake, 0, sizeof fake);
    bool simple = true;
    for (int i = 0; bases && i < bases->n; i++)
        if (((AstNode *)bases->items[i])->kind == AST_Starred)
            simple = false;
    for (int i = 0; kws && i < kws->n; i++)
        if (!((AstNode *)kws->items[i])->v.keyword.arg)
            simple = false;
    int nb = bases ? bases->n : 0, nk = kws ? kws->n : 0;
    if (simple) {
        int first = alloc_regs(c, 2 + nb + nk);
        int extra = alloc_regs(c, 4);
        make_function(c, code, first, extra, 0);
        load_const_value(c, first + 1, kr_str_from_cstr(T, name));
        for (int i = 0; i < nb; i++)
            expr_to(c, bases->items[i], first + 2 + i);
        for (int i = 0; i < nk; i++)
            expr_to(c, ((AstNode *)kws->items[i])->v.keyword.value, first + 2 + nb + i);
        c->u->cur = s->pos;
        emit(c, OP_CALL, cr, 2 + nb + nk, kwnames_const(c, kws), 0);
    } else {
        /* Build the argument tuple and keyword dict by hand. */
        int targs = alloc_reg(c), tkw = alloc_reg(c);
        int lst = alloc_reg(c);
        emit(c, OP_BUILD_LIST, lst, 0, 0, 0);
        int extra = alloc_regs(c, 4);
        int fn = alloc_reg(c);
        make_function(c, code, fn, extra, 0);
        emit(c, OP_LIST_APPEND, lst, fn, 0, 0);
        load_const_value(c, fn, kr_str_from_cstr(T, name));
        emit(c, OP_LIST_APPEND, lst, fn, 0, 0);
        for (int i = 0; i < nb; i++) {
            const AstNode *b = bases->items[i];
            int rr = c->u->freereg;
            if (b->kind == AST_Starred)
                emit(c, OP_LIST_EXTEND, lst, expr_reg(c, b->v.Starred.value), 0, 0);
            else
                emit(c, OP_LIST_APPEND, lst, expr_reg(c, b), 0, 0);
            free_to(c, rr);
        }
        emit(c, OP_LIST_TO_TUPLE, targs, lst, 0, 0);
        emit(c, OP_BUILD_MAP, tkw, 0, 0, 0);
        for (int i = 0; i < nk; i++) {
            const AstNode *k = kws->items[i];
            int rr = c->u->freereg;
            if (!k->v.keyword.arg) {
                emit(c, OP_DICT_MERGE, tkw, expr_reg(c, k->v.keyword.value), cr, 0);
            } else {
                int kr = alloc_reg(c), v = alloc_reg(c);
                load_const_value(c, kr, kr_str_intern_cstr(T, k->v.keyword.arg));
                expr_to(c, k->v.keyword.value, v);
                emit(c, OP_MAP_ADD, tkw, kr, v, 0);
            }
            free_to(c, rr);
        }
        emit(c, OP_MOVE, cr + 1, targs, 0, 0);
        emit(c, OP_MOVE, cr + 2, tkw, 0, 0);
        c->u->cur = s->pos;
        emit(c, OP_CALL_EX, cr, 0, 0, 0);
    }
    for (int i = ndec - 1; i >= 0; i--) {
        int d = c->u->freereg;
        int call_base = alloc_regs(c, 2);
        emit(c, OP_MOVE, call_base, decregs + i, 0, 0);
        emit(c, OP_MOVE, call_base + 1, cr, 0, 0);
        emit(c, OP_CALL, call_base, 1, 0, 0);
        emit(c, OP_MOVE, cr, call_base, 0, 0);
        free_to(c, d);
    }
    store_name(c, name, cr);
    free_to(c, base);
}

static void ann_assign(Compiler *c, const AstNode *s)
{
    const AstNode *target = s->v.AnnAssign.target;
    int base = c->u->freereg;
    if (s->v.AnnAssign.value) {
        int v = alloc_reg(c);
        expr_to(c, s->v.AnnAssign.value, v);
        store_target(c, target, v);
        free_to(c, base);
    }
    if (target->kind == AST_Name && s->v.AnnAssign.simple && !c->u->optimized) {
        int d = alloc_reg(c), k = alloc_reg(c), v = alloc_reg(c);
        annotation_to(c, s->v.AnnAssign.annotation, v);
        emit(c, OP_LOAD_NAME, d, add_name(c, "__annotations__"), 0, 0);
        load_const_value(c, k, kr_str_intern_cstr(T, mangled(c, target->v.Name.id)));
        emit(c, OP_SET_ITEM, d, k, v, 0);
    } else if (target->kind != AST_Name) {
        /* Non-simple targets: without a value the target's object (and
         * key) are evaluated in every scope, as CPython; the annotation only
         * in a module or class body and not under the annotations future. */
        if (!s->v.AnnAssign.value) {
            if (target->kind == AST_Attribute)
                expr_reg(c, target->v.Attribute.value);
            else if (target->kind == AST_Subscript) {
                expr_reg(c, target->v.Subscript.value);
                expr_reg(c, target->v.Subscript.slice);
            }
        }
        if (!c->u->optimized && !(c->st->future_features & FUTURE_ANNOTATIONS)) {
            int v = alloc_reg(c);
            expr_to(c, s->v.AnnAssign.annotation, v);
        }
    } else if (!s->v.AnnAssign.simple && !c->u->optimized && !(c->st->future_features & FUTURE_ANNOTATIONS)) {
        /* (x): int in a module or class: the annotation is evaluated */
        int v = alloc_reg(c);
        expr_to(c, s->v.AnnAssign.annotation, v);
    }
    free_to(c, base);
}

static void aug_assign(Compiler *c, const AstNode *s)
{
    const AstNode *target = s->v.AugAssign.target;
    int base = c->u->freereg;
    int op = (int)s->v.AugAssign.op;
    switch (target->kind) {
    case AST_Name: {
        int local = fast_local(c, target);
        if (local >= 0) {
            /* x += v on a fast local works on x's own register, so x holds
             * the only reference and str += can grow in place. */
            int cur = expr_reg(c, target);
            int v = operand_k(c, s->v.AugAssign.value, &op);
            SET_POS(c, s);
            emit(c, OP_INPLACE, cur, cur, v, op);
            RESTORE_POS(c);
            break;
        }
        int cur = alloc_reg(c);
        SET_POS(c, target);
        load_name(c, target->v.Name.id, cur);
        RESTORE_POS(c);
        int v = expr_reg(c, s->v.AugAssign.value);
        SET_POS(c, s);
        emit(c, OP_INPLACE, cur, cur, v, op);
        RESTORE_POS(c);
        store_name(c, target->v.Name.id, cur);
        break;
    }
    case AST_Attribute: {
        int obj = expr_reg(c, target->v.Attribute.value);
        int cur = alloc_reg(c);
        int name = add_name(c, mangled(c, target->v.Attribute.attr));
        SET_POS(c, target);
        emit(c, OP_LOAD_ATTR, cur, obj, name, 0);
        RESTORE_POS(c);
        int v = expr_reg(c, s->v.AugAssign.value);
        SET_POS(c, s);
        emit(c, OP_INPLACE, cur, cur, v, op);
        c->u->cur = target->pos;
        emit(c, OP_STORE_ATTR, obj, cur, name, 0);
        RESTORE_POS(c);
        break;
    }
    case AST_Subscript: {
        int obj = expr_reg(c, target->v.Subscript.value);
        int key = expr_reg(c, target->v.Subscript.slice);
        int cur = alloc_reg(c);
        SET_POS(c, target);
        emit(c, OP_GET_ITEM, cur, obj, key, 0);
        RESTORE_POS(c);
        int v = expr_reg(c, s->v.AugAssign.value);
        SET_POS(c, s);
        emit(c, OP_INPLACE, cur, cur, v, op);
        c->u->cur = target->pos;
        emit(c, OP_SET_ITEM, obj, key, cur, 0);
        RESTORE_POS(c);
        break;
    }
    default:
        fail_msg(c, "bad augmented assignment target");
    }
    free_to(c, base);
}

static void assign(Compiler *c, const AstNode *s)
{
    const AstSeq *targets = s->v.Assign.targets;
    int base = c->u->freereg;
    const AstNode *value = s->v.Assign.value;
    if (targets->n == 1) {
        const AstNode *tg = targets->items[0];
        int local = fast_local(c, tg);
        /* x = <expr>: compute straight into x's register, unless the
         * expression could read x after writing its result early. */
        if (local >= 0 && value->kind != AST_Compare && value->kind != AST_NamedExpr) {
            expr_to(c, value, local);
            c->u->bound[local] = 1;
            free_to(c, base);
            return;
        }
        /* a, b = b, a: values first, then the stores. */
        if ((tg->kind == AST_Tuple || tg->kind == AST_List) && value->kind == AST_Tuple &&
            !has_starred(value->v.Tuple.elts)) {
            const AstSeq *tel = tg->kind == AST_Tuple ? tg->v.Tuple.elts : tg->v.List.elts;
            const AstSeq *vel = value->v.Tuple.elts;
            if (!has_starred(tel) && tel->n == vel->n) {
                int first = alloc_regs(c, vel->n);
                for (int i = 0; i < vel->n; i++)
                    expr_to(c, vel->items[i], first + i);
                for (int i = 0; i < tel->n; i++)
                    store_target(c, tel->items[i], first + i);
                free_to(c, base);
                return;
            }
        }
    }
    int v = alloc_reg(c);
    expr_to(c, value, v);
    for (int i = 0; i < targets->n; i++)
        store_target(c, targets->items[i], v);
    free_to(c, base);
}

static void match_stmt(Compiler *c, const AstNode *s);

static void stmt(Compiler *c, const AstNode *s)
{
    if (c->failed)
        return;
    SET_POS(c, s);
    int base = c->u->freereg;
    int outer_hwm = c->u->hwm;
    c->u->hwm = base;
    switch (s->kind) {
    case AST_Expr: {
        const AstNode *v = s->v.Expr.value;
        if (c->interactive && c->u->block->kind == BLOCK_MODULE) {
            int r = alloc_reg(c);
            expr_to(c, v, r);
            emit(c, OP_PRINT_EXPR, r, 0, 0, 0);
        } else if (v->kind == AST_Constant) {
            /* a docstring-like constant statement does nothing */
        } else {
            int r = alloc_reg(c);
            expr_to(c, v, r);
        }
        break;
    }
    case AST_Assign: assign(c, s); break;
    case AST_AugAssign: aug_assign(c, s); break;
    case AST_AnnAssign: ann_assign(c, s); break;
    case AST_Delete:
        for (int i = 0; i < s->v.Delete.targets->n; i++)
            delete_target(c, s->v.Delete.targets->items[i]);
        break;
    case AST_Pass:
        emit(c, OP_NOP, 0, 0, 0, 0);
        break;
    case AST_Global:
    case AST_Nonlocal:
        break;
    case AST_If: if_stmt(c, s); break;
    case AST_While: while_stmt(c, s); break;
    case AST_For: for_stmt(c, s); break;
    case AST_AsyncFor: async_for_stmt(c, s); break;
    case AST_Break: break_continue(c, true); break;
    case AST_Continue: break_continue(c, false); break;
    case AST_Return: return_stmt(c, s); break;
    case AST_FunctionDef:
    case AST_AsyncFunctionDef: function_def(c, s, -1); break;
    case AST_ClassDef: class_def(c, s); break;
    case AST_Raise: raise_stmt(c, s); break;
    case AST_Assert:
        /* -O removes asserts. */
        if (c->t->vm->flag_optimize == 0)
            assert_stmt(c, s);
        break;
    case AST_Try:
        /* `try:` and `pass` are lines a trace function sees, as in CPython. */
        emit(c, OP_NOP, 0, 0, 0, 0);
        if (s->v.Try.finalbody && s->v.Try.finalbody->n)
            try_finally(c, s);
        else
            try_except(c, s);
        break;
    case AST_TryStar:
        emit(c, OP_NOP, 0, 0, 0, 0);
        if (s->v.TryStar.finalbody && s->v.TryStar.finalbody->n)
            try_finally(c, s);
        else
            try_star(c, s);
        break;
    case AST_With: with_items(c, s, 0, false); break;
    case AST_AsyncWith: with_items(c, s, 0, true); break;
    case AST_Import: import_stmt(c, s); break;
    case AST_ImportFrom: import_from(c, s); break;
    case AST_Match: match_stmt(c, s); break;
    default:
        fail_msg(c, "statement kind not supported by the compiler yet");
    }
    /* The temporaries of a simple statement are released at its end, so
     * objects die when the program drops its last name for them (CPython
     * has an empty value stack between statements). */
    Unit *u = c->u;
    if (u->hwm > base && !c->failed) {
        switch (s->kind) {
        case AST_Expr: case AST_Assign: case AST_AugAssign: case AST_AnnAssign: case AST_Delete:
            if (base >= u->cell_base + u->ncells + u->nfrees)
                emit(c, OP_CLEAR_REGS, base, u->hwm - base, 0, 0);
            break;
        default:
            break;
        }
    }
    if (u->hwm < outer_hwm)
        u->hwm = outer_hwm;
    free_to(c, base);
    RESTORE_POS(c);
}

static void stmts(Compiler *c, const AstSeq *body)
{
    for (int i = 0; body && i < body->n; i++)
        stmt(c, body->items[i]);
}

/* match (PEP 634).  A pattern tests the subject in register `subj` and
 * jumps to one of `fails` when it does not match; names are bound as their
 * sub-patterns succeed. */
static void pattern(Compiler *c, const AstNode *p, int subj, IntList *fails);

/* A capture: held in its register; stored when the whole pattern matched
 * (a failed pattern binds nothing, as in CPython). */
static void capture(Compiler *c, const char *name, int reg)
{
    for (int i = 0; i < c->ncap; i++)
        if (strcmp(c->cap_names[i], name) == 0) {
            emit(c, OP_MOVE, c->cap_regs[i], reg, 0, 0);
            return;
        }
    store_name(c, name, reg);
}

static void add_capture_name(Compiler *c, const char *name)
{
    for (int i = 0; i < c->ncap; i++)
        if (strcmp(c->cap_names[i], name) == 0)
            return;
    const char **nn = realloc(c->cap_names, (size_t)(c->ncap + 1) * sizeof *nn);
    if (!nn) {
        fail_nomem(c);
        return;
    }
    c->cap_names = nn;
    c->cap_names[c->ncap++] = name;
}

/* The names a pattern binds, in first-occurrence order. */
static void collect_captures(Compiler *c, const AstNode *p)
{
    const AstSeq *seqs[2] = {NULL, NULL};
    switch (p->kind) {
    case AST_MatchAs:
        if (p->v.MatchAs.pattern)
            collect_captures(c, p->v.MatchAs.pattern);
        if (p->v.MatchAs.name)
            add_capture_name(c, p->v.MatchAs.name);
        return;
    case AST_MatchStar:
        if (p->v.MatchStar.name)
            add_capture_name(c, p->v.MatchStar.name);
        return;
    case AST_MatchSequence: seqs[0] = p->v.MatchSequence.patterns; break;
    case AST_MatchOr: seqs[0] = p->v.MatchOr.patterns; break;
    case AST_MatchClass:
        seqs[0] = p->v.MatchClass.patterns;
        seqs[1] = p->v.MatchClass.kwd_patterns;
        break;
    case AST_MatchMapping:
        seqs[0] = p->v.MatchMapping.patterns;
        break;
    default:
        return;
    }
    for (int k = 0; k < 2; k++)
        for (int i = 0; seqs[k] && i < seqs[k]->n; i++)
            collect_captures(c, seqs[k]->items[i]);
    if (p->kind == AST_MatchMapping && p->v.MatchMapping.rest)
        add_capture_name(c, p->v.MatchMapping.rest);
}

static void fail_if_false(Compiler *c, int reg, IntList *fails)
{
    il_push(c, fails, emit_jump(c, OP_JUMP_IF_FALSE, reg));
}

static void pattern_sequence(Compiler *c, const AstNode *p, int subj, IntList *fails)
{
    const AstSeq *pats = p->v.MatchSequence.patterns;
    int n = pats ? pats->n : 0;
    int star = -1;
    for (int i = 0; i < n; i++)
        if (((AstNode *)pats->items[i])->kind == AST_MatchStar)
            star = i;
    int base = c->u->freereg;
    int r = alloc_reg(c), len = alloc_reg(c), k = alloc_reg(c);
    emit(c, OP_MATCH_SEQUENCE, r, subj, 0, 0);
    fail_if_false(c, r, fails);
    emit(c, OP_GET_LEN, len, subj, 0, 0);
    load_const_value(c, k, kr_smallint(star < 0 ? n : n - 1));
    emit(c, OP_COMPARE, r, len, k, star < 0 ? KR_EQ : KR_GE);
    fail_if_false(c, r, fails);
    for (int i = 0; i < n; i++) {
        const AstNode *sub = pats->items[i];
        int item = alloc_reg(c);
        if (i == star) {
            const char *name = sub->v.MatchStar.name;
            if (!name)
                continue;
            /* subject[i:len-after] as a list */
            int parts = alloc_regs(c, 3);
            load_const_value(c, parts, kr_smallint(i));
            int after = n - 1 - i;
            if (after) {
                load_const_value(c, parts + 1, kr_smallint(-after));
            } else {
                load_const_value(c, parts + 1, KR_NONE);
            }
            emit(c, OP_BUILD_SLICE, parts + 2, parts, 2, 0);
            int sl = alloc_reg(c);
            emit(c, OP_GET_ITEM, sl, subj, parts + 2, 0);
            emit(c, OP_BUILD_LIST, item, 0, 0, 0);
            emit(c, OP_LIST_EXTEND, item, sl, 0, 0);
            capture(c, name, item);
            continue;
        }
        if (sub->kind == AST_MatchAs && !sub->v.MatchAs.pattern && !sub->v.MatchAs.name)
            continue;   /* _ */
        int idx = (star >= 0 && i > star) ? i - n : i;
        load_const_value(c, k, kr_smallint(idx));
        emit(c, OP_GET_ITEM, item, subj, k, 0);
        pattern(c, sub, item, fails);
    }
    free_to(c, base);
}

static void pattern_mapping(Compiler *c, const AstNode *p, int subj, IntList *fails)
{
    const AstSeq *keys = p->v.MatchMapping.keys, *pats = p->v.MatchMapping.patterns;
    int n = keys ? keys->n : 0;
    int base = c->u->freereg;
    int r = alloc_reg(c), len = alloc_reg(c), k = alloc_reg(c);
    emit(c, OP_MATCH_MAPPING, r, subj, 0, 0);
    fail_if_false(c, r, fails);
    if (n) {
        emit(c, OP_GET_LEN, len, subj, 0, 0);
        load_const_value(c, k, kr_smallint(n));
        emit(c, OP_COMPARE, r, len, k, KR_GE);
        fail_if_false(c, r, fails);
    }
    int keyregs = alloc_regs(c, n);
    for (int i = 0; i < n; i++)
        expr_to(c, keys->items[i], keyregs + i);
    int keytuple = alloc_reg(c);
    emit(c, OP_BUILD_TUPLE, keytuple, keyregs, n, 0);
    int vals = alloc_reg(c);
    if (n) {
        emit(c, OP_MATCH_KEYS, vals, subj, keytuple, 0);
        int none = alloc_reg(c);
        load_const_value(c, none, KR_NONE);
        emit(c, OP_COMPARE, r, vals, none, CMP_IS_NOT);
        fail_if_false(c, r, fails);
        int items = alloc_regs(c, n);
        emit(c, OP_UNPACK_SEQUENCE, items, vals, n, 0);
        for (int i = 0; i < n; i++)
            pattern(c, pats->items[i], items + i, fails);
    }
    if (p->v.MatchMapping.rest) {
        int rest = alloc_reg(c);
        emit(c, OP_COPY_DICT_WITHOUT_KEYS, rest, subj, keytuple, 0);
        capture(c, p->v.MatchMapping.rest, rest);
    }
    free_to(c, base);
}

static void pattern_class(Compiler *c, const AstNode *p, int subj, IntList *fails)
{
    const AstSeq *pats = p->v.MatchClass.patterns, *kwa = p->v.MatchClass.kwd_attrs,
                 *kwp = p->v.MatchClass.kwd_patterns;
    int npos = pats ? pats->n : 0, nkw = kwa ? kwa->n : 0;
    int base = c->u->freereg;
    int cls = alloc_regs(c, 2);
    expr_to(c, p->v.MatchClass.cls, cls);
    KrValue names = kr_tuple_new(T, (size_t)nkw);
    for (int i = 0; i < nkw && names != KR_ERROR; i++)
        kr_tuple_items(names)[i] = kr_str_intern_cstr(T, kwa->items[i]);
    load_const_value(c, cls + 1, names);
    int res = alloc_reg(c), r = alloc_reg(c), none = alloc_reg(c);
    emit(c, OP_MATCH_CLASS, res, subj, cls, npos);
    load_const_value(c, none, KR_NONE);
    emit(c, OP_COMPARE, r, res, none, CMP_IS_NOT);
    fail_if_false(c, r, fails);
    int items = alloc_regs(c, npos + nkw);
    emit(c, OP_UNPACK_SEQUENCE, items, res, npos + nkw, 0);
    for (int i = 0; i < npos; i++)
        pattern(c, pats->items[i], items + i, fails);
    for (int i = 0; i < nkw; i++)
        pattern(c, kwp->items[i], items + npos + i, fails);
    free_to(c, base);
}

static void pattern(Compiler *c, const AstNode *p, int subj, IntList *fails)
{
    if (c->failed)
        return;
    SET_POS(c, p);
    int base = c->u->freereg;
    switch (p->kind) {
    case AST_MatchValue: {
        int v = expr_reg(c, p->v.MatchValue.value);
        int r = alloc_reg(c);
        emit(c, OP_COMPARE, r, subj, v, KR_EQ);
        fail_if_false(c, r, fails);
        break;
    }
    case AST_MatchSingleton: {
        int v = alloc_reg(c), r = alloc_reg(c);
        emit(c, OP_LOAD_CONST, v, const_index(c, &p->v.MatchSingleton.value), 0, 0);
        emit(c, OP_COMPARE, r, subj, v, CMP_IS);
        fail_if_false(c, r, fails);
        break;
    }
    case AST_MatchSequence: pattern_sequence(c, p, subj, fails); break;
    case AST_MatchMapping: pattern_mapping(c, p, subj, fails); break;
    case AST_MatchClass: pattern_class(c, p, subj, fails); break;
    case AST_MatchAs:
        if (p->v.MatchAs.pattern)
            pattern(c, p->v.MatchAs.pattern, subj, fails);
        if (p->v.MatchAs.name)
            capture(c, p->v.MatchAs.name, subj);
        break;
    case AST_MatchOr: {
        const AstSeq *alts = p->v.MatchOr.patterns;
        IntList done = {0};
        for (int i = 0; i < alts->n; i++) {
            IntList alt_fails = {0};
            pattern(c, alts->items[i], subj, &alt_fails);
            if (i + 1 < alts->n) {
                il_push(c, &done, emit_jump(c, OP_JUMP, 0));
                int next = label(c);
                for (int j = 0; j < alt_fails.n; j++)
                    patch(c, alt_fails.v[j], next);
            } else {
                for (int j = 0; j < alt_fails.n; j++)
                    il_push(c, fails, alt_fails.v[j]);
            }
            free(alt_fails.v);
        }
        int end = label(c);
        for (int j = 0; j < done.n; j++)
            patch(c, done.v[j], end);
        free(done.v);
        break;
    }
    default:
        fail_msg(c, "bad pattern");
    }
    free_to(c, base);
    RESTORE_POS(c);
}

static void match_stmt(Compiler *c, const AstNode *s)
{
    int base = c->u->freereg;
    int subj = alloc_reg(c);
    expr_to(c, s->v.Match.subject, subj);
    const AstSeq *cases = s->v.Match.cases;
    IntList ends = {0};
    for (int i = 0; i < cases->n; i++) {
        const AstNode *mc = cases->items[i];
        IntList fails = {0};
        int cap_base = c->u->freereg;
        c->ncap = 0;
        collect_captures(c, mc->v.match_case.pattern);
        int ncap = c->ncap;
        int *regs = ncap ? malloc((size_t)ncap * sizeof *regs) : NULL;
        if (ncap && !regs) {
            fail_nomem(c);
            ncap = c->ncap = 0;
        }
        for (int j = 0; j < ncap; j++)
            regs[j] = alloc_reg(c);
        c->cap_regs = regs;
        pattern(c, mc->v.match_case.pattern, subj, &fails);
        /* matched: bind the captures (before the guard, which sees them) */
        c->ncap = 0;
        for (int j = 0; j < ncap; j++)
            store_name(c, c->cap_names[j], regs[j]);
        free(regs);
        c->cap_regs = NULL;
        free_to(c, cap_base);
        if (mc->v.match_case.guard) {
            int r = c->u->freereg;
            int g = expr_reg(c, mc->v.match_case.guard);
            fail_if_false(c, g, &fails);
            free_to(c, r);
        }
        stmts(c, mc->v.match_case.body);
        il_push(c, &ends, emit_jump(c, OP_JUMP, 0));
        int next = label(c);
        for (int j = 0; j < fails.n; j++)
            patch(c, fails.v[j], next);
        free(fails.v);
    }
    int end = label(c);
    for (int j = 0; j < ends.n; j++)
        patch(c, ends.v[j], end);
    free(ends.v);
    free_to(c, base);
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

KrValue kr_codegen(KrThread *t, Arena *arena, const AstNode *mod, const SymTable *st, const char *filename,
                   CompileMode mode)
{
    Compiler comp = {.t = t, .arena = arena, .st = st, .filename = filename, .mode = mode};
    Compiler *c = &comp;
    c->interactive = mode == COMPILE_SINGLE;
    if (!enter_unit(c, st->top, "<module>", "<module>", 1))
        return KR_ERROR;
    add_const(c, KR_NONE);
    if (mod->kind == AST_Expression) {
        int r = alloc_reg(c);
        expr_to(c, mod->v.Expression.body, r);
        emit(c, OP_RETURN, r, 0, 0, 0);
    } else {
        const AstSeq *body = mod->kind == AST_Module ? mod->v.Module.body : mod->v.Interactive.body;
        bool has_ann = false;
        for (int i = 0; body && i < body->n; i++)
            if (((AstNode *)body->items[i])->kind == AST_AnnAssign)
                has_ann = true;
        int start = 0;
        size_t dlen;
        const char *doc = mod->kind == AST_Module ? docstring(body, &dlen) : NULL;
        if (doc) {
            c->u->cur = ((AstNode *)body->items[0])->pos;
            int r = alloc_reg(c);
            load_const_value(c, r, str_from_ast(c, doc, dlen));
            emit(c, OP_STORE_NAME, r, add_name(c, "__doc__"), 0, 0);
            free_to(c, r);
            start = 1;
        }
        if (has_ann)
            emit(c, OP_SETUP_ANNOTATIONS, 0, 0, 0, 0);
        for (int i = start; body && i < body->n; i++)
            stmt(c, body->items[i]);
        int r = alloc_reg(c);
        load_const_value(c, r, KR_NONE);
        emit(c, OP_RETURN, r, 0, 0, 0);
    }
    KrValue code = leave_unit(c);
    free(c->pos_stack);
    free(c->cap_names);
    if (code == KR_ERROR && !kr_err_occurred(t))
        kr_raise_fmt(t, kr_exc_type(t, SystemError), "compilation failed");
    return code;
}

/* ------------------------------------------------------------------ */
/* Disassembler                                                        */
/* ------------------------------------------------------------------ */

static const char *const op_names[] = {
#define OP(name, fmt, doc) #name,
#include "vm/opcodes.def"
#undef OP
};

void kr_disassemble(KrThread *t, KrValue code, FILE *out)
{
    KrCode *co = kr_as_code(code);
    fprintf(out, "Disassembly of <code object %s, file \"%s\", line %d> (%d registers, %d locals)\n",
            kr_as_str(co->name)->utf8, kr_as_str(co->filename)->utf8, co->firstlineno, co->nregs, co->nlocals);
    int line = -1;
    for (size_t i = 0; i < co->ninstrs; i += 1 + kr_op_cache_words(INSTR_OP(co->instrs[i]))) {
        KrInstr in = co->instrs[i];
        if (co->positions[i].lineno != line) {
            line = co->positions[i].lineno;
            fprintf(out, "%4d ", line);
        } else {
            fprintf(out, "     ");
        }
        fprintf(out, "%5zu %-20s %5u %5u %5u %3u", i, op_names[INSTR_OP(in)], INSTR_A(in), INSTR_B(in), INSTR_C(in),
                INSTR_X(in));
        unsigned op = INSTR_OP(in);
        if (op == OP_LOAD_CONST) {
            KrValue k = kr_tuple_items(co->consts)[INSTR_B(in)];
            KrValue r = kr_repr(t, k);
            if (r != KR_ERROR) {
                fprintf(out, "  (%s)", kr_str_utf8(t, r, NULL) ? kr_as_str(r)->utf8 : "?");
                kr_decref(t, r);
            } else {
                kr_err_clear(t);
            }
        } else if (op == OP_LOAD_GLOBAL || op == OP_LOAD_NAME || op == OP_STORE_NAME || op == OP_STORE_GLOBAL ||
                   op == OP_IMPORT_NAME) {
            fprintf(out, "  (%s)", kr_as_str(kr_tuple_items(co->names)[INSTR_B(in)])->utf8);
        } else if (op == OP_LOAD_ATTR || op == OP_STORE_ATTR || op == OP_LOAD_METHOD || op == OP_IMPORT_FROM) {
            fprintf(out, "  (%s)", kr_as_str(kr_tuple_items(co->names)[INSTR_C(in)])->utf8);
        } else if (op == OP_JUMP || op == OP_JUMP_IF_FALSE || op == OP_JUMP_IF_TRUE || op == OP_FOR_ITER ||
                   op == OP_JUMP_IF_NOT_NONE) {
            fprintf(out, "  (to %u)", INSTR_J(in));
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < co->nexc; i++)
        fprintf(out, "  exception table: %u-%u -> %u (R%u)\n", co->exc_table[i].start, co->exc_table[i].end,
                co->exc_table[i].handler, co->exc_table[i].reg);
    for (size_t i = 0; i < kr_tuple_len(co->consts); i++) {
        KrValue k = kr_tuple_items(co->consts)[i];
        if (kr_is_ptr(k) && kr_as_ptr(k)->type == kr_builtin_type(t, CODE)) {
            fputc('\n', out);
            kr_disassemble(t, k, out);
        }
    }
}
