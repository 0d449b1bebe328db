/* The match statement (PEP 634) and its patterns, following CPython 3.11's
 * grammar.  `match`, `case` and `_` are soft keywords: NAME tokens that only
 * mean something here, so p_match_stmt returns NULL without an error when
 * the statement is not a match after all. */
#include <string.h>

#include "parser_impl.h"

static bool at_kind(Parser *p, TokenKind k) { return p_peek(p)->kind == k; }

static AstNode *p_pattern(Parser *p);
static AstNode *p_closed_pattern(Parser *p);

static AstNode *pattern_node(Parser *p, AstKind kind, const Token *start)
{
    return p_node(p, kind, start);
}

static bool is_wildcard(const Token *t)
{
    return t->kind == TOK_NAME && t->end - t->start == 1 && t->start[0] == '_';
}

/* pattern_capture_target: !"_" NAME !('.' | '(' | '=') */
static const char *capture_target(Parser *p)
{
    Token *t = p_peek(p);
    if (t->kind != TOK_NAME || is_wildcard(t))
        return NULL;
    TokenKind next = p_peek_at(p, 1)->kind;
    if (next == TOK_DOT || next == TOK_LPAR || next == TOK_EQUAL)
        return NULL;
    p->pos++;
    return p_identifier(p, t);
}

/* signed_number: NUMBER | '-' NUMBER; with an optional complex part. */
static AstNode *number_expr(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *e;
    if (start->kind == TOK_MINUS) {
        if (p_peek_at(p, 1)->kind != TOK_NUMBER)
            return NULL;
        p->pos++;
        AstNode *num = p_atom(p);
        if (!num)
            return NULL;
        e = p_node(p, AST_UnaryOp, start);
        if (!e)
            return NULL;
        e->v.UnaryOp.op = AST_USub;
        e->v.UnaryOp.operand = num;
    } else if (start->kind == TOK_NUMBER) {
        e = p_atom(p);
        if (!e)
            return NULL;
    } else {
        return NULL;
    }
    Token *op = p_peek(p);
    if ((op->kind == TOK_PLUS || op->kind == TOK_MINUS) && p_peek_at(p, 1)->kind == TOK_NUMBER) {
        /* complex_number: signed_real_number ('+' | '-') imaginary_number */
        p->pos++;
        AstNode *imag = p_atom(p);
        if (!imag)
            return NULL;
        if (imag->v.Constant.value.kind != AST_CONST_COMPLEX) {
            if (p->invalid_rules)
                p_error_node(p, imag, "imaginary number required in complex literal");
            return NULL;
        }
        if (e->kind == AST_Constant && e->v.Constant.value.kind == AST_CONST_COMPLEX) {
            if (p->invalid_rules)
                p_error_node(p, e, "real number required in complex literal");
            return NULL;
        }
        AstNode *b = p_node(p, AST_BinOp, start);
        if (!b)
            return NULL;
        b->v.BinOp.left = e;
        b->v.BinOp.op = op->kind == TOK_PLUS ? AST_Add : AST_Sub;
        b->v.BinOp.right = imag;
        return b;
    }
    return e;
}

/* name_or_attr: NAME ('.' NAME)* as Name / Attribute loads. */
static AstNode *name_or_attr(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind != TOK_NAME)
        return NULL;
    p->pos++;
    const char *id = p_identifier(p, start);
    AstNode *e = id ? p_node(p, AST_Name, start) : NULL;
    if (!e)
        return NULL;
    e->v.Name.id = id;
    e->v.Name.ctx = AST_Load;
    while (at_kind(p, TOK_DOT) && p_peek_at(p, 1)->kind == TOK_NAME) {
        p->pos++;
        Token *n = p_peek(p);
        p->pos++;
        const char *attr = p_identifier(p, n);
        AstNode *a = attr ? p_node(p, AST_Attribute, start) : NULL;
        if (!a)
            return NULL;
        a->v.Attribute.value = e;
        a->v.Attribute.attr = attr;
        a->v.Attribute.ctx = AST_Load;
        e = a;
    }
    return e;
}

static AstNode *value_pattern(Parser *p, const Token *start, AstNode *value)
{
    AstNode *n = pattern_node(p, AST_MatchValue, start);
    if (n)
        n->v.MatchValue.value = value;
    return n;
}

/* maybe_star_pattern: '*' (capture | '_') | pattern */
static AstNode *maybe_star_pattern(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind != TOK_STAR)
        return p_pattern(p);
    p->pos++;
    const char *name = NULL;
    if (is_wildcard(p_peek(p))) {
        p->pos++;
    } else {
        name = capture_target(p);
        if (!name)
            return NULL;
    }
    AstNode *n = pattern_node(p, AST_MatchStar, start);
    if (n)
        n->v.MatchStar.name = name;
    return n;
}

/* Items of a sequence pattern up to `close`; returns false on failure. */
static bool sequence_items(Parser *p, PList *items, TokenKind close, bool *saw_comma)
{
    *saw_comma = false;
    while (!at_kind(p, close)) {
        AstNode *e = maybe_star_pattern(p);
        if (!e || !plist_push(p, items, e))
            return false;
        if (!at_kind(p, TOK_COMMA))
            break;
        p->pos++;
        *saw_comma = true;
    }
    return p_expect(p, close) != NULL;
}

static AstNode *sequence_node(Parser *p, const Token *start, PList *items)
{
    AstSeq *seq = plist_finish(p, items);
    AstNode *n = seq ? pattern_node(p, AST_MatchSequence, start) : NULL;
    if (n)
        n->v.MatchSequence.patterns = seq;
    return n;
}

/* mapping_pattern, after '{' */
static AstNode *mapping_pattern(Parser *p, const Token *start)
{
    PList keys, pats;
    plist_init(&keys);
    plist_init(&pats);
    const char *rest = NULL;
    while (!at_kind(p, TOK_RBRACE)) {
        if (at_kind(p, TOK_DOUBLESTAR)) {
            p->pos++;
            rest = capture_target(p);
            if (!rest)
                goto fail;
            p_expect(p, TOK_COMMA);
            break;
        }
        Token *kt = p_peek(p);
        AstNode *key;
        if (kt->kind == TOK_NAME) {
            key = name_or_attr(p);
            if (key && key->kind != AST_Attribute)
                goto fail;
        } else if (kt->kind == TOK_STRING) {
            key = p_strings(p);
        } else if (kt->kind == TOK_KW_NONE || kt->kind == TOK_KW_TRUE || kt->kind == TOK_KW_FALSE) {
            key = p_atom(p);
        } else {
            key = number_expr(p);
        }
        /* An f-string key parses; the compiler rejects it (as CPython). */
        if (!key || !p_expect(p, TOK_COLON))
            goto fail;
        AstNode *pat = p_pattern(p);
        if (!pat || !plist_push(p, &keys, key) || !plist_push(p, &pats, pat))
            goto fail;
        if (!p_expect(p, TOK_COMMA))
            break;
    }
    if (!p_expect(p, TOK_RBRACE))
        goto fail;
    AstSeq *ks = plist_finish(p, &keys), *ps = plist_finish(p, &pats);
    AstNode *n = (ks && ps) ? pattern_node(p, AST_MatchMapping, start) : NULL;
    if (n) {
        n->v.MatchMapping.keys = ks;
        n->v.MatchMapping.patterns = ps;
        n->v.MatchMapping.rest = rest;
    }
    return n;
fail:
    plist_free(&keys);
    plist_free(&pats);
    return NULL;
}

/* class_pattern, after name_or_attr and '(' */
static AstNode *class_pattern(Parser *p, const Token *start, AstNode *cls)
{
    PList pats, kwd_attrs, kwd_pats;
    plist_init(&pats);
    plist_init(&kwd_attrs);
    plist_init(&kwd_pats);
    while (!at_kind(p, TOK_RPAR)) {
        Token *t = p_peek(p);
        if (t->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_EQUAL) {
            p->pos += 2;
            const char *attr = p_identifier(p, t);
            AstNode *pat = attr ? p_pattern(p) : NULL;
            if (!pat || !plist_push(p, &kwd_attrs, (void *)attr) || !plist_push(p, &kwd_pats, pat))
                goto fail;
        } else {
            AstNode *pat = p_pattern(p);
            if (!pat)
                goto fail;
            if (kwd_attrs.n) {
                if (p->invalid_rules)
                    p_error_node(p, pat, "positional patterns follow keyword patterns");
                goto fail;
            }
            if (!plist_push(p, &pats, pat))
                goto fail;
        }
        if (!p_expect(p, TOK_COMMA))
            break;
    }
    if (!p_expect(p, TOK_RPAR))
        goto fail;
    AstSeq *ps = plist_finish(p, &pats), *ka = plist_finish(p, &kwd_attrs),
           *kp = plist_finish(p, &kwd_pats);
    AstNode *n = (ps && ka && kp) ? pattern_node(p, AST_MatchClass, start) : NULL;
    if (n) {
        n->v.MatchClass.cls = cls;
        n->v.MatchClass.patterns = ps;
        n->v.MatchClass.kwd_attrs = ka;
        n->v.MatchClass.kwd_patterns = kp;
    }
    return n;
fail:
    plist_free(&pats);
    plist_free(&kwd_attrs);
    plist_free(&kwd_pats);
    return NULL;
}

static AstNode *p_closed_pattern(Parser *p)
{
    Token *start = p_peek(p);
    switch (start->kind) {
    case TOK_NUMBER:
    case TOK_MINUS: {
        AstNode *v = number_expr(p);
        return v ? value_pattern(p, start, v) : NULL;
    }
    case TOK_STRING: {
        AstNode *v = p_strings(p);   /* f-strings too: the compiler rejects them */
        return v ? value_pattern(p, start, v) : NULL;
    }
    case TOK_KW_NONE:
    case TOK_KW_TRUE:
    case TOK_KW_FALSE: {
        p->pos++;
        AstNode *n = pattern_node(p, AST_MatchSingleton, start);
        if (n)
            n->v.MatchSingleton.value.kind = start->kind == TOK_KW_NONE   ? AST_CONST_NONE
                                             : start->kind == TOK_KW_TRUE ? AST_CONST_TRUE
                                                                          : AST_CONST_FALSE;
        return n;
    }
    case TOK_NAME: {
        TokenKind next = p_peek_at(p, 1)->kind;
        if (next != TOK_DOT && next != TOK_LPAR) {
            p->pos++;
            if (next == TOK_EQUAL)
                return NULL;
            AstNode *n = pattern_node(p, AST_MatchAs, start);
            if (n && !is_wildcard(start))
                n->v.MatchAs.name = p_identifier(p, start);
            return n;
        }
        AstNode *e = name_or_attr(p);
        if (!e)
            return NULL;
        if (p_expect(p, TOK_LPAR))
            return class_pattern(p, start, e);
        if (e->kind != AST_Attribute || at_kind(p, TOK_DOT) || at_kind(p, TOK_EQUAL))
            return NULL;
        return value_pattern(p, start, e);
    }
    case TOK_LPAR: {
        /* group_pattern '(' pattern ')' or a parenthesised sequence. */
        p->pos++;
        if (p_expect(p, TOK_RPAR)) {
            PList none;
            plist_init(&none);
            return sequence_node(p, start, &none);
        }
        AstNode *first = maybe_star_pattern(p);
        if (!first)
            return NULL;
        if (first->kind != AST_MatchStar && p_expect(p, TOK_RPAR))
            return first;
        if (!p_expect(p, TOK_COMMA))
            return NULL;
        PList items;
        plist_init(&items);
        bool saw_comma;
        if (!plist_push(p, &items, first) || !sequence_items(p, &items, TOK_RPAR, &saw_comma)) {
            plist_free(&items);
            return NULL;
        }
        return sequence_node(p, start, &items);
    }
    case TOK_LSQB: {
        p->pos++;
        PList items;
        plist_init(&items);
        bool saw_comma;
        if (!sequence_items(p, &items, TOK_RSQB, &saw_comma)) {
            plist_free(&items);
            return NULL;
        }
        return sequence_node(p, start, &items);
    }
    case TOK_LBRACE:
        p->pos++;
        return mapping_pattern(p, start);
    default:
        return NULL;
    }
}

/* or_pattern: '|'.closed_pattern+ */
static AstNode *or_pattern(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first = p_closed_pattern(p);
    if (!first || !at_kind(p, TOK_VBAR))
        return first;
    PList alts;
    plist_init(&alts);
    plist_push(p, &alts, first);
    while (p_expect(p, TOK_VBAR)) {
        AstNode *alt = p_closed_pattern(p);
        if (!alt || !plist_push(p, &alts, alt)) {
            plist_free(&alts);
            return NULL;
        }
    }
    AstSeq *seq = plist_finish(p, &alts);
    AstNode *n = seq ? pattern_node(p, AST_MatchOr, start) : NULL;
    if (n)
        n->v.MatchOr.patterns = seq;
    return n;
}

/* pattern: or_pattern ['as' pattern_capture_target] */
static AstNode *p_pattern(Parser *p)
{
    if (!p_enter(p))
        return NULL;
    Token *start = p_peek(p);
    AstNode *pat = or_pattern(p);
    if (pat && at_kind(p, TOK_KW_AS)) {
        p->pos++;
        Token *t = p_peek(p);
        const char *name = capture_target(p);
        if (!name) {
            if (p->invalid_rules && !p->error) {
                if (is_wildcard(t))
                    p_error_tok(p, t, "cannot use '_' as a target");
                else
                    p_error_tok(p, t, "invalid pattern target");
            }
            pat = NULL;
        } else {
            AstNode *n = pattern_node(p, AST_MatchAs, start);
            if (n) {
                n->v.MatchAs.pattern = pat;
                n->v.MatchAs.name = name;
            }
            pat = n;
        }
    }
    p_leave(p);
    return pat;
}

/* patterns: open_sequence_pattern | pattern */
static AstNode *patterns(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first = maybe_star_pattern(p);
    if (!first)
        return NULL;
    if (!at_kind(p, TOK_COMMA) && first->kind != AST_MatchStar)
        return first;
    PList items;
    plist_init(&items);
    plist_push(p, &items, first);
    while (p_expect(p, TOK_COMMA)) {
        if (at_kind(p, TOK_COLON) || at_kind(p, TOK_KW_IF))
            break;
        AstNode *e = maybe_star_pattern(p);
        if (!e || !plist_push(p, &items, e)) {
            plist_free(&items);
            return NULL;
        }
    }
    return sequence_node(p, start, &items);
}

static AstNode *case_block(Parser *p)
{
    Token *kw = p_peek(p);
    p->pos++;
    AstNode *pat = patterns(p);
    if (!pat)
        return NULL;
    AstNode *guard = NULL;
    if (p_expect(p, TOK_KW_IF)) {
        guard = p_named_expression(p);
        if (!guard)
            return NULL;
    }
    if (!p_expect(p, TOK_COLON)) {
        if (p->invalid_rules && at_kind(p, TOK_NEWLINE))
            p_error_tok(p, p_peek(p), "expected ':'");
        return NULL;
    }
    AstSeq *body = p_block(p, kw, "'case' statement");
    if (!body)
        return NULL;
    AstNode *c = ast_new(p->arena, AST_match_case, (AstPos){0});
    if (!c)
        return p_nomem(p);
    c->v.match_case.pattern = pat;
    c->v.match_case.guard = guard;
    c->v.match_case.body = body;
    return c;
}

/* subject_expr: star_named_expression ',' star_named_expressions? | named_expression */
static AstNode *subject_expr(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first = p_star_named_expression(p);
    if (!first)
        return NULL;
    if (!at_kind(p, TOK_COMMA))
        return first->kind == AST_Starred ? NULL : first;
    PList items;
    plist_init(&items);
    plist_push(p, &items, first);
    while (p_expect(p, TOK_COMMA)) {
        if (at_kind(p, TOK_COLON))
            break;
        AstNode *e = p_star_named_expression(p);
        if (!e || !plist_push(p, &items, e)) {
            plist_free(&items);
            return NULL;
        }
    }
    AstSeq *seq = plist_finish(p, &items);
    AstNode *t = seq ? p_node(p, AST_Tuple, start) : NULL;
    if (t) {
        t->v.Tuple.elts = seq;
        t->v.Tuple.ctx = AST_Load;
    }
    return t;
}

AstNode *p_match_stmt(Parser *p)
{
    Token *kw = p_peek(p);
    p->pos++;
    AstNode *subject = subject_expr(p);
    if (!subject)
        return NULL;
    if (!p_expect(p, TOK_COLON)) {
        if (p->invalid_rules && at_kind(p, TOK_NEWLINE))
            p_error_tok(p, p_peek(p), "expected ':'");
        return NULL;
    }
    if (!p_expect(p, TOK_NEWLINE))
        return NULL;
    if (!at_kind(p, TOK_INDENT)) {
        if (p->invalid_rules) {
            Token *t = p_peek(p);
            p_error_span(p, SYNERR_INDENTATION, t->lineno, t->col_offset, t->end_lineno,
                         t->end_col_offset,
                         "expected an indented block after 'match' statement on line %d",
                         kw->lineno);
        }
        return NULL;
    }
    p->pos++;
    PList cases;
    plist_init(&cases);
    while (p_is_name(p, "case")) {
        AstNode *c = case_block(p);
        if (!c || !plist_push(p, &cases, c)) {
            plist_free(&cases);
            return NULL;
        }
    }
    if (cases.n == 0 || !p_expect(p, TOK_DEDENT)) {
        plist_free(&cases);
        return NULL;
    }
    AstSeq *seq = plist_finish(p, &cases);
    AstNode *m = seq ? p_node(p, AST_Match, kw) : NULL;
    if (m) {
        m->v.Match.subject = subject;
        m->v.Match.cases = seq;
    }
    return m;
}
