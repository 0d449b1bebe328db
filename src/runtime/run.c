/* Compiling source to code objects, running the main program, and
 * printing uncaught exceptions exactly as CPython 3.11 does. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile/checks.h"
#include "compile/codegen.h"
#include "compile/symtable.h"
#include "parse/parser.h"
#include "runtime/runtime.h"
#include "runtime/traceback_fmt.h"

void kr_flush_std_streams(KrThread *t);

/* Raises SyntaxError (or its subclass) from the front end's error record. */
static KrValue raise_syntax_error(KrThread *t, const SyntaxErrorInfo *err, const char *filename, const char *src,
                                  size_t len)
{
    if (err->kind == SYNERR_NOMEM)
        return kr_no_memory(t);
    if (err->kind == SYNERR_RECURSION)
        return kr_raise_fmt(t, kr_exc_type(t, RecursionError), "%s", err->msg);
    KrType *type = kr_exc_type(t, SyntaxError);
    const char *cls = syntax_error_class(err->kind);
    if (strcmp(cls, "IndentationError") == 0)
        type = kr_exc_type(t, IndentationError);
    else if (strcmp(cls, "TabError") == 0)
        type = kr_exc_type(t, TabError);
    /* The offending line's text, as CPython includes it. */
    KrValue text = KR_NONE;
    const char *line = src;
    for (int i = 1; i < err->lineno && line; i++) {
        const char *nl = memchr(line, '\n', (size_t)(src + len - line));
        line = nl ? nl + 1 : NULL;
    }
    if (err->text) {
        text = kr_str_from_cstr(t, err->text);
    } else if (line && err->lineno > 0) {
        const char *end = memchr(line, '\n', (size_t)(src + len - line));
        size_t n = end ? (size_t)(end - line) + 1 : (size_t)(src + len - line);
        text = kr_str_from_utf8(t, line, n);
        if (text == KR_ERROR) {
            kr_err_clear(t);
            text = KR_NONE;
        }
    }
    /* Columns: 1-based character offsets. */
    long offset = err->col_offset + 1, end_offset = err->end_lineno ? err->end_col_offset + 1 : 0;
    if (text != KR_NONE && (err->byte_offsets || true)) {
        size_t tl;
        const char *tu = kr_str_utf8(t, text, &tl);
        if (tu) {
            long chars = 0;
            for (long b = 0; b < (long)tl && b < err->col_offset; b++)
                if ((tu[b] & 0xC0) != 0x80)
                    chars++;
            offset = chars + 1;
            if (end_offset && err->end_lineno == err->lineno) {
                long echars = 0;
                for (long b = 0; b < (long)tl && b < err->end_col_offset; b++)
                    if ((tu[b] & 0xC0) != 0x80)
                        echars++;
                end_offset = echars + 1;
            }
        }
    }
    KrValue msg = kr_str_from_cstr(t, err->msg);
    KrValue fname = kr_str_from_cstr(t, filename);
    KrValue details = kr_tuple_pack(t, 6, fname, kr_smallint(err->lineno), kr_smallint(offset), text,
                                    err->end_lineno ? kr_smallint(err->end_lineno) : KR_NONE,
                                    err->end_lineno ? kr_smallint(end_offset) : KR_NONE);
    KrValue args = kr_tuple_pack(t, 2, msg, details);
    kr_decref(t, msg);
    kr_decref(t, fname);
    kr_decref(t, text);
    kr_decref(t, details);
    if (args == KR_ERROR)
        return args;
    kr_raise_args(t, type, args);
    kr_decref(t, args);
    return KR_ERROR;
}

KrValue kr_compile_source(KrThread *t, const char *src, size_t len, const char *filename, const char *mode,
                          bool from_file)
{
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    SourceOptions opts = {0};
    opts.origin = from_file ? SOURCE_FROM_FILE : SOURCE_FROM_STRING;
    opts.stdlib_dir = SOURCE_DEFAULT_STDLIB_DIR;
    ParseMode pmode = strcmp(mode, "eval") == 0 ? PARSE_EVAL : strcmp(mode, "single") == 0 ? PARSE_SINGLE : PARSE_EXEC;
    Tokenizer tok;
    AstNode *mod = parse_source_with(&arena, src, len, filename, pmode, &opts, &err, &tok);
    KrValue code = KR_ERROR;
    if (!mod) {
        raise_syntax_error(t, &err, filename, src, len);
        goto done;
    }
    SymTable *st = symtable_build(&arena, mod, &err);
    if (!st) {
        raise_syntax_error(t, &err, filename, src, len);
        goto done;
    }
    if (mod->kind == AST_Module && compile_checks(mod, st, &err, NULL) < 0) {
        raise_syntax_error(t, &err, filename, src, len);
        goto done;
    }
    code = kr_codegen(t, &arena, mod, st, filename,
                      pmode == PARSE_EVAL ? COMPILE_EVAL : pmode == PARSE_SINGLE ? COMPILE_SINGLE : COMPILE_EXEC);
done:
    arena_free(&arena);
    return code;
}

/* ---- printing exceptions ---- */

typedef struct {
    char *data;
    size_t len, cap;
} OutBuf;

static int out_write(void *ctx, const char *data, size_t len)
{
    OutBuf *b = ctx;
    if (b->len + len > b->cap) {
        size_t cap = (b->len + len) * 2 + 256;
        char *nd = realloc(b->data, cap);
        if (!nd)
            return -1;
        b->data = nd;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

static void out_str(OutBuf *b, const char *s) { out_write(b, s, strlen(s)); }

typedef struct {
    char *path;
    char *text;
    size_t len;
} SourceCache;

static const char *source_line(void *ctx, const char *filename, int lineno, size_t *len)
{
    SourceCache *c = ctx;
    if (!c->path || strcmp(c->path, filename) != 0) {
        free(c->path);
        free(c->text);
        c->path = strdup(filename);
        c->text = NULL;
        c->len = 0;
        FILE *f = fopen(filename, "rb");
        if (f) {
            size_t cap = 65536, n = 0;
            char *buf = malloc(cap);
            while (buf) {
                size_t r = fread(buf + n, 1, cap - n, f);
                n += r;
                if (n < cap)
                    break;
                cap *= 2;
                char *nb = realloc(buf, cap);
                if (!nb)
                    free(buf);
                buf = nb;
            }
            fclose(f);
            c->text = buf;
            c->len = n;
        }
    }
    if (!c->text || lineno < 1)
        return NULL;
    const char *p = c->text, *end = c->text + c->len;
    for (int i = 1; i < lineno; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r')
        n--;
    *len = n;
    return p;
}

static void write_traceback(KrThread *t, KrValue tb, OutBuf *out, SourceCache *cache)
{
    size_t n = 0;
    for (KrValue x = tb; kr_is_ptr(x); ) {
        KrValue next;
        KrCode *co;
        int line;
        KrPosition pos;
        kr_traceback_entry(t, x, &next, &co, &line, &pos);
        n++;
        x = next;
    }
    if (n == 0)
        return;
    TbFrame *frames = calloc(n, sizeof(TbFrame));
    if (!frames)
        return;
    size_t i = 0;
    for (KrValue x = tb; kr_is_ptr(x) && i < n; i++) {
        KrValue next;
        KrCode *co;
        int line;
        KrPosition pos;
        kr_traceback_entry(t, x, &next, &co, &line, &pos);
        frames[i].filename = kr_str_utf8(t, co->filename, NULL);
        frames[i].name = kr_str_utf8(t, co->name, NULL);
        if (!frames[i].filename)
            frames[i].filename = "?";
        if (!frames[i].name)
            frames[i].name = "?";
        frames[i].lineno = line;
        frames[i].pos = (TbPosition){pos.lineno, pos.end_lineno, pos.col, pos.end_col};
        x = next;
    }
    kr_err_clear(t);
    long limit = TB_DEFAULT_LIMIT;
    if (kr_is_ptr(t->vm->sys)) {
        KrValue lim = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "tracebacklimit");
        if (lim != KR_ABSENT && lim != KR_ERROR && kr_is_int(t, lim)) {
            int64_t l;
            if (kr_int_as_i64(t, lim, &l) == 0)
                limit = (long)l;
            else
                kr_err_clear(t);
        }
        kr_err_clear(t);
    }
    tb_write_traceback(frames, n, limit, source_line, cache, out_write, out);
    free(frames);
}

/* "module.Name" unless the class lives in builtins or __main__. */
static void write_exception_type(KrThread *t, KrValue exc, OutBuf *out)
{
    KrType *tp = kr_type(t, exc);
    KrValue mod = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_module));
    if (mod == KR_ERROR) {
        kr_err_clear(t);
        out_str(out, "<unknown>");
    } else if (kr_is_str(t, mod) && !kr_str_equal_cstr(mod, "builtins") && !kr_str_equal_cstr(mod, "__main__")) {
        const char *m = kr_str_utf8(t, mod, NULL);
        out_str(out, m ? m : "?");
        out_str(out, ".");
    }
    kr_xdecref(t, mod);
    KrValue qn = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_qualname));
    if (qn == KR_ERROR || !kr_is_str(t, qn)) {
        kr_err_clear(t);
        out_str(out, tp->name);
    } else {
        const char *q = kr_str_utf8(t, qn, NULL);
        out_str(out, q ? q : tp->name);
    }
    kr_xdecref(t, qn);
}

static void write_str_of(KrThread *t, KrValue v, OutBuf *out, const char *fallback)
{
    KrValue s = kr_str(t, v);
    if (s == KR_ERROR) {
        kr_err_clear(t);
        out_str(out, fallback);
        return;
    }
    size_t n;
    const char *u = kr_str_utf8(t, s, &n);
    if (!u) {
        kr_err_clear(t);
        KrValue a = kr_ascii(t, s);
        if (a != KR_ERROR && (u = kr_str_utf8(t, a, &n)) != NULL)
            out_write(out, u + 1, n - 2);
        kr_xdecref(t, a);
        kr_err_clear(t);
    } else {
        out_write(out, u, n);
    }
    kr_decref(t, s);
}

static void write_syntax_error(KrThread *t, KrValue exc, OutBuf *out)
{
    KrValue fname, lineno, offset, text, end_offset;
    if (kr_lookup_attr(t, exc, kr_name(t, filename), &fname) <= 0)
        fname = KR_NONE;
    if (kr_lookup_attr(t, exc, kr_name(t, lineno), &lineno) <= 0)
        lineno = KR_NONE;
    if (kr_lookup_attr(t, exc, kr_name(t, offset), &offset) <= 0)
        offset = KR_NONE;
    if (kr_lookup_attr(t, exc, kr_name(t, text), &text) <= 0)
        text = KR_NONE;
    if (kr_lookup_attr(t, exc, kr_name(t, end_offset), &end_offset) <= 0)
        end_offset = KR_NONE;
    kr_err_clear(t);
    out_str(out, "  File \"");
    if (kr_is_str(t, fname))
        write_str_of(t, fname, out, "<string>");
    else
        out_str(out, "<string>");
    out_str(out, "\", line ");
    char buf[64];
    int64_t ln = 0;
    if (kr_is_int(t, lineno) && kr_int_as_i64(t, lineno, &ln) == 0) {
        snprintf(buf, sizeof buf, "%lld", (long long)ln);
        out_str(out, buf);
    }
    out_str(out, "\n");
    if (kr_is_str(t, text)) {
        KrStr *s = kr_as_str(text);
        size_t start = 0, end = s->len;
        while (end > 0 && (kr_str_char(s, end - 1) == '\n' || kr_str_char(s, end - 1) == '\r'))
            end--;
        while (start < end && (kr_str_char(s, start) == ' ' || kr_str_char(s, start) == '\t' ||
                               kr_str_char(s, start) == '\f'))
            start++;
        KrValue line = kr_str_substr(t, text, start, end);
        if (line != KR_ERROR) {
            out_str(out, "    ");
            write_str_of(t, line, out, "");
            out_str(out, "\n");
            kr_decref(t, line);
            int64_t off = 0, eoff = 0;
            if (kr_is_int(t, offset) && kr_int_as_i64(t, offset, &off) == 0 && off > 0) {
                if (!(kr_is_int(t, end_offset) && kr_int_as_i64(t, end_offset, &eoff) == 0) || eoff <= off)
                    eoff = off + 1;
                int64_t col = off - 1 - (int64_t)start;
                int64_t ecol = eoff - 1 - (int64_t)start;
                if (col < 0)
                    col = 0;
                if (col > (int64_t)(end - start))
                    col = (int64_t)(end - start);
                if (ecol > (int64_t)(end - start) + 1)
                    ecol = (int64_t)(end - start) + 1;
                if (ecol <= col)
                    ecol = col + 1;
                out_str(out, "    ");
                for (int64_t i = 0; i < col; i++)
                    out_str(out, " ");
                for (int64_t i = col; i < ecol; i++)
                    out_str(out, "^");
                out_str(out, "\n");
            }
        }
    }
    kr_err_clear(t);
    kr_xdecref(t, fname);
    kr_xdecref(t, lineno);
    kr_xdecref(t, offset);
    kr_xdecref(t, text);
    kr_xdecref(t, end_offset);
}

static void write_exception_line(KrThread *t, KrValue exc, OutBuf *out)
{
    bool is_syntax = kr_type_check(t, exc, kr_exc_type(t, SyntaxError));
    if (is_syntax)
        write_syntax_error(t, exc, out);
    write_exception_type(t, exc, out);
    KrValue msg;
    if (is_syntax) {
        if (kr_lookup_attr(t, exc, kr_name(t, msg), &msg) <= 0) {
            kr_err_clear(t);
            msg = kr_str(t, exc);
        }
    } else {
        msg = kr_str(t, exc);
    }
    if (msg == KR_ERROR) {
        kr_err_clear(t);
        out_str(out, ": <exception str() failed>");
    } else {
        if (!kr_is_str(t, msg) || kr_as_str(msg)->len > 0) {
            out_str(out, ": ");
            write_str_of(t, msg, out, "<exception str() failed>");
        }
        kr_decref(t, msg);
    }
    KrValue sugg = kr_suggestion_for(t, exc);
    if (sugg != KR_ERROR && sugg != KR_ABSENT) {
        out_str(out, ". Did you mean: '");
        write_str_of(t, sugg, out, "");
        out_str(out, "'?");
        kr_decref(t, sugg);
    }
    kr_err_clear(t);
    out_str(out, "\n");
    /* __notes__ */
    KrValue *dp = kr_instance_dict_ptr(t, exc);
    if (dp && kr_is_ptr(*dp)) {
        KrValue notes = kr_dict_get(t, *dp, kr_name(t, dunder_notes));
        if (notes != KR_ABSENT && notes != KR_ERROR) {
            if (kr_is_list(t, notes) || kr_is_tuple(t, notes)) {
                KrValue list = kr_list_from_iterable(t, notes);
                for (size_t i = 0; list != KR_ERROR && i < kr_as_list(list)->len; i++) {
                    KrValue note = kr_as_list(list)->items[i];
                    if (kr_is_str(t, note)) {
                        write_str_of(t, note, out, "");
                    } else {
                        KrValue r = kr_repr(t, note);
                        if (r != KR_ERROR) {
                            write_str_of(t, r, out, "");
                            kr_decref(t, r);
                        } else {
                            out_str(out, "<note str() failed>");
                        }
                    }
                    out_str(out, "\n");
                }
                kr_xdecref(t, list);
            } else {
                KrValue r = kr_repr(t, notes);
                if (r != KR_ERROR) {
                    write_str_of(t, r, out, "");
                    kr_decref(t, r);
                }
                out_str(out, "\n");
            }
        }
        kr_err_clear(t);
    }
}

static void write_chain(KrThread *t, KrValue exc, OutBuf *out, SourceCache *cache, KrValue seen)
{
    if (kr_list_append(t, seen, exc) < 0) {
        kr_err_clear(t);
        return;
    }
    if (kr_is_exception(t, exc)) {
        KrBaseException *e = kr_as_exception(exc);
        KrValue cause = e->cause, ctx = e->context;
        if (kr_is_exception(t, cause)) {
            bool found = false;
            for (size_t i = 0; i < kr_as_list(seen)->len; i++)
                if (kr_as_list(seen)->items[i] == cause)
                    found = true;
            if (!found) {
                write_chain(t, cause, out, cache, seen);
                out_str(out, "\nThe above exception was the direct cause of the following exception:\n\n");
            }
        } else if (kr_is_exception(t, ctx) && !e->suppress_context) {
            bool found = false;
            for (size_t i = 0; i < kr_as_list(seen)->len; i++)
                if (kr_as_list(seen)->items[i] == ctx)
                    found = true;
            if (!found) {
                write_chain(t, ctx, out, cache, seen);
                out_str(out, "\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        KrValue tb = e->traceback;
        if (kr_is_ptr(tb))
            write_traceback(t, tb, out, cache);
    }
    write_exception_line(t, exc, out);
}

static void write_to_stderr(KrThread *t, const char *data, size_t len)
{
    if (kr_is_ptr(t->vm->sys)) {
        KrValue err = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "stderr");
        if (err != KR_ABSENT && err != KR_ERROR && err != KR_NONE) {
            KrValue s = kr_str_from_utf8(t, data, len);
            if (s != KR_ERROR) {
                KrValue r = kr_call_method(t, err, kr_name(t, write), &s, 1);
                kr_decref(t, s);
                if (r != KR_ERROR) {
                    kr_decref(t, r);
                    KrValue f = kr_call_method(t, err, kr_name(t, flush), NULL, 0);
                    if (f != KR_ERROR)
                        kr_decref(t, f);
                    kr_err_clear(t);
                    return;
                }
            }
            kr_err_clear(t);
        }
    }
    kr_err_clear(t);
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(2, data + off, len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
}

void kr_display_exception(KrThread *t, KrValue exc)
{
    OutBuf out = {0};
    SourceCache cache = {0};
    KrValue seen = kr_list_new(t, 0);
    if (seen == KR_ERROR) {
        kr_err_clear(t);
        return;
    }
    KrValue saved = kr_err_fetch(t);
    write_chain(t, exc, &out, &cache, seen);
    kr_decref(t, seen);
    kr_flush_std_streams(t);
    write_to_stderr(t, out.data ? out.data : "", out.len);
    free(out.data);
    free(cache.path);
    free(cache.text);
    kr_err_clear(t);
    t->exc = saved;
}

void kr_print_exception(KrThread *t)
{
    KrValue exc = kr_err_fetch(t);
    if (exc == KR_ABSENT)
        return;
    /* sys.excepthook, when replaced by the program. */
    if (kr_is_ptr(t->vm->sys)) {
        KrValue d = ((KrModule *)kr_as_ptr(t->vm->sys))->dict;
        KrValue hook = kr_dict_get_cstr(t, d, "excepthook");
        KrValue orig = kr_dict_get_cstr(t, d, "__excepthook__");
        if (hook != KR_ABSENT && hook != KR_ERROR && hook != orig) {
            KrValue args[3] = {kr_ptr(kr_type(t, exc)), exc, kr_exception_traceback(exc)};
            KrValue r = kr_call(t, hook, args, 3, 0);
            if (r != KR_ERROR) {
                kr_decref(t, r);
                kr_decref(t, exc);
                return;
            }
            KrValue e2 = kr_err_fetch(t);
            write_to_stderr(t, "Error in sys.excepthook:\n", 25);
            kr_display_exception(t, e2);
            write_to_stderr(t, "\nOriginal exception was:\n", 25);
            kr_decref(t, e2);
        }
        kr_err_clear(t);
    }
    kr_display_exception(t, exc);
    kr_decref(t, exc);
}

/* The exit status for SystemExit, printing its message when it is not an
 * int (CPython's handle_system_exit). */
static int system_exit_status(KrThread *t, KrValue exc)
{
    KrValue code;
    int r = kr_lookup_attr(t, exc, kr_name(t, code), &code);
    if (r <= 0) {
        kr_err_clear(t);
        KrValue args = kr_exception_args(exc);
        code = kr_tuple_len(args) ? kr_incref(kr_tuple_items(args)[0]) : KR_NONE;
    }
    int status = 0;
    if (code == KR_NONE) {
        status = 0;
    } else if (kr_is_int(t, code)) {
        int64_t v;
        if (kr_int_as_i64(t, code, &v) < 0) {
            kr_err_clear(t);
            v = -1;
        }
        status = (int)v;
    } else {
        kr_flush_std_streams(t);
        OutBuf out = {0};
        write_str_of(t, code, &out, "");
        out_str(&out, "\n");
        write_to_stderr(t, out.data, out.len);
        free(out.data);
        status = 1;
    }
    kr_decref(t, code);
    return status;
}

static int handle_uncaught(KrThread *t)
{
    if (kr_err_matches(t, kr_exc_type(t, SystemExit))) {
        KrValue exc = kr_err_fetch(t);
        int st = system_exit_status(t, exc);
        kr_decref(t, exc);
        return st;
    }
    kr_print_exception(t);
    return 1;
}

static KrValue main_module(KrThread *t)
{
    KrValue name = kr_str_intern_cstr(t, "__main__");
    KrValue m = kr_module_new(t, name);
    if (m == KR_ERROR)
        return m;
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    if (kr_dict_set(t, d, kr_name(t, dunder_builtins), t->vm->builtins) < 0 ||
        kr_dict_set(t, t->vm->modules, name, m) < 0) {
        kr_decref(t, m);
        m = KR_ERROR;
    }
    kr_decref(t, name);
    return m;
}

static int run_code_in_main(KrThread *t, KrValue code, KrValue m)
{
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    KrValue r = kr_eval_code(t, code, d, d);
    int status = 0;
    if (r == KR_ERROR)
        status = handle_uncaught(t);
    else
        kr_decref(t, r);
    kr_flush_std_streams(t);
    return status;
}

int kr_run_main_file(KrThread *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "krait: can't open file '%s': [Errno 2] No such file or directory\n", path);
        return 2;
    }
    size_t cap = 65536, len = 0;
    char *src = malloc(cap + 1);
    while (src) {
        size_t r = fread(src + len, 1, cap - len, f);
        len += r;
        if (len < cap)
            break;
        cap *= 2;
        char *ns = realloc(src, cap + 1);
        if (!ns)
            free(src);
        src = ns;
    }
    fclose(f);
    if (!src) {
        fprintf(stderr, "krait: out of memory\n");
        return 1;
    }
    src[len] = '\0';
    KrValue m = main_module(t);
    if (m == KR_ERROR) {
        free(src);
        return handle_uncaught(t);
    }
    KrValue file = kr_str_from_cstr(t, path);
    if (file != KR_ERROR) {
        kr_module_add(t, m, "__file__", file);
        kr_decref(t, file);
    }
    kr_err_clear(t);
    /* Syntax errors of the main file are printed as `python3.11 FILE`
     * prints them (the front end's printer reads the file like CPython). */
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    Tokenizer tok;
    AstNode *mod = parse_source(&arena, src, len, path, PARSE_EXEC, &err, &tok);
    SymTable *st = mod ? symtable_build(&arena, mod, &err) : NULL;
    CompileWarnings warnings = {0};
    int cr = st ? compile_checks(mod, st, &err, &warnings) : -1;
    if (warnings.n) {
        fflush(stdout);
        compile_warnings_print(stderr, path, &warnings, tok.buf, tok.buf_end,
                               len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0);
    }
    compile_warnings_free(&warnings);
    if (cr < 0) {
        if (err.kind == SYNERR_NOMEM || err.kind == SYNERR_RECURSION) {
            raise_syntax_error(t, &err, path, src, len);
            arena_free(&arena);
            free(src);
            kr_decref(t, m);
            return handle_uncaught(t);
        }
        fflush(stdout);
        syntax_error_print_file(stderr, path, &err, src, len, &tok);
        arena_free(&arena);
        free(src);
        kr_decref(t, m);
        return 1;
    }
    KrValue code = kr_codegen(t, &arena, mod, st, path, COMPILE_EXEC);
    arena_free(&arena);
    free(src);
    if (code == KR_ERROR) {
        kr_decref(t, m);
        return handle_uncaught(t);
    }
    int status = run_code_in_main(t, code, m);
    kr_decref(t, code);
    kr_decref(t, m);
    return status;
}

int kr_run_main_string(KrThread *t, const char *src)
{
    KrValue m = main_module(t);
    if (m == KR_ERROR)
        return handle_uncaught(t);
    KrValue code = kr_compile_source(t, src, strlen(src), "<string>", "exec", false);
    if (code == KR_ERROR) {
        kr_decref(t, m);
        return handle_uncaught(t);
    }
    int status = run_code_in_main(t, code, m);
    kr_decref(t, code);
    kr_decref(t, m);
    return status;
}
