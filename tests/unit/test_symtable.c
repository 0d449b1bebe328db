/* Unit tests for the symbol table's C API: what the code generator reads
 * (blocks by AST node, symbols by mangled name, parameter/cell/free indexes,
 * block flags), private-name mangling, the parse modes the `-X symtable`
 * differential cannot reach (eval, single), and the error record.
 *
 * The symbol tables themselves are checked against CPython by
 * tests/compile/symtable_diff.py; the expectations here were taken from
 * python3.11 as well (compile() and the code objects it makes). */
#include <stdio.h>
#include <string.h>

#include "compile/symtable.h"
#include "parse/parser.h"

static int passed, failed;

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (cond) {                                                             \
            passed++;                                                           \
        } else {                                                                \
            failed++;                                                           \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
        }                                                                       \
    } while (0)

static bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Parses and builds; the table and the tree live in `arena`. */
static SymTable *build(Arena *arena, const char *src, ParseMode mode, AstNode **tree,
                       SyntaxErrorInfo *err)
{
    *tree = parse_source(arena, src, strlen(src), "<test>", mode, err, NULL);
    if (!*tree) {
        fprintf(stderr, "FAIL: parse error in test source: %s\n", err->msg);
        return NULL;
    }
    return symtable_build(arena, *tree, err);
}

static const AstNode *stmt(const AstNode *module, int i)
{
    return module->v.Module.body->items[i];
}

static void test_mangle(void)
{
    static const struct {
        const char *cls, *name, *want;
    } cases[] = {
        {"Spam", "__x", "_Spam__x"},   {"Spam", "__x__", "__x__"},  {"Spam", "_x", "_x"},
        {"_Spam", "__x", "_Spam__x"},  {"__", "__x", "__x"},        {"Spam", "__", "__"},
        {"Spam", "___", "___"},        {"Spam", "__x_", "_Spam__x_"},
        {"__Spam_", "__x", "_Spam___x"}, {"Spam", "__a.b", "__a.b"}, {NULL, "__x", "__x"},
    };
    Arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = symtable_mangle(&a, cases[i].cls, cases[i].name);
        if (!str_eq(got, cases[i].want))
            fprintf(stderr, "  mangle(%s, %s) = %s, want %s\n", cases[i].cls ? cases[i].cls : "NULL",
                    cases[i].name, got ? got : "NULL", cases[i].want);
        CHECK(str_eq(got, cases[i].want));
    }
    arena_free(&a);
}

static void test_blocks_and_slots(void)
{
    const char *src =
        "def f(z, b, a, *args, k, **kw):\n"          /* 0 */
        "    y = 1; x = 2; c = 3\n"
        "    def g(): return a, b, x, c, kw\n"
        "    return g\n"
        "class C:\n"                                  /* 1 */
        "    def m(self):\n"
        "        __p = 1\n"
        "        return super()\n"
        "squares = [i * i for i in range(3)]\n"       /* 2 */
        "lam = lambda q, /, r=1: q\n"                 /* 3 */
        "def gen():\n"                                /* 4 */
        "    yield 1\n"
        "    return 2\n"
        "async def coro(x):\n"                        /* 5 */
        "    await x\n"
        "async def agen():\n"                         /* 6 */
        "    yield 1\n";
    Arena a;
    arena_init(&a);
    AstNode *tree;
    SyntaxErrorInfo err;
    SymTable *st = build(&a, src, PARSE_EXEC, &tree, &err);
    CHECK(st != NULL);
    if (!st) {
        arena_free(&a);
        return;
    }
    CHECK(st->top->kind == BLOCK_MODULE && str_eq(st->top->name, "top"));
    CHECK(symtable_block_of(st, tree) == st->top);
    CHECK(st->top->nchildren == 7);   /* f, C, listcomp, lambda, gen, coro, agen */

    /* f: co_varnames starts z b a k args kw; co_cellvars (b, a, kw, c, x). */
    SymBlock *f = symtable_block_of(st, stmt(tree, 0));
    CHECK(f && f->kind == BLOCK_FUNCTION && str_eq(f->name, "f") && f->parent == st->top);
    if (f) {
        static const char *const params[] = {"z", "b", "a", "k", "args", "kw"};
        static const char *const cells[] = {"b", "a", "kw", "c", "x"};
        CHECK(f->nparams == 6);
        for (int i = 0; i < 6 && i < f->nparams; i++)
            CHECK(str_eq(f->params[i], params[i]));
        CHECK(f->argcount == 3 && f->posonlyargcount == 0 && f->kwonlyargcount == 1);
        CHECK(f->varargs && f->varkeywords && !f->nested);
        CHECK(f->ncellvars == 5 && f->nfreevars == 0);
        for (int i = 0; i < 5 && i < f->ncellvars; i++)
            CHECK(str_eq(f->cellvars[i], cells[i]));
        Symbol *sa = symblock_lookup(st, f, "a");
        CHECK(sa && sa->scope == SCOPE_CELL && sa->param_index == 2 && sa->cell_index == 1);
        Symbol *sy = symblock_lookup(st, f, "y");
        CHECK(sy && sy->scope == SCOPE_LOCAL && sy->param_index == -1 && sy->cell_index == -1);
        Symbol *sc = symblock_lookup(st, f, "c");
        CHECK(sc && sc->scope == SCOPE_CELL && sc->cell_index == 3 && (sc->flags & DEF_LOCAL));
        CHECK(symblock_lookup(st, f, "nothing") == NULL);
        CHECK(f->nchildren == 1);
        SymBlock *g = f->nchildren ? f->children[0] : NULL;
        CHECK(g && str_eq(g->name, "g") && g->nested && g->has_free && f->child_free);
        if (g) {
            /* co_freevars of g: (a, b, c, kw, x). */
            static const char *const frees[] = {"a", "b", "c", "kw", "x"};
            CHECK(g->nfreevars == 5);
            for (int i = 0; i < 5 && i < g->nfreevars; i++)
                CHECK(str_eq(g->freevars[i], frees[i]));
            Symbol *gx = symblock_lookup(st, g, "x");
            CHECK(gx && gx->scope == SCOPE_FREE && gx->free_index == 4 && (gx->flags & DEF_USE));
        }
    }

    /* C: the __class__ cell for super(); mangled names inside its method. */
    SymBlock *c = symtable_block_of(st, stmt(tree, 1));
    CHECK(c && c->kind == BLOCK_CLASS && c->needs_class_closure && str_eq(c->private_name, "C"));
    if (c) {
        CHECK(c->ncellvars == 1 && str_eq(c->cellvars[0], "__class__"));
        SymBlock *m = c->nchildren ? c->children[0] : NULL;
        CHECK(m && str_eq(m->private_name, "C"));
        if (m) {
            CHECK(symblock_lookup(st, m, "__p") == NULL);
            Symbol *p = symblock_lookup(st, m, "_C__p");
            CHECK(p && p->scope == SCOPE_LOCAL);
            Symbol *cls = symblock_lookup(st, m, "__class__");
            CHECK(cls && cls->scope == SCOPE_FREE && cls->free_index == 0);
            Symbol *sup = symblock_lookup(st, m, "super");
            CHECK(sup && sup->scope == SCOPE_GLOBAL_IMPLICIT);
        }
    }

    /* The list comprehension's block hangs off the ListComp node. */
    const AstNode *comp = stmt(tree, 2)->v.Assign.value;
    SymBlock *lc = symtable_block_of(st, comp);
    CHECK(lc && str_eq(lc->name, "listcomp") && lc->comprehension == COMP_LIST);
    CHECK(lc && lc->nparams == 1 && str_eq(lc->params[0], ".0") && lc->argcount == 1);
    CHECK(lc && !lc->generator);
    Symbol *it = lc ? symblock_lookup(st, lc, "i") : NULL;
    CHECK(it && (it->flags & DEF_COMP_ITER) && it->scope == SCOPE_LOCAL);

    SymBlock *lam = symtable_block_of(st, stmt(tree, 3)->v.Assign.value);
    CHECK(lam && str_eq(lam->name, "lambda") && lam->posonlyargcount == 1 && lam->argcount == 2);

    SymBlock *gen = symtable_block_of(st, stmt(tree, 4));
    CHECK(gen && gen->generator && !gen->coroutine && gen->returns_value);
    SymBlock *co = symtable_block_of(st, stmt(tree, 5));
    CHECK(co && co->coroutine && !co->generator);
    SymBlock *ag = symtable_block_of(st, stmt(tree, 6));
    CHECK(ag && ag->coroutine && ag->generator);

    CHECK(symtable_block_of(st, stmt(tree, 2)) == NULL);   /* an Assign opens no block */
    arena_free(&a);
}

static void test_modes(void)
{
    Arena a;
    arena_init(&a);
    AstNode *tree;
    SyntaxErrorInfo err;
    SymTable *st = build(&a, "lambda x: [y for y in x]", PARSE_EVAL, &tree, &err);
    CHECK(st && st->top->nchildren == 1);
    if (st && st->top->nchildren == 1) {
        SymBlock *lam = st->top->children[0];
        CHECK(str_eq(lam->name, "lambda") && lam->nchildren == 1);
        Symbol *x = symblock_lookup(st, lam, "x");
        CHECK(x && x->scope == SCOPE_LOCAL && x->param_index == 0);
    }
    st = build(&a, "x = 1\n", PARSE_SINGLE, &tree, &err);
    CHECK(st && st->top->nsymbols == 1);
    arena_free(&a);
}

/* CPython 3.11's ste_coroutine propagation: a list/set/dict comprehension
 * that is a coroutine makes its enclosing block one, level by level; a
 * generator expression, a lambda or a def stops it. */
static void test_coroutine_propagation(void)
{
    Arena a;
    arena_init(&a);
    AstNode *tree;
    SyntaxErrorInfo err;
    const char *src =
        "def a(): [[x async for x in y] for z in w]\n"
        "def b(): ([x async for x in y] for z in w)\n"
        "def c(): [lambda: [x async for x in y] for z in w]\n"
        "def d(): [x for x in w if {y: 1 for y in z if await q}]\n"
        "def e(): [x for x in w if (y async for y in z)]\n";
    SymTable *st = build(&a, src, PARSE_EXEC, &tree, &err);
    CHECK(st != NULL);
    if (!st) {
        arena_free(&a);
        return;
    }
    SymBlock *fa = symtable_block_of(st, stmt(tree, 0));
    CHECK(fa && fa->coroutine && fa->nchildren == 1);
    if (fa && fa->nchildren == 1) {
        SymBlock *outer = fa->children[0];
        CHECK(outer->coroutine && outer->nchildren == 1);
        CHECK(outer->nchildren == 1 && outer->children[0]->coroutine);
    }
    SymBlock *fb = symtable_block_of(st, stmt(tree, 1));
    CHECK(fb && !fb->coroutine && fb->nchildren == 1);
    if (fb && fb->nchildren == 1)
        CHECK(fb->children[0]->comprehension == COMP_GENEXP && fb->children[0]->coroutine);
    SymBlock *fc = symtable_block_of(st, stmt(tree, 2));
    CHECK(fc && !fc->coroutine && fc->nchildren == 1);
    if (fc && fc->nchildren == 1) {
        SymBlock *lc = fc->children[0];
        CHECK(!lc->coroutine && lc->nchildren == 1);
        CHECK(lc->nchildren == 1 && lc->children[0]->coroutine);   /* the lambda */
    }
    SymBlock *fd = symtable_block_of(st, stmt(tree, 3));
    CHECK(fd && fd->coroutine);
    SymBlock *fe = symtable_block_of(st, stmt(tree, 4));
    CHECK(fe && !fe->coroutine);
    arena_free(&a);
}

static void test_errors_and_future(void)
{
    Arena a;
    arena_init(&a);
    AstNode *tree;
    SyntaxErrorInfo err;
    SymTable *st = build(&a, "def f(a, a): pass\n", PARSE_EXEC, &tree, &err);
    CHECK(st == NULL && err.kind == SYNERR_SYNTAX && err.byte_offsets);
    CHECK(str_eq(err.msg, "duplicate argument 'a' in function definition"));
    CHECK(err.lineno == 1 && err.col_offset == 9 && err.end_lineno == 1 && err.end_col_offset == 10);

    st = build(&a, "\"doc\"\nfrom __future__ import annotations\nx: int\n", PARSE_EXEC, &tree, &err);
    CHECK(st && (st->future_features & FUTURE_ANNOTATIONS) && st->future_lineno == 2);
    st = build(&a, "x = 1\n", PARSE_EXEC, &tree, &err);
    CHECK(st && st->future_features == 0 && st->future_lineno == -1);
    arena_free(&a);
}

int main(void)
{
    test_mangle();
    test_blocks_and_slots();
    test_modes();
    test_coroutine_propagation();
    test_errors_and_future();
    printf("test_symtable: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
