/* The parser: source text to AST, as CPython 3.11's ast.parse(). */
#ifndef KRAIT_PARSER_H
#define KRAIT_PARSER_H

#include <stdbool.h>
#include <stddef.h>
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

/* Where the error printer finds the source line it shows. */
typedef struct SyntaxErrorSource {
    const char *buf, *buf_end;    /* the decoded source (may be NULL) */
    /* The file's raw bytes, or NULL: CPython shows the line of a parser,
     * symbol-table or compiler error as it reads it back from the file (see
     * syntax_error.c), and with a NULL raw the decoded line stands in. */
    const char *raw;
    size_t raw_len;
    const SourceCodec *codec;     /* the file's declared (or BOM) codec, or NULL */
} SyntaxErrorSource;

void syntax_error_print_source(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                               const SyntaxErrorSource *src);

/* syntax_error_print for `python3.11 FILE`: `raw` holds the bytes of the
 * file, `tok` the tokenizer parse_source left behind. */
void syntax_error_print_file(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                             const char *raw, size_t raw_len, const Tokenizer *tok);

/* Name of the Python exception class for an error kind ("SyntaxError"...). */
const char *syntax_error_class(SyntaxErrorKind kind);

#endif
