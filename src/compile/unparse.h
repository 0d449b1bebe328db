/* Expressions back to source text, for `from __future__ import annotations`
 * (PEP 563): each annotation is stored as the string CPython 3.11's compiler
 * makes of it.  That text is canonical rather than the original spelling:
 * spaces around binary operators, parentheses only where precedence needs
 * them, constants as their repr (an infinite float as 1e309). */
#ifndef KRAIT_UNPARSE_H
#define KRAIT_UNPARSE_H

#include "core/vm.h"
#include "parse/ast.h"

/* Converts an AST constant to its value (the compiler's own conversion, so
 * strings with lone surrogates and big ints come out as in co_consts). */
typedef KrValue (*KrUnparseConstFn)(void *ctx, const AstConstant *k);

/* The annotation text of `e` as a new str, or KR_ERROR with an exception set. */
KrValue kr_unparse_annotation(KrThread *t, const AstNode *e, KrUnparseConstFn constant, void *ctx);

#endif
