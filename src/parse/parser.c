/* Parser infrastructure: the token buffer, error reporting, node helpers and
 * the entry point with CPython's two-pass error strategy. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser_impl.h"
#include "unicode_db.h"

const AstSeq ast_empty_seq = {0};

/* ---- tokens ---- */

Token *p_fetch(Parser *p, int index)
{
    static const Token broken = {.kind = TOK_KIND_COUNT};
    while (index >= p->ntokens) {
        if (p->error)
            return (Token *)&broken;
        if (p->ntokens > 0) {
            Token *last = p_token(p, p->ntokens - 1);
            if (last->kind == TOK_ENDMARKER)
                return last;
        }
        if ((p->ntokens >> P_BLOCK_BITS) >= p->nblocks) {
            Token **blocks = realloc(p->blocks, sizeof(Token *) * (p->nblocks + 1));
            if (!blocks)
                return p_nomem(p), (Token *)&broken;
            p->blocks = blocks;
            blocks[p->nblocks] = malloc(sizeof(Token) * P_BLOCK_SIZE);
            if (!blocks[p->nblocks])
                return p_nomem(p), (Token *)&broken;
            p->nblocks++;
        }
        Token *t = &p->blocks[p->ntokens >> P_BLOCK_BITS][p->ntokens & (P_BLOCK_SIZE - 1)];
        if (tok_next(p->tok, t) < 0) {
            p->error = true;
            p->tok_error = true;
            return (Token *)&broken;
        }
        /* A sub-tokenizer's text stands inside the f-string's braces, which
         * CPython 3.11 turns into parentheses. */
        t->level = p->tok->level + (p->tok->sub ? 1 : 0);
        /* eval and single mode: CPython adds no line break to the text, and
         * the NEWLINE it makes up at the end sits at column -1 */
        if (p->virtual_eof_newline && t->kind == TOK_NEWLINE && !p->tok->sub && t->start == p->tok->buf_end - 1)
            t->col_offset = t->end_col_offset = -1;
        p->ntokens++;
    }
    return p_token(p, index);
}

bool p_is_name(Parser *p, const char *word)
{
    Token *t = p_peek(p);
    size_t n = strlen(word);
    return t->kind == TOK_NAME && (size_t)(t->end - t->start) == n &&
           memcmp(t->start, word, n) == 0;
}

/* ---- errors ---- */

static void p_verror(Parser *p, SyntaxErrorKind kind, int lineno, int col, int end_lineno,
                     int end_col, const char *fmt, va_list ap)
{
    if (p->error)
        return;
    p->error = true;
    SyntaxErrorInfo *e = p->err;
    e->kind = kind;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->lineno = lineno;
    e->col_offset = col;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col;
}

void *p_error_span(Parser *p, SyntaxErrorKind kind, int lineno, int col, int end_lineno,
                   int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_verror(p, kind, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_error_tok(Parser *p, const Token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_verror(p, SYNERR_SYNTAX, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset, fmt,
             ap);
    va_end(ap);
    return NULL;
}

void *p_error_node(Parser *p, const AstNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_verror(p, SYNERR_SYNTAX, n->pos.lineno, n->pos.col_offset, n->pos.end_lineno,
             n->pos.end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_error_nodes(Parser *p, const AstNode *a, const AstNode *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    p_verror(p, SYNERR_SYNTAX, a->pos.lineno, a->pos.col_offset, b->pos.end_lineno,
             b->pos.end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *p_nomem(Parser *p)
{
    if (!p->error) {
        p->error = true;
        p->err->kind = SYNERR_NOMEM;
        strcpy(p->err->msg, "out of memory");
    }
    return NULL;
}

static void *too_deep(Parser *p)
{
    if (!p->error) {
        p->error = true;
        p->err->kind = SYNERR_RECURSION;
        strcpy(p->err->msg, "maximum recursion depth exceeded during compilation");
    }
    return NULL;
}

bool p_enter(Parser *p)
{
    if (p->error)
        return false;
    if (++p->depth > PARSER_MAX_DEPTH) {
        p->depth--;
        too_deep(p);
        return false;
    }
    return true;
}

bool p_chain_ok(Parser *p, int length)
{
    if (p->depth + length <= PARSER_MAX_DEPTH)
        return true;
    too_deep(p);
    return false;
}

/* ---- nodes ---- */

AstNode *p_node_span(Parser *p, AstKind kind, int lineno, int col, int end_lineno, int end_col)
{
    AstPos pos = {lineno, col, end_lineno, end_col};
    AstNode *n = ast_new(p->arena, kind, pos);
    if (!n)
        return p_nomem(p);
    return n;
}

AstNode *p_node(Parser *p, AstKind kind, const Token *start)
{
    const Token *end = p_last(p);
    return p_node_span(p, kind, start->lineno, start->col_offset, end->end_lineno,
                       end->end_col_offset);
}

AstNode *p_node_from(Parser *p, AstKind kind, const AstNode *start)
{
    const Token *end = p_last(p);
    return p_node_span(p, kind, start->pos.lineno, start->pos.col_offset, end->end_lineno,
                       end->end_col_offset);
}

const char *p_identifier(Parser *p, const Token *t)
{
    size_t len = (size_t)(t->end - t->start);
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t->start[i] >= 0x80) {
            ascii = false;
            break;
        }
    char *s;
    if (ascii) {
        s = arena_strndup(p->arena, t->start, len);
    } else {
        /* PEP 3131: identifiers are compared after NFKC normalisation. */
        size_t need = unicode_nfkc(t->start, len, NULL, 0);
        s = arena_alloc(p->arena, need + 1);
        if (s)
            unicode_nfkc(t->start, len, s, need + 1);
    }
    if (!s)
        return p_nomem(p);
    return s;
}

/* ---- lists ---- */

void plist_init(PList *l)
{
    l->items = l->inline_items;
    l->n = 0;
    l->cap = (int)(sizeof l->inline_items / sizeof l->inline_items[0]);
}

bool plist_push(Parser *p, PList *l, void *item)
{
    if (l->n == l->cap) {
        int cap = l->cap * 2;
        void **items;
        if (l->items == l->inline_items) {
            items = malloc(sizeof(void *) * cap);
            if (items)
                memcpy(items, l->items, sizeof(void *) * l->n);
        } else {
            items = realloc(l->items, sizeof(void *) * cap);
        }
        if (!items) {
            p_nomem(p);
            return false;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = item;
    return true;
}

void plist_free(PList *l)
{
    if (l->items != l->inline_items)
        free(l->items);
    plist_init(l);
}

AstSeq *plist_finish(Parser *p, PList *l)
{
    AstSeq *s = l->n ? ast_seq_new(p->arena, l->n) : P_EMPTY;
    if (!s) {
        plist_free(l);
        return p_nomem(p);
    }
    if (l->n)
        memcpy(s->items, l->items, sizeof(void *) * l->n);
    plist_free(l);
    return s;
}

AstSeq *p_seq1(Parser *p, void *item)
{
    AstSeq *s = ast_seq_new(p->arena, 1);
    if (!s)
        return p_nomem(p);
    s->items[0] = item;
    return s;
}

/* ---- entry ---- */

static void parser_init(Parser *p, Tokenizer *tok, Arena *arena, SyntaxErrorInfo *err)
{
    memset(p, 0, sizeof *p);
    p->tok = tok;
    p->arena = arena;
    p->err = err;
}

static void parser_release(Parser *p)
{
    for (int i = 0; i < p->nblocks; i++)
        free(p->blocks[i]);
    free(p->blocks);
    p->blocks = NULL;
    p->nblocks = 0;
    free(p->memo);
    p->memo = NULL;
    p->memo_cap = 0;
}

/* Lines of the source (a last line without a break counts). */
static int count_lines(Parser *p)
{
    int n = 0;
    for (const char *c = p->tok->buf; c < p->tok->buf_end; c++)
        n += *c == '\n';
    return n;
}

static void *single_eof_error(Parser *p)
{
    int n = count_lines(p);
    return p_error_span(p, SYNERR_SYNTAX, n, -1, n, -1, "invalid syntax");
}

static AstNode *parse_mode(Parser *p, ParseMode mode)
{
    switch (mode) {
    case PARSE_EXEC: {
        AstSeq *body = p_file(p);
        if (!body)
            return NULL;
        AstNode *m = ast_new(p->arena, AST_Module, (AstPos){0});
        if (!m)
            return p_nomem(p);
        m->v.Module.body = body;
        m->v.Module.type_ignores = P_EMPTY;
        return m;
    }
    case PARSE_EVAL: {
        AstNode *e = p_star_expressions(p);
        if (!e)
            return NULL;
        while (p_check(p, TOK_NEWLINE))
            p->pos++;
        if (!p_expect(p, TOK_ENDMARKER))
            return NULL;
        AstNode *m = ast_new(p->arena, AST_Expression, (AstPos){0});
        if (!m)
            return p_nomem(p);
        m->v.Expression.body = e;
        return m;
    }
    case PARSE_SINGLE: {
        /* CPython's tokenizer does not end single-mode text with a newline,
         * so input without a statement, or a compound statement that is not
         * followed by a line break, fails at the end: column -1 of the last
         * line. */
        if (p_peek(p)->kind == TOK_ENDMARKER)
            return single_eof_error(p);
        AstSeq *body = p_statement(p);
        if (!body)
            return NULL;
        const AstNode *st = body->items[0];
        bool compound = body->n == 1 && (st->kind == AST_FunctionDef || st->kind == AST_AsyncFunctionDef ||
                                         st->kind == AST_ClassDef || st->kind == AST_If || st->kind == AST_While ||
                                         st->kind == AST_For || st->kind == AST_AsyncFor || st->kind == AST_With ||
                                         st->kind == AST_AsyncWith || st->kind == AST_Try || st->kind == AST_TryStar ||
                                         st->kind == AST_Match);
        Token *next = p_peek(p);
        if (next->kind != TOK_ENDMARKER) {
            if (compound)
                return p_error_tok(p, next, "invalid syntax");
            Token *nl = p_token(p, p->pos - 1);
            return p_error_span(p, SYNERR_SYNTAX, nl->lineno, nl->col_offset, nl->lineno, nl->col_offset,
                                "multiple statements found while compiling a single statement");
        }
        if (compound && !p->final_newline) {
            /* ...unless it ends with an indented block whose last line has a
             * token: the DEDENT at the end of the text stands for the break */
            int i = p->pos - 1;
            bool ok = i > 0 && p_token(p, i)->kind == TOK_DEDENT;
            while (i > 0 && (p_token(p, i)->kind == TOK_DEDENT || p_token(p, i)->kind == TOK_NEWLINE))
                i--;
            if (!ok || p_token(p, i)->end_lineno != count_lines(p))
                return single_eof_error(p);
        }
        AstNode *m = ast_new(p->arena, AST_Interactive, (AstPos){0});
        if (!m)
            return p_nomem(p);
        m->v.Interactive.body = body;
        return m;
    }
    case PARSE_FUNC_TYPE:
        break;
    }
    return p_error_span(p, SYNERR_SYNTAX, 1, 0, 0, 0, "unsupported parse mode");
}

/* After a parser error, CPython reads the rest of the source: a tokenizer
 * error found there replaces the parser's error (an unclosed bracket only
 * when it was opened before the error's line). */
static void check_rest_for_tokenizer_errors(Parser *p)
{
    SyntaxErrorInfo saved = *p->err;
    /* CPython compares with the line of the last token read, not the
     * error's own line. */
    int last_line = p->ntokens > 0 ? p_token(p, p->ntokens - 1)->lineno : 0;
    Token t;
    for (;;) {
        if (tok_next(p->tok, &t) < 0) {
            /* Errors CPython's tokenizer only records in its state do not
             * replace the parser's, but for an unclosed bracket opened on an
             * earlier line. */
            if (p->tok->soft_error && !(strstr(p->err->msg, "was never closed") &&
                                        p->err->lineno < last_line))
                *p->err = saved;
            return;
        }
        if (t.kind == TOK_ENDMARKER)
            return;
    }
}

typedef AstNode *(*StartRule)(Parser *p, int mode);

static AstNode *mode_rule(Parser *p, int mode) { return parse_mode(p, (ParseMode)mode); }

/* Runs a start rule with CPython's error strategy: on failure, a second pass
 * with the error rules on; if that raises nothing, "invalid syntax" (or an
 * indentation error) at the furthest token the first pass read. */
static AstNode *run_parser(Parser *p, StartRule rule, int mode)
{
    AstNode *tree = rule(p, mode);
    if (tree && !p->error)
        return tree;
    if (p->error) {
        /* An error raised in the first pass is final (CPython's second pass
         * bails out at once with an error set).  A parser error, though,
         * yields to a tokenizer error later in the file. */
        if (!p->tok_error && p->err->kind != SYNERR_NOMEM &&
            p->err->kind != SYNERR_RECURSION)
            check_rest_for_tokenizer_errors(p);
        return NULL;
    }

    int furthest = p->ntokens - 1;
    p->pos = 0;
    p->depth = 0;
    p->invalid_rules = true;
    rule(p, mode);
    if (p->error) {
        if (!p->tok_error && p->err->kind != SYNERR_NOMEM &&
            p->err->kind != SYNERR_RECURSION)
            check_rest_for_tokenizer_errors(p);
        return NULL;
    }
    Token *last = p_token(p, furthest < 0 ? 0 : furthest);
    if (last->kind == TOK_INDENT || last->kind == TOK_DEDENT) {
        p_error_span(p, SYNERR_INDENTATION, last->lineno, last->col_offset, last->end_lineno,
                     last->end_col_offset,
                     last->kind == TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        return NULL;
    }
    p_error_tok(p, last, "invalid syntax");
    check_rest_for_tokenizer_errors(p);
    return NULL;
}

AstNode *parse_source(Arena *arena, const char *src, size_t len, const char *filename,
                      ParseMode mode, SyntaxErrorInfo *err, Tokenizer *tok_out)
{
    return parse_source_with(arena, src, len, filename, mode, NULL, err, tok_out);
}

AstNode *parse_source_with(Arena *arena, const char *src, size_t len, const char *filename,
                           ParseMode mode, const SourceOptions *opts, SyntaxErrorInfo *err,
                           Tokenizer *tok_out)
{
    Tokenizer local_tok;
    Tokenizer *tok = tok_out ? tok_out : &local_tok;
    memset(tok, 0, sizeof *tok);
    memset(err, 0, sizeof *err);
    int rc = opts ? tok_init_source(tok, src, len, filename, arena, err, opts)
                  : tok_init(tok, src, len, filename, arena, err);
    if (rc < 0)
        return NULL;
    Parser p;
    parser_init(&p, tok, arena, err);
    p.final_newline = len > 0 && (src[len - 1] == '\n' || src[len - 1] == '\r');
    p.virtual_eof_newline = !p.final_newline && (mode == PARSE_EVAL || mode == PARSE_SINGLE);
    AstNode *tree = run_parser(&p, mode_rule, mode);
    parser_release(&p);
    return tree;
}

/* fstring: (yield_expr | star_expressions) ENDMARKER */
static AstNode *fstring_rule(Parser *p, int unused)
{
    (void)unused;
    AstNode *e = p_check(p, TOK_KW_YIELD) ? p_yield_expr(p) : p_star_expressions(p);
    if (!e || !p_expect(p, TOK_ENDMARKER))
        return NULL;
    if (e->kind == AST_Starred) {
        /* 3.11 parses "(*a)": a starred expression in a group. */
        if (p->invalid_rules)
            p_error_node(p, e, "cannot use starred expression here");
        return NULL;
    }
    return e;
}

/* Is [first, last] of the sub-parser's tokens one bracketed group? */
static bool one_paren_group(Parser *p, int last)
{
    if (p_token(p, 0)->kind != TOK_LPAR)
        return false;
    int depth = 0;
    for (int i = 0; i <= last; i++) {
        TokenKind k = p_token(p, i)->kind;
        if (k == TOK_LPAR || k == TOK_LSQB || k == TOK_LBRACE)
            depth++;
        else if (k == TOK_RPAR || k == TOK_RSQB || k == TOK_RBRACE)
            depth--;
        if (depth == 0 && i < last)
            return false;
    }
    return true;
}

AstNode *p_parse_fstring_expr(Parser *p, const char *start, const char *end, int lineno,
                              const char *line_start, int paren_col)
{
    Tokenizer sub;
    tok_init_sub(&sub, p->tok, start, end, lineno, line_start);
    Parser sp;
    parser_init(&sp, &sub, p->arena, p->err);
    sp.depth = p->depth;
    AstNode *e = run_parser(&sp, fstring_rule, 0);
    if (e && e->kind == AST_Tuple && !one_paren_group(&sp, sp.ntokens - 2)) {
        /* CPython 3.11 parses the expression as "(expr)" with the
         * parentheses standing on the braces: a bare tuple spans them. */
        e->pos.col_offset = paren_col;
        e->pos.lineno = lineno;
        const char *ls = end;
        while (ls > p->tok->buf && ls[-1] != '\n')
            ls--;
        int end_line = lineno;
        for (const char *c = start; c < end; c++)
            end_line += *c == '\n';
        e->pos.end_lineno = end_line;
        e->pos.end_col_offset = (int)(end - ls) + 1;
    }
    if (!e && p->err->kind == SYNERR_SYNTAX) {
        /* 3.11 reports positions inside "(expr)" and shows that text. */
        SyntaxErrorInfo *err = p->err;
        char inner[sizeof err->msg];
        memcpy(inner, err->msg, sizeof inner);
        inner[sizeof inner - 16] = '\0';
        snprintf(err->msg, sizeof err->msg, "f-string: %.480s", inner);
        int col0 = (int)(start - line_start);
        if (err->end_col_offset == -2) {
            /* The sub-tokenizer's ENDMARKER stands where 3.11's ')' was. */
            err->col_offset += 1;
            err->end_col_offset = err->col_offset + 1;
        }
        if (err->lineno == lineno)
            err->col_offset = err->col_offset - col0 + 1;
        if (err->end_lineno >= lineno)   /* 3.11 shifts ends on later lines alike */
            err->end_col_offset = err->end_col_offset - col0 + 1;
        /* The text shown is the first line of "(expr)". */
        const char *nl = memchr(start, '\n', (size_t)(end - start));
        size_t n = (size_t)((nl ? nl : end) - start);
        char *text = arena_alloc(p->arena, n + 3);
        if (text) {
            text[0] = '(';
            memcpy(text + 1, start, n);
            if (!nl)
                text[n + 1] = ')';
            err->text = text;
        }
    }
    if (sp.error)
        p->error = true;
    parser_release(&sp);
    return e;
}
