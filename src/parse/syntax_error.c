/* Printing a SyntaxError, IndentationError or TabError the way CPython 3.11
 * prints one that escapes from `python3.11 FILE`:
 *
 *       File "FILE", line N
 *         <source line, leading whitespace removed>
 *             ^^^^
 *     SyntaxError: message
 *
 * The rules below were worked out by experiment against /usr/bin/python3.11
 * (crafted SyntaxError objects raised uncaught, and real errors in files);
 * tests/unit/test_syntax_error_print.c and tests/syntax/ check them.
 *
 * 1. CPython's `offset` is 1-based.  Whether it counts characters or UTF-8
 *    bytes depends on where the error came from:
 *      - errors the tokenizer raises itself (unterminated strings, bad number
 *        literals, unmatched or mismatched brackets, invalid characters, too
 *        many nested parentheses) always count characters;
 *      - every other error (the parser's, and the tokenizer errors that reach
 *        the parser as an error token) counts characters only when the file
 *        has a PEP 263 coding declaration, and UTF-8 bytes otherwise.
 *    SyntaxErrorInfo holds 0-based byte columns, so the conversion happens
 *    here: see uses_char_offsets().  (A UTF-8 BOM also makes CPython count
 *    characters, but the decoded buffer no longer shows one; a file with a
 *    BOM prints differently on line 1 anyway, as CPython's text keeps it.)
 * 2. The text is the buffer's line `lineno`, or SyntaxErrorInfo.text when
 *    the parser set one; either is taken as CPython's SyntaxError.text (with
 *    or without a final newline).  Leading spaces, tabs and form feeds are
 *    removed; each removed byte moves the caret one column left.  If the
 *    caret would then fall left of the text (an offset inside the
 *    indentation, or an offset of 0), no caret line is printed.
 * 3. The caret column is clipped to the byte length of the stripped text
 *    (excluding a final newline).  CPython compares a character offset with
 *    a byte length here, and so do we, to print the same thing.  If the text
 *    spans lines, the lines wholly before the caret column are then dropped;
 *    the rest is printed as it is.
 * 4. For a SyntaxError the carets run from offset to end_offset.  When the
 *    end is on a later line they run to the end of the text (its byte
 *    length, newline included, minus one); when it is on the same line the
 *    end is clipped to the byte length including the newline.  There is
 *    always at least one.  With no end position there is one caret, and an
 *    IndentationError or TabError always gets exactly one (CPython draws a
 *    range only for SyntaxError itself, not for its subclasses).
 * 5. Without a source text (no buffer, or a line past its end) only the
 *    File line and the message are printed; without a line number (lineno 0:
 *    CPython gives none for errors found while decoding the file) only the
 *    message is.  An empty message prints the class name alone. */
#include <stdbool.h>
#include <string.h>

#include "parser.h"

const char *syntax_error_class(SyntaxErrorKind kind)
{
    switch (kind) {
    case SYNERR_INDENTATION: return "IndentationError";
    case SYNERR_TAB:         return "TabError";
    case SYNERR_NOMEM:       return "MemoryError";
    case SYNERR_RECURSION:   return "RecursionError";
    case SYNERR_NONE:
    case SYNERR_SYNTAX:
    default:                 return "SyntaxError";
    }
}

/* ---- Finding a line in the decoded buffer ---- */

/* Sets [*start, *end) to line `lineno` (1-based) of the buffer, without its
 * newline.  Returns false when the buffer has no such line. */
static bool find_line(const char *buf, const char *buf_end, int lineno,
                      const char **start, const char **end)
{
    if (!buf || buf_end <= buf || lineno < 1)
        return false;
    const char *p = buf;
    for (int n = 1; n < lineno; n++) {
        const char *nl = memchr(p, '\n', (size_t)(buf_end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    if (p >= buf_end)
        return false;   /* the buffer ends with the newline of the line before */
    const char *nl = memchr(p, '\n', (size_t)(buf_end - p));
    *start = p;
    *end = nl ? nl : buf_end;
    return true;
}

/* ---- PEP 263: does the source declare its encoding? ---- */

static bool is_space_ch(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

static bool is_encoding_ch(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

/* A declaration is a comment line (only whitespace before the '#') holding
 * "coding", then ':' or '=', then optional spaces or tabs and at least one
 * character of an encoding name.  "coding" is case-sensitive. */
static bool is_coding_line(const char *s, const char *e)
{
    while (s < e && is_space_ch(*s))
        s++;
    if (s >= e || *s != '#')
        return false;
    for (const char *p = s + 1; p + 6 < e; p++) {
        if (memcmp(p, "coding", 6) != 0 || (p[6] != ':' && p[6] != '='))
            continue;
        const char *q = p + 7;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        if (q < e && is_encoding_ch(*q))
            return true;
    }
    return false;
}

/* Only whitespace, or a comment. */
static bool is_blank_or_comment(const char *s, const char *e)
{
    while (s < e && is_space_ch(*s))
        s++;
    return s >= e || *s == '#';
}

/* The declaration may be on line 1, or on line 2 when line 1 is blank or a
 * comment (a shebang line, typically). */
static bool has_coding_declaration(const char *buf, const char *buf_end)
{
    const char *s, *e;
    if (!find_line(buf, buf_end, 1, &s, &e))
        return false;
    if (is_coding_line(s, e))
        return true;
    if (!is_blank_or_comment(s, e))
        return false;
    return find_line(buf, buf_end, 2, &s, &e) && is_coding_line(s, e);
}

/* ---- Offsets in CPython's units ---- */

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The messages of the errors CPython's tokenizer raises itself, whose
 * offsets always count characters (found by putting a non-ASCII character
 * before each error in a file without a coding declaration). */
static bool is_tokenizer_message(const char *msg)
{
    static const char *const prefixes[] = {
        "unterminated string literal",
        "unterminated triple-quoted string literal",
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid imaginary literal",
        "invalid digit '",
        "unmatched '",
        "closing parenthesis '",
        "invalid character '",
        "invalid non-printable character",
        "too many nested parentheses",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (starts_with(msg, prefixes[i]))
            return true;
    return false;
}

static bool uses_char_offsets(const SyntaxErrorInfo *err, const char *buf, const char *buf_end)
{
    if (err->byte_offsets)
        return false;
    return is_tokenizer_message(err->msg) || has_coding_declaration(buf, buf_end);
}

/* Number of characters in n bytes of UTF-8 (continuation bytes not counted). */
static long utf8_length(const char *s, long n)
{
    long count = 0;
    for (long i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* CPython's 1-based offset for 0-based byte column `col` of the text
 * [text, text + size).  A column past the end counts a column per byte beyond
 * it.  A negative column gives offset 0: no caret.  Columns far out of range
 * are pulled in to values that print the same, so nothing overflows. */
static long cpython_offset(int col, const char *text, long size, bool chars)
{
    if (col < 0)
        return 0;
    long c = col;
    long extra = 0;
    if (c > size) {
        extra = c - size;
        if (extra > size + 2)
            extra = size + 2;   /* still past the end: clipped when printing */
        c = size;
    }
    return (chars ? utf8_length(text, c) : c) + extra + 1;
}

/* ---- Printing ---- */

static void put_repeated(FILE *out, char c, long n)
{
    for (long i = 0; i < n; i++)
        fputc(c, out);
}

/* Prints the source text and the caret line for `err`.  `text` is what
 * CPython holds as SyntaxError.text, as UTF-8: `size` bytes, normally one
 * line with its newline, but text set by the parser may lack the newline or
 * span lines. */
static void print_source(FILE *out, const SyntaxErrorInfo *err, const char *text,
                         long size, bool chars)
{
    /* The text is a C string to CPython: a NUL byte ends it. */
    const char *nul = memchr(text, '\0', (size_t)size);
    if (nul)
        size = (long)(nul - text);

    long offset = cpython_offset(err->col_offset, text, size, chars);
    bool has_end = err->end_lineno != 0;
    bool end_later = err->end_lineno > err->lineno;
    long end_offset = 0;
    if (has_end && !end_later)
        end_offset = cpython_offset(err->end_col_offset, text, size, chars);

    while (size > 0 && is_space_ch(*text)) {
        text++;
        size--;
        offset--;
        end_offset--;
    }
    long col = offset - 1;
    long len = size - (size > 0 && text[size - 1] == '\n');
    if (col > len)
        col = len;
    /* Text of several lines: show from the line holding the caret on. */
    for (;;) {
        const char *nl = memchr(text, '\n', (size_t)size);
        if (!nl || nl - text >= col)
            break;
        long skip = (long)(nl - text) + 1;
        text += skip;
        size -= skip;
        col -= skip;
        end_offset -= skip;
    }

    fputs("    ", out);
    fwrite(text, 1, (size_t)(size - (size > 0 && text[size - 1] == '\n')), out);
    fputc('\n', out);
    if (col < 0)
        return;

    long stop;
    if (!has_end || err->kind != SYNERR_SYNTAX)
        stop = col + 1;
    else if (end_later)
        stop = size - 1;
    else {
        stop = end_offset - 1;
        if (stop > size)
            stop = size;
    }
    long carets = stop - col;
    if (carets < 1)
        carets = 1;

    fputs("    ", out);
    put_repeated(out, ' ', col);
    put_repeated(out, '^', carets);
    fputc('\n', out);
}

void syntax_error_print(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                        const char *buf, const char *buf_end)
{
    if (err->kind == SYNERR_NOMEM) {
        fputs("MemoryError\n", out);
        fflush(out);
        return;
    }
    /* Line -1: the compiler reports some errors at an unset location; CPython
     * prints the line number and no source. */
    if ((err->lineno > 0 || err->lineno == -1) && err->kind != SYNERR_RECURSION) {
        fprintf(out, "  File \"%s\", line %d\n", filename ? filename : "<string>", err->lineno);
        bool chars = uses_char_offsets(err, buf, buf_end);
        const char *start, *end;
        if (err->text)
            print_source(out, err, err->text, (long)strlen(err->text), chars);
        else if (find_line(buf, buf_end, err->lineno, &start, &end))
            print_source(out, err, start, (long)(end - start) + (end < buf_end), chars);
    }
    const char *cls = syntax_error_class(err->kind);
    size_t msg_len = strnlen(err->msg, sizeof err->msg);
    if (msg_len > 0)
        fprintf(out, "%s: %.*s\n", cls, (int)msg_len, err->msg);
    else
        fprintf(out, "%s\n", cls);
    fflush(out);
}
