/* Literal values: numbers and the text of string literals, turned into
 * AstConstants the way CPython's parser does. */
#ifndef KRAIT_LITERAL_H
#define KRAIT_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "syntax_error.h"

/* Parses the text of a NUMBER token (already validated by the tokenizer:
 * decimal, 0x/0o/0b ints, floats, exponents, imaginary 'j', underscores) into
 * an int (AST_CONST_INT or AST_CONST_BIGINT), float or complex constant.
 * Ints longer than 4300 decimal digits are fine here (CPython's limit applies
 * to str<->int conversion at run time, not to literals).  Returns 0, or -1
 * (out of memory only). */
int lit_number(Arena *a, const char *s, const char *end, AstConstant *out);

/* Decodes the body of a string or bytes literal (the text between the
 * quotes, or a literal piece of an f-string body) into *out (AST_CONST_STR or
 * AST_CONST_BYTES), processing escapes unless `raw`:
 *   \newline \\ \' \" \a \b \f \n \r \t \v \ooo \xhh, and for str also
 *   \uXXXX \UXXXXXXXX \N{NAME}.
 * Unknown escapes are kept as written (backslash and character).
 * A bytes literal with a non-ASCII character is an error "bytes can only
 * contain ASCII literal characters"; bad escapes give CPython's
 * "(unicode error) 'unicodeescape' codec can't decode bytes in position
 * X-Y: truncated \xXX escape" style messages (and "(value error) invalid
 * \x escape at position N" for bytes).  On error returns -1 and fills *err
 * (lineno/col left for the caller to set). */
int lit_string(Arena *a, const char *body, const char *end, bool raw, bool bytes,
               AstConstant *out, SyntaxErrorInfo *err);

/* Writes Python's repr() of a constant: shortest round-trip floats with
 * CPython's exponent rules (1e+16, 1e-05, inf, nan), complex as "1j" /
 * "(1+2j)" forms, big ints in decimal, str with CPython's quote choice and
 * escapes (non-printable characters as \xhh, \uhhhh, \Uhhhhhhhh), bytes as
 * b'...'.  Returns 0, or -1 on a write error. */
#include <stdio.h>
int lit_repr(FILE *out, const AstConstant *c);

#endif
