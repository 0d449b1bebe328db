/* The error a failed tokenize or parse leaves behind: what Python will raise
 * as SyntaxError, IndentationError or TabError. */
#ifndef KRAIT_SYNTAX_ERROR_H
#define KRAIT_SYNTAX_ERROR_H

#include <stdbool.h>
#include <stdio.h>

typedef enum {
    SYNERR_NONE,
    SYNERR_SYNTAX,       /* SyntaxError */
    SYNERR_INDENTATION,  /* IndentationError */
    SYNERR_TAB,          /* TabError */
    SYNERR_NOMEM,        /* MemoryError */
    SYNERR_RECURSION,    /* RecursionError: the tree is too deep to compile */
} SyntaxErrorKind;

typedef struct SyntaxErrorInfo {
    SyntaxErrorKind kind;
    char msg[512];
    /* 1-based lines; 0-based UTF-8 byte columns into the decoded source
     * line.  end_lineno == 0 means "no end position" (CPython leaves
     * end_offset unset for many tokenizer errors). */
    int lineno, col_offset, end_lineno, end_col_offset;
    /* When set (arena-owned, NUL-terminated), the source text to show instead
     * of line `lineno` of the buffer: CPython 3.11 shows an f-string
     * expression's own text, as "(expr)", for errors inside it. */
    const char *text;
    /* Set by the passes after parsing (symbol table, compiler): CPython
     * reports their columns in UTF-8 bytes even in a file with a coding
     * declaration, where the parser's count characters. */
    bool byte_offsets;
    /* An error CPython's tokenizer raises at once (not one it leaves in its
     * state for the parser): its text is the line without the line break. */
    bool line_only;
} SyntaxErrorInfo;

#endif
