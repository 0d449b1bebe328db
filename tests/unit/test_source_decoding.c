/* Unit test of src/parse/source_codec.c: decoding source files as
 * `python3.11 FILE` and compile() do, and looking codecs up in the
 * standard library.
 *
 * Every expected value comes from CPython 3.11, through
 * data/decoding/gen_cases.py (its header tells how):
 *  - data/decoding/files/NAME.py are parsed as Krait runs a file; a file
 *    python3.11 rejects must print (syntax_error_print) exactly what
 *    `python3.11 NAME.py` prints, one python3.11 runs must give the tree
 *    ast.parse gives (NAME.ast);
 *  - compile_cases: the text compile() decodes, or its error message;
 *  - codec_cases: what codecs.lookup() finds for each name, and for table
 *    codecs a hash of the character of every byte.
 * The checks written here by hand say in comments where their values come
 * from.
 *
 * Usage: test_source_decoding [DATA_DIR] [STDLIB_DIR]
 * Prints "N passed, M failed"; exits 1 on any failure. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser.h"
#include "source_codec.h"

#include "data/decoding/cases.h"

static int passed, failed;

static void check(bool ok, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 40) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputc('\n', stdout);
        va_end(ap);
    }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 12, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Replaces every `from` in s (NUL-terminated, malloc'ed) by `to`. */
static char *replace_all(char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = s; (p = strstr(p, from)) != NULL; p += fl)
        n++;
    char *out = malloc(strlen(s) + n * tl + 1);
    if (!out)
        return s;
    char *o = out;
    const char *p = s, *q;
    while ((q = strstr(p, from)) != NULL) {
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, tl);
        o += tl;
        p = q + fl;
    }
    strcpy(o, p);
    free(s);
    return out;
}

/* Shows bytes for a failure message. */
static const char *show(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c < 127 && c != '\\')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", c);
    }
    if (o + 8 >= cap)
        o += (size_t)snprintf(buf + o, cap - o, "...");
    buf[o] = '\0';
    return buf;
}

/* ---- Files, parsed as Krait runs a file ---- */

static void test_file(const char *dir, const char *name, bool runs)
{
    char path[4400], exp_path[4400];
    snprintf(path, sizeof path, "%s/files/%s.py", dir, name);
    snprintf(exp_path, sizeof exp_path, "%s/files/%s.%s", dir, name, runs ? "ast" : "exp");
    size_t len, exp_len;
    char *src = read_all(path, &len);
    char *expected = read_all(exp_path, &exp_len);
    if (!src || !expected) {
        check(false, "%s: cannot read %s", name, src ? exp_path : path);
        free(src);
        free(expected);
        return;
    }
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    Tokenizer tok;
    AstNode *tree = parse_source(&arena, src, len, path, PARSE_EXEC, &err, &tok);
    char *got = NULL;
    size_t got_len = 0;
    FILE *out = open_memstream(&got, &got_len);
    if (tree)
        ast_dump(out, tree);
    else
        syntax_error_print(out, path, &err, tok.buf, tok.buf_end);
    fclose(out);
    /* CPython names the file by its absolute path: the generator wrote the
     * directory as @DIR@. */
    char files_dir[4200];
    snprintf(files_dir, sizeof files_dir, "%s/files", dir);
    got = replace_all(got, files_dir, "@DIR@");
    char b1[600], b2[600];
    if (runs)
        check(tree && strcmp(got, expected) == 0, "%s: want the tree\n  %s\ngot\n  %s", name,
              show(expected, strlen(expected), b1, sizeof b1), show(got, strlen(got), b2, sizeof b2));
    else
        check(!tree && strcmp(got, expected) == 0, "%s: want\n  %s\ngot\n  %s", name,
              show(expected, strlen(expected), b1, sizeof b1), show(got, strlen(got), b2, sizeof b2));
    free(got);
    arena_free(&arena);
    free(src);
    free(expected);
}

/* ---- compile() ---- */

static void test_compile_cases(const char *stdlib)
{
    const SourceOptions compile_mode = {SOURCE_FROM_STRING, stdlib};
    char b1[600], b2[600], b3[600];
    for (size_t i = 0; i < COUNT(compile_cases); i++) {
        const char *src = compile_cases[i].src;
        size_t len = compile_cases[i].len;
        Arena arena;
        arena_init(&arena);
        Tokenizer t;
        SyntaxErrorInfo err;
        int r = tok_init_source(&t, src, len, "<test>", &arena, &err, &compile_mode);
        show(src, len, b3, sizeof b3);
        if (compile_cases[i].ok) {
            size_t n = r == 0 ? (size_t)(t.buf_end - t.buf) : 0;
            check(r == 0 && n == compile_cases[i].out_len &&
                      memcmp(t.buf, compile_cases[i].out, n) == 0,
                  "compile(%s): want text %s, got %s", b3,
                  show(compile_cases[i].out, compile_cases[i].out_len, b1, sizeof b1),
                  r == 0 ? show(t.buf, n, b2, sizeof b2) : err.msg);
        } else {
            check(r < 0 && err.lineno == 0 && strcmp(err.msg, compile_cases[i].out) == 0,
                  "compile(%s): want error %s, got %s", b3, compile_cases[i].out,
                  r < 0 ? err.msg : "success");
        }
        arena_free(&arena);
    }
}

/* ---- Codec lookup ---- */

static uint64_t table_hash(const SourceCodec *c)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (int i = 0; i < 256; i++) {
        uint32_t v = c->table[i] == CODEC_UNDEFINED ? 0xFFFFFFFFu : c->table[i];
        for (int k = 0; k < 4; k++) {
            h ^= (v >> (8 * k)) & 0xFF;
            h *= UINT64_C(0x100000001b3);
        }
    }
    return h;
}

static void test_codec_cases(const char *stdlib)
{
    for (size_t i = 0; i < COUNT(codec_cases); i++) {
        SourceCodec c;
        const char *name = codec_cases[i].name;
        source_codec_lookup(&c, name, strlen(name), stdlib);
        bool ok = c.kind == codec_cases[i].kind;
        if (ok && c.kind == CODEC_CHARMAP)
            ok = table_hash(&c) == codec_cases[i].hash;
        check(ok, "codec %s: want kind %d hash %016llx, got kind %d hash %016llx", name,
              codec_cases[i].kind, (unsigned long long)codec_cases[i].hash, c.kind,
              (unsigned long long)(c.kind == CODEC_CHARMAP ? table_hash(&c) : 0));
    }

    /* Without a standard library only the built-in codecs are known. */
    SourceCodec c;
    source_codec_lookup(&c, "koi8-r", 6, NULL);
    check(c.kind == CODEC_UNKNOWN, "no stdlib: koi8-r unknown");
    source_codec_lookup(&c, "Latin", 5, NULL);
    check(c.kind == CODEC_LATIN1, "no stdlib: Latin is latin-1");
    source_codec_lookup(&c, "koi8-r", 6, "/nonexistent");
    check(c.kind == CODEC_UNKNOWN, "missing stdlib: koi8-r unknown");
    /* koi8-r maps 0xC1 to U+0430 (b'\xc1'.decode('koi8-r') == '\u0430'). */
    source_codec_lookup(&c, "KOI8_R", 6, stdlib);
    check(c.kind == CODEC_CHARMAP && c.table[0xC1] == 0x430, "KOI8_R: 0xC1 is U+0430");

    /* A codec Krait lacks.  (python3.11 itself fails here with "encoding
     * problem: utf-16" since it reads the text after the declaration from
     * its newline on, but it decodes shift_jis, euc_jp... files.) */
    Arena arena;
    arena_init(&arena);
    Tokenizer t;
    SyntaxErrorInfo err;
    const char utf16[] = "# coding: utf-16\nx = 1\n";
    check(tok_init(&t, utf16, sizeof utf16 - 1, "f.py", &arena, &err) < 0 &&
              strcmp(err.msg, "encoding problem: utf-16 (not supported by Krait)") == 0,
          "utf-16: got %s", err.msg);
    arena_free(&arena);
}

/* ---- When the tokenizer meets a decoding error ---- */

/* Tokens up to the error, "ERROR <message>" for it.  The file cases show
 * what CPython prints; these show the error waits for the line it is on. */
static void check_tokens(const char *src, const char *want)
{
    Arena arena;
    arena_init(&arena);
    Tokenizer t;
    SyntaxErrorInfo err;
    char got[1024] = "";
    size_t n = 0;
    /* The message up to its first comma. */
    if (tok_init(&t, src, strlen(src), "/f.py", &arena, &err) < 0) {
        snprintf(got, sizeof got, "ERROR %.*s", (int)strcspn(err.msg, ","), err.msg);
    } else {
        for (int i = 0; i < 50; i++) {
            Token tok;
            if (tok_next(&t, &tok) < 0) {
                snprintf(got + n, sizeof got - n, "ERROR %.*s", (int)strcspn(err.msg, ","), err.msg);
                break;
            }
            n += (size_t)snprintf(got + n, sizeof got - n, "%s ", tok_kind_name(tok.kind));
            if (tok.kind == TOK_ENDMARKER || n >= sizeof got - 100)
                break;
        }
    }
    char b[300];
    check(strcmp(got, want) == 0, "tokens of %s:\n  want %s\n  got  %s",
          show(src, strlen(src), b, sizeof b), want, got);
    arena_free(&arena);
}

static void test_timing(void)
{
    /* python3.11 prints "Non-UTF-8 ... on line 2" for these files, and the
     * tokens of line 1 come first. */
    check_tokens("x = 1\ny = '\xf6'\n",
                 "NAME '=' NUMBER NEWLINE ERROR Non-UTF-8 code starting with '\\xf6' in file /f.py on line 2");
    check_tokens("x = (1,\n# \xf6\n",
                 "NAME '=' '(' NUMBER ',' ERROR Non-UTF-8 code starting with '\\xf6' in file /f.py on line 2");
    check_tokens("if 1:\n    x\n\xf6\n",
                 "'if' NUMBER ':' NEWLINE INDENT NAME NEWLINE ERROR Non-UTF-8 code starting with '\\xf6' in file /f.py on line 3");
    /* An error on the line before wins (python3.11: "unterminated string
     * literal (detected at line 1)"). */
    check_tokens("x = 'a\n\xf6\n", "NAME '=' ERROR unterminated string literal (detected at line 1)");
    /* Line 1 fails before any token. */
    check_tokens("\xf6 = 1\n", "ERROR Non-UTF-8 code starting with '\\xf6' in file /f.py on line 1");
}

static const char *find_data_dir(int argc, char **argv, char *buf, size_t cap)
{
    const char *rel = argc > 1 ? argv[1] : "tests/unit/data/decoding";
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/cases.h", rel);
    if (access(probe, R_OK) != 0 && argc <= 1) {
        /* Run from elsewhere: the binary is build/tests/test_source_decoding. */
        const char *slash = strrchr(argv[0], '/');
        if (slash) {
            snprintf(probe, sizeof probe, "%.*s/../../tests/unit/data/decoding",
                     (int)(slash - argv[0]) & 2047, argv[0]);
            rel = probe;
        }
    }
    /* Absolute, as CPython names a file it runs. */
    char cwd[1024];
    if (rel[0] == '/' || !getcwd(cwd, sizeof cwd))
        snprintf(buf, cap, "%.2500s", rel);
    else
        snprintf(buf, cap, "%s/%.2500s", cwd, rel);
    return buf;
}

int main(int argc, char **argv)
{
    char dir[4096];
    find_data_dir(argc, argv, dir, sizeof dir);
    const char *stdlib = argc > 2 ? argv[2] : SOURCE_DEFAULT_STDLIB_DIR;

    for (size_t i = 0; i < COUNT(file_cases); i++)
        test_file(dir, file_cases[i].name, file_cases[i].runs);
    test_compile_cases(stdlib);
    test_codec_cases(stdlib);
    test_timing();

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
