/* The canonical text form of a symbol table, for `krait -X symtable FILE`.
 * tests/compile/symtable_dump.py prints the same form from CPython's
 * `symtable` module, so the two can be compared byte for byte:
 *
 *   TYPE NAME line N[ nested][ optimized]          one line per block, children
 *     params: NAME...                               indented two more spaces
 *     cells: NAME...                                (co_cellvars order)
 *     frees: NAME...                                (co_freevars order)
 *     NAME FLAGS SCOPE [PUBLIC]                     one line per symbol, sorted
 *
 * FLAGS are the DEF_* bits joined by '|' (or 0), SCOPE the resolved scope,
 * PUBLIC the predicates of symtable.Symbol that hold, derived from the flags
 * exactly as Lib/symtable.py derives them (quirks included: a block named
 * "top" counts as the module for is_global/is_local; is_namespace compares
 * the mangled symbol name with the unmangled names of the child blocks).
 * Empty params/cells/frees lines are left out. */
#include <stdlib.h>
#include <string.h>

#include "compile/symtable.h"

static const char *const flag_names[] = {
    "DEF_GLOBAL", "DEF_LOCAL", "DEF_PARAM", "DEF_NONLOCAL", "USE",
    "DEF_FREE", "DEF_FREE_CLASS", "DEF_IMPORT", "DEF_ANNOT", "DEF_COMP_ITER",
};

static const char *scope_name(SymScope scope)
{
    switch (scope) {
    case SCOPE_LOCAL: return "LOCAL";
    case SCOPE_GLOBAL_EXPLICIT: return "GLOBAL_EXPLICIT";
    case SCOPE_GLOBAL_IMPLICIT: return "GLOBAL_IMPLICIT";
    case SCOPE_FREE: return "FREE";
    case SCOPE_CELL: return "CELL";
    case SCOPE_NONE:
    default: return "0";
    }
}

static const char *block_type(SymBlockKind kind)
{
    switch (kind) {
    case BLOCK_FUNCTION: return "function";
    case BLOCK_CLASS: return "class";
    case BLOCK_MODULE: return "module";
    case BLOCK_ANNOTATION:
    default: return "annotation";
    }
}

static int cmp_symbols(const void *x, const void *y)
{
    const Symbol *a = *(const Symbol *const *)x, *b = *(const Symbol *const *)y;
    return strcmp(a->name, b->name);
}

static void put_names(FILE *out, int indent, const char *label, const char *const *names, int n)
{
    if (n == 0)
        return;
    fprintf(out, "%*s%s:", indent, "", label);
    for (int i = 0; i < n; i++)
        fprintf(out, " %s", names[i]);
    fputc('\n', out);
}

static void put_symbol(FILE *out, int indent, const SymBlock *blk, const Symbol *s)
{
    fprintf(out, "%*s%s ", indent, "", s->name);
    unsigned flags = s->flags;
    if (flags == 0)
        fputc('0', out);
    bool first = true;
    for (unsigned bit = 0; bit < sizeof flag_names / sizeof flag_names[0]; bit++)
        if (flags & (1u << bit)) {
            fprintf(out, "%s%s", first ? "" : "|", flag_names[bit]);
            first = false;
        }
    fprintf(out, " %s [", scope_name(s->scope));

    bool module_scope = strcmp(blk->name, "top") == 0;
    bool bound_in_module = module_scope && (flags & DEF_BOUND);
    bool is_namespace = false;
    for (int i = 0; i < blk->nchildren; i++)
        if (strcmp(blk->children[i]->name, s->name) == 0)
            is_namespace = true;
    const struct {
        const char *name;
        bool on;
    } preds[] = {
        {"parameter", flags & DEF_PARAM},
        {"global", s->scope == SCOPE_GLOBAL_IMPLICIT || s->scope == SCOPE_GLOBAL_EXPLICIT ||
                       bound_in_module},
        {"declared_global", s->scope == SCOPE_GLOBAL_EXPLICIT},
        {"local", s->scope == SCOPE_LOCAL || s->scope == SCOPE_CELL || bound_in_module},
        {"annotated", flags & DEF_ANNOT},
        {"free", s->scope == SCOPE_FREE},
        {"imported", flags & DEF_IMPORT},
        {"assigned", flags & DEF_LOCAL},
        {"referenced", flags & DEF_USE},
        {"nonlocal", flags & DEF_NONLOCAL},
        {"namespace", is_namespace},
    };
    first = true;
    for (size_t i = 0; i < sizeof preds / sizeof preds[0]; i++)
        if (preds[i].on) {
            fprintf(out, "%s%s", first ? "" : ",", preds[i].name);
            first = false;
        }
    fputs("]\n", out);
}

static int dump_block(FILE *out, const SymBlock *blk, int indent)
{
    fprintf(out, "%*s%s %s line %d%s%s\n", indent, "", block_type(blk->kind), blk->name,
            blk->pos.lineno, blk->nested ? " nested" : "",
            blk->kind == BLOCK_FUNCTION ? " optimized" : "");
    put_names(out, indent + 2, "params", blk->params, blk->nparams);
    put_names(out, indent + 2, "cells", blk->cellvars, blk->ncellvars);
    put_names(out, indent + 2, "frees", blk->freevars, blk->nfreevars);
    if (blk->nsymbols > 0) {
        const Symbol **sorted = malloc((size_t)blk->nsymbols * sizeof *sorted);
        if (!sorted)
            return -1;
        for (int i = 0; i < blk->nsymbols; i++)
            sorted[i] = &blk->symbols[i];
        qsort(sorted, (size_t)blk->nsymbols, sizeof *sorted, cmp_symbols);
        for (int i = 0; i < blk->nsymbols; i++)
            put_symbol(out, indent + 2, blk, sorted[i]);
        free(sorted);
    }
    for (int i = 0; i < blk->nchildren; i++)
        if (dump_block(out, blk->children[i], indent + 2) != 0)
            return -1;
    return ferror(out) ? -1 : 0;
}

int symtable_dump(FILE *out, const SymTable *st)
{
    return dump_block(out, st->top, 0);
}
