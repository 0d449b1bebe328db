/* The `krait` command line, parsed as python3.11 parses its own.
 *
 * kr_cmdline_parse() turns argv plus an environment (an envp array, never
 * the process's globals, so tests can pass their own) into a KrCmdline:
 * the values behind sys.flags, sys.argv, sys.warnoptions, sys._xoptions and
 * what to run.  Messages that CPython prints while parsing (usage errors,
 * -h and its siblings, -V, fatal configuration errors) are written to the
 * streams the caller passes, with CPython's exact text. */
#ifndef KRAIT_RUNTIME_CMDLINE_H
#define KRAIT_RUNTIME_CMDLINE_H

#include <stdbool.h>
#include <stdio.h>

/* What the command runs once the VM is up. */
typedef enum {
    KR_RUN_STDIN,   /* no program argument, or `-`: read the program from stdin */
    KR_RUN_COMMAND, /* -c CMD */
    KR_RUN_MODULE,  /* -m MODULE */
    KR_RUN_FILE,    /* a script path */
} KrRunKind;

/* --check-hash-based-pycs */
typedef enum {
    KR_HASH_PYCS_DEFAULT,
    KR_HASH_PYCS_ALWAYS,
    KR_HASH_PYCS_NEVER,
} KrHashPycs;

typedef struct {
    /* sys.flags, with CPython's meaning and the values it would show. */
    int debug;                 /* -d, PYTHONDEBUG (a count) */
    int inspect;               /* -i, PYTHONINSPECT */
    int interactive;           /* -i only */
    int optimize;              /* -O count, PYTHONOPTIMIZE */
    int dont_write_bytecode;   /* -B, PYTHONDONTWRITEBYTECODE */
    int no_user_site;          /* -s, -I, PYTHONNOUSERSITE */
    int no_site;               /* -S */
    int ignore_environment;    /* -E, -I */
    int verbose;               /* -v count, PYTHONVERBOSE */
    int bytes_warning;         /* -b count */
    int quiet;                 /* -q */
    int hash_randomization;    /* 0 only when PYTHONHASHSEED=0 */
    int isolated;              /* -I */
    bool dev_mode;             /* -X dev, PYTHONDEVMODE */
    int utf8_mode;             /* -X utf8[=0|1], PYTHONUTF8; -1: not set (locale decides) */
    int warn_default_encoding; /* -X warn_default_encoding, PYTHONWARNDEFAULTENCODING */
    bool safe_path;            /* -P, -I, PYTHONSAFEPATH */
    int int_max_str_digits;    /* -X int_max_str_digits=N, PYTHONINTMAXSTRDIGITS; -1: default */

    /* Options with no sys.flags field. */
    bool unbuffered;           /* -u, PYTHONUNBUFFERED */
    bool skip_first_line;      /* -x */
    int version;               /* -V count: 1 prints the version, 2 the build too */
    KrHashPycs check_hash_pycs;
    bool use_hash_seed;        /* PYTHONHASHSEED is an integer ... */
    unsigned long hash_seed;   /* ... and this is it */
    int tracemalloc;           /* -X tracemalloc[=N], PYTHONTRACEMALLOC: frames, 0 off */
    bool import_time;          /* -X importtime, PYTHONPROFILEIMPORTTIME */
    bool fault_handler;        /* -X faulthandler, PYTHONFAULTHANDLER, -X dev */
    bool no_debug_ranges;      /* -X no_debug_ranges, PYTHONNODEBUGRANGES */
    const char *pycache_prefix; /* -X pycache_prefix=PATH, PYTHONPYCACHEPREFIX */

    /* Environment values used later at start-up (NULL when unset, empty, or
     * ignored under -E/-I).  KRAIT_PATH is Krait's own PYTHONPATH
     * (DESIGN.md §7): sys.path gets KRAIT_PATH's entries, then PYTHONPATH's. */
    const char *krait_path;
    const char *python_path;
    const char *python_home;
    const char *io_encoding;   /* PYTHONIOENCODING */
    const char *startup;       /* PYTHONSTARTUP */

    /* What to run. */
    KrRunKind run;
    const char *run_command;   /* -c's argument */
    const char *run_module;    /* -m's argument */
    const char *run_filename;  /* the script path */

    /* sys.argv: argv[0] is "-c" for -c, "-m" for -m (start-up replaces it
     * with the module's path), the script path, "-" for stdin, or "". */
    int argc;
    const char **argv;
    /* sys.orig_argv is the process's argv as given; sys.warnoptions and
     * sys._xoptions in CPython's order.  Strings point into argv/envp or
     * into `storage`. */
    int nwarnoptions;
    const char **warnoptions;
    int nxoptions;
    const char **xoptions;     /* each "key" or "key=value", as given */

    char *storage;             /* copies of split environment values */
} KrCmdline;

/* The outcome of parsing. */
typedef enum {
    KR_CMDLINE_RUN,  /* carry on: start the VM and run cfg->run */
    KR_CMDLINE_EXIT, /* stop now with *exit_status (help, version, error) */
} KrCmdlineResult;

/* Parses argv (argc entries; argv[0] is the program name CPython echoes in
 * its usage lines) with the environment envp (a NULL-terminated array of
 * "NAME=value", may be NULL).  Help and version text goes to `out`, error
 * messages to `err`.  Returns KR_CMDLINE_EXIT with *exit_status set when
 * the process should end (0 after help/version, 2 for a usage error, 1 for
 * a fatal configuration error); the config must be freed with
 * kr_cmdline_free() either way.  Out of memory exits with status 1. */
KrCmdlineResult kr_cmdline_parse(KrCmdline *cfg, int argc, char **argv, char **envp, FILE *out,
                                 FILE *err, int *exit_status);

void kr_cmdline_free(KrCmdline *cfg);

/* The -V and -VV lines (without the newline). */
const char *kr_cmdline_version_line(int verbosity);

#endif
