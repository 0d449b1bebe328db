/* The parser: source text to AST, as CPython 3.11's ast.parse(). */
#ifndef KRAIT_PARSER_H
#define KRAIT_PARSER_H

#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "syntax_error.h"
#include "source_codec.h"
#include "tokenizer.h"

typedef enum {
    PARSE_EXEC,       /* a module: Module(body, type_ignores) */
    PARSE_EVAL,       /* an expression: Expression(body) */
    PARSE_SINGLE,     /* one interactive statement: Interactive(body) */
    PARSE_FUNC_TYPE,  /* a function type comment: FunctionType(argtypes, returns) */
} ParseMode;

/* Parses the raw bytes of a source file.  Everything, the tree included,
 * lives in `arena`.  Returns the tree, or NULL with *err filled in.  When tok
 * is given it is left holding the decoded buffer, for error printing. */
AstNode *parse_source(Arena *arena, const char *src, size_t len, const char *filename,
                      ParseMode mode, SyntaxErrorInfo *err, Tokenizer *tok);

/* parse_source for bytes from elsewhere than a file run: `opts` says where
 * they came from (compile() and ast.parse() word decoding errors differently
 * from `python3.11 FILE`) and which standard library supplies codecs. */
AstNode *parse_source_with(Arena *arena, const char *src, size_t len, const char *filename,
                           ParseMode mode, const SourceOptions *opts, SyntaxErrorInfo *err,
                           Tokenizer *tok);

/* Prints an error as CPython prints an uncaught SyntaxError from a file:
 *     File "name", line N
 *       source line
 *           ^^^^
 *   SyntaxError: message
 * buf/buf_end is the decoded source (may be NULL when decoding failed). */
void syntax_error_print(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                        const char *buf, const char *buf_end);

/* Name of the Python exception class for an error kind ("SyntaxError"...). */
const char *syntax_error_class(SyntaxErrorKind kind);

#endif
