/* The algorithms behind Python's str methods, on width-tagged code-point
 * buffers (PEP 393 storage: 1, 2 or 4 bytes per code point), independent of
 * the object model so that str, the compiler and the tests can all use them.
 *
 * Conventions:
 *   - a UStrView borrows its data; results that are substrings of an input
 *     (split, strip, partition) are views into that input, so they cost no
 *     copy and the caller decides whether to make new objects;
 *   - results that are new text are built in a UStrBuilder, which always
 *     holds its text at the narrowest width able to store it, so a finished
 *     buffer is ready to become a str as is;
 *   - start/end arguments follow Python's slice rules; pass 0 and
 *     USTR_END for "None";
 *   - functions that can fail return a UStrStatus (or a negative
 *     count); the only failures are running out of memory and the argument
 *     errors Python raises ValueError for, which the caller turns into
 *     exceptions with CPython's messages.
 *
 * Behaviour is checked against CPython 3.11 by tests/unit/test_ustr.c. */
#ifndef KRAIT_USTR_H
#define KRAIT_USTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const void *data;
    size_t len;     /* in code points */
    int width;      /* 1, 2 or 4 */
} UStrView;

typedef enum {
    USTR_OK = 0,
    USTR_NOMEM = -1,
    USTR_EMPTY_SEP = -2,    /* ValueError: empty separator */
    USTR_BAD_DATA = -3,     /* an encoding/decoding error: see UStrCodecError */
} UStrStatus;

/* "end=None" for the functions taking Python slice bounds. */
#define USTR_END PTRDIFF_MAX

static inline UStrView ustr_view(const void *data, size_t len, int width)
{
    UStrView v = {data, len, width};
    return v;
}

/* A view of a NUL-terminated ASCII/Latin-1 C string, for constants. */
UStrView ustr_view_cstr(const char *s);

static inline uint32_t ustr_get(UStrView s, size_t i)
{
    switch (s.width) {
    case 1: return ((const uint8_t *)s.data)[i];
    case 2: return ((const uint16_t *)s.data)[i];
    default: return ((const uint32_t *)s.data)[i];
    }
}

/* s[start:end] for 0 <= start <= end <= s.len. */
static inline UStrView ustr_slice(UStrView s, size_t start, size_t end)
{
    UStrView v = {(const char *)s.data + start * (size_t)s.width, end - start, s.width};
    return v;
}

/* The largest code point of s (0 for an empty one), and the narrowest
 * width that can store s. */
uint32_t ustr_max_char(UStrView s);
int ustr_width_for(uint32_t maxchar);

/* ---- building results ---- */

typedef struct {
    void *data;       /* malloc'd; NULL until something is appended */
    size_t len;       /* code points */
    size_t cap;       /* code points, not counting the terminator */
    int width;        /* current width: always the narrowest for maxchar */
    uint32_t maxchar;
} UStrBuilder;

/* A finished buffer: malloc'd (free() it), len code points at the narrowest
 * width, followed by one zero code unit so that width-1 text is also a C
 * string. */
typedef struct {
    void *data;
    size_t len;
    int width;
} UStrBuf;

void ustr_builder_init(UStrBuilder *b);
void ustr_builder_free(UStrBuilder *b);
/* Room for n more code points up to maxchar, so that the appends after it
 * do not reallocate. */
bool ustr_builder_reserve(UStrBuilder *b, size_t n, uint32_t maxchar);
bool ustr_append_cp(UStrBuilder *b, uint32_t cp);
bool ustr_append_repeat(UStrBuilder *b, uint32_t cp, size_t n);
bool ustr_append_view(UStrBuilder *b, UStrView v);
bool ustr_append_ascii(UStrBuilder *b, const char *s, size_t n);
/* Hands the text over (the builder is left empty); false only when out of
 * memory for an empty result. */
bool ustr_builder_finish(UStrBuilder *b, UStrBuf *out);
static inline UStrView ustr_builder_view(const UStrBuilder *b)
{
    return ustr_view(b->data, b->len, b->width);
}
/* A narrowest-width copy of s (a substring of a wide string may fit a
 * narrower width). */
UStrStatus ustr_copy(UStrView s, UStrBuf *out);

/* ---- comparison ---- */

/* <0, 0, >0 in code point order, whatever the widths. */
int ustr_compare(UStrView a, UStrView b);
bool ustr_equal(UStrView a, UStrView b);

/* ---- searching (Python's str.find etc.) ---- */

/* Applies Python's slice rules to start/end for a string of length len, as
 * find/count/startswith do (start is not clipped to len, so start > end
 * means "nothing"). */
void ustr_adjust_range(size_t len, ptrdiff_t *start, ptrdiff_t *end);

/* str.find / rfind: the index, or -1. */
ptrdiff_t ustr_find(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end);
ptrdiff_t ustr_rfind(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end);
/* The same with no range: whole-string search, for `in` and the others. */
ptrdiff_t ustr_find_all(UStrView s, UStrView sub);
/* str.count: non-overlapping occurrences. */
size_t ustr_count(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end);
/* Testing aid: ustr_find (op 'f'), ustr_rfind ('r') or ustr_count ('c')
 * over the whole of s, also adding the number of character comparisons
 * made to *ops, so tests can check that searches stay linear in the worst
 * case without timing them. */
ptrdiff_t ustr_search_counted(UStrView s, UStrView sub, char op, size_t *ops);
/* str.startswith / endswith with one prefix (a tuple is the caller's loop). */
bool ustr_startswith(UStrView s, UStrView prefix, ptrdiff_t start, ptrdiff_t end);
bool ustr_endswith(UStrView s, UStrView suffix, ptrdiff_t start, ptrdiff_t end);

/* ---- splitting: results are views into s ---- */

typedef struct {
    UStrView *items;   /* malloc'd */
    size_t len, cap;
} UStrViewList;

void ustr_list_init(UStrViewList *l);
void ustr_list_free(UStrViewList *l);

/* str.split / rsplit.  sep NULL means "runs of whitespace"; maxsplit < 0
 * means no limit.  The list is appended to (rsplit's in left-to-right
 * order, as Python returns it).  USTR_EMPTY_SEP for sep "". */
UStrStatus ustr_split(UStrView s, const UStrView *sep, ptrdiff_t maxsplit, UStrViewList *out);
UStrStatus ustr_rsplit(UStrView s, const UStrView *sep, ptrdiff_t maxsplit, UStrViewList *out);
UStrStatus ustr_splitlines(UStrView s, bool keepends, UStrViewList *out);
/* str.partition / rpartition: out[0..2].  USTR_EMPTY_SEP for sep "". */
UStrStatus ustr_partition(UStrView s, UStrView sep, UStrView out[3]);
UStrStatus ustr_rpartition(UStrView s, UStrView sep, UStrView out[3]);

/* ---- stripping: results are views into s ---- */

/* chars NULL means whitespace. */
UStrView ustr_strip(UStrView s, const UStrView *chars);
UStrView ustr_lstrip(UStrView s, const UStrView *chars);
UStrView ustr_rstrip(UStrView s, const UStrView *chars);

/* ---- new text ---- */

/* str.replace; count < 0 means all.  An empty old inserts new before every
 * character and at the end ("ab".replace("", "-") == "-a-b-"). */
UStrStatus ustr_replace(UStrView s, UStrView old, UStrView new_, ptrdiff_t count, UStrBuf *out);
/* sep.join(items). */
UStrStatus ustr_join(UStrView sep, const UStrView *items, size_t n, UStrBuf *out);

/* The case methods, with the full (one-to-many) mappings and the final
 * sigma rule. */
UStrStatus ustr_lower(UStrView s, UStrBuf *out);
UStrStatus ustr_upper(UStrView s, UStrBuf *out);
UStrStatus ustr_casefold(UStrView s, UStrBuf *out);
UStrStatus ustr_title(UStrView s, UStrBuf *out);
UStrStatus ustr_capitalize(UStrView s, UStrBuf *out);
UStrStatus ustr_swapcase(UStrView s, UStrBuf *out);

/* Padding; a width not above s.len gives a copy of s. */
UStrStatus ustr_center(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out);
UStrStatus ustr_ljust(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out);
UStrStatus ustr_rjust(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out);
UStrStatus ustr_zfill(UStrView s, ptrdiff_t width, UStrBuf *out);
/* tabsize <= 0 removes the tabs. */
UStrStatus ustr_expandtabs(UStrView s, ptrdiff_t tabsize, UStrBuf *out);

/* ---- predicates over whole strings (str.isalpha() ...) ---- */

bool ustr_isalpha(UStrView s);
bool ustr_isalnum(UStrView s);
bool ustr_isdecimal(UStrView s);
bool ustr_isdigit(UStrView s);
bool ustr_isnumeric(UStrView s);
bool ustr_isspace(UStrView s);
bool ustr_islower(UStrView s);
bool ustr_isupper(UStrView s);
bool ustr_istitle(UStrView s);
bool ustr_isprintable(UStrView s);
bool ustr_isascii(UStrView s);
bool ustr_isidentifier(UStrView s);

/* ---- UTF-8 ---- */

/* Where an encode or decode failed, as the UnicodeError's start, end and
 * reason ("surrogates not allowed", "invalid start byte",
 * "invalid continuation byte", "unexpected end of data"). */
typedef struct {
    size_t start, end;
    const char *reason;
} UStrCodecError;

/* Strict UTF-8: out gets a malloc'd, NUL-terminated buffer. USTR_BAD_DATA
 * (with *err filled) for a surrogate: start..end is the run of surrogates,
 * as CPython reports it. */
UStrStatus ustr_encode_utf8(UStrView s, char **out, size_t *outlen, UStrCodecError *err);

/* Writes code point c (any value up to 0x10FFFF, lone surrogates included,
 * as CPython's surrogatepass does) as UTF-8 at p; returns the byte count. */
static inline size_t ustr_put_utf8(char *p, uint32_t c)
{
    if (c < 0x80) {
        p[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        p[0] = (char)(0xC0 | (c >> 6));
        p[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        p[0] = (char)(0xE0 | (c >> 12));
        p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        p[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    p[0] = (char)(0xF0 | (c >> 18));
    p[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    p[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    p[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}
/* Strict UTF-8 decoding to the narrowest width; USTR_BAD_DATA with *err as
 * CPython's UnicodeDecodeError (byte positions). */
UStrStatus ustr_decode_utf8(const char *s, size_t n, UStrBuf *out, UStrCodecError *err);
/* UTF-8 in which surrogates may appear as 3-byte sequences (ED A0..BF xx),
 * as the parser stores string constants: the 'surrogatepass' decoding.  A
 * surrogate pair written as two such sequences stays two code points, as in
 * Python.  Other malformed input gives USTR_BAD_DATA; its details match
 * strict decoding except for a truncated surrogate sequence at the very end
 * (CPython's surrogatepass reports "invalid continuation byte" there), which
 * the parser never produces. */
UStrStatus ustr_from_utf8_surrogates(const char *s, size_t n, UStrBuf *out, UStrCodecError *err);

#endif
