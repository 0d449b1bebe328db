/* Formatting of uncaught-exception tracebacks exactly as CPython 3.11's
 * built-in printer (the one sys.excepthook uses) writes them:
 *
 *   Traceback (most recent call last):
 *     File "x.py", line 3, in <module>
 *       z = a / b
 *           ~~^~~
 *     [Previous line repeated 2 more times]
 *
 * Pure functions over already-collected data: the VM gathers the frames and
 * supplies the source lines; nothing here touches interpreter state.  The
 * exception line itself ("ZeroDivisionError: ...") is not written here. */
#ifndef KRAIT_TRACEBACK_FMT_H
#define KRAIT_TRACEBACK_FMT_H

#include <stddef.h>

/* The source span of the instruction a frame was executing: 1-based lines,
 * 0-based UTF-8 byte columns, as the AST's (src/parse/ast.h).  Any negative
 * member means "unknown" (CPython's None), and then no markers are drawn. */
typedef struct TbPosition {
    int lineno, end_lineno, col_offset, end_col_offset;
} TbPosition;

/* One traceback entry, outermost first (the order CPython prints). */
typedef struct TbFrame {
    const char *filename;   /* UTF-8, NUL-terminated (co_filename) */
    const char *name;       /* UTF-8, NUL-terminated (co_name) */
    int lineno;             /* tb_lineno */
    TbPosition pos;         /* co_positions() of the instruction at tb_lasti */
} TbFrame;

/* Output sink: writes len bytes; returns 0, or -1 to abort formatting. */
typedef int (*TbWriteFn)(void *ctx, const char *data, size_t len);

/* Source provider: line `lineno` of `filename` as UTF-8, without its line
 * terminator, with *len set; NULL when the line cannot be had (no file, line
 * out of range).  The pointer need only stay valid until the next call. */
typedef const char *(*TbSourceLineFn)(void *ctx, const char *filename, int lineno,
                                      size_t *len);

/* CPython's limit when sys.tracebacklimit is unset. */
#define TB_DEFAULT_LIMIT 1000L

/* Writes the marker line ("    ~~^~~\n") CPython draws under `line` (the
 * frame's whole source line, indentation included) for an instruction at
 * `pos`, or nothing when CPython draws none.  Returns 0, or -1 when `write`
 * failed. */
int tb_write_markers(const char *line, size_t len, TbPosition pos, TbWriteFn write,
                     void *wctx);

/* Writes one frame: the "  File ..." line, then (when line != NULL) the
 * source line without its indentation and the marker line.  Returns 0 or -1
 * (write failed). */
int tb_write_frame(const TbFrame *frame, const char *line, size_t len, TbWriteFn write,
                   void *wctx);

/* Writes the whole "Traceback (most recent call last):" block for frames
 * [0, n): only the last `limit` frames (sys.tracebacklimit, or
 * TB_DEFAULT_LIMIT), nothing at all when limit <= 0, and runs of more than
 * three identical entries (same file, line and name) collapsed into
 * "[Previous line repeated N more times]".  Returns 0 or -1 (write failed). */
int tb_write_traceback(const TbFrame *frames, size_t n, long limit, TbSourceLineFn source,
                       void *sctx, TbWriteFn write, void *wctx);

/* Where a traceback sits in the output: inside an exception group, each
 * line starts with `indent` spaces and `margin` ("| "), its header line with
 * `header_margin` instead ("+ " for the outermost group).  `header` is the
 * first line, newline included. */
typedef struct TbMargin {
    int indent;
    const char *margin;
    const char *header_margin;
    const char *header;
} TbMargin;

/* tb_write_traceback with a margin; CPython writes the "[Previous line
 * repeated ...]" lines without it. */
int tb_write_traceback_in(const TbFrame *frames, size_t n, long limit, const TbMargin *m,
                          TbSourceLineFn source, void *sctx, TbWriteFn write, void *wctx);

#endif
