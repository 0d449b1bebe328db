/* ast.dump(tree, include_attributes=True) in CPython 3.11's format.
 *
 * The per-kind code is generated from ast.def: every field is printed in
 * _fields order through a printer named after its field type, so adding a
 * node kind to ast.def needs no change here.  Output goes through stdio,
 * whose buffering is enough for multi-megabyte dumps. */
#include "ast.h"

#include <string.h>

#include "literal.h"

static const char *const boolop_names[] = { "And", "Or" };
static const char *const binop_names[] = {
    "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
    "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv",
};
static const char *const unaryop_names[] = { "Invert", "Not", "UAdd", "USub" };
static const char *const cmpop_names[] = {
    "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn",
};
static const char *const ctx_names[] = { "Load", "Store", "Del" };

#define NAME_OF(table, v) \
    ((unsigned)(v) < sizeof table / sizeof table[0] ? table[(unsigned)(v)] : "?")

static void dump_node(FILE *out, const AstNode *n);

/* Starts "name=" and the ", " before every field but the first. */
static void field(FILE *out, bool *first, const char *name)
{
    if (!*first)
        fputs(", ", out);
    *first = false;
    fputs(name, out);
    putc('=', out);
}

static void put_str(FILE *out, const char *s)
{
    AstConstant c = { .kind = AST_CONST_STR, .len = strlen(s), .u.s = s };
    lit_repr(out, &c);
}

static void put_op(FILE *out, const char *name)
{
    fputs(name, out);
    fputs("()", out);
}

/* A missing node in a required field or inside a list is printed as None
 * (Dict keys for `**x`, kw_defaults); an optional field that is None is
 * left out altogether, as ast.dump skips None values whose class default
 * is None. */
static void node_field(FILE *out, bool *first, const char *name, const AstNode *v)
{
    field(out, first, name);
    dump_node(out, v);
}

static void opt_node_field(FILE *out, bool *first, const char *name, const AstNode *v)
{
    if (v)
        node_field(out, first, name, v);
}

static void seq_field(FILE *out, bool *first, const char *name, const AstSeq *s)
{
    field(out, first, name);
    putc('[', out);
    for (int i = 0; s && i < s->n; i++) {
        if (i)
            fputs(", ", out);
        dump_node(out, s->items[i]);
    }
    putc(']', out);
}

#define dump_expr node_field
#define dump_pattern node_field
#define dump_args node_field
#define dump_expr_opt opt_node_field
#define dump_pattern_opt opt_node_field
#define dump_arg_opt opt_node_field
#define dump_expr_seq seq_field
#define dump_stmt_seq seq_field
#define dump_pattern_seq seq_field
#define dump_keyword_seq seq_field
#define dump_alias_seq seq_field
#define dump_withitem_seq seq_field
#define dump_match_case_seq seq_field
#define dump_handler_seq seq_field
#define dump_comp_seq seq_field
#define dump_arg_seq seq_field
#define dump_ignore_seq seq_field

static void dump_ident_seq(FILE *out, bool *first, const char *name, const AstSeq *s)
{
    field(out, first, name);
    putc('[', out);
    for (int i = 0; s && i < s->n; i++) {
        if (i)
            fputs(", ", out);
        put_str(out, s->items[i]);
    }
    putc(']', out);
}

static void dump_cmpop_seq(FILE *out, bool *first, const char *name, const AstSeq *s)
{
    field(out, first, name);
    putc('[', out);
    for (int i = 0; s && i < s->n; i++) {
        if (i)
            fputs(", ", out);
        put_op(out, NAME_OF(cmpop_names, (intptr_t)s->items[i]));
    }
    putc(']', out);
}

static void dump_ident(FILE *out, bool *first, const char *name, const char *v)
{
    field(out, first, name);
    if (v)
        put_str(out, v);
    else
        fputs("None", out);
}

static void dump_ident_opt(FILE *out, bool *first, const char *name, const char *v)
{
    if (v)
        dump_ident(out, first, name, v);
}

#define dump_str_opt dump_ident_opt

static void dump_int(FILE *out, bool *first, const char *name, int v)
{
    field(out, first, name);
    fprintf(out, "%d", v);
}

static void dump_constant(FILE *out, bool *first, const char *name, AstConstant v)
{
    field(out, first, name);
    lit_repr(out, &v);
}

static void dump_boolop(FILE *out, bool *first, const char *name, AstBoolOp v)
{
    field(out, first, name);
    put_op(out, NAME_OF(boolop_names, v));
}

static void dump_binop(FILE *out, bool *first, const char *name, AstBinOp v)
{
    field(out, first, name);
    put_op(out, NAME_OF(binop_names, v));
}

static void dump_unaryop(FILE *out, bool *first, const char *name, AstUnaryOp v)
{
    field(out, first, name);
    put_op(out, NAME_OF(unaryop_names, v));
}

static void dump_ctx(FILE *out, bool *first, const char *name, AstCtx v)
{
    field(out, first, name);
    put_op(out, NAME_OF(ctx_names, v));
}

static void dump_fields(FILE *out, bool *first, const AstNode *n)
{
    switch (n->kind) {
#define F(type, fname) dump_##type(out, first, #fname, v->fname);
#define NODE(cat, name, fields) \
    case AST_##name: {                                \
        const struct AstV_##name *v = &n->v.name;     \
        (void)v;                                      \
        fields                                        \
        break;                                        \
    }
#include "ast.def"
#undef NODE
#undef F
    default:
        break;
    }
}

static void dump_node(FILE *out, const AstNode *n)
{
    if (!n) {
        fputs("None", out);
        return;
    }
    fputs(ast_kind_name(n->kind), out);
    putc('(', out);
    bool first = true;
    dump_fields(out, &first, n);
    if (ast_has_pos(n->kind)) {
        dump_int(out, &first, "lineno", n->pos.lineno);
        dump_int(out, &first, "col_offset", n->pos.col_offset);
        dump_int(out, &first, "end_lineno", n->pos.end_lineno);
        dump_int(out, &first, "end_col_offset", n->pos.end_col_offset);
    }
    putc(')', out);
}

int ast_dump(FILE *out, const AstNode *tree)
{
    dump_node(out, tree);
    putc('\n', out);
    return ferror(out) ? -1 : 0;
}
