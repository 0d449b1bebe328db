/* Symbol tables: for every block of a program (the module, each function,
 * lambda, class and comprehension) the names it uses and where each one
 * lives: a local, a cell, a free variable, an explicit or implicit global.
 * The decisions are CPython 3.11's symtable.c, made observable by its
 * `symtable` module, by code objects' co_cellvars / co_freevars and by the
 * SyntaxErrors it raises; tests/compile/ checks all three against python3.11.
 *
 * Two passes, as CPython:
 *   1. a walk of the AST records each name's uses as DEF_* flags in the block
 *      it appears in (after private-name mangling), and raises the errors
 *      that need only the walk (duplicate argument, global after use, walrus
 *      rules in comprehensions, import * in a function...);
 *   2. an analysis from the module down resolves every name to a SymScope,
 *      turns locals captured by inner functions into cells, and raises the
 *      errors that need the whole tree (nonlocal without a binding...).
 *
 * Everything lives in the caller's Arena, next to the AST it describes. */
#ifndef KRAIT_SYMTABLE_H
#define KRAIT_SYMTABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "parse/arena.h"
#include "parse/ast.h"
#include "parse/syntax_error.h"

/* How a name is used in its own block: CPython's DEF_* bits, with the same
 * values, because the symtable module shows them. */
enum {
    DEF_GLOBAL = 1,        /* global statement (or a module-level comprehension's walrus target) */
    DEF_LOCAL = 2,         /* assigned, deleted, def/class name, except/for/with/match target */
    DEF_PARAM = 4,         /* a parameter (".0" for a comprehension's outermost iterator) */
    DEF_NONLOCAL = 8,      /* nonlocal statement (or a walrus target in a nested comprehension) */
    DEF_USE = 16,          /* read */
    DEF_FREE = 32,         /* never set in 3.11; kept so the values line up */
    DEF_FREE_CLASS = 64,   /* a class-level name that is also free in a method */
    DEF_IMPORT = 128,      /* bound by an import */
    DEF_ANNOT = 256,       /* annotated (`x: int`) */
    DEF_COMP_ITER = 512,   /* a comprehension's iteration variable */
    DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

/* Where a name lives once the analysis is done (CPython's scope values). */
typedef enum {
    SCOPE_NONE = 0,          /* only in annotation blocks, which are never analysed */
    SCOPE_LOCAL = 1,         /* a fast local (function) or a namespace entry (module, class) */
    SCOPE_GLOBAL_EXPLICIT = 2, /* declared global */
    SCOPE_GLOBAL_IMPLICIT = 3, /* not bound here nor in an enclosing function */
    SCOPE_FREE = 4,          /* bound in an enclosing function: read through a cell */
    SCOPE_CELL = 5,          /* local here and captured by an inner block */
} SymScope;

/* Block kinds, with the values of _symtable.TYPE_*.  Annotation blocks exist
 * only under `from __future__ import annotations`: annotations are then
 * compiled to strings, so their names bind nothing; they are walked for
 * their errors and are nobody's child, so they and the lambdas and
 * comprehensions inside them are never analysed (SCOPE_NONE everywhere)
 * and never compiled. */
typedef enum {
    BLOCK_FUNCTION = 0,      /* def, async def, lambda, comprehension */
    BLOCK_CLASS = 1,
    BLOCK_MODULE = 2,
    BLOCK_ANNOTATION = 3,
} SymBlockKind;

typedef enum {
    COMP_NONE,
    COMP_LIST,
    COMP_DICT,
    COMP_SET,
    COMP_GENEXP,
} SymCompKind;

/* __future__ features that change compilation. */
enum {
    FUTURE_ANNOTATIONS = 1,  /* from __future__ import annotations */
    FUTURE_BARRY_AS_BDFL = 2,
};

typedef struct Symbol {
    const char *name;        /* mangled; interned: one pointer per spelling */
    unsigned flags;          /* DEF_* */
    SymScope scope;
    int param_index;         /* index in the block's params[], or -1 */
    int cell_index;          /* index in the block's cellvars[] (co_cellvars), or -1 */
    int free_index;          /* index in the block's freevars[] (co_freevars), or -1 */
} Symbol;

typedef struct SymBlock SymBlock;
struct SymBlock {
    SymBlockKind kind;
    const char *name;        /* "top", the def/class name (unmangled), "lambda",
                                "listcomp", "setcomp", "dictcomp", "genexpr" */
    const AstNode *node;     /* Module/Interactive/Expression, FunctionDef,
                                AsyncFunctionDef, ClassDef, Lambda, the
                                comprehension expression */
    AstPos pos;              /* the node's; all zero for the module */
    SymBlock *parent;        /* NULL for the module */
    SymBlock **children;     /* in source order (CPython's ste_children) */
    int nchildren;

    Symbol *symbols;         /* in first-use order (CPython's ste_symbols) */
    int nsymbols;

    /* Parameters in co_varnames order: positional-only, positional,
     * keyword-only, *args, **kwargs; ".0" for a comprehension. */
    const char **params;
    int nparams;
    int posonlyargcount;     /* co_posonlyargcount */
    int argcount;            /* co_argcount (positional-only included) */
    int kwonlyargcount;      /* co_kwonlyargcount */
    bool varargs, varkeywords;

    /* co_cellvars order: cells that are parameters in parameter order, then
     * the other cells sorted by code point; for a class, just "__class__"
     * when a method needs it (needs_class_closure). */
    const char **cellvars;
    int ncellvars;
    /* co_freevars order: sorted by code point. */
    const char **freevars;
    int nfreevars;

    /* The class name in effect for private-name mangling in this block
     * (a method's is its class's), or NULL. */
    const char *private_name;

    SymCompKind comprehension;
    bool nested;             /* inside a function (CO_NESTED) */
    bool generator;          /* contains yield / yield from */
    bool coroutine;          /* async def, await / async for inside, or a
                              * list/set/dict comprehension directly inside
                              * that is one (CPython's ste_coroutine) */
    bool returns_value;      /* has `return EXPR` */
    bool needs_class_closure;/* class whose methods use __class__ or super */
    bool has_free;           /* some name is free here (ste_free) */
    bool child_free;         /* some nested block has a free name (ste_child_free) */

    /* Private to symtable.c: the name index and build-time state. */
    struct SymBlockPriv *priv_;
};

typedef struct SymTable {
    SymBlock *top;
    unsigned future_features; /* FUTURE_* */
    int future_lineno;       /* line of the last leading __future__ import, or -1 */
    struct SymIndex *index_; /* private: AST node -> block, name interning */
} SymTable;

/* Builds the symbol table of a parsed module (Module, Interactive or
 * Expression) in `arena`; names are copied, so the tree may live elsewhere
 * (but symtable_block_of() keys on its node pointers).  Returns NULL with
 * *err filled in: a SyntaxError with
 * CPython's message and position, SYNERR_RECURSION for a tree too deep,
 * SYNERR_NOMEM.
 *
 * Besides the symbol table's own errors this reports the __future__ errors
 * CPython's compiler raises around it: an unknown feature, "not a chance",
 * and a `from __future__ import` after the file's first statements. */
SymTable *symtable_build(Arena *arena, const AstNode *mod, SyntaxErrorInfo *err);

/* The block a FunctionDef, AsyncFunctionDef, ClassDef, Lambda,
 * ListComp/SetComp/DictComp/GeneratorExp or module node opened, or NULL. */
SymBlock *symtable_block_of(const SymTable *st, const AstNode *node);

/* The symbol `name` in block b, or NULL.  `name` must already be mangled
 * (see symtable_mangle) and need not be interned. */
Symbol *symblock_lookup(const SymTable *st, const SymBlock *b, const char *name);

/* Private-name mangling: "__x" in class "Spam" is "_Spam__x".  Returns
 * `name` itself when nothing changes, NULL when out of memory. */
const char *symtable_mangle(Arena *arena, const char *private_name, const char *name);

/* Writes the canonical text dump that tests/compile/symtable_dump.py prints
 * from CPython's symtable module.  Returns 0, or -1 on a write error. */
int symtable_dump(FILE *out, const SymTable *st);

#endif
