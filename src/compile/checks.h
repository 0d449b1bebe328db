/* The SyntaxErrors CPython 3.11's compiler raises, as opposed to its parser
 * and its symbol table: 'return' / 'yield' / 'await' / 'async ...' outside
 * their functions, 'break' / 'continue' outside loops and in except* blocks,
 * assignments to __debug__, misplaced starred expressions, repeated keyword
 * arguments, a bare 'except:' before others, too many nested blocks, and
 * the match statement's pattern rules.
 *
 * The code generator runs this pass first, after symtable_build() has
 * succeeded (CPython reports symbol-table errors before these).  The walk
 * visits the tree in the order CPython's compiler does, and tracks the
 * "current location" the way the compiler does, because both decide which
 * error is reported and where when a program has several. */
#ifndef KRAIT_CHECKS_H
#define KRAIT_CHECKS_H

#include "compile/symtable.h"
#include "parse/ast.h"
#include "parse/syntax_error.h"

/* Checks a Module.  Returns 0, or -1 with *err filled: a SyntaxError with
 * CPython's message and position (byte_offsets set, as every error found
 * after parsing), SYNERR_RECURSION for a tree too deep, SYNERR_NOMEM. */
int compile_checks(const AstNode *mod, const SymTable *st, SyntaxErrorInfo *err);

#endif
