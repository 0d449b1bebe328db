#include "ast.h"

#include <stdint.h>

/* Which categories carry source positions is decided per category in the
 * ASDL, so the per-kind tables are derived from ast.def's category column. */
enum {
    CAT_POS_Mod = 0,
    CAT_POS_Stmt = 1,
    CAT_POS_Expr = 1,
    CAT_POS_Pattern = 1,
    CAT_POS_Handler = 1,
    CAT_POS_Comprehension = 0,
    CAT_POS_Arguments = 0,
    CAT_POS_Arg = 1,
    CAT_POS_Keyword = 1,
    CAT_POS_Alias = 1,
    CAT_POS_WithItem = 0,
    CAT_POS_MatchCase = 0,
    CAT_POS_TypeIgnore = 0,
};

static const bool kind_has_pos[AST_KIND_COUNT] = {
#define NODE(cat, name, fields) [AST_##name] = CAT_POS_##cat,
#include "ast.def"
#undef NODE
};

static const char *const kind_names[AST_KIND_COUNT] = {
#define NODE(cat, name, fields) [AST_##name] = #name,
#include "ast.def"
#undef NODE
};

bool ast_has_pos(AstKind kind)
{
    return (unsigned)kind < AST_KIND_COUNT && kind_has_pos[kind];
}

const char *ast_kind_name(AstKind kind)
{
    return (unsigned)kind < AST_KIND_COUNT ? kind_names[kind] : "?";
}

AstNode *ast_new(Arena *a, AstKind kind, AstPos pos)
{
    AstNode *n = arena_alloc(a, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->pos = pos;
    return n;
}

AstSeq *ast_seq_new(Arena *a, int n)
{
    if (n < 0 || (size_t)n > (SIZE_MAX - sizeof(AstSeq)) / sizeof(void *))
        return NULL;
    AstSeq *s = arena_alloc(a, sizeof *s + (size_t)n * sizeof(void *));
    if (!s)
        return NULL;
    s->n = n;
    return s;
}
