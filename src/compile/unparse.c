/* Expressions back to source text (PEP 563 annotations); see unparse.h.
 *
 * Each expression is written at a context precedence: it adds parentheses
 * when its own binding is looser than the context's.  The levels and the
 * operand levels each construct asks for are the ones that make the output
 * match python3.11 (checked by tests/lang/statements/future_annotations*). */
#include <string.h>

#include "compile/unparse.h"
#include "objects/objects.h"

/* Loosest to tightest. */
enum {
    PR_TUPLE,
    PR_TEST,      /* if-else, lambda */
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,     /* + - */
    PR_TERM,      /* * @ / % // */
    PR_FACTOR,    /* unary + - ~ */
    PR_POWER,
    PR_AWAIT,
    PR_ATOM,
};

typedef struct {
    KrThread *t;
    KrStrBuilder b;
    KrUnparseConstFn constant;
    void *ctx;
    bool failed;
} Unparser;

static void put(Unparser *u, const char *s)
{
    if (!u->failed && kr_sb_append_utf8(u->t, &u->b, s, strlen(s)) < 0)
        u->failed = true;
}

static void put_if(Unparser *u, bool cond, const char *s)
{
    if (cond)
        put(u, s);
}

static void put_str(Unparser *u, KrValue s)
{
    if (s == KR_ERROR) {
        u->failed = true;
        return;
    }
    if (!u->failed && kr_sb_append_str(u->t, &u->b, s) < 0)
        u->failed = true;
}

static void expr(Unparser *u, const AstNode *e, int level);

/* The repr of a value, with an infinite float written as 1e309 so that the
 * text still evaluates to it. */
static void put_repr(Unparser *u, KrValue v, bool numeric)
{
    if (v == KR_ERROR) {
        u->failed = true;
        return;
    }
    KrValue r = kr_repr(u->t, v);
    if (r == KR_ERROR) {
        u->failed = true;
        return;
    }
    if (!numeric) {
        put_str(u, r);
        kr_decref(u->t, r);
        return;
    }
    size_t n;
    const char *s = kr_str_utf8(u->t, r, &n);
    if (!s) {
        u->failed = true;
    } else {
        /* numeric reprs are ASCII and short */
        for (size_t i = 0; i < n; i++) {
            if (i + 3 <= n && memcmp(s + i, "inf", 3) == 0) {
                put(u, "1e309");
                i += 2;
            } else {
                char ch[2] = {s[i], 0};
                put(u, ch);
            }
        }
    }
    kr_decref(u->t, r);
}

static void constant(Unparser *u, const AstNode *e)
{
    const AstConstant *k = &e->v.Constant.value;
    if (k->kind == AST_CONST_ELLIPSIS) {
        put(u, "...");
        return;
    }
    if (e->v.Constant.kind)
        put(u, "u");
    KrValue v = u->constant(u->ctx, k);
    put_repr(u, v, k->kind == AST_CONST_FLOAT || k->kind == AST_CONST_COMPLEX);
    if (v != KR_ERROR)
        kr_decref(u->t, v);
}

static void seq(Unparser *u, const AstSeq *s, int level)
{
    for (int i = 0; s && i < s->n; i++) {
        put_if(u, i > 0, ", ");
        expr(u, s->items[i], level);
    }
}

static void arg(Unparser *u, const AstNode *a)
{
    put(u, a->v.arg.arg);
    if (a->v.arg.annotation) {
        put(u, ": ");
        expr(u, a->v.arg.annotation, PR_TEST);
    }
}

static void arguments(Unparser *u, const AstNode *args)
{
    const AstSeq *po = args->v.arguments.posonlyargs, *pa = args->v.arguments.args;
    const AstSeq *defs = args->v.arguments.defaults;
    int npo = po ? po->n : 0, npa = pa ? pa->n : 0, ndef = defs ? defs->n : 0;
    bool first = true;
    for (int i = 0; i < npo + npa; i++) {
        put_if(u, !first, ", ");
        first = false;
        arg(u, i < npo ? po->items[i] : pa->items[i - npo]);
        int d = i - (npo + npa) + ndef;
        if (d >= 0) {
            put(u, "=");
            expr(u, defs->items[d], PR_TEST);
        }
        put_if(u, npo > 0 && i + 1 == npo, ", /");
    }
    const AstSeq *kwo = args->v.arguments.kwonlyargs, *kwd = args->v.arguments.kw_defaults;
    if (args->v.arguments.vararg || (kwo && kwo->n)) {
        put_if(u, !first, ", ");
        first = false;
        put(u, "*");
        if (args->v.arguments.vararg)
            arg(u, args->v.arguments.vararg);
    }
    for (int i = 0; kwo && i < kwo->n; i++) {
        put_if(u, !first, ", ");
        first = false;
        arg(u, kwo->items[i]);
        if (kwd && i < kwd->n && kwd->items[i]) {
            put(u, "=");
            expr(u, kwd->items[i], PR_TEST);
        }
    }
    if (args->v.arguments.kwarg) {
        put_if(u, !first, ", ");
        put(u, "**");
        arg(u, args->v.arguments.kwarg);
    }
}

static void comprehensions(Unparser *u, const AstSeq *gens)
{
    for (int i = 0; gens && i < gens->n; i++) {
        const AstNode *g = gens->items[i];
        put(u, g->v.comprehension.is_async ? " async for " : " for ");
        expr(u, g->v.comprehension.target, PR_TUPLE);
        put(u, " in ");
        expr(u, g->v.comprehension.iter, PR_TEST + 1);
        const AstSeq *ifs = g->v.comprehension.ifs;
        for (int j = 0; ifs && j < ifs->n; j++) {
            put(u, " if ");
            expr(u, ifs->items[j], PR_TEST + 1);
        }
    }
}

static void genexp(Unparser *u, const AstNode *e)
{
    put(u, "(");
    expr(u, e->v.GeneratorExp.elt, PR_TEST);
    comprehensions(u, e->v.GeneratorExp.generators);
    put(u, ")");
}

/* Literal text inside an f-string: braces doubled. */
static void fstring_text(Unparser *u, const AstNode *e)
{
    const AstConstant *k = &e->v.Constant.value;
    KrValue v = u->constant(u->ctx, k);
    if (v == KR_ERROR || !kr_is_str(u->t, v)) {
        u->failed = true;
        kr_xdecref(u->t, v);
        return;
    }
    KrStr *s = kr_as_str(v);
    for (size_t i = 0; i < s->len && !u->failed; i++) {
        uint32_t c = kr_str_char(s, i);
        if (kr_sb_append_char(u->t, &u->b, c) < 0 ||
            ((c == '{' || c == '}') && kr_sb_append_char(u->t, &u->b, c) < 0))
            u->failed = true;
    }
    kr_decref(u->t, v);
}

static void fstring_body(Unparser *u, const AstSeq *values);

static void formatted_value(Unparser *u, const AstNode *e)
{
    /* The expression goes in a builder of its own: a leading '{' (a dict
     * or set display) needs a space after the replacement field's brace. */
    Unparser inner = {.t = u->t, .constant = u->constant, .ctx = u->ctx};
    kr_sb_init(&inner.b);
    expr(&inner, e->v.FormattedValue.value, PR_TEST + 1);
    KrValue text = inner.failed ? KR_ERROR : kr_sb_finish(u->t, &inner.b);
    if (inner.failed)
        kr_sb_discard(&inner.b);
    if (text == KR_ERROR) {
        u->failed = true;
        return;
    }
    KrStr *ts = kr_as_str(text);
    put(u, ts->len > 0 && kr_str_char(ts, 0) == '{' ? "{ " : "{");
    put_str(u, text);
    kr_decref(u->t, text);
    switch (e->v.FormattedValue.conversion) {
    case 'r': put(u, "!r"); break;
    case 's': put(u, "!s"); break;
    case 'a': put(u, "!a"); break;
    default: break;
    }
    const AstNode *spec = e->v.FormattedValue.format_spec;
    if (spec) {
        put(u, ":");
        if (spec->kind == AST_JoinedStr)
            fstring_body(u, spec->v.JoinedStr.values);
        else if (spec->kind == AST_Constant)
            fstring_text(u, spec);
        else if (spec->kind == AST_FormattedValue)
            formatted_value(u, spec);
    }
    put(u, "}");
}

static void fstring_body(Unparser *u, const AstSeq *values)
{
    for (int i = 0; values && i < values->n; i++) {
        const AstNode *v = values->items[i];
        if (v->kind == AST_Constant)
            fstring_text(u, v);
        else if (v->kind == AST_FormattedValue)
            formatted_value(u, v);
        else if (v->kind == AST_JoinedStr)
            fstring_body(u, v->v.JoinedStr.values);
    }
}

/* f'...': the body is built as a str, then written as its repr after 'f'
 * (so the quotes are whichever repr chooses). */
static void joined_str(Unparser *u, const AstNode *e)
{
    Unparser inner = {.t = u->t, .constant = u->constant, .ctx = u->ctx};
    kr_sb_init(&inner.b);
    fstring_body(&inner, e->v.JoinedStr.values);
    KrValue body = inner.failed ? KR_ERROR : kr_sb_finish(u->t, &inner.b);
    if (inner.failed)
        kr_sb_discard(&inner.b);
    put(u, "f");
    put_repr(u, body, false);
    if (body != KR_ERROR)
        kr_decref(u->t, body);
}

static const char *binop_text(AstBinOp op, int *pr)
{
    switch (op) {
    case AST_Add: *pr = PR_ARITH; return " + ";
    case AST_Sub: *pr = PR_ARITH; return " - ";
    case AST_Mult: *pr = PR_TERM; return " * ";
    case AST_MatMult: *pr = PR_TERM; return " @ ";
    case AST_Div: *pr = PR_TERM; return " / ";
    case AST_Mod: *pr = PR_TERM; return " % ";
    case AST_FloorDiv: *pr = PR_TERM; return " // ";
    case AST_LShift: *pr = PR_SHIFT; return " << ";
    case AST_RShift: *pr = PR_SHIFT; return " >> ";
    case AST_BitOr: *pr = PR_BOR; return " | ";
    case AST_BitXor: *pr = PR_BXOR; return " ^ ";
    case AST_BitAnd: *pr = PR_BAND; return " & ";
    case AST_Pow: *pr = PR_POWER; return " ** ";
    }
    *pr = PR_ATOM;
    return " ? ";
}

static const char *cmpop_text(AstCmpOp op)
{
    switch (op) {
    case AST_Eq: return " == ";
    case AST_NotEq: return " != ";
    case AST_Lt: return " < ";
    case AST_LtE: return " <= ";
    case AST_Gt: return " > ";
    case AST_GtE: return " >= ";
    case AST_Is: return " is ";
    case AST_IsNot: return " is not ";
    case AST_In: return " in ";
    case AST_NotIn: return " not in ";
    }
    return " ? ";
}

static void expr(Unparser *u, const AstNode *e, int level)
{
    if (u->failed)
        return;
    switch (e->kind) {
    case AST_BoolOp: {
        int pr = e->v.BoolOp.op == AST_And ? PR_AND : PR_OR;
        const AstSeq *vs = e->v.BoolOp.values;
        put_if(u, level > pr, "(");
        for (int i = 0; vs && i < vs->n; i++) {
            put_if(u, i > 0, e->v.BoolOp.op == AST_And ? " and " : " or ");
            expr(u, vs->items[i], pr + 1);
        }
        put_if(u, level > pr, ")");
        break;
    }
    case AST_NamedExpr:
        put_if(u, level > PR_TUPLE, "(");
        expr(u, e->v.NamedExpr.target, PR_ATOM);
        put(u, " := ");
        expr(u, e->v.NamedExpr.value, PR_ATOM);
        put_if(u, level > PR_TUPLE, ")");
        break;
    case AST_BinOp: {
        int pr;
        const char *op = binop_text(e->v.BinOp.op, &pr);
        /* ** groups to the right, the others to the left */
        bool right = e->v.BinOp.op == AST_Pow;
        put_if(u, level > pr, "(");
        expr(u, e->v.BinOp.left, pr + right);
        put(u, op);
        expr(u, e->v.BinOp.right, pr + !right);
        put_if(u, level > pr, ")");
        break;
    }
    case AST_UnaryOp: {
        int pr = PR_FACTOR;
        const char *op = "";
        switch (e->v.UnaryOp.op) {
        case AST_Invert: op = "~"; break;
        case AST_Not: op = "not "; pr = PR_NOT; break;
        case AST_UAdd: op = "+"; break;
        case AST_USub: op = "-"; break;
        }
        put_if(u, level > pr, "(");
        put(u, op);
        expr(u, e->v.UnaryOp.operand, pr);
        put_if(u, level > pr, ")");
        break;
    }
    case AST_Lambda: {
        const AstNode *a = e->v.Lambda.args;
        int npos = (a->v.arguments.args ? a->v.arguments.args->n : 0) +
                   (a->v.arguments.posonlyargs ? a->v.arguments.posonlyargs->n : 0);
        put_if(u, level > PR_TEST, "(");
        /* python3.11 writes `lambda*a: 0`: the space comes only with
         * positional parameters */
        put(u, npos ? "lambda " : "lambda");
        arguments(u, a);
        put(u, ": ");
        expr(u, e->v.Lambda.body, PR_TEST);
        put_if(u, level > PR_TEST, ")");
        break;
    }
    case AST_IfExp:
        put_if(u, level > PR_TEST, "(");
        expr(u, e->v.IfExp.body, PR_TEST + 1);
        put(u, " if ");
        expr(u, e->v.IfExp.test, PR_TEST + 1);
        put(u, " else ");
        expr(u, e->v.IfExp.orelse, PR_TEST);
        put_if(u, level > PR_TEST, ")");
        break;
    case AST_Dict: {
        const AstSeq *ks = e->v.Dict.keys, *vs = e->v.Dict.values;
        put(u, "{");
        for (int i = 0; vs && i < vs->n; i++) {
            put_if(u, i > 0, ", ");
            const AstNode *k = ks && i < ks->n ? ks->items[i] : NULL;
            if (k) {
                expr(u, k, PR_TEST);
                put(u, ": ");
                expr(u, vs->items[i], PR_TEST);
            } else {
                put(u, "**");
                expr(u, vs->items[i], PR_EXPR);
            }
        }
        put(u, "}");
        break;
    }
    case AST_Set:
        put(u, "{");
        seq(u, e->v.Set.elts, PR_TEST);
        put(u, "}");
        break;
    case AST_ListComp:
        put(u, "[");
        expr(u, e->v.ListComp.elt, PR_TEST);
        comprehensions(u, e->v.ListComp.generators);
        put(u, "]");
        break;
    case AST_SetComp:
        put(u, "{");
        expr(u, e->v.SetComp.elt, PR_TEST);
        comprehensions(u, e->v.SetComp.generators);
        put(u, "}");
        break;
    case AST_DictComp:
        put(u, "{");
        expr(u, e->v.DictComp.key, PR_TEST);
        put(u, ": ");
        expr(u, e->v.DictComp.value, PR_TEST);
        comprehensions(u, e->v.DictComp.generators);
        put(u, "}");
        break;
    case AST_GeneratorExp:
        genexp(u, e);
        break;
    case AST_Await:
        put_if(u, level > PR_AWAIT, "(");
        put(u, "await ");
        expr(u, e->v.Await.value, PR_ATOM);
        put_if(u, level > PR_AWAIT, ")");
        break;
    case AST_Yield:
        if (!e->v.Yield.value) {
            put(u, "(yield)");
        } else {
            put(u, "(yield ");
            expr(u, e->v.Yield.value, PR_TEST);
            put(u, ")");
        }
        break;
    case AST_YieldFrom:
        put(u, "(yield from ");
        expr(u, e->v.YieldFrom.value, PR_TEST);
        put(u, ")");
        break;
    case AST_Compare: {
        const AstSeq *ops = e->v.Compare.ops, *cs = e->v.Compare.comparators;
        put_if(u, level > PR_CMP, "(");
        expr(u, e->v.Compare.left, PR_CMP + 1);
        for (int i = 0; cs && i < cs->n; i++) {
            put(u, cmpop_text((AstCmpOp)(intptr_t)ops->items[i]));
            expr(u, cs->items[i], PR_CMP + 1);
        }
        put_if(u, level > PR_CMP, ")");
        break;
    }
    case AST_Call: {
        const AstSeq *as = e->v.Call.args, *kws = e->v.Call.keywords;
        int na = as ? as->n : 0, nk = kws ? kws->n : 0;
        expr(u, e->v.Call.func, PR_ATOM);
        /* f(x for x in y): the generator's parentheses are the call's */
        if (na == 1 && nk == 0 && ((const AstNode *)as->items[0])->kind == AST_GeneratorExp) {
            genexp(u, as->items[0]);
            break;
        }
        put(u, "(");
        seq(u, as, PR_TEST);
        for (int i = 0; i < nk; i++) {
            const AstNode *k = kws->items[i];
            put_if(u, na > 0 || i > 0, ", ");
            if (k->v.keyword.arg) {
                put(u, k->v.keyword.arg);
                put(u, "=");
            } else {
                put(u, "**");
            }
            expr(u, k->v.keyword.value, PR_TEST);
        }
        put(u, ")");
        break;
    }
    case AST_FormattedValue:
        formatted_value(u, e);
        break;
    case AST_JoinedStr:
        joined_str(u, e);
        break;
    case AST_Constant:
        constant(u, e);
        break;
    case AST_Attribute: {
        const AstNode *v = e->v.Attribute.value;
        expr(u, v, PR_ATOM);
        /* `1.real` would read as a float */
        bool int_const = v->kind == AST_Constant &&
                         (v->v.Constant.value.kind == AST_CONST_INT || v->v.Constant.value.kind == AST_CONST_BIGINT);
        put(u, int_const ? " ." : ".");
        put(u, e->v.Attribute.attr);
        break;
    }
    case AST_Subscript:
        expr(u, e->v.Subscript.value, PR_ATOM);
        put(u, "[");
        expr(u, e->v.Subscript.slice, PR_TUPLE);
        put(u, "]");
        break;
    case AST_Starred:
        put(u, "*");
        expr(u, e->v.Starred.value, PR_EXPR);
        break;
    case AST_Name:
        put(u, e->v.Name.id);
        break;
    case AST_List:
        put(u, "[");
        seq(u, e->v.List.elts, PR_TEST);
        put(u, "]");
        break;
    case AST_Tuple: {
        const AstSeq *elts = e->v.Tuple.elts;
        int n = elts ? elts->n : 0;
        if (n == 0) {
            put(u, "()");
            break;
        }
        put_if(u, level > PR_TUPLE, "(");
        seq(u, elts, PR_TEST);
        put_if(u, n == 1, ",");
        put_if(u, level > PR_TUPLE, ")");
        break;
    }
    case AST_Slice:
        if (e->v.Slice.lower)
            expr(u, e->v.Slice.lower, PR_TEST);
        put(u, ":");
        if (e->v.Slice.upper)
            expr(u, e->v.Slice.upper, PR_TEST);
        if (e->v.Slice.step) {
            put(u, ":");
            expr(u, e->v.Slice.step, PR_TEST);
        }
        break;
    default:
        kr_raise_fmt(u->t, kr_exc_type(u->t, SystemError), "unknown expression kind in annotation");
        u->failed = true;
        break;
    }
}

KrValue kr_unparse_annotation(KrThread *t, const AstNode *e, KrUnparseConstFn constant, void *ctx)
{
    Unparser u = {.t = t, .constant = constant, .ctx = ctx};
    kr_sb_init(&u.b);
    expr(&u, e, PR_TEST);
    if (u.failed) {
        kr_sb_discard(&u.b);
        if (!kr_err_occurred(t))
            kr_no_memory(t);
        return KR_ERROR;
    }
    return kr_sb_finish(t, &u.b);
}
