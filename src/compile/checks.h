/* The SyntaxErrors CPython 3.11's compiler raises, as opposed to its parser
 * and its symbol table: 'return' / 'yield' / 'await' / 'async ...' outside
 * their functions, 'break' / 'continue' outside loops and in except* blocks,
 * assignments to __debug__, misplaced starred expressions, repeated keyword
 * arguments, a bare 'except:' before others, too many nested blocks, and
 * the match statement's pattern rules.  It also collects the SyntaxWarnings
 * the compiler emits ("is" with a literal, an always-true assert, calling or
 * subscripting a literal that cannot be).
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

/* One SyntaxWarning the compiler would emit: where the compiler was when it
 * warned (only the line is printed) and the message. */
typedef struct CompileWarning {
    AstPos pos;
    char msg[128];
} CompileWarning;

/* The warnings of one compile_checks() run, in the order CPython emits
 * them (each as often as CPython compiles the code that causes it: a
 * finally body's warnings come once per copy compiled).  malloc'd. */
typedef struct CompileWarnings {
    CompileWarning *v;
    int n, cap;
} CompileWarnings;

void compile_warnings_free(CompileWarnings *w);

/* Prints the warnings as `python3.11 FILE` does (warnings.showwarning):
 * "FILE:LINE: SyntaxWarning: MSG", then that line of the decoded source
 * [buf, buf_end) without its indentation, indented by two.  `bom`: the file
 * starts with a UTF-8 BOM, which CPython's re-read of line 1 keeps (as
 * U+FEFF, not indentation). */
void compile_warnings_print(FILE *out, const char *filename, const CompileWarnings *w,
                            const char *buf, const char *buf_end, bool bom);

/* Checks a Module.  Returns 0, or -1 with *err filled: a SyntaxError with
 * CPython's message and position (byte_offsets set, as every error found
 * after parsing), SYNERR_RECURSION for a tree too deep, SYNERR_NOMEM. */
/* The SyntaxWarnings found before the walk ended (all of them, or those
 * before the error) are appended to *warnings unless it is NULL; the caller
 * frees it, even after an error. */
int compile_checks(const AstNode *mod, const SymTable *st, SyntaxErrorInfo *err,
                   CompileWarnings *warnings);

#endif
