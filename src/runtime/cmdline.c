/* The `krait` command line, parsed with python3.11's rules (see cmdline.h).
 *
 * The behaviour was learned by running /usr/bin/python3.11 with good and bad
 * arguments; tests/unit/test_cmdline.c and tests/cmdline/errors.py hold the
 * cases and compare against it.  Points that are easy to get wrong:
 *  - options end at the first non-option, at `--`, and right after -c/-m;
 *  - -h/-?/--help* print and exit at once, while -V is only counted, so a
 *    later usage error still wins over -V;
 *  - a `-` inside a cluster (`-E-`) prints "expected long option" and ends
 *    the options, any other text after it (`-E-x`) is an unknown option;
 *  - long options are matched exactly (no prefixes, no `--opt=value`);
 *  - -X lookups take the first occurrence of a key, although
 *    sys._xoptions, being a dict, shows the last. */
#include "runtime/cmdline.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/cmdline_help.h"

#define KR_VERSION "0.1"
#define PY_VERSION "3.11.2"

#if defined(__clang__)
#define KR_COMPILER "[Clang " __clang_version__ "]"
#elif defined(__GNUC__)
#define KR_COMPILER "[GCC " __VERSION__ "]"
#else
#define KR_COMPILER "[unknown compiler]"
#endif

const char *kr_cmdline_version_line(int verbosity)
{
    /* Tools parse `python -V` as "Python X.Y.Z", so -V says exactly what
     * CPython says; -VV is where Krait gives its own name, in the slot where
     * CPython names its build. */
    if (verbosity >= 2)
        return "Python " PY_VERSION " (Krait " KR_VERSION ") " KR_COMPILER;
    return "Python " PY_VERSION;
}

/* Parser state that lives only during kr_cmdline_parse. */
typedef struct {
    KrCmdline *cfg;
    int argc;
    char **argv;
    char **envp;
    FILE *out, *err;
    const char *prog;
    const char **wopts; /* -W values in order */
    int nwopts;
} Parser;

static const char *env_get(char **envp, const char *name)
{
    if (!envp)
        return NULL;
    size_t n = strlen(name);
    for (char **e = envp; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* An environment value the config reads: NULL when unset or empty, and
 * always NULL under -E/-I, which is how those options take effect. */
static const char *cfg_env(const Parser *p, const char *name)
{
    if (p->cfg->ignore_environment)
        return NULL;
    const char *v = env_get(p->envp, name);
    return v && *v ? v : NULL;
}

/* Parses a whole string as a decimal int the way strtol does (leading
 * white space and a sign allowed, nothing after).  Returns false if it is
 * not one or is out of int range. */
static bool parse_int(const char *s, int *value)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno == ERANGE || v < INT_MIN || v > INT_MAX)
        return false;
    *value = (int)v;
    return true;
}

/* PYTHONVERBOSE-style variables: a non-negative integer is a level, any
 * other non-empty text means 1, and the level only ever raises the flag
 * (so -vv with PYTHONVERBOSE=1 stays 2). */
static void env_flag(const Parser *p, const char *name, int *flag)
{
    const char *v = cfg_env(p, name);
    if (!v)
        return;
    int level;
    if (!parse_int(v, &level) || level < 0)
        level = 1;
    if (*flag < level)
        *flag = level;
}

static void print_usage_line(const Parser *p, FILE *f)
{
    fprintf(f, "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n", p->prog);
}

/* A usage error: CPython's three lines on stderr, status 2. */
static KrCmdlineResult usage_error(const Parser *p, int *exit_status)
{
    print_usage_line(p, p->err);
    fputs("Try `python -h' for more information.\n", p->err);
    *exit_status = 2;
    return KR_CMDLINE_EXIT;
}

/* CPython reports a bad configuration as a fatal error with status 1. */
static KrCmdlineResult fatal(const Parser *p, const char *msg, const char *state, int *exit_status)
{
    fprintf(p->err, "Fatal Python error: %s\nPython runtime state: %s\n\n", msg, state);
    *exit_status = 1;
    return KR_CMDLINE_EXIT;
}

static KrCmdlineResult help_exit(const Parser *p, const char *text, bool with_usage,
                                 int *exit_status)
{
    if (with_usage)
        print_usage_line(p, p->out);
    fputs(text, p->out);
    *exit_status = 0;
    return KR_CMDLINE_EXIT;
}

/* The value of -X KEY[=VALUE], first occurrence.  Returns false if the key
 * is absent; *value is NULL for a bare key. */
static bool xoption(const KrCmdline *cfg, const char *key, const char **value)
{
    size_t n = strlen(key);
    for (int i = 0; i < cfg->nxoptions; i++) {
        const char *x = cfg->xoptions[i];
        if (strncmp(x, key, n) == 0 && (x[n] == '\0' || x[n] == '=')) {
            *value = x[n] == '=' ? x + n + 1 : NULL;
            return true;
        }
    }
    return false;
}

/* The byte CPython prints for an unknown option character.  CPython decodes
 * argv to wide chars (undecodable bytes become U+DC80..U+DCFF) and prints
 * the option with "%lc" before any locale is set, which writes the low byte
 * of the code point: -é gives 0xE9, -€ gives 0xAC, a stray 0xFF gives 0xFF.
 * *len is how many bytes of `s` the character took. */
static unsigned char option_char_byte(const char *s, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    int n = u[0] >= 0xF0 && u[0] < 0xF5 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 1;
    if (u[0] < 0x80 || n == 1) {
        *len = 1;
        return u[0];
    }
    unsigned cp = u[0] & (0x7F >> n);
    for (int k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            *len = 1; /* invalid sequence: the byte is escaped on its own */
            return u[0];
        }
        cp = cp << 6 | (u[k] & 0x3F);
    }
    *len = n;
    return (unsigned char)(cp & 0xFF);
}

static void *grow(const char ***arr, int n)
{
    /* Arrays grow one slot at a time; command lines are short. */
    const char **bigger = realloc(*arr, (size_t)(n + 1) * sizeof **arr);
    if (bigger)
        *arr = bigger;
    return bigger;
}

/* Everything after the options are parsed: -X and environment values,
 * warn options, validation.  `oom` reports allocation failure. */
static KrCmdlineResult finish(Parser *p, int *exit_status, bool *oom)
{
    KrCmdline *cfg = p->cfg;
    const char *v;

    /* UTF-8 mode is settled first in CPython (its "preconfig"), so its
     * errors win even over -V. */
    if (xoption(cfg, "utf8", &v)) {
        if (!v || strcmp(v, "1") == 0)
            cfg->utf8_mode = 1;
        else if (strcmp(v, "0") == 0)
            cfg->utf8_mode = 0;
        else
            return fatal(p, "preconfig_init_utf8_mode: invalid -X utf8 option value",
                         "preinitializing", exit_status);
    } else if ((v = cfg_env(p, "PYTHONUTF8"))) {
        if (strcmp(v, "1") == 0)
            cfg->utf8_mode = 1;
        else if (strcmp(v, "0") == 0)
            cfg->utf8_mode = 0;
        else
            return fatal(p,
                         "preconfig_init_utf8_mode: invalid PYTHONUTF8 environment variable value",
                         "preinitializing", exit_status);
    }

    if (cfg->version) {
        fprintf(p->out, "%s\n", kr_cmdline_version_line(cfg->version));
        *exit_status = 0;
        return KR_CMDLINE_EXIT;
    }

    env_flag(p, "PYTHONDEBUG", &cfg->debug);
    env_flag(p, "PYTHONVERBOSE", &cfg->verbose);
    env_flag(p, "PYTHONOPTIMIZE", &cfg->optimize);
    env_flag(p, "PYTHONINSPECT", &cfg->inspect);
    int flag = cfg->dont_write_bytecode;
    env_flag(p, "PYTHONDONTWRITEBYTECODE", &flag);
    cfg->dont_write_bytecode = flag > 0;
    flag = cfg->no_user_site;
    env_flag(p, "PYTHONNOUSERSITE", &flag);
    cfg->no_user_site = flag > 0;
    flag = cfg->unbuffered;
    env_flag(p, "PYTHONUNBUFFERED", &flag);
    cfg->unbuffered = flag > 0;
    if (cfg_env(p, "PYTHONSAFEPATH"))
        cfg->safe_path = true;
    if (xoption(cfg, "dev", &v) || cfg_env(p, "PYTHONDEVMODE"))
        cfg->dev_mode = true;
    if (xoption(cfg, "warn_default_encoding", &v) || cfg_env(p, "PYTHONWARNDEFAULTENCODING"))
        cfg->warn_default_encoding = 1;
    if (xoption(cfg, "importtime", &v) || cfg_env(p, "PYTHONPROFILEIMPORTTIME"))
        cfg->import_time = true;
    if (xoption(cfg, "faulthandler", &v) || cfg_env(p, "PYTHONFAULTHANDLER") || cfg->dev_mode)
        cfg->fault_handler = true;
    if (xoption(cfg, "no_debug_ranges", &v) || cfg_env(p, "PYTHONNODEBUGRANGES"))
        cfg->no_debug_ranges = true;
    if (xoption(cfg, "pycache_prefix", &v))
        cfg->pycache_prefix = v;
    else
        cfg->pycache_prefix = cfg_env(p, "PYTHONPYCACHEPREFIX");

    cfg->krait_path = cfg_env(p, "KRAIT_PATH");
    cfg->python_path = cfg_env(p, "PYTHONPATH");
    cfg->python_home = cfg_env(p, "PYTHONHOME");
    cfg->io_encoding = cfg_env(p, "PYTHONIOENCODING");
    cfg->startup = cfg_env(p, "PYTHONSTARTUP");

    /* The remaining checks in CPython's order, so that with several bad
     * values the same one is reported. */
    if ((v = cfg_env(p, "PYTHONHASHSEED")) && strcmp(v, "random") != 0) {
        char *end;
        errno = 0;
        unsigned long long seed = strtoull(v, &end, 10);
        if (*v == '-' || *v == '+' || end == v || *end || errno == ERANGE ||
            seed > 4294967295ULL)
            return fatal(p,
                         "config_init_hash_seed: PYTHONHASHSEED must be \"random\" or an integer "
                         "in range [0; 4294967295]",
                         "preinitialized", exit_status);
        cfg->use_hash_seed = true;
        cfg->hash_seed = (unsigned long)seed;
        cfg->hash_randomization = seed != 0;
    }

    int n;
    if (xoption(cfg, "tracemalloc", &v)) {
        if (!v)
            n = 1;
        else if (!parse_int(v, &n) || n < 0)
            return fatal(p, "config_init_tracemalloc: -X tracemalloc=NFRAME: invalid number of "
                            "frames",
                         "preinitialized", exit_status);
        cfg->tracemalloc = n;
    } else if ((v = cfg_env(p, "PYTHONTRACEMALLOC"))) {
        if (!parse_int(v, &n) || n < 0)
            return fatal(p, "config_init_tracemalloc: PYTHONTRACEMALLOC: invalid number of frames",
                         "preinitialized", exit_status);
        cfg->tracemalloc = n;
    }

    if (xoption(cfg, "int_max_str_digits", &v)) {
        if (!v || !parse_int(v, &n) || (n != 0 && n < 640))
            return fatal(p, "config_init_int_max_str_digits: -X int_max_str_digits: invalid "
                            "limit; must be >= 640 or 0 for unlimited.",
                         "preinitialized", exit_status);
        cfg->int_max_str_digits = n;
    } else if ((v = cfg_env(p, "PYTHONINTMAXSTRDIGITS"))) {
        if (!parse_int(v, &n) || (n != 0 && n < 640))
            return fatal(p, "config_init_int_max_str_digits: PYTHONINTMAXSTRDIGITS: invalid "
                            "limit; must be >= 640 or 0 for unlimited.",
                         "preinitialized", exit_status);
        cfg->int_max_str_digits = n;
    }

    if (xoption(cfg, "frozen_modules", &v) && v && strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
        return fatal(p, "bad value for option -X frozen_modules (expected \"on\" or \"off\")",
                     "preinitialized", exit_status);

    /* sys.warnoptions: dev mode's "default", then PYTHONWARNINGS split on
     * commas (empty items dropped), then -W in order, then -b's filter. */
    const char *pw = cfg_env(p, "PYTHONWARNINGS");
    size_t max = (size_t)p->nwopts + 2 + (pw ? strlen(pw) / 2 + 1 : 0);
    cfg->warnoptions = malloc(max * sizeof *cfg->warnoptions);
    if (!cfg->warnoptions) {
        *oom = true;
        return KR_CMDLINE_EXIT;
    }
    if (cfg->dev_mode)
        cfg->warnoptions[cfg->nwarnoptions++] = "default";
    if (pw) {
        cfg->storage = strdup(pw);
        if (!cfg->storage) {
            *oom = true;
            return KR_CMDLINE_EXIT;
        }
        for (char *s = cfg->storage;;) {
            char *comma = strchr(s, ',');
            if (comma)
                *comma = '\0';
            if (*s)
                cfg->warnoptions[cfg->nwarnoptions++] = s;
            if (!comma)
                break;
            s = comma + 1;
        }
    }
    for (int i = 0; i < p->nwopts; i++)
        cfg->warnoptions[cfg->nwarnoptions++] = p->wopts[i];
    if (cfg->bytes_warning == 1)
        cfg->warnoptions[cfg->nwarnoptions++] = "default::BytesWarning";
    else if (cfg->bytes_warning > 1)
        cfg->warnoptions[cfg->nwarnoptions++] = "error::BytesWarning";
    return KR_CMDLINE_RUN;
}

/* Handles one long option (arg starts with "--" and is not "--"). */
static KrCmdlineResult long_option(Parser *p, int *i, int *exit_status)
{
    const char *name = p->argv[*i] + 2;
    KrCmdline *cfg = p->cfg;
    if (strcmp(name, "help") == 0)
        return help_exit(p, CMDLINE_HELP_OPTIONS, true, exit_status);
    if (strcmp(name, "help-env") == 0)
        return help_exit(p, CMDLINE_HELP_ENV, false, exit_status);
    if (strcmp(name, "help-xoptions") == 0)
        return help_exit(p, CMDLINE_HELP_XOPTIONS, false, exit_status);
    if (strcmp(name, "help-all") == 0)
        return help_exit(p, CMDLINE_HELP_ALL, true, exit_status);
    if (strcmp(name, "version") == 0) {
        cfg->version++;
        return KR_CMDLINE_RUN;
    }
    if (strcmp(name, "check-hash-based-pycs") == 0) {
        if (*i + 1 >= p->argc) {
            fputs("Argument expected for the --check-hash-based-pycs options\n", p->err);
            return usage_error(p, exit_status);
        }
        const char *mode = p->argv[++*i];
        if (strcmp(mode, "always") == 0)
            cfg->check_hash_pycs = KR_HASH_PYCS_ALWAYS;
        else if (strcmp(mode, "never") == 0)
            cfg->check_hash_pycs = KR_HASH_PYCS_NEVER;
        else if (strcmp(mode, "default") == 0)
            cfg->check_hash_pycs = KR_HASH_PYCS_DEFAULT;
        else {
            fputs("--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n",
                  p->err);
            return usage_error(p, exit_status);
        }
        return KR_CMDLINE_RUN;
    }
    fprintf(p->err, "unknown option %s\n", p->argv[*i]);
    return usage_error(p, exit_status);
}

KrCmdlineResult kr_cmdline_parse(KrCmdline *cfg, int argc, char **argv, char **envp, FILE *out,
                                 FILE *err, int *exit_status)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->hash_randomization = 1;
    cfg->utf8_mode = -1;
    cfg->int_max_str_digits = -1;
    cfg->run = KR_RUN_STDIN;
    Parser p = {cfg, argc, argv, envp, out, err, argc > 0 ? argv[0] : "krait", NULL, 0};
    KrCmdlineResult result = KR_CMDLINE_EXIT;
    bool oom = false;

    int i = 1;
    bool stop = false; /* options ended inside a cluster (-c, -m, `-E-`) */
    while (!stop && i < argc) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0')
            break; /* a script path, or `-` for stdin */
        if (arg[1] == '-') {
            if (arg[2] == '\0') {
                i++;
                break;
            }
            if (long_option(&p, &i, exit_status) == KR_CMDLINE_EXIT)
                goto done;
            i++;
            continue;
        }
        for (int j = 1; arg[j] && !stop;) {
            char c = arg[j++];
            const char *value = NULL;
            if (c == 'c' || c == 'm' || c == 'W' || c == 'X') {
                /* The value is the rest of this argument, else the next one,
                 * whatever it looks like (`-c -x` runs "-x"). */
                if (arg[j])
                    value = arg + j;
                else if (i + 1 < argc)
                    value = argv[++i];
                else {
                    fprintf(err, "Argument expected for the -%c option\n", c);
                    usage_error(&p, exit_status);
                    goto done;
                }
            }
            switch (c) {
            case 'b': cfg->bytes_warning++; break;
            case 'B': cfg->dont_write_bytecode = 1; break;
            case 'd': cfg->debug++; break;
            case 'E': cfg->ignore_environment = 1; break;
            case 'i': cfg->inspect++; cfg->interactive++; break;
            case 'I':
                cfg->isolated = 1;
                cfg->ignore_environment = 1;
                cfg->no_user_site = 1;
                cfg->safe_path = true;
                break;
            case 'O': cfg->optimize++; break;
            case 'P': cfg->safe_path = true; break;
            case 'q': cfg->quiet = 1; break;
            case 'R': break; /* hash randomization is always on since 3.3 */
            case 's': cfg->no_user_site = 1; break;
            case 'S': cfg->no_site = 1; break;
            case 't': break; /* python3.11 still accepts and ignores it */
            case 'u': cfg->unbuffered = true; break;
            case 'v': cfg->verbose++; break;
            case 'V': cfg->version++; break;
            case 'x': cfg->skip_first_line = true; break;
            case 'h':
            case '?':
                help_exit(&p, CMDLINE_HELP_OPTIONS, true, exit_status);
                goto done;
            case 'c':
                cfg->run = KR_RUN_COMMAND;
                cfg->run_command = value;
                stop = true;
                break;
            case 'm':
                cfg->run = KR_RUN_MODULE;
                cfg->run_module = value;
                stop = true;
                break;
            case 'W':
                if (!grow(&p.wopts, p.nwopts)) {
                    oom = true;
                    goto done;
                }
                p.wopts[p.nwopts++] = value;
                j = (int)strlen(arg); /* the value used up the argument */
                break;
            case 'X':
                if (!grow(&cfg->xoptions, cfg->nxoptions)) {
                    oom = true;
                    goto done;
                }
                cfg->xoptions[cfg->nxoptions++] = value;
                j = (int)strlen(arg);
                break;
            case 'J':
                fputs("-J is reserved for Jython\n", err);
                usage_error(&p, exit_status);
                goto done;
            case '-':
                if (arg[j] == '\0') {
                    /* CPython's quirk: the message, then the options end. */
                    fputs("expected long option\n", err);
                    stop = true;
                    break;
                }
                fprintf(err, "unknown option %s\n", arg);
                usage_error(&p, exit_status);
                goto done;
            default: {
                int len;
                fprintf(err, "Unknown option: -%c\n", option_char_byte(arg + j - 1, &len));
                usage_error(&p, exit_status);
                goto done;
            }
            }
        }
        i++;
    }

    /* sys.argv: the program slot, then every argument after it. */
    const char *argv0 = "";
    if (cfg->run == KR_RUN_COMMAND)
        argv0 = "-c";
    else if (cfg->run == KR_RUN_MODULE)
        argv0 = "-m";
    else if (i < argc) {
        argv0 = argv[i++];
        if (strcmp(argv0, "-") != 0) {
            cfg->run = KR_RUN_FILE;
            cfg->run_filename = argv0;
        }
    }
    cfg->argv = malloc((size_t)(argc - i + 1) * sizeof *cfg->argv);
    if (!cfg->argv) {
        oom = true;
        goto done;
    }
    cfg->argv[cfg->argc++] = argv0;
    while (i < argc)
        cfg->argv[cfg->argc++] = argv[i++];

    result = finish(&p, exit_status, &oom);

done:
    free(p.wopts);
    if (oom) {
        fputs("krait: out of memory while parsing the command line\n", err);
        *exit_status = 1;
        result = KR_CMDLINE_EXIT;
    }
    return result;
}

void kr_cmdline_free(KrCmdline *cfg)
{
    free(cfg->argv);
    free(cfg->warnoptions);
    free(cfg->xoptions);
    free(cfg->storage);
    cfg->argv = NULL;
    cfg->warnoptions = NULL;
    cfg->xoptions = NULL;
    cfg->storage = NULL;
}
