/* Compiling source to code objects, running the main program, and
 * printing uncaught exceptions exactly as CPython 3.11 does. */
#include <limits.h>
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
    if (len)
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

/* The state of one print: CPython's exception_print_context. */
typedef struct {
    KrThread *t;
    OutBuf out;
    SourceCache cache;
    KrValue seen;      /* list of the exceptions printed or being printed */
    int depth;         /* exception-group nesting, 0 outside any group */
    bool need_close;   /* the innermost group's closing line is still due */
    int nesting;       /* recursion guard for long chains and deep groups */
} Printer;

/* CPython's limits on printing groups, and (through its recursion limit)
 * on following chains. */
enum { GROUP_MAX_WIDTH = 15, GROUP_MAX_DEPTH = 10, PRINT_MAX_NESTING = 1000 };

static const char tb_header[] = "Traceback (most recent call last):\n";
static const char group_tb_header[] = "Exception Group Traceback (most recent call last):\n";

static const char *pr_margin_str(const Printer *p) { return p->depth ? "| " : ""; }

static void pr_indent(Printer *p)
{
    for (int i = 0; i < 2 * p->depth; i++)
        out_write(&p->out, " ", 1);
}

static void pr_margin(Printer *p)
{
    pr_indent(p);
    out_str(&p->out, pr_margin_str(p));
}

static void pr_write(Printer *p, const char *s) { out_str(&p->out, s); }

/* sys.tracebacklimit, or CPython's default when unset or not an int. */
static long traceback_limit(KrThread *t)
{
    long limit = TB_DEFAULT_LIMIT;
    if (!kr_is_ptr(t->vm->sys))
        return limit;
    KrValue lim = kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, "tracebacklimit");
    if (lim != KR_ABSENT && lim != KR_ERROR && kr_is_int(t, lim)) {
        int64_t l;
        if (kr_int_as_i64(t, lim, &l) == 0)
            limit = l > LONG_MAX ? LONG_MAX : l < LONG_MIN ? LONG_MIN : (long)l;
        else
            limit = kr_richcompare_bool(t, lim, kr_smallint(0), KR_LT) == 1 ? LONG_MIN : LONG_MAX;
    }
    kr_err_clear(t);
    return limit;
}

/* The "Traceback (most recent call last):" block of a traceback object. */
static void write_traceback(KrThread *t, KrValue tb, OutBuf *out, SourceCache *cache, const TbMargin *m)
{
    size_t n = 0;
    for (KrValue x = tb; kr_is_ptr(x) && kr_type(t, x) == kr_builtin_type(t, TRACEBACK); n++) {
        KrValue next;
        KrCode *co;
        int line;
        KrPosition pos;
        kr_traceback_entry(t, x, &next, &co, &line, &pos);
        x = next;
    }
    if (n == 0)
        return;
    TbFrame *frames = calloc(n, sizeof(TbFrame));
    if (!frames)
        return;
    KrValue x = tb;
    for (size_t i = 0; i < n; i++) {
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
    tb_write_traceback_in(frames, n, traceback_limit(t), m, source_line, cache, out_write, out);
    free(frames);
}

/* Writes str(v) (or repr(v)), or `fallback` when that fails. */
static void write_text_of(KrThread *t, KrValue v, OutBuf *out, bool repr, const char *fallback)
{
    KrValue s = repr ? kr_repr(t, v) : kr_str(t, v);
    if (s == KR_ERROR) {
        kr_err_clear(t);
        out_str(out, fallback);
        return;
    }
    size_t n;
    const char *u = kr_str_utf8(t, s, &n);
    if (u) {
        out_write(out, u, n);
    } else {
        /* Lone surrogates: escaped, as sys.stderr's error handler would. */
        kr_err_clear(t);
        KrValue a = kr_ascii(t, s);
        if (a != KR_ERROR && (u = kr_str_utf8(t, a, &n)) != NULL && n >= 2)
            out_write(out, u + 1, n - 2);
        kr_xdecref(t, a);
        kr_err_clear(t);
    }
    kr_decref(t, s);
}

static void write_str_of(KrThread *t, KrValue v, OutBuf *out, const char *fallback)
{
    write_text_of(t, v, out, false, fallback);
}

/* "module.Qualname", the module left out for builtins and __main__. */
static void write_exception_type(KrThread *t, KrType *tp, OutBuf *out)
{
    KrValue mod = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_module));
    if (mod == KR_ERROR || !kr_is_str(t, mod)) {
        kr_err_clear(t);
        out_str(out, "<unknown>");
    } else if (!kr_str_equal_cstr(mod, "builtins") && !kr_str_equal_cstr(mod, "__main__")) {
        write_str_of(t, mod, out, "");
        out_str(out, ".");
    }
    if (mod != KR_ERROR)
        kr_decref(t, mod);
    KrValue qn = kr_getattr(t, kr_ptr(tp), kr_name(t, dunder_qualname));
    if (qn == KR_ERROR || !kr_is_str(t, qn)) {
        kr_err_clear(t);
        out_str(out, "<unknown>");
    } else {
        write_str_of(t, qn, out, "");
    }
    if (qn != KR_ERROR)
        kr_decref(t, qn);
}

/* An int attribute as CPython's PyLong_AsSsize_t reads it: 0 and false
 * when it is not an int. */
static bool syntax_int(KrThread *t, KrValue v, int64_t *out)
{
    if (!kr_is_int(t, v) || kr_int_as_i64(t, v, out) < 0) {
        kr_err_clear(t);
        return false;
    }
    return true;
}

/* The source line of a SyntaxError with its '^' markers, from the UTF-8
 * text and the 1-based offsets (CPython's print_error_text). */
static void write_error_text(OutBuf *out, int64_t offset, int64_t end_offset, const char *text)
{
    int64_t carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    int64_t len = (int64_t)strlen(text);
    if (len > 0 && text[len - 1] == '\n')
        len--;
    if (offset > len)
        offset = len;
    /* A multi-line text shows the line the offset falls in. */
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (!nl)
            break;
        int64_t at = nl - text;
        if (at >= offset)
            break;
        at++;
        text += at;
        len -= at;
        offset -= at;
    }
    out_str(out, "    ");
    out_str(out, text);
    if (text[len] != '\n')
        out_str(out, "\n");
    if (offset < 0)
        return;
    out_str(out, "    ");
    for (int64_t i = 0; i < offset; i++)
        out_str(out, " ");
    for (int64_t i = 0; i < carets; i++)
        out_str(out, "^");
    out_str(out, "\n");
}

/* For exceptions with a print_file_and_line attribute (SyntaxError): the
 * "  File ..., line N" header and the marked source text.  Returns the
 * value whose str() is the message (a new reference): the msg attribute,
 * or the exception itself when its attributes do not make sense. */
static KrValue write_file_and_line(Printer *p, KrValue exc)
{
    KrThread *t = p->t;
    KrValue tmp;
    if (kr_lookup_attr(t, exc, kr_name(t, print_file_and_line), &tmp) <= 0) {
        kr_err_clear(t);
        return kr_incref(exc);
    }
    kr_decref(t, tmp);
    KrValue msg = KR_ERROR, fname = KR_ERROR, v = KR_ERROR, text = KR_ERROR;
    int64_t lineno, offset = -1, end_offset = -1, end_lineno;
    msg = kr_getattr(t, exc, kr_name(t, msg));
    if (msg == KR_ERROR || (fname = kr_getattr(t, exc, kr_name(t, filename))) == KR_ERROR)
        goto fail;
    if ((v = kr_getattr(t, exc, kr_name(t, lineno))) == KR_ERROR || !syntax_int(t, v, &lineno))
        goto fail;
    kr_clear(t, &v);
    if ((v = kr_getattr(t, exc, kr_name(t, offset))) == KR_ERROR)
        goto fail;
    if (v != KR_NONE && !syntax_int(t, v, &offset))
        goto fail;
    kr_clear(t, &v);
    end_lineno = lineno;
    if (kr_type(t, exc) == kr_exc_type(t, SyntaxError)) {
        v = kr_getattr(t, exc, kr_name(t, end_lineno));
        if (v == KR_ERROR)
            kr_err_clear(t);
        else if (v != KR_NONE && !syntax_int(t, v, &end_lineno))
            goto fail;
        if (v != KR_ERROR)
            kr_clear(t, &v);
        v = kr_getattr(t, exc, kr_name(t, end_offset));
        if (v == KR_ERROR)
            kr_err_clear(t);
        else if (v != KR_NONE && !syntax_int(t, v, &end_offset))
            goto fail;
        if (v != KR_ERROR)
            kr_clear(t, &v);
        v = KR_ERROR;
    }
    if ((text = kr_getattr(t, exc, kr_name(t, text))) == KR_ERROR)
        goto fail;

    pr_margin(p);
    pr_write(p, "  File \"");
    if (fname == KR_NONE)
        pr_write(p, "<string>");
    else
        write_str_of(t, fname, &p->out, "");
    char num[32];
    snprintf(num, sizeof num, "\", line %lld\n", (long long)lineno);
    pr_write(p, num);
    if (text != KR_NONE) {
        size_t n = 0;
        const char *line = kr_is_str(t, text) ? kr_str_utf8(t, text, &n) : NULL;
        kr_err_clear(t);
        /* A span over several lines is marked to the end of the first;
         * the markers never run past the text. */
        if (end_lineno > lineno)
            end_offset = line ? (int64_t)n : -1;
        if (line && end_offset > (int64_t)n + 1)
            end_offset = (int64_t)n + 1;
        if (line)
            write_error_text(&p->out, offset, end_offset, line);
    }
    kr_decref(t, fname);
    kr_decref(t, text);
    return msg;
fail:
    kr_err_clear(t);
    if (msg != KR_ERROR)
        kr_decref(t, msg);
    if (fname != KR_ERROR)
        kr_decref(t, fname);
    if (v != KR_ERROR)
        kr_decref(t, v);
    return kr_incref(exc);
}

/* What a sequence is to PySequence_Check: indexable, and not a dict. */
static bool notes_is_sequence(KrThread *t, KrValue v)
{
    return kr_type(t, v)->getitem && !kr_is_dict(t, v);
}

/* The __notes__ lines, each str(note) split into lines under the margin. */
static void write_notes(Printer *p, KrValue exc)
{
    KrThread *t = p->t;
    KrValue notes;
    if (kr_lookup_attr(t, exc, kr_name(t, dunder_notes), &notes) <= 0) {
        kr_err_clear(t);
        return;
    }
    if (!notes_is_sequence(t, notes)) {
        /* CPython writes the repr with no newline after it. */
        pr_margin(p);
        write_text_of(t, notes, &p->out, true, "<__notes__ repr() failed>");
        kr_decref(t, notes);
        return;
    }
    int64_t n = kr_len(t, notes);
    for (int64_t i = 0; i < n; i++) {
        KrValue idx = kr_smallint(i);
        KrValue note = kr_getitem(t, notes, idx);
        KrValue s = note == KR_ERROR ? KR_ERROR : kr_str(t, note);
        if (note != KR_ERROR)
            kr_decref(t, note);
        if (s == KR_ERROR) {
            kr_err_clear(t);
            pr_write(p, "<note str() failed>");
        } else {
            KrValue meth = kr_str_intern_cstr(t, "splitlines");
            KrValue keepends = KR_TRUE;
            KrValue lines = meth == KR_ERROR ? KR_ERROR : kr_call_method(t, s, meth, &keepends, 1);
            if (meth != KR_ERROR)
                kr_decref(t, meth);
            kr_decref(t, s);
            if (lines == KR_ERROR || !kr_is_list(t, lines)) {
                kr_err_clear(t);
                kr_xdecref(t, lines == KR_ERROR ? KR_ABSENT : lines);
                break;
            }
            for (size_t j = 0; j < kr_as_list(lines)->len; j++) {
                pr_margin(p);
                write_str_of(t, kr_as_list(lines)->items[j], &p->out, "");
            }
            kr_decref(t, lines);
        }
        pr_write(p, "\n");
    }
    kr_err_clear(t);
    kr_decref(t, notes);
}

/* One exception without its chain: traceback, message line, notes. */
static void print_exception(Printer *p, KrValue exc)
{
    KrThread *t = p->t;
    if (!kr_is_exception(t, exc)) {
        pr_indent(p);
        pr_write(p, "TypeError: print_exception(): Exception expected for value, ");
        pr_write(p, kr_type(t, exc)->name);
        pr_write(p, " found\n");
        return;
    }
    KrValue tb = kr_as_exception(exc)->traceback;
    if (kr_is_ptr(tb)) {
        bool group = kr_exception_group_excs(t, exc) != KR_ABSENT;
        TbMargin m = {2 * p->depth, pr_margin_str(p), pr_margin_str(p), group ? group_tb_header : tb_header};
        if (group && p->depth == 1)
            m.header_margin = "+ ";
        write_traceback(t, tb, &p->out, &p->cache, &m);
    }
    KrType *type = kr_type(t, exc);
    KrValue value = write_file_and_line(p, exc);
    pr_margin(p);
    write_exception_type(t, type, &p->out);
    if (value != KR_NONE) {
        KrValue s = kr_str(t, value);
        if (s == KR_ERROR) {
            kr_err_clear(t);
            pr_write(p, ": <exception str() failed>");
        } else {
            if (!kr_is_str(t, s) || kr_as_str(s)->len > 0)
                pr_write(p, ": ");
            write_str_of(t, s, &p->out, "");
            kr_decref(t, s);
        }
    }
    KrValue sugg = kr_suggestion_for(t, value);
    if (sugg != KR_ABSENT && sugg != KR_ERROR) {
        pr_write(p, ". Did you mean: '");
        write_str_of(t, sugg, &p->out, "");
        pr_write(p, "'?");
        kr_decref(t, sugg);
    }
    kr_err_clear(t);
    pr_write(p, "\n");
    if (kr_is_exception(t, value))
        write_notes(p, value);
    kr_decref(t, value);
}

static void print_recursive(Printer *p, KrValue exc);

static bool pr_seen(Printer *p, KrValue exc)
{
    KrList *l = kr_as_list(p->seen);
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] == exc)
            return true;
    return false;
}

static void print_chained(Printer *p, KrValue exc, const char *message)
{
    bool need_close = p->need_close;
    print_recursive(p, exc);
    p->need_close = need_close;
    pr_margin(p);
    pr_write(p, "\n");
    pr_margin(p);
    pr_write(p, message);
    pr_margin(p);
    pr_write(p, "\n");
}

/* The exception's __cause__, or else its __context__ unless suppressed,
 * each printed once. */
static void print_cause_and_context(Printer *p, KrValue exc)
{
    KrThread *t = p->t;
    if (kr_list_append(t, p->seen, exc) < 0) {
        kr_err_clear(t);
        return;
    }
    if (!kr_is_exception(t, exc))
        return;
    KrBaseException *e = kr_as_exception(exc);
    if (kr_is_exception(t, e->cause)) {
        if (!pr_seen(p, e->cause))
            print_chained(p, e->cause, "The above exception was the direct cause of the following exception:\n");
        return;
    }
    if (e->suppress_context)
        return;
    if (kr_is_exception(t, e->context) && !pr_seen(p, e->context))
        print_chained(p, e->context, "During handling of the above exception, another exception occurred:\n");
}

/* A group: itself as an exception, then each member in a numbered box. */
static void print_group(Printer *p, KrValue exc)
{
    char line[96];
    if (p->depth > GROUP_MAX_DEPTH) {
        pr_margin(p);
        snprintf(line, sizeof line, "... (max_group_depth is %d)\n", GROUP_MAX_DEPTH);
        pr_write(p, line);
        return;
    }
    if (p->depth == 0)
        p->depth++;
    print_exception(p, exc);
    KrValue excs = kr_exception_group_excs(p->t, exc);
    size_t count = kr_is_ptr(excs) ? kr_tuple_len(excs) : 0;
    size_t n = count <= GROUP_MAX_WIDTH ? count : GROUP_MAX_WIDTH + 1;
    p->need_close = false;
    for (size_t i = 0; i < n; i++) {
        bool last = i == n - 1;
        if (last)
            p->need_close = true; /* unless a nested group closes the box */
        pr_indent(p);
        bool truncated = i >= GROUP_MAX_WIDTH;
        if (truncated)
            snprintf(line, sizeof line, "%s+---------------- ... ----------------\n", i == 0 ? "+-" : "  ");
        else
            snprintf(line, sizeof line, "%s+---------------- %zu ----------------\n", i == 0 ? "+-" : "  ", i + 1);
        pr_write(p, line);
        p->depth++;
        if (!truncated) {
            print_recursive(p, kr_tuple_items(excs)[i]);
        } else {
            size_t more = count - GROUP_MAX_WIDTH;
            pr_margin(p);
            snprintf(line, sizeof line, "and %zu more exception%s\n", more, more > 1 ? "s" : "");
            pr_write(p, line);
        }
        if (last && p->need_close) {
            pr_indent(p);
            pr_write(p, "+------------------------------------\n");
            p->need_close = false;
        }
        p->depth--;
    }
    if (p->depth == 1)
        p->depth--;
}

static void print_recursive(Printer *p, KrValue exc)
{
    if (p->nesting >= PRINT_MAX_NESTING)
        return;
    p->nesting++;
    print_cause_and_context(p, exc);
    if (kr_exception_group_excs(p->t, exc) != KR_ABSENT)
        print_group(p, exc);
    else
        print_exception(p, exc);
    p->nesting--;
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

static void write_cstr_to_stderr(KrThread *t, const char *s) { write_to_stderr(t, s, strlen(s)); }

void kr_display_exception(KrThread *t, KrValue exc)
{
    KrValue saved = kr_err_fetch(t);
    Printer p = {.t = t};
    p.seen = kr_list_new(t, 0);
    if (p.seen == KR_ERROR) {
        kr_err_clear(t);
        t->exc = saved;
        return;
    }
    print_recursive(&p, exc);
    kr_decref(t, p.seen);
    kr_flush_std_streams(t);
    write_to_stderr(t, p.out.data ? p.out.data : "", p.out.len);
    free(p.out.data);
    free(p.cache.path);
    free(p.cache.text);
    kr_err_clear(t);
    t->exc = saved;
}

/* CPython's default sys.unraisablehook. */
void kr_write_unraisable(KrThread *t, KrValue exc, KrValue obj)
{
    KrValue saved = kr_err_fetch(t);
    OutBuf out = {0};
    SourceCache cache = {0};
    if (obj != KR_ABSENT && obj != KR_NONE) {
        out_str(&out, "Exception ignored in: ");
        write_text_of(t, obj, &out, true, "<object repr() failed>");
        out_str(&out, "\n");
    }
    if (kr_is_exception(t, exc)) {
        KrValue tb = kr_as_exception(exc)->traceback;
        if (kr_is_ptr(tb)) {
            TbMargin m = {0, "", "", tb_header};
            write_traceback(t, tb, &out, &cache, &m);
        }
        write_exception_type(t, kr_type(t, exc), &out);
        out_str(&out, ": ");
        write_str_of(t, exc, &out, "<exception str() failed>");
        out_str(&out, "\n");
    }
    kr_flush_std_streams(t);
    write_to_stderr(t, out.data ? out.data : "", out.len);
    free(out.data);
    free(cache.path);
    free(cache.text);
    kr_err_clear(t);
    t->exc = saved;
}

/* sys.last_type, sys.last_value and sys.last_traceback, as PyErr_Print
 * leaves them. */
static void set_sys_last(KrThread *t, KrValue exc)
{
    if (!kr_is_ptr(t->vm->sys))
        return;
    KrValue d = ((KrModule *)kr_as_ptr(t->vm->sys))->dict;
    if (kr_dict_set_cstr(t, d, "last_type", kr_ptr(kr_type(t, exc))) < 0 ||
        kr_dict_set_cstr(t, d, "last_value", exc) < 0 ||
        kr_dict_set_cstr(t, d, "last_traceback", kr_exception_traceback(exc)) < 0)
        kr_err_clear(t);
}

void kr_print_exception(KrThread *t)
{
    KrValue exc = kr_err_fetch(t);
    if (exc == KR_ABSENT)
        return;
    set_sys_last(t, exc);
    KrValue hook = KR_ABSENT, orig = KR_ABSENT;
    if (kr_is_ptr(t->vm->sys)) {
        KrValue d = ((KrModule *)kr_as_ptr(t->vm->sys))->dict;
        hook = kr_dict_get_cstr(t, d, "excepthook");
        orig = kr_dict_get_cstr(t, d, "__excepthook__");
        if (hook == KR_ERROR || orig == KR_ERROR)
            hook = orig = KR_ABSENT;
        kr_err_clear(t);
    }
    if (hook == KR_ABSENT) {
        write_cstr_to_stderr(t, "sys.excepthook is missing\n");
    } else if (hook != orig) {
        /* The program replaced sys.excepthook. */
        KrValue args[3] = {kr_ptr(kr_type(t, exc)), exc, kr_exception_traceback(exc)};
        KrValue r = kr_call(t, hook, args, 3, 0);
        if (r != KR_ERROR) {
            kr_decref(t, r);
            kr_decref(t, exc);
            return;
        }
        KrValue e2 = kr_err_fetch(t);
        kr_flush_std_streams(t);
        write_cstr_to_stderr(t, "Error in sys.excepthook:\n");
        kr_display_exception(t, e2);
        write_cstr_to_stderr(t, "\nOriginal exception was:\n");
        kr_decref(t, e2);
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
