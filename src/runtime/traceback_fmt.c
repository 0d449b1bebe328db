/* Traceback formatting as CPython 3.11's built-in printer does it.
 *
 * The rules, learnt by running /usr/bin/python3.11 (the cases are in
 * tests/unit/data/gen_traceback_cases.py):
 *
 * Frame: "  File \"NAME\", line N, in FUNC\n"; then, if the source line can
 * be read, four spaces, the line with its leading spaces, tabs and form feeds
 * removed (trailing whitespace kept), and "\n".
 *
 * Markers, drawn under that line in characters (the positions are UTF-8 byte
 * columns; CPython converts them by counting the characters the first `col`
 * bytes of the *whole* line decode to):
 *  - none when any position member is unknown;
 *  - if the instruction spans several lines, the marked range runs from its
 *    start to after the last non-whitespace of the first line.  CPython finds
 *    that end by scanning the line's UTF-8 bytes downwards from the index
 *    equal to the line's length in characters, so on non-ASCII lines the end
 *    lands early; we reproduce that.  No anchors then;
 *  - on one line, the expression text is re-parsed as a module; if it is a
 *    single expression statement that is a BinOp or a Subscript, "anchors"
 *    split the range: for a BinOp, '^' under the first non-whitespace byte
 *    after the left operand's end (plus the next byte when that is not
 *    whitespace and still before the right operand, for two-character
 *    operators) - so "(a) / b" marks the ')' as CPython does; for a
 *    Subscript, '^' from the end of the value to one past the end of the
 *    slice.  The rest of the range gets '~';
 *  - without anchors the range is all '^', and the line is left out
 *    altogether when the range covers exactly the stripped line;
 *  - the marker line is four spaces plus the offsets minus the stripped
 *    indentation, in characters (tabs count one, no display widths).
 *
 * Frames: a run of identical entries (same file name, line number and
 * function name; columns do not matter) prints its first three, then
 * "  [Previous line repeated K more time(s)]".  Only the last `limit` frames
 * are shown; limit <= 0 prints nothing, not even the header.
 *
 * Inside an exception group every line starts with the group's indentation
 * and "| " - except the "[Previous line repeated" lines, which CPython 3.11
 * writes bare. */
#include "runtime/traceback_fmt.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "parser.h"

/* The printer indents source lines by this many spaces. */
enum { SOURCE_INDENT = 4 };

/* CPython's definition of whitespace in these computations: newlines are
 * never part of the line, and other Unicode spaces do not count. */
static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\f'; }

static bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Characters in the first `col` bytes of s[0, len): CPython decodes that
 * prefix with errors="replace", so a sequence cut short counts as one
 * character, like every lead byte.  It clamps col to len + 1 and then reads
 * the terminating NUL as a character too. */
static long byte_to_char(const char *s, size_t len, long col)
{
    if (col > (long)len + 1)
        col = (long)len + 1;
    long chars = 0;
    for (long i = 0; i < col; i++) {
        if (i >= (long)len || !is_continuation((unsigned char)s[i]))
            chars++;
    }
    return chars;
}

/* Byte index where character number `ch` starts in s[0, len) (len if past
 * the end). */
static size_t char_to_byte(const char *s, size_t len, long ch)
{
    size_t i = 0;
    long seen = 0;
    while (i < len) {
        if (!is_continuation((unsigned char)s[i])) {
            if (seen == ch)
                return i;
            seen++;
        }
        i++;
    }
    return len;
}

static size_t line_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !is_continuation((unsigned char)s[i]);
    return n;
}

/* Leading whitespace CPython strips from a displayed line (bytes; all ASCII,
 * so also characters). */
static size_t indent_of(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && is_ws((unsigned char)s[i]))
        i++;
    return i;
}

/* Finds the anchors for the expression text seg[0, seglen): on success sets
 * the '^' range [*left, *right) in segment characters and returns true.
 * Failures of any kind (syntax, memory) just mean "no anchors", as in
 * CPython, which swallows the errors of this re-parse. */
static bool find_anchors(const char *seg, size_t seglen, long *left, long *right)
{
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    AstNode *mod = parse_source(&arena, seg, seglen, "<string>", PARSE_EXEC, &err, NULL);
    bool found = false;
    long l = -1, r = -1;
    if (mod && mod->kind == AST_Module && mod->v.Module.body &&
        mod->v.Module.body->n == 1) {
        const AstNode *stmt = mod->v.Module.body->items[0];
        const AstNode *e = stmt->kind == AST_Expr ? stmt->v.Expr.value : NULL;
        if (e && e->kind == AST_BinOp) {
            /* Byte offsets within the segment, which is one line. */
            long i = e->v.BinOp.left->pos.end_col_offset;
            long stop = e->v.BinOp.right->pos.col_offset;
            for (; i < stop && i < (long)seglen; i++) {
                if (is_ws((unsigned char)seg[i]))
                    continue;
                l = i;
                r = i + 1;
                if (i + 1 < stop && i + 1 < (long)seglen && !is_ws((unsigned char)seg[i + 1]))
                    r++;
                found = true;
                break;
            }
        } else if (e && e->kind == AST_Subscript) {
            l = e->v.Subscript.value->pos.end_col_offset;
            r = e->v.Subscript.slice->pos.end_col_offset + 1;
            found = true;
        }
    }
    arena_free(&arena);
    if (found) {
        *left = byte_to_char(seg, seglen, l);
        *right = byte_to_char(seg, seglen, r);
    }
    return found;
}

static int write_str(TbWriteFn write, void *wctx, const char *s)
{
    return write(wctx, s, strlen(s));
}

/* Writes `n` copies of c, in chunks so no allocation is needed. */
static int write_run(TbWriteFn write, void *wctx, char c, long n)
{
    char buf[64];
    memset(buf, c, sizeof buf);
    while (n > 0) {
        size_t k = n > (long)sizeof buf ? sizeof buf : (size_t)n;
        if (write(wctx, buf, k) < 0)
            return -1;
        n -= (long)k;
    }
    return 0;
}

static const TbMargin no_margin = {0, "", "", "Traceback (most recent call last):\n"};

/* The start of every line of a nested traceback. */
static int write_margin(const TbMargin *m, const char *margin, TbWriteFn write, void *wctx)
{
    if (write_run(write, wctx, ' ', m->indent) < 0)
        return -1;
    return write_str(write, wctx, margin);
}

static int markers_write(const char *line, size_t len, TbPosition pos, const TbMargin *m,
                         TbWriteFn write, void *wctx)
{
    if (pos.lineno < 0 || pos.end_lineno < 0 || pos.col_offset < 0 || pos.end_col_offset < 0)
        return 0;
    long start = byte_to_char(line, len, pos.col_offset);
    long end = byte_to_char(line, len, pos.end_col_offset);
    long nchars = (long)line_chars(line, len);
    long left = -1, right = -1;
    bool anchors = false;
    if (pos.lineno == pos.end_lineno) {
        if (start < end) {
            size_t b0 = char_to_byte(line, len, start);
            size_t b1 = char_to_byte(line, len, end);
            anchors = find_anchors(line + b0, b1 - b0, &left, &right);
            if (anchors) {
                left += start;
                right += start;
            }
        }
    } else {
        /* CPython's scan indexes bytes with a character count; see above. */
        long i = nchars;
        while (--i >= 0) {
            if (!is_ws((unsigned char)line[i]))
                break;
        }
        end = i + 1;
    }
    long indent = (long)indent_of(line, len);
    if (end - start == nchars - indent && !anchors)
        return 0;
    long s = start - indent, e = end - indent;
    if (s < 0)
        s = 0;
    if (write_margin(m, m->margin, write, wctx) < 0)
        return -1;
    if (write_run(write, wctx, ' ', SOURCE_INDENT + s) < 0)
        return -1;
    /* Runs of one marker character at a time, to write in few calls. */
    long k = s;
    while (k < e) {
        bool primary = !anchors || (k + indent >= left && k + indent < right);
        char c = !anchors ? '^' : primary ? '^' : '~';
        long run = k;
        while (run < e) {
            bool p = !anchors || (run + indent >= left && run + indent < right);
            if (p != primary)
                break;
            run++;
        }
        if (write_run(write, wctx, c, run - k) < 0)
            return -1;
        k = run;
    }
    return write(wctx, "\n", 1);
}

int tb_write_markers(const char *line, size_t len, TbPosition pos, TbWriteFn write,
                     void *wctx)
{
    return markers_write(line, len, pos, &no_margin, write, wctx);
}

static int frame_write(const TbFrame *frame, const char *line, size_t len, const TbMargin *m,
                       TbWriteFn write, void *wctx)
{
    char num[32];
    snprintf(num, sizeof num, "%d", frame->lineno);
    if (write_margin(m, m->margin, write, wctx) < 0 || write_str(write, wctx, "  File \"") < 0 || write_str(write, wctx, frame->filename) < 0 ||
        write_str(write, wctx, "\", line ") < 0 || write_str(write, wctx, num) < 0 ||
        write_str(write, wctx, ", in ") < 0 || write_str(write, wctx, frame->name) < 0 ||
        write(wctx, "\n", 1) < 0)
        return -1;
    if (!line)
        return 0;
    size_t indent = indent_of(line, len);
    if (write_margin(m, m->margin, write, wctx) < 0 ||
        write_run(write, wctx, ' ', SOURCE_INDENT) < 0 ||
        write(wctx, line + indent, len - indent) < 0 || write(wctx, "\n", 1) < 0)
        return -1;
    return markers_write(line, len, frame->pos, m, write, wctx);
}

int tb_write_frame(const TbFrame *frame, const char *line, size_t len, TbWriteFn write,
                   void *wctx)
{
    return frame_write(frame, line, len, &no_margin, write, wctx);
}

static bool same_entry(const TbFrame *a, const TbFrame *b)
{
    return a->lineno == b->lineno && strcmp(a->filename, b->filename) == 0 &&
           strcmp(a->name, b->name) == 0;
}

/* CPython shows this many entries of a run before collapsing the rest. */
enum { RECURSIVE_CUTOFF = 3 };

static int write_repeated(TbWriteFn write, void *wctx, long count)
{
    if (count <= RECURSIVE_CUTOFF)
        return 0;
    char buf[96];
    long more = count - RECURSIVE_CUTOFF;
    int n = snprintf(buf, sizeof buf, "  [Previous line repeated %ld more time%s]\n", more,
                     more > 1 ? "s" : "");
    return write(wctx, buf, (size_t)n);
}

int tb_write_traceback(const TbFrame *frames, size_t n, long limit, TbSourceLineFn source,
                       void *sctx, TbWriteFn write, void *wctx)
{
    return tb_write_traceback_in(frames, n, limit, &no_margin, source, sctx, write, wctx);
}

int tb_write_traceback_in(const TbFrame *frames, size_t n, long limit, const TbMargin *m,
                          TbSourceLineFn source, void *sctx, TbWriteFn write, void *wctx)
{
    if (limit <= 0)
        return 0;
    if (write_margin(m, m->header_margin, write, wctx) < 0 || write_str(write, wctx, m->header) < 0)
        return -1;
    size_t first = (size_t)limit < n ? n - (size_t)limit : 0;
    long count = 0;
    for (size_t i = first; i < n; i++) {
        const TbFrame *f = &frames[i];
        if (i > first && same_entry(&frames[i - 1], f)) {
            count++;
        } else {
            if (write_repeated(write, wctx, count) < 0)
                return -1;
            count = 1;
        }
        if (count > RECURSIVE_CUTOFF)
            continue;
        size_t len = 0;
        const char *line = source ? source(sctx, f->filename, f->lineno, &len) : NULL;
        if (frame_write(f, line, len, m, write, wctx) < 0)
            return -1;
    }
    return write_repeated(write, wctx, count);
}
