/* Internals shared by the parser's files (parser.c: tokens, errors, entry
 * points; parse_expr.c; parse_stmt.c; parse_pattern.c; parse_string.c).
 *
 * The parser is hand-written recursive descent following CPython 3.11's PEG
 * grammar.  A rule function returns a node, or NULL when it does not match
 * (the caller may backtrack by restoring p->pos), or NULL with p->error set
 * when the parse must stop.  As in CPython, a failed parse is retried from
 * the start with `p->invalid_rules` on: the second pass runs extra checks
 * that only exist to produce specific error messages. */
#ifndef KRAIT_PARSER_IMPL_H
#define KRAIT_PARSER_IMPL_H

#include <stdbool.h>

#include "ast.h"
#include "parser.h"
#include "tokenizer.h"

/* How deep a tree may nest.  CPython 3.11 compiles trees up to about 3,000
 * levels and raises RecursionError beyond; we stop at the same depth, so
 * every later recursive walk of the tree is bounded too. */
enum { PARSER_MAX_DEPTH = 2970 };

typedef struct Parser {
    Tokenizer *tok;
    Arena *arena;
    SyntaxErrorInfo *err;
    /* Tokens fetched so far, in fixed blocks so a Token* stays valid while
     * more are fetched. */
    Token **blocks;
    int nblocks;
    int ntokens;
    int pos;                /* index of the next token to consume */
    bool error;             /* an error is set in *err; unwind */
    bool tok_error;         /* ...and it came from the tokenizer */
    bool invalid_rules;     /* second pass: look for specific errors */
    int depth;              /* recursion depth, to fail cleanly on deep nesting */
    /* Second pass only: disjunction results by start token, so the extra
     * attempts of the error rules stay linear (CPython memoises too). */
    struct PMemo { AstNode *node; int end; bool set; } *memo;
    int memo_cap;
    /* Nesting while parsing f-string replacement fields: f-strings in
     * sub-tokenizers share this parser's arena and error slot. */
    /* The source as given ended with a line break (the tokenizer's buffer
     * always does): single mode needs it after a one-line compound statement. */
    bool final_newline;
    bool virtual_eof_newline;   /* ...and the mode is eval or single */
} Parser;

/* ---- tokens ---- */
Token *p_fetch(Parser *p, int index);
enum { P_BLOCK_BITS = 10, P_BLOCK_SIZE = 1 << P_BLOCK_BITS };
static inline Token *p_token(Parser *p, int i)
{
    return i < p->ntokens ? &p->blocks[i >> P_BLOCK_BITS][i & (P_BLOCK_SIZE - 1)]
                          : p_fetch(p, i);
}
static inline Token *p_peek(Parser *p) { return p_token(p, p->pos); }
static inline Token *p_peek_at(Parser *p, int ahead) { return p_token(p, p->pos + ahead); }
static inline bool p_check(Parser *p, TokenKind kind) { return p_peek(p)->kind == kind; }
static inline Token *p_expect(Parser *p, TokenKind kind)
{
    Token *t = p_peek(p);
    if (t->kind != kind)
        return NULL;
    p->pos++;
    return t;
}
/* The token consumed last, skipping NEWLINE/INDENT/DEDENT as CPython does:
 * its end is the end of the node being built. */
static inline Token *p_last(Parser *p)
{
    int i = p->pos - 1;
    while (i > 0) {
        TokenKind k = p_token(p, i)->kind;
        if (k != TOK_NEWLINE && k != TOK_INDENT && k != TOK_DEDENT && k != TOK_ENDMARKER)
            break;
        i--;
    }
    return p_token(p, i < 0 ? 0 : i);
}
bool p_is_name(Parser *p, const char *soft_keyword);  /* NAME with this spelling? */

/* ---- errors ---- */
/* Sets a SyntaxError (kind SYNERR_SYNTAX unless given) at a span.  Returns
 * NULL so rules can `return p_error_at(...)`.  Only the first error counts. */
void *p_error_span(Parser *p, SyntaxErrorKind kind, int lineno, int col, int end_lineno,
                   int end_col, const char *fmt, ...);
void *p_error_tok(Parser *p, const Token *t, const char *fmt, ...);
void *p_error_node(Parser *p, const AstNode *n, const char *fmt, ...);
/* ..from the start of node a to the end of node b. */
void *p_error_nodes(Parser *p, const AstNode *a, const AstNode *b, const char *fmt, ...);
void *p_nomem(Parser *p);
bool p_enter(Parser *p);                 /* recursion guard; false = error set */
/* For left-recursive chains built in a loop (a.b.c, a+b+c): is a chain of
 * `length` links still within the depth limit?  Sets the error if not. */
bool p_chain_ok(Parser *p, int length);
static inline void p_leave(Parser *p) { p->depth--; }

/* ---- nodes ---- */
AstNode *p_node(Parser *p, AstKind kind, const Token *start);   /* ends at p_last */
AstNode *p_node_span(Parser *p, AstKind kind, int lineno, int col, int end_lineno, int end_col);
AstNode *p_node_from(Parser *p, AstKind kind, const AstNode *start); /* start's start to p_last */
const char *p_identifier(Parser *p, const Token *t);   /* NFKC-normalised, arena copy */

/* A growable list of pointers for building sequences. */
typedef struct PList {
    void **items;
    int n, cap;
    void *inline_items[8];
} PList;
void plist_init(PList *l);
bool plist_push(Parser *p, PList *l, void *item);
AstSeq *plist_finish(Parser *p, PList *l);   /* copies into the arena, frees l */
void plist_free(PList *l);
AstSeq *p_seq1(Parser *p, void *item);
extern const AstSeq ast_empty_seq;
#define P_EMPTY ((AstSeq *)&ast_empty_seq)

/* ---- expressions (parse_expr.c) ---- */
AstNode *p_expression(Parser *p);            /* expression */
AstNode *p_named_expression(Parser *p);
AstNode *p_star_expressions(Parser *p);      /* a, *b, c  -> Tuple */
AstNode *p_star_named_expression(Parser *p);
AstNode *p_star_expression(Parser *p);
AstNode *p_disjunction(Parser *p);
AstNode *p_bitwise_or(Parser *p);
AstNode *p_primary(Parser *p);
AstNode *p_atom(Parser *p);
AstNode *p_yield_expr(Parser *p);
AstNode *p_star_targets(Parser *p);          /* assignment/for targets, ctx Store */
AstNode *p_star_target(Parser *p);
AstNode *p_lambda_or_def_params(Parser *p, bool is_lambda);
AstNode *p_arguments_call(Parser *p, AstNode *func, const Token *lpar); /* after '(' */
AstSeq *p_comp_for(Parser *p);                 /* for_if_clauses */
AstNode *p_slices(Parser *p);
/* Class bases and keywords, after '(' up to and including ')'. */
bool p_args_for_class(Parser *p, AstSeq **bases, AstSeq **keywords);

/* Sets ctx on a target expression and its parts; on failure reports CPython's
 * "cannot assign to ..." / "cannot delete ..." error and returns false. */
bool p_set_context(Parser *p, AstNode *e, AstCtx ctx);
/* The description CPython uses in "cannot assign to %s", or NULL if e is a
 * valid target. */
/* CPython's description of an expression kind ("function call", "literal"). */
const char *p_expr_name(const AstNode *e);
/* The second pass's checks for `x = y` where `==` or `:=` was meant. */
void p_invalid_named_expression(Parser *p);
const char *p_invalid_target_name(const AstNode *e, AstCtx ctx, const AstNode **where);

/* ---- strings (parse_string.c) ---- */
/* Parses one or more adjacent STRING tokens at p->pos into a Constant or
 * JoinedStr. */
AstNode *p_strings(Parser *p);
/* Parses the expression of an f-string replacement field, [start, end) of
 * the buffer, which begins on `lineno` whose first byte is line_start.
 * paren_col is the column CPython 3.11 gives the "(" it wraps the
 * expression in (a bare tuple starts there). */
AstNode *p_parse_fstring_expr(Parser *p, const char *start, const char *end, int lineno,
                              const char *line_start, int paren_col);

/* ---- statements (parse_stmt.c) ---- */
AstSeq *p_file(Parser *p);                   /* statements until ENDMARKER */
AstSeq *p_block(Parser *p, const Token *kw, const char *what);
AstSeq *p_statement(Parser *p);              /* one statement (a list for a;b;c) */

/* ---- patterns (parse_pattern.c) ---- */
AstNode *p_match_stmt(Parser *p);            /* NULL without error: not a match */

#endif
