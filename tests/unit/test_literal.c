/* Unit tests for literal.c (numbers, string escapes, repr) and ast_dump.c.
 *
 * The expected values are in data/literal_cases.h, generated from CPython
 * 3.11 by data/gen_literal_cases.py (ast.literal_eval / ast.parse for values
 * and SyntaxError messages, repr() for reprs, ast.dump(...,
 * include_attributes=True) for dumps; the dump cases are turned into C code
 * that builds the same trees by hand, so they test the dumper without the
 * parser).  A few hand-written checks follow the generated ones. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "literal.h"

#include "data/literal_cases.h"

typedef struct {
    int passed, failed;
} Results;

#define COUNT(arr) ((int)(sizeof arr / sizeof arr[0]))

/* Prints a byte string readably for failure messages. */
static void show(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "    %s: \"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\" (%zu bytes)\n", n);
}

static void check(Results *r, bool ok, const char *what, int index)
{
    if (ok) {
        r->passed++;
    } else {
        r->failed++;
        fprintf(stderr, "FAIL: %s #%d\n", what, index);
    }
}

/* Captures lit_repr's output in a malloc'd string. */
static char *repr_of(const AstConstant *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    if (lit_repr(f, c) != 0)
        fputs("<write error>", f);
    fclose(f);
    return buf;
}

static bool same(const char *got, size_t got_len, const char *want, size_t want_len)
{
    return got_len == want_len && memcmp(got, want, want_len) == 0;
}

static void test_numbers(Results *r)
{
    for (int i = 0; i < COUNT(number_cases); i++) {
        const struct NumberCase *t = &number_cases[i];
        Arena a;
        arena_init(&a);
        AstConstant c;
        bool ok = lit_number(&a, t->text, t->text + strlen(t->text), &c) == 0;
        char *repr = ok ? repr_of(&c) : NULL;
        ok = ok && c.kind == t->kind && strcmp(repr, t->repr) == 0;
        check(r, ok, "number", i);
        if (!ok) {
            fprintf(stderr, "    text %s: kind %d want %d\n", t->text, (int)c.kind, (int)t->kind);
            if (repr) {
                show("got ", repr, strlen(repr));
                show("want", t->repr, strlen(t->repr));
            }
        }
        free(repr);
        arena_free(&a);
    }
}

static void test_strings(Results *r)
{
    for (int i = 0; i < COUNT(string_cases); i++) {
        const struct StringCase *t = &string_cases[i];
        Arena a;
        arena_init(&a);
        AstConstant c;
        SyntaxErrorInfo err;
        memset(&err, 0, sizeof err);
        int rc = lit_string(&a, t->body, t->body + t->len, t->raw, t->bytes, &c, &err);
        bool ok;
        char *repr = NULL;
        if (t->ok) {
            ok = rc == 0 && c.kind == (t->bytes ? AST_CONST_BYTES : AST_CONST_STR) &&
                 same(c.u.s, c.len, t->value, t->value_len);
            if (ok) {
                repr = repr_of(&c);
                ok = strcmp(repr, t->repr) == 0;
            }
        } else {
            ok = rc == -1 && err.kind == SYNERR_SYNTAX && strcmp(err.msg, t->value) == 0;
        }
        check(r, ok, "string", i);
        if (!ok) {
            show("body", t->body, t->len);
            if (rc == 0)
                show("got value", c.u.s, c.len);
            else
                show("got error", err.msg, strlen(err.msg));
            show(t->ok ? "want value" : "want error", t->value,
                 t->ok ? t->value_len : strlen(t->value));
            if (repr) {
                show("got repr", repr, strlen(repr));
                show("want repr", t->repr, strlen(t->repr));
            }
        }
        free(repr);
        arena_free(&a);
    }
}

static void test_floats(Results *r)
{
    for (int i = 0; i < COUNT(float_cases); i++) {
        const struct FloatCase *t = &float_cases[i];
        AstConstant f = { .kind = AST_CONST_FLOAT, .u.f = t->value };
        AstConstant j = { .kind = AST_CONST_COMPLEX, .u.f = t->value };
        char *fr = repr_of(&f), *jr = repr_of(&j);
        bool ok = strcmp(fr, t->repr) == 0 && strcmp(jr, t->complex_repr) == 0;
        check(r, ok, "float repr", i);
        if (!ok)
            fprintf(stderr, "    %a: got %s / %s, want %s / %s\n", t->value, fr, jr, t->repr,
                    t->complex_repr);
        free(fr);
        free(jr);
    }
}

static void test_str_reprs(Results *r)
{
    for (int i = 0; i < COUNT(str_repr_cases); i++) {
        const struct StrReprCase *t = &str_repr_cases[i];
        AstConstant c = { .kind = AST_CONST_STR, .len = t->len, .u.s = t->utf8 };
        char *repr = repr_of(&c);
        bool ok = strcmp(repr, t->repr) == 0;
        check(r, ok, "str repr", i);
        if (!ok) {
            show("got ", repr, strlen(repr));
            show("want", t->repr, strlen(t->repr));
        }
        free(repr);
    }
}

static void test_dumps(Results *r)
{
    for (int i = 0; i < COUNT(dump_cases); i++) {
        Arena a;
        arena_init(&a);
        AstNode *tree = dump_cases[i].build(&a);
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (!f)
            abort();
        int rc = ast_dump(f, tree);
        fclose(f);
        bool ok = rc == 0 && strcmp(buf, dump_cases[i].expected) == 0;
        check(r, ok, "ast_dump", i);
        if (!ok) {
            /* Point at the first difference: dumps are long. */
            const char *w = dump_cases[i].expected;
            size_t k = 0;
            while (buf[k] && buf[k] == w[k])
                k++;
            size_t from = k > 60 ? k - 60 : 0;
            fprintf(stderr, "    differs at byte %zu\n", k);
            show("got ", buf + from, strnlen(buf + from, 160));
            show("want", w + from, strnlen(w + from, 160));
        }
        free(buf);
        arena_free(&a);
    }
}

/* Hand-written checks of things the generated tables do not pin down. */
static void test_misc(Results *r)
{
    Arena a;
    arena_init(&a);

    check(r, ast_has_pos(AST_Name) && ast_has_pos(AST_arg) && ast_has_pos(AST_alias) &&
                 ast_has_pos(AST_ExceptHandler) && ast_has_pos(AST_MatchAs) &&
                 !ast_has_pos(AST_Module) && !ast_has_pos(AST_arguments) &&
                 !ast_has_pos(AST_comprehension) && !ast_has_pos(AST_withitem),
          "ast_has_pos", 0);
    check(r, strcmp(ast_kind_name(AST_BinOp), "BinOp") == 0 &&
                 strcmp(ast_kind_name(AST_match_case), "match_case") == 0,
          "ast_kind_name", 0);
    AstSeq *s = ast_seq_new(&a, 0);
    check(r, s && s->n == 0 && !ast_seq_new(&a, -1), "ast_seq_new", 0);
    AstPos pos = { 3, 4, 5, 6 };
    AstNode *n = ast_new(&a, AST_Pass, pos);
    check(r, n && n->kind == AST_Pass && n->pos.end_col_offset == 6, "ast_new", 0);

    static const struct {
        AstConstKind kind;
        const char *repr;
    } singletons[] = {
        { AST_CONST_NONE, "None" }, { AST_CONST_TRUE, "True" },
        { AST_CONST_FALSE, "False" }, { AST_CONST_ELLIPSIS, "Ellipsis" },
    };
    for (int i = 0; i < COUNT(singletons); i++) {
        AstConstant c = { .kind = singletons[i].kind };
        char *repr = repr_of(&c);
        check(r, strcmp(repr, singletons[i].repr) == 0, "singleton repr", i);
        free(repr);
    }

    /* An int literal just inside and just outside int64. */
    AstConstant c;
    const char *big = "9223372036854775807";
    check(r, lit_number(&a, big, big + strlen(big), &c) == 0 && c.kind == AST_CONST_INT &&
                 c.u.i == INT64_MAX,
          "int64 max", 0);
    const char *big1 = "0x8000000000000000";
    check(r, lit_number(&a, big1, big1 + strlen(big1), &c) == 0 && c.kind == AST_CONST_BIGINT &&
                 strcmp(c.u.s, "9223372036854775808") == 0 && c.len == 19,
          "int64 max + 1", 0);

    /* A surrogate escape is kept as its own 3-byte sequence. */
    const char *sur = "\\ud800";
    SyntaxErrorInfo err;
    check(r, lit_string(&a, sur, sur + strlen(sur), false, false, &c, &err) == 0 && c.len == 3 &&
                 memcmp(c.u.s, "\xed\xa0\x80", 3) == 0,
          "surrogate", 0);

    /* 1e309 overflows to inf, as in Python. */
    const char *huge = "1e309";
    check(r, lit_number(&a, huge, huge + 5, &c) == 0 && c.kind == AST_CONST_FLOAT &&
                 isinf(c.u.f),
          "1e309", 0);

    arena_free(&a);
}

int main(void)
{
    Results r = { 0, 0 };
    test_numbers(&r);
    test_strings(&r);
    test_floats(&r);
    test_str_reprs(&r);
    test_dumps(&r);
    test_misc(&r);
    printf("%d passed, %d failed\n", r.passed, r.failed);
    return r.failed != 0;
}
