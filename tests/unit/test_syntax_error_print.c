/* Unit test of syntax_error_print(): hand-built SyntaxErrorInfo values and
 * buffers, printed and compared with what python3.11 prints.
 *
 * Every expected string below is python3.11's own output:
 *  - entries marked "python3.11 f.py" are the stderr of running python3.11 on
 *    a file f.py whose bytes are the entry's buffer (the absolute directory
 *    CPython puts before "f.py" removed); the entry's line and byte columns
 *    are those of the error CPython reports for that file;
 *  - the other entries give the python3.11 statement whose uncaught
 *    SyntaxError prints the expected text: the same line, with the offset and
 *    end offset (1-based, in CPython's units) that the entry's 0-based byte
 *    columns stand for.  They probe the edges of the rules (clipping, ends on
 *    other lines, missing pieces, text of several lines) with CPython's text
 *    being the buffer's line or the entry's SyntaxErrorInfo.text.
 * The rules themselves are described at the top of src/parse/syntax_error.c.
 *
 * Prints "N passed, M failed"; exits 1 on any failure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

typedef struct Case {
    const char *name;
    const char *src;        /* the decoded source buffer */
    size_t src_len;
    bool has_buf;           /* false: pass a NULL buffer */
    const char *filename;
    SyntaxErrorKind kind;
    const char *msg;
    int lineno, col, end_lineno, end_col;
    const char *text;       /* SyntaxErrorInfo.text, or NULL */
    const char *expected;
} Case;

static const Case cases[] = {
    /* python3.11 f.py, the file being the buffer */
    {"plain",
     "x = = 1\n", 8, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 1, 4, 1, 5, NULL,
     "  File \"f.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"leading spaces stripped, caret shifted",
     "if x:\n    y = = 2\n", 18, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 2, 8, 2, 9, NULL,
     "  File \"f.py\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"leading tab stripped",
     "if x:\n\ty = = 2\n", 15, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 2, 5, 2, 6, NULL,
     "  File \"f.py\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"tab inside the line counts one column",
     "x = 1\ty = = 2\n", 14, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 1, 6, 1, 7, NULL,
     "  File \"f.py\", line 1\n    x = 1\ty = = 2\n          ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"form feeds in the indentation",
     "x = 1\n\f  \fy = = 2\n", 18, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 2, 8, 2, 9, NULL,
     "  File \"f.py\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"range of carets",
     "f() = 1\n", 8, true, "f.py",
     SYNERR_SYNTAX, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 0, 1, 3, NULL,
     "  File \"f.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"},
    /* python3.11 f.py, the file being the buffer */
    {"non-ASCII before a parser error: offsets in bytes",
     "\xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n", 16, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 1, 12, 1, 13, NULL,
     "  File \"f.py\", line 1\n    \xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n                ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"non-ASCII, parser error, coding declaration: characters",
     "# coding: utf-8\n\xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n", 32, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 2, 12, 2, 13, NULL,
     "  File \"f.py\", line 2\n    \xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n             ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"coding declaration on line 2 after a shebang",
     "#!/usr/bin/python3\n# -*- coding: utf-8 -*-\n\xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n", 59, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 3, 12, 3, 13, NULL,
     "  File \"f.py\", line 3\n    \xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n             ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"coding comment on line 2 after code does not count",
     "x = 1\n# coding: utf-8\n\xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n", 38, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 3, 12, 3, 13, NULL,
     "  File \"f.py\", line 3\n    \xc3\xa9 = \"\xc3\xa9\xc3\xa9\" $ 1\n                ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"non-ASCII before a tokenizer error: characters",
     "\xc3\xa9 = \"abc\n", 10, true, "f.py",
     SYNERR_SYNTAX, "unterminated string literal (detected at line 1)", 1, 5, 1, 5, NULL,
     "  File \"f.py\", line 1\n    \xc3\xa9 = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"},
    /* python3.11 f.py, the file being the buffer */
    {"wide characters before a tokenizer error",
     "\xe6\x97\xa5\xe6\x9c\xac = 1abc\n", 14, true, "f.py",
     SYNERR_SYNTAX, "invalid decimal literal", 1, 9, 1, 9, NULL,
     "  File \"f.py\", line 1\n    \xe6\x97\xa5\xe6\x9c\xac = 1abc\n         ^\nSyntaxError: invalid decimal literal\n"},
    /* python3.11 f.py, the file being the buffer */
    {"non-ASCII range in bytes",
     "x = \"\xc3\xa9\xc3\xa9\" = 1\n", 15, true, "f.py",
     SYNERR_SYNTAX, "cannot assign to literal", 1, 4, 1, 10, NULL,
     "  File \"f.py\", line 1\n    x = \"\xc3\xa9\xc3\xa9\" = 1\n        ^^^^^^\nSyntaxError: cannot assign to literal\n"},
    /* python3.11 f.py, the file being the buffer */
    {"offset just past the end of the line",
     "x = 1 +\n", 8, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax", 1, 7, 1, 7, NULL,
     "  File \"f.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n"},
    /* python3.11 f.py, the file being the buffer */
    {"end on a later line: carets to the end of the line",
     "def f():\n    if x:\n        y = (1, 2\n             3)\n", 53, true, "f.py",
     SYNERR_SYNTAX, "invalid syntax. Perhaps you forgot a comma?", 3, 16, 4, 14, NULL,
     "  File \"f.py\", line 3\n    y = (1, 2\n            ^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"},
    /* python3.11 f.py, the file being the buffer */
    {"offset inside the indentation: no caret",
     "x = 1\n    y = 2\n", 16, true, "f.py",
     SYNERR_INDENTATION, "unexpected indent", 2, 3, 2, -2, NULL,
     "  File \"f.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n"},
    /* python3.11 f.py, the file being the buffer */
    {"IndentationError gets one caret whatever its end",
     "if x:\npass\n", 11, true, "f.py",
     SYNERR_INDENTATION, "expected an indented block after 'if' statement on line 1", 2, 0, 2, 4, NULL,
     "  File \"f.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n"},
    /* python3.11 f.py, the file being the buffer */
    {"offset 0 (column -1): no caret",
     "if x:\n", 6, true, "f.py",
     SYNERR_INDENTATION, "expected an indented block after 'if' statement on line 1", 1, -1, 1, -2, NULL,
     "  File \"f.py\", line 1\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 1\n"},
    /* python3.11 f.py, the file being the buffer */
    {"TabError",
     "if x:\n\ty = 1\n        z = 2\n", 27, true, "f.py",
     SYNERR_TAB, "inconsistent use of tabs and spaces in indentation", 3, 0, 3, -1, NULL,
     "  File \"f.py\", line 3\n    z = 2\nTabError: inconsistent use of tabs and spaces in indentation\n"},
    /* python3.11 f.py, the file being the buffer */
    {"last line without a newline",
     "s = 'abc", 8, true, "f.py",
     SYNERR_SYNTAX, "unterminated string literal (detected at line 1)", 1, 4, 1, 4, NULL,
     "  File \"f.py\", line 1\n    s = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"},
    /* python3.11 f.py, the file being the buffer */
    {"blank line at end of file",
     "try:\n    x\n\n", 12, true, "f.py",
     SYNERR_SYNTAX, "expected 'except' or 'finally' block", 3, -1, 3, -2, NULL,
     "  File \"f.py\", line 3\n    \nSyntaxError: expected 'except' or 'finally' block\n"},
    /* python3.11 f.py, the file being the buffer */
    {"text set by the parser: an f-string expression",
     "x = 1\ny = f'{a b}' + f'{c d}'\n", 30, true, "f.py",
     SYNERR_SYNTAX, "f-string: invalid syntax. Perhaps you forgot a comma?", 2, 1, 2, 4, "(a b)\n",
     "  File \"f.py\", line 2\n    (a b)\n     ^^^\nSyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?\n"},
    /* python3.11 f.py, the file being the buffer */
    {"text set by the parser, without newline, end on a later line",
     "x = f'''{a\n b}'''\n", 18, true, "f.py",
     SYNERR_SYNTAX, "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 1, 2, -6, "(a",
     "  File \"f.py\", line 1\n    (a\n     ^\nSyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?\n"},
    /* raise SyntaxError('m', ('f.py', 2, 20, '    abcdefgh\n', 2, 30)) */
    {"offset clipped to the line length",
     "x = 1\n    abcdefgh\n", 19, true, "f.py",
     SYNERR_SYNTAX, "m", 2, 19, 2, 29, NULL,
     "  File \"f.py\", line 2\n    abcdefgh\n            ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 2, 9, '    abcdefgh\n', 2, 30)) */
    {"end clipped to the line length plus newline",
     "x = 1\n    abcdefgh\n", 19, true, "f.py",
     SYNERR_SYNTAX, "m", 2, 8, 2, 29, NULL,
     "  File \"f.py\", line 2\n    abcdefgh\n        ^^^^^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 7, '    abcdefgh\n', 1, 3)) */
    {"end before offset: one caret",
     "    abcdefgh\n", 13, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 6, 1, 2, NULL,
     "  File \"f.py\", line 1\n    abcdefgh\n      ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 7, '    abcdefgh\n', None, None)) */
    {"no end position: one caret",
     "    abcdefgh\n", 13, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 6, 0, 0, NULL,
     "  File \"f.py\", line 1\n    abcdefgh\n      ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 12, '    abcdefgh\n', 2, 2)) */
    {"end on a later line, offset near the end",
     "    abcdefgh\nmore\n", 18, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 11, 2, 1, NULL,
     "  File \"f.py\", line 1\n    abcdefgh\n           ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 3, 'abc def', 2, 1)) */
    {"end on a later line, last line without newline: one column short",
     "abc def", 7, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 2, 2, 0, NULL,
     "  File \"f.py\", line 1\n    abc def\n      ^^^^\nSyntaxError: m\n"},
    /* raise SyntaxError("unmatched ')'", ('f.py', 1, 12, '    éébcdefgh\n', 1, 30)) */
    {"characters past the end compared with a byte length (tokenizer message)",
     "    \xc3\xa9\xc3\xa9" "bcdefgh\n", 16, true, "f.py",
     SYNERR_SYNTAX, "unmatched ')'", 1, 13, 1, 31, NULL,
     "  File \"f.py\", line 1\n    \xc3\xa9\xc3\xa9" "bcdefgh\n           ^^^^^\nSyntaxError: unmatched ')'\n"},
    /* raise SyntaxError("unmatched ')'", ('f.py', 1, 9, '    éé\n', None, None)) */
    {"column past the end in characters",
     "    \xc3\xa9\xc3\xa9\n", 9, true, "f.py",
     SYNERR_SYNTAX, "unmatched ')'", 1, 10, 0, 0, NULL,
     "  File \"f.py\", line 1\n    \xc3\xa9\xc3\xa9\n        ^\nSyntaxError: unmatched ')'\n"},
    /* raise SyntaxError('m', ('f.py', 1, 1, '\n', 1, 2)) */
    {"empty line",
     "\n", 1, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 0, 1, 1, NULL,
     "  File \"f.py\", line 1\n    \n    ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 2, '   \n', 1, 3)) */
    {"whitespace-only line, offset inside it",
     "   \n", 4, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 1, 1, 2, NULL,
     "  File \"f.py\", line 1\n    \nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 1, 'x\x00y = 1\n', 1, 2)) */
    {"NUL byte ends the printed line",
     "x\x00y = 1\n", 8, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 0, 1, 1, NULL,
     "  File \"f.py\", line 1\n    x\n    ^\nSyntaxError: m\n"},
    /* raise SyntaxError('a\nb', ('f.py', 1, 1, 'x\n', 1, 2)) */
    {"multi-line message",
     "x\n", 2, true, "f.py",
     SYNERR_SYNTAX, "a\nb", 1, 0, 1, 1, NULL,
     "  File \"f.py\", line 1\n    x\n    ^\nSyntaxError: a\nb\n"},
    /* raise SyntaxError('', ('f.py', 1, 1, 'x\n', 1, 2)) */
    {"empty message prints the class alone",
     "x\n", 2, true, "f.py",
     SYNERR_SYNTAX, "", 1, 0, 1, 1, NULL,
     "  File \"f.py\", line 1\n    x\n    ^\nSyntaxError\n"},
    /* raise TabError('m', ('f.py', 1, 5, '  x = 1\n', 1, 7)) */
    {"TabError one caret",
     "  x = 1\n", 8, true, "f.py",
     SYNERR_TAB, "m", 1, 4, 1, 6, NULL,
     "  File \"f.py\", line 1\n    x = 1\n      ^\nTabError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 1, 'x\n', 1, 2)) */
    {"no filename",
     "x\n", 2, true, NULL,
     SYNERR_SYNTAX, "m", 1, 0, 1, 1, NULL,
     "  File \"<string>\", line 1\n    x\n    ^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 3, 5, None, 3, 6)) */
    {"no buffer: File line and message only",
     "", 0, false, "f.py",
     SYNERR_SYNTAX, "m", 3, 4, 3, 5, NULL,
     "  File \"f.py\", line 3\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 5, 'ab\ncdefgh\n', 1, 30)) */
    {"text of several lines: shown from the caret's line",
     "x\n", 2, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 4, 1, 29, "ab\ncdefgh\n",
     "  File \"f.py\", line 1\n    cdefgh\n     ^^^^^^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 1, 'ab\ncd\n', 1, 30)) */
    {"text of several lines, caret on the first",
     "x\n", 2, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 0, 1, 29, "ab\ncd\n",
     "  File \"f.py\", line 1\n    ab\ncd\n    ^^^^^^\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 1, 20, 'ab\ncd\n', 1, 30)) */
    {"text of several lines, offset clipped before the lines are skipped",
     "x\n", 2, true, "f.py",
     SYNERR_SYNTAX, "m", 1, 19, 1, 29, "ab\ncd\n",
     "  File \"f.py\", line 1\n    cd\n      ^\nSyntaxError: m\n"},
    /* raise SyntaxError("unmatched ')'", ('f.py', 1, 2147483646, '    éé\n', 1, 2147483646)) */
    {"huge columns",
     "    \xc3\xa9\xc3\xa9\n", 9, true, "f.py",
     SYNERR_SYNTAX, "unmatched ')'", 1, 2147483647, 1, 2147483647, NULL,
     "  File \"f.py\", line 1\n    \xc3\xa9\xc3\xa9\n        ^\nSyntaxError: unmatched ')'\n"},
    /* raise SyntaxError('m', ('f.py', 1, -2147483647, '    abc\n', 1, -2147483647)) */
    {"most negative column",
     "    abc\n", 8, true, "f.py",
     SYNERR_SYNTAX, "m", 1, -2147483648, 1, -2147483648, NULL,
     "  File \"f.py\", line 1\n    abc\nSyntaxError: m\n"},
    /* raise SyntaxError('m', ('f.py', 3, 5, None, 3, 6)) */
    {"line past the end of the buffer",
     "x = 1\n", 6, true, "f.py",
     SYNERR_SYNTAX, "m", 3, 4, 3, 5, NULL,
     "  File \"f.py\", line 3\nSyntaxError: m\n"},
};

/* Runs syntax_error_print into a malloc'ed string. */
static char *print_error(const char *filename, const SyntaxErrorInfo *err, const char *buf,
                         const char *buf_end, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f) {
        perror("open_memstream");
        exit(2);
    }
    syntax_error_print(f, filename, err, buf, buf_end);
    fclose(f);
    return out;
}

static void show(const char *label, const char *s, size_t len)
{
    printf("  %s: \"", label);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\\' || c == '"')
            printf("\\%c", c);
        else if (c < 32 || c == 127)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    puts("\"");
}

static int passed, failed;

static void expect_output(const char *name, const char *got, size_t got_len, const char *expected)
{
    if (got_len == strlen(expected) && memcmp(got, expected, got_len) == 0) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s\n", name);
    show("expected", expected, strlen(expected));
    show("got     ", got, got_len);
}

static void run_case(const Case *c)
{
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    err.kind = c->kind;
    snprintf(err.msg, sizeof err.msg, "%s", c->msg);
    err.lineno = c->lineno;
    err.col_offset = c->col;
    err.end_lineno = c->end_lineno;
    err.end_col_offset = c->end_col;
    err.text = c->text;

    /* A private copy, so ASan catches a read past the end of the buffer. */
    char *buf = NULL;
    if (c->has_buf) {
        buf = malloc(c->src_len ? c->src_len : 1);
        if (!buf)
            exit(2);
        memcpy(buf, c->src, c->src_len);
    }
    size_t len;
    char *got = print_error(c->filename, &err, buf, buf ? buf + c->src_len : NULL, &len);
    expect_output(c->name, got, len, c->expected);
    free(got);
    free(buf);
}

static void test_class_names(void)
{
    static const struct { SyntaxErrorKind kind; const char *name; } names[] = {
        {SYNERR_SYNTAX, "SyntaxError"},
        {SYNERR_INDENTATION, "IndentationError"},
        {SYNERR_TAB, "TabError"},
        {SYNERR_NOMEM, "MemoryError"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *got = syntax_error_class(names[i].kind);
        if (strcmp(got, names[i].name) == 0) {
            passed++;
        } else {
            failed++;
            printf("FAIL syntax_error_class(%d): expected %s, got %s\n", (int)names[i].kind,
                   names[i].name, got);
        }
    }
}

/* Out of memory: no location, no traceback, just the exception name. */
static void test_memory_error(void)
{
    static const char src[] = "x = 1\n";
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    err.kind = SYNERR_NOMEM;
    err.lineno = 1;
    size_t len;
    char *got = print_error("f.py", &err, src, src + sizeof src - 1, &len);
    expect_output("MemoryError", got, len, "MemoryError\n");
    free(got);
}

/* A message using every byte of msg[], with no terminating NUL: printed whole,
 * never read past.  (Robustness only; CPython has no such case.) */
static void test_unterminated_message(void)
{
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    err.kind = SYNERR_SYNTAX;
    memset(err.msg, 'x', sizeof err.msg);
    size_t len;
    char *got = print_error("f.py", &err, NULL, NULL, &len);
    char expected[sizeof err.msg + 32];
    snprintf(expected, sizeof expected, "SyntaxError: %.*s\n", (int)sizeof err.msg, err.msg);
    expect_output("message filling msg[]", got, len, expected);
    free(got);
}

/* No line number: CPython prints no File line (its errors from decoding the
 * file carry no location), only the message. */
static void test_no_location(void)
{
    static const char src[] = "x = 1\n";
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    err.kind = SYNERR_SYNTAX;
    snprintf(err.msg, sizeof err.msg, "encoding problem: foobar");
    size_t len;
    char *got = print_error("f.py", &err, src, src + sizeof src - 1, &len);
    /* python3.11 f.py, f.py holding "# coding: foobar\nx=1\n" */
    expect_output("no line number", got, len, "SyntaxError: encoding problem: foobar\n");
    free(got);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
    test_class_names();
    test_memory_error();
    test_unterminated_message();
    test_no_location();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
