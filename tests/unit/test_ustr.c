/* Unit test of src/core/ustr.h against CPython 3.11.
 *
 *   test_ustr [CASES]
 *
 * CASES defaults to tests/unit/data/ustr_cases.txt (from the current
 * directory, else relative to the binary in build/tests/), written by
 * tests/unit/data/gen_ustr_cases.py, whose docstring describes the format.
 * Each case runs twice: with every string argument at its narrowest width,
 * and again with every string argument stored 4 bytes wide (as a substring
 * of a wider string would be), which must give the same answers; every
 * built result must also be at its narrowest width. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ustr.h"

typedef struct {
    long passed, failed;
    int shown;
} T;

static void check(T *t, bool ok, const char *fmt, ...)
{
    if (ok) {
        t->passed++;
        return;
    }
    t->failed++;
    if (t->shown++ < 30) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputc('\n', stdout);
        va_end(ap);
    }
}

/* ---- a growable text for the encoded answers ---- */

typedef struct {
    char *p;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(t->p ? t->p + t->len : NULL, t->p ? t->cap - t->len : 0, fmt, ap);
        va_end(ap);
        if (t->p && (size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        t->cap = (t->cap + (size_t)n + 64) * 2;
        t->p = realloc(t->p, t->cap);
        if (!t->p)
            abort();
    }
}

static void sep(Text *t)
{
    if (t->len)
        text_add(t, " ");
}

static void enc_view(Text *t, UStrView v)
{
    sep(t);
    text_add(t, "s");
    for (size_t i = 0; i < v.len; i++)
        text_add(t, i ? ",%x" : "%x", (unsigned)ustr_get(v, i));
}

static void enc_int(Text *t, long long v)
{
    sep(t);
    text_add(t, "i%lld", v);
}

static void enc_bool(Text *t, bool v)
{
    sep(t);
    text_add(t, v ? "T" : "F");
}

static void enc_list(Text *t, const UStrView *items, size_t n)
{
    sep(t);
    text_add(t, "L%zu", n);
    for (size_t i = 0; i < n; i++)
        enc_view(t, items[i]);
}

static void enc_codec_error(Text *t, const UStrCodecError *e)
{
    sep(t);
    text_add(t, "C%zu,%zu,", e->start, e->end);
    for (const char *c = e->reason; *c; c++)
        text_add(t, "%c", *c == ' ' ? '_' : *c);
}

/* ---- parsed arguments ---- */

typedef struct {
    char kind;          /* 's', 'b', 'i', 'n', 'T', 'F', 'L' */
    uint32_t *cps;      /* 's': code points; 'b': bytes */
    size_t len;         /* 's', 'b': length; 'L': item count */
    long long num;
    void *store;        /* 's': the storage the view points into */
    UStrView view;
} Arg;

#define MAXARGS 64

static bool parse_token(const char *tok, Arg *a)
{
    memset(a, 0, sizeof *a);
    a->kind = tok[0];
    switch (tok[0]) {
    case 's':
    case 'b': {
        size_t n = 0;
        for (const char *c = tok + 1; *c; c++)
            n += *c == ',';
        n += tok[1] != 0;
        a->cps = malloc((n + 1) * sizeof *a->cps);
        const char *c = tok + 1;
        for (size_t i = 0; i < n; i++) {
            char *end;
            a->cps[i] = (uint32_t)strtoul(c, &end, 16);
            c = *end ? end + 1 : end;
        }
        a->len = n;
        return true;
    }
    case 'i':
        a->num = strtoll(tok + 1, NULL, 10);
        return true;
    case 'L':
        a->len = strtoul(tok + 1, NULL, 10);
        return true;
    case 'n':
    case 'T':
    case 'F':
        return true;
    }
    return false;
}

/* Stores a string argument at width (0: the narrowest). */
static void make_view(Arg *a, int width)
{
    uint32_t m = 0;
    for (size_t i = 0; i < a->len; i++)
        if (a->cps[i] > m)
            m = a->cps[i];
    if (!width)
        width = ustr_width_for(m);
    free(a->store);
    a->store = malloc((a->len + 1) * (size_t)width);
    for (size_t i = 0; i < a->len; i++) {
        if (width == 1)
            ((uint8_t *)a->store)[i] = (uint8_t)a->cps[i];
        else if (width == 2)
            ((uint16_t *)a->store)[i] = (uint16_t)a->cps[i];
        else
            ((uint32_t *)a->store)[i] = a->cps[i];
    }
    a->view = ustr_view(a->store, a->len, width);
}

static ptrdiff_t bound(const Arg *a, ptrdiff_t none)
{
    return a->kind == 'n' ? none : (ptrdiff_t)a->num;
}

/* Encodes a built result, checking that it is at its narrowest width. */
static void enc_buf(T *t, Text *r, UStrStatus st, UStrBuf *b, const char *line)
{
    if (st != USTR_OK) {
        sep(r);
        text_add(r, st == USTR_EMPTY_SEP ? "E" : "?status%d", (int)st);
        return;
    }
    UStrView v = ustr_view(b->data, b->len, b->width);
    check(t, b->width == ustr_width_for(ustr_max_char(v)),
          "result of width %d not narrowest: %s", b->width, line);
    bool term = b->width == 1 ? ((uint8_t *)b->data)[b->len] == 0
              : b->width == 2 ? ((uint16_t *)b->data)[b->len] == 0
                              : ((uint32_t *)b->data)[b->len] == 0;
    check(t, term, "result not terminated: %s", line);
    enc_view(r, v);
    free(b->data);
}

static void enc_list_status(Text *r, UStrStatus st, UStrViewList *l)
{
    if (st == USTR_OK)
        enc_list(r, l->items, l->len);
    else {
        sep(r);
        text_add(r, st == USTR_EMPTY_SEP ? "E" : "?status%d", (int)st);
    }
    ustr_list_free(l);
}

static const struct {
    const char *name;
    bool (*fn)(UStrView);
} PREDICATES[] = {
    {"isalpha", ustr_isalpha}, {"isalnum", ustr_isalnum}, {"isdecimal", ustr_isdecimal},
    {"isdigit", ustr_isdigit}, {"isnumeric", ustr_isnumeric}, {"isspace", ustr_isspace},
    {"islower", ustr_islower}, {"isupper", ustr_isupper}, {"istitle", ustr_istitle},
    {"isprintable", ustr_isprintable}, {"isascii", ustr_isascii},
    {"isidentifier", ustr_isidentifier},
};

static const struct {
    const char *name;
    UStrStatus (*fn)(UStrView, UStrBuf *);
} MAPPINGS[] = {
    {"lower", ustr_lower}, {"upper", ustr_upper}, {"casefold", ustr_casefold},
    {"title", ustr_title}, {"capitalize", ustr_capitalize}, {"swapcase", ustr_swapcase},
};

/* Runs one case: answers into r; false for an unknown operation. */
static bool run(T *t, const char *op, Arg *a, int n, Text *r, const char *line)
{
    UStrBuf b;
    UStrViewList l;
    ustr_list_init(&l);
    UStrView v3[3];
    UStrCodecError err;
#define S(k) (a[k].view)
    if (!strcmp(op, "find") || !strcmp(op, "rfind") || !strcmp(op, "count") ||
        !strcmp(op, "startswith") || !strcmp(op, "endswith")) {
        ptrdiff_t st = bound(&a[2], 0), en = bound(&a[3], USTR_END);
        if (!strcmp(op, "find"))
            enc_int(r, ustr_find(S(0), S(1), st, en));
        else if (!strcmp(op, "rfind"))
            enc_int(r, ustr_rfind(S(0), S(1), st, en));
        else if (!strcmp(op, "count"))
            enc_int(r, (long long)ustr_count(S(0), S(1), st, en));
        else if (!strcmp(op, "startswith"))
            enc_bool(r, ustr_startswith(S(0), S(1), st, en));
        else
            enc_bool(r, ustr_endswith(S(0), S(1), st, en));
        if (!strcmp(op, "find") && st == 0 && en == USTR_END)
            check(t, ustr_find_all(S(0), S(1)) == ustr_find(S(0), S(1), 0, USTR_END),
                  "find_all: %s", line);
        return true;
    }
    if (!strcmp(op, "split") || !strcmp(op, "rsplit")) {
        const UStrView *sp = a[1].kind == 'n' ? NULL : &a[1].view;
        UStrStatus st = (op[0] == 's' ? ustr_split : ustr_rsplit)(S(0), sp, (ptrdiff_t)a[2].num, &l);
        enc_list_status(r, st, &l);
        return true;
    }
    if (!strcmp(op, "splitlines")) {
        enc_list_status(r, ustr_splitlines(S(0), a[1].kind == 'T', &l), &l);
        return true;
    }
    if (!strcmp(op, "partition") || !strcmp(op, "rpartition")) {
        UStrStatus st = (op[0] == 'p' ? ustr_partition : ustr_rpartition)(S(0), S(1), v3);
        if (st == USTR_OK)
            enc_list(r, v3, 3);
        else
            enc_list_status(r, st, &l);
        return true;
    }
    if (!strcmp(op, "replace")) {
        enc_buf(t, r, ustr_replace(S(0), S(1), S(2), (ptrdiff_t)a[3].num, &b), &b, line);
        return true;
    }
    if (!strcmp(op, "strip") || !strcmp(op, "lstrip") || !strcmp(op, "rstrip")) {
        const UStrView *cs = a[1].kind == 'n' ? NULL : &a[1].view;
        enc_view(r, op[0] == 's' ? ustr_strip(S(0), cs)
                    : op[0] == 'l' ? ustr_lstrip(S(0), cs) : ustr_rstrip(S(0), cs));
        return true;
    }
    for (size_t i = 0; i < sizeof MAPPINGS / sizeof *MAPPINGS; i++)
        if (!strcmp(op, MAPPINGS[i].name)) {
            enc_buf(t, r, MAPPINGS[i].fn(S(0), &b), &b, line);
            return true;
        }
    for (size_t i = 0; i < sizeof PREDICATES / sizeof *PREDICATES; i++)
        if (!strcmp(op, PREDICATES[i].name)) {
            enc_bool(r, PREDICATES[i].fn(S(0)));
            return true;
        }
    if (!strcmp(op, "center") || !strcmp(op, "ljust") || !strcmp(op, "rjust")) {
        uint32_t fill = a[2].cps[0];
        ptrdiff_t w = (ptrdiff_t)a[1].num;
        UStrStatus st = op[0] == 'c' ? ustr_center(S(0), w, fill, &b)
                      : op[0] == 'l' ? ustr_ljust(S(0), w, fill, &b)
                                     : ustr_rjust(S(0), w, fill, &b);
        enc_buf(t, r, st, &b, line);
        return true;
    }
    if (!strcmp(op, "zfill")) {
        enc_buf(t, r, ustr_zfill(S(0), (ptrdiff_t)a[1].num, &b), &b, line);
        return true;
    }
    if (!strcmp(op, "expandtabs")) {
        enc_buf(t, r, ustr_expandtabs(S(0), (ptrdiff_t)a[1].num, &b), &b, line);
        return true;
    }
    if (!strcmp(op, "join")) {
        size_t k = a[1].len;
        UStrView items[MAXARGS];
        for (size_t i = 0; i < k; i++)
            items[i] = a[2 + i].view;
        enc_buf(t, r, ustr_join(S(0), items, k, &b), &b, line);
        return true;
    }
    if (!strcmp(op, "compare")) {
        int c = ustr_compare(S(0), S(1));
        enc_int(r, (c > 0) - (c < 0));
        check(t, ustr_equal(S(0), S(1)) == (c == 0), "equal: %s", line);
        return true;
    }
    if (!strcmp(op, "encode")) {
        char *p;
        size_t plen;
        UStrStatus st = ustr_encode_utf8(S(0), &p, &plen, &err);
        if (st == USTR_BAD_DATA)
            enc_codec_error(r, &err);
        else {
            sep(r);
            text_add(r, "b");
            for (size_t i = 0; i < plen; i++)
                text_add(r, i ? ",%x" : "%x", (unsigned char)p[i]);
            check(t, p[plen] == 0, "encode not terminated: %s", line);
            free(p);
        }
        return true;
    }
    if (!strcmp(op, "decode") || !strcmp(op, "decodesp")) {
        char *bytes = malloc(a[0].len + 1);
        for (size_t i = 0; i < a[0].len; i++)
            bytes[i] = (char)a[0].cps[i];
        UStrStatus st = (op[6] ? ustr_from_utf8_surrogates : ustr_decode_utf8)(bytes, a[0].len, &b, &err);
        if (st == USTR_BAD_DATA)
            enc_codec_error(r, &err);
        else
            enc_buf(t, r, st, &b, line);
        free(bytes);
        return true;
    }
    (void)n;
    return false;
#undef S
}

static FILE *open_cases(int argc, char **argv, char *buf, size_t cap)
{
    if (argc > 1)
        return fopen(argv[1], "r");
    FILE *f = fopen("tests/unit/data/ustr_cases.txt", "r");
    if (f)
        return f;
    const char *slash = strrchr(argv[0], '/');
    if (!slash)
        return NULL;
    snprintf(buf, cap, "%.*s/../../tests/unit/data/ustr_cases.txt", (int)(slash - argv[0]),
             argv[0]);
    return fopen(buf, "r");
}

/* Checks the builder directly: widening in the middle of a result, and a
 * wide view holding only narrow characters. */
static void builder_tests(T *t)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    for (int i = 0; i < 100; i++)
        ustr_append_cp(&b, 'a' + (uint32_t)(i % 26));
    ustr_append_cp(&b, 0x100);
    check(t, b.width == 2 && b.len == 101, "widen to 2");
    ustr_append_cp(&b, 0x1F600);
    check(t, b.width == 4 && ustr_get(ustr_builder_view(&b), 25) == 'z', "widen to 4");
    ustr_builder_free(&b);

    uint32_t wide[] = {'x', 'y', 0xE9};
    ustr_builder_init(&b);
    ustr_append_view(&b, ustr_view(wide, 3, 4));
    UStrBuf out;
    check(t, ustr_builder_finish(&b, &out) && out.width == 1 && out.len == 3 &&
             memcmp(out.data, "xy\xe9", 4) == 0, "narrow a wide view");
    free(out.data);

    ustr_builder_init(&b);
    check(t, ustr_builder_finish(&b, &out) && out.len == 0 && out.width == 1 &&
             ((char *)out.data)[0] == 0, "empty result");
    free(out.data);

    /* A long search, to exercise the skip loop beyond the random cases. */
    size_t n = 100000;
    uint16_t *h = malloc(n * sizeof *h);
    for (size_t i = 0; i < n; i++)
        h[i] = (uint16_t)('a' + i % 7);
    h[n - 3] = 0x100;
    uint8_t needle[] = {'b', 'c', 'd', 'e'};
    UStrView hv = ustr_view(h, n, 2), nv = ustr_view(needle, 4, 1);
    check(t, ustr_find(hv, nv, 0, USTR_END) == 1, "long find");
    check(t, ustr_count(hv, nv, 0, USTR_END) == (n - 3) / 7 + 0, "long count %zu",
          ustr_count(hv, nv, 0, USTR_END));
    uint16_t n2[] = {0x100, (uint16_t)('a' + (n - 2) % 7)};
    check(t, ustr_rfind(hv, ustr_view(n2, 2, 2), 0, USTR_END) == (ptrdiff_t)(n - 3), "long rfind");
    free(h);
}

/* ---- worst cases of substring search ----
 *
 * The Horspool scan is O(n*m) on inputs like "a"*50+"ba" in "aaaa...";
 * ustr.c hands such searches (and long needles) to two-way matching.  These
 * tests check every width pair against a naive search and assert that the
 * number of character comparisons stays linear (ustr_search_counted), which
 * is deterministic where a wall-clock limit would be flaky. */

/* Code points stored at width w (1, 2 or 4), malloc'd. */
static void *store_cps(const uint32_t *cps, size_t n, int w)
{
    void *p = malloc((n ? n : 1) * (size_t)w);
    for (size_t i = 0; i < n; i++) {
        if (w == 1)
            ((uint8_t *)p)[i] = (uint8_t)cps[i];
        else if (w == 2)
            ((uint16_t *)p)[i] = (uint16_t)cps[i];
        else
            ((uint32_t *)p)[i] = cps[i];
    }
    return p;
}

static bool naive_at(const uint32_t *h, size_t i, const uint32_t *p, size_t m)
{
    for (size_t k = 0; k < m; k++)
        if (h[i + k] != p[k])
            return false;
    return true;
}

static ptrdiff_t naive_find(const uint32_t *h, size_t n, const uint32_t *p, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (naive_at(h, i, p, m))
            return (ptrdiff_t)i;
    return -1;
}

static ptrdiff_t naive_rfind(const uint32_t *h, size_t n, const uint32_t *p, size_t m)
{
    for (size_t i = n - m + 1; m <= n && i-- > 0;)
        if (naive_at(h, i, p, m))
            return (ptrdiff_t)i;
    return -1;
}

static size_t naive_count(const uint32_t *h, size_t n, const uint32_t *p, size_t m)
{
    size_t c = 0;
    for (size_t i = 0; i + m <= n;) {
        if (naive_at(h, i, p, m)) {
            c++;
            i += m;
        } else {
            i++;
        }
    }
    return c;
}

/* A small deterministic generator (xorshift), local to the caller. */
static uint32_t next_rand(uint64_t *st)
{
    *st ^= *st << 13;
    *st ^= *st >> 7;
    *st ^= *st << 17;
    return (uint32_t)(*st >> 11);
}

/* find/rfind/count of needle in hay at every width pair, against the
 * naive answers; the widths' alphabets hold the same code points. */
static void check_all_widths(T *t, const uint32_t *h, size_t n, const uint32_t *p, size_t m,
                             const char *what)
{
    ptrdiff_t ef = naive_find(h, n, p, m), er = naive_rfind(h, n, p, m);
    size_t ec = naive_count(h, n, p, m);
    static const int widths[] = {1, 2, 4};
    for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
            void *hs = store_cps(h, n, widths[a]), *ps = store_cps(p, m, widths[b]);
            UStrView hv = ustr_view(hs, n, widths[a]), pv = ustr_view(ps, m, widths[b]);
            ptrdiff_t f = ustr_find(hv, pv, 0, USTR_END), r = ustr_rfind(hv, pv, 0, USTR_END);
            size_t c = ustr_count(hv, pv, 0, USTR_END);
            check(t, f == ef && r == er && c == ec,
                  "%s (widths %d/%d, n=%zu m=%zu): find %td/%td rfind %td/%td count %zu/%zu",
                  what, widths[a], widths[b], n, m, f, ef, r, er, c, ec);
            free(hs);
            free(ps);
        }
    }
}

static void search_random_tests(T *t)
{
    uint64_t st = 0x9e3779b97f4a7c15u;
    size_t n = 4000;
    uint32_t *h = malloc(n * sizeof *h), p[300];
    for (int round = 0; round < 60; round++) {
        /* Two- or three-letter alphabets with long runs of one letter make
         * periodic needles and many partial matches. */
        int letters = 2 + round % 2;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = next_rand(&st) % 16;
            h[i] = r < 13 ? 'a' : 'a' + 1 + r % (uint32_t)(letters - 1);
        }
        size_t m = 2 + next_rand(&st) % (round < 30 ? 40 : 250);
        if (round % 3 == 0) {
            /* A needle taken from the haystack: at least one match. */
            size_t at = next_rand(&st) % (n - m);
            memcpy(p, h + at, m * sizeof *p);
        } else {
            for (size_t i = 0; i < m; i++)
                p[i] = next_rand(&st) % 8 ? 'a' : 'b';
        }
        check_all_widths(t, h, n, p, m, "random search");
    }
    /* Periodic needles and haystacks: overlapping candidates everywhere. */
    for (size_t i = 0; i < n; i++)
        h[i] = "aab"[i % 3];
    for (size_t m = 2; m < 260; m += 37) {
        for (size_t i = 0; i < m; i++)
            p[i] = "aab"[i % 3];
        check_all_widths(t, h, n, p, m, "periodic search");
        p[m - 1] = 'c';
        check_all_widths(t, h, n, p, m, "periodic search, miss");
    }
    /* A wide needle character never matches a narrow haystack's. */
    for (size_t i = 0; i < 150; i++)
        p[i] = 'a';
    p[149] = 0x10000;
    for (size_t i = 0; i < n; i++)
        h[i] = 'a';
    check_all_widths(t, h, n, p, 150, "wide miss");
    free(h);
}

static void search_worst_case_tests(T *t)
{
    size_t n = 1000000;
    uint8_t *hay = malloc(n);
    memset(hay, 'a', n);
    UStrView hv = ustr_view(hay, n, 1);
    /* Needles: forward worst cases (a long prefix matches before the
     * mismatch) and their mirror images for rfind. */
    static const struct {
        size_t run;
        const char *head, *tail;
    } needles[] = {
        {1000, "", "b"}, {1000, "b", ""}, {50, "", "ba"}, {50, "ab", ""},
        {99, "", "ba"}, {500, "", "ba"}, {500, "ab", ""}, {3, "", "ba"},
    };
    for (size_t k = 0; k < sizeof needles / sizeof *needles; k++) {
        size_t hl = strlen(needles[k].head), tl = strlen(needles[k].tail);
        size_t m = hl + needles[k].run + tl;
        uint32_t *cps = malloc(m * sizeof *cps);
        for (size_t i = 0; i < m; i++)
            cps[i] = i < hl ? (uint8_t)needles[k].head[i]
                     : i < hl + needles[k].run ? 'a'
                                               : (uint8_t)needles[k].tail[i - hl - needles[k].run];
        static const int widths[] = {1, 2, 4};
        for (int w = 0; w < 3; w++) {
            void *ps = store_cps(cps, m, widths[w]);
            UStrView pv = ustr_view(ps, m, widths[w]);
            static const char ops[] = {'f', 'r', 'c'};
            for (int o = 0; o < 3; o++) {
                size_t cost = 0;
                ptrdiff_t r = ustr_search_counted(hv, pv, ops[o], &cost);
                check(t, r == (ops[o] == 'c' ? 0 : -1), "worst case %zu/%c: result %td", k,
                      ops[o], r);
                /* Linear: a few comparisons per haystack character (the
                 * naive bound would be n * m). */
                check(t, cost <= 6 * n, "worst case %zu (m=%zu, width %d) %c: %zu comparisons",
                      k, m, widths[w], ops[o], cost);
            }
            free(ps);
        }
        free(cps);
    }
    /* The haystack at the other widths, with a match at the very end. */
    uint32_t *wide = malloc(n * sizeof *wide);
    for (size_t i = 0; i < n; i++)
        wide[i] = 'a';
    wide[n - 1] = 'b';
    uint32_t needle[1001];
    for (size_t i = 0; i < 1000; i++)
        needle[i] = 'a';
    needle[1000] = 'b';
    for (int w = 2; w <= 4; w += 2) {
        void *hs = store_cps(wide, n, w);
        UStrView wv = ustr_view(hs, n, w);
        for (int pw = 1; pw <= 4; pw *= 2) {
            void *ps = store_cps(needle, 1001, pw);
            size_t cost = 0;
            ptrdiff_t f = ustr_search_counted(wv, ustr_view(ps, 1001, pw), 'f', &cost);
            ptrdiff_t r = ustr_search_counted(wv, ustr_view(ps, 1001, pw), 'r', &cost);
            ptrdiff_t c = ustr_search_counted(wv, ustr_view(ps, 1001, pw), 'c', &cost);
            check(t, f == (ptrdiff_t)(n - 1001) && r == f && c == 1 && cost <= 3 * 6 * n,
                  "worst case at widths %d/%d: %td %td %td, %zu comparisons", w, pw, f, r, c,
                  cost);
            free(ps);
        }
        free(hs);
    }
    free(wide);
    /* Periodic needle, many matches: count is n / m, non-overlapping. */
    uint8_t run[150];
    memset(run, 'a', sizeof run);
    size_t cost = 0;
    ptrdiff_t c = ustr_search_counted(hv, ustr_view(run, sizeof run, 1), 'c', &cost);
    check(t, c == (ptrdiff_t)(n / sizeof run) && cost <= 6 * n, "count of a run: %td, %zu", c,
          cost);
    /* replace and split go through the same searches. */
    uint8_t nd[52];
    memset(nd, 'a', 50);
    nd[50] = 'b';
    nd[51] = 'a';
    UStrView ndv = ustr_view(nd, 52, 1);
    UStrBuf out;
    check(t, ustr_replace(hv, ndv, ustr_view_cstr("x"), -1, &out) == USTR_OK &&
                 ustr_equal(ustr_view(out.data, out.len, out.width), hv),
          "worst-case replace");
    free(out.data);
    hay[n / 2] = 'b';
    check(t, ustr_replace(hv, ndv, ustr_view_cstr("x"), -1, &out) == USTR_OK &&
                 out.len == n - 51,
          "worst-case replace, one match");
    free(out.data);
    UStrViewList parts;
    ustr_list_init(&parts);
    check(t, ustr_split(hv, &ndv, -1, &parts) == USTR_OK && parts.len == 2 &&
                 parts.items[0].len == n / 2 - 50 && parts.items[1].len == n / 2 - 2,
          "worst-case split");
    ustr_list_free(&parts);
    ustr_list_init(&parts);
    check(t, ustr_rsplit(hv, &ndv, -1, &parts) == USTR_OK && parts.len == 2 &&
                 parts.items[0].len == n / 2 - 50,
          "worst-case rsplit");
    ustr_list_free(&parts);
    free(hay);
}

int main(int argc, char **argv)
{
    T t = {0, 0, 0};
    char pathbuf[4096];
    FILE *f = open_cases(argc, argv, pathbuf, sizeof pathbuf);
    if (!f) {
        fprintf(stderr, "test_ustr: cannot open the cases file\n");
        return 2;
    }
    builder_tests(&t);
    search_random_tests(&t);
    search_worst_case_tests(&t);
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    Text r = {0};
    while ((got = getline(&line, &cap, f)) > 0) {
        if (line[got - 1] == '\n')
            line[--got] = 0;
        if (!*line)
            continue;
        char *copy = strdup(line);
        char *eq = strstr(copy, " = ");
        if (!eq) {
            check(&t, false, "malformed: %s", line);
            free(copy);
            continue;
        }
        *eq = 0;
        const char *expected = eq + 3;
        char *save, *op = strtok_r(copy, " ", &save);
        Arg a[MAXARGS];
        int n = 0;
        for (char *tok; n < MAXARGS && (tok = strtok_r(NULL, " ", &save));)
            parse_token(tok, &a[n++]);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++)
                if (a[i].kind == 's')
                    make_view(&a[i], pass ? 4 : 0);
            r.len = 0;
            if (r.p)
                r.p[0] = 0;
            if (!run(&t, op, a, n, &r, line)) {
                check(&t, false, "unknown operation: %s", line);
                break;
            }
            check(&t, strcmp(r.p ? r.p : "", expected) == 0, "%s%s\n   got %s",
                  pass ? "(wide) " : "", line, r.p ? r.p : "");
        }
        for (int i = 0; i < n; i++) {
            free(a[i].cps);
            free(a[i].store);
        }
        free(copy);
    }
    free(line);
    free(r.p);
    fclose(f);
    printf("%ld passed, %ld failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
