/* Statements, following the statement rules of CPython 3.11's grammar.
 * Simple statements that start with an expression are parsed as
 * star_expressions first and turned into assignment targets when an '=',
 * ':' or augmented operator follows. */
#include <string.h>

#include "parser_impl.h"

static bool at_kind(Parser *p, TokenKind k) { return p_peek(p)->kind == k; }

static AstSeq *p_simple_stmts(Parser *p);
static AstNode *p_compound_stmt(Parser *p);

/* ---- blocks ---- */

/* Expects ':' after a compound statement's header.  `forced` colons raise
 * "expected ':'" at once (CPython's &&':'); the others only in the second
 * pass, when a NEWLINE stands where the colon should be. */
static bool expect_colon(Parser *p, bool forced)
{
    if (p_expect(p, TOK_COLON))
        return true;
    Token *t = p_peek(p);
    if (forced || (p->invalid_rules && t->kind == TOK_NEWLINE))
        p_error_tok(p, t, "expected ':'");
    return false;
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts.  `what` names the
 * statement for "expected an indented block after %s on line %d". */
AstSeq *p_block(Parser *p, const Token *kw, const char *what)
{
    if (!at_kind(p, TOK_NEWLINE))
        return p_simple_stmts(p);
    Token *next = p_peek_at(p, 1);
    if (next->kind != TOK_INDENT) {
        if (p->invalid_rules && !p->error) {
            if (what)
                p_error_span(p, SYNERR_INDENTATION, next->lineno, next->col_offset,
                             next->end_lineno, next->end_col_offset,
                             "expected an indented block after %s on line %d", what, kw->lineno);
            else
                p_error_span(p, SYNERR_INDENTATION, next->lineno, next->col_offset,
                             next->end_lineno, next->end_col_offset, "expected an indented block");
        }
        return NULL;
    }
    p->pos += 2;
    PList body;
    plist_init(&body);
    while (!at_kind(p, TOK_DEDENT)) {
        AstSeq *s = p_statement(p);
        if (!s) {
            plist_free(&body);
            return NULL;
        }
        for (int i = 0; i < s->n; i++)
            if (!plist_push(p, &body, s->items[i])) {
                plist_free(&body);
                return NULL;
            }
    }
    p->pos++;
    return plist_finish(p, &body);
}

static AstSeq *colon_block(Parser *p, const Token *kw, const char *what, bool forced)
{
    if (!expect_colon(p, forced))
        return NULL;
    return p_block(p, kw, what);
}

/* ---- statements ---- */

AstSeq *p_file(Parser *p)
{
    PList body;
    plist_init(&body);
    while (!at_kind(p, TOK_ENDMARKER)) {
        AstSeq *s = p_statement(p);
        if (!s) {
            plist_free(&body);
            return NULL;
        }
        for (int i = 0; i < s->n; i++)
            if (!plist_push(p, &body, s->items[i])) {
                plist_free(&body);
                return NULL;
            }
    }
    return plist_finish(p, &body);
}

AstSeq *p_statement(Parser *p)
{
    if (p->error)
        return NULL;
    Token *t = p_peek(p);
    switch (t->kind) {
    case TOK_KW_DEF:
    case TOK_AT:
    case TOK_KW_CLASS:
    case TOK_KW_IF:
    case TOK_KW_WHILE:
    case TOK_KW_FOR:
    case TOK_KW_WITH:
    case TOK_KW_TRY:
        break;
    case TOK_KW_ASYNC: {
        TokenKind k = p_peek_at(p, 1)->kind;
        if (k != TOK_KW_DEF && k != TOK_KW_FOR && k != TOK_KW_WITH)
            return p_simple_stmts(p);
        break;
    }
    case TOK_NAME:
        if (p_is_name(p, "match")) {
            int save = p->pos;
            AstNode *m = p_match_stmt(p);
            if (m)
                return p_seq1(p, m);
            if (p->error)
                return NULL;
            p->pos = save;
        }
        return p_simple_stmts(p);
    default:
        return p_simple_stmts(p);
    }
    if (!p_enter(p))
        return NULL;
    AstNode *s = p_compound_stmt(p);
    p_leave(p);
    return s ? p_seq1(p, s) : NULL;
}

/* ---- simple statements ---- */

static AstNode *p_simple_stmt(Parser *p);

static AstSeq *p_simple_stmts(Parser *p)
{
    PList stmts;
    plist_init(&stmts);
    for (;;) {
        AstNode *s = p_simple_stmt(p);
        if (!s || !plist_push(p, &stmts, s))
            goto fail;
        if (p_expect(p, TOK_NEWLINE))
            break;
        if (!p_expect(p, TOK_SEMI))
            goto fail;
        if (p_expect(p, TOK_NEWLINE))
            break;
    }
    return plist_finish(p, &stmts);
fail:
    plist_free(&stmts);
    return NULL;
}

/* dotted_name: NAME ('.' NAME)* as one identifier "a.b.c". */
static const char *dotted_name(Parser *p)
{
    Token *first = p_expect(p, TOK_NAME);
    if (!first)
        return NULL;
    if (!at_kind(p, TOK_DOT) || p_peek_at(p, 1)->kind != TOK_NAME)
        return p_identifier(p, first);
    /* Join the normalised parts with dots. */
    PList parts;
    plist_init(&parts);
    size_t len = 0;
    const char *id = p_identifier(p, first);
    if (!id || !plist_push(p, &parts, (void *)id))
        goto fail;
    len += strlen(id);
    while (at_kind(p, TOK_DOT) && p_peek_at(p, 1)->kind == TOK_NAME) {
        p->pos++;
        id = p_identifier(p, p_peek(p));
        p->pos++;
        if (!id || !plist_push(p, &parts, (void *)id))
            goto fail;
        len += strlen(id) + 1;
    }
    char *out = arena_alloc(p->arena, len + 1), *w = out;
    if (!out) {
        p_nomem(p);
        goto fail;
    }
    for (int i = 0; i < parts.n; i++) {
        if (i)
            *w++ = '.';
        size_t n = strlen(parts.items[i]);
        memcpy(w, parts.items[i], n);
        w += n;
    }
    *w = '\0';
    plist_free(&parts);
    return out;
fail:
    plist_free(&parts);
    return NULL;
}

static AstNode *alias_node(Parser *p, const Token *start, const char *name, const char *asname)
{
    AstNode *a = p_node(p, AST_alias, start);
    if (a) {
        a->v.alias.name = name;
        a->v.alias.asname = asname;
    }
    return a;
}

/* ['as' NAME]; returns NULL with *ok false on a parse failure. */
static const char *opt_as_name(Parser *p, bool *ok)
{
    *ok = true;
    if (!at_kind(p, TOK_KW_AS))
        return NULL;
    p->pos++;
    Token *n = p_expect(p, TOK_NAME);
    if (!n) {
        *ok = false;
        return NULL;
    }
    const char *id = p_identifier(p, n);
    *ok = id != NULL;
    return id;
}

static AstNode *p_import_name(Parser *p, Token *start)
{
    PList names;
    plist_init(&names);
    do {
        Token *s = p_peek(p);
        const char *name = dotted_name(p);
        bool ok;
        const char *as = name ? opt_as_name(p, &ok) : NULL;
        if (!name || !ok)
            goto fail;
        AstNode *a = alias_node(p, s, name, as);
        if (!a || !plist_push(p, &names, a))
            goto fail;
    } while (p_expect(p, TOK_COMMA));
    AstSeq *seq = plist_finish(p, &names);
    AstNode *n = seq ? p_node(p, AST_Import, start) : NULL;
    if (n)
        n->v.Import.names = seq;
    return n;
fail:
    plist_free(&names);
    return NULL;
}

static AstNode *p_import_from(Parser *p, Token *start)
{
    int level = 0;
    for (;;) {
        if (p_expect(p, TOK_DOT))
            level++;
        else if (p_expect(p, TOK_ELLIPSIS))
            level += 3;
        else
            break;
    }
    const char *module = NULL;
    if (!at_kind(p, TOK_KW_IMPORT)) {
        module = dotted_name(p);
        if (!module)
            return NULL;
    } else if (level == 0) {
        return NULL;
    }
    if (!p_expect(p, TOK_KW_IMPORT))
        return NULL;
    PList names;
    plist_init(&names);
    Token *t = p_peek(p);
    if (t->kind == TOK_STAR) {
        p->pos++;
        AstNode *a = alias_node(p, t, "*", NULL);
        if (!a || !plist_push(p, &names, a))
            goto fail;
    } else {
        bool paren = p_expect(p, TOK_LPAR) != NULL;
        for (;;) {
            Token *s = p_expect(p, TOK_NAME);
            if (!s)
                goto fail;
            const char *name = p_identifier(p, s);
            bool ok;
            const char *as = name ? opt_as_name(p, &ok) : NULL;
            if (!name || !ok)
                goto fail;
            AstNode *a = alias_node(p, s, name, as);
            if (!a || !plist_push(p, &names, a))
                goto fail;
            if (!at_kind(p, TOK_COMMA))
                break;
            p->pos++;
            if (paren && at_kind(p, TOK_RPAR))
                break;
            if (!paren && at_kind(p, TOK_NEWLINE)) {
                if (p->invalid_rules) {
                    Token *nl = p_peek(p);
                    p_error_span(p, SYNERR_SYNTAX, nl->lineno, nl->col_offset, nl->lineno,
                                 nl->col_offset,
                                 "trailing comma not allowed without surrounding parentheses");
                }
                goto fail;
            }
        }
        if (paren && !p_expect(p, TOK_RPAR))
            goto fail;
    }
    AstSeq *seq = plist_finish(p, &names);
    AstNode *n = seq ? p_node(p, AST_ImportFrom, start) : NULL;
    if (n) {
        n->v.ImportFrom.module = module;
        n->v.ImportFrom.names = seq;
        n->v.ImportFrom.level = level;
    }
    return n;
fail:
    plist_free(&names);
    return NULL;
}

static AstNode *p_global_or_nonlocal(Parser *p, Token *start, AstKind kind)
{
    PList names;
    plist_init(&names);
    do {
        Token *t = p_expect(p, TOK_NAME);
        const char *id = t ? p_identifier(p, t) : NULL;
        if (!id || !plist_push(p, &names, (void *)id)) {
            plist_free(&names);
            return NULL;
        }
    } while (p_expect(p, TOK_COMMA));
    AstSeq *seq = plist_finish(p, &names);
    AstNode *n = seq ? p_node(p, kind, start) : NULL;
    if (n) {
        if (kind == AST_Global)
            n->v.Global.names = seq;
        else
            n->v.Nonlocal.names = seq;
    }
    return n;
}

/* In the second pass, report the first invalid target of `e` (CPython's
 * RAISE_SYNTAX_ERROR_INVALID_TARGET). */
static void report_invalid_target(Parser *p, const AstNode *e, AstCtx ctx, bool for_target)
{
    if (for_target && e->kind == AST_Compare &&
        (AstCmpOp)(intptr_t)e->v.Compare.ops->items[0] == AST_In)
        e = e->v.Compare.left;
    else if (for_target && e->kind == AST_Compare)
        return;
    const AstNode *where = e;
    const char *what = p_invalid_target_name(e, ctx, &where);
    if (what)
        p_error_node(p, where, ctx == AST_Del ? "cannot delete %s" : "cannot assign to %s", what);
}

/* del_targets, each checked with the Del context. */
static AstNode *p_del_stmt(Parser *p, Token *start)
{
    PList targets;
    plist_init(&targets);
    bool ok = true;
    do {
        if (at_kind(p, TOK_SEMI) || at_kind(p, TOK_NEWLINE))
            break;
        AstNode *t = p_primary(p);
        if (!t || !plist_push(p, &targets, t)) {
            ok = false;
            break;
        }
        bool saved = p->invalid_rules;
        p->invalid_rules = false;
        ok = p_set_context(p, t, AST_Del);
        p->invalid_rules = saved;
        if (!ok)
            break;
    } while (p_expect(p, TOK_COMMA));
    if (ok && targets.n && (at_kind(p, TOK_SEMI) || at_kind(p, TOK_NEWLINE))) {
        AstSeq *seq = plist_finish(p, &targets);
        AstNode *n = seq ? p_node(p, AST_Delete, start) : NULL;
        if (n)
            n->v.Delete.targets = seq;
        return n;
    }
    plist_free(&targets);
    return NULL;
}

/* Target of an annotated assignment: the `simple` flag is 1 for a bare
 * name not in parentheses. */
static bool annotation_target(Parser *p, AstNode *e, const Token *start, int *simple)
{
    switch (e->kind) {
    case AST_Name:
        *simple = start->kind != TOK_LPAR;
        return p_set_context(p, e, AST_Store);
    case AST_Attribute:
    case AST_Subscript:
        *simple = 0;
        return p_set_context(p, e, AST_Store);
    default:
        break;
    }
    if (p->invalid_rules) {
        if (e->kind == AST_Tuple && start->kind != TOK_LPAR)
            p_error_node(p, e->v.Tuple.elts->items[0],
                         "only single target (not tuple) can be annotated");
        else if (e->kind == AST_Tuple || e->kind == AST_List)
            p_error_node(p, e, "only single target (not %s) can be annotated",
                         e->kind == AST_Tuple ? "tuple" : "list");
        else if (e->kind != AST_Starred)
            p_error_node(p, e, "illegal target for annotation");
    }
    return false;
}

static bool augassign_op(TokenKind k, AstBinOp *op)
{
    switch (k) {
    case TOK_PLUSEQUAL: *op = AST_Add; return true;
    case TOK_MINEQUAL: *op = AST_Sub; return true;
    case TOK_STAREQUAL: *op = AST_Mult; return true;
    case TOK_ATEQUAL: *op = AST_MatMult; return true;
    case TOK_SLASHEQUAL: *op = AST_Div; return true;
    case TOK_PERCENTEQUAL: *op = AST_Mod; return true;
    case TOK_AMPEREQUAL: *op = AST_BitAnd; return true;
    case TOK_VBAREQUAL: *op = AST_BitOr; return true;
    case TOK_CIRCUMFLEXEQUAL: *op = AST_BitXor; return true;
    case TOK_LEFTSHIFTEQUAL: *op = AST_LShift; return true;
    case TOK_RIGHTSHIFTEQUAL: *op = AST_RShift; return true;
    case TOK_DOUBLESTAREQUAL: *op = AST_Pow; return true;
    case TOK_DOUBLESLASHEQUAL: *op = AST_FloorDiv; return true;
    default: return false;
    }
}

/* The right-hand side of an assignment: yield_expr | star_expressions */
static AstNode *assignment_value(Parser *p)
{
    if (at_kind(p, TOK_KW_YIELD))
        return p_yield_expr(p);
    return p_star_expressions(p);
}

/* In the second pass, a failed assignment first gets CPython's
 * invalid_named_expression treatment from the statement start. */
static bool second_pass_named_check(Parser *p, int stmt_start)
{
    if (!p->invalid_rules || p->error)
        return p->error;
    int save = p->pos;
    p->pos = stmt_start;
    /* star_named_expression (',' star_named_expression)*: each element
     * goes through named_expression's error checks. */
    for (;;) {
        if (!at_kind(p, TOK_STAR)) {
            p_invalid_named_expression(p);
            if (p->error)
                break;
        }
        p->invalid_rules = false;
        AstNode *e = p_star_named_expression(p);
        p->invalid_rules = true;
        if (!e || !p_expect(p, TOK_COMMA))
            break;
    }
    p->pos = save;
    return p->error;
}

/* assignment | star_expressions, at the start of a simple statement. */
static AstNode *p_expr_or_assign(Parser *p, Token *start)
{
    int stmt_start = p->pos;
    AstNode *e = p_star_expressions(p);
    if (!e) {
        if (!p->error && at_kind(p, TOK_KW_YIELD))
            e = p_yield_expr(p);
        if (!e)
            return NULL;
    }
    Token *t = p_peek(p);
    AstBinOp op;
    if (t->kind == TOK_COLON) {
        int simple = 0;
        bool saved = p->invalid_rules;
        p->invalid_rules = false;
        bool ok = e->kind != AST_Yield && annotation_target(p, e, start, &simple);
        p->invalid_rules = saved;
        if (!ok) {
            if (second_pass_named_check(p, stmt_start))
                return NULL;
            if (p->invalid_rules) {
                int save = p->pos;
                p->pos++;
                AstNode *ann = p_expression(p);
                p->pos = save;
                if (ann)
                    annotation_target(p, e, start, &simple);
            }
            return NULL;
        }
        p->pos++;
        AstNode *ann = p_expression(p);
        if (!ann)
            return NULL;
        AstNode *value = NULL;
        if (p_expect(p, TOK_EQUAL)) {
            value = assignment_value(p);
            if (!value)
                return NULL;
        }
        AstNode *n = p_node(p, AST_AnnAssign, start);
        if (n) {
            n->v.AnnAssign.target = e;
            n->v.AnnAssign.annotation = ann;
            n->v.AnnAssign.value = value;
            n->v.AnnAssign.simple = simple;
        }
        return n;
    }
    if (t->kind == TOK_EQUAL) {
        PList targets;
        plist_init(&targets);
        AstNode *value = e;
        while (p_expect(p, TOK_EQUAL)) {
            if (!plist_push(p, &targets, value)) {
                plist_free(&targets);
                return NULL;
            }
            value = assignment_value(p);
            if (!value) {
                /* (star_targets '=')* a=star_expressions '=': report a bad
                 * target even though the statement fails later. */
                if (p->invalid_rules && !p->error && !second_pass_named_check(p, stmt_start)) {
                    for (int i = 0; i < targets.n && !p->error; i++) {
                        AstNode *target = targets.items[i];
                        const AstNode *where = target;
                        if (target->kind == AST_Yield)
                            p_error_node(p, target, "assignment to yield expression not possible");
                        else if (p_invalid_target_name(target, AST_Store, &where))
                            report_invalid_target(p, target, AST_Store, false);
                    }
                }
                plist_free(&targets);
                return NULL;
            }
        }
        /* Check the targets now that the whole chain is read. */
        for (int i = 0; i < targets.n; i++) {
            AstNode *target = targets.items[i];
            bool saved = p->invalid_rules;
            p->invalid_rules = false;
            bool ok = target->kind != AST_Yield && p_set_context(p, target, AST_Store);
            p->invalid_rules = saved;
            if (!ok) {
                plist_free(&targets);
                if (second_pass_named_check(p, stmt_start))
                    return NULL;
                if (p->invalid_rules) {
                    if (target->kind == AST_Yield)
                        p_error_node(p, target, "assignment to yield expression not possible");
                    else
                        report_invalid_target(p, target, AST_Store, false);
                }
                return NULL;
            }
        }
        AstSeq *seq = plist_finish(p, &targets);
        AstNode *n = seq ? p_node(p, AST_Assign, start) : NULL;
        if (n) {
            n->v.Assign.targets = seq;
            n->v.Assign.value = value;
        }
        return n;
    }
    if (augassign_op(t->kind, &op)) {
        if (e->kind != AST_Name && e->kind != AST_Attribute && e->kind != AST_Subscript) {
            if (second_pass_named_check(p, stmt_start))
                return NULL;
            if (p->invalid_rules) {
                int save = p->pos;
                p->pos++;
                AstNode *v = assignment_value(p);
                p->pos = save;
                if (v)
                    p_error_node(p, e, "'%s' is an illegal expression for augmented assignment",
                                 p_expr_name(e));
            }
            return NULL;
        }
        p_set_context(p, e, AST_Store);
        p->pos++;
        AstNode *value = assignment_value(p);
        if (!value)
            return NULL;
        AstNode *n = p_node(p, AST_AugAssign, start);
        if (n) {
            n->v.AugAssign.target = e;
            n->v.AugAssign.op = op;
            n->v.AugAssign.value = value;
        }
        return n;
    }
    AstNode *n = p_node(p, AST_Expr, start);
    if (n)
        n->v.Expr.value = e;
    return n;
}

static AstNode *p_simple_stmt(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *n;
    switch (start->kind) {
    case TOK_KW_RETURN: {
        p->pos++;
        AstNode *v = NULL;
        if (!at_kind(p, TOK_NEWLINE) && !at_kind(p, TOK_SEMI)) {
            v = p_star_expressions(p);
            if (!v)
                return NULL;
        }
        n = p_node(p, AST_Return, start);
        if (n)
            n->v.Return.value = v;
        return n;
    }
    case TOK_KW_IMPORT:
        p->pos++;
        return p_import_name(p, start);
    case TOK_KW_FROM:
        p->pos++;
        return p_import_from(p, start);
    case TOK_KW_RAISE: {
        p->pos++;
        AstNode *exc = NULL, *cause = NULL;
        if (!at_kind(p, TOK_NEWLINE) && !at_kind(p, TOK_SEMI)) {
            exc = p_expression(p);
            if (!exc)
                return NULL;
            if (p_expect(p, TOK_KW_FROM)) {
                cause = p_expression(p);
                if (!cause)
                    return NULL;
            }
        }
        n = p_node(p, AST_Raise, start);
        if (n) {
            n->v.Raise.exc = exc;
            n->v.Raise.cause = cause;
        }
        return n;
    }
    case TOK_KW_PASS:
        p->pos++;
        return p_node(p, AST_Pass, start);
    case TOK_KW_BREAK:
        p->pos++;
        return p_node(p, AST_Break, start);
    case TOK_KW_CONTINUE:
        p->pos++;
        return p_node(p, AST_Continue, start);
    case TOK_KW_DEL: {
        int save = p->pos;
        p->pos++;
        n = p_del_stmt(p, start);
        if (!n && p->invalid_rules && !p->error) {
            p->pos = save + 1;
            AstNode *e = p_star_expressions(p);
            if (e)
                report_invalid_target(p, e, AST_Del, false);
        }
        return n;
    }
    case TOK_KW_ASSERT: {
        p->pos++;
        AstNode *test = p_expression(p), *msg = NULL;
        if (!test)
            return NULL;
        if (p_expect(p, TOK_COMMA)) {
            msg = p_expression(p);
            if (!msg)
                return NULL;
        }
        n = p_node(p, AST_Assert, start);
        if (n) {
            n->v.Assert.test = test;
            n->v.Assert.msg = msg;
        }
        return n;
    }
    case TOK_KW_GLOBAL:
        p->pos++;
        return p_global_or_nonlocal(p, start, AST_Global);
    case TOK_KW_NONLOCAL:
        p->pos++;
        return p_global_or_nonlocal(p, start, AST_Nonlocal);
    default:
        return p_expr_or_assign(p, start);
    }
}

/* ---- compound statements ---- */

static AstSeq *else_block(Parser *p)
{
    Token *kw = p_expect(p, TOK_KW_ELSE);
    return colon_block(p, kw, "'else' statement", true);
}

/* if/elif: 'if' named_expression ':' block (elif | else)? */
static AstNode *p_if_stmt(Parser *p, const char *what)
{
    Token *start = p_peek(p);
    p->pos++;
    AstNode *test = p_named_expression(p);
    if (!test)
        return NULL;
    AstSeq *body = colon_block(p, start, what, false);
    if (!body)
        return NULL;
    AstSeq *orelse = P_EMPTY;
    if (at_kind(p, TOK_KW_ELIF)) {
        if (!p_enter(p))
            return NULL;
        AstNode *elif = p_if_stmt(p, "'elif' statement");
        p_leave(p);
        if (!elif || !(orelse = p_seq1(p, elif)))
            return NULL;
    } else if (at_kind(p, TOK_KW_ELSE)) {
        orelse = else_block(p);
        if (!orelse)
            return NULL;
    }
    AstNode *n = p_node(p, AST_If, start);
    if (n) {
        n->v.If.test = test;
        n->v.If.body = body;
        n->v.If.orelse = orelse;
    }
    return n;
}

static AstNode *p_while_stmt(Parser *p, Token *start)
{
    p->pos++;
    AstNode *test = p_named_expression(p);
    if (!test)
        return NULL;
    AstSeq *body = colon_block(p, start, "'while' statement", false);
    if (!body)
        return NULL;
    AstSeq *orelse = P_EMPTY;
    if (at_kind(p, TOK_KW_ELSE) && !(orelse = else_block(p)))
        return NULL;
    AstNode *n = p_node(p, AST_While, start);
    if (n) {
        n->v.While.test = test;
        n->v.While.body = body;
        n->v.While.orelse = orelse;
    }
    return n;
}

static AstNode *p_for_stmt(Parser *p, Token *start, bool is_async)
{
    Token *kw = p_peek(p);
    p->pos++;
    int target_pos = p->pos;
    AstNode *target = p_star_targets(p);
    if (!target || !p_expect(p, TOK_KW_IN)) {
        if (p->invalid_rules && !p->error) {
            p->pos = target_pos;
            bool saved = p->invalid_rules;
            p->invalid_rules = false;
            AstNode *e = p_star_expressions(p);
            p->invalid_rules = saved;
            if (e)
                report_invalid_target(p, e, AST_Store, true);
        }
        return NULL;
    }
    AstNode *iter = p_star_expressions(p);
    if (!iter)
        return NULL;
    AstSeq *body = colon_block(p, kw, "'for' statement", false);
    if (!body)
        return NULL;
    AstSeq *orelse = P_EMPTY;
    if (at_kind(p, TOK_KW_ELSE) && !(orelse = else_block(p)))
        return NULL;
    AstNode *n = p_node(p, is_async ? AST_AsyncFor : AST_For, start);
    if (n) {
        /* For and AsyncFor have the same fields in the same order. */
        n->v.For.target = target;
        n->v.For.iter = iter;
        n->v.For.body = body;
        n->v.For.orelse = orelse;
    }
    return n;
}

/* with_item: expression ['as' star_target &(',' | ')' | ':')] */
static AstNode *with_item(Parser *p)
{
    AstNode *e = p_expression(p);
    if (!e)
        return NULL;
    AstNode *vars = NULL;
    if (at_kind(p, TOK_KW_AS)) {
        int save = p->pos;
        p->pos++;
        int target_pos = p->pos;
        vars = p_star_target(p);
        TokenKind k = p_peek(p)->kind;
        bool saved = p->invalid_rules;
        p->invalid_rules = false;
        bool ok = vars && (k == TOK_COMMA || k == TOK_RPAR || k == TOK_COLON) &&
                  p_set_context(p, vars, AST_Store);
        p->invalid_rules = saved;
        if (!ok) {
            if (p->invalid_rules && !p->error) {
                p->pos = target_pos;
                p->invalid_rules = false;
                AstNode *t = p_expression(p);
                p->invalid_rules = true;
                k = p_peek(p)->kind;
                if (t && (k == TOK_COMMA || k == TOK_RPAR || k == TOK_COLON))
                    report_invalid_target(p, t, AST_Store, false);
            }
            p->pos = save;
            return NULL;
        }
    }
    AstNode *w = ast_new(p->arena, AST_withitem, (AstPos){0});
    if (!w)
        return p_nomem(p);
    w->v.withitem.context_expr = e;
    w->v.withitem.optional_vars = vars;
    return w;
}

static AstSeq *with_items(Parser *p, bool parenthesized)
{
    PList items;
    plist_init(&items);
    for (;;) {
        AstNode *w = with_item(p);
        if (!w || !plist_push(p, &items, w))
            goto fail;
        if (!at_kind(p, TOK_COMMA))
            break;
        p->pos++;
        if (parenthesized && at_kind(p, TOK_RPAR))
            break;
    }
    return plist_finish(p, &items);
fail:
    plist_free(&items);
    return NULL;
}

/* Second pass: `with a as b` followed by a NEWLINE instead of ':'
 * (CPython's invalid_with_stmt), with or without parentheses. */
static void invalid_with_stmt(Parser *p, int items_pos)
{
    bool saved = p->invalid_rules;
    for (int paren = 0; paren < 2 && !p->error; paren++) {
        p->pos = items_pos;
        if (paren && !p_expect(p, TOK_LPAR))
            break;
        p->invalid_rules = false;
        bool ok = true;
        do {
            if (paren && at_kind(p, TOK_RPAR))
                break;
            ok = paren ? p_star_expressions(p) != NULL : p_expression(p) != NULL;
            if (ok && p_expect(p, TOK_KW_AS))
                ok = p_star_target(p) != NULL;
        } while (ok && p_expect(p, TOK_COMMA));
        p->invalid_rules = saved;
        if (ok && (!paren || p_expect(p, TOK_RPAR)) && at_kind(p, TOK_NEWLINE))
            p_error_tok(p, p_peek(p), "expected ':'");
    }
    p->invalid_rules = saved;
}

static AstNode *p_with_stmt(Parser *p, Token *start, bool is_async)
{
    Token *kw = p_peek(p);
    p->pos++;
    int items_pos = p->pos;
    AstNode *n = NULL;
    AstSeq *items = NULL;
    if (at_kind(p, TOK_LPAR)) {
        /* 'with' '(' with_item, ... ')' ':' — else the '(' opens an expression. */
        int save = p->pos;
        p->pos++;
        items = with_items(p, true);
        if (!items || !p_expect(p, TOK_RPAR) || !at_kind(p, TOK_COLON)) {
            if (p->error)
                return NULL;
            items = NULL;
            p->pos = save;
        }
    }
    if (!items)
        items = with_items(p, false);
    AstSeq *body = NULL;
    if (items && at_kind(p, TOK_COLON))
        body = colon_block(p, kw, "'with' statement", false);
    else if (p->invalid_rules && !p->error)
        invalid_with_stmt(p, items_pos);
    if (!body)
        return NULL;
    n = p_node(p, is_async ? AST_AsyncWith : AST_With, start);
    if (n) {
        n->v.With.items = items;
        n->v.With.body = body;
    }
    return n;
}

/* except_block / except_star_block */
static AstNode *except_handler(Parser *p, bool *star)
{
    Token *start = p_peek(p);
    p->pos++;
    *star = p_expect(p, TOK_STAR) != NULL;
    AstNode *type = NULL;
    const char *name = NULL;
    if (!at_kind(p, TOK_COLON) || *star) {
        if (*star && (at_kind(p, TOK_COLON) || at_kind(p, TOK_NEWLINE))) {
            if (p->invalid_rules)
                p_error_tok(p, p_peek(p), "expected one or more exception types");
            return NULL;
        }
        type = p_expression(p);
        if (!type)
            return NULL;
        if (at_kind(p, TOK_COMMA) && p->invalid_rules) {
            int save = p->pos;
            p->pos++;
            bool saved = p->invalid_rules;
            p->invalid_rules = false;
            AstNode *rest = p_star_expressions(p);
            p->invalid_rules = saved;
            if (rest) {
                bool ok = true;
                if (at_kind(p, TOK_KW_AS))
                    (void)opt_as_name(p, &ok);
                if (ok && at_kind(p, TOK_COLON)) {
                    p_error_span(p, SYNERR_SYNTAX, type->pos.lineno, type->pos.col_offset,
                                 rest->pos.end_lineno, rest->pos.end_col_offset,
                                 "multiple exception types must be parenthesized");
                    return NULL;
                }
            }
            p->pos = save;
        }
        if (p_expect(p, TOK_KW_AS)) {
            Token *nt = p_expect(p, TOK_NAME);
            if (!nt)
                return NULL;
            name = p_identifier(p, nt);
            if (!name)
                return NULL;
        }
    }
    AstSeq *body = colon_block(p, start, *star ? "'except*' statement" : "'except' statement",
                               false);
    if (!body)
        return NULL;
    AstNode *h = p_node(p, AST_ExceptHandler, start);
    if (h) {
        h->v.ExceptHandler.type = type;
        h->v.ExceptHandler.name = name;
        h->v.ExceptHandler.body = body;
    }
    return h;
}

static AstNode *p_try_stmt(Parser *p, Token *start)
{
    p->pos++;
    AstSeq *body = colon_block(p, start, "'try' statement", true);
    if (!body)
        return NULL;
    PList handlers;
    plist_init(&handlers);
    int kind = -1;   /* -1 unknown, 0 except, 1 except* */
    while (at_kind(p, TOK_KW_EXCEPT)) {
        bool star;
        int ex_index = p->pos;
        Token *ex = p_peek(p);
        AstNode *h = except_handler(p, &star);
        if (!h || !plist_push(p, &handlers, h))
            goto fail;
        if (kind >= 0 && kind != star) {
            if (p->invalid_rules) {
                Token *end = star ? p_token(p, ex_index + 1) : ex;
                p_error_span(p, SYNERR_SYNTAX, ex->lineno, ex->col_offset, end->end_lineno,
                             end->end_col_offset,
                             "cannot have both 'except' and 'except*' on the same 'try'");
            }
            goto fail;
        }
        kind = star;
    }
    AstSeq *orelse = P_EMPTY, *finalbody = P_EMPTY;
    if (handlers.n && at_kind(p, TOK_KW_ELSE) && !(orelse = else_block(p)))
        goto fail;
    if (at_kind(p, TOK_KW_FINALLY)) {
        Token *kw = p_peek(p);
        p->pos++;
        finalbody = colon_block(p, kw, "'finally' statement", true);
        if (!finalbody)
            goto fail;
    } else if (handlers.n == 0) {
        if (p->invalid_rules)
            p_error_tok(p, p_peek(p), "expected 'except' or 'finally' block");
        goto fail;
    }
    AstSeq *hs = plist_finish(p, &handlers);
    AstNode *n = hs ? p_node(p, kind == 1 ? AST_TryStar : AST_Try, start) : NULL;
    if (n) {
        n->v.Try.body = body;
        n->v.Try.handlers = hs;
        n->v.Try.orelse = orelse;
        n->v.Try.finalbody = finalbody;
    }
    return n;
fail:
    plist_free(&handlers);
    return NULL;
}

static AstNode *p_funcdef(Parser *p, Token *start, AstSeq *decorators, bool is_async)
{
    Token *kw = p_peek(p);
    p->pos++;
    Token *name = p_expect(p, TOK_NAME);
    if (!name)
        return NULL;
    if (!p_expect(p, TOK_LPAR))
        return p_error_tok(p, p_peek(p), "expected '('");
    AstNode *args = p_lambda_or_def_params(p, false);
    if (!args || !p_expect(p, TOK_RPAR))
        return NULL;
    AstNode *returns = NULL;
    if (at_kind(p, TOK_RARROW)) {
        /* ['->' expression]: when it fails, the forced ':' below reports
         * "expected ':'" at the arrow, as CPython does. */
        int save = p->pos++;
        returns = p_expression(p);
        if (!returns) {
            if (p->error)
                return NULL;
            p->pos = save;
        }
    }
    AstSeq *body = colon_block(p, kw, "function definition", true);
    if (!body)
        return NULL;
    const char *id = p_identifier(p, name);
    AstNode *n = id ? p_node(p, is_async ? AST_AsyncFunctionDef : AST_FunctionDef, start)
                    : NULL;
    if (n) {
        n->v.FunctionDef.name = id;
        n->v.FunctionDef.args = args;
        n->v.FunctionDef.body = body;
        n->v.FunctionDef.decorator_list = decorators;
        n->v.FunctionDef.returns = returns;
    }
    return n;
}

static AstNode *p_classdef(Parser *p, AstSeq *decorators)
{
    Token *start = p_peek(p);
    p->pos++;
    Token *name = p_expect(p, TOK_NAME);
    if (!name)
        return NULL;
    AstSeq *bases = P_EMPTY, *keywords = P_EMPTY;
    if (p_expect(p, TOK_LPAR) && !p_args_for_class(p, &bases, &keywords))
        return NULL;
    AstSeq *body = colon_block(p, start, "class definition", false);
    if (!body)
        return NULL;
    const char *id = p_identifier(p, name);
    AstNode *n = id ? p_node(p, AST_ClassDef, start) : NULL;
    if (n) {
        n->v.ClassDef.name = id;
        n->v.ClassDef.bases = bases;
        n->v.ClassDef.keywords = keywords;
        n->v.ClassDef.body = body;
        n->v.ClassDef.decorator_list = decorators;
    }
    return n;
}

static AstNode *p_decorated(Parser *p)
{
    PList decs;
    plist_init(&decs);
    while (p_expect(p, TOK_AT)) {
        AstNode *d = p_named_expression(p);
        if (!d || !plist_push(p, &decs, d) || !p_expect(p, TOK_NEWLINE)) {
            plist_free(&decs);
            return NULL;
        }
    }
    AstSeq *seq = plist_finish(p, &decs);
    if (!seq)
        return NULL;
    Token *t = p_peek(p);
    if (t->kind == TOK_KW_DEF)
        return p_funcdef(p, t, seq, false);
    if (t->kind == TOK_KW_CLASS)
        return p_classdef(p, seq);
    if (t->kind == TOK_KW_ASYNC && p_peek_at(p, 1)->kind == TOK_KW_DEF) {
        p->pos++;
        return p_funcdef(p, t, seq, true);
    }
    return NULL;
}

static AstNode *p_compound_stmt(Parser *p)
{
    Token *t = p_peek(p);
    switch (t->kind) {
    case TOK_KW_DEF:
        return p_funcdef(p, t, P_EMPTY, false);
    case TOK_AT:
        return p_decorated(p);
    case TOK_KW_CLASS:
        return p_classdef(p, P_EMPTY);
    case TOK_KW_IF:
        return p_if_stmt(p, "'if' statement");
    case TOK_KW_WHILE:
        return p_while_stmt(p, t);
    case TOK_KW_FOR:
        return p_for_stmt(p, t, false);
    case TOK_KW_WITH:
        return p_with_stmt(p, t, false);
    case TOK_KW_TRY:
        return p_try_stmt(p, t);
    case TOK_KW_ASYNC:
        p->pos++;
        switch (p_peek(p)->kind) {
        case TOK_KW_DEF: return p_funcdef(p, t, P_EMPTY, true);
        case TOK_KW_FOR: return p_for_stmt(p, t, true);
        case TOK_KW_WITH: return p_with_stmt(p, t, true);
        default: return NULL;
        }
    default:
        return NULL;
    }
}
