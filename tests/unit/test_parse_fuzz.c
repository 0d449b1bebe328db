/* Robustness test of the front end: feeds mutated standard-library sources to
 * parse_source() and checks that every input ends in a tree or in a
 * SyntaxError / IndentationError / TabError -- never a crash, a hang, a leak,
 * an out-of-memory report or a malformed error.
 *
 * The inputs: a fixed, sorted selection of the .py files under
 * /usr/lib/python3.11 (every 20th), each mutated by one to four random edits
 * from a seeded PRNG of our own (so every run sees the same inputs):
 * truncation, bit/byte flips, insertion or overwriting of "interesting"
 * bytes and snippets (quotes, brackets, backslashes, line endings, tabs,
 * braces, NUL, 0xff, UTF-8 and broken UTF-8, keywords, coding lines),
 * deletion and duplication of lines, deletion of byte ranges and splicing in
 * bytes from elsewhere in the file.  Then a set of deeply nested inputs (which
 * CPython answers with MemoryError "too complex" or RecursionError), where
 * an out-of-memory error is accepted too, but a crash or hang is not.
 *
 * For a tree, every node is checked (positions ordered and inside the
 * source, required children present) and the tree is dumped to /dev/null
 * with ast_dump().  For an error, the kind must be one of the three Python
 * syntax error classes, the message non-empty, the line inside the source.
 * Either way the heap must hold no more after arena_free() than before the
 * parse (counted by the sanitizer runtime under `make asan`, otherwise by
 * this program's own malloc wrappers), so a leak names its input.  A hang is
 * cut by a SIGALRM watchdog; a crash prints the input it died on.
 *
 * Usage: test_parse_fuzz [-n COUNT] [-s SEED] [-i INDEX] [-o FILE] [-r ROOT]
 *                        [-e EVERY] [-t SECONDS] [-d DEPTH] [-w DIR] [-v]
 *   -n  number of mutated inputs (default 10000)
 *   -s  PRNG seed (default 0x4b7261697421)
 *   -i  run only input number INDEX (to replay a failure)
 *   -o  with -i: also write that input to FILE
 *   -r  directory to take .py files from (default /usr/lib/python3.11)
 *   -e  take every EVERY-th file of the sorted list (default 20)
 *   -t  per-input watchdog in seconds (default 10)
 *   -d  deep-nesting inputs only up to DEPTH levels (default 100000; 0: none)
 *   -w  also write every mutated input to DIR/NNNNN.py (for comparing with
 *       CPython: tests/parser/differential.py --root DIR)
 *   -v  print every input's outcome
 * Prints `N passed, M failed`; exit status 1 if anything failed. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "parser.h"
#include "compile/checks.h"
#include "compile/symtable.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_SANITIZER 1
#endif
#endif
#ifdef FUZZ_SANITIZER
#include <sanitizer/common_interface_defs.h>
/* From the sanitizer runtime (sanitizer/allocator_interface.h, which gcc
 * does not install). */
size_t __sanitizer_get_current_allocated_bytes(void);
#else
#include <malloc.h>
/* Without a sanitizer, count the heap ourselves: this program replaces
 * malloc, calloc, realloc and free (as glibc allows) with versions that call
 * glibc's and keep a running total of live bytes.  (mallinfo2() cannot be
 * used: chunks cached in glibc's per-thread cache count as in use.) */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
static long long live_heap_bytes;

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    if (p)
        live_heap_bytes += (long long)malloc_usable_size(p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    if (p)
        live_heap_bytes += (long long)malloc_usable_size(p);
    return p;
}

void *realloc(void *old, size_t n)
{
    size_t old_size = old ? malloc_usable_size(old) : 0;
    void *p = __libc_realloc(old, n);
    if (p) {
        live_heap_bytes += (long long)malloc_usable_size(p) - (long long)old_size;
    } else if (n == 0 && old) {
        live_heap_bytes -= (long long)old_size;  /* realloc(p, 0) freed it */
    }
    return p;
}

void free(void *p)
{
    if (p)
        live_heap_bytes -= (long long)malloc_usable_size(p);
    __libc_free(p);
}
#endif

/* Bytes of heap in use, to tell which input leaked. */
static long long heap_in_use(void)
{
#ifdef FUZZ_SANITIZER
    return (long long)__sanitizer_get_current_allocated_bytes();
#else
    return live_heap_bytes;
#endif
}

/* ---------------------------------------------------------------- PRNG */

/* splitmix64 turns (seed, input number) into a well-mixed starting state;
 * xorshift64* then produces the input's stream. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

typedef struct { uint64_t s; } Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* Uniform in [0, n); n > 0. */
static size_t rng_below(Rng *r, size_t n)
{
    return (size_t)(rng_next(r) % n);
}

/* ---------------------------------------------------------------- files */

typedef struct {
    char *path;
    char *data;
    size_t len;
} SourceFile;

typedef struct {
    char **items;
    size_t n, cap;
} PathList;

static void die_nomem(void)
{
    fprintf(stderr, "test_parse_fuzz: out of memory\n");
    exit(2);
}

static void pathlist_add(PathList *l, const char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        if (!l->items)
            die_nomem();
    }
    l->items[l->n] = strdup(p);
    if (!l->items[l->n])
        die_nomem();
    l->n++;
}

/* Collects regular .py files under dir; symlinked directories are not
 * followed (no loops), symlinked files are. */
static void walk(const char *dir, PathList *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p)
            die_nomem();
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat lst, st;
        if (lstat(p, &lst) == 0) {
            if (S_ISDIR(lst.st_mode)) {
                walk(p, out);
            } else if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
                size_t len = strlen(e->d_name);
                if (len > 3 && strcmp(e->d_name + len - 3, ".py") == 0)
                    pathlist_add(out, p);
            }
        }
        free(p);
    }
    closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        die_nomem();
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf)
                die_nomem();
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    *data = buf;
    *len = n;
    return true;
}

/* ---------------------------------------------------------------- buffer */

typedef struct {
    char *data;
    size_t len, cap;
} Buf;

static void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra)
        cap *= 2;
    b->data = realloc(b->data, cap);
    if (!b->data)
        die_nomem();
    b->cap = cap;
}

static void buf_insert(Buf *b, size_t at, const char *s, size_t n)
{
    buf_reserve(b, n);
    memmove(b->data + at + n, b->data + at, b->len - at);
    memcpy(b->data + at, s, n);
    b->len += n;
}

static void buf_delete(Buf *b, size_t at, size_t n)
{
    memmove(b->data + at, b->data + at + n, b->len - at - n);
    b->len -= n;
}

/* Line i (0-based) of b: [*start, *end) including its '\n' if any.  Returns
 * the number of lines when i is out of range (and leaves start/end alone). */
static size_t line_span(const Buf *b, size_t want, size_t *start, size_t *end)
{
    size_t line = 0, s = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->data[i] == '\n') {
            if (line == want) {
                *start = s;
                *end = i + 1;
                return line;
            }
            line++;
            s = i + 1;
        }
    }
    if (s < b->len) {
        if (line == want) {
            *start = s;
            *end = b->len;
            return line;
        }
        line++;
    }
    return line;
}

static size_t count_lines(const Buf *b)
{
    size_t dummy1 = 0, dummy2 = 0;
    return line_span(b, SIZE_MAX, &dummy1, &dummy2);
}

/* ---------------------------------------------------------------- mutations */

/* Bytes and snippets that tend to reach the tokenizer's and parser's corners.
 * Entries are (pointer, length) so NUL can be one of them. */
#define S(x) { x, sizeof(x) - 1 }
static const struct { const char *s; size_t n; } SNIPPETS[] = {
    S("'"), S("\""), S("'''"), S("\"\"\""), S("("), S(")"), S("["), S("]"),
    S("{"), S("}"), S("{{"), S("}}"), S("\\"), S("\\\n"), S("\n"), S("\r"),
    S("\r\n"), S("\t"), S(" "), S("    "), S("\f"), S("\v"), S("\0"), S("\xff"),
    S("\xfe"), S("\x80"), S("\x7f"), S("\x01"), S("\x1b"), S("#"), S(":"), S("="),
    S(":="), S("f'"), S("f\""), S("F'''"), S("rb'"), S("Rb\""), S("u'"), S("br'\\"),
    S("f'{"), S("f'{x}'"), S("f'{x!r:>{w}}'"), S("f\"{'a' if x else \"b\"}\""),
    S("f'{x=}'"), S("f'{f'{1}'}'"), S("f'{\n}'"), S("f'{#}'"), S("f'{x:{'"),
    S("!r"), S("!"), S("\\N{"), S("\\N{EM DASH}"), S("\\N{NO SUCH NAME}"), S("\\x"),
    S("\\x4"), S("\\u12"), S("\\U0011ffff"), S("\\777"), S("\\8"), S("0x"), S("0b2"),
    S("0o8"), S("1_"), S("1__0"), S("1e"), S("1e+"), S("1.j"), S("0_0"), S("09"),
    S("1if"), S("0xfor"), S("1_000.000_1e-1_0j"), S("99999999999999999999999999"),
    S("lambda"), S("lambda *, **k: "), S("async "), S("await "), S("match "),
    S("case "), S("_"), S("yield"), S("yield from "), S("*"), S("**"), S("@"),
    S("->"), S(","), S(";"), S("."), S("..."), S("del "), S("global x\n"),
    S("nonlocal x\n"), S("import "), S("from . import "), S("from __future__ import braces\n"),
    S("except* "), S("try:\n"), S("if x:\n"), S("else:"), S("elif "), S("while 1:\n"),
    S("class C:\n"), S("def f(a, /, b, *, c):\n"), S("with (a as b, c as d):\n"),
    S("match x:\n case [a, *b] | {'k': c, **r} | C(x=1) as z if z:\n  pass\n"),
    S("return"), S("pass\n"), S("print \"x\"\n"), S("x = yield = 1\n"), S("f() = 1\n"),
    S("a, *b, *c = d\n"), S("not"), S("is not"), S("not in"), S("<>"), S("$"), S("?"),
    S("`"), S("\xc3\xa9"), S("\xe2\x82\xac"), S("\xf0\x9d\x94\x98"), S("\xe2\x80\xa8"),
    S("\xc2\xa0"), S("\xc0\x80"), S("\xed\xa0\x80"), S("\xf4\x90\x80\x80"), S("\xe2\x82"),
    S("\xef\xbb\xbf"), S("\xcc\x81"), S("\xef\xbc\xa1"), S("\xe1\xb5\x83"),
    S("# coding: latin-1\n"), S("# -*- coding: utf-8 -*-\n"), S("# coding: ascii\n"),
    S("# vim: set fileencoding=bogus :\n"), S("# type: ignore\n"), S("#!/x\n"),
};
#undef S
enum { NSNIPPETS = sizeof SNIPPETS / sizeof SNIPPETS[0] };

static const unsigned char INTERESTING_BYTES[] = {
    '\'', '"', '(', ')', '[', ']', '{', '}', '\\', '\n', '\r', '\t', ' ', '\f',
    '#', ':', '=', ',', '.', '@', '0', '_', 'f', 'r', 'b', 'j', 'e', 'x',
    0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff,
};

typedef struct {
    char text[640];
    size_t len;
} Desc;

static void desc_add(Desc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void desc_add(Desc *d, const char *fmt, ...)
{
    if (d->len >= sizeof d->text - 1)
        return;
    if (d->len) {
        d->text[d->len++] = ';';
        d->text[d->len++] = ' ';
        d->text[d->len] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->text + d->len, sizeof d->text - d->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        d->len += (size_t)n < sizeof d->text - d->len ? (size_t)n : sizeof d->text - d->len - 1;
}

/* Writes s[0..n) into out (size cap) as a C string literal body. */
static void escape(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                        : c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
        if (esc) {
            memcpy(out + o, esc, 2);
            o += 2;
        } else if (c < 0x20 || c >= 0x7f) {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

/* A position, biased towards line starts sometimes (indentation matters). */
static size_t pick_pos(Rng *r, const Buf *b, bool inclusive_end)
{
    size_t n = b->len + (inclusive_end ? 1 : 0);
    if (n == 0)
        return 0;
    size_t pos = rng_below(r, n);
    if (rng_below(r, 4) == 0) {
        while (pos > 0 && b->data[pos - 1] != '\n')
            pos--;
    }
    return pos;
}

static void mutate_once(Rng *r, Buf *b, Desc *d)
{
    switch (rng_below(r, 12)) {
    case 0: { /* truncate */
        size_t pos = pick_pos(r, b, true);
        b->len = pos;
        desc_add(d, "truncate@%zu", pos);
        break;
    }
    case 1: { /* flip one bit */
        if (b->len == 0)
            break;
        size_t pos = rng_below(r, b->len);
        int bit = (int)rng_below(r, 8);
        b->data[pos] ^= (char)(1u << bit);
        desc_add(d, "flipbit@%zu^0x%02x", pos, 1u << bit);
        break;
    }
    case 2: { /* replace a byte with a random byte */
        if (b->len == 0)
            break;
        size_t pos = rng_below(r, b->len);
        unsigned char c = (unsigned char)rng_next(r);
        b->data[pos] = (char)c;
        desc_add(d, "setbyte@%zu=0x%02x", pos, c);
        break;
    }
    case 3: { /* replace a byte with an interesting byte */
        if (b->len == 0)
            break;
        size_t pos = rng_below(r, b->len);
        unsigned char c = INTERESTING_BYTES[rng_below(r, sizeof INTERESTING_BYTES)];
        b->data[pos] = (char)c;
        desc_add(d, "setbyte@%zu=0x%02x", pos, c);
        break;
    }
    case 4: { /* insert an interesting byte */
        size_t pos = pick_pos(r, b, true);
        char c = (char)INTERESTING_BYTES[rng_below(r, sizeof INTERESTING_BYTES)];
        buf_insert(b, pos, &c, 1);
        desc_add(d, "insbyte@%zu=0x%02x", pos, (unsigned char)c);
        break;
    }
    case 5:
    case 6: { /* insert a snippet (at the very start now and then: coding lines, BOM) */
        size_t k = rng_below(r, NSNIPPETS);
        size_t pos = rng_below(r, 16) == 0 ? 0 : pick_pos(r, b, true);
        char shown[160];
        buf_insert(b, pos, SNIPPETS[k].s, SNIPPETS[k].n);
        escape(shown, sizeof shown, SNIPPETS[k].s, SNIPPETS[k].n);
        desc_add(d, "insert@%zu=\"%s\"", pos, shown);
        break;
    }
    case 7: { /* insert a random byte */
        size_t pos = pick_pos(r, b, true);
        char c = (char)rng_next(r);
        buf_insert(b, pos, &c, 1);
        desc_add(d, "insbyte@%zu=0x%02x", pos, (unsigned char)c);
        break;
    }
    case 8: { /* delete a line */
        size_t nl = count_lines(b), s = 0, e = 0;
        if (nl == 0)
            break;
        size_t line = rng_below(r, nl);
        line_span(b, line, &s, &e);
        buf_delete(b, s, e - s);
        desc_add(d, "delline#%zu", line + 1);
        break;
    }
    case 9: { /* duplicate a line (or a few) */
        size_t nl = count_lines(b), s = 0, e = 0, s2 = 0, e2 = 0;
        if (nl == 0)
            break;
        size_t line = rng_below(r, nl);
        size_t count = 1 + rng_below(r, 3);
        line_span(b, line, &s, &e);
        if (line + count - 1 < nl) {
            line_span(b, line + count - 1, &s2, &e2);
            e = e2;
        } else {
            count = 1;
        }
        size_t n = e - s;
        char *copy = malloc(n ? n : 1);
        if (!copy)
            die_nomem();
        memcpy(copy, b->data + s, n);
        buf_insert(b, e, copy, n);
        free(copy);
        desc_add(d, "dupline#%zu+%zu", line + 1, count);
        break;
    }
    case 10: { /* delete a byte range */
        if (b->len == 0)
            break;
        size_t pos = rng_below(r, b->len);
        size_t max = b->len - pos;
        size_t n = 1 + rng_below(r, max < 64 ? max : 64);
        buf_delete(b, pos, n);
        desc_add(d, "delete@%zu+%zu", pos, n);
        break;
    }
    case 11: { /* splice: copy a chunk of the file to another place */
        if (b->len == 0)
            break;
        size_t from = rng_below(r, b->len);
        size_t max = b->len - from;
        size_t n = 1 + rng_below(r, max < 200 ? max : 200);
        size_t to = pick_pos(r, b, true);
        char *copy = malloc(n);
        if (!copy)
            die_nomem();
        memcpy(copy, b->data + from, n);
        buf_insert(b, to, copy, n);
        free(copy);
        desc_add(d, "splice@%zu+%zu->%zu", from, n, to);
        break;
    }
    }
}

/* ---------------------------------------------------------------- deep nesting */

typedef struct {
    const char *prefix, *unit, *middle, *close, *suffix;
} DeepShape;

/* Source = prefix + unit*depth + middle + close*depth + suffix. */
static const DeepShape DEEP_SHAPES[] = {
    { "", "-", "1", "", "\n" },
    { "", "not ", "x", "", "\n" },
    { "", "(", "1", ")", "\n" },
    { "", "(", "", "", "\n" },
    { "", "[", "", "]", "\n" },
    { "", "{", "", "}", "\n" },
    { "", "f(", "", ")", "\n" },
    { "x", "[0]", "", "", "\n" },
    { "a", ".b", "", "", "\n" },
    { "1", "+1", "", "", "\n" },
    { "2", "**2", "", "", "\n" },
    { "", "lambda:", "1", "", "\n" },
    { "", "a if b else ", "c", "", "\n" },
    { "", "await ", "x", "", "\n" },
    { "", "*", "x", "", "\n" },
    { "", "x=", "1", "", "\n" },
    { "", "x,", "", "", "\n" },
    { "", "@d\n", "def f(): pass", "", "\n" },
    { "", "f'{", "x", "}'", "\n" },
    { "", "[x for x in ", "y", "]", "\n" },
    { "", "{**", "x", "}", "\n" },
    { "match x:\n case ", "[", "a", "]", ":\n  pass\n" },
    { "match x:\n case ", "a|", "b", "", ":\n  pass\n" },
    { "", "1<", "2", "", "\n" },
    { "", "a and ", "b", "", "\n" },
};
enum { NDEEP_SHAPES = sizeof DEEP_SHAPES / sizeof DEEP_SHAPES[0] };
static const int DEEP_DEPTHS[] = { 150, 1000, 5000, 100000 };
enum { NDEEP_DEPTHS = sizeof DEEP_DEPTHS / sizeof DEEP_DEPTHS[0] };

static void buf_append(Buf *b, const char *s)
{
    buf_insert(b, b->len, s, strlen(s));
}

static void make_deep(Buf *b, const DeepShape *sh, int depth)
{
    b->len = 0;
    buf_append(b, sh->prefix);
    for (int i = 0; i < depth; i++)
        buf_append(b, sh->unit);
    buf_append(b, sh->middle);
    for (int i = 0; i < depth; i++)
        buf_append(b, sh->close);
    buf_append(b, sh->suffix);
}

/* A pile of indented blocks, one deeper per line. */
static void make_deep_indent(Buf *b, int depth)
{
    b->len = 0;
    for (int i = 0; i < depth; i++) {
        for (int j = 0; j < i; j++)
            buf_append(b, " ");
        buf_append(b, "if x:\n");
    }
    for (int j = 0; j < depth; j++)
        buf_append(b, " ");
    buf_append(b, "pass\n");
}

/* ---------------------------------------------------------------- checks */

/* Checks a parsed tree without recursion (trees from deep inputs can be far
 * deeper than the C stack allows).  Returns NULL or a description of the
 * first problem. */
typedef struct {
    const AstNode **items;
    size_t n, cap;
} NodeStack;

static void stack_push(NodeStack *s, const AstNode *n)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->items = realloc(s->items, s->cap * sizeof *s->items);
        if (!s->items)
            die_nomem();
    }
    s->items[s->n++] = n;
}

typedef struct {
    NodeStack stack;
    const char *problem;
    char problem_buf[200];
    int max_line;
} Walker;

static void walk_required(Walker *w, const AstNode *n, const char *what)
{
    if (!n) {
        if (!w->problem)
            w->problem = what;
        return;
    }
    stack_push(&w->stack, n);
}

static void walk_optional(Walker *w, const AstNode *n)
{
    if (n)
        stack_push(&w->stack, n);
}

static void walk_nodes(Walker *w, const AstSeq *s, bool items_optional, const char *what)
{
    if (!s)
        return;  /* an empty sequence may be NULL */
    if (s->n < 0) {
        w->problem = "negative sequence length";
        return;
    }
    for (int i = 0; i < s->n; i++) {
        if (items_optional)
            walk_optional(w, s->items[i]);
        else
            walk_required(w, s->items[i], what);
    }
}

static void check_ident(Walker *w, const char *s, bool optional, const char *what)
{
    if (!s && !optional && !w->problem)
        w->problem = what;
}

static void check_idents(Walker *w, const AstSeq *s, const char *what)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        check_ident(w, s->items[i], false, what);
}

static void check_constant(Walker *w, const AstConstant *c)
{
    if ((c->kind == AST_CONST_STR || c->kind == AST_CONST_BYTES || c->kind == AST_CONST_BIGINT)
        && c->len > 0 && !c->u.s && !w->problem)
        w->problem = "constant with a length but no bytes";
    if (c->kind == AST_CONST_BIGINT && c->len == 0 && !w->problem)
        w->problem = "big int constant without digits";
}

/* The field walkers, one per field type of ast.def. */
#define W_expr(x, nm) walk_required(w, x, "missing required field " nm)
#define W_expr_opt(x, nm) walk_optional(w, x)
#define W_pattern(x, nm) walk_required(w, x, "missing required field " nm)
#define W_pattern_opt(x, nm) walk_optional(w, x)
#define W_arg_opt(x, nm) walk_optional(w, x)
#define W_args(x, nm) walk_required(w, x, "missing required field " nm)
/* Dict keys (None for **d) and kw_defaults hold NULLs legitimately. */
#define W_expr_seq(x, nm) walk_nodes(w, x, true, nm)
#define W_stmt_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_pattern_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_keyword_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_alias_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_withitem_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_match_case_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_handler_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_comp_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_arg_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_ignore_seq(x, nm) walk_nodes(w, x, false, "NULL item in " nm)
#define W_ident(x, nm) check_ident(w, x, false, "missing identifier " nm)
#define W_ident_opt(x, nm) ((void)(x))
#define W_ident_seq(x, nm) check_idents(w, x, "NULL identifier in " nm)
#define W_str_opt(x, nm) ((void)(x))
#define W_int(x, nm) ((void)(x))
#define W_constant(x, nm) check_constant(w, &(x))
#define W_boolop(x, nm) ((void)(x))
#define W_binop(x, nm) ((void)(x))
#define W_unaryop(x, nm) ((void)(x))
#define W_ctx(x, nm) ((void)(x))
#define W_cmpop_seq(x, nm) ((void)(x))

static void walk_children(Walker *w, const AstNode *n)
{
    switch (n->kind) {
#define F(type, name) W_##type(vv->name, #name);
#define NODE(cat, name, fields)                                   \
    case AST_##name: {                                            \
        const struct AstV_##name *vv = &n->v.name;                  \
        (void)vv;                                                 \
        fields                                                    \
        break;                                                    \
    }
#include "ast.def"
#undef NODE
#undef F
    default:
        snprintf(w->problem_buf, sizeof w->problem_buf, "node with bad kind %d", (int)n->kind);
        w->problem = w->problem_buf;
        break;
    }
}

static const char *check_tree(const AstNode *root, int max_line, Walker *w)
{
    w->stack.n = 0;
    w->problem = NULL;
    w->max_line = max_line;
    if (root->kind != AST_Module)
        return "the root is not a Module";
    stack_push(&w->stack, root);
    while (w->stack.n && !w->problem) {
        const AstNode *n = w->stack.items[--w->stack.n];
        if ((unsigned)n->kind >= AST_KIND_COUNT) {
            snprintf(w->problem_buf, sizeof w->problem_buf, "node with bad kind %d",
                     (int)n->kind);
            return w->problem_buf;
        }
        if (ast_has_pos(n->kind)) {
            const AstPos *p = &n->pos;
            bool ordered = p->lineno < p->end_lineno
                           || (p->lineno == p->end_lineno && p->col_offset <= p->end_col_offset);
            if (p->lineno < 1 || p->end_lineno > max_line || p->col_offset < 0
                || p->end_col_offset < 0 || !ordered) {
                snprintf(w->problem_buf, sizeof w->problem_buf,
                         "%s with bad position %d:%d-%d:%d (source has %d lines)",
                         ast_kind_name(n->kind), p->lineno, p->col_offset, p->end_lineno,
                         p->end_col_offset, max_line - 1);
                return w->problem_buf;
            }
        }
        walk_children(w, n);
    }
    return w->problem;
}

/* Lines as the tokenizer counts them: \n, \r\n and lone \r all end one. */
static int source_lines(const char *s, size_t len)
{
    int n = 1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            n++;
        else if (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n'))
            n++;
    }
    return n;
}

/* ---------------------------------------------------------------- driver */

static sigjmp_buf watchdog_jmp;
static volatile sig_atomic_t in_parse;
/* What is running now, written before each parse, so a crash can name it. */
static char current_case[900];

static void on_alarm(int sig)
{
    (void)sig;
    if (in_parse)
        siglongjmp(watchdog_jmp, 1);
}

static void report_current_case(void)
{
    static const char head[] = "\ntest_parse_fuzz: died on ";
    ssize_t r = write(2, head, sizeof head - 1);
    r = write(2, current_case, strlen(current_case));
    r = write(2, "\n", 1);
    (void)r;
}

#ifndef FUZZ_SANITIZER
static void on_crash(int sig)
{
    report_current_case();
    raise(sig);  /* SA_RESETHAND: the default action now */
}
#endif

/* Failures printed before the rest are only counted (-v prints them all). */
enum { MAX_SHOWN_FAILURES = 100 };

typedef struct {
    int passed, failed;
    int trees, syntax, indentation, tab, limits, other;
    int watchdog_secs;
    bool verbose;
    FILE *devnull;
    Walker walker;
} Stats;

/* Parses one input and checks the outcome.  allow_limits: the input is a
 * deliberately deep nesting, which CPython itself may refuse with
 * MemoryError ("too complex") or RecursionError, so Krait may too. */

/* The symbol table must take every tree the parser makes: a table, or a
 * SyntaxError with a message and a line.  It is built in an arena of its own,
 * freed here, so the heap accounting of the parse is unchanged. */
static void check_symtable(const AstNode *tree, char *problem, size_t size)
{
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    SymTable *table = symtable_build(&arena, tree, &err);
    if (!table) {
        if (err.kind != SYNERR_SYNTAX && err.kind != SYNERR_RECURSION)
            snprintf(problem, size, "symtable_build() failed with error kind %d", (int)err.kind);
        else if (err.msg[0] == '\0' || (err.kind == SYNERR_SYNTAX && err.lineno < 1))
            snprintf(problem, size, "symtable error without a message or line: \"%.200s\"",
                     err.msg);
    } else {
        /* ...and so must the compiler's checks (line -1 is a CPython quirk
         * for code after a `with` left by a jump). */
        CompileWarnings warnings = {0};
        if (compile_checks(tree, table, &err, &warnings) < 0) {
            if (err.kind != SYNERR_SYNTAX && err.kind != SYNERR_RECURSION)
                snprintf(problem, size, "compile_checks() failed with error kind %d",
                         (int)err.kind);
            else if (err.msg[0] == '\0')
                snprintf(problem, size, "compile_checks() error without a message");
        }
        compile_warnings_free(&warnings);
    }
    arena_free(&arena);
}

static void run_one(Stats *st, const char *src, size_t len, bool allow_limits, const char *label)
{
    snprintf(current_case, sizeof current_case, "%s", label);
    Arena arena;
    arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    err.kind = SYNERR_NONE;
    char problem[400] = "";
    AstNode *tree = NULL;
    int max_line = source_lines(src, len) + 1;
    /* Heap in use before the parse, and what the checks themselves took
     * (the walker's stack, stdio's buffer), which is not the parser's. */
    long long heap_before = heap_in_use();
    long long checks_before = 0, checks_after = 0;

    if (sigsetjmp(watchdog_jmp, 1) == 0) {
        in_parse = 1;
        alarm((unsigned)st->watchdog_secs);
        tree = parse_source(&arena, src, len, "<fuzz>", PARSE_EXEC, &err, NULL);
        checks_before = heap_in_use();
        if (tree) {
            const char *bad = check_tree(tree, max_line, &st->walker);
            if (bad)
                snprintf(problem, sizeof problem, "bad tree: %s", bad);
            else if (ast_dump(st->devnull, tree) != 0)
                snprintf(problem, sizeof problem, "ast_dump() failed");
            else
                check_symtable(tree, problem, sizeof problem);
        }
        checks_after = heap_in_use();
        alarm(0);
        in_parse = 0;
    } else {
        in_parse = 0;
        snprintf(problem, sizeof problem, "hang: no answer within %d s", st->watchdog_secs);
        tree = NULL;
        err.kind = SYNERR_NONE;
    }

    if (!problem[0] && tree) {
        st->trees++;
    } else if (!problem[0]) {
        bool terminated = memchr(err.msg, '\0', sizeof err.msg) != NULL;
        bool syntax_kind = err.kind == SYNERR_SYNTAX || err.kind == SYNERR_INDENTATION
                           || err.kind == SYNERR_TAB;
        bool limit_kind = err.kind == SYNERR_NOMEM || err.kind == SYNERR_RECURSION;
        switch (err.kind) {
        case SYNERR_SYNTAX: st->syntax++; break;
        case SYNERR_INDENTATION: st->indentation++; break;
        case SYNERR_TAB: st->tab++; break;
        case SYNERR_NOMEM: case SYNERR_RECURSION: st->limits++; break;
        default: st->other++; break;
        }
        if (limit_kind && !allow_limits)
            snprintf(problem, sizeof problem, "%s (\"%.200s\") on an ordinary input",
                     syntax_error_class(err.kind), terminated ? err.msg : "?");
        else if (!syntax_kind && !limit_kind)
            snprintf(problem, sizeof problem, "parse_source() returned NULL with error kind %d",
                     (int)err.kind);
        else if (!terminated || (syntax_kind && err.msg[0] == '\0'))
            snprintf(problem, sizeof problem, "%s without a message",
                     syntax_error_class(err.kind));
        else if (err.lineno < 0 || err.lineno > max_line)
            snprintf(problem, sizeof problem, "%s \"%.200s\" at line %d of a %d-line source",
                     syntax_error_class(err.kind), err.msg, err.lineno, max_line - 1);
        else if (err.end_lineno != 0 && err.end_lineno < err.lineno)
            snprintf(problem, sizeof problem, "%s \"%.200s\" ends (line %d) before it starts (line %d)",
                     syntax_error_class(err.kind), err.msg, err.end_lineno, err.lineno);
    }
    arena_free(&arena);
    long long leaked = heap_in_use() - (checks_after - checks_before) - heap_before;
    if (!problem[0] && leaked > 0)
        snprintf(problem, sizeof problem, "leak: %lld bytes of heap not freed (outcome: %s)",
                 leaked, tree ? "tree" : syntax_error_class(err.kind));

    if (problem[0]) {
        st->failed++;
        if (st->failed <= MAX_SHOWN_FAILURES || st->verbose)
            printf("FAIL %s: %s\n", label, problem);
    } else {
        st->passed++;
        if (st->verbose) {
            if (tree)
                printf("ok   %s: tree\n", label);
            else
                printf("ok   %s: %s: %s (line %d)\n", label, syntax_error_class(err.kind),
                       err.msg, err.lineno);
        }
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: test_parse_fuzz [-n COUNT] [-s SEED] [-i INDEX] [-o FILE] "
                    "[-r ROOT] [-e EVERY] [-t SECONDS] [-d DEPTH] [-w DIR] [-v]\n");
    exit(2);
}

static unsigned long long parse_num(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || end == s)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    long count = 10000, only = -1;
    uint64_t seed = 0x4b7261697421ull;
    const char *root = "/usr/lib/python3.11", *outfile = NULL, *outdir = NULL;
    size_t every = 20;
    long max_depth = 100000;
    Stats st;
    memset(&st, 0, sizeof st);
    st.watchdog_secs = 10;

    int opt;
    while ((opt = getopt(argc, argv, "n:s:i:o:r:e:t:d:w:v")) != -1) {
        switch (opt) {
        case 'n': count = (long)parse_num(optarg); break;
        case 's': seed = parse_num(optarg); break;
        case 'i': only = (long)parse_num(optarg); break;
        case 'o': outfile = optarg; break;
        case 'r': root = optarg; break;
        case 'e': every = (size_t)parse_num(optarg); if (!every) usage(); break;
        case 't': st.watchdog_secs = (int)parse_num(optarg); if (st.watchdog_secs < 1) usage(); break;
        case 'w': outdir = optarg; break;
        case 'd': max_depth = (long)parse_num(optarg); break;
        case 'v': st.verbose = true; break;
        default: usage();
        }
    }
    if (optind != argc)
        usage();

    st.devnull = fopen("/dev/null", "w");
    if (!st.devnull) {
        perror("/dev/null");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* stdio allocates a stream's buffer on first use: do it now, not while
     * the heap is being watched for leaks. */
    fputc('\n', st.devnull);
    fflush(st.devnull);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
#ifdef FUZZ_SANITIZER
    __sanitizer_set_death_callback(report_current_case);
#else
    /* On an alternate stack, so a C stack overflow is reported too. */
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = on_crash;
    crash.sa_flags = (int)(SA_ONSTACK | SA_RESETHAND);
    sigemptyset(&crash.sa_mask);
    static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
        sigaction(crash_signals[i], &crash, NULL);
#endif

    /* The corpus. */
    PathList all = { 0 };
    walk(root, &all);
    qsort(all.items, all.n, sizeof *all.items, cmp_str);
    size_t nfiles = 0;
    SourceFile *files = calloc(all.n / every + 1, sizeof *files);
    if (!files)
        die_nomem();
    for (size_t i = 0; i < all.n; i += every) {
        SourceFile *f = &files[nfiles];
        if (read_file(all.items[i], &f->data, &f->len)) {
            f->path = all.items[i];
            all.items[i] = NULL;
            nfiles++;
        }
    }
    for (size_t i = 0; i < all.n; i++)
        free(all.items[i]);
    free(all.items);
    if (nfiles == 0) {
        printf("FAIL no .py files found under %s\n", root);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    if (st.verbose || only < 0)
        printf("test_parse_fuzz: %zu files from %s, %ld mutated inputs, seed 0x%" PRIx64 "\n",
               nfiles, root, count, seed);

    Buf b = { 0 };
    char label[900];

    /* Mutated inputs.  Input i depends only on (seed, i), so -i replays it. */
    for (long i = 0; i < count; i++) {
        if (only >= 0 && i != only)
            continue;
        Rng r = { splitmix64(seed ^ splitmix64((uint64_t)i)) | 1 };
        const SourceFile *f = &files[rng_below(&r, nfiles)];
        b.len = 0;
        buf_insert(&b, 0, f->data, f->len);
        Desc d = { .len = 0 };
        d.text[0] = '\0';
        int nmut = 1 + (int)rng_below(&r, 4);
        for (int m = 0; m < nmut; m++)
            mutate_once(&r, &b, &d);
        snprintf(label, sizeof label, "input %ld (seed 0x%" PRIx64 ", %s): %s", i, seed,
                 f->path, d.text);
        char outpath[4096];
        const char *out = outfile;
        if (outdir) {
            snprintf(outpath, sizeof outpath, "%s/%05ld.py", outdir, i);
            out = outpath;
        }
        if (out) {
            FILE *o = fopen(out, "wb");
            if (!o || fwrite(b.data, 1, b.len, o) != b.len || fclose(o) != 0) {
                perror(out);
                return 2;
            }
        }
        /* The parser gets exactly len bytes, in a buffer of its own, so a
         * read past the end is an ASan report. */
        char *copy = malloc(b.len ? b.len : 1);
        if (!copy)
            die_nomem();
        memcpy(copy, b.data, b.len);
        run_one(&st, copy, b.len, false, label);
        free(copy);
    }

    /* Deep nesting. */
    if (only < 0) {
        for (int s = 0; s < NDEEP_SHAPES; s++) {
            for (int k = 0; k < NDEEP_DEPTHS; k++) {
                if (DEEP_DEPTHS[k] > max_depth)
                    continue;
                make_deep(&b, &DEEP_SHAPES[s], DEEP_DEPTHS[k]);
                char pre[64], unit[64];
                escape(pre, sizeof pre, DEEP_SHAPES[s].prefix, strlen(DEEP_SHAPES[s].prefix));
                escape(unit, sizeof unit, DEEP_SHAPES[s].unit, strlen(DEEP_SHAPES[s].unit));
                snprintf(label, sizeof label, "deep nesting: \"%s\" + %d x \"%s\"", pre,
                         DEEP_DEPTHS[k], unit);
                run_one(&st, b.data, b.len, true, label);
            }
        }
        /* CPython allows 99 levels of indentation; 100 is an IndentationError. */
        static const int indent_depths[] = { 98, 99, 100, 1000 };
        for (size_t k = 0; k < sizeof indent_depths / sizeof indent_depths[0]; k++) {
            if (indent_depths[k] > max_depth)
                continue;
            make_deep_indent(&b, indent_depths[k]);
            snprintf(label, sizeof label, "deep nesting: %d indented blocks", indent_depths[k]);
            run_one(&st, b.data, b.len, true, label);
        }
    }

    if (only < 0 || st.verbose)
        printf("test_parse_fuzz: outcomes: %d trees, %d SyntaxError, %d IndentationError, "
               "%d TabError, %d MemoryError/RecursionError, %d other\n",
               st.trees, st.syntax, st.indentation, st.tab, st.limits, st.other);
    if (st.failed > MAX_SHOWN_FAILURES && !st.verbose)
        printf("test_parse_fuzz: %d more failures not shown (-v shows all)\n",
               st.failed - MAX_SHOWN_FAILURES);
    printf("%d passed, %d failed\n", st.passed, st.failed);
    snprintf(current_case, sizeof current_case,
             "the leak check at exit");

    free(b.data);
    free(st.walker.stack.items);
    for (size_t i = 0; i < nfiles; i++) {
        free(files[i].path);
        free(files[i].data);
    }
    free(files);
    fclose(st.devnull);
    return st.failed ? 1 : 0;
}
