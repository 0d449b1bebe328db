/* Expressions, following the expression rules of CPython 3.11's grammar
 * (Grammar/python.gram): precedence climbing from `expression` down to
 * `atom`, plus call arguments, slices, comprehensions, lambda and def
 * parameters, and assignment targets.
 *
 * Node positions follow CPython: a node spans from the first token its rule
 * consumed to the last one, so `(a) + b` starts at the parenthesis. */
#include <stdlib.h>
#include <string.h>

#include "literal.h"
#include "parser_impl.h"

/* ---- small helpers ---- */

static bool at_kind(Parser *p, TokenKind k) { return p_peek(p)->kind == k; }

static AstNode *name_node(Parser *p, const Token *t, AstCtx ctx)
{
    const char *id = p_identifier(p, t);
    if (!id)
        return NULL;
    AstNode *n = p_node_span(p, AST_Name, t->lineno, t->col_offset, t->end_lineno,
                             t->end_col_offset);
    if (!n)
        return NULL;
    n->v.Name.id = id;
    n->v.Name.ctx = ctx;
    return n;
}

static AstNode *starred(Parser *p, const Token *start, AstNode *value)
{
    AstNode *n = p_node(p, AST_Starred, start);
    if (!n)
        return NULL;
    n->v.Starred.value = value;
    n->v.Starred.ctx = AST_Load;
    return n;
}

static AstNode *make_tuple(Parser *p, const Token *start, PList *elts, AstCtx ctx)
{
    AstSeq *s = plist_finish(p, elts);
    if (!s)
        return NULL;
    AstNode *n = p_node(p, AST_Tuple, start);
    if (!n)
        return NULL;
    n->v.Tuple.elts = s;
    n->v.Tuple.ctx = ctx;
    return n;
}

/* Second pass memo of `disjunction`, indexed by start token. */
static struct PMemo *memo_slot(Parser *p, int index)
{
    if (index >= p->memo_cap) {
        int cap = p->memo_cap ? p->memo_cap : 256;
        while (cap <= index)
            cap *= 2;
        struct PMemo *m = realloc(p->memo, sizeof *m * cap);
        if (!m)
            return p_nomem(p);
        memset(m + p->memo_cap, 0, sizeof *m * (cap - p->memo_cap));
        p->memo = m;
        p->memo_cap = cap;
    }
    return &p->memo[index];
}

/* ---- the precedence chain ---- */

static AstNode *p_conjunction(Parser *p);
static AstNode *p_inversion(Parser *p);
static AstNode *p_comparison(Parser *p);
static AstNode *p_factor(Parser *p);
static AstNode *p_lambdef(Parser *p);

/* a ('or' a)+ or a ('and' a)+: one flat BoolOp, as CPython builds it. */
static AstNode *boolop_chain(Parser *p, AstNode *(*operand)(Parser *), TokenKind kw,
                             AstBoolOp op)
{
    Token *start = p_peek(p);
    AstNode *a = operand(p);
    if (!a || !at_kind(p, kw))
        return a;
    PList vals;
    plist_init(&vals);
    plist_push(p, &vals, a);
    while (at_kind(p, kw)) {
        int save = p->pos;
        p->pos++;
        AstNode *b = operand(p);
        if (!b) {
            p->pos = save;
            break;
        }
        if (!plist_push(p, &vals, b))
            break;
    }
    if (p->error || vals.n < 2) {
        plist_free(&vals);
        return p->error ? NULL : a;
    }
    AstSeq *s = plist_finish(p, &vals);
    AstNode *n = s ? p_node(p, AST_BoolOp, start) : NULL;
    if (n) {
        n->v.BoolOp.op = op;
        n->v.BoolOp.values = s;
    }
    return n;
}

static AstNode *disjunction_uncached(Parser *p)
{
    return boolop_chain(p, p_conjunction, TOK_KW_OR, AST_Or);
}

AstNode *p_disjunction(Parser *p)
{
    if (!p->invalid_rules)
        return disjunction_uncached(p);
    int start = p->pos;
    struct PMemo *m = memo_slot(p, start);
    if (!m)
        return NULL;
    if (m->set) {
        p->pos = m->end;
        return m->node;
    }
    AstNode *n = disjunction_uncached(p);
    if (p->error)
        return NULL;
    m = memo_slot(p, start);
    if (!m)
        return NULL;
    m->set = true;
    m->node = n;
    m->end = n ? p->pos : start;
    if (!n)
        p->pos = start;
    return n;
}

static AstNode *p_conjunction(Parser *p)
{
    return boolop_chain(p, p_inversion, TOK_KW_AND, AST_And);
}

static AstNode *p_inversion(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind != TOK_KW_NOT)
        return p_comparison(p);
    if (!p_enter(p))
        return NULL;
    p->pos++;
    AstNode *operand = p_inversion(p);
    p_leave(p);
    if (!operand) {
        p->pos--;
        return NULL;
    }
    AstNode *n = p_node(p, AST_UnaryOp, start);
    if (n) {
        n->v.UnaryOp.op = AST_Not;
        n->v.UnaryOp.operand = operand;
    }
    return n;
}

/* Reads a comparison operator; returns false (consuming nothing) if none. */
static bool compare_op(Parser *p, AstCmpOp *op)
{
    Token *t = p_peek(p);
    switch (t->kind) {
    case TOK_EQEQUAL: *op = AST_Eq; break;
    case TOK_NOTEQUAL: *op = AST_NotEq; break;
    case TOK_LESS: *op = AST_Lt; break;
    case TOK_LESSEQUAL: *op = AST_LtE; break;
    case TOK_GREATER: *op = AST_Gt; break;
    case TOK_GREATEREQUAL: *op = AST_GtE; break;
    case TOK_KW_IN: *op = AST_In; break;
    case TOK_KW_NOT:
        if (p_peek_at(p, 1)->kind != TOK_KW_IN)
            return false;
        p->pos += 2;
        *op = AST_NotIn;
        return true;
    case TOK_KW_IS:
        if (p_peek_at(p, 1)->kind == TOK_KW_NOT) {
            p->pos += 2;
            *op = AST_IsNot;
            return true;
        }
        *op = AST_Is;
        break;
    default:
        return false;
    }
    p->pos++;
    return true;
}

static AstNode *p_comparison(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *left = p_bitwise_or(p);
    if (!left)
        return NULL;
    PList ops, comps;
    plist_init(&ops);
    plist_init(&comps);
    for (;;) {
        int save = p->pos;
        AstCmpOp op;
        if (!compare_op(p, &op))
            break;
        AstNode *right = p_bitwise_or(p);
        if (!right) {
            p->pos = save;
            break;
        }
        if (!plist_push(p, &ops, (void *)(intptr_t)op) || !plist_push(p, &comps, right))
            break;
    }
    if (p->error || ops.n == 0) {
        plist_free(&ops);
        plist_free(&comps);
        return p->error ? NULL : left;
    }
    AstSeq *o = plist_finish(p, &ops);
    AstSeq *c = plist_finish(p, &comps);
    AstNode *n = (o && c) ? p_node(p, AST_Compare, start) : NULL;
    if (n) {
        n->v.Compare.left = left;
        n->v.Compare.ops = o;
        n->v.Compare.comparators = c;
    }
    return n;
}

/* One level of left-associative binary operators. */
typedef AstNode *(*OperandFn)(Parser *);

static bool binop_of(TokenKind k, const TokenKind *toks, const AstBinOp *ops, int n, AstBinOp *op)
{
    for (int i = 0; i < n; i++)
        if (toks[i] == k) {
            *op = ops[i];
            return true;
        }
    return false;
}

static AstNode *binary_level(Parser *p, OperandFn operand, const TokenKind *toks,
                             const AstBinOp *ops, int nops)
{
    Token *start = p_peek(p);
    AstNode *left = operand(p);
    if (!left)
        return NULL;
    AstBinOp op;
    int chain = 0;
    while (binop_of(p_peek(p)->kind, toks, ops, nops, &op)) {
        if (!p_chain_ok(p, ++chain))
            return NULL;
        int save = p->pos;
        p->pos++;
        AstNode *right = operand(p);
        if (!right) {
            p->pos = save;
            break;
        }
        AstNode *n = p_node(p, AST_BinOp, start);
        if (!n)
            return NULL;
        n->v.BinOp.left = left;
        n->v.BinOp.op = op;
        n->v.BinOp.right = right;
        left = n;
    }
    return p->error ? NULL : left;
}

static AstNode *p_term(Parser *p)
{
    static const TokenKind toks[] = {TOK_STAR, TOK_SLASH, TOK_DOUBLESLASH, TOK_PERCENT, TOK_AT};
    static const AstBinOp ops[] = {AST_Mult, AST_Div, AST_FloorDiv, AST_Mod, AST_MatMult};
    return binary_level(p, p_factor, toks, ops, 5);
}

static AstNode *p_sum(Parser *p)
{
    static const TokenKind toks[] = {TOK_PLUS, TOK_MINUS};
    static const AstBinOp ops[] = {AST_Add, AST_Sub};
    return binary_level(p, p_term, toks, ops, 2);
}

static AstNode *p_shift(Parser *p)
{
    static const TokenKind toks[] = {TOK_LEFTSHIFT, TOK_RIGHTSHIFT};
    static const AstBinOp ops[] = {AST_LShift, AST_RShift};
    return binary_level(p, p_sum, toks, ops, 2);
}

static AstNode *p_bitwise_and(Parser *p)
{
    static const TokenKind toks[] = {TOK_AMPER};
    static const AstBinOp ops[] = {AST_BitAnd};
    return binary_level(p, p_shift, toks, ops, 1);
}

static AstNode *p_bitwise_xor(Parser *p)
{
    static const TokenKind toks[] = {TOK_CIRCUMFLEX};
    static const AstBinOp ops[] = {AST_BitXor};
    return binary_level(p, p_bitwise_and, toks, ops, 1);
}

AstNode *p_bitwise_or(Parser *p)
{
    static const TokenKind toks[] = {TOK_VBAR};
    static const AstBinOp ops[] = {AST_BitOr};
    return binary_level(p, p_bitwise_xor, toks, ops, 1);
}

static AstNode *p_power(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *base;
    if (start->kind == TOK_KW_AWAIT) {
        p->pos++;
        AstNode *v = p_primary(p);
        if (!v) {
            p->pos--;
            return NULL;
        }
        base = p_node(p, AST_Await, start);
        if (!base)
            return NULL;
        base->v.Await.value = v;
    } else {
        base = p_primary(p);
        if (!base)
            return NULL;
    }
    if (!at_kind(p, TOK_DOUBLESTAR))
        return base;
    int save = p->pos;
    p->pos++;
    if (!p_enter(p))
        return NULL;
    AstNode *exp = p_factor(p);
    p_leave(p);
    if (!exp) {
        p->pos = save;
        return p->error ? NULL : base;
    }
    AstNode *n = p_node(p, AST_BinOp, start);
    if (n) {
        n->v.BinOp.left = base;
        n->v.BinOp.op = AST_Pow;
        n->v.BinOp.right = exp;
    }
    return n;
}

static AstNode *p_factor(Parser *p)
{
    Token *start = p_peek(p);
    AstUnaryOp op;
    switch (start->kind) {
    case TOK_PLUS: op = AST_UAdd; break;
    case TOK_MINUS: op = AST_USub; break;
    case TOK_TILDE: op = AST_Invert; break;
    default:
        return p_power(p);
    }
    if (!p_enter(p))
        return NULL;
    p->pos++;
    AstNode *operand = p_factor(p);
    p_leave(p);
    if (!operand) {
        p->pos--;
        return NULL;
    }
    AstNode *n = p_node(p, AST_UnaryOp, start);
    if (n) {
        n->v.UnaryOp.op = op;
        n->v.UnaryOp.operand = operand;
    }
    return n;
}

/* ---- primary: atom followed by .name, (args), [slices] ---- */

AstNode *p_primary(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *e = p_atom(p);
    if (!e)
        return NULL;
    for (int chain = 1;; chain++) {
        if (!p_chain_ok(p, chain))
            return NULL;
        Token *t = p_peek(p);
        if (t->kind == TOK_DOT) {
            Token *name = p_peek_at(p, 1);
            if (name->kind != TOK_NAME)
                break;
            p->pos += 2;
            const char *attr = p_identifier(p, name);
            AstNode *n = attr ? p_node(p, AST_Attribute, start) : NULL;
            if (!n)
                return NULL;
            n->v.Attribute.value = e;
            n->v.Attribute.attr = attr;
            n->v.Attribute.ctx = AST_Load;
            e = n;
        } else if (t->kind == TOK_LPAR) {
            int save = p->pos;
            p->pos++;
            AstNode *call = p_arguments_call(p, e, start);
            if (!call) {
                p->pos = save;
                if (p->error)
                    return NULL;
                break;
            }
            e = call;
        } else if (t->kind == TOK_LSQB) {
            int save = p->pos;
            p->pos++;
            AstNode *slice = p_slices(p);
            if (!slice || !p_expect(p, TOK_RSQB)) {
                p->pos = save;
                if (p->error)
                    return NULL;
                break;
            }
            AstNode *n = p_node(p, AST_Subscript, start);
            if (!n)
                return NULL;
            n->v.Subscript.value = e;
            n->v.Subscript.slice = slice;
            n->v.Subscript.ctx = AST_Load;
            e = n;
        } else {
            break;
        }
    }
    return e;
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static AstNode *p_slice(Parser *p)
{
    Token *start = p_peek(p);
    int save = p->pos;
    AstNode *lower = NULL;
    if (start->kind != TOK_COLON) {
        lower = p_expression(p);
        if (p->error)
            return NULL;
    }
    if (at_kind(p, TOK_COLON)) {
        p->pos++;
        AstNode *upper = NULL, *step = NULL;
        Token *t = p_peek(p);
        if (t->kind != TOK_COLON && t->kind != TOK_COMMA && t->kind != TOK_RSQB) {
            upper = p_expression(p);
            if (p->error)
                return NULL;
        }
        if (at_kind(p, TOK_COLON)) {
            p->pos++;
            t = p_peek(p);
            if (t->kind != TOK_COMMA && t->kind != TOK_RSQB) {
                step = p_expression(p);
                if (p->error)
                    return NULL;
            }
        }
        AstNode *n = p_node(p, AST_Slice, start);
        if (n) {
            n->v.Slice.lower = lower;
            n->v.Slice.upper = upper;
            n->v.Slice.step = step;
        }
        return n;
    }
    p->pos = save;
    return p_named_expression(p);
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
AstNode *p_slices(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first;
    if (start->kind == TOK_STAR) {
        p->pos++;
        AstNode *v = p_bitwise_or(p);
        if (!v)
            return NULL;
        first = starred(p, start, v);
    } else {
        first = p_slice(p);
    }
    if (!first)
        return NULL;
    if (!at_kind(p, TOK_COMMA) && first->kind != AST_Starred)
        return first;
    PList elts;
    plist_init(&elts);
    plist_push(p, &elts, first);
    while (at_kind(p, TOK_COMMA)) {
        p->pos++;
        Token *t = p_peek(p);
        if (t->kind == TOK_RSQB)
            break;
        AstNode *e;
        if (t->kind == TOK_STAR) {
            p->pos++;
            AstNode *v = p_bitwise_or(p);
            e = v ? starred(p, t, v) : NULL;
        } else {
            e = p_slice(p);
        }
        if (!e || !plist_push(p, &elts, e)) {
            plist_free(&elts);
            return NULL;
        }
    }
    return make_tuple(p, start, &elts, AST_Load);
}

/* ---- atoms ---- */

static AstNode *constant_node(Parser *p, const Token *t, AstConstKind kind)
{
    AstNode *n = p_node_span(p, AST_Constant, t->lineno, t->col_offset, t->end_lineno,
                             t->end_col_offset);
    if (n)
        n->v.Constant.value.kind = kind;
    return n;
}

static AstNode *p_paren_atom(Parser *p, Token *lpar);
static AstNode *p_list_atom(Parser *p, Token *lsqb);
static AstNode *p_brace_atom(Parser *p, Token *lbrace);

AstNode *p_atom(Parser *p)
{
    Token *t = p_peek(p);
    switch (t->kind) {
    case TOK_NAME:
        p->pos++;
        return name_node(p, t, AST_Load);
    case TOK_KW_TRUE:
        p->pos++;
        return constant_node(p, t, AST_CONST_TRUE);
    case TOK_KW_FALSE:
        p->pos++;
        return constant_node(p, t, AST_CONST_FALSE);
    case TOK_KW_NONE:
        p->pos++;
        return constant_node(p, t, AST_CONST_NONE);
    case TOK_ELLIPSIS:
        p->pos++;
        return constant_node(p, t, AST_CONST_ELLIPSIS);
    case TOK_NUMBER: {
        p->pos++;
        AstNode *n = constant_node(p, t, AST_CONST_INT);
        if (n && lit_number(p->arena, t->start, t->end, &n->v.Constant.value) < 0)
            return p_nomem(p);
        return n;
    }
    case TOK_STRING:
        return p_strings(p);
    case TOK_LPAR:
    case TOK_LSQB:
    case TOK_LBRACE: {
        if (!p_enter(p))
            return NULL;
        int save = p->pos;
        p->pos++;
        AstNode *n = t->kind == TOK_LPAR   ? p_paren_atom(p, t)
                     : t->kind == TOK_LSQB ? p_list_atom(p, t)
                                           : p_brace_atom(p, t);
        p_leave(p);
        if (!n)
            p->pos = save;
        return n;
    }
    default:
        return NULL;
    }
}

/* Comprehension node of `kind` for element(s) already parsed; the for-clauses
 * start at p->pos and the closing bracket follows. */
static AstNode *comprehension(Parser *p, AstKind kind, const Token *open, TokenKind close,
                              AstNode *elt, AstNode *value)
{
    AstSeq *gens = p_comp_for(p);
    if (!gens || !p_expect(p, close))
        return NULL;
    AstNode *n = p_node(p, kind, open);
    if (!n)
        return NULL;
    switch (kind) {
    case AST_ListComp: n->v.ListComp.elt = elt; n->v.ListComp.generators = gens; break;
    case AST_SetComp: n->v.SetComp.elt = elt; n->v.SetComp.generators = gens; break;
    case AST_GeneratorExp:
        n->v.GeneratorExp.elt = elt;
        n->v.GeneratorExp.generators = gens;
        break;
    default: n->v.DictComp.key = elt; n->v.DictComp.value = value; n->v.DictComp.generators = gens;
    }
    return n;
}

static bool at_comp_for(Parser *p)
{
    Token *t = p_peek(p);
    return t->kind == TOK_KW_FOR || (t->kind == TOK_KW_ASYNC && p_peek_at(p, 1)->kind == TOK_KW_FOR);
}

static bool at_comp_for(Parser *p);

/* Reads `first, x, y, ...` (star_named_expressions) up to `close`.  In the
 * second pass, `[a, b for ...]` gets CPython's invalid_comprehension error. */
static bool display_items(Parser *p, PList *items, AstNode *first, TokenKind close)
{
    plist_push(p, items, first);
    while (at_kind(p, TOK_COMMA)) {
        Token *comma = p_peek(p);
        p->pos++;
        if (p->invalid_rules && close != TOK_RPAR && at_comp_for(p)) {
            p_error_span(p, SYNERR_SYNTAX, first->pos.lineno, first->pos.col_offset,
                         comma->end_lineno, comma->end_col_offset,
                         "did you forget parentheses around the comprehension target?");
            return false;
        }
        if (at_kind(p, close))
            break;
        AstNode *e = p_star_named_expression(p);
        if (!e || !plist_push(p, items, e))
            return false;
    }
    if (p->invalid_rules && close != TOK_RPAR && items->n > 1 && at_comp_for(p)) {
        AstNode *last = items->items[items->n - 1];
        p_error_span(p, SYNERR_SYNTAX, first->pos.lineno, first->pos.col_offset,
                     last->pos.end_lineno, last->pos.end_col_offset,
                     "did you forget parentheses around the comprehension target?");
        return false;
    }
    return !p->error;
}

/* Second pass: `[*a for a in b]` */
static AstNode *starred_comprehension(Parser *p, AstNode *first)
{
    if (p->invalid_rules)
        p_error_node(p, first, "iterable unpacking cannot be used in comprehension");
    return NULL;
}

/* After '(': tuple, group, generator expression or yield. */
static AstNode *p_paren_atom(Parser *p, Token *lpar)
{
    if (at_kind(p, TOK_RPAR)) {
        p->pos++;
        PList none;
        plist_init(&none);
        return make_tuple(p, lpar, &none, AST_Load);
    }
    if (at_kind(p, TOK_KW_YIELD)) {
        AstNode *y = p_yield_expr(p);
        if (!y || !p_expect(p, TOK_RPAR))
            return NULL;
        return y;
    }
    AstNode *first = p_star_named_expression(p);
    if (!first)
        return NULL;
    if (at_comp_for(p)) {
        if (first->kind == AST_Starred)
            return starred_comprehension(p, first);
        return comprehension(p, AST_GeneratorExp, lpar, TOK_RPAR, first, NULL);
    }
    if (at_kind(p, TOK_RPAR)) {
        if (first->kind == AST_Starred) {
            if (p->invalid_rules)
                return p_error_node(p, first, "cannot use starred expression here");
            return NULL;
        }
        p->pos++;
        return first;   /* a parenthesised expression keeps its own span */
    }
    if (!at_kind(p, TOK_COMMA))
        return NULL;
    PList items;
    plist_init(&items);
    if (!display_items(p, &items, first, TOK_RPAR) || !p_expect(p, TOK_RPAR)) {
        plist_free(&items);
        return NULL;
    }
    return make_tuple(p, lpar, &items, AST_Load);
}

static AstNode *p_list_atom(Parser *p, Token *lsqb)
{
    PList items;
    plist_init(&items);
    if (!at_kind(p, TOK_RSQB)) {
        AstNode *first = p_star_named_expression(p);
        if (!first)
            return NULL;
        if (at_comp_for(p)) {
            if (first->kind == AST_Starred)
                return starred_comprehension(p, first);
            return comprehension(p, AST_ListComp, lsqb, TOK_RSQB, first, NULL);
        }
        if (!display_items(p, &items, first, TOK_RSQB)) {
            plist_free(&items);
            return NULL;
        }
    }
    if (!p_expect(p, TOK_RSQB)) {
        plist_free(&items);
        return NULL;
    }
    AstSeq *s = plist_finish(p, &items);
    AstNode *n = s ? p_node(p, AST_List, lsqb) : NULL;
    if (n) {
        n->v.List.elts = s;
        n->v.List.ctx = AST_Load;
    }
    return n;
}

/* After '{': dict, set, or their comprehensions. */
static AstNode *p_brace_atom(Parser *p, Token *lbrace)
{
    PList keys, values;
    plist_init(&keys);
    plist_init(&values);
    if (at_kind(p, TOK_RBRACE)) {
        p->pos++;
        AstNode *n = p_node(p, AST_Dict, lbrace);
        if (n)
            n->v.Dict.keys = n->v.Dict.values = P_EMPTY;
        return n;
    }
    AstNode *first = NULL;
    bool is_dict;
    if (at_kind(p, TOK_DOUBLESTAR)) {
        if (p->invalid_rules) {
            /* '{' '**' bitwise_or for_if_clauses '}' */
            int save = p->pos;
            Token *stars = p_peek(p);
            p->pos++;
            if (p_bitwise_or(p) && at_comp_for(p) && p_comp_for(p) && at_kind(p, TOK_RBRACE))
                return p_error_tok(p, stars, "dict unpacking cannot be used in dict comprehension");
            if (p->error)
                return NULL;
            p->pos = save;
        }
        is_dict = true;
    } else {
        Token *key_start = p_peek(p);
        first = p_star_named_expression(p);
        if (!first)
            return NULL;
        is_dict = at_kind(p, TOK_COLON);
        /* A dict key is an `expression`: no star, no bare walrus. */
        if (is_dict && (first->kind == AST_Starred ||
                        (first->kind == AST_NamedExpr && key_start->kind == TOK_NAME)))
            return NULL;
    }
    if (!is_dict) {
        if (at_comp_for(p)) {
            if (first->kind == AST_Starred)
                return starred_comprehension(p, first);
            return comprehension(p, AST_SetComp, lbrace, TOK_RBRACE, first, NULL);
        }
        PList items;
        plist_init(&items);
        if (!display_items(p, &items, first, TOK_RBRACE) || !p_expect(p, TOK_RBRACE)) {
            plist_free(&items);
            return NULL;
        }
        AstSeq *s = plist_finish(p, &items);
        AstNode *n = s ? p_node(p, AST_Set, lbrace) : NULL;
        if (n)
            n->v.Set.elts = s;
        return n;
    }
    /* A dict: the first key (if any) is parsed; read its value. */
    if (first) {
        Token *colon = p_peek(p);
        p->pos++;
        AstNode *value = p_expression(p);
        if (!value) {
            if (p->invalid_rules && !p->error && (at_kind(p, TOK_RBRACE) || at_kind(p, TOK_COMMA)))
                p_error_tok(p, colon, "expression expected after dictionary key and ':'");
            return NULL;
        }
        if (at_comp_for(p))
            return comprehension(p, AST_DictComp, lbrace, TOK_RBRACE, first, value);
        plist_push(p, &keys, first);
        plist_push(p, &values, value);
        if (!at_kind(p, TOK_COMMA))
            goto close;
        p->pos++;
    }
    while (!at_kind(p, TOK_RBRACE)) {
        AstNode *k = NULL, *v;
        if (at_kind(p, TOK_DOUBLESTAR)) {
            p->pos++;
            v = p_bitwise_or(p);
        } else {
            bool saved = p->invalid_rules;
            p->invalid_rules = false;
            k = p_expression(p);
            p->invalid_rules = saved;
            if (k && !at_kind(p, TOK_COLON) && p->invalid_rules) {
                p_error_span(p, SYNERR_SYNTAX, k->pos.lineno, k->pos.end_col_offset - 1,
                             k->pos.end_lineno, -1, "':' expected after dictionary key");
                goto fail;
            }
            Token *colon = p_peek(p);
            if (!k || !p_expect(p, TOK_COLON))
                goto fail;
            v = p_expression(p);
            if (!v && p->invalid_rules && !p->error &&
                (at_kind(p, TOK_RBRACE) || at_kind(p, TOK_COMMA)))
                p_error_tok(p, colon, "expression expected after dictionary key and ':'");
        }
        if (!v || !plist_push(p, &keys, k) || !plist_push(p, &values, v))
            goto fail;
        if (!at_kind(p, TOK_COMMA))
            break;
        p->pos++;
    }
close:
    if (!p_expect(p, TOK_RBRACE))
        goto fail;
    {
        AstSeq *ks = plist_finish(p, &keys);
        AstSeq *vs = plist_finish(p, &values);
        AstNode *n = (ks && vs) ? p_node(p, AST_Dict, lbrace) : NULL;
        if (n) {
            n->v.Dict.keys = ks;
            n->v.Dict.values = vs;
        }
        return n;
    }
fail:
    plist_free(&keys);
    plist_free(&values);
    return NULL;
}

/* ---- comprehensions ---- */

/* for_if_clauses: ('async'? 'for' star_targets 'in' disjunction ('if' disjunction)*)+ */
AstSeq *p_comp_for(Parser *p)
{
    PList gens;
    plist_init(&gens);
    while (at_comp_for(p)) {
        int is_async = at_kind(p, TOK_KW_ASYNC);
        p->pos += is_async ? 2 : 1;
        AstNode *target = p_star_targets(p);
        if (!target)
            goto fail;
        if (!p_expect(p, TOK_KW_IN))
            goto fail;
        AstNode *iter = p_disjunction(p);
        if (!iter)
            goto fail;
        PList ifs;
        plist_init(&ifs);
        while (at_kind(p, TOK_KW_IF)) {
            p->pos++;
            AstNode *cond = p_disjunction(p);
            if (!cond || !plist_push(p, &ifs, cond)) {
                plist_free(&ifs);
                goto fail;
            }
        }
        AstSeq *ifseq = plist_finish(p, &ifs);
        AstNode *c = ifseq ? ast_new(p->arena, AST_comprehension, (AstPos){0}) : NULL;
        if (!c) {
            p_nomem(p);
            goto fail;
        }
        c->v.comprehension.target = target;
        c->v.comprehension.iter = iter;
        c->v.comprehension.ifs = ifseq;
        c->v.comprehension.is_async = is_async;
        if (!plist_push(p, &gens, c))
            goto fail;
    }
    if (gens.n == 0)
        return NULL;
    return plist_finish(p, &gens);
fail:
    plist_free(&gens);
    return NULL;
}

/* ---- the expression entry points ---- */

static bool is_legacy_name(const AstNode *e)
{
    return e->kind == AST_Name &&
           (strcmp(e->v.Name.id, "print") == 0 || strcmp(e->v.Name.id, "exec") == 0);
}

/* The second pass's invalid_expression and invalid_legacy_expression. */
static void invalid_expression(Parser *p)
{
    int save = p->pos;
    Token *t0 = p_peek(p);
    bool soft = t0->kind == TOK_NAME && (p_is_name(p, "match") || p_is_name(p, "case") ||
                                         p_is_name(p, "_"));
    if (t0->kind == TOK_NAME && p_peek_at(p, 1)->kind != TOK_LPAR) {
        /* print "hello" */
        p->pos++;
        AstNode *a = name_node(p, t0, AST_Load);
        if (a && is_legacy_name(a)) {
            p->invalid_rules = false;
            AstNode *b = p_star_expressions(p);
            p->invalid_rules = true;
            if (b) {
                p_error_span(p, SYNERR_SYNTAX, a->pos.lineno, a->pos.col_offset,
                             p_last(p)->end_lineno, p_last(p)->end_col_offset,
                             "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                             a->v.Name.id, a->v.Name.id);
                return;
            }
        }
        p->pos = save;
    }
    if (!(t0->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_STRING) && !soft) {
        AstNode *a = p_disjunction(p);
        if (p->error)
            return;
        if (a) {
            p->invalid_rules = false;
            AstNode *b = p_expression(p);
            p->invalid_rules = true;
            if (p->error)
                return;
            if (b && !is_legacy_name(a) && p_last(p)->level > 0) {
                p_error_span(p, SYNERR_SYNTAX, a->pos.lineno, a->pos.col_offset,
                             b->pos.end_lineno, b->pos.end_col_offset,
                             "invalid syntax. Perhaps you forgot a comma?");
                return;
            }
        }
        p->pos = save;
    }
    AstNode *a = p_disjunction(p);
    if (a && at_kind(p, TOK_KW_IF)) {
        p->pos++;
        AstNode *b = p_disjunction(p);
        if (b && !at_kind(p, TOK_KW_ELSE) && !at_kind(p, TOK_COLON)) {
            p_error_nodes(p, a, b, "expected 'else' after 'if' expression");
            return;
        }
    }
    p->pos = save;
}

AstNode *p_expression(Parser *p)
{
    if (!p_enter(p))
        return NULL;
    if (p->invalid_rules) {
        invalid_expression(p);
        if (p->error) {
            p_leave(p);
            return NULL;
        }
    }
    Token *start = p_peek(p);
    AstNode *r;
    if (start->kind == TOK_KW_LAMBDA) {
        r = p_lambdef(p);
    } else {
        r = p_disjunction(p);
        if (r && at_kind(p, TOK_KW_IF)) {
            int save = p->pos;
            p->pos++;
            AstNode *test = p_disjunction(p);
            AstNode *orelse = NULL;
            if (test && p_expect(p, TOK_KW_ELSE))
                orelse = p_expression(p);
            if (orelse) {
                AstNode *n = p_node(p, AST_IfExp, start);
                if (n) {
                    n->v.IfExp.test = test;
                    n->v.IfExp.body = r;
                    n->v.IfExp.orelse = orelse;
                }
                r = n;
            } else {
                p->pos = save;
            }
        }
    }
    p_leave(p);
    return p->error ? NULL : r;
}

/* The description of an expression in CPython's error messages. */
static const char *expr_name(const AstNode *e)
{
    switch (e->kind) {
    case AST_Attribute: return "attribute";
    case AST_Subscript: return "subscript";
    case AST_Starred: return "starred";
    case AST_Name: return "name";
    case AST_List: return "list";
    case AST_Tuple: return "tuple";
    case AST_Lambda: return "lambda";
    case AST_Call: return "function call";
    case AST_BoolOp: case AST_BinOp: case AST_UnaryOp: return "expression";
    case AST_GeneratorExp: return "generator expression";
    case AST_Yield: case AST_YieldFrom: return "yield expression";
    case AST_Await: return "await expression";
    case AST_ListComp: return "list comprehension";
    case AST_SetComp: return "set comprehension";
    case AST_DictComp: return "dict comprehension";
    case AST_Dict: return "dict literal";
    case AST_Set: return "set display";
    case AST_JoinedStr: case AST_FormattedValue: return "f-string expression";
    case AST_Constant:
        switch (e->v.Constant.value.kind) {
        case AST_CONST_NONE: return "None";
        case AST_CONST_TRUE: return "True";
        case AST_CONST_FALSE: return "False";
        case AST_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case AST_Compare: return "comparison";
    case AST_IfExp: return "conditional expression";
    case AST_NamedExpr: return "named expression";
    default: return "expression";
    }
}

const char *p_expr_name(const AstNode *e) { return expr_name(e); }

/* The second pass's invalid_named_expression. */
static void invalid_named_expression(Parser *p)
{
    int save = p->pos;
    Token *t0 = p_peek(p);
    /* a=expression ':=' expression */
    p->invalid_rules = false;
    AstNode *a = p_expression(p);
    p->invalid_rules = true;
    if (p->error)
        return;
    if (a && at_kind(p, TOK_COLONEQUAL)) {
        p->pos++;
        if (p_expression(p)) {
            p_error_node(p, a, "cannot use assignment expressions with %s", expr_name(a));
            return;
        }
    }
    p->pos = save;
    /* a=NAME '=' b=bitwise_or !('='|':=') */
    if (t0->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_EQUAL) {
        p->pos += 2;
        p->invalid_rules = false;
        AstNode *b = p_bitwise_or(p);
        p->invalid_rules = true;
        if (b && !at_kind(p, TOK_EQUAL) && !at_kind(p, TOK_COLONEQUAL)) {
            p_error_span(p, SYNERR_SYNTAX, t0->lineno, t0->col_offset, b->pos.end_lineno,
                         b->pos.end_col_offset,
                         "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return;
        }
        p->pos = save;
    }
    /* !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or b='=' bitwise_or !('='|':=') */
    if (t0->kind == TOK_LSQB || t0->kind == TOK_LPAR) {
        p->invalid_rules = false;
        AstNode *atom = p_atom(p);
        p->invalid_rules = true;
        p->pos = save;
        if (atom && (atom->kind == AST_List || atom->kind == AST_Tuple ||
                     atom->kind == AST_GeneratorExp))
            return;
        if (p->error)
            return;
    }
    if (t0->kind == TOK_KW_TRUE || t0->kind == TOK_KW_NONE || t0->kind == TOK_KW_FALSE)
        return;
    p->invalid_rules = false;
    a = p_bitwise_or(p);
    AstNode *b = NULL;
    if (a && p_expect(p, TOK_EQUAL))
        b = p_bitwise_or(p);
    p->invalid_rules = true;
    if (b && !at_kind(p, TOK_EQUAL) && !at_kind(p, TOK_COLONEQUAL)) {
        p_error_node(p, a, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                     expr_name(a));
        return;
    }
    p->pos = save;
}

void p_invalid_named_expression(Parser *p) { invalid_named_expression(p); }

/* named_expression: NAME ':=' expression | expression !':=' */
AstNode *p_named_expression(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_COLONEQUAL) {
        p->pos += 2;
        AstNode *value = p_expression(p);
        if (value) {
            AstNode *target = name_node(p, start, AST_Store);
            AstNode *n = target ? p_node(p, AST_NamedExpr, start) : NULL;
            if (n) {
                n->v.NamedExpr.target = target;
                n->v.NamedExpr.value = value;
            }
            return n;
        }
        if (p->error)
            return NULL;
        p->pos -= 2;
    }
    if (p->invalid_rules) {
        invalid_named_expression(p);
        if (p->error)
            return NULL;
    }
    AstNode *e = p_expression(p);
    if (e && at_kind(p, TOK_COLONEQUAL))
        return NULL;
    return e;
}

/* star_named_expression: '*' bitwise_or | named_expression */
AstNode *p_star_named_expression(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind == TOK_STAR) {
        p->pos++;
        AstNode *v = p_bitwise_or(p);
        if (!v) {
            p->pos--;
            return NULL;
        }
        return starred(p, start, v);
    }
    return p_named_expression(p);
}

/* star_expression: '*' bitwise_or | expression */
AstNode *p_star_expression(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind == TOK_STAR) {
        p->pos++;
        AstNode *v = p_bitwise_or(p);
        if (!v) {
            p->pos--;
            return NULL;
        }
        return starred(p, start, v);
    }
    return p_expression(p);
}

/* star_expressions: star_expression (',' star_expression)* [','] */
AstNode *p_star_expressions(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first = p_star_expression(p);
    if (!first || !at_kind(p, TOK_COMMA))
        return first;
    PList elts;
    plist_init(&elts);
    plist_push(p, &elts, first);
    while (at_kind(p, TOK_COMMA)) {
        p->pos++;
        int save = p->pos;
        AstNode *e = p_star_expression(p);
        if (!e) {
            p->pos = save;
            break;
        }
        if (!plist_push(p, &elts, e))
            break;
    }
    if (p->error) {
        plist_free(&elts);
        return NULL;
    }
    return make_tuple(p, start, &elts, AST_Load);
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
AstNode *p_yield_expr(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind != TOK_KW_YIELD)
        return NULL;
    p->pos++;
    if (at_kind(p, TOK_KW_FROM)) {
        p->pos++;
        AstNode *v = p_expression(p);
        if (!v) {
            p->pos -= 2;
            return NULL;
        }
        AstNode *n = p_node(p, AST_YieldFrom, start);
        if (n)
            n->v.YieldFrom.value = v;
        return n;
    }
    int save = p->pos;
    AstNode *v = p_star_expressions(p);
    if (!v) {
        if (p->error)
            return NULL;
        p->pos = save;
    }
    AstNode *n = p_node(p, AST_Yield, start);
    if (n)
        n->v.Yield.value = v;
    return n;
}

/* ---- calls ---- */

static AstNode *keyword_node(Parser *p, const Token *start, const char *arg, AstNode *value)
{
    AstNode *k = p_node(p, AST_keyword, start);
    if (k) {
        k->v.keyword.arg = arg;
        k->v.keyword.value = value;
    }
    return k;
}

/* Arguments of a call or class definition, after '(' up to and including
 * ')'.  Positional arguments (and *args) go to args, keywords and **kwargs to
 * keywords.  `genexp_ok`: a sole generator expression argument is allowed
 * (calls, not class bases). */
static bool call_args(Parser *p, const Token *lpar, bool genexp_ok, AstSeq **args_out,
                      AstSeq **kw_out)
{
    PList args, kws;
    plist_init(&args);
    plist_init(&kws);
    bool seen_keyword = false, seen_double_star = false;
    AstNode *last_double_star = NULL, *first_arg = NULL;
    /* Second pass: CPython reports a positional argument after keywords only
     * once the rest of the arguments parsed (their own errors come first). */
    const char *pending = NULL;
    while (!at_kind(p, TOK_RPAR)) {
        Token *t = p_peek(p);
        if (t->kind == TOK_STAR) {
            p->pos++;
            AstNode *v = p_expression(p);
            if (!v)
                goto fail;
            if (seen_double_star && p->invalid_rules) {
                /* At the arguments before it, up to the '**' one. */
                p_error_nodes(p, first_arg, last_double_star,
                              "iterable argument unpacking follows keyword argument unpacking");
                goto fail;
            }
            if (p->invalid_rules && at_comp_for(p)) {
                p_error_span(p, SYNERR_SYNTAX, t->lineno, t->col_offset, v->pos.end_lineno,
                             v->pos.end_col_offset,
                             "iterable unpacking cannot be used in comprehension");
                goto fail;
            }
            if (seen_double_star)
                goto fail;
            AstNode *s = starred(p, t, v);
            if (!s || !plist_push(p, &args, s))
                goto fail;
            first_arg = first_arg ? first_arg : s;
        } else if (t->kind == TOK_DOUBLESTAR) {
            p->pos++;
            AstNode *v = p_expression(p);
            if (!v)
                goto fail;
            AstNode *k = keyword_node(p, t, NULL, v);
            if (!k || !plist_push(p, &kws, k))
                goto fail;
            seen_double_star = seen_keyword = true;
            last_double_star = k;
            first_arg = first_arg ? first_arg : k;
        } else if (t->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_EQUAL) {
            p->pos += 2;
            AstNode *v = p_expression(p);
            if (!v)
                goto fail;
            const char *arg = p_identifier(p, t);
            AstNode *k = arg ? keyword_node(p, t, arg, v) : NULL;
            if (!k || !plist_push(p, &kws, k))
                goto fail;
            seen_keyword = true;
            first_arg = first_arg ? first_arg : k;
        } else {
            /* (assignment_expression | expression !':=') !'=' */
            AstNode *e;
            if (t->kind == TOK_NAME && p_peek_at(p, 1)->kind == TOK_COLONEQUAL) {
                e = p_named_expression(p);
            } else {
                e = p_expression(p);
                if (e && at_kind(p, TOK_COLONEQUAL))
                    goto fail;
            }
            if (!e)
                goto fail;
            if (at_comp_for(p) && !genexp_ok)
                goto fail;
            if (at_comp_for(p)) {
                /* f(x for x in y): the generator expression takes the
                 * call's parentheses as its own. */
                AstSeq *gens = p_comp_for(p);
                if (!gens)
                    goto fail;
                if (!genexp_ok || args.n || kws.n || !at_kind(p, TOK_RPAR)) {
                    if (p->invalid_rules && (args.n || kws.n || at_kind(p, TOK_COMMA))) {
                        p_error_span(p, SYNERR_SYNTAX, e->pos.lineno, e->pos.col_offset,
                                     p_last(p)->end_lineno, p_last(p)->end_col_offset,
                                     "Generator expression must be parenthesized");
                    }
                    goto fail;
                }
                p->pos++;
                AstNode *g = p_node(p, AST_GeneratorExp, lpar);
                if (!g)
                    goto fail;
                g->v.GeneratorExp.elt = e;
                g->v.GeneratorExp.generators = gens;
                plist_push(p, &args, g);
                *args_out = plist_finish(p, &args);
                *kw_out = plist_finish(p, &kws);
                return !p->error;
            }
            if (at_kind(p, TOK_EQUAL)) {
                if (p->invalid_rules) {
                    Token *eq = p_peek(p);
                    if (e->kind == AST_Constant && (e->v.Constant.value.kind == AST_CONST_TRUE ||
                                                    e->v.Constant.value.kind == AST_CONST_FALSE ||
                                                    e->v.Constant.value.kind == AST_CONST_NONE))
                        p_error_span(p, SYNERR_SYNTAX, e->pos.lineno, e->pos.col_offset,
                                     eq->end_lineno, eq->end_col_offset,
                                     "cannot assign to %s", expr_name(e));
                    else
                        p_error_span(p, SYNERR_SYNTAX, e->pos.lineno, e->pos.col_offset,
                                     eq->end_lineno, eq->end_col_offset,
                                     "expression cannot contain assignment, perhaps you meant \"==\"?");
                }
                goto fail;
            }
            if (seen_keyword) {
                if (!p->invalid_rules)
                    goto fail;
                if (!pending)
                    pending = seen_double_star
                                  ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument";
            }
            if (!plist_push(p, &args, e))
                goto fail;
            first_arg = first_arg ? first_arg : e;
        }
        if (!at_kind(p, TOK_COMMA))
            break;
        p->pos++;
    }
    if (pending) {
        p_error_tok(p, p_peek(p), "%s", pending);
        goto fail;
    }
    if (!p_expect(p, TOK_RPAR))
        goto fail;
    *args_out = plist_finish(p, &args);
    *kw_out = plist_finish(p, &kws);
    return *args_out && *kw_out;
fail:
    if (pending && !p->error)
        p_error_tok(p, p_peek(p), "%s", pending);
    plist_free(&args);
    plist_free(&kws);
    return false;
}

AstNode *p_arguments_call(Parser *p, AstNode *func, const Token *start)
{
    const Token *lpar = p_last(p);
    AstSeq *args, *kws;
    if (!call_args(p, lpar, true, &args, &kws))
        return NULL;
    AstNode *n = p_node(p, AST_Call, start);
    if (n) {
        n->v.Call.func = func;
        n->v.Call.args = args;
        n->v.Call.keywords = kws;
    }
    return n;
}

bool p_args_for_class(Parser *p, AstSeq **bases, AstSeq **keywords)
{
    return call_args(p, p_last(p), false, bases, keywords);
}

/* ---- parameters ---- */

static AstNode *arg_node(Parser *p, const Token *name, AstNode *annotation)
{
    const char *id = p_identifier(p, name);
    AstNode *a = id ? p_node(p, AST_arg, name) : NULL;
    if (a) {
        a->v.arg.arg = id;
        a->v.arg.annotation = annotation;
    }
    return a;
}

/* One parameter: NAME [':' annotation]; `star` allows `*args: *Ts`. */
static AstNode *param(Parser *p, bool is_lambda, bool star)
{
    Token *name = p_expect(p, TOK_NAME);
    if (!name)
        return NULL;
    AstNode *ann = NULL;
    if (!is_lambda && at_kind(p, TOK_COLON)) {
        p->pos++;
        ann = star ? p_star_expression(p) : p_expression(p);
        if (!ann)
            return NULL;
    }
    return arg_node(p, name, ann);
}

/* Second pass, at a '(' among the first parameters: `def f((a, b))`. */
static void invalid_parenthesized_params(Parser *p, bool is_lambda)
{
    Token *lpar = p_peek(p);
    p->pos++;
    int n = 0;
    bool saved = p->invalid_rules;
    p->invalid_rules = false;
    while (at_kind(p, TOK_NAME)) {
        if (!param(p, is_lambda, false))
            break;
        n++;
        if (!p_expect(p, TOK_COMMA))
            break;
    }
    p->invalid_rules = saved;
    if (n > 0 && at_kind(p, TOK_RPAR)) {
        Token *rpar = p_peek(p);
        p_error_span(p, SYNERR_SYNTAX, lpar->lineno, lpar->col_offset, rpar->end_lineno,
                     rpar->end_col_offset,
                     is_lambda ? "Lambda expression parameters cannot be parenthesized"
                               : "Function parameters cannot be parenthesized");
    }
}

/* Parameters of a def (up to ')') or lambda (up to ':'), as `arguments`. */
AstNode *p_lambda_or_def_params(Parser *p, bool is_lambda)
{
    TokenKind close = is_lambda ? TOK_COLON : TOK_RPAR;
    PList posonly, args, defaults, kwonly, kwdefaults;
    plist_init(&posonly);
    plist_init(&args);
    plist_init(&defaults);
    plist_init(&kwonly);
    plist_init(&kwdefaults);
    AstNode *vararg = NULL, *kwarg = NULL;
    bool seen_star = false, seen_slash = false;
    while (!at_kind(p, close)) {
        Token *t = p_peek(p);
        if (kwarg) {
            /* nothing may follow **kwargs */
            if (p->invalid_rules)
                p_error_tok(p, t, "arguments cannot follow var-keyword argument");
            goto fail;
        }
        if (t->kind == TOK_LPAR && p->invalid_rules && !seen_slash && !seen_star &&
            defaults.n == 0) {
            invalid_parenthesized_params(p, is_lambda);
            goto fail;
        }
        if (t->kind == TOK_SLASH) {
            if (seen_slash || seen_star || args.n == 0) {
                if (p->invalid_rules) {
                    if (seen_slash)
                        p_error_tok(p, t, "/ may appear only once");
                    else if (seen_star)
                        p_error_tok(p, t, "/ must be ahead of *");
                    else if (p_peek_at(p, 1)->kind == TOK_COMMA)
                        p_error_tok(p, t, "at least one argument must precede /");
                }
                goto fail;
            }
            p->pos++;
            seen_slash = true;
            for (int i = 0; i < args.n; i++)
                plist_push(p, &posonly, args.items[i]);
            args.n = 0;
        } else if (t->kind == TOK_STAR) {
            if (seen_star) {
                if (p->invalid_rules)
                    p_error_tok(p, t, "* argument may appear only once");
                goto fail;
            }
            p->pos++;
            seen_star = true;
            if (at_kind(p, TOK_NAME)) {
                vararg = param(p, is_lambda, true);
                if (!vararg)
                    goto fail;
                if (at_kind(p, TOK_EQUAL)) {
                    if (p->invalid_rules)
                        p_error_tok(p, p_peek(p),
                                    "var-positional argument cannot have default value");
                    goto fail;
                }
            } else if (!at_kind(p, TOK_COMMA) || p_peek_at(p, 1)->kind == close ||
                       p_peek_at(p, 1)->kind == TOK_DOUBLESTAR) {
                if (p->invalid_rules && !p->error &&
                    (at_kind(p, TOK_COMMA) || at_kind(p, close))) {
                    /* def: at the '*'; lambda: at the last token read */
                    if (is_lambda)
                        p_error_tok(p, at_kind(p, TOK_COMMA) ? p_peek_at(p, 1) : p_peek(p),
                                    "named arguments must follow bare *");
                    else
                        p_error_tok(p, t, "named arguments must follow bare *");
                }
                goto fail;
            }
        } else if (t->kind == TOK_DOUBLESTAR) {
            p->pos++;
            kwarg = param(p, is_lambda, false);
            if (!kwarg)
                goto fail;
            if (at_kind(p, TOK_EQUAL)) {
                if (p->invalid_rules)
                    p_error_tok(p, p_peek(p), "var-keyword argument cannot have default value");
                goto fail;
            }
        } else {
            AstNode *a = param(p, is_lambda, false);
            if (!a)
                goto fail;
            AstNode *def = NULL;
            if (at_kind(p, TOK_EQUAL)) {
                Token *eq = p_peek(p);
                p->pos++;
                if (p->invalid_rules && (at_kind(p, TOK_RPAR) || at_kind(p, TOK_COMMA))) {
                    p_error_tok(p, eq, "expected default value expression");
                    goto fail;
                }
                def = p_expression(p);
                if (!def)
                    goto fail;
            }
            if (seen_star) {
                if (!plist_push(p, &kwonly, a) || !plist_push(p, &kwdefaults, def))
                    goto fail;
            } else {
                if (!def && defaults.n) {
                    if (p->invalid_rules)
                        p_error_node(p, a, "non-default argument follows default argument");
                    goto fail;
                }
                if (!plist_push(p, &args, a) || (def && !plist_push(p, &defaults, def)))
                    goto fail;
            }
        }
        if (!at_kind(p, TOK_COMMA))
            break;
        p->pos++;
    }
    if (!at_kind(p, close))
        goto fail;
    if (seen_star && !vararg && kwonly.n == 0)
        goto fail;
    AstNode *n = ast_new(p->arena, AST_arguments, (AstPos){0});
    if (!n) {
        p_nomem(p);
        goto fail;
    }
    n->v.arguments.posonlyargs = plist_finish(p, &posonly);
    n->v.arguments.args = plist_finish(p, &args);
    n->v.arguments.vararg = vararg;
    n->v.arguments.kwonlyargs = plist_finish(p, &kwonly);
    n->v.arguments.kw_defaults = plist_finish(p, &kwdefaults);
    n->v.arguments.kwarg = kwarg;
    n->v.arguments.defaults = plist_finish(p, &defaults);
    return p->error ? NULL : n;
fail:
    plist_free(&posonly);
    plist_free(&args);
    plist_free(&defaults);
    plist_free(&kwonly);
    plist_free(&kwdefaults);
    return NULL;
}

static AstNode *p_lambdef(Parser *p)
{
    Token *start = p_peek(p);
    p->pos++;
    AstNode *args = p_lambda_or_def_params(p, true);
    if (!args || !p_expect(p, TOK_COLON))
        return NULL;
    AstNode *body = p_expression(p);
    if (!body)
        return NULL;
    AstNode *n = p_node(p, AST_Lambda, start);
    if (n) {
        n->v.Lambda.args = args;
        n->v.Lambda.body = body;
    }
    return n;
}

/* ---- targets ---- */

const char *p_invalid_target_name(const AstNode *e, AstCtx ctx, const AstNode **where)
{
    switch (e->kind) {
    case AST_Name:
    case AST_Attribute:
    case AST_Subscript:
        return NULL;
    case AST_Starred:
        if (ctx == AST_Del) {
            *where = e;
            return "starred";
        }
        return p_invalid_target_name(e->v.Starred.value, ctx, where);
    case AST_Tuple:
    case AST_List: {
        AstSeq *elts = e->kind == AST_Tuple ? e->v.Tuple.elts : e->v.List.elts;
        for (int i = 0; i < elts->n; i++) {
            const char *r = p_invalid_target_name(elts->items[i], ctx, where);
            if (r)
                return r;
        }
        return NULL;
    }
    default:
        *where = e;
        return expr_name(e);
    }
}

bool p_set_context(Parser *p, AstNode *e, AstCtx ctx)
{
    switch (e->kind) {
    case AST_Name:
        e->v.Name.ctx = ctx;
        return true;
    case AST_Attribute:
        e->v.Attribute.ctx = ctx;
        return true;
    case AST_Subscript:
        e->v.Subscript.ctx = ctx;
        return true;
    case AST_Starred:
        if (ctx == AST_Del)
            break;
        e->v.Starred.ctx = ctx;
        return p_set_context(p, e->v.Starred.value, ctx);
    case AST_Tuple:
    case AST_List: {
        AstSeq *elts = e->kind == AST_Tuple ? e->v.Tuple.elts : e->v.List.elts;
        if (e->kind == AST_Tuple)
            e->v.Tuple.ctx = ctx;
        else
            e->v.List.ctx = ctx;
        for (int i = 0; i < elts->n; i++)
            if (!p_set_context(p, elts->items[i], ctx))
                return false;
        return true;
    }
    default:
        break;
    }
    if (p->invalid_rules) {
        const AstNode *where = e;
        const char *what = p_invalid_target_name(e, ctx, &where);
        p_error_node(p, where, ctx == AST_Del ? "cannot delete %s" : "cannot assign to %s",
                     what ? what : expr_name(e));
    }
    return false;
}

/* star_target: '*' star_target | target_with_star_atom.  A target is parsed
 * as a primary (so `(a, b)` and `[a, *b]` come as displays) and then
 * checked; the caller sets the Store context. */
AstNode *p_star_target(Parser *p)
{
    Token *start = p_peek(p);
    if (start->kind == TOK_STAR) {
        if (p_peek_at(p, 1)->kind == TOK_STAR)
            return NULL;
        p->pos++;
        if (!p_enter(p))
            return NULL;
        AstNode *v = p_star_target(p);
        p_leave(p);
        if (!v) {
            p->pos--;
            return NULL;
        }
        return starred(p, start, v);
    }
    return p_primary(p);
}

/* star_targets: star_target !',' | star_target (',' star_target)* [','] */
AstNode *p_star_targets(Parser *p)
{
    Token *start = p_peek(p);
    AstNode *first = p_star_target(p);
    if (!first)
        return NULL;
    AstNode *result = first;
    if (at_kind(p, TOK_COMMA)) {
        PList elts;
        plist_init(&elts);
        plist_push(p, &elts, first);
        while (at_kind(p, TOK_COMMA)) {
            p->pos++;
            int save = p->pos;
            AstNode *e = p_star_target(p);
            if (!e) {
                p->pos = save;
                break;
            }
            if (!plist_push(p, &elts, e))
                break;
        }
        if (p->error) {
            plist_free(&elts);
            return NULL;
        }
        result = make_tuple(p, start, &elts, AST_Store);
        if (!result)
            return NULL;
    }
    if (!p_set_context(p, result, AST_Store))
        return NULL;
    return result;
}
