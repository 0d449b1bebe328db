/* The tokenizer: Python 3.11's lexical grammar over one source buffer, plus
 * PEP 701 f-strings (an f-string is returned as one STRING token; the parser
 * splits it with the helpers at the end of this file).
 *
 * Tokens are produced one at a time, on demand, so an error is reported at the
 * point CPython's streaming tokenizer would report it. */
#ifndef KRAIT_TOKENIZER_H
#define KRAIT_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "source_codec.h"
#include "syntax_error.h"

typedef enum {
#define TOK(name, text) TOK_##name,
#define KW(name, text) TOK_KW_##name,
#include "token.def"
#undef KW
#undef TOK
    TOK_KIND_COUNT
} TokenKind;

typedef struct Token {
    TokenKind kind;
    const char *start, *end;   /* the token's bytes in the decoded buffer */
    /* 1-based lines, 0-based UTF-8 byte columns (CPython's conventions). */
    int lineno, col_offset, end_lineno, end_col_offset;
    int level;                 /* bracket depth after this token (set by the parser) */
} Token;

enum { TOK_MAX_INDENT = 100, TOK_MAX_PAREN = 200 };

typedef struct Tokenizer {
    /* The source after decoding: UTF-8, every line ending turned into "\n",
     * always ending in "\n" unless empty, NUL-terminated.  Owned by the arena. */
    const char *buf, *buf_end;
    const char *cur;            /* next byte to read */
    const char *line_start;     /* first byte of the current line */
    int lineno;                 /* line of `cur` */
    const char *filename;
    Arena *arena;
    SyntaxErrorInfo *err;

    /* Indentation stack (columns with tabs expanded to 8, and with tabs as
     * 1 column, to detect inconsistent use as CPython does). */
    int indent;                 /* index of the top of the stacks */
    int indstack[TOK_MAX_INDENT];
    int altindstack[TOK_MAX_INDENT];
    int pending;                /* >0: INDENTs to emit, <0: DEDENTs to emit */
    bool at_line_start;         /* about to read the start of a logical line */
    bool done;                  /* ENDMARKER has been returned */
    bool sub;                   /* a sub-tokenizer of an f-string expression */

    /* Open brackets, for NEWLINE suppression and for "'(' was never
     * closed" / "unmatched ')'" / "closing parenthesis ']' does not match
     * opening parenthesis '('". */
    int level;
    char parenstack[TOK_MAX_PAREN];
    int parenlinenostack[TOK_MAX_PAREN];
    int parencolstack[TOK_MAX_PAREN];

    bool failed;                /* an error was reported; tok_next repeats it */
    /* A BOM or coding declaration named the encoding (CPython's tok->encoding
     * is set): only then does CPython's parser turn the byte offsets of its
     * own error positions into character offsets. */
    bool has_encoding;
    const SourceCodec *codec;   /* SourceText.codec: that encoding's codec */
    /* The error is one CPython's tokenizer signals only through its state
     * (unexpected EOF, a bracket never closed, indentation and tab errors, a
     * bad line continuation), not by raising at once.  When CPython's parser
     * fails and then tokenizes the rest of the file, only the other tokenizer
     * errors replace its own ("'(' was never closed" does when the bracket
     * is on an earlier line than the parser's error). */
    bool soft_error;

    /* A decoding error that CPython raises only when its tokenizer reads
     * line `pending_line`, which starts at `pending_at` in buf (see
     * SourceText.pending): tok_next reports it in place of any result
     * that needed that line.  NULL when there is none. */
    const SyntaxErrorInfo *pending_error;
    const char *pending_at;
    int pending_line;
} Tokenizer;

/* Prepares to tokenize the raw bytes of a source file as `python3.11 FILE`
 * reads them: strips a UTF-8 BOM, honours a PEP 263 coding declaration
 * (any codec of /usr/lib/python3.11's encodings package that Krait can
 * decode: see source_codec.h), checks undeclared text is UTF-8, turns
 * "\r\n" and "\r" into "\n".  Returns 0, or -1 with *err filled in. */
int tok_init(Tokenizer *t, const char *src, size_t len, const char *filename,
             Arena *arena, SyntaxErrorInfo *err);

/* tok_init with the origin of the bytes (a file run, or compile()), which
 * decides how CPython decodes them and words decoding errors, and the
 * standard library whose codecs to use. */
int tok_init_source(Tokenizer *t, const char *src, size_t len, const char *filename,
                    Arena *arena, SyntaxErrorInfo *err, const SourceOptions *opts);

/* Prepares a tokenizer over part of an existing tokenizer's buffer: the
 * expression of an f-string replacement field, [start, end).  It behaves as
 * if inside brackets (no NEWLINE/INDENT/DEDENT) and ends with ENDMARKER.
 * Positions are those of the bytes in the original buffer: lineno is the line
 * of `start`, line_start the first byte of that line. */
void tok_init_sub(Tokenizer *t, const Tokenizer *parent, const char *start, const char *end,
                  int lineno, const char *line_start);

/* Reads the next token into *tok.  Returns 0, or -1 with t->err filled in.
 * After ENDMARKER it keeps returning ENDMARKER. */
int tok_next(Tokenizer *t, Token *tok);

/* Spelling of a token kind, for messages ("'('", "NEWLINE", ...). */
const char *tok_kind_name(TokenKind kind);

/* ---- Pieces of a string token, for the parser's f-string assembly. ---- */

typedef struct StringPrefix {
    bool raw, bytes, fmt, unicode;  /* r/R, b/B, f/F, u/U */
    int quote_len;                  /* 1 or 3 */
    char quote;                     /* '\'' or '"' */
    const char *body, *body_end;    /* between the quotes */
} StringPrefix;

/* Splits a STRING token into prefix flags, quotes and body. */
void tok_string_parts(const Token *tok, StringPrefix *out);

/* Given p pointing just after the '{' of an f-string replacement field,
 * returns the end of its expression: the first '}', '!', ':' or '=' (not part
 * of '==', '!=', '<=', '>=' or ':=' inside brackets) at bracket depth 0, having
 * skipped nested brackets, string literals (nested f-strings of any quote,
 * PEP 701) and comments.  `limit` is the end of the f-string body.  Returns
 * NULL if no such point exists before `limit`. */
const char *tok_fstring_expr_end(const char *p, const char *limit);

#endif
