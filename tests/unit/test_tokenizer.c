/* Unit test of src/parse/tokenizer.c against CPython 3.11.
 *
 * Most expected values are in data/tokenizer/cases.h, generated from
 * CPython by data/tokenizer/gen_cases.py (its header tells what comes from
 * where: the tokenize module for token positions, compile() for errors,
 * python3.12's tokenize for PEP 701 f-strings).  The hand-written checks
 * below say in comments how their expected values were found.  A last test
 * feeds mutated sources to the tokenizer and checks that every token's
 * position agrees with its pointers (run it under ASan/UBSan for memory
 * errors: `make asan`). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "tokenizer.h"

#include "data/tokenizer/cases.h"

/* The expected decoding errors are compile()'s (see data/tokenizer/gen_cases.py),
 * so the sources are decoded as compile() decodes them; test_source_decoding.c
 * covers how `python3.11 FILE` decodes a file. */
static int tok_init_compile(Tokenizer *t, const char *src, size_t len, const char *filename,
                            Arena *a, SyntaxErrorInfo *err)
{
    static const SourceOptions compile_mode = {SOURCE_FROM_STRING, SOURCE_DEFAULT_STDLIB_DIR};
    return tok_init_source(t, src, len, filename, a, err, &compile_mode);
}

static int passed, failed;

static void check(bool ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 60) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputc('\n', stdout);
        va_end(ap);
    }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = {
#define TOK(name, text) #name,
#define KW(name, text) "KW_" #name,
#include "token.def"
#undef KW
#undef TOK
};

static TokenKind kind_by_name(const char *name)
{
    for (size_t i = 0; i < COUNT(kind_names); i++)
        if (strcmp(kind_names[i], name) == 0)
            return (TokenKind)i;
    return TOK_KIND_COUNT;
}

/* Escapes a source for messages. */
static const char *show(const char *s, size_t n)
{
    static char buf[200];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < sizeof buf; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, sizeof buf - o, "\\x%02x", c);
    }
    buf[o] = '\0';
    return buf;
}

/* Tokenizes src to the end; writes "KIND l:c-l:c ..." into out.  Returns
 * 0, or -1 at an error (left in *err). */
static int tokenize_all(const char *src, size_t len, char *out, size_t cap,
                        SyntaxErrorInfo *err, Tokenizer *t, Arena *a)
{
    size_t o = 0;
    out[0] = '\0';
    if (tok_init_compile(t, src, len, "<test>", a, err) < 0)
        return -1;
    for (int n = 0; n < 100000; n++) {
        Token tok;
        if (tok_next(t, &tok) < 0)
            return -1;
        int w = snprintf(out + o, cap - o, "%s%s %d:%d-%d:%d", o ? " " : "",
                         kind_names[tok.kind], tok.lineno, tok.col_offset, tok.end_lineno,
                         tok.end_col_offset);
        if (w > 0 && (size_t)w < cap - o)
            o += (size_t)w;
        if (tok.kind == TOK_ENDMARKER)
            return 0;
    }
    return 0;
}

static void test_token_cases(void)
{
    static char out[1 << 16];
    for (size_t i = 0; i < COUNT(token_cases); i++) {
        const struct TokenCase *c = &token_cases[i];
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        int r = tokenize_all(c->src, c->len, out, sizeof out, &err, &t, &a);
        check(r == 0, "tokens of \"%s\": error %s", show(c->src, c->len), err.msg);
        if (r == 0)
            check(strcmp(out, c->expected) == 0, "tokens of \"%s\":\n  expected %s\n  got      %s",
                  show(c->src, c->len), c->expected, out);
        arena_free(&a);
    }
}

static void test_error_cases(void)
{
    static char out[1 << 16];
    for (size_t i = 0; i < COUNT(error_cases); i++) {
        const struct ErrorCase *c = &error_cases[i];
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        int r = tokenize_all(c->src, c->len, out, sizeof out, &err, &t, &a);
        check(r < 0, "no error for \"%s\"", show(c->src, c->len));
        if (r < 0) {
            bool ok = err.kind == c->kind && strcmp(err.msg, c->msg) == 0 &&
                      err.lineno == c->lineno && err.col_offset == c->col &&
                      err.end_lineno == c->end_lineno && err.end_col_offset == c->end_col &&
                      t.soft_error == c->soft;
            check(ok, "error for \"%s\":\n  expected %d %s (%d,%d)-(%d,%d) soft=%d\n"
                      "  got      %d %s (%d,%d)-(%d,%d) soft=%d",
                  show(c->src, c->len), c->kind, c->msg, c->lineno, c->col, c->end_lineno,
                  c->end_col, c->soft, err.kind, err.msg, err.lineno, err.col_offset,
                  err.end_lineno, err.end_col_offset, t.soft_error);
            /* The error sticks. */
            Token tok;
            check(tok_next(&t, &tok) < 0, "tok_next after an error succeeds");
        }
        arena_free(&a);
    }
    for (size_t i = 0; i < COUNT(decl_ok_cases); i++) {
        const struct OkCase *c = &decl_ok_cases[i];
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        int r = tokenize_all(c->src, c->len, out, sizeof out, &err, &t, &a);
        check(r == 0, "error for \"%s\": %s", show(c->src, c->len), err.msg);
        arena_free(&a);
    }
}

static void test_position_cases(void)
{
    for (size_t i = 0; i < COUNT(position_cases); i++) {
        const struct PositionCase *c = &position_cases[i];
        TokenKind kind = kind_by_name(c->kind);
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        bool found = false;
        if (tok_init_compile(&t, c->src, c->len, "<test>", &a, &err) == 0) {
            Token tok;
            while (tok_next(&t, &tok) == 0) {
                if (tok.kind == kind && tok.lineno == c->lineno) {
                    found = true;
                    check(tok.col_offset == c->col && tok.end_lineno == c->end_lineno &&
                              tok.end_col_offset == c->end_col,
                          "%s in \"%s\": expected (%d,%d)-(%d,%d), got (%d,%d)-(%d,%d)",
                          c->kind, show(c->src, c->len), c->lineno, c->col, c->end_lineno,
                          c->end_col, tok.lineno, tok.col_offset, tok.end_lineno,
                          tok.end_col_offset);
                    break;
                }
                if (tok.kind == TOK_ENDMARKER)
                    break;
            }
        }
        check(found, "no %s on line %d in \"%s\"", c->kind, c->lineno, show(c->src, c->len));
        arena_free(&a);
    }
}

/* Tokens of a source as "KIND text|KIND text|...", for hand-written cases. */
static const char *texts(const char *src, size_t len)
{
    static char out[4096];
    size_t o = 0;
    Arena a;
    arena_init(&a);
    Tokenizer t;
    SyntaxErrorInfo err;
    if (tok_init_compile(&t, src, len, "<test>", &a, &err) < 0) {
        snprintf(out, sizeof out, "ERROR %s", err.msg);
        arena_free(&a);
        return out;
    }
    Token tok;
    out[0] = '\0';
    for (;;) {
        if (tok_next(&t, &tok) < 0) {
            snprintf(out + o, sizeof out - o, "%sERROR %s (%d,%d)", o ? "|" : "", err.msg,
                     err.lineno, err.col_offset);
            break;
        }
        if (tok.kind == TOK_ENDMARKER)
            break;
        int w = snprintf(out + o, sizeof out - o, "%s%s %.*s", o ? "|" : "", kind_names[tok.kind],
                         tok.kind == TOK_NEWLINE ? 0 : (int)(tok.end - tok.start), tok.start);
        if (w > 0 && (size_t)w < sizeof out - o)
            o += (size_t)w;
    }
    arena_free(&a);
    return out;
}

#define CHECK_TEXTS(src, expected)                                                        \
    do {                                                                                  \
        const char *got_ = texts(src, sizeof(src) - 1);                                   \
        check(strcmp(got_, expected) == 0, "tokens of \"%s\":\n  expected %s\n  got      %s", \
              show(src, sizeof(src) - 1), expected, got_);                                \
    } while (0)

static void test_hand_written(void)
{
    /* '!' is an error token to python3.11 and EXCLAMATION in 3.12; '<>' is
     * one NOTEQUAL token ("1 <> 2" is "invalid syntax" spanning both
     * characters, offsets 3-5, in python3.11). */
    CHECK_TEXTS("a ! b <> c != d\n",
                "NAME a|EXCLAMATION !|NAME b|NOTEQUAL <>|NAME c|NOTEQUAL !=|NAME d|NEWLINE ");
    /* compile(b"x $ y") is "invalid syntax" at the '$', offsets 3-4. */
    CHECK_TEXTS("x $ y\n", "NAME x|ERRORTOKEN $|NAME y|NEWLINE ");

    /* A NUL byte, as `python3.11 FILE` (Debian 3.11.2) reads files: the rest
     * of its line is dropped and the next line joins on.  Running
     * "print(1)#\0\nprint(2)\nprint(3)\n" prints 1 and 3; "x = 1\0print(5)\n"
     * fails with "invalid decimal literal" at offset 5 (col 4); in
     * 'x = 1\ny = "a\0b"\n' the string is unterminated (line 2, col 4). */
    CHECK_TEXTS("print(1)#\0\nprint(2)\nprint(3)\n",
                "NAME print|LPAR (|NUMBER 1|RPAR )|NEWLINE |NAME print|LPAR (|NUMBER 3|RPAR )|NEWLINE ");
    CHECK_TEXTS("x = (\0\n1)\n", "NAME x|EQUAL =|LPAR (|NUMBER 1|RPAR )|NEWLINE ");
    CHECK_TEXTS("x = 1\0print(5)\nprint(x)\n",
                "NAME x|EQUAL =|ERROR invalid decimal literal (1,4)");
    CHECK_TEXTS("x = 1\ny = \"a\0b\"\n",
                "NAME x|EQUAL =|NUMBER 1|NEWLINE |NAME y|EQUAL =|"
                "ERROR unterminated string literal (detected at line 2) (2,4)");
    CHECK_TEXTS("\0", "");
    CHECK_TEXTS("x = 1\r\0junk\r\ny = 2\r\n", "NAME x|EQUAL =|NUMBER 1|NEWLINE |NAME y|EQUAL =|NUMBER 2|NEWLINE ");

    /* PEP 701 (python3.12 accepts these, each as one f-string), and the
     * f-strings that do not scan as PEP 701 has it ending where 3.11 ends
     * them: f"{x:"}" is f"{x:" then "unmatched '}'" at offset 7 in
     * python3.11. */
    CHECK_TEXTS("f'{1 +\n2}'\n", "STRING f'{1 +\n2}'|NEWLINE ");
    CHECK_TEXTS("f'{x # c\n}'\n", "STRING f'{x # c\n}'|NEWLINE ");
    CHECK_TEXTS("f\"{x:\"}\"\n", "STRING f\"{x:\"|ERROR unmatched '}' (1,6)");
    CHECK_TEXTS("f\"{x\" + \"}\"\n", "STRING f\"{x\" + \"}\"|NEWLINE ");
    CHECK_TEXTS("f\"{'''a\"'''}\" 'b'\n", "STRING f\"{'''a\"'''}\"|STRING 'b'|NEWLINE ");
    CHECK_TEXTS("f'{x!r }' 1\n", "STRING f'{x!r }'|NUMBER 1|NEWLINE ");

    /* A continuation line in the indentation: the first backslash's column
     * is the indentation (tokenize.py gets these wrong; python3.11 parses
     * the first three to If(body=[x, y]) and the last to Module([x])). */
    CHECK_TEXTS("if 1:\n  x\n\\\n  y\n",
                "KW_IF if|NUMBER 1|COLON :|NEWLINE |INDENT |NAME x|NEWLINE |NAME y|NEWLINE |DEDENT ");
    CHECK_TEXTS("if 1:\n  x\n  \\\n\ty\n",
                "KW_IF if|NUMBER 1|COLON :|NEWLINE |INDENT |NAME x|NEWLINE |NAME y|NEWLINE |DEDENT ");
    CHECK_TEXTS("if 1:\n  x\n  \\\n\n  y\n",
                "KW_IF if|NUMBER 1|COLON :|NEWLINE |INDENT |NAME x|NEWLINE |NAME y|NEWLINE |DEDENT ");
    CHECK_TEXTS("  \\\n# c\nx\n", "NAME x|NEWLINE ");

    /* Soft keywords stay names; async and await are keywords. */
    CHECK_TEXTS("match x:\n case _: pass\n",
                "NAME match|NAME x|COLON :|NEWLINE |INDENT |NAME case|NAME _|COLON :|KW_PASS pass|"
                "NEWLINE |DEDENT ");
}

static void test_decoding(void)
{
    Arena a;
    arena_init(&a);
    Tokenizer t;
    SyntaxErrorInfo err;

    /* Line endings become "\n"; a final newline is added. */
    const char crlf[] = "a\r\nb\rc\r\r\nd";
    int r = tok_init_compile(&t, crlf, sizeof crlf - 1, "f", &a, &err);
    check(r == 0 && t.buf_end - t.buf == 9 && strcmp(t.buf, "a\nb\nc\n\nd\n") == 0,
          "line endings: got \"%s\"", show(t.buf, (size_t)(t.buf_end - t.buf)));
    check(!t.has_encoding, "no declared encoding");
    check(tok_init_compile(&t, "", 0, "f", &a, &err) == 0 && t.buf_end == t.buf && *t.buf == '\0',
          "an empty source stays empty");
    check(tok_init_compile(&t, "\n", 1, "f", &a, &err) == 0 && t.buf_end - t.buf == 1,
          "a newline stays one newline");

    /* The BOM goes; with it CPython's parser counts characters (compile of
     * b"\xef\xbb\xbf\xc3\xa9\xc3\xa9 = 1 $" reports offset 8, not 10). */
    const char bom[] = "\xef\xbb\xbfx\n";
    check(tok_init_compile(&t, bom, sizeof bom - 1, "f", &a, &err) == 0 && t.buf_end - t.buf == 2 &&
              t.buf[0] == 'x' && t.has_encoding,
          "BOM");

    /* latin-1 is transcoded to UTF-8. */
    const char latin[] = "# coding: latin-1\nx = '\xe9\xff'\n";
    r = tok_init_compile(&t, latin, sizeof latin - 1, "f", &a, &err);
    check(r == 0 && strcmp(t.buf, "# coding: latin-1\nx = '\xc3\xa9\xc3\xbf'\n") == 0 &&
              t.has_encoding,
          "latin-1: got \"%s\"", show(t.buf, (size_t)(t.buf_end - t.buf)));
    const char utf8[] = "# -*- coding: utf-8 -*-\nx\n";
    check(tok_init_compile(&t, utf8, sizeof utf8 - 1, "f", &a, &err) == 0 && t.has_encoding,
          "a utf-8 declaration counts as an encoding");

    /* Invalid UTF-8 in a comment or a string literal is not the tokenizer's
     * business: compile(b"x = 1 # \xff\n") succeeds; for strings the parser
     * reports "(unicode error) ..." when it decodes the literal. */
    CHECK_TEXTS("x = 1 # \xff\n", "NAME x|EQUAL =|NUMBER 1|NEWLINE ");
    CHECK_TEXTS("x = '\xff'\n", "NAME x|EQUAL =|STRING '\xff'|NEWLINE ");
    arena_free(&a);
}

static void test_string_parts(void)
{
    static const struct {
        const char *src;
        bool raw, bytes, fmt, unicode;
        int quote_len;
        char quote;
        const char *body;
    } cases[] = {
        {"'abc'", 0, 0, 0, 0, 1, '\'', "abc"},
        {"\"\"", 0, 0, 0, 0, 1, '"', ""},
        {"''''''", 0, 0, 0, 0, 3, '\'', ""},
        {"'''a'b'''", 0, 0, 0, 0, 3, '\'', "a'b"},
        {"\"\"\"\n\"\"\"", 0, 0, 0, 0, 3, '"', "\n"},
        {"rb'\\x'", 1, 1, 0, 0, 1, '\'', "\\x"},
        {"BR\"x\"", 1, 1, 0, 0, 1, '"', "x"},
        {"Rf'{x}'", 1, 0, 1, 0, 1, '\'', "{x}"},
        {"F\"\"\"{x}\"\"\"", 0, 0, 1, 0, 3, '"', "{x}"},
        {"u'x'", 0, 0, 0, 1, 1, '\'', "x"},
        {"b''", 0, 1, 0, 0, 1, '\'', ""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        Token tok;
        const char *src = cases[i].src;
        bool ok = tok_init_compile(&t, src, strlen(src), "f", &a, &err) == 0 && tok_next(&t, &tok) == 0 &&
                  tok.kind == TOK_STRING;
        check(ok, "string parts of %s: not a STRING", src);
        if (ok) {
            StringPrefix sp;
            tok_string_parts(&tok, &sp);
            size_t n = strlen(cases[i].body);
            check(sp.raw == cases[i].raw && sp.bytes == cases[i].bytes && sp.fmt == cases[i].fmt &&
                      sp.unicode == cases[i].unicode && sp.quote_len == cases[i].quote_len &&
                      sp.quote == cases[i].quote && (size_t)(sp.body_end - sp.body) == n &&
                      memcmp(sp.body, cases[i].body, n) == 0,
                  "string parts of %s", src);
        }
        arena_free(&a);
    }
}

static void test_fstring_expr_end(void)
{
    /* Where a replacement field's expression ends, as 3.11's f-string parser
     * splits "{expr=!conv:spec}", and with PEP 701's nested strings and
     * comments (python3.12 accepts every f-string here with that split). */
    static const struct {
        const char *body;   /* from just after the '{' */
        int end;            /* offset of the end, -1 for NULL */
    } cases[] = {
        {"x}", 1},
        {"x!r}", 1},
        {"x:>10}", 1},
        {"x=}", 1},
        {"x = !r}", 2},
        {"a!=b}", 4},
        {"a==b}", 4},
        {"a<=b}", 4},
        {"a>=b=}", 4},
        {"a<b}", 3},
        {"d[1:2]}", 6},
        {"(x:=1)}", 6},
        {"x:=1}", 1},
        {"{1: 2}[1] }", 10},
        {"f(a=1)}", 6},
        {"(lambda: 1)()}", 13},
        {"'}'}", 3},
        {"\"a:b\" + '!'}", 11},
        {"f'{x}'}", 6},
        {"f'{x:{y}}'}", 10},
        {"rb'}'}", 5},
        {"xf'}'}", 5},
        {"'''a\n}'''}", 9},
        {"x # }\n}", 6},
        {"x # }", -1},
        {"x", -1},
        {"'abc}", -1},
        {"(x}", -1},
        {"a\n+ b}", 5},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const char *p = cases[i].body;
        const char *e = tok_fstring_expr_end(p, p + strlen(p));
        int got = e ? (int)(e - p) : -1;
        check(got == cases[i].end, "expression end in \"%s\": expected %d, got %d",
              show(p, strlen(p)), cases[i].end, got);
    }
}

static void test_sub_tokenizer(void)
{
    Arena a;
    arena_init(&a);
    Tokenizer t, sub;
    SyntaxErrorInfo err;
    Token tok;
    /* The expression of the f-string on line 2; positions are real ones,
     * newlines and comments inside it are skipped as inside brackets. */
    const char src[] = "y = 1\nz = f'''{a +\n  b # c\n  ( 1 ) !r}'''\n";
    check(tok_init_compile(&t, src, sizeof src - 1, "f", &a, &err) == 0, "sub: init");
    const char *start = strchr(t.buf, '{') + 1;
    const char *end = strchr(t.buf, '!');
    const char *line_start = strchr(t.buf, '\n') + 1;
    tok_init_sub(&sub, &t, start, end, 2, line_start);
    static const char *const want[] = {
        "NAME a 2:9-2:10", "PLUS + 2:11-2:12", "NAME b 3:2-3:3", "LPAR ( 4:2-4:3",
        "NUMBER 1 4:4-4:5", "RPAR ) 4:6-4:7", "ENDMARKER  4:7-4:-2",
    };
    for (size_t i = 0; i < COUNT(want); i++) {
        char got[64] = "error";
        if (tok_next(&sub, &tok) == 0)
            snprintf(got, sizeof got, "%s %.*s %d:%d-%d:%d", kind_names[tok.kind],
                     (int)(tok.end - tok.start), tok.start, tok.lineno, tok.col_offset,
                     tok.end_lineno, tok.end_col_offset);
        check(strcmp(got, want[i]) == 0, "sub token %zu: expected %s, got %s", i, want[i], got);
    }
    check(tok_next(&sub, &tok) == 0 && tok.kind == TOK_ENDMARKER, "sub: ENDMARKER again");

    /* The sub-tokenizer stops at its end even inside a name, number or
     * operator, and reports bracket errors as the tokenizer does. */
    const char src2[] = "f'{abc=}' f'{(1]}' f'{x)}' f'{1 == 2}'\n";
    check(tok_init_compile(&t, src2, sizeof src2 - 1, "f", &a, &err) == 0, "sub: init 2");
    const char *b = t.buf;
    tok_init_sub(&sub, &t, b + 3, b + 5, 1, b);
    check(tok_next(&sub, &tok) == 0 && tok.kind == TOK_NAME && tok.end == b + 5 &&
              tok_next(&sub, &tok) == 0 && tok.kind == TOK_ENDMARKER,
          "sub: a name cut at the end");
    tok_init_sub(&sub, &t, b + 13, b + 16, 1, b);
    check(tok_next(&sub, &tok) == 0 && tok_next(&sub, &tok) == 0 && tok_next(&sub, &tok) < 0 &&
              strcmp(err.msg, "closing parenthesis ']' does not match opening parenthesis '('") == 0 &&
              err.col_offset == 15,
          "sub: mismatched bracket: %s", err.msg);
    tok_init_sub(&sub, &t, b + 22, b + 24, 1, b);
    check(tok_next(&sub, &tok) == 0 && tok_next(&sub, &tok) < 0 &&
              strcmp(err.msg, "unmatched ')'") == 0,
          "sub: unmatched: %s", err.msg);
    tok_init_sub(&sub, &t, b + 30, b + 34, 1, b);
    check(tok_next(&sub, &tok) == 0 && tok.kind == TOK_NUMBER && tok_next(&sub, &tok) == 0 &&
              tok.kind == TOK_EQEQUAL && tok_next(&sub, &tok) == 0 && tok.kind == TOK_ENDMARKER,
          "sub: '1 ==' cut before its right side");
    arena_free(&a);
}

static void test_misc(void)
{
    check(strcmp(tok_kind_name(TOK_LPAR), "'('") == 0, "kind name LPAR");
    check(strcmp(tok_kind_name(TOK_NEWLINE), "NEWLINE") == 0, "kind name NEWLINE");
    check(strcmp(tok_kind_name(TOK_KW_IF), "'if'") == 0, "kind name if");
    check(strcmp(tok_kind_name(TOK_DOUBLESLASHEQUAL), "'//='") == 0, "kind name //=");

    /* ENDMARKER repeats. */
    Arena a;
    arena_init(&a);
    Tokenizer t;
    SyntaxErrorInfo err;
    Token tok;
    check(tok_init_compile(&t, "x", 1, "f", &a, &err) == 0, "init x");
    int kinds[5];
    for (int i = 0; i < 5; i++)
        kinds[i] = tok_next(&t, &tok) == 0 ? (int)tok.kind : -1;
    check(kinds[0] == TOK_NAME && kinds[1] == TOK_NEWLINE && kinds[2] == TOK_ENDMARKER &&
              kinds[3] == TOK_ENDMARKER && kinds[4] == TOK_ENDMARKER,
          "ENDMARKER repeats");
    arena_free(&a);
}

/* ---- Robustness ---- */

static uint32_t rng_state = 12345;

static uint32_t rnd(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/* Every token's line and columns must describe its pointers. */
static bool consistent(const Tokenizer *t, const Token *tok)
{
    if (tok->kind == TOK_INDENT || tok->kind == TOK_DEDENT || tok->kind == TOK_ENDMARKER)
        return tok->start == tok->end && tok->start >= t->buf && tok->start <= t->buf_end;
    if (!(tok->start >= t->buf && tok->start <= tok->end && tok->end <= t->buf_end))
        return false;
    int line = 1;
    const char *ls = t->buf;
    for (const char *p = t->buf; p < tok->start; p++)
        if (*p == '\n')
            line++, ls = p + 1;
    if (line != tok->lineno || tok->col_offset != (int)(tok->start - ls))
        return false;
    for (const char *p = tok->start; p < tok->end; p++)
        if (*p == '\n')
            line++, ls = p + 1;
    return line == tok->end_lineno && tok->end_col_offset == (int)(tok->end - ls);
}

static void test_mutations(void)
{
    static const char alphabet[] = "()[]{}'\"\\#\n\t \x0c=!:.0123456789abfrux_{}\xc3\xa9\xe2\x82\xac\xff\r\0";
    char buf[512];
    long bad = 0, tokens = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n;
        if (round % 2) {
            const struct TokenCase *c = &token_cases[rnd() % COUNT(token_cases)];
            n = c->len < sizeof buf ? c->len : sizeof buf;
            memcpy(buf, c->src, n);
        } else {
            const struct ErrorCase *c = &error_cases[rnd() % COUNT(error_cases)];
            n = c->len < sizeof buf ? c->len : sizeof buf;
            memcpy(buf, c->src, n);
        }
        int edits = 1 + (int)(rnd() % 4);
        for (int e = 0; e < edits && n > 0; e++) {
            size_t at = rnd() % n;
            char ch = alphabet[rnd() % (sizeof alphabet - 1)];
            switch (rnd() % 3) {
            case 0:
                buf[at] = ch;
                break;
            case 1:
                if (n < sizeof buf) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = ch;
                    n++;
                }
                break;
            default:
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            }
        }
        /* An exact-size copy, so ASan sees any read past the source. */
        char *src = malloc(n ? n : 1);
        memcpy(src, buf, n);
        Arena a;
        arena_init(&a);
        Tokenizer t;
        SyntaxErrorInfo err;
        Token tok;
        if (tok_init_compile(&t, src, n, "f", &a, &err) == 0) {
            for (int k = 0; k < 10000 && tok_next(&t, &tok) == 0; k++) {
                tokens++;
                if (!consistent(&t, &tok) && bad++ < 5)
                    printf("inconsistent %s at %d:%d in \"%s\"\n", kind_names[tok.kind],
                           tok.lineno, tok.col_offset, show(buf, n));
                if (tok.kind == TOK_STRING) {
                    StringPrefix sp;
                    tok_string_parts(&tok, &sp);
                    /* Sub-tokenize each replacement field of an f-string. */
                    const char *p = sp.body;
                    while (sp.fmt && p < sp.body_end && (p = memchr(p, '{', (size_t)(sp.body_end - p)))) {
                        const char *e = tok_fstring_expr_end(p + 1, sp.body_end);
                        if (!e)
                            break;
                        Tokenizer sub;
                        tok_init_sub(&sub, &t, p + 1, e, tok.lineno, tok.start - tok.col_offset);
                        Token st;
                        for (int j = 0; j < 1000 && tok_next(&sub, &st) == 0 &&
                                        st.kind != TOK_ENDMARKER; j++)
                            if (!(st.start >= p + 1 && st.end <= e) && bad++ < 5)
                                printf("sub token outside its range in \"%s\"\n", show(buf, n));
                        p = e;
                    }
                }
                if (tok.kind == TOK_ENDMARKER)
                    break;
            }
        }
        arena_free(&a);
        free(src);
    }
    check(bad == 0, "%ld inconsistent tokens in mutated sources (%ld tokens)", bad, tokens);
}

int main(void)
{
    test_token_cases();
    test_error_cases();
    test_position_cases();
    test_hand_written();
    test_decoding();
    test_string_parts();
    test_fstring_expr_end();
    test_sub_tokenizer();
    test_misc();
    test_mutations();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
