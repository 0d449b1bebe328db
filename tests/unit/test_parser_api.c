/* The parser's entry points: parse_source words decoding errors as a file
 * run does, parse_source_with(SOURCE_FROM_STRING) as compile()/ast.parse do.
 * Expected messages are python3.11's (3.11.2), obtained with
 *   /usr/bin/python3.11 FILE                      (file run)
 *   ast.parse(open(FILE, 'rb').read())            (from a string)
 * on the same bytes; the table of invalid UTF-8 in literals comes from
 * tests/unit/data/gen_parser_api_cases.py. */
#include <stdio.h>
#include <string.h>

#include "parse/parser.h"

static int passed, failed;

static void expect(const char *label, const char *src, const SourceOptions *opts,
                   const char *want_msg, int want_line)
{
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    AstNode *tree = opts ? parse_source_with(&arena, src, strlen(src), "f.py", PARSE_EXEC, opts,
                                             &err, NULL)
                         : parse_source(&arena, src, strlen(src), "f.py", PARSE_EXEC, &err, NULL);
    bool ok = want_msg ? !tree && strcmp(err.msg, want_msg) == 0 && err.lineno == want_line
                       : tree != NULL;
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: got %s '%s' line %d\n", label, tree ? "a tree" : "error",
               tree ? "" : err.msg, tree ? 0 : err.lineno);
    }
    arena_free(&arena);
}

int main(void)
{
    const SourceOptions from_string = {SOURCE_FROM_STRING, SOURCE_DEFAULT_STDLIB_DIR};
    const SourceOptions from_file = {SOURCE_FROM_FILE, SOURCE_DEFAULT_STDLIB_DIR};

    expect("unknown codec, file", "# coding: foo\nx = 1\n", NULL, "encoding problem: foo", 0);
    expect("unknown codec, file opts", "# coding: foo\nx = 1\n", &from_file,
           "encoding problem: foo", 0);
    expect("unknown codec, string", "# coding: foo\nx = 1\n", &from_string,
           "unknown encoding: foo", 0);
    expect("bad utf-8, string", "x = \"\xff\"\n", &from_string,
           "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
           1);
    expect("valid, file", "x = 1\n", NULL, NULL, 0);
    expect("valid, string", "x = 1\n", &from_string, NULL, 0);
    expect("latin-1, string", "# coding: latin-1\nx = '\xe9'\n", &from_string, NULL, 0);

    /* Invalid UTF-8 inside string literals, compiled from bytes. */
    static const struct { const char *src, *msg; int line; } cases[] = {
#include "data/parser_api_cases.h"
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char label[32];
        snprintf(label, sizeof label, "utf-8 case %zu", i);
        expect(label, cases[i].src, &from_string, cases[i].msg, cases[i].line);
    }

    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
