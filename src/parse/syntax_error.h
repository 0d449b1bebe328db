/* The error a failed tokenize or parse leaves behind: what Python will raise
 * as SyntaxError, IndentationError or TabError. */
#ifndef KRAIT_SYNTAX_ERROR_H
#define KRAIT_SYNTAX_ERROR_H

#include <stdio.h>

typedef enum {
    SYNERR_NONE,
    SYNERR_SYNTAX,       /* SyntaxError */
    SYNERR_INDENTATION,  /* IndentationError */
    SYNERR_TAB,          /* TabError */
    SYNERR_NOMEM,        /* MemoryError */
} SyntaxErrorKind;

typedef struct SyntaxErrorInfo {
    SyntaxErrorKind kind;
    char msg[512];
    /* 1-based lines; 0-based UTF-8 byte columns into the decoded source
     * line.  end_lineno == 0 means "no end position" (CPython leaves
     * end_offset unset for many tokenizer errors). */
    int lineno, col_offset, end_lineno, end_col_offset;
} SyntaxErrorInfo;

#endif
