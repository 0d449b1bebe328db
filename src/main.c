/* The `krait` command.  The command line is parsed as python3.11 parses
 * its own (runtime/cmdline.c), so option errors, -h and -V behave as
 * CPython's.  It runs a FILE (or a directory's __main__.py), -c CMD,
 * -m MODULE, or stdin as the program "<stdin>"; with no program on a
 * terminal, or with -i, it gives the interactive prompt (runtime/run.c).
 * Front-end modes:
 *   krait -X dump-ast FILE     print ast.dump(ast.parse(FILE), include_attributes=True)
 *   krait -X symtable FILE     print the symbol table (tests/compile/symtable_dump.py's form)
 *   krait -X check FILE        report the compiler's SyntaxWarnings and SyntaxErrors (symbol table, then checks.c)
 *   krait -X parse FILE...     parse files without printing (for timing)
 *   krait -X dis FILE          print the bytecode */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/checks.h"
#include "compile/codegen.h"
#include "compile/symtable.h"
#include "parse/parser.h"
#include "runtime/cmdline.h"
#include "runtime/runtime.h"

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

/* What a front-end run does with a file once it is parsed. */
typedef enum {
    FRONT_PARSE,      /* nothing: parse only */
    FRONT_DUMP_AST,   /* print the AST */
    FRONT_SYMTABLE,   /* build and print the symbol table */
    FRONT_CHECK,      /* build it, run the compiler's checks, print their warnings */
} FrontEndMode;

/* Parses one file and does what `mode` says.  Returns 0 on success. */
static int parse_one(const char *path, FrontEndMode mode)
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
        syntax_error_print_file(stderr, path, &err, src, len, &tok);
        status = 1;
    } else if (mode == FRONT_SYMTABLE || mode == FRONT_CHECK) {
        SymTable *st = symtable_build(&arena, tree, &err);
        CompileWarnings warnings = { 0 };
        int checked = st && mode == FRONT_CHECK ? compile_checks(tree, st, &err, &warnings) : 0;
        /* The compiler's warnings come out as it meets them, so before its
         * error; a symbol-table error stops everything before them. */
        fflush(stdout);
        compile_warnings_print(stderr, path, &warnings, tok.buf, tok.buf_end,
                               len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0);
        compile_warnings_free(&warnings);
        if (st && checked == 0) {
            if (mode == FRONT_SYMTABLE)
                symtable_dump(stdout, st);
        } else {
            syntax_error_print_file(stderr, path, &err, src, len, &tok);
            status = 1;
        }
    } else if (mode == FRONT_DUMP_AST) {
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
                    "       krait -X check FILE\n"
                    "       krait -X parse FILE...\n");
}

/* The front-end modes, chosen by a bare -X key.  They take the script
 * argument and what follows it as their files, so they go through the same
 * option parsing as everything else. */
static int front_end_mode(const KrCmdline *cfg, const char *key, int *status)
{
    if (cfg->run != KR_RUN_FILE) {
        usage();
        *status = 2;
        return 1;
    }
    if (strcmp(key, "parse") == 0) {
        *status = 0;
        for (int i = 0; i < cfg->argc; i++)
            if (parse_one(cfg->argv[i], FRONT_PARSE) != 0)
                *status = 1;
        return 1;
    }
    if (cfg->argc != 1) {
        usage();
        *status = 2;
        return 1;
    }
    *status = parse_one(cfg->run_filename, strcmp(key, "symtable") == 0 ? FRONT_SYMTABLE
                                           : strcmp(key, "check") == 0  ? FRONT_CHECK
                                                                        : FRONT_DUMP_AST);
    return 1;
}

/* sys.argv and sys.path[0] as CPython sets them, then the program. */
static int run_program(const KrCmdline *cfg, int orig_argc, char **orig_argv)
{
    KrVM *vm = kr_vm_new();
    if (!vm) {
        fprintf(stderr, "krait: cannot create the interpreter\n");
        return 1;
    }
    KrThread *t = vm->main_thread;
    if (kr_sys_set_cmdline(t, cfg, orig_argc, orig_argv) < 0) {
        kr_print_exception(t);
        kr_vm_free(vm);
        return 1;
    }
    int status;
    for (int i = 0; i < cfg->nxoptions; i++) {
        if (strcmp(cfg->xoptions[i], "dis") == 0 && cfg->run == KR_RUN_FILE) {
            /* krait -X dis FILE: the bytecode, not the run. */
            size_t len;
            char *src = read_file(cfg->run_filename, &len);
            KrValue code = src ? kr_compile_source(t, src, len, cfg->run_filename, "exec", true) : KR_ERROR;
            free(src);
            if (code == KR_ERROR) {
                kr_print_exception(t);
                return 1;
            }
            kr_disassemble(t, code, stdout);
            return 0;
        }
    }
    /* Without a program, a terminal (or -i) gets the prompt and anything
     * else is read as the program "<stdin>". */
    bool prompt_only = cfg->run == KR_RUN_STDIN && (isatty(0) || cfg->interactive);
    if (cfg->run == KR_RUN_COMMAND)
        status = kr_run_main_string(t, cfg->run_command);
    else if (cfg->run == KR_RUN_FILE)
        status = kr_run_main_file(t, cfg->run_filename);
    else if (cfg->run == KR_RUN_MODULE)
        status = kr_run_main_module(t, cfg->run_module);
    else if (prompt_only)
        status = kr_run_interactive(t, !cfg->quiet, cfg->startup);
    else
        status = kr_run_main_stdin(t);
    /* -i: the prompt after the program, whatever became of it. */
    if (cfg->inspect && !prompt_only)
        status = kr_run_interactive(t, false, NULL);
    fflush(stdout);
    kr_vm_free(vm);
    return status;
}

int main(int argc, char **argv, char **envp)
{
    KrCmdline cfg;
    int status = 0;
    if (kr_cmdline_parse(&cfg, argc, argv, envp, stdout, stderr, &status) == KR_CMDLINE_EXIT) {
        kr_cmdline_free(&cfg);
        return status;
    }
    static const char *const modes[] = {"dump-ast", "symtable", "check", "parse"};
    for (int i = 0; i < cfg.nxoptions; i++)
        for (size_t m = 0; m < sizeof modes / sizeof *modes; m++)
            if (strcmp(cfg.xoptions[i], modes[m]) == 0 && front_end_mode(&cfg, modes[m], &status)) {
                kr_cmdline_free(&cfg);
                return status;
            }
    status = run_program(&cfg, argc, argv);
    kr_cmdline_free(&cfg);
    return status;
}
