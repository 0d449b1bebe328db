/* Code generation: AST + symbol table -> register bytecode (vm/code.h). */
#ifndef KRAIT_CODEGEN_H
#define KRAIT_CODEGEN_H

#include "compile/symtable.h"
#include "parse/ast.h"
#include "vm/code.h"

typedef enum {
    COMPILE_EXEC,   /* a module or exec(): statements */
    COMPILE_EVAL,   /* eval(): one expression, its value returned */
    COMPILE_SINGLE, /* the interactive prompt: expression statements are printed */
} CompileMode;

/* Compiles a parsed and checked module to a code object.  Returns the code
 * (a new reference) or KR_ERROR (SystemError/MemoryError set). */
KrValue kr_codegen(KrThread *t, Arena *arena, const AstNode *mod, const SymTable *st, const char *filename,
                   CompileMode mode);

/* Writes a disassembly of `code` and its nested code objects (krait -X dis). */
void kr_disassemble(KrThread *t, KrValue code, FILE *out);

#endif
