/* String literals: adjacent STRING tokens are concatenated into one Constant,
 * or into a JoinedStr when any of them is an f-string.
 *
 * CPython 3.11 positions every Constant and FormattedValue of a JoinedStr
 * (and a format spec's JoinedStr) at the span of the whole concatenation;
 * only the expressions inside replacement fields carry their own positions.
 * Those expressions are parsed by a sub-parser over the same buffer, so their
 * positions are the real ones. */
#include <stdlib.h>
#include <string.h>

#include "literal.h"
#include "parser_impl.h"

enum { FSTRING_MAX_SPEC_DEPTH = 2 };

typedef struct FBuilder {
    Parser *p;
    /* 3.11 gives most nodes the span of the whole concatenation, but a
     * format spec's JoinedStr and its last literal piece only the span of
     * the spec's own token. */
    AstPos group;
    const char *kind;         /* "u" when the first literal had a u prefix */
    Token *err_tok;           /* where CPython reports f-string errors */
    char *lit;                /* pending literal text (malloc'd) */
    size_t lit_len, lit_cap;
    /* Line tracking for sub-parsers: the position of `cursor`. */
    const char *cursor;
    int cursor_line;
    const char *cursor_line_start;
} FBuilder;

static bool lit_append(FBuilder *b, const char *s, size_t n)
{
    if (b->lit_len + n > b->lit_cap) {
        size_t cap = b->lit_cap ? b->lit_cap * 2 : 64;
        while (cap < b->lit_len + n)
            cap *= 2;
        char *lit = realloc(b->lit, cap);
        if (!lit) {
            p_nomem(b->p);
            return false;
        }
        b->lit = lit;
        b->lit_cap = cap;
    }
    memcpy(b->lit + b->lit_len, s, n);
    b->lit_len += n;
    return true;
}

static AstNode *span_node(FBuilder *b, AstKind kind, const AstPos *span)
{
    return p_node_span(b->p, kind, span->lineno, span->col_offset, span->end_lineno,
                       span->end_col_offset);
}

static AstPos token_span(const Token *t)
{
    return (AstPos){t->lineno, t->col_offset, t->end_lineno, t->end_col_offset};
}

/* Turns pending literal text into a Constant in `values`. */
static bool lit_flush(FBuilder *b, PList *values, const AstPos *span)
{
    if (b->lit_len == 0)
        return true;
    AstNode *c = span_node(b, AST_Constant, span);
    char *s = c ? arena_strndup(b->p->arena, b->lit, b->lit_len) : NULL;
    if (!s) {
        p_nomem(b->p);
        return false;
    }
    c->v.Constant.value.kind = AST_CONST_STR;
    c->v.Constant.value.u.s = s;
    c->v.Constant.value.len = b->lit_len;
    c->v.Constant.kind = b->kind;
    b->lit_len = 0;
    return plist_push(b->p, values, c);
}

static void *fstring_error(FBuilder *b, const char *msg)
{
    Token *t = b->err_tok;
    return p_error_span(b->p, SYNERR_SYNTAX, t->lineno, t->col_offset, t->lineno, t->col_offset,
                        "%s", msg);
}

/* A str literal's bytes must be UTF-8 (they can still be invalid when a
 * BOM or coding declaration said UTF-8, or for compile() of bytes).  CPython
 * counts the position in its message from `base`: the body or literal piece,
 * or, where escapes are processed, the run of non-ASCII bytes. */
static bool check_utf8(FBuilder *b, const char *s, const char *e, bool from_run)
{
    const unsigned char *p = (const unsigned char *)s, *end = (const unsigned char *)e;
    const unsigned char *base = p;
    while (p < end) {
        if (*p < 0x80) {
            p++;
            base = from_run ? p : base;
            continue;
        }
        uint32_t cp;
        int bad;
        const char *why;
        int n = source_utf8_decode(p, end, &cp, &bad, &why);
        if (n > 0) {
            p += n;
            continue;
        }
        char msg[200];
        int pos = (int)(p - base);
        if (bad == 1)
            snprintf(msg, sizeof msg,
                     "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: %s",
                     *p, pos, why);
        else
            snprintf(msg, sizeof msg,
                     "(unicode error) 'utf-8' codec can't decode bytes in position %d-%d: %s",
                     pos, pos + bad - 1, why);
        fstring_error(b, msg);
        return false;
    }
    return true;
}

/* Decodes a literal piece of a string body and appends it. */
/* `fstring`: a piece of an f-string, where CPython always decodes the
 * non-ASCII runs separately unless raw. */
static bool append_decoded(FBuilder *b, const char *s, const char *e, bool raw, bool bytes,
                           bool fstring)
{
    if (s == e)
        return true;
    /* A piece of an f-string may end in a lone backslash (before a '{'); it
     * stands for itself. */
    size_t trailing = 0;
    while (e - trailing > s && e[-1 - (long)trailing] == '\\')
        trailing++;
    bool lone = !raw && (trailing & 1);
    bool from_run = !raw && (fstring || memchr(s, '\\', (size_t)(e - s)) != NULL);
    if (!bytes && !check_utf8(b, s, e, from_run))
        return false;
    AstConstant c;
    SyntaxErrorInfo err = {0};
    if (lit_string(b->p->arena, s, lone ? e - 1 : e, raw, bytes, &c, &err) < 0) {
        if (err.kind == SYNERR_NOMEM)
            return p_nomem(b->p), false;
        fstring_error(b, err.msg);
        return false;
    }
    return lit_append(b, c.u.s, c.len) && (!lone || lit_append(b, "\\", 1));
}

/* Moves the line cursor to `to`, counting newlines. */
static void advance_cursor(FBuilder *b, const char *to)
{
    for (const char *s = b->cursor; s < to; s++)
        if (*s == '\n') {
            b->cursor_line++;
            b->cursor_line_start = s + 1;
        }
    b->cursor = to;
}

static bool fstring_body(FBuilder *b, const Token *tok, const StringPrefix *sp, const char **pp,
                         const char *end, int depth, PList *values);

/* A replacement field; *pp is just after its '{'. */
static bool fstring_field(FBuilder *b, const Token *tok, const StringPrefix *sp, const char **pp,
                          const char *end, int depth, PList *values)
{
    Parser *p = b->p;
    const char *start = *pp;
    const char *expr_end = tok_fstring_expr_end(start, end);
    if (!expr_end || expr_end >= end)
        return fstring_error(b, "f-string: expecting '}'"), false;
    const char *s = start;
    while (s < expr_end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f' || *s == '\r'))
        s++;
    if (s == expr_end)
        return fstring_error(b, "f-string: empty expression not allowed"), false;

    advance_cursor(b, start);
    /* Where CPython 3.11's "(" would stand: on the '{', or at the token's
     * start when only blanks follow the '{' on its line. */
    int paren_col = (int)(start - b->cursor_line_start) - 1;
    const char *q0 = start;
    while (q0 < expr_end && (*q0 == ' ' || *q0 == '\t' || *q0 == '\f'))
        q0++;
    if (q0 < expr_end && *q0 == '\n')
        paren_col = b->cursor_line == tok->lineno ? tok->col_offset : 0;
    AstNode *expr = p_parse_fstring_expr(p, start, expr_end, b->cursor_line,
                                         b->cursor_line_start, paren_col);
    if (!expr)
        return false;

    const char *q = expr_end;
    bool debug = false;
    if (*q == '=') {
        /* f"{x = }": the expression's text, '=' and spaces after it become
         * literal text before the value. */
        q++;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\f'))
            q++;
        if (!lit_append(b, start, (size_t)(q - start)))
            return false;
        debug = true;
    }
    int conversion = -1;
    if (q < end && *q == '!') {
        q++;
        if (q >= end || (*q != 's' && *q != 'r' && *q != 'a'))
            return fstring_error(
                       b, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
                   false;
        conversion = (unsigned char)*q++;
        if (q >= end || (*q != ':' && *q != '}'))
            return fstring_error(b, "f-string: expecting '}'"), false;
    }
    AstNode *spec = NULL;
    if (q < end && *q == ':') {
        q++;
        if (depth >= FSTRING_MAX_SPEC_DEPTH)
            return fstring_error(b, "f-string: expressions nested too deeply"), false;
        /* The spec is a small f-string of its own, up to the field's '}'. */
        PList spec_values;
        plist_init(&spec_values);
        size_t saved_len = b->lit_len;
        char *saved = NULL;
        if (saved_len) {
            saved = malloc(saved_len);
            if (!saved)
                return p_nomem(p), false;
            memcpy(saved, b->lit, saved_len);
            b->lit_len = 0;
        }
        AstPos tspan = token_span(tok);
        bool ok = fstring_body(b, tok, sp, &q, end, depth + 1, &spec_values) &&
                  lit_flush(b, &spec_values, &tspan);
        b->lit_len = 0;
        if (saved) {
            ok = ok && lit_append(b, saved, saved_len);
            free(saved);
        } else {
            b->lit_len = saved_len;
        }
        AstSeq *seq = ok ? plist_finish(p, &spec_values) : NULL;
        if (!seq) {
            plist_free(&spec_values);
            return false;
        }
        spec = span_node(b, AST_JoinedStr, &tspan);
        if (!spec)
            return false;
        spec->v.JoinedStr.values = seq;
    }
    if (q >= end || *q != '}')
        return fstring_error(b, "f-string: expecting '}'"), false;
    q++;
    if (debug && conversion == -1 && !spec)
        conversion = 'r';
    if (!lit_flush(b, values, &b->group))
        return false;
    AstNode *fv = p_node_span(p, AST_FormattedValue, b->group.lineno, b->group.col_offset,
                              b->group.end_lineno, b->group.end_col_offset);
    if (!fv)
        return false;
    fv->v.FormattedValue.value = expr;
    fv->v.FormattedValue.conversion = conversion;
    fv->v.FormattedValue.format_spec = spec;
    *pp = q;
    return plist_push(p, values, fv);
}

/* Literal text and fields of an f-string body (depth 0) or format spec
 * (depth > 0, which ends at an unmatched '}', left unconsumed). */
static bool fstring_body(FBuilder *b, const Token *tok, const StringPrefix *sp, const char **pp,
                         const char *end, int depth, PList *values)
{
    const char *s = *pp, *piece = s;
    while (s < end) {
        char c = *s;
        if (c == '\\' && !sp->raw) {
            /* \N{NAME} holds braces that are not fields. */
            if (s + 2 < end && s[1] == 'N' && s[2] == '{') {
                const char *close = memchr(s + 3, '}', (size_t)(end - s - 3));
                s = close ? close + 1 : end;
            } else if (s + 1 < end && (s[1] == '{' || s[1] == '}')) {
                s++;   /* "\{" is a backslash, then a brace that still counts */
            } else {
                s += s + 1 < end ? 2 : 1;
            }
            continue;
        }
        if (c == '{') {
            if (depth == 0 && s + 1 < end && s[1] == '{') {
                if (!append_decoded(b, piece, s + 1, sp->raw, false, true))
                    return false;
                s += 2;
                piece = s;
                continue;
            }
            if (!append_decoded(b, piece, s, sp->raw, false, true))
                return false;
            s++;
            if (!fstring_field(b, tok, sp, &s, end, depth, values))
                return false;
            piece = s;
            continue;
        }
        if (c == '}') {
            if (depth > 0)
                break;
            if (s + 1 < end && s[1] == '}') {
                if (!append_decoded(b, piece, s + 1, sp->raw, false, true))
                    return false;
                s += 2;
                piece = s;
                continue;
            }
            return fstring_error(b, "f-string: single '}' is not allowed"), false;
        }
        s++;
    }
    if (!append_decoded(b, piece, s, sp->raw, false, true))
        return false;
    *pp = s;
    return true;
}

AstNode *p_strings(Parser *p)
{
    Token *first = p_peek(p);
    int start = p->pos;
    bool any_f = false, any_bytes = false, any_str = false;
    while (p_peek(p)->kind == TOK_STRING) {
        StringPrefix sp;
        tok_string_parts(p_peek(p), &sp);
        any_f |= sp.fmt;
        any_bytes |= sp.bytes;
        any_str |= !sp.bytes;
        p->pos++;
    }
    int count = p->pos - start;
    Token *last = p_token(p, p->pos - 1);
    Token *after = p_peek(p);   /* CPython reports string errors here */
    if (any_bytes && any_str)
        return p_error_span(p, SYNERR_SYNTAX, after->lineno, after->col_offset, after->lineno,
                            after->col_offset, "cannot mix bytes and nonbytes literals");

    FBuilder b = {.p = p, .err_tok = after};
    b.group = (AstPos){first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
    StringPrefix sp0;
    tok_string_parts(first, &sp0);
    b.kind = sp0.unicode ? "u" : NULL;

    PList values;
    plist_init(&values);
    AstNode *result = NULL;
    for (int i = 0; i < count; i++) {
        Token *t = p_token(p, start + i);
        StringPrefix sp;
        tok_string_parts(t, &sp);
        if (!sp.fmt) {
            if (!append_decoded(&b, sp.body, sp.body_end, sp.raw, sp.bytes, false))
                goto done;
            continue;
        }
        b.cursor = t->start;
        b.cursor_line = t->lineno;
        b.cursor_line_start = t->start - t->col_offset;
        const char *s = sp.body;
        if (!fstring_body(&b, t, &sp, &s, sp.body_end, 0, &values))
            goto done;
    }
    if (!any_f) {
        result = span_node(&b, AST_Constant, &b.group);
        if (!result)
            goto done;
        AstConstant *c = &result->v.Constant.value;
        c->kind = any_bytes ? AST_CONST_BYTES : AST_CONST_STR;
        c->len = b.lit_len;
        c->u.s = arena_strndup(p->arena, b.lit ? b.lit : "", b.lit_len);
        if (!c->u.s) {
            result = p_nomem(p);
            goto done;
        }
        result->v.Constant.kind = b.kind;
        goto done;
    }
    if (!lit_flush(&b, &values, &b.group))
        goto done;
    AstSeq *seq = plist_finish(p, &values);
    if (!seq)
        goto done;
    result = span_node(&b, AST_JoinedStr, &b.group);
    if (result)
        result->v.JoinedStr.values = seq;
done:
    plist_free(&values);
    free(b.lit);
    return p->error ? NULL : result;
}
