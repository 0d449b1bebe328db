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
 *    here: see uses_char_offsets().  A UTF-8 BOM also makes CPython count
 *    characters (Tokenizer.codec is set).
 * 2. The text is SyntaxErrorInfo.text when the parser set one.  Otherwise,
 *    given the file's raw bytes (syntax_error_print_file), it is the line as
 *    CPython reads it back from the file, except for errors the tokenizer
 *    raises itself (those show the decoded line): read 999 bytes at a time
 *    ("\r\n" and "\r" made "\n"), a long line keeping only its last piece;
 *    a BOM stays on line 1.  The parser's errors decode it with the file's
 *    codec ("replace"), or as UTF-8, falling back on the decoded line when
 *    that fails or the line is missing; the symbol table's and compiler's
 *    (byte_offsets) take it as strict UTF-8 whatever the coding declaration,
 *    and show no line when it is not UTF-8 (a latin-1 'é') or missing.
 *    Without raw bytes it is the decoded buffer's line `lineno`.  Either is
 *    taken as CPython's SyntaxError.text (with or without a final newline).
 *    A character offset counts the characters of the first `offset` bytes of
 *    the text, so a column inside a character counts it.  Leading spaces, tabs and form feeds are
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
#include <stdint.h>
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

/* How CPython turns a column into the offset it prints. */
typedef enum {
    UNITS_BYTES,         /* the byte column as it is */
    UNITS_CHARS,         /* counted in characters by the tokenizer */
    UNITS_CHARS_CLIPPED, /* converted by the parser, which clips it to the text */
} OffsetUnits;

/* CPython's 1-based offset for 0-based byte column `col` of the text
 * [text, text + size).  A column past the end counts a column per byte beyond
 * it, except where the parser converts it into characters: that stops one
 * past the end.  A negative column gives offset 0: no caret.  Columns far out
 * of range are pulled in to values that print the same, so nothing
 * overflows. */

static long cpython_offset(int col, const char *text, long size, OffsetUnits units)
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
    if (units == UNITS_BYTES)
        return c + extra + 1;
    /* CPython decodes the first `offset` bytes (the 1-based byte offset,
     * clipped to one past the end, where the NUL counts as a character) and
     * counts the characters: a byte column inside a character counts that
     * character.  The column lands inside one only when the text shown is
     * not the one the column was measured in (a line read back from the
     * file). */
    if (c < size)
        return utf8_length(text, c + 1);
    if (units == UNITS_CHARS_CLIPPED)
        extra = 0;
    return utf8_length(text, c) + extra + 1;
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
                         long size, OffsetUnits chars)
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

/* ---- Re-reading a line from the file ---- */

/* CPython reads a line back from the file 999 bytes at a time at most (a
 * 1000-byte buffer with its NUL), after turning "\r\n" and "\r" into "\n". */
enum { REREAD_PIECE = 999 };

/* One fgets-like read of at most REREAD_PIECE bytes from raw[*pos]: up to
 * and including a newline.  Returns the number of bytes stored in piece (0 at
 * the end of the file). */
static size_t reread_piece(const char *raw, size_t len, size_t *pos, char *piece)
{
    size_t n = 0;
    while (n < REREAD_PIECE && *pos < len) {
        char c = raw[(*pos)++];
        if (c == '\r') {
            c = '\n';
            if (*pos < len && raw[*pos] == '\n')
                (*pos)++;
        }
        piece[n++] = c;
        if (c == '\n')
            break;
    }
    return n;
}

/* Line `lineno` of the raw file as CPython re-reads it: a line that fills a
 * piece without ending goes on in the next one, and only the last piece is
 * kept, so a long line shows only its tail.  Returns the piece's length
 * (stopping at a NUL byte, as a C string does), or -1 when the file has no
 * such line (or ends in the middle of a piece that needed a next one). */
static long reread_line(const char *raw, size_t len, int lineno, char *piece)
{
    if (lineno < 1)
        return -1;
    size_t pos = 0, n = 0;
    for (int i = 0; i < lineno; i++) {
        do {
            n = reread_piece(raw, len, &pos, piece);
            if (n == 0)
                return -1;
        } while (n == REREAD_PIECE && piece[n - 1] != '\n');
    }
    const char *nul = memchr(piece, '\0', n);
    return nul ? (long)(nul - piece) : (long)n;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

enum { REPLACEMENT = 0xFFFD };

/* Decodes [s, s + n) with `codec` and the "replace" error handler into
 * `out` (room for 4 bytes per input byte), as UTF-8.  Returns its length. */
static size_t decode_replace(const SourceCodec *codec, const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t k = 0;
    while (p < end) {
        uint32_t cp;
        switch (codec->kind) {
        case CODEC_LATIN1:
            cp = *p++;
            break;
        case CODEC_ASCII:
            cp = *p < 0x80 ? *p : REPLACEMENT;
            p++;
            break;
        case CODEC_CHARMAP:
            cp = codec->table[*p++];
            if (cp == CODEC_UNDEFINED)
                cp = REPLACEMENT;
            break;
        default: {   /* CODEC_UTF8: the only other codec a file can use */
            int bad;
            const char *why;
            int used = source_utf8_decode(p, end, &cp, &bad, &why);
            if (used > 0) {
                p += used;
            } else {
                cp = REPLACEMENT;
                p += bad > 0 ? bad : 1;
            }
            break;
        }
        }
        k += put_utf8(out + k, cp);
    }
    return k;
}

static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint32_t cp;
        int bad;
        const char *why;
        int used = source_utf8_decode(p, end, &cp, &bad, &why);
        if (used <= 0)
            return false;
        p += used;
    }
    return true;
}

/* ---- The whole report ---- */

void syntax_error_print(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                        const char *buf, const char *buf_end)
{
    const SyntaxErrorSource src = {buf, buf_end, NULL, 0, NULL};
    syntax_error_print_source(out, filename, err, &src);
}

void syntax_error_print_file(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                             const char *raw, size_t raw_len, const Tokenizer *tok)
{
    const SyntaxErrorSource src = {tok->buf, tok->buf_end, raw, raw_len, tok->codec};
    syntax_error_print_source(out, filename, err, &src);
}

void syntax_error_print_source(FILE *out, const char *filename, const SyntaxErrorInfo *err,
                               const SyntaxErrorSource *src)
{
    const char *buf = src->buf, *buf_end = src->buf_end;
    if (err->kind == SYNERR_NOMEM) {
        fputs("MemoryError\n", out);
        fflush(out);
        return;
    }
    /* Line -1: the compiler reports some errors at an unset location; CPython
     * prints the line number and no source. */
    if ((err->lineno > 0 || err->lineno == -1) && err->kind != SYNERR_RECURSION) {
        fprintf(out, "  File \"%s\", line %d\n", filename ? filename : "<string>", err->lineno);
        OffsetUnits chars = UNITS_BYTES;
        if (err->byte_offsets)
            chars = UNITS_BYTES;
        else if (is_tokenizer_message(err->msg))
            chars = UNITS_CHARS;
        else if (src->raw ? src->codec != NULL : uses_char_offsets(err, buf, buf_end))
            chars = UNITS_CHARS_CLIPPED;
        const char *start, *end;
        char piece[REREAD_PIECE + 1];
        char decoded[4 * REREAD_PIECE + 1];
        if (err->text) {
            print_source(out, err, err->text, (long)strlen(err->text), chars);
        } else if (src->raw && (err->byte_offsets || !is_tokenizer_message(err->msg))) {
            /* CPython reads the line back from the file.  A later pass's
             * error takes it as UTF-8, and shows none when it is not; the
             * parser's decodes it with the file's codec (replacing what does
             * not decode), or as UTF-8, and falls back on the tokenizer's
             * buffer when that fails or the file has no such line. */
            long n = reread_line(src->raw, src->raw_len, err->lineno, piece);
            bool utf8 = n >= 0 && valid_utf8(piece, (size_t)n);
            if (err->byte_offsets) {
                if (utf8)
                    print_source(out, err, piece, n, chars);
            } else if (n >= 0 && src->codec) {
                size_t k = decode_replace(src->codec, piece, (size_t)n, decoded);
                print_source(out, err, decoded, (long)k, chars);
            } else if (utf8) {
                print_source(out, err, piece, n, chars);
            } else if (find_line(buf, buf_end, err->lineno, &start, &end)) {
                print_source(out, err, start, (long)(end - start) + (end < buf_end), chars);
            }
        } else if (find_line(buf, buf_end, err->lineno, &start, &end)) {
            print_source(out, err, start, (long)(end - start) + (end < buf_end), chars);
        }
    }
    const char *cls = syntax_error_class(err->kind);
    size_t msg_len = strnlen(err->msg, sizeof err->msg);
    if (msg_len > 0)
        fprintf(out, "%s: %.*s\n", cls, (int)msg_len, err->msg);
    else
        fprintf(out, "%s\n", cls);
    fflush(out);
}
