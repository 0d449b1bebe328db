/* The `krait` command.  For now it offers the front end only:
 *   krait -X dump-ast FILE     print ast.dump(ast.parse(FILE), include_attributes=True)
 *   krait -X symtable FILE     print the symbol table (tests/compile/symtable_dump.py's form)
 *   krait -X parse FILE...     parse files without printing (for timing)
 * Running programs arrives with the compiler and VM. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/symtable.h"
#include "parse/parser.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Parses one file; dumps its AST when `dump` is 1, builds and dumps its
 * symbol table when it is 2.  Returns 0 on success. */
static int parse_one(const char *path, int dump)
{
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        fprintf(stderr, "krait: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return 2;
    }
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    Tokenizer tok;
    AstNode *tree = parse_source(&arena, src, len, path, PARSE_EXEC, &err, &tok);
    int status = 0;
    if (!tree) {
        fflush(stdout);
        syntax_error_print(stderr, path, &err, tok.buf, tok.buf_end);
        status = 1;
    } else if (dump == 2) {
        SymTable *st = symtable_build(&arena, tree, &err);
        if (st) {
            symtable_dump(stdout, st);
        } else {
            fflush(stdout);
            syntax_error_print(stderr, path, &err, tok.buf, tok.buf_end);
            status = 1;
        }
    } else if (dump) {
        ast_dump(stdout, tree);
    }
    arena_free(&arena);
    free(src);
    return status;
}

static void usage(void)
{
    fprintf(stderr, "usage: krait -X dump-ast FILE\n"
                    "       krait -X symtable FILE\n"
                    "       krait -X parse FILE...\n");
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "-X") == 0) {
        if (strcmp(argv[2], "dump-ast") == 0 && argc == 4)
            return parse_one(argv[3], 1);
        if (strcmp(argv[2], "symtable") == 0 && argc == 4)
            return parse_one(argv[3], 2);
        if (strcmp(argv[2], "parse") == 0) {
            int status = 0;
            for (int i = 3; i < argc; i++)
                if (parse_one(argv[i], 0) != 0)
                    status = 1;
            return status;
        }
    }
    usage();
    return 2;
}
