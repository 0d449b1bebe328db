/* Unit test of tb_write_traceback(): every case is a small program run under
 * /usr/bin/python3.11 by tests/unit/data/gen_traceback_cases.py, which
 * recorded the traceback entries CPython printed from (line, function,
 * co_positions() of the failing instruction, sys.tracebacklimit) and the
 * traceback text it printed.  The formatter, given the same entries and the
 * program's lines, must print the same text.
 *
 * Prints "N passed, M failed"; exits 1 on any failure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/traceback_fmt.h"

typedef struct TbCaseFrame {
    int lineno;
    const char *name;
    TbPosition pos;
} TbCaseFrame;

typedef struct TbCase {
    const char *name;
    const char *src;
    size_t src_len;
    bool has_source;    /* false: the file was gone when CPython printed */
    const TbCaseFrame *frames;
    size_t nframes;
    bool has_limit;     /* sys.tracebacklimit was set */
    long limit;
    const char *expected;
} TbCase;

#include "data/traceback_cases.h"

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

static int buf_write(void *ctx, const char *data, size_t len)
{
    Buf *b = ctx;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

/* Line `lineno` of the case's program, as CPython's reader gives it: without
 * its "\n" or "\r\n". */
static const char *case_line(void *ctx, const char *filename, int lineno, size_t *len)
{
    const TbCase *c = ctx;
    (void)filename;
    if (!c->has_source || lineno < 1)
        return NULL;
    const char *p = c->src, *end = c->src + c->src_len;
    for (int i = 1; i < lineno; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    if (stop > p && stop[-1] == '\r')
        stop--;
    *len = (size_t)(stop - p);
    return p;
}

/* A writer that fails after `budget` calls: the formatter must stop and
 * report the failure. */
static int failing_write(void *ctx, const char *data, size_t len)
{
    (void)data;
    (void)len;
    int *budget = ctx;
    return (*budget)-- > 0 ? 0 : -1;
}

int main(void)
{
    int passed = 0, failed = 0;
    size_t ncases = sizeof tb_cases / sizeof tb_cases[0];
    for (size_t i = 0; i < ncases; i++) {
        const TbCase *c = &tb_cases[i];
        TbFrame *frames = calloc(c->nframes ? c->nframes : 1, sizeof *frames);
        if (!frames)
            return 2;
        for (size_t k = 0; k < c->nframes; k++) {
            frames[k].filename = "x.py";
            frames[k].name = c->frames[k].name;
            frames[k].lineno = c->frames[k].lineno;
            frames[k].pos = c->frames[k].pos;
        }
        Buf out = {0};
        buf_write(&out, "", 0);
        int rc = tb_write_traceback(frames, c->nframes, c->has_limit ? c->limit : TB_DEFAULT_LIMIT,
                                    case_line, (void *)c, buf_write, &out);
        if (rc == 0 && strcmp(out.data, c->expected) == 0) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s\n--- expected\n%s--- got (rc %d)\n%s---\n", c->name, c->expected, rc,
                   out.data);
        }
        /* Write failures at every point must surface as -1. */
        if (c->expected[0]) {
            for (int budget = 0; budget < 3; budget++) {
                int left = budget;
                if (tb_write_traceback(frames, c->nframes, TB_DEFAULT_LIMIT, case_line, (void *)c,
                                       failing_write, &left) != -1) {
                    failed++;
                    printf("FAIL %s: write failure after %d writes not reported\n", c->name,
                           budget);
                }
            }
        }
        free(out.data);
        free(frames);
    }

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
