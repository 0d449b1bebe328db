/* Python's str algorithms on width-tagged buffers: see ustr.h. */
#include "core/ustr.h"

#include <stdlib.h>
#include <string.h>

#include "core/unicode_props.h"
#include "unicode_db.h"

UStrView ustr_view_cstr(const char *s)
{
    return ustr_view(s, strlen(s), 1);
}

int ustr_width_for(uint32_t maxchar)
{
    return maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4;
}

uint32_t ustr_max_char(UStrView s)
{
    uint32_t m = 0;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (c > m)
            m = c;
    }
    return m;
}

static inline void put(void *data, int width, size_t i, uint32_t c)
{
    switch (width) {
    case 1: ((uint8_t *)data)[i] = (uint8_t)c; break;
    case 2: ((uint16_t *)data)[i] = (uint16_t)c; break;
    default: ((uint32_t *)data)[i] = c; break;
    }
}

/* ---- builder ---- */

void ustr_builder_init(UStrBuilder *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->width = 1;
    b->maxchar = 0;
}

void ustr_builder_free(UStrBuilder *b)
{
    free(b->data);
    ustr_builder_init(b);
}

/* Reallocates to hold cap code points (plus the terminator) at width,
 * converting what is there: widening happens at most twice per result. */
static bool regrow(UStrBuilder *b, size_t cap, int width)
{
    if (cap > (SIZE_MAX / 4) - 1)
        return false;
    if (width == b->width) {
        void *p = realloc(b->data, (cap + 1) * (size_t)width);
        if (!p)
            return false;
        b->data = p;
    } else {
        void *p = malloc((cap + 1) * (size_t)width);
        if (!p)
            return false;
        UStrView old = ustr_view(b->data, b->len, b->width);
        for (size_t i = 0; i < b->len; i++)
            put(p, width, i, ustr_get(old, i));
        free(b->data);
        b->data = p;
        b->width = width;
    }
    b->cap = cap;
    return true;
}

bool ustr_builder_reserve(UStrBuilder *b, size_t n, uint32_t maxchar)
{
    if (n > SIZE_MAX / 8 - b->len)
        return false;
    int width = ustr_width_for(maxchar > b->maxchar ? maxchar : b->maxchar);
    if (width < b->width)
        width = b->width;
    size_t need = b->len + n;
    if (need <= b->cap && width == b->width && b->data)
        return true;
    size_t cap = b->cap;
    if (need > cap) {
        /* Geometric growth keeps a run of appends linear. */
        cap = cap + cap / 2;
        if (cap < need)
            cap = need;
        if (cap < 16)
            cap = 16;
    }
    return regrow(b, cap, width);
}

bool ustr_append_cp(UStrBuilder *b, uint32_t cp)
{
    if (b->len >= b->cap || ustr_width_for(cp) > b->width) {
        if (!ustr_builder_reserve(b, 1, cp))
            return false;
    }
    if (cp > b->maxchar)
        b->maxchar = cp;
    put(b->data, b->width, b->len++, cp);
    return true;
}

bool ustr_append_repeat(UStrBuilder *b, uint32_t cp, size_t n)
{
    if (n == 0)
        return true;
    if (!ustr_builder_reserve(b, n, cp))
        return false;
    if (cp > b->maxchar)
        b->maxchar = cp;
    if (b->width == 1) {
        memset((uint8_t *)b->data + b->len, (int)cp, n);
        b->len += n;
    } else {
        for (size_t i = 0; i < n; i++)
            put(b->data, b->width, b->len++, cp);
    }
    return true;
}

bool ustr_append_view(UStrBuilder *b, UStrView v)
{
    if (v.len == 0)
        return true;
    /* A view wider than the builder may still hold only narrow characters
     * (a substring of a wide string), so its real maximum decides. */
    uint32_t m = v.width <= b->width ? 0 : ustr_max_char(v);
    if (!ustr_builder_reserve(b, v.len, m))
        return false;
    if (v.width == b->width) {
        memcpy((char *)b->data + b->len * (size_t)b->width, v.data, v.len * (size_t)v.width);
    } else {
        for (size_t i = 0; i < v.len; i++)
            put(b->data, b->width, b->len + i, ustr_get(v, i));
    }
    b->len += v.len;
    if (m > b->maxchar)
        b->maxchar = m;
    return true;
}

bool ustr_append_ascii(UStrBuilder *b, const char *s, size_t n)
{
    return ustr_append_view(b, ustr_view(s, n, 1));
}

bool ustr_builder_finish(UStrBuilder *b, UStrBuf *out)
{
    if (!b->data && !ustr_builder_reserve(b, 0, 0))
        return false;
    put(b->data, b->width, b->len, 0);
    out->data = b->data;
    out->len = b->len;
    out->width = b->width;
    b->data = NULL;
    ustr_builder_free(b);
    return true;
}

/* Finishes b into out, or frees it: the tail of every producing function. */
static UStrStatus finish(UStrBuilder *b, bool ok, UStrBuf *out)
{
    if (ok && ustr_builder_finish(b, out))
        return USTR_OK;
    ustr_builder_free(b);
    return USTR_NOMEM;
}

UStrStatus ustr_copy(UStrView s, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    return finish(&b, ustr_append_view(&b, s), out);
}

/* ---- comparison ---- */

int ustr_compare(UStrView a, UStrView b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    if (a.width == 1 && b.width == 1) {
        int r = memcmp(a.data, b.data, n);
        if (r)
            return r;
    } else {
        for (size_t i = 0; i < n; i++) {
            uint32_t x = ustr_get(a, i), y = ustr_get(b, i);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

bool ustr_equal(UStrView a, UStrView b)
{
    if (a.len != b.len)
        return false;
    if (a.width == b.width)
        return memcmp(a.data, b.data, a.len * (size_t)a.width) == 0;
    return ustr_compare(a, b) == 0;
}

/* ---- substring search ----
 *
 * Two algorithms, both instantiated for each pair of widths so the inner
 * loops have no width dispatch; mixed widths compare as code points (a
 * needle character too wide for the haystack simply never matches).
 *
 * 1. A Horspool-style scan with a 64-bit bloom filter of the needle's
 *    characters: compare the last character of the window first; on a
 *    mismatch, if the character just past the window cannot occur in the
 *    needle the window jumps by len+1, else by the distance that lines up
 *    the previous occurrence of the needle's last character.  Near O(n/m)
 *    on ordinary text and no preprocessing beyond one pass over the
 *    needle, but O(n*m) in the worst case ("a"*50+"ba" in "aaaa...").
 *
 * 2. Crochemore-Perrin two-way matching: O(m) preprocessing into a
 *    critical factorisation p = left|right and a period, then at most
 *    about 2n comparisons and O(1) extra space.  It is used from the start
 *    for long needles in long haystacks, and the Horspool scan hands over
 *    to it (from the window it has reached) once its verification work
 *    exceeds a budget linear in the distance scanned; so every search is
 *    linear and the common case keeps Horspool's speed.
 *
 * Reverse search runs the same two-way code on the reversed haystack and
 * needle, by index arithmetic rather than copies.
 *
 * Every search also counts its character comparisons into *ops, so the
 * unit test can assert linearity without timing anything. */

#define BLOOM_BIT(c) ((uint64_t)1 << ((c) & 63))

/* mode FIND returns the first index or -1; COUNT returns the number of
 * non-overlapping matches (up to maxcount). */
enum { MODE_FIND, MODE_COUNT };

/* Needles at least this long, in haystacks with at least TW_LONG_WINDOWS
 * windows, go straight to two-way: Horspool's skips can no longer beat
 * two-way's linear bound by much and the preprocessing is amortised. */
enum { TW_LONG_NEEDLE = 100, TW_LONG_WINDOWS = 2000 };

/* Horspool hands over once its verification work exceeds this for the
 * `advanced` windows it has moved past: total work stays O(n + m). */
static inline bool horspool_over_budget(size_t work, size_t advanced, size_t m)
{
    return work > 256 + 2 * m + 4 * advanced;
}

/* The needle's critical factorisation: p = p[0..ell) | p[ell..m). */
typedef struct TwoWay {
    size_t ell;     /* length of the left part */
    size_t per;     /* shift after a right-part match */
    bool periodic;  /* per is p's period: shifts by per remember a prefix */
} TwoWay;

/* Needle and haystack characters seen forwards or backwards: the reverse
 * instantiations search the reversed strings. */
#define FWD_P(i) ((uint32_t)p[(i)])
#define FWD_S(i) ((uint32_t)s[(i)])
#define REV_P(i) ((uint32_t)p[m - 1 - (i)])
#define REV_S(i) ((uint32_t)s[n - 1 - (i)])

/* The maximal suffix of P(0..m) under the order `<` (LESS is `<` or `>`):
 * returns where it starts, and its period in *period.  The classic
 * linear-time scan: ms is the start of the best suffix so far, j+k the
 * character being compared against its copy at ms+k. */
#define MAX_SUFFIX_BODY(P, LESS)                                                           \
    ptrdiff_t ms = -1;                                                                     \
    size_t j = 0, k = 1, per = 1;                                                          \
    while (j + k < m) {                                                                    \
        uint32_t a = P(j + k), b = P((size_t)(ms + (ptrdiff_t)k));                         \
        if (a LESS b) {                                                                    \
            j += k;                                                                        \
            k = 1;                                                                         \
            per = (size_t)((ptrdiff_t)j - ms);                                             \
        } else if (a == b) {                                                               \
            if (k != per) {                                                                \
                k++;                                                                       \
            } else {                                                                       \
                j += per;                                                                  \
                k = 1;                                                                     \
            }                                                                              \
        } else {                                                                           \
            ms = (ptrdiff_t)j;                                                             \
            j = (size_t)ms + 1;                                                            \
            k = per = 1;                                                                   \
        }                                                                                  \
    }                                                                                      \
    *period = per;                                                                         \
    return (size_t)(ms + 1);

/* The critical factorisation is the later of the two maximal suffixes (for
 * the order and its reverse); the needle is "periodic" when its left part
 * recurs one period later, which lets the search remember matched prefix
 * characters across shifts. */
#define TW_PREP_BODY(MAXSUF_LT, MAXSUF_GT, P)                                              \
    size_t per1, per2;                                                                     \
    size_t ell1 = MAXSUF_LT(p, m, &per1), ell2 = MAXSUF_GT(p, m, &per2);                   \
    TwoWay tw = ell1 >= ell2 ? (TwoWay){ell1, per1, false} : (TwoWay){ell2, per2, false};  \
    if (tw.ell + tw.per <= m) {                                                            \
        size_t i = 0;                                                                      \
        while (i < tw.ell && P(i) == P(i + tw.per))                                        \
            i++;                                                                           \
        tw.periodic = i == tw.ell;                                                         \
    }                                                                                      \
    if (!tw.periodic)                                                                      \
        tw.per = (tw.ell > m - tw.ell ? tw.ell : m - tw.ell) + 1;                          \
    return tw;

#define DEFINE_TW_PREP(SUF, TN)                                                            \
    static size_t maxsuf_lt_fwd_##SUF(const TN *p, size_t m, size_t *period)               \
    {                                                                                      \
        MAX_SUFFIX_BODY(FWD_P, <)                                                          \
    }                                                                                      \
    static size_t maxsuf_gt_fwd_##SUF(const TN *p, size_t m, size_t *period)               \
    {                                                                                      \
        MAX_SUFFIX_BODY(FWD_P, >)                                                          \
    }                                                                                      \
    static size_t maxsuf_lt_rev_##SUF(const TN *p, size_t m, size_t *period)               \
    {                                                                                      \
        MAX_SUFFIX_BODY(REV_P, <)                                                          \
    }                                                                                      \
    static size_t maxsuf_gt_rev_##SUF(const TN *p, size_t m, size_t *period)               \
    {                                                                                      \
        MAX_SUFFIX_BODY(REV_P, >)                                                          \
    }                                                                                      \
    static TwoWay tw_prep_fwd_##SUF(const TN *p, size_t m)                                 \
    {                                                                                      \
        TW_PREP_BODY(maxsuf_lt_fwd_##SUF, maxsuf_gt_fwd_##SUF, FWD_P)                      \
    }                                                                                      \
    static TwoWay tw_prep_rev_##SUF(const TN *p, size_t m)                                 \
    {                                                                                      \
        TW_PREP_BODY(maxsuf_lt_rev_##SUF, maxsuf_gt_rev_##SUF, REV_P)                      \
    }

DEFINE_TW_PREP(1, uint8_t)
DEFINE_TW_PREP(2, uint16_t)
DEFINE_TW_PREP(4, uint32_t)

/* Two-way scan of windows j0.. of P in S (m >= 2): the first match's window
 * in FIND mode (or -1), else adds non-overlapping matches to *count until
 * it reaches maxcount.  Each window compares the right part left to right
 * (a mismatch at i proves no match starts before i - ell + 1), then the
 * left part right to left (a mismatch shifts by per).  `mem` is how many
 * leading needle characters are already known to match after a periodic
 * shift, so no haystack character is compared more than twice. */
#define TW_SEARCH_BODY(P, S)                                                               \
    size_t j = j0, mem = 0, nops = 0;                                                      \
    ptrdiff_t result = -1;                                                                 \
    while (j <= n - m) {                                                                   \
        size_t i = tw.ell > mem ? tw.ell : mem;                                            \
        while (i < m && (nops++, P(i) == S(i + j)))                                        \
            i++;                                                                           \
        if (i < m) {                                                                       \
            j += i - tw.ell + 1;                                                           \
            mem = 0;                                                                       \
            continue;                                                                      \
        }                                                                                  \
        size_t k = tw.ell;                                                                 \
        while (k > mem && (nops++, P(k - 1) == S(k - 1 + j)))                              \
            k--;                                                                           \
        if (k <= mem) {                                                                    \
            if (mode == MODE_FIND) {                                                       \
                result = (ptrdiff_t)j;                                                     \
                break;                                                                     \
            }                                                                              \
            if (++*count == maxcount)                                                      \
                break;                                                                     \
            /* Non-overlapping: the next match starts past this one. */                    \
            j += m;                                                                        \
            mem = 0;                                                                       \
            continue;                                                                      \
        }                                                                                  \
        j += tw.per;                                                                       \
        mem = tw.periodic ? m - tw.per : 0;                                                \
    }                                                                                      \
    *ops += nops;                                                                          \
    return result;

#define DEFINE_SEARCH(SUFFIX, TH, TN, NW)                                                  \
    static ptrdiff_t twfwd_##SUFFIX(const TH *s, size_t n, const TN *p, size_t m,          \
                                    size_t j0, int mode, size_t maxcount, size_t *count,   \
                                    size_t *ops)                                           \
    {                                                                                      \
        TwoWay tw = tw_prep_fwd_##NW(p, m);                                                \
        *ops += 2 * m;                                                                     \
        TW_SEARCH_BODY(FWD_P, FWD_S)                                                       \
    }                                                                                      \
    /* Windows in the reversed haystack, so the result is mirrored back. */                \
    static ptrdiff_t twrev_in_##SUFFIX(const TH *s, size_t n, const TN *p, size_t m,       \
                                       size_t *ops)                                        \
    {                                                                                      \
        TwoWay tw = tw_prep_rev_##NW(p, m);                                                \
        *ops += 2 * m;                                                                     \
        size_t j0 = 0, *count = NULL, maxcount = 0;                                        \
        int mode = MODE_FIND;                                                              \
        (void)count;                                                                       \
        (void)maxcount;                                                                    \
        TW_SEARCH_BODY(REV_P, REV_S)                                                       \
    }                                                                                      \
    static ptrdiff_t twrev_##SUFFIX(const TH *s, size_t n, const TN *p, size_t m,          \
                                    size_t *ops)                                           \
    {                                                                                      \
        ptrdiff_t r = twrev_in_##SUFFIX(s, n, p, m, ops);                                  \
        return r < 0 ? -1 : (ptrdiff_t)(n - m) - r;                                        \
    }                                                                                      \
    static ptrdiff_t fwd_##SUFFIX(const TH *s, size_t n, const TN *p, size_t m, int mode,  \
                                  size_t maxcount, size_t *ops)                            \
    {                                                                                      \
        size_t count = 0;                                                                  \
        if (m == 1) {                                                                      \
            uint32_t c = p[0];                                                             \
            *ops += n;                                                                     \
            for (size_t i = 0; i < n; i++) {                                               \
                if ((uint32_t)s[i] == c) {                                                 \
                    if (mode == MODE_FIND)                                                 \
                        return (ptrdiff_t)i;                                               \
                    if (++count == maxcount)                                               \
                        break;                                                             \
                }                                                                          \
            }                                                                              \
            return mode == MODE_FIND ? -1 : (ptrdiff_t)count;                              \
        }                                                                                  \
        size_t mlast = m - 1, skip = mlast, w = n - m;                                     \
        if (m >= TW_LONG_NEEDLE && w >= TW_LONG_WINDOWS) {                                 \
            ptrdiff_t r = twfwd_##SUFFIX(s, n, p, m, 0, mode, maxcount, &count, ops);      \
            return mode == MODE_FIND ? r : (ptrdiff_t)count;                               \
        }                                                                                  \
        uint64_t mask = 0;                                                                 \
        for (size_t i = 0; i < mlast; i++) {                                               \
            mask |= BLOOM_BIT(p[i]);                                                       \
            if (p[i] == p[mlast])                                                          \
                skip = mlast - i - 1;                                                      \
        }                                                                                  \
        mask |= BLOOM_BIT(p[mlast]);                                                       \
        uint32_t last = p[mlast];                                                          \
        size_t work = 0, i = 0;                                                            \
        for (; i <= w; i++) {                                                              \
            work++;                                                                        \
            if ((uint32_t)s[i + mlast] == last) {                                          \
                size_t j = 0;                                                              \
                while (j < mlast && (uint32_t)s[i + j] == (uint32_t)p[j])                  \
                    j++;                                                                   \
                work += j + 1;                                                             \
                if (j == mlast) {                                                          \
                    if (mode == MODE_FIND) {                                               \
                        *ops += work;                                                      \
                        return (ptrdiff_t)i;                                               \
                    }                                                                      \
                    if (++count == maxcount)                                               \
                        break;                                                             \
                    i += mlast;                                                            \
                    continue;                                                              \
                }                                                                          \
                if (horspool_over_budget(work, i, m)) {                                    \
                    /* Too many partial matches: finish in linear time. */                 \
                    *ops += work;                                                          \
                    ptrdiff_t r =                                                          \
                        twfwd_##SUFFIX(s, n, p, m, i + 1, mode, maxcount, &count, ops);    \
                    return mode == MODE_FIND ? r : (ptrdiff_t)count;                       \
                }                                                                          \
                if (i < w && !(mask & BLOOM_BIT(s[i + m])))                                \
                    i += m;                                                                \
                else                                                                       \
                    i += skip;                                                             \
            } else if (i < w && !(mask & BLOOM_BIT(s[i + m]))) {                           \
                i += m;                                                                    \
            }                                                                              \
        }                                                                                  \
        *ops += work;                                                                      \
        return mode == MODE_FIND ? -1 : (ptrdiff_t)count;                                  \
    }                                                                                      \
    static ptrdiff_t rev_##SUFFIX(const TH *s, size_t n, const TN *p, size_t m,            \
                                  size_t *ops)                                             \
    {                                                                                      \
        if (m == 1) {                                                                      \
            for (size_t i = n; i-- > 0;) {                                                 \
                if ((uint32_t)s[i] == (uint32_t)p[0]) {                                    \
                    *ops += n - i;                                                         \
                    return (ptrdiff_t)i;                                                   \
                }                                                                          \
            }                                                                              \
            *ops += n;                                                                     \
            return -1;                                                                     \
        }                                                                                  \
        if (m >= TW_LONG_NEEDLE && n - m >= TW_LONG_WINDOWS)                               \
            return twrev_##SUFFIX(s, n, p, m, ops);                                        \
        size_t mlast = m - 1, skip = mlast, work = 0;                                      \
        uint64_t mask = BLOOM_BIT(p[0]);                                                   \
        for (size_t i = mlast; i > 0; i--) {                                               \
            mask |= BLOOM_BIT(p[i]);                                                       \
            if (p[i] == p[0])                                                              \
                skip = i - 1;                                                              \
        }                                                                                  \
        uint32_t first = p[0];                                                             \
        for (ptrdiff_t i = (ptrdiff_t)(n - m); i >= 0; i--) {                              \
            work++;                                                                        \
            if ((uint32_t)s[i] == first) {                                                 \
                size_t j = mlast;                                                          \
                while (j > 0 && (uint32_t)s[(size_t)i + j] == (uint32_t)p[j])              \
                    j--;                                                                   \
                work += mlast - j + 1;                                                     \
                if (j == 0) {                                                              \
                    *ops += work;                                                          \
                    return i;                                                              \
                }                                                                          \
                if (horspool_over_budget(work, n - m - (size_t)i, m)) {                    \
                    /* Windows 0..i remain: the haystack up to i + m. */                   \
                    *ops += work;                                                          \
                    return twrev_##SUFFIX(s, (size_t)i + m, p, m, ops);                    \
                }                                                                          \
                if (i > 0 && !(mask & BLOOM_BIT(s[i - 1])))                                \
                    i -= (ptrdiff_t)m;                                                     \
                else                                                                       \
                    i -= (ptrdiff_t)skip;                                                  \
            } else if (i > 0 && !(mask & BLOOM_BIT(s[i - 1]))) {                           \
                i -= (ptrdiff_t)m;                                                         \
            }                                                                              \
        }                                                                                  \
        *ops += work;                                                                      \
        return -1;                                                                         \
    }

DEFINE_SEARCH(11, uint8_t, uint8_t, 1)
DEFINE_SEARCH(12, uint8_t, uint16_t, 2)
DEFINE_SEARCH(14, uint8_t, uint32_t, 4)
DEFINE_SEARCH(21, uint16_t, uint8_t, 1)
DEFINE_SEARCH(22, uint16_t, uint16_t, 2)
DEFINE_SEARCH(24, uint16_t, uint32_t, 4)
DEFINE_SEARCH(41, uint32_t, uint8_t, 1)
DEFINE_SEARCH(42, uint32_t, uint16_t, 2)
DEFINE_SEARCH(44, uint32_t, uint32_t, 4)

#define WIDTH_PAIR(a, b) ((a) * 8 + (b))

/* Forward search of a non-empty p in s (p.len <= s.len). */
static ptrdiff_t search_fwd(UStrView s, UStrView p, int mode, size_t maxcount, size_t *ops)
{
    switch (WIDTH_PAIR(s.width, p.width)) {
#define CASE(A, B, SUF)                                                                    \
    case WIDTH_PAIR(A, B):                                                                 \
        return fwd_##SUF(s.data, s.len, p.data, p.len, mode, maxcount, ops);
        CASE(1, 1, 11) CASE(1, 2, 12) CASE(1, 4, 14)
        CASE(2, 1, 21) CASE(2, 2, 22) CASE(2, 4, 24)
        CASE(4, 1, 41) CASE(4, 2, 42) CASE(4, 4, 44)
#undef CASE
    }
    return -1;
}

static ptrdiff_t search_rev(UStrView s, UStrView p, size_t *ops)
{
    switch (WIDTH_PAIR(s.width, p.width)) {
#define CASE(A, B, SUF)                                                                    \
    case WIDTH_PAIR(A, B):                                                                 \
        return rev_##SUF(s.data, s.len, p.data, p.len, ops);
        CASE(1, 1, 11) CASE(1, 2, 12) CASE(1, 4, 14)
        CASE(2, 1, 21) CASE(2, 2, 22) CASE(2, 4, 24)
        CASE(4, 1, 41) CASE(4, 2, 42) CASE(4, 4, 44)
#undef CASE
    }
    return -1;
}

void ustr_adjust_range(size_t len, ptrdiff_t *start, ptrdiff_t *end)
{
    ptrdiff_t n = (ptrdiff_t)len;
    if (*end > n)
        *end = n;
    else if (*end < 0) {
        *end += n;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += n;
        if (*start < 0)
            *start = 0;
    }
}

/* The searches behind find, rfind and count, adding their character
 * comparisons to *ops (see ustr_search_counted). */
static ptrdiff_t find_in(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end, size_t *ops)
{
    ustr_adjust_range(s.len, &start, &end);
    if (end - start < (ptrdiff_t)sub.len)
        return -1;
    if (sub.len == 0)
        return start;
    ptrdiff_t r =
        search_fwd(ustr_slice(s, (size_t)start, (size_t)end), sub, MODE_FIND, 0, ops);
    return r < 0 ? -1 : r + start;
}

static ptrdiff_t rfind_in(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end, size_t *ops)
{
    ustr_adjust_range(s.len, &start, &end);
    if (end - start < (ptrdiff_t)sub.len)
        return -1;
    if (sub.len == 0)
        return end;
    ptrdiff_t r = search_rev(ustr_slice(s, (size_t)start, (size_t)end), sub, ops);
    return r < 0 ? -1 : r + start;
}

static size_t count_in(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end, size_t *ops)
{
    ustr_adjust_range(s.len, &start, &end);
    if (end - start < (ptrdiff_t)sub.len)
        return 0;
    if (sub.len == 0)
        return (size_t)(end - start) + 1;
    return (size_t)search_fwd(ustr_slice(s, (size_t)start, (size_t)end), sub, MODE_COUNT,
                              SIZE_MAX, ops);
}

ptrdiff_t ustr_find(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end)
{
    size_t ops = 0;
    return find_in(s, sub, start, end, &ops);
}

ptrdiff_t ustr_rfind(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end)
{
    size_t ops = 0;
    return rfind_in(s, sub, start, end, &ops);
}

ptrdiff_t ustr_find_all(UStrView s, UStrView sub)
{
    return ustr_find(s, sub, 0, USTR_END);
}

size_t ustr_count(UStrView s, UStrView sub, ptrdiff_t start, ptrdiff_t end)
{
    size_t ops = 0;
    return count_in(s, sub, start, end, &ops);
}

ptrdiff_t ustr_search_counted(UStrView s, UStrView sub, char op, size_t *ops)
{
    switch (op) {
    case 'f':
        return find_in(s, sub, 0, USTR_END, ops);
    case 'r':
        return rfind_in(s, sub, 0, USTR_END, ops);
    default:
        return (ptrdiff_t)count_in(s, sub, 0, USTR_END, ops);
    }
}

static bool same_at(UStrView s, size_t at, UStrView p)
{
    return ustr_equal(ustr_slice(s, at, at + p.len), p);
}

bool ustr_startswith(UStrView s, UStrView prefix, ptrdiff_t start, ptrdiff_t end)
{
    ustr_adjust_range(s.len, &start, &end);
    if (end - start < (ptrdiff_t)prefix.len)
        return false;
    return same_at(s, (size_t)start, prefix);
}

bool ustr_endswith(UStrView s, UStrView suffix, ptrdiff_t start, ptrdiff_t end)
{
    ustr_adjust_range(s.len, &start, &end);
    if (end - start < (ptrdiff_t)suffix.len)
        return false;
    return same_at(s, (size_t)end - suffix.len, suffix);
}

/* ---- lists of views ---- */

void ustr_list_init(UStrViewList *l)
{
    l->items = NULL;
    l->len = l->cap = 0;
}

void ustr_list_free(UStrViewList *l)
{
    free(l->items);
    ustr_list_init(l);
}

static bool list_add(UStrViewList *l, UStrView v)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        UStrView *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return false;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->len++] = v;
    return true;
}

/* rsplit finds pieces right to left; they are reversed in place after. */
static void list_reverse(UStrViewList *l, size_t from)
{
    for (size_t i = from, j = l->len; i + 1 < j; i++, j--) {
        UStrView t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
}

static size_t max_splits(ptrdiff_t maxsplit)
{
    return maxsplit < 0 ? SIZE_MAX : (size_t)maxsplit;
}

UStrStatus ustr_split(UStrView s, const UStrView *sep, ptrdiff_t maxsplit, UStrViewList *out)
{
    size_t left = max_splits(maxsplit), n = s.len, i = 0;
    if (!sep) {
        while (left-- > 0) {
            while (i < n && unicode_isspace(ustr_get(s, i)))
                i++;
            if (i == n)
                break;
            size_t j = i;
            while (i < n && !unicode_isspace(ustr_get(s, i)))
                i++;
            if (!list_add(out, ustr_slice(s, j, i)))
                return USTR_NOMEM;
        }
        /* Once maxsplit is used up, the rest (less its leading
         * whitespace) is one piece, trailing whitespace included. */
        while (i < n && unicode_isspace(ustr_get(s, i)))
            i++;
        if (i < n && !list_add(out, ustr_slice(s, i, n)))
            return USTR_NOMEM;
        return USTR_OK;
    }
    if (sep->len == 0)
        return USTR_EMPTY_SEP;
    while (left-- > 0) {
        ptrdiff_t k = ustr_find(s, *sep, (ptrdiff_t)i, USTR_END);
        if (k < 0)
            break;
        if (!list_add(out, ustr_slice(s, i, (size_t)k)))
            return USTR_NOMEM;
        i = (size_t)k + sep->len;
    }
    return list_add(out, ustr_slice(s, i, n)) ? USTR_OK : USTR_NOMEM;
}

UStrStatus ustr_rsplit(UStrView s, const UStrView *sep, ptrdiff_t maxsplit, UStrViewList *out)
{
    size_t left = max_splits(maxsplit), i = s.len, from = out->len;
    if (!sep) {
        while (left-- > 0) {
            while (i > 0 && unicode_isspace(ustr_get(s, i - 1)))
                i--;
            if (i == 0)
                break;
            size_t j = i;
            while (i > 0 && !unicode_isspace(ustr_get(s, i - 1)))
                i--;
            if (!list_add(out, ustr_slice(s, i, j)))
                return USTR_NOMEM;
        }
        while (i > 0 && unicode_isspace(ustr_get(s, i - 1)))
            i--;
        if (i > 0 && !list_add(out, ustr_slice(s, 0, i)))
            return USTR_NOMEM;
        list_reverse(out, from);
        return USTR_OK;
    }
    if (sep->len == 0)
        return USTR_EMPTY_SEP;
    while (left-- > 0) {
        ptrdiff_t k = ustr_rfind(s, *sep, 0, (ptrdiff_t)i);
        if (k < 0)
            break;
        if (!list_add(out, ustr_slice(s, (size_t)k + sep->len, i)))
            return USTR_NOMEM;
        i = (size_t)k;
    }
    if (!list_add(out, ustr_slice(s, 0, i)))
        return USTR_NOMEM;
    list_reverse(out, from);
    return USTR_OK;
}

UStrStatus ustr_splitlines(UStrView s, bool keepends, UStrViewList *out)
{
    size_t n = s.len, i = 0;
    while (i < n) {
        size_t j = i;
        while (i < n && !unicode_islinebreak(ustr_get(s, i)))
            i++;
        size_t eol = i;
        if (i < n) {
            if (ustr_get(s, i) == '\r' && i + 1 < n && ustr_get(s, i + 1) == '\n')
                i += 2;
            else
                i++;
            if (keepends)
                eol = i;
        }
        if (!list_add(out, ustr_slice(s, j, eol)))
            return USTR_NOMEM;
    }
    return USTR_OK;
}

UStrStatus ustr_partition(UStrView s, UStrView sep, UStrView out[3])
{
    if (sep.len == 0)
        return USTR_EMPTY_SEP;
    ptrdiff_t k = ustr_find_all(s, sep);
    if (k < 0) {
        out[0] = s;
        out[1] = out[2] = ustr_slice(s, s.len, s.len);
    } else {
        out[0] = ustr_slice(s, 0, (size_t)k);
        out[1] = ustr_slice(s, (size_t)k, (size_t)k + sep.len);
        out[2] = ustr_slice(s, (size_t)k + sep.len, s.len);
    }
    return USTR_OK;
}

UStrStatus ustr_rpartition(UStrView s, UStrView sep, UStrView out[3])
{
    if (sep.len == 0)
        return USTR_EMPTY_SEP;
    ptrdiff_t k = ustr_rfind(s, sep, 0, USTR_END);
    if (k < 0) {
        out[0] = out[1] = ustr_slice(s, 0, 0);
        out[2] = s;
    } else {
        out[0] = ustr_slice(s, 0, (size_t)k);
        out[1] = ustr_slice(s, (size_t)k, (size_t)k + sep.len);
        out[2] = ustr_slice(s, (size_t)k + sep.len, s.len);
    }
    return USTR_OK;
}

/* ---- strip ---- */

static bool strip_member(uint32_t c, const UStrView *chars)
{
    if (!chars)
        return unicode_isspace(c);
    for (size_t i = 0; i < chars->len; i++)
        if (ustr_get(*chars, i) == c)
            return true;
    return false;
}

static UStrView do_strip(UStrView s, const UStrView *chars, bool left, bool right)
{
    size_t i = 0, j = s.len;
    if (left)
        while (i < j && strip_member(ustr_get(s, i), chars))
            i++;
    if (right)
        while (j > i && strip_member(ustr_get(s, j - 1), chars))
            j--;
    return ustr_slice(s, i, j);
}

UStrView ustr_strip(UStrView s, const UStrView *chars)
{
    return do_strip(s, chars, true, true);
}

UStrView ustr_lstrip(UStrView s, const UStrView *chars)
{
    return do_strip(s, chars, true, false);
}

UStrView ustr_rstrip(UStrView s, const UStrView *chars)
{
    return do_strip(s, chars, false, true);
}

/* ---- replace, join ---- */

UStrStatus ustr_replace(UStrView s, UStrView old, UStrView new_, ptrdiff_t count, UStrBuf *out)
{
    size_t left = max_splits(count);
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = true;
    if (old.len == 0) {
        /* Python inserts before each character and at the end, at most
         * count times (and even into an empty string). */
        for (size_t i = 0; ok && i <= s.len; i++) {
            if (left > 0) {
                ok = ustr_append_view(&b, new_);
                left--;
            }
            if (i < s.len)
                ok = ok && ustr_append_cp(&b, ustr_get(s, i));
        }
        return finish(&b, ok, out);
    }
    size_t i = 0;
    while (ok && left > 0) {
        ptrdiff_t k = ustr_find(s, old, (ptrdiff_t)i, USTR_END);
        if (k < 0)
            break;
        ok = ustr_append_view(&b, ustr_slice(s, i, (size_t)k)) && ustr_append_view(&b, new_);
        i = (size_t)k + old.len;
        left--;
    }
    ok = ok && ustr_append_view(&b, ustr_slice(s, i, s.len));
    return finish(&b, ok, out);
}

UStrStatus ustr_join(UStrView sep, const UStrView *items, size_t n, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    size_t total = 0;
    /* One reservation of the total length so long joins do not regrow;
     * widening (if a part needs it) happens at most twice. */
    for (size_t i = 0; i < n; i++)
        total += items[i].len + (i ? sep.len : 0);
    bool ok = ustr_builder_reserve(&b, total, 0);
    for (size_t i = 0; ok && i < n; i++) {
        if (i)
            ok = ustr_append_view(&b, sep);
        ok = ok && ustr_append_view(&b, items[i]);
    }
    return finish(&b, ok, out);
}

/* ---- case mappings ---- */

static bool append_mapped(UStrBuilder *b, uint32_t c, UnicodeCase kind)
{
    uint32_t m[UNICODE_CASE_MAX];
    int k = unicode_case_full(c, kind, m);
    for (int i = 0; i < k; i++)
        if (!ustr_append_cp(b, m[i]))
            return false;
    return true;
}

/* lower() of the character at i, with the final-sigma rule. */
static bool append_lower_at(UStrBuilder *b, UStrView s, size_t i)
{
    uint32_t c = ustr_get(s, i);
    if (c == 0x3A3 && unicode_final_sigma(s.data, s.width, s.len, i))
        return ustr_append_cp(b, 0x3C2);
    return append_mapped(b, c, UNICODE_LOWER);
}

static UStrStatus map_all(UStrView s, UnicodeCase kind, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len, 0);
    for (size_t i = 0; ok && i < s.len; i++)
        ok = kind == UNICODE_LOWER ? append_lower_at(&b, s, i)
                                   : append_mapped(&b, ustr_get(s, i), kind);
    return finish(&b, ok, out);
}

UStrStatus ustr_lower(UStrView s, UStrBuf *out)
{
    return map_all(s, UNICODE_LOWER, out);
}

UStrStatus ustr_upper(UStrView s, UStrBuf *out)
{
    return map_all(s, UNICODE_UPPER, out);
}

UStrStatus ustr_casefold(UStrView s, UStrBuf *out)
{
    return map_all(s, UNICODE_FOLD, out);
}

UStrStatus ustr_title(UStrView s, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len, 0), prev_cased = false;
    for (size_t i = 0; ok && i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        ok = prev_cased ? append_lower_at(&b, s, i) : append_mapped(&b, c, UNICODE_TITLE);
        prev_cased = unicode_iscased(c);
    }
    return finish(&b, ok, out);
}

UStrStatus ustr_capitalize(UStrView s, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len, 0);
    for (size_t i = 0; ok && i < s.len; i++)
        ok = i == 0 ? append_mapped(&b, ustr_get(s, 0), UNICODE_TITLE)
                    : append_lower_at(&b, s, i);
    return finish(&b, ok, out);
}

UStrStatus ustr_swapcase(UStrView s, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len, 0);
    for (size_t i = 0; ok && i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (unicode_isupper(c))
            ok = append_lower_at(&b, s, i);
        else if (unicode_islower(c))
            ok = append_mapped(&b, c, UNICODE_UPPER);
        else
            ok = ustr_append_cp(&b, c);
    }
    return finish(&b, ok, out);
}

/* ---- padding ---- */

static UStrStatus pad(UStrView s, size_t left, size_t right, uint32_t fill, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len + left + right, fill) &&
              ustr_append_repeat(&b, fill, left) && ustr_append_view(&b, s) &&
              ustr_append_repeat(&b, fill, right);
    return finish(&b, ok, out);
}

UStrStatus ustr_center(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out)
{
    if (width <= (ptrdiff_t)s.len)
        return ustr_copy(s, out);
    size_t marg = (size_t)width - s.len;
    /* CPython's rounding: the odd extra goes left only when both the margin
     * and the width are odd. */
    size_t left = marg / 2 + (marg & (size_t)width & 1);
    return pad(s, left, marg - left, fill, out);
}

UStrStatus ustr_ljust(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out)
{
    if (width <= (ptrdiff_t)s.len)
        return ustr_copy(s, out);
    return pad(s, 0, (size_t)width - s.len, fill, out);
}

UStrStatus ustr_rjust(UStrView s, ptrdiff_t width, uint32_t fill, UStrBuf *out)
{
    if (width <= (ptrdiff_t)s.len)
        return ustr_copy(s, out);
    return pad(s, (size_t)width - s.len, 0, fill, out);
}

UStrStatus ustr_zfill(UStrView s, ptrdiff_t width, UStrBuf *out)
{
    if (width <= (ptrdiff_t)s.len)
        return ustr_copy(s, out);
    size_t fill = (size_t)width - s.len;
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, (size_t)width, 0);
    if (s.len > 0 && (ustr_get(s, 0) == '+' || ustr_get(s, 0) == '-')) {
        ok = ok && ustr_append_cp(&b, ustr_get(s, 0));
        s = ustr_slice(s, 1, s.len);
    }
    ok = ok && ustr_append_repeat(&b, '0', fill) && ustr_append_view(&b, s);
    return finish(&b, ok, out);
}

UStrStatus ustr_expandtabs(UStrView s, ptrdiff_t tabsize, UStrBuf *out)
{
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, s.len, 0);
    size_t col = 0;
    for (size_t i = 0; ok && i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (c == '\t') {
            if (tabsize > 0) {
                size_t n = (size_t)tabsize - col % (size_t)tabsize;
                ok = ustr_append_repeat(&b, ' ', n);
                col += n;
            }
        } else {
            ok = ustr_append_cp(&b, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return finish(&b, ok, out);
}

/* ---- predicates ---- */

#define ALL_OF(NAME, PRED)                                                                 \
    bool NAME(UStrView s)                                                                  \
    {                                                                                      \
        if (s.len == 0)                                                                    \
            return false;                                                                  \
        for (size_t i = 0; i < s.len; i++)                                                 \
            if (!PRED(ustr_get(s, i)))                                                     \
                return false;                                                              \
        return true;                                                                       \
    }

ALL_OF(ustr_isalpha, unicode_isalpha)
ALL_OF(ustr_isalnum, unicode_isalnum)
ALL_OF(ustr_isdecimal, unicode_isdecimal)
ALL_OF(ustr_isdigit, unicode_isdigit)
ALL_OF(ustr_isnumeric, unicode_isnumeric)
ALL_OF(ustr_isspace, unicode_isspace)

/* islower: no upper- or titlecase character, and at least one lowercase
 * one (so "1a" is lower and "1" is not); isupper the mirror image. */
bool ustr_islower(UStrView s)
{
    bool cased = false;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (unicode_isupper(c) || unicode_istitle(c))
            return false;
        if (unicode_islower(c))
            cased = true;
    }
    return cased;
}

bool ustr_isupper(UStrView s)
{
    bool cased = false;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (unicode_islower(c) || unicode_istitle(c))
            return false;
        if (unicode_isupper(c))
            cased = true;
    }
    return cased;
}

/* Upper/titlecase characters only after uncased ones, lowercase ones only
 * after cased ones, and at least one cased character. */
bool ustr_istitle(UStrView s)
{
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (unicode_isupper(c) || unicode_istitle(c)) {
            if (prev_cased)
                return false;
            prev_cased = cased = true;
        } else if (unicode_islower(c)) {
            if (!prev_cased)
                return false;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return cased;
}

bool ustr_isprintable(UStrView s)
{
    for (size_t i = 0; i < s.len; i++)
        if (!unicode_isprintable(ustr_get(s, i)))
            return false;
    return true;
}

bool ustr_isascii(UStrView s)
{
    if (s.width == 1) {
        const uint8_t *p = s.data;
        for (size_t i = 0; i < s.len; i++)
            if (p[i] >= 0x80)
                return false;
        return true;
    }
    return ustr_max_char(s) < 0x80;
}

bool ustr_isidentifier(UStrView s)
{
    if (s.len == 0)
        return false;
    uint32_t c = ustr_get(s, 0);
    if (c != '_' && !unicode_is_xid_start(c))
        return false;
    for (size_t i = 1; i < s.len; i++)
        if (!unicode_is_xid_continue(ustr_get(s, i)))
            return false;
    return true;
}

/* ---- UTF-8 ---- */

UStrStatus ustr_encode_utf8(UStrView s, char **out, size_t *outlen, UStrCodecError *err)
{
    size_t n = 0;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (c >= 0xD800 && c < 0xE000) {
            /* CPython reports the whole run of surrogates. */
            size_t j = i + 1;
            while (j < s.len && ustr_get(s, j) >= 0xD800 && ustr_get(s, j) < 0xE000)
                j++;
            err->start = i;
            err->end = j;
            err->reason = "surrogates not allowed";
            return USTR_BAD_DATA;
        }
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    unsigned char *p = malloc(n + 1);
    if (!p)
        return USTR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < s.len; i++) {
        uint32_t c = ustr_get(s, i);
        if (c < 0x80) {
            p[k++] = (unsigned char)c;
        } else if (c < 0x800) {
            p[k++] = (unsigned char)(0xC0 | c >> 6);
            p[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            p[k++] = (unsigned char)(0xE0 | c >> 12);
            p[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            p[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            p[k++] = (unsigned char)(0xF0 | c >> 18);
            p[k++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            p[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            p[k++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    p[k] = 0;
    *out = (char *)p;
    *outlen = k;
    return USTR_OK;
}

/* Decodes one sequence at s[i]: returns its length and sets *cp, or 0 with
 * *err set.  The second byte's allowed range depends on the lead byte
 * (no overlongs, no code points above U+10FFFF, and surrogates only when
 * allowed); CPython reports a truncated but so-far valid sequence at the end
 * of the input as "unexpected end of data" up to the end, and any other bad
 * byte as ending the error just before it. */
static size_t decode_one(const unsigned char *s, size_t n, size_t i, bool surrogates,
                         uint32_t *cp, UStrCodecError *err)
{
    unsigned char c = s[i];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED && !surrogates)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        err->start = i;
        err->end = i + 1;
        err->reason = "invalid start byte";
        return 0;
    }
    for (size_t k = 1; k < len; k++) {
        if (i + k >= n) {
            err->start = i;
            err->end = n;
            err->reason = "unexpected end of data";
            return 0;
        }
        unsigned char b = s[i + k];
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            err->start = i;
            err->end = i + k;
            err->reason = "invalid continuation byte";
            return 0;
        }
        v = v << 6 | (b & 0x3F);
    }
    *cp = v;
    return len;
}

static UStrStatus decode(const char *s, size_t n, bool surrogates, UStrBuf *out,
                         UStrCodecError *err)
{
    const unsigned char *p = (const unsigned char *)s;
    /* A first pass finds the width, so the text is written once. */
    uint32_t maxc = 0;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = decode_one(p, n, i, surrogates, &c, err);
        if (!k)
            return USTR_BAD_DATA;
        if (c > maxc)
            maxc = c;
        i += k;
        count++;
    }
    UStrBuilder b;
    ustr_builder_init(&b);
    bool ok = ustr_builder_reserve(&b, count, maxc);
    for (size_t i = 0; ok && i < n;) {
        uint32_t c;
        i += decode_one(p, n, i, surrogates, &c, err);
        ok = ustr_append_cp(&b, c);
    }
    return finish(&b, ok, out);
}

UStrStatus ustr_decode_utf8(const char *s, size_t n, UStrBuf *out, UStrCodecError *err)
{
    return decode(s, n, false, out, err);
}

UStrStatus ustr_from_utf8_surrogates(const char *s, size_t n, UStrBuf *out, UStrCodecError *err)
{
    return decode(s, n, true, out, err);
}
