/* The tokenizer: Python 3.11's lexical grammar, plus PEP 701 f-strings.
 *
 * It reproduces what CPython 3.11's C tokenizer does, including the
 * positions it gives tokens and errors, because those positions become the
 * AST's and the SyntaxError's.  The conventions, worked out by running
 * python3.11 on small sources (see tests/unit/test_tokenizer.c):
 *
 *  - NEWLINE starts at the '#' of a trailing comment (else at the newline)
 *    and ends at the newline character, which it does not include.
 *  - Columns are 0-based bytes, and an error whose CPython offset is N
 *    (1-based) is stored at column N - 1, with columns below 0 standing for
 *    CPython's offsets 0 and -1 (end_col_offset -1 for an end_offset of 0,
 *    -2 for -1).
 *  - INDENT, DEDENT and ENDMARKER have no position in CPython.  When its
 *    parser reports an error at one, it takes the tokenizer's cursor (the
 *    first character of the line) as the 1-based offset as it stands, with
 *    no end offset (-1).  These tokens carry exactly that, so an error at
 *    any token is (col_offset, end_col_offset) in the terms above: their
 *    col_offset is the cursor's column minus 1 and their end_col_offset -2.
 *    Their start and end pointers are both the cursor.  At the end of the
 *    text the cursor is on the last line, at column 0 as when python3.11
 *    runs a file (compile() of a string has it at the end of that line).
 *
 * Errors are reported where CPython's streaming tokenizer would report them,
 * since tokens are produced on demand. */
#include "tokenizer.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unicode_db.h"

enum { EOC = -1 };   /* "end of characters": the end of the text */

/* An f-string nested deeper in replacement fields is scanned the 3.11 way
 * (see read_string); this only bounds the scanner's recursion. */
enum { MAX_FSTRING_NESTING = 150 };

/* ---- Character classes ---- */

enum {
    CC_ID = 1,       /* may continue an identifier (bytes >= 0x80 included) */
    CC_IDSTART = 2,  /* may start one */
    CC_DIGIT = 4,
    CC_HEX = 8,
    CC_SPACE = 16,   /* blanks between tokens: ' ', '\t', '\f' */
};

static const unsigned char char_class[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0, 16,  0,  0, 16,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    16,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    13, 13, 13, 13, 13, 13, 13, 13, 13, 13,  0,  0,  0,  0,  0,  0,
     0, 11, 11, 11, 11, 11, 11,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0,  0,  0,  3,
     0, 11, 11, 11, 11, 11, 11,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  0,  0,  0,  0,  0,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
     3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,
};

/* c is a byte or EOC. */
static inline bool has_class(int c, int cls)
{
    return c >= 0 && (char_class[c] & cls);
}

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* The byte at p, or EOC at the end of the text. */
static inline int char_at(const char *p, const char *end)
{
    return p < end ? (unsigned char)*p : EOC;
}

/* ---- Errors ---- */

static int fail(Tokenizer *t, SyntaxErrorKind kind, int lineno, int col, int end_lineno,
                int end_col, const char *fmt, ...)
{
    SyntaxErrorInfo *e = t->err;
    memset(e, 0, sizeof *e);
    e->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->lineno = lineno;
    e->col_offset = col;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col;
    t->failed = true;
    return -1;
}

/* An error CPython's tokenizer raises itself with its cursor just after the
 * character at p: the offset points at that character, start and end. */
static int fail_at(Tokenizer *t, const char *p, const char *fmt, ...)
{
    char msg[sizeof t->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int col = (int)(p - t->line_start);
    return fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, col, "%s", msg);
}

/* ---- Decoding the source ---- */

int tok_init_source(Tokenizer *t, const char *src, size_t len, const char *filename,
                    Arena *arena, SyntaxErrorInfo *err, const SourceOptions *opts)
{
    memset(t, 0, sizeof *t);
    t->filename = filename;
    t->arena = arena;
    t->err = err;
    t->lineno = 1;
    t->at_line_start = true;
    err->kind = SYNERR_NONE;
    SourceText text;
    if (source_decode(&text, src, len, filename, opts, arena, err) < 0) {
        t->failed = true;
        return -1;
    }
    t->buf = t->cur = t->line_start = text.buf;
    t->buf_end = text.buf_end;
    t->has_encoding = text.has_encoding;
    t->codec = text.codec;
    t->pending_error = text.pending;
    t->pending_at = text.pending_at;
    t->pending_line = text.pending_line;
    return 0;
}

int tok_init(Tokenizer *t, const char *src, size_t len, const char *filename, Arena *arena,
             SyntaxErrorInfo *err)
{
    const SourceOptions file = {SOURCE_FROM_FILE, SOURCE_DEFAULT_STDLIB_DIR};
    return tok_init_source(t, src, len, filename, arena, err, &file);
}

void tok_init_sub(Tokenizer *t, const Tokenizer *parent, const char *start, const char *end,
                  int lineno, const char *line_start)
{
    memset(t, 0, sizeof *t);
    t->buf = t->cur = start;
    t->buf_end = end;
    t->line_start = line_start;
    t->lineno = lineno;
    t->filename = parent->filename;
    t->arena = parent->arena;
    t->err = parent->err;
    t->sub = true;
    t->has_encoding = parent->has_encoding;
    t->codec = parent->codec;
}

/* ---- Identifiers and keywords ---- */

/* Checks a NAME containing non-ASCII bytes: it must decode, start with
 * XID_Start or '_' and go on with XID_Continue. */
static int check_identifier(Tokenizer *t, const char *start, const char *end)
{
    const unsigned char *s = (const unsigned char *)start, *e = (const unsigned char *)end;
    for (const unsigned char *p = s; p < e;) {
        uint32_t cp;
        int bad;
        const char *why;
        int n = source_utf8_decode(p, e, &cp, &bad, &why);
        if (n == 0) {
            /* CPython blames the end of the name, with no end position. */
            int pos = (int)(p - s);
            int col = (int)(end - t->line_start) - 1;
            if (bad == 1)
                return fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, -2,
                            "(unicode error) 'utf-8' codec can't decode byte 0x%02x in "
                            "position %d: %s", *p, pos, why);
            return fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, -2,
                        "(unicode error) 'utf-8' codec can't decode bytes in position "
                        "%d-%d: %s", pos, pos + bad - 1, why);
        }
        p += n;
    }
    bool first = true;
    for (const unsigned char *p = s; p < e; first = false) {
        uint32_t cp;
        int bad;
        const char *why;
        int n = source_utf8_decode(p, e, &cp, &bad, &why);
        bool ok;
        if (cp < 0x80)
            ok = cp == '_' || (first ? has_class((int)cp, CC_IDSTART) : has_class((int)cp, CC_ID));
        else
            ok = first ? unicode_is_xid_start(cp) : unicode_is_xid_continue(cp);
        if (!ok) {
            const char *c = (const char *)p;
            if (unicode_is_printable(cp))
                return fail_at(t, c, "invalid character '%.*s' (U+%04X)", n, c, (unsigned)cp);
            return fail_at(t, c, "invalid non-printable character U+%04X", (unsigned)cp);
        }
        p += n;
    }
    return 0;
}

static TokenKind keyword_kind(const char *s, size_t n)
{
#define IS(word) (memcmp(s, word, n) == 0)
    switch (n) {
    case 2:
        switch (s[0]) {
        case 'a': if (IS("as")) return TOK_KW_AS; break;
        case 'i':
            if (s[1] == 'f') return TOK_KW_IF;
            if (s[1] == 'n') return TOK_KW_IN;
            if (s[1] == 's') return TOK_KW_IS;
            break;
        case 'o': if (IS("or")) return TOK_KW_OR; break;
        }
        break;
    case 3:
        switch (s[0]) {
        case 'a': if (IS("and")) return TOK_KW_AND; break;
        case 'd':
            if (IS("def")) return TOK_KW_DEF;
            if (IS("del")) return TOK_KW_DEL;
            break;
        case 'f': if (IS("for")) return TOK_KW_FOR; break;
        case 'n': if (IS("not")) return TOK_KW_NOT; break;
        case 't': if (IS("try")) return TOK_KW_TRY; break;
        }
        break;
    case 4:
        switch (s[0]) {
        case 'N': if (IS("None")) return TOK_KW_NONE; break;
        case 'T': if (IS("True")) return TOK_KW_TRUE; break;
        case 'e':
            if (IS("elif")) return TOK_KW_ELIF;
            if (IS("else")) return TOK_KW_ELSE;
            break;
        case 'f': if (IS("from")) return TOK_KW_FROM; break;
        case 'p': if (IS("pass")) return TOK_KW_PASS; break;
        case 'w': if (IS("with")) return TOK_KW_WITH; break;
        }
        break;
    case 5:
        switch (s[0]) {
        case 'F': if (IS("False")) return TOK_KW_FALSE; break;
        case 'a':
            if (IS("async")) return TOK_KW_ASYNC;
            if (IS("await")) return TOK_KW_AWAIT;
            break;
        case 'b': if (IS("break")) return TOK_KW_BREAK; break;
        case 'c': if (IS("class")) return TOK_KW_CLASS; break;
        case 'r': if (IS("raise")) return TOK_KW_RAISE; break;
        case 'w': if (IS("while")) return TOK_KW_WHILE; break;
        case 'y': if (IS("yield")) return TOK_KW_YIELD; break;
        }
        break;
    case 6:
        switch (s[0]) {
        case 'a': if (IS("assert")) return TOK_KW_ASSERT; break;
        case 'e': if (IS("except")) return TOK_KW_EXCEPT; break;
        case 'g': if (IS("global")) return TOK_KW_GLOBAL; break;
        case 'i': if (IS("import")) return TOK_KW_IMPORT; break;
        case 'l': if (IS("lambda")) return TOK_KW_LAMBDA; break;
        case 'r': if (IS("return")) return TOK_KW_RETURN; break;
        }
        break;
    case 7:
        if (IS("finally")) return TOK_KW_FINALLY;
        break;
    case 8:
        if (IS("continue")) return TOK_KW_CONTINUE;
        if (IS("nonlocal")) return TOK_KW_NONLOCAL;
        break;
    }
    return TOK_NAME;
#undef IS
}

/* ---- String literals ---- */

/* Prefix letters: CPython accepts b, r, u, f and the pairs br, rb, fr, rf
 * in any case (u only alone).  Returns false at the first letter that would
 * not extend a valid prefix. */
typedef struct { bool b, r, u, f; } Prefix;

static inline bool prefix_add(Prefix *x, char c)
{
    if (!(x->b || x->u || x->f) && (c == 'b' || c == 'B'))
        x->b = true;
    else if (!(x->b || x->u || x->r || x->f) && (c == 'u' || c == 'U'))
        x->u = true;
    else if (!(x->r || x->u) && (c == 'r' || c == 'R'))
        x->r = true;
    else if (!(x->f || x->b || x->u) && (c == 'f' || c == 'F'))
        x->f = true;
    else
        return false;
    return true;
}

/* Does the quote at p close a string opened with quote_len quotes? */
static inline bool closes(const char *p, const char *end, char quote, int quote_len)
{
    return quote_len == 1 || (p + 2 < end && p[1] == quote && p[2] == quote);
}

/* Scans the body of a string the 3.11 way: up to the first closing quote
 * not escaped by a backslash.  Returns the end of the literal, or NULL if it
 * is unterminated, with *stop at the newline or the end of the text where
 * the scan gave up. */
static const char *scan_plain(const char *p, const char *end, char quote, int quote_len,
                              const char **stop)
{
    for (;;) {
        while (p < end && *p != quote && *p != '\\' && *p != '\n')
            p++;
        if (p >= end)
            break;
        if (*p == '\n') {
            if (quote_len == 1)
                break;
            p++;
        } else if (*p == '\\') {
            p += 2;   /* whatever follows, a newline or a quote included */
        } else if (closes(p, end, quote, quote_len)) {
            return p + quote_len;
        } else {
            p++;
        }
    }
    if (stop)
        *stop = p < end ? p : end;
    return NULL;
}

/* PEP 701 scanning of f-strings.  Replacement fields may hold any
 * expression, quotes of the enclosing kind, comments and backslashes
 * included, so the end of an f-string is found by skipping each field's
 * expression.  Every function returns NULL when the text does not form a
 * complete f-string; the caller then falls back to the 3.11 rule. */
typedef struct {
    const char *end;
    int depth;      /* replacement fields being scanned */
} FScan;

static const char *scan_fstring(FScan *s, const char *p, char quote, int quote_len, bool raw);
static const char *expr_end(FScan *s, const char *p);

/* A backslash in the literal text of an f-string.  It does not hide a
 * brace from being a field's, and in a non-raw f-string \N{...} is a named
 * escape, not a field. */
static const char *skip_fstring_escape(FScan *s, const char *p, char quote, bool raw)
{
    if (p + 1 >= s->end)
        return s->end;
    char c = p[1];
    if (c == '{' || c == '}')
        return p + 1;
    if (c == 'N' && !raw && p + 2 < s->end && p[2] == '{') {
        const char *q = p + 3;
        while (q < s->end && *q != '}' && *q != quote && *q != '\n')
            q++;
        return q < s->end && *q == '}' ? q + 1 : q;
    }
    return p + 2;
}

/* The format spec after ':', up to the '}' ending the field (returned). */
static const char *skip_format_spec(FScan *s, const char *p, char quote, int quote_len,
                                    bool raw);

/* A replacement field, from just after its '{' to just after its '}'. */
static const char *skip_field(FScan *s, const char *p, char quote, int quote_len, bool raw)
{
    if (s->depth >= MAX_FSTRING_NESTING)
        return NULL;
    s->depth++;
    const char *e = expr_end(s, p);
    if (e && *e == '=') {
        /* The '=' of f"{x = }": blanks and comments may follow. */
        for (e++; e && e < s->end; e++) {
            if (*e == '#')
                e = memchr(e, '\n', (size_t)(s->end - e));
            else if (*e != ' ' && *e != '\t' && *e != '\n' && *e != '\v' && *e != '\f')
                break;
        }
    }
    if (e && e < s->end && *e == '!') {
        e++;
        while (e < s->end && has_class((unsigned char)*e, CC_ID))
            e++;
    }
    if (e && e < s->end && *e == ':')
        e = skip_format_spec(s, e + 1, quote, quote_len, raw);
    s->depth--;
    return e && e < s->end && *e == '}' ? e + 1 : NULL;
}

static const char *skip_format_spec(FScan *s, const char *p, char quote, int quote_len,
                                    bool raw)
{
    for (;;) {
        while (p < s->end && *p != quote && *p != '\\' && *p != '\n' && *p != '{' &&
               *p != '}')
            p++;
        if (p >= s->end)
            return NULL;
        switch (*p) {
        case '}':
            return p;
        case '{':
            if (!(p = skip_field(s, p + 1, quote, quote_len, raw)))
                return NULL;
            break;
        case '\n':
            if (quote_len == 1)
                return NULL;
            p++;
            break;
        case '\\':
            p = skip_fstring_escape(s, p, quote, raw);
            break;
        default:   /* the quote: ending the f-string inside a field */
            if (closes(p, s->end, quote, quote_len))
                return NULL;
            p++;
        }
    }
}

/* The body of an f-string, from after its opening quotes to after its
 * closing ones. */
static const char *scan_fstring(FScan *s, const char *p, char quote, int quote_len, bool raw)
{
    for (;;) {
        while (p < s->end && *p != quote && *p != '\\' && *p != '\n' && *p != '{' &&
               *p != '}')
            p++;
        if (p >= s->end)
            return NULL;
        switch (*p) {
        case '\n':
            if (quote_len == 1)
                return NULL;
            p++;
            break;
        case '\\':
            p = skip_fstring_escape(s, p, quote, raw);
            break;
        case '{':
            if (p + 1 < s->end && p[1] == '{')
                p += 2;
            else if (!(p = skip_field(s, p + 1, quote, quote_len, raw)))
                return NULL;
            break;
        case '}':   /* a single '}' is the parser's error to report */
            p += (p + 1 < s->end && p[1] == '}') ? 2 : 1;
            break;
        default:
            if (closes(p, s->end, quote, quote_len))
                return p + quote_len;
            p++;
        }
    }
}

/* A string literal inside a replacement field, from its opening quote. */
static const char *skip_nested_string(FScan *s, const char *q, bool fmt, bool raw)
{
    char quote = *q;
    int quote_len = closes(q, s->end, quote, 3) ? 3 : 1;
    if (fmt)
        return scan_fstring(s, q + quote_len, quote, quote_len, raw);
    return scan_plain(q + quote_len, s->end, quote, quote_len, NULL);
}

/* The end of a replacement field's expression, as documented for
 * tok_fstring_expr_end. */
static const char *expr_end(FScan *s, const char *p)
{
    const char *end = s->end;
    int nest = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '(': case '[': case '{':
            nest++;
            p++;
            break;
        case ')': case ']':
            if (nest > 0)
                nest--;
            p++;
            break;
        case '}':
            if (nest == 0)
                return p;
            nest--;
            p++;
            break;
        case '!': case '=':
            if (p + 1 < end && p[1] == '=') {   /* != and == */
                p += 2;
                break;
            }
            if (nest == 0)
                return p;
            p++;
            break;
        case ':':
            if (nest == 0)
                return p;
            p++;
            break;
        case '<': case '>':   /* <= and >= are not a '=' ending the expression */
            p += (p + 1 < end && p[1] == '=') ? 2 : 1;
            break;
        case '#':
            p = memchr(p, '\n', (size_t)(end - p));
            if (!p)
                return NULL;
            break;
        case '\'': case '"':
            if (!(p = skip_nested_string(s, p, false, false)))
                return NULL;
            break;
        default:
            if (char_class[c] & CC_ID) {
                /* A whole word, so that only a real prefix makes a string. */
                const char *w = p;
                Prefix x = {0};
                bool prefix = true;
                while (p < end && (char_class[(unsigned char)*p] & CC_ID)) {
                    prefix = prefix && p - w < 2 && prefix_add(&x, *p);
                    p++;
                }
                if (p < end && (*p == '\'' || *p == '"')) {
                    p = skip_nested_string(s, p, prefix && x.f, prefix && x.r);
                    if (!p)
                        return NULL;
                }
            } else {
                p++;
            }
        }
    }
    return NULL;
}

const char *tok_fstring_expr_end(const char *p, const char *limit)
{
    FScan s = {limit, 0};
    return expr_end(&s, p);
}

/* Moves to the line after the newline at nl.  The last newline of the
 * text leads to no new line: at the end CPython's tokenizer is still on the
 * last line, and (reading a file, as `python3.11 FILE` does) at its column 0,
 * which is where DEDENT and ENDMARKER stand there. */
static inline void next_line(Tokenizer *t, const char *nl)
{
    t->line_start = nl + 1;
    if (nl + 1 < t->buf_end || t->sub)
        t->lineno++;
}

static int count_newlines(const char *p, const char *end)
{
    int n = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

static void set_token(Token *tok, TokenKind kind, const char *start, const char *end,
                      int lineno, int col, int end_lineno, int end_col)
{
    tok->kind = kind;
    tok->start = start;
    tok->end = end;
    tok->lineno = lineno;
    tok->col_offset = col;
    tok->end_lineno = end_lineno;
    tok->end_col_offset = end_col;
}

/* A string literal from `start` (its prefix) whose opening quote is at q. */
static int read_string(Tokenizer *t, const char *start, const char *q, Prefix x, Token *tok)
{
    const char *end = t->buf_end;
    char quote = *q;
    int quote_len = closes(q, end, quote, 3) ? 3 : 1;
    const char *body = q + quote_len, *e = NULL, *stop = end;
    if (x.f) {
        FScan s = {end, 0};
        e = scan_fstring(&s, body, quote, quote_len, x.r);
    }
    /* An f-string that does not scan as PEP 701 would have it ends where
     * 3.11 ends it, and the parser reports what is wrong with it as 3.11
     * does. */
    if (!e)
        e = scan_plain(body, end, quote, quote_len, &stop);
    int lineno = t->lineno, col = (int)(start - t->line_start);
    if (!e) {
        int detected = lineno + count_newlines(start, stop);
        if (stop == end && stop > t->buf && stop[-1] == '\n')
            detected--;   /* at the end of the text CPython is still on the last line */
        return fail(t, SYNERR_SYNTAX, lineno, col, lineno, col,
                    quote_len == 3 ? "unterminated triple-quoted string literal (detected at line %d)"
                                   : "unterminated string literal (detected at line %d)",
                    detected);
    }
    for (const char *nl = start; (nl = memchr(nl, '\n', (size_t)(e - nl))) != NULL; nl++)
        next_line(t, nl);
    set_token(tok, TOK_STRING, start, e, lineno, col, t->lineno, (int)(e - t->line_start));
    t->cur = e;
    return 0;
}

/* ---- Numbers ---- */

/* The number scanner follows CPython's closely, as its error positions
 * depend on how far it has read: `cur` is CPython's cursor, and an error
 * raised with the cursor at `cur` points at the character before it. */
typedef struct {
    Tokenizer *t;
    const char *cur, *end;
} NumScan;

static inline int num_next(NumScan *n)
{
    return n->cur < n->end ? (unsigned char)*n->cur++ : EOC;
}

static inline void num_back(NumScan *n, int c)
{
    if (c != EOC)
        n->cur--;
}

static int num_error(NumScan *n, const char *fmt, ...)
{
    char msg[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fail_at(n->t, n->cur - 1, "%s", msg);
}

/* Does `word` follow at p, not followed by an identifier character? */
static bool word_follows(const char *p, const char *end, const char *word)
{
    for (; *word; word++, p++)
        if (p >= end || *p != *word)
            return false;
    return !has_class(char_at(p, end), CC_ID);
}

/* c, just read, follows a number.  A letter there is an error, except for
 * the keywords that may follow a number in valid code (1if x else y), for
 * which CPython only warns (SyntaxWarning) and ends the number. */
static bool number_end_ok(NumScan *n, int c, const char *kind)
{
    bool keyword = false;
    const char *p = n->cur;
    switch (c) {
    case 'a': keyword = word_follows(p, n->end, "nd"); break;
    case 'e': keyword = word_follows(p, n->end, "lse"); break;
    case 'f': keyword = word_follows(p, n->end, "or"); break;
    case 'i': {
        int c2 = char_at(p, n->end);
        keyword = c2 == 'f' || c2 == 'n' || c2 == 's';
        break;
    }
    case 'n': keyword = word_follows(p, n->end, "ot"); break;
    case 'o': keyword = word_follows(p, n->end, "r"); break;
    }
    if (!keyword && has_class(c, CC_ID)) {
        num_back(n, c);
        num_error(n, "invalid %s literal", kind);
        return false;
    }
    return true;
}

/* Digits and single underscores between them, after a first digit. */
static int decimal_tail(NumScan *n)
{
    for (;;) {
        int c;
        do
            c = num_next(n);
        while (is_digit(c));
        if (c != '_')
            return c;
        c = num_next(n);
        if (!is_digit(c)) {
            num_back(n, c);
            num_error(n, "invalid decimal literal");
            return -2;
        }
    }
}

/* 0x, 0o and 0b literals, from the letter on. */
static const char *radix_number(NumScan *n, int letter)
{
    int base = (letter | 0x20) == 'x' ? 16 : (letter | 0x20) == 'o' ? 8 : 2;
    const char *kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    int c = num_next(n);
    do {
        if (c == '_')
            c = num_next(n);
        bool ok = base == 16 ? has_class(c, CC_HEX) : c >= '0' && c < '0' + base;
        if (!ok) {
            if (base != 16 && is_digit(c)) {
                num_error(n, "invalid digit '%c' in %s literal", c, kind);
                return NULL;
            }
            num_back(n, c);
            num_error(n, "invalid %s literal", kind);
            return NULL;
        }
        do {
            c = num_next(n);
        } while (base == 16 ? has_class(c, CC_HEX) : c >= '0' && c < '0' + base);
    } while (c == '_');
    if (base != 16 && is_digit(c)) {
        num_error(n, "invalid digit '%c' in %s literal", c, kind);
        return NULL;
    }
    if (!number_end_ok(n, c, kind))
        return NULL;
    num_back(n, c);
    return n->cur;
}

/* A NUMBER starting at p: a digit, or a '.' followed by one.  Returns its
 * end, or NULL after an error. */
static const char *read_number(Tokenizer *t, const char *p)
{
    NumScan n = {t, p, t->buf_end};
    int c = num_next(&n);
    bool fraction = false, exponent = false, imaginary = false;
    if (c == '.') {
        c = num_next(&n);
        fraction = true;
    } else if (c == '0') {
        c = num_next(&n);
        if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B')
            return radix_number(&n, c);
        /* Zeros, maybe with underscores; more digits after them are an
         * error unless a fraction, exponent or 'j' follows (09.5 is fine). */
        for (;;) {
            if (c == '_') {
                c = num_next(&n);
                if (!is_digit(c)) {
                    num_back(&n, c);
                    num_error(&n, "invalid decimal literal");
                    return NULL;
                }
            }
            if (c != '0')
                break;
            c = num_next(&n);
        }
        const char *zeros_end = n.cur;
        bool nonzero = false;
        if (is_digit(c)) {
            nonzero = true;
            if ((c = decimal_tail(&n)) == -2)
                return NULL;
        }
        if (c == '.') {
            c = num_next(&n);
            fraction = true;
        } else if (c == 'e' || c == 'E') {
            exponent = true;
        } else if (c == 'j' || c == 'J') {
            imaginary = true;
        } else if (nonzero) {
            /* CPython gives this one a range, start to the last digit read. */
            int col = (int)(p - t->line_start);
            fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, (int)(zeros_end - t->line_start) - 1,
                 "leading zeros in decimal integer literals are not permitted; "
                 "use an 0o prefix for octal integers");
            return NULL;
        } else {
            if (!number_end_ok(&n, c, "decimal"))
                return NULL;
            num_back(&n, c);
            return n.cur;
        }
    } else {
        if ((c = decimal_tail(&n)) == -2)
            return NULL;
        if (c == '.') {
            c = num_next(&n);
            fraction = true;
        }
    }
    if (fraction && is_digit(c) && (c = decimal_tail(&n)) == -2)
        return NULL;
    if (!imaginary && (exponent || c == 'e' || c == 'E')) {
        int e = c;
        c = num_next(&n);
        if (c == '+' || c == '-') {
            c = num_next(&n);
            if (!is_digit(c)) {
                num_back(&n, c);
                num_error(&n, "invalid decimal literal");
                return NULL;
            }
        } else if (!is_digit(c)) {
            /* "1e" is the number 1 before a name, if that name is one of
             * the keywords number_end_ok lets through ("1else"). */
            num_back(&n, c);
            if (!number_end_ok(&n, e, "decimal"))
                return NULL;
            num_back(&n, e);
            return n.cur;
        }
        if ((c = decimal_tail(&n)) == -2)
            return NULL;
    }
    if (imaginary || c == 'j' || c == 'J') {
        c = num_next(&n);
        if (!number_end_ok(&n, c, "imaginary"))
            return NULL;
    } else if (!number_end_ok(&n, c, "decimal")) {
        return NULL;
    }
    num_back(&n, c);
    return n.cur;
}

/* ---- Indentation ---- */

/* The indentation of a new logical line, skipping blank and comment-only
 * lines, which do not count.  Queues INDENT/DEDENT tokens in t->pending. */
static int read_indentation(Tokenizer *t)
{
    const char *p = t->cur, *end = t->buf_end;
    int col, altcol, cont_col;
    for (;;) {
        col = altcol = cont_col = 0;
        for (; p < end; p++) {
            if (*p == ' ') {
                col++;
                altcol++;
            } else if (*p == '\t') {
                col = (col / 8 + 1) * 8;
                altcol++;
            } else if (*p == '\f') {
                col = altcol = 0;
            } else if (*p == '\\') {
                /* Indentation continued on the next line: the column of
                 * the first backslash is the indentation, for tabs as 8
                 * and as 1 alike (a backslash at column 0 counts as none,
                 * as in CPython). */
                cont_col = cont_col ? cont_col : col;
                if (p + 1 >= end || p[1] != '\n') {
                    t->soft_error = true;
                    int c = (int)(p + 1 - t->line_start);
                    return fail(t, SYNERR_SYNTAX, t->lineno, c, t->lineno, -1,
                                "unexpected character after line continuation character");
                }
                if (p + 2 >= end) {
                    /* Reading a file, CPython has no line left in its
                     * buffer here: its cursor is at column 0. */
                    t->soft_error = true;
                    return fail(t, SYNERR_SYNTAX, t->lineno, -1, t->lineno, -2,
                                "unexpected EOF while parsing");
                }
                next_line(t, ++p);
            } else {
                break;
            }
        }
        if (p >= end || (*p != '#' && *p != '\n'))
            break;
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p) {   /* only a sub-tokenizer's text lacks the final newline */
            p = end;
            break;
        }
        next_line(t, p);
        p++;
    }
    if (cont_col)
        col = altcol = cont_col;
    t->cur = p;
    t->at_line_start = false;

    /* TabError: the indentation must compare the same way with tabs
     * counted as 8 columns and as 1. */
    int top = t->indent;
    if (col == t->indstack[top]) {
        if (altcol != t->altindstack[top])
            goto tab_error;
    } else if (col > t->indstack[top]) {
        if (top + 1 >= TOK_MAX_INDENT) {
            t->soft_error = true;
            return fail(t, SYNERR_INDENTATION, t->lineno, 0, t->lineno, -1,
                        "too many levels of indentation");
        }
        if (altcol <= t->altindstack[top])
            goto tab_error;
        t->pending++;
        t->indent = top + 1;
        t->indstack[top + 1] = col;
        t->altindstack[top + 1] = altcol;
    } else {
        while (top > 0 && col < t->indstack[top]) {
            t->pending--;
            top--;
        }
        t->indent = top;
        if (col != t->indstack[top]) {
            /* CPython's cursor is at the end of the line, newline included. */
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            int len = (int)((nl ? nl + 1 : end) - t->line_start);
            t->soft_error = true;
            return fail(t, SYNERR_INDENTATION, t->lineno, len - 1, t->lineno, -2,
                        "unindent does not match any outer indentation level");
        }
        if (altcol != t->altindstack[top])
            goto tab_error;
    }
    return 0;

tab_error:
    t->soft_error = true;
    return fail(t, SYNERR_TAB, t->lineno, 0, t->lineno, -1,
                "inconsistent use of tabs and spaces in indentation");
}

/* ---- Tokens ---- */

static int never_closed(Tokenizer *t)
{
    int i = t->level - 1;
    t->soft_error = true;
    return fail(t, SYNERR_SYNTAX, t->parenlinenostack[i], t->parencolstack[i],
                t->parenlinenostack[i], -1, "'%c' was never closed", t->parenstack[i]);
}

/* INDENT, DEDENT and ENDMARKER: no text, at the cursor (see the top of
 * the file for their columns). */
static int cursor_token(Tokenizer *t, Token *tok, TokenKind kind)
{
    int col = (int)(t->cur - t->line_start);
    set_token(tok, kind, t->cur, t->cur, t->lineno, col - 1, t->lineno, -2);
    return 0;
}

static int end_of_text(Tokenizer *t, Token *tok)
{
    if (t->level > 0)
        return never_closed(t);
    t->done = true;
    return cursor_token(t, tok, TOK_ENDMARKER);
}

/* A NAME, or a string literal with a prefix. */
static int read_name(Tokenizer *t, const char *start, Token *tok)
{
    const char *end = t->buf_end, *p = start;
    Prefix x = {0};
    switch (*p | 0x20) {
    case 'b': case 'r': case 'u': case 'f':
        while (p < end && prefix_add(&x, *p)) {
            p++;
            if (p < end && (*p == '\'' || *p == '"'))
                return read_string(t, start, p, x, tok);
        }
    }
    while (p < end && (char_class[(unsigned char)*p] & CC_ID) && (unsigned char)*p < 0x80)
        p++;
    TokenKind kind;
    if (p < end && (unsigned char)*p >= 0x80) {
        while (p < end && (char_class[(unsigned char)*p] & CC_ID))
            p++;
        if (check_identifier(t, start, p) < 0)
            return -1;
        kind = TOK_NAME;
    } else {
        kind = keyword_kind(start, (size_t)(p - start));
    }
    int col = (int)(start - t->line_start);
    set_token(tok, kind, start, p, t->lineno, col, t->lineno, col + (int)(p - start));
    t->cur = p;
    return 0;
}

static int open_bracket(Tokenizer *t, const char *p)
{
    if (t->level >= TOK_MAX_PAREN)
        return fail_at(t, p, "too many nested parentheses");
    t->parenstack[t->level] = *p;
    t->parenlinenostack[t->level] = t->lineno;
    t->parencolstack[t->level] = (int)(p - t->line_start);
    t->level++;
    return 0;
}

static int close_bracket(Tokenizer *t, const char *p)
{
    char c = *p;
    if (t->level == 0)
        return fail_at(t, p, "unmatched '%c'", c);
    t->level--;
    char open = t->parenstack[t->level];
    if ((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))
        return 0;
    if (t->parenlinenostack[t->level] != t->lineno)
        return fail_at(t, p,
                       "closing parenthesis '%c' does not match opening parenthesis '%c' "
                       "on line %d", c, open, t->parenlinenostack[t->level]);
    return fail_at(t, p, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                   c, open);
}

static int next_token(Tokenizer *t, Token *tok)
{
    if (t->failed)
        return -1;
    for (;;) {
        if (t->pending > 0) {
            t->pending--;
            return cursor_token(t, tok, TOK_INDENT);
        }
        if (t->pending < 0) {
            t->pending++;
            return cursor_token(t, tok, TOK_DEDENT);
        }
        if (t->at_line_start && !t->sub) {
            if (read_indentation(t) < 0)
                return -1;
            continue;
        }

        const char *p = t->cur, *end = t->buf_end;
        while (p < end && (char_class[(unsigned char)*p] & CC_SPACE))
            p++;
        t->cur = p;
        if (p >= end)
            return end_of_text(t, tok);

        const char *start = p;
        int c = (unsigned char)*p;
        int c1 = char_at(p + 1, end);
        TokenKind kind;
        int len = 1;
        switch (c) {
        case '#':
        case '\n': {
            const char *nl = c == '\n' ? p : memchr(p, '\n', (size_t)(end - p));
            if (!nl) {   /* a comment ending a sub-tokenizer's text */
                t->cur = end;
                continue;
            }
            int lineno = t->lineno, col = (int)(p - t->line_start);
            t->cur = nl + 1;
            next_line(t, nl);
            if (t->level > 0 || t->sub)
                continue;
            t->at_line_start = true;
            set_token(tok, TOK_NEWLINE, p, nl, lineno, col, lineno, col + (int)(nl - p));
            return 0;
        }
        case '\\':
            if (c1 != '\n') {
                /* CPython points just past the backslash, with no end. */
                t->soft_error = true;
                int col = (int)(p + 1 - t->line_start);
                return fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, -1,
                            "unexpected character after line continuation character");
            }
            if (p + 2 >= end) {
                if (t->level > 0)
                    return never_closed(t);
                /* CPython's cursor is past the newline (a continuation
                 * keeps its line in the buffer, even reading a file). */
                t->soft_error = true;
                int col = (int)(p + 1 - t->line_start);
                return fail(t, SYNERR_SYNTAX, t->lineno, col, t->lineno, -2,
                            "unexpected EOF while parsing");
            }
            t->cur = p + 2;
            next_line(t, p + 1);
            continue;
        case '\'':
        case '"':
            return read_string(t, p, p, (Prefix){0}, tok);
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            goto number;
        case '.':
            if (is_digit(c1))
                goto number;
            if (c1 == '.' && char_at(p + 2, end) == '.') {
                kind = TOK_ELLIPSIS;
                len = 3;
            } else {
                kind = TOK_DOT;
            }
            break;
        case '(': case '[': case '{':
            if (open_bracket(t, p) < 0)
                return -1;
            kind = c == '(' ? TOK_LPAR : c == '[' ? TOK_LSQB : TOK_LBRACE;
            break;
        case ')': case ']': case '}':
            if (close_bracket(t, p) < 0)
                return -1;
            kind = c == ')' ? TOK_RPAR : c == ']' ? TOK_RSQB : TOK_RBRACE;
            break;
        case ',': kind = TOK_COMMA; break;
        case ';': kind = TOK_SEMI; break;
        case '~': kind = TOK_TILDE; break;
        case ':':
            kind = c1 == '=' ? (len = 2, TOK_COLONEQUAL) : TOK_COLON;
            break;
        case '+':
            kind = c1 == '=' ? (len = 2, TOK_PLUSEQUAL) : TOK_PLUS;
            break;
        case '-':
            kind = c1 == '=' ? (len = 2, TOK_MINEQUAL)
                 : c1 == '>' ? (len = 2, TOK_RARROW) : TOK_MINUS;
            break;
        case '%':
            kind = c1 == '=' ? (len = 2, TOK_PERCENTEQUAL) : TOK_PERCENT;
            break;
        case '&':
            kind = c1 == '=' ? (len = 2, TOK_AMPEREQUAL) : TOK_AMPER;
            break;
        case '|':
            kind = c1 == '=' ? (len = 2, TOK_VBAREQUAL) : TOK_VBAR;
            break;
        case '^':
            kind = c1 == '=' ? (len = 2, TOK_CIRCUMFLEXEQUAL) : TOK_CIRCUMFLEX;
            break;
        case '@':
            kind = c1 == '=' ? (len = 2, TOK_ATEQUAL) : TOK_AT;
            break;
        case '=':
            kind = c1 == '=' ? (len = 2, TOK_EQEQUAL) : TOK_EQUAL;
            break;
        case '!':
            kind = c1 == '=' ? (len = 2, TOK_NOTEQUAL) : TOK_EXCLAMATION;
            break;
        case '*':
            if (c1 == '*') {
                len = char_at(p + 2, end) == '=' ? 3 : 2;
                kind = len == 3 ? TOK_DOUBLESTAREQUAL : TOK_DOUBLESTAR;
            } else {
                kind = c1 == '=' ? (len = 2, TOK_STAREQUAL) : TOK_STAR;
            }
            break;
        case '/':
            if (c1 == '/') {
                len = char_at(p + 2, end) == '=' ? 3 : 2;
                kind = len == 3 ? TOK_DOUBLESLASHEQUAL : TOK_DOUBLESLASH;
            } else {
                kind = c1 == '=' ? (len = 2, TOK_SLASHEQUAL) : TOK_SLASH;
            }
            break;
        case '<':
            if (c1 == '<') {
                len = char_at(p + 2, end) == '=' ? 3 : 2;
                kind = len == 3 ? TOK_LEFTSHIFTEQUAL : TOK_LEFTSHIFT;
            } else if (c1 == '>') {
                /* Python 2's spelling; the parser rejects it unless
                 * barry_as_FLUFL is imported. */
                kind = TOK_NOTEQUAL;
                len = 2;
            } else {
                kind = c1 == '=' ? (len = 2, TOK_LESSEQUAL) : TOK_LESS;
            }
            break;
        case '>':
            if (c1 == '>') {
                len = char_at(p + 2, end) == '=' ? 3 : 2;
                kind = len == 3 ? TOK_RIGHTSHIFTEQUAL : TOK_RIGHTSHIFT;
            } else {
                kind = c1 == '=' ? (len = 2, TOK_GREATEREQUAL) : TOK_GREATER;
            }
            break;
        default:
            if (char_class[c] & CC_IDSTART)
                return read_name(t, p, tok);
            if (c < 0x20 || c == 0x7F)
                return fail_at(t, p, "invalid non-printable character U+%04X", c);
            kind = TOK_ERRORTOKEN;   /* '$', '?', '`' */
            break;
        }
        int col = (int)(start - t->line_start);
        set_token(tok, kind, start, start + len, t->lineno, col, t->lineno, col + len);
        t->cur = start + len;
        return 0;

    number: {
            const char *e = read_number(t, p);
            if (!e)
                return -1;
            int col = (int)(p - t->line_start);
            set_token(tok, TOK_NUMBER, p, e, t->lineno, col, t->lineno,
                      col + (int)(e - p));
            t->cur = e;
            return 0;
        }
    }
}

/* Did the result of next_token need line t->pending_line, which CPython
 * could not have read?  A token did if it reaches that line (INDENT,
 * DEDENT and ENDMARKER there included: CPython reads a line to make them).
 * An error did if it is on that line or later, or was found by scanning
 * into it: at the end of the text (a bracket never closed, EOF in a
 * continuation), or a string literal left open until that line or later. */
static bool needed_pending_line(const Tokenizer *t, int status, const Token *tok)
{
    if (status == 0)
        return tok->end >= t->pending_at;
    const SyntaxErrorInfo *e = t->err;
    if (e->kind == SYNERR_NOMEM)
        return false;   /* that one stands */
    if (e->lineno >= t->pending_line)
        return true;
    if (strstr(e->msg, "was never closed") || strcmp(e->msg, "unexpected EOF while parsing") == 0)
        return true;
    const char *d = strstr(e->msg, "(detected at line ");
    return d && strncmp(e->msg, "unterminated ", 13) == 0 &&
           atoi(d + strlen("(detected at line ")) >= t->pending_line;
}

int tok_next(Tokenizer *t, Token *tok)
{
    if (t->failed)
        return -1;   /* the error reported before stays in t->err */
    int status = next_token(t, tok);
    if (t->pending_error && needed_pending_line(t, status, tok)) {
        /* A hard error: it replaces a parser error found earlier. */
        *t->err = *t->pending_error;
        t->soft_error = false;
        t->failed = true;
        t->pending_error = NULL;
        t->err->line_only = true;
        return -1;
    }
    if (status < 0 && !t->soft_error)
        t->err->line_only = true;
    return status;
}

/* ---- Helpers for the parser ---- */

const char *tok_kind_name(TokenKind kind)
{
    switch (kind) {
#define TOK(name, text) case TOK_##name: return text[0] ? "'" text "'" : #name;
#define KW(name, text) case TOK_KW_##name: return "'" text "'";
#include "token.def"
#undef KW
#undef TOK
    case TOK_KIND_COUNT:
        break;
    }
    return "?";
}

void tok_string_parts(const Token *tok, StringPrefix *out)
{
    const char *p = tok->start;
    memset(out, 0, sizeof *out);
    for (; *p != '\'' && *p != '"'; p++) {
        switch (*p | 0x20) {
        case 'r': out->raw = true; break;
        case 'b': out->bytes = true; break;
        case 'f': out->fmt = true; break;
        case 'u': out->unicode = true; break;
        }
    }
    char q = *p;
    size_t n = (size_t)(tok->end - p);
    out->quote = q;
    out->quote_len = n >= 6 && p[1] == q && p[2] == q ? 3 : 1;
    out->body = p + out->quote_len;
    out->body_end = tok->end - out->quote_len;
}
