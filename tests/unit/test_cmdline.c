/* Unit tests for runtime/cmdline.c: command lines and environments in, the
 * parsed configuration out, compared with what python3.11 makes of the same
 * command line (sys.argv, sys.flags, sys.warnoptions and -u), recorded in
 * data/cmdline_cases.h by data/gen_cmdline_cases.py.  Error messages are
 * compared with python3.11's by tests/cmdline/errors.py.
 *
 * Prints `N passed, M failed`; exit status 1 if anything failed. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/cmdline.h"

typedef struct {
    const char *args[16];
    const char *env[8];
    const char *argv[16];
    int flags[18]; /* sys.flags in its order */
    const char *warnoptions[8];
    int write_through; /* -u */
} CmdlineCase;

#include "data/cmdline_cases.h"

static int passed, failed;

static void check(bool ok, size_t n, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL: case %zu: %s\n", n, what);
    }
}

static size_t count(const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    return n;
}

static bool same_list(const char *const *want, const char **got, int ngot)
{
    if ((int)count(want) != ngot)
        return false;
    for (int i = 0; i < ngot; i++)
        if (strcmp(want[i], got[i]) != 0)
            return false;
    return true;
}

static void run_case(size_t n, const CmdlineCase *c)
{
    char *argv[18];
    int argc = 0;
    argv[argc++] = (char *)"krait";
    for (size_t i = 0; c->args[i]; i++)
        argv[argc++] = (char *)c->args[i];
    argv[argc] = NULL;
    char *envp[8];
    size_t ne = 0;
    for (; c->env[ne]; ne++)
        envp[ne] = (char *)c->env[ne];
    envp[ne] = NULL;

    char *outbuf = NULL, *errbuf = NULL;
    size_t outlen = 0, errlen = 0;
    FILE *out = open_memstream(&outbuf, &outlen), *err = open_memstream(&errbuf, &errlen);
    KrCmdline cfg;
    int status = -1;
    KrCmdlineResult r = kr_cmdline_parse(&cfg, argc, argv, envp, out, err, &status);
    fclose(out);
    fclose(err);
    check(r == KR_CMDLINE_RUN, n, "parse result");
    check(outlen == 0, n, "nothing on stdout");
    /* `-E-` prints CPython's "expected long option" and carries on. */
    check(errlen == 0 || strcmp(errbuf, "expected long option\n") == 0, n, "stderr");
    if (r == KR_CMDLINE_RUN) {
        check(same_list(c->argv, cfg.argv, cfg.argc), n, "sys.argv");
        int f[18] = {cfg.debug, cfg.inspect, cfg.interactive, cfg.optimize,
                     cfg.dont_write_bytecode, cfg.no_user_site, cfg.no_site,
                     cfg.ignore_environment, cfg.verbose, cfg.bytes_warning, cfg.quiet,
                     cfg.hash_randomization, cfg.isolated, cfg.dev_mode,
                     /* Not set means the locale decides; C.UTF-8 says no. */
                     cfg.utf8_mode < 0 ? 0 : cfg.utf8_mode, cfg.warn_default_encoding,
                     cfg.safe_path, cfg.int_max_str_digits};
        static const char *const names[18] = {
            "debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
            "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
            "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
            "warn_default_encoding", "safe_path", "int_max_str_digits"};
        for (int i = 0; i < 18; i++) {
            char what[64];
            snprintf(what, sizeof what, "sys.flags.%s: want %d, got %d", names[i], c->flags[i],
                     f[i]);
            check(f[i] == c->flags[i], n, what);
        }
        check(same_list(c->warnoptions, cfg.warnoptions, cfg.nwarnoptions), n,
              "sys.warnoptions");
        check(cfg.unbuffered == (c->write_through != 0), n, "-u");
        /* What to run follows from sys.argv[0]. */
        const char *a0 = c->argv[0];
        KrRunKind want = strcmp(a0, "-c") == 0   ? KR_RUN_COMMAND
                         : strcmp(a0, "-m") == 0 ? KR_RUN_MODULE
                         : (strcmp(a0, "") == 0 || strcmp(a0, "-") == 0) ? KR_RUN_STDIN
                                                                         : KR_RUN_FILE;
        check(cfg.run == want, n, "run kind");
    }
    kr_cmdline_free(&cfg);
    free(outbuf);
    free(errbuf);
}

/* Values that sys does not show: the environment, -X and -- options. */
static void test_extras(void)
{
    char *argv[] = {"krait", "-X", "a=1", "-Xb", "-X", "a=2", "--check-hash-based-pycs", "never",
                    "-c", "CMD", NULL};
    char *envp[] = {"KRAIT_PATH=/k", "PYTHONPATH=/p", "PYTHONIOENCODING=latin-1", "OTHER=1", NULL};
    KrCmdline cfg;
    int status;
    KrCmdlineResult r = kr_cmdline_parse(&cfg, 10, argv, envp, stdout, stderr, &status);
    check(r == KR_CMDLINE_RUN, 0, "extras: parse");
    check(cfg.nxoptions == 3 && strcmp(cfg.xoptions[1], "b") == 0, 0, "extras: xoptions");
    check(cfg.check_hash_pycs == KR_HASH_PYCS_NEVER, 0, "extras: hash pycs");
    check(cfg.run_command && strcmp(cfg.run_command, "CMD") == 0, 0, "extras: -c");
    check(cfg.krait_path && strcmp(cfg.krait_path, "/k") == 0, 0, "extras: KRAIT_PATH");
    check(cfg.python_path && strcmp(cfg.python_path, "/p") == 0, 0, "extras: PYTHONPATH");
    check(cfg.io_encoding && strcmp(cfg.io_encoding, "latin-1") == 0, 0, "extras: IOENCODING");
    kr_cmdline_free(&cfg);

    char *argv2[] = {"krait", "-E", "-m", "mod", NULL};
    r = kr_cmdline_parse(&cfg, 4, argv2, envp, stdout, stderr, &status);
    check(r == KR_CMDLINE_RUN && !cfg.krait_path && !cfg.python_path, 0, "extras: -E");
    check(cfg.run_module && strcmp(cfg.run_module, "mod") == 0, 0, "extras: -m");
    kr_cmdline_free(&cfg);

    /* -V goes to `out` and ends the process with status 0. */
    char *argv3[] = {"krait", "-VV", NULL};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    r = kr_cmdline_parse(&cfg, 2, argv3, NULL, out, stderr, &status);
    fclose(out);
    check(r == KR_CMDLINE_EXIT && status == 0 && strncmp(buf, "Python 3.11.2 (Krait", 20) == 0,
          0, "extras: -VV");
    kr_cmdline_free(&cfg);
    free(buf);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cmdline_cases / sizeof *cmdline_cases; i++)
        run_case(i, &cmdline_cases[i]);
    test_extras();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
