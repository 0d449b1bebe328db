/* The abstract syntax tree: node kinds and fields exactly as CPython 3.11's
 * `ast` module, declared once in ast.def.  Every node is an AstNode; its kind
 * says which member of the union `v` is live.  All nodes live in an Arena. */
#ifndef KRAIT_AST_H
#define KRAIT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct AstNode AstNode;

/* A counted array of node pointers (or identifier strings, or operator
 * codes stored as intptr_t for cmpop_seq). */
typedef struct AstSeq {
    int n;
    void *items[];
} AstSeq;

typedef enum {
    AST_CONST_NONE,
    AST_CONST_TRUE,
    AST_CONST_FALSE,
    AST_CONST_ELLIPSIS,
    AST_CONST_INT,      /* fits in int64: u.i */
    AST_CONST_BIGINT,   /* decimal digits in u.s (len bytes) */
    AST_CONST_FLOAT,    /* u.f */
    AST_CONST_COMPLEX,  /* imaginary literal: 0 + u.f j */
    AST_CONST_STR,      /* UTF-8 in u.s (len bytes); lone surrogates encoded
                           as 3-byte sequences (as Python's 'surrogatepass') */
    AST_CONST_BYTES,    /* raw bytes in u.s (len bytes) */
} AstConstKind;

typedef struct AstConstant {
    AstConstKind kind;
    size_t len;
    union {
        int64_t i;
        double f;
        const char *s;
    } u;
} AstConstant;

typedef enum { AST_And, AST_Or } AstBoolOp;
typedef enum {
    AST_Add, AST_Sub, AST_Mult, AST_MatMult, AST_Div, AST_Mod, AST_Pow,
    AST_LShift, AST_RShift, AST_BitOr, AST_BitXor, AST_BitAnd, AST_FloorDiv
} AstBinOp;
typedef enum { AST_Invert, AST_Not, AST_UAdd, AST_USub } AstUnaryOp;
typedef enum {
    AST_Eq, AST_NotEq, AST_Lt, AST_LtE, AST_Gt, AST_GtE, AST_Is, AST_IsNot,
    AST_In, AST_NotIn
} AstCmpOp;
typedef enum { AST_Load, AST_Store, AST_Del } AstCtx;

/* C types of the field types named in ast.def. */
typedef AstNode *AstF_expr, *AstF_expr_opt, *AstF_pattern, *AstF_pattern_opt,
    *AstF_arg_opt, *AstF_args;
typedef AstSeq *AstF_expr_seq, *AstF_stmt_seq, *AstF_pattern_seq, *AstF_keyword_seq,
    *AstF_alias_seq, *AstF_withitem_seq, *AstF_match_case_seq, *AstF_handler_seq,
    *AstF_comp_seq, *AstF_arg_seq, *AstF_ignore_seq, *AstF_ident_seq, *AstF_cmpop_seq;
typedef const char *AstF_ident, *AstF_ident_opt, *AstF_str_opt;
typedef int AstF_int;
typedef AstConstant AstF_constant;
typedef AstBoolOp AstF_boolop;
typedef AstBinOp AstF_binop;
typedef AstUnaryOp AstF_unaryop;
typedef AstCtx AstF_ctx;

typedef enum {
#define NODE(cat, name, fields) AST_##name,
#include "ast.def"
#undef NODE
    AST_KIND_COUNT
} AstKind;

/* Source span: 1-based lines, 0-based UTF-8 byte columns, as CPython. */
typedef struct AstPos {
    int lineno, col_offset, end_lineno, end_col_offset;
} AstPos;

struct AstNode {
    AstKind kind;
    AstPos pos;   /* meaningful only when ast_has_pos(kind) */
    union {
#define F(type, name) AstF_##type name;
/* Tagged so code generated from ast.def can name a kind's fields. */
#define NODE(cat, name, fields) struct AstV_##name { char unused_; fields } name;
#include "ast.def"
#undef NODE
#undef F
    } v;
};

/* Does this kind carry lineno/col_offset/end_lineno/end_col_offset? */
bool ast_has_pos(AstKind kind);
/* The Python class name of a kind ("BinOp", "arguments", ...). */
const char *ast_kind_name(AstKind kind);

/* Allocation helpers (arena-backed, zeroed).  Return NULL on out-of-memory. */
AstNode *ast_new(Arena *a, AstKind kind, AstPos pos);
AstSeq *ast_seq_new(Arena *a, int n);

/* Writes ast.dump(tree, include_attributes=True) as CPython 3.11 prints it.
 * Returns 0, or -1 on a write error. */
#include <stdio.h>
int ast_dump(FILE *out, const AstNode *tree);

#endif
