/* Stable adaptive merge sort (timsort with the powersort merge policy), as
 * CPython 3.11's list.sort behaves.  See sort.h for the contract.
 *
 * Outline:
 *   1. Scan the array left to right for natural runs.  A run is either
 *      non-descending (a[i] <= a[i+1]) or strictly descending; a strictly
 *      descending run is reversed in place, which cannot break stability
 *      because it holds no equal elements.
 *   2. A run shorter than `minrun` is extended by binary insertion; minrun
 *      is chosen in [32, 64] so that n / minrun is a power of two or just
 *      under, which keeps the final merges balanced on random data.
 *   3. Each run is pushed on a stack.  Powersort decides when to merge: the
 *      boundary between two adjacent runs gets a "power", the depth at
 *      which a perfectly balanced merge tree over [0, n) would separate
 *      their midpoints; while the boundary under the top of the stack is
 *      deeper than the new one, the top two runs are merged first.  This is
 *      within a whisker of the optimal merge cost for the run lengths and
 *      keeps the stack logarithmic in n.
 *   4. Merging A and B (adjacent, A first): elements at A's start that are
 *      <= B[0] and at B's end that are >= A's last element are already in
 *      place, so they are found by galloping and skipped.  The smaller of
 *      what remains is copied to a buffer and merged into the gap, from the
 *      left if A is smaller, from the right otherwise.  While one side wins
 *      many times in a row the merge switches to galloping (exponential
 *      then binary search for how many more it wins); `min_gallop` adapts
 *      so that data that does not reward galloping stops paying for it.
 *
 * Failure safety: a merge always has exactly as many unfilled slots in the
 * array as elements left in the buffer, so on a failed comparison the
 * buffer's remainder is copied into the gap and the array is again a
 * permutation of its input.  Every other step moves elements only after
 * its comparisons succeeded.  Nothing here relies on the comparison being
 * a consistent order for memory safety: index arithmetic is bounded by the
 * counts of what is left, never by what the comparisons promised. */
#include "core/sort.h"

#include <stdlib.h>
#include <string.h>

/* Galloping starts after this many consecutive wins of one side. */
#define MIN_GALLOP 7

/* Merge buffer held in the sorter itself, so that sorting a short list (or
 * merging short runs) never calls malloc. */
#define INLINE_TEMP 256

/* Powers on the run stack strictly increase and are at most about
 * log2(2n) + 1, so 64-bit sizes need fewer than 70 entries; 128 leaves a
 * margin, and push_run still merges rather than overflow. */
#define MAX_RUNS 128

/* A view of the array being sorted: the words compared, and the words
 * that travel with them (NULL when items are their own keys). */
typedef struct {
    uint64_t *k;
    uint64_t *v;
} Slice;

typedef struct {
    size_t start, len;
    unsigned power; /* of the boundary on this run's left; 0 for the bottom */
} Run;

typedef struct {
    KrSortLt lt;
    void *ctx;
    Slice a;
    size_t n;
    size_t min_gallop;
    Slice tmp;
    size_t tmp_cap;
    size_t nruns;
    Run runs[MAX_RUNS];
    uint64_t tmp_inline[2 * INLINE_TEMP];
} Sorter;

static inline Slice sl_at(Slice s, size_t i)
{
    Slice r = {s.k + i, s.v ? s.v + i : NULL};
    return r;
}

/* Moves n elements (and their values); the ranges may overlap. */
static inline void sl_move(Slice dst, Slice src, size_t n)
{
    memmove(dst.k, src.k, n * sizeof *dst.k);
    if (dst.v)
        memmove(dst.v, src.v, n * sizeof *dst.v);
}

static inline void sl_put(Slice dst, size_t i, Slice src, size_t j)
{
    dst.k[i] = src.k[j];
    if (dst.v)
        dst.v[i] = src.v[j];
}

static void sl_reverse(Slice s, size_t lo, size_t hi)
{
    while (hi - lo > 1) {
        hi--;
        uint64_t t = s.k[lo];
        s.k[lo] = s.k[hi];
        s.k[hi] = t;
        if (s.v) {
            t = s.v[lo];
            s.v[lo] = s.v[hi];
            s.v[hi] = t;
        }
        lo++;
    }
}

/* Makes room for `need` elements (and values) in the merge buffer. */
static int ensure_tmp(Sorter *s, size_t need)
{
    if (need <= s->tmp_cap)
        return 0;
    size_t words = s->a.v ? 2 : 1;
    if (need > SIZE_MAX / (words * sizeof(uint64_t)))
        return -1;
    uint64_t *buf = malloc(need * words * sizeof(uint64_t));
    if (!buf)
        return -1;
    if (s->tmp.k != s->tmp_inline)
        free(s->tmp.k);
    s->tmp.k = buf;
    s->tmp.v = s->a.v ? buf + need : NULL;
    s->tmp_cap = need;
    return 0;
}

/* minrun: n itself below 64; otherwise the top six bits of n, plus one if
 * any lower bit is set, so that n / minrun is a power of two or slightly
 * less and the runs split evenly. */
static size_t compute_minrun(size_t n)
{
    size_t low = 0;
    while (n >= 64) {
        low |= n & 1;
        n >>= 1;
    }
    return n + low;
}

/* The powersort power of the boundary between the run [s1, s1+n1) and the
 * run [s1+n1, s1+n1+n2) in an array of n: the first binary digit at which
 * the two runs' midpoints, as fractions of n, differ.  Computed on doubled
 * midpoints so everything stays integral; doubling once more per step
 * stays below 4n, far from overflow for any array that fits in memory. */
static unsigned node_power(size_t s1, size_t n1, size_t n2, size_t n)
{
    uint64_t a = 2 * (uint64_t)s1 + n1;
    uint64_t b = a + n1 + n2;
    uint64_t whole = 2 * (uint64_t)n;
    unsigned p = 0;
    for (;;) {
        p++;
        a <<= 1;
        b <<= 1;
        bool abit = a >= whole, bbit = b >= whole;
        if (abit != bbit)
            return p;
        if (abit) {
            a -= whole;
            b -= whole;
        }
    }
}

/* Leftmost insertion point of key in the sorted a[0..n): the k with
 * a[k-1] < key <= a[k].  The search starts at a[hint] and gallops outwards
 * (offsets 1, 3, 7, ...) before a binary search, so it costs O(log d) for a
 * distance d from the hint. */
static int gallop_left(Sorter *s, uint64_t key, const uint64_t *a, size_t n, size_t hint, size_t *out)
{
    size_t lo, hi, ofs = 1, lastofs = 0;
    int c = s->lt(s->ctx, a[hint], key);
    if (c < 0)
        return -1;
    if (c) {
        /* a[hint] < key: the answer is right of hint. */
        size_t maxofs = n - hint;
        while (ofs < maxofs) {
            c = s->lt(s->ctx, a[hint + ofs], key);
            if (c < 0)
                return -1;
            if (!c)
                break;
            lastofs = ofs;
            ofs = 2 * ofs + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lo = hint + lastofs + 1;
        hi = hint + ofs;
    } else {
        /* key <= a[hint]: the answer is at or left of hint. */
        size_t maxofs = hint + 1;
        while (ofs < maxofs) {
            c = s->lt(s->ctx, a[hint - ofs], key);
            if (c < 0)
                return -1;
            if (c)
                break;
            lastofs = ofs;
            ofs = 2 * ofs + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lo = hint + 1 - ofs;
        hi = hint - lastofs;
    }
    /* Now a[lo-1] < key <= a[hi], reading a[-1] as -inf and a[n] as +inf. */
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        c = s->lt(s->ctx, a[m], key);
        if (c < 0)
            return -1;
        if (c)
            lo = m + 1;
        else
            hi = m;
    }
    *out = lo;
    return 0;
}

/* Rightmost insertion point of key in the sorted a[0..n): the k with
 * a[k-1] <= key < a[k].  Same galloping as gallop_left. */
static int gallop_right(Sorter *s, uint64_t key, const uint64_t *a, size_t n, size_t hint, size_t *out)
{
    size_t lo, hi, ofs = 1, lastofs = 0;
    int c = s->lt(s->ctx, key, a[hint]);
    if (c < 0)
        return -1;
    if (c) {
        /* key < a[hint]: the answer is at or left of hint. */
        size_t maxofs = hint + 1;
        while (ofs < maxofs) {
            c = s->lt(s->ctx, key, a[hint - ofs]);
            if (c < 0)
                return -1;
            if (!c)
                break;
            lastofs = ofs;
            ofs = 2 * ofs + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lo = hint + 1 - ofs;
        hi = hint - lastofs;
    } else {
        /* a[hint] <= key: the answer is right of hint. */
        size_t maxofs = n - hint;
        while (ofs < maxofs) {
            c = s->lt(s->ctx, key, a[hint + ofs]);
            if (c < 0)
                return -1;
            if (c)
                break;
            lastofs = ofs;
            ofs = 2 * ofs + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lo = hint + lastofs + 1;
        hi = hint + ofs;
    }
    /* Now a[lo-1] <= key < a[hi]. */
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        c = s->lt(s->ctx, key, a[m]);
        if (c < 0)
            return -1;
        if (c)
            hi = m;
        else
            lo = m + 1;
    }
    *out = lo;
    return 0;
}

/* Length of the natural run starting at lo (at least 1, at most n - lo).
 * A strictly descending run is reversed so every run ends up ascending. */
static int count_run(Sorter *s, size_t lo, size_t *len)
{
    const uint64_t *k = s->a.k;
    size_t n = s->n, i = lo + 1;
    if (i == n) {
        *len = 1;
        return 0;
    }
    int c = s->lt(s->ctx, k[i], k[lo]);
    if (c < 0)
        return -1;
    i++;
    if (c) {
        for (; i < n; i++) {
            c = s->lt(s->ctx, k[i], k[i - 1]);
            if (c < 0)
                return -1;
            if (!c)
                break;
        }
        sl_reverse(s->a, lo, i);
    } else {
        for (; i < n; i++) {
            c = s->lt(s->ctx, k[i], k[i - 1]);
            if (c < 0)
                return -1;
            if (c)
                break;
        }
    }
    *len = i - lo;
    return 0;
}

/* a[lo..start) is sorted; inserts a[start..hi) into it one at a time, each
 * after the equal elements already there (stability).  A failure leaves
 * the element being placed where it was: nothing moves before its search
 * has finished. */
static int binary_insertion(Sorter *s, size_t lo, size_t hi, size_t start)
{
    Slice a = s->a;
    for (size_t i = start; i < hi; i++) {
        uint64_t pk = a.k[i];
        size_t l = lo, r = i;
        while (l < r) {
            size_t m = l + (r - l) / 2;
            int c = s->lt(s->ctx, pk, a.k[m]);
            if (c < 0)
                return -1;
            if (c)
                r = m;
            else
                l = m + 1;
        }
        if (l == i)
            continue;
        uint64_t pv = a.v ? a.v[i] : 0;
        sl_move(sl_at(a, l + 1), sl_at(a, l), i - l);
        a.k[l] = pk;
        if (a.v)
            a.v[l] = pv;
    }
    return 0;
}

/* Merges A = a[base .. base+na) with B = a[base+na .. base+na+nb) when A
 * is the smaller: A goes to the buffer and the merge fills from the left.
 * Precondition (from merge_top's trimming): B[0] < A[0] and B's last <
 * A's last.  Positions: d is the next slot to fill, ia the next A element
 * (in the buffer), ib the next B element; d + na == ib throughout. */
static int merge_lo(Sorter *s, size_t base_i, size_t na, size_t nb)
{
    if (ensure_tmp(s, na))
        return KR_SORT_NOMEM;
    Slice base = sl_at(s->a, base_i), t = s->tmp;
    sl_move(t, base, na);
    size_t d = 0, ia = 0, ib = na, k;
    size_t mg = s->min_gallop;
    int rc = KR_SORT_OK;

    sl_put(base, d++, base, ib++);
    nb--;
    if (nb == 0)
        goto flush;
    if (na == 1)
        goto copy_b;
    for (;;) {
        size_t acount = 0, bcount = 0;
        /* One element at a time until one side wins mg times running. */
        for (;;) {
            int c = s->lt(s->ctx, base.k[ib], t.k[ia]);
            if (c < 0)
                goto fail;
            if (c) {
                sl_put(base, d++, base, ib++);
                nb--;
                bcount++;
                acount = 0;
                if (nb == 0)
                    goto flush;
                if (bcount >= mg)
                    break;
            } else {
                sl_put(base, d++, t, ia++);
                na--;
                acount++;
                bcount = 0;
                if (na == 1)
                    goto copy_b;
                if (acount >= mg)
                    break;
            }
        }
        /* Galloping: each round finds how many of A then of B go next.
         * Staying in this mode lowers the threshold for entering it again;
         * leaving it raises it. */
        mg++;
        do {
            mg -= mg > 1;
            s->min_gallop = mg;
            if (gallop_right(s, base.k[ib], t.k + ia, na, 0, &k))
                goto fail;
            acount = k;
            if (k) {
                sl_move(sl_at(base, d), sl_at(t, ia), k);
                d += k;
                ia += k;
                na -= k;
                if (na == 1)
                    goto copy_b;
                if (na == 0) /* only with an inconsistent lt */
                    goto flush;
            }
            sl_put(base, d++, base, ib++);
            nb--;
            if (nb == 0)
                goto flush;
            if (gallop_left(s, t.k[ia], base.k + ib, nb, 0, &k))
                goto fail;
            bcount = k;
            if (k) {
                sl_move(sl_at(base, d), sl_at(base, ib), k);
                d += k;
                ib += k;
                nb -= k;
                if (nb == 0)
                    goto flush;
            }
            sl_put(base, d++, t, ia++);
            na--;
            if (na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        mg++;
        s->min_gallop = mg;
    }

copy_b:
    /* One A element left, and it belongs after all of what remains of B. */
    sl_move(sl_at(base, d), sl_at(base, ib), nb);
    sl_put(base, d + nb, t, ia);
    return KR_SORT_OK;
fail:
    rc = KR_SORT_ERROR;
flush:
    /* Whatever is left of A fills the gap, which is exactly na long. */
    sl_move(sl_at(base, d), sl_at(t, ia), na);
    return rc;
}

/* Merges A = a[base .. base+na) with B = a[base+na .. base+na+nb) when B
 * is the smaller: B goes to the buffer and the merge fills from the right.
 * Precondition: A's last > B's last and A[0] > B[0].  Everything is indexed
 * by the counts left: the next A element is base[na-1], the next B element
 * is tmp[nb-1], the slot to fill is base[na+nb-1]. */
static int merge_hi(Sorter *s, size_t base_i, size_t na, size_t nb)
{
    if (ensure_tmp(s, nb))
        return KR_SORT_NOMEM;
    Slice base = sl_at(s->a, base_i), t = s->tmp;
    sl_move(t, sl_at(base, na), nb);
    size_t mg = s->min_gallop, k;
    int rc = KR_SORT_OK;

    sl_put(base, na + nb - 1, base, na - 1);
    na--;
    if (na == 0)
        goto flush;
    if (nb == 1)
        goto copy_a;
    for (;;) {
        size_t acount = 0, bcount = 0;
        for (;;) {
            int c = s->lt(s->ctx, t.k[nb - 1], base.k[na - 1]);
            if (c < 0)
                goto fail;
            if (c) {
                sl_put(base, na + nb - 1, base, na - 1);
                na--;
                acount++;
                bcount = 0;
                if (na == 0)
                    goto flush;
                if (acount >= mg)
                    break;
            } else {
                sl_put(base, na + nb - 1, t, nb - 1);
                nb--;
                bcount++;
                acount = 0;
                if (nb == 1)
                    goto copy_a;
                if (bcount >= mg)
                    break;
            }
        }
        mg++;
        do {
            mg -= mg > 1;
            s->min_gallop = mg;
            /* A elements greater than B's last go to the end. */
            if (gallop_right(s, t.k[nb - 1], base.k, na, na - 1, &k))
                goto fail;
            k = na - k;
            acount = k;
            if (k) {
                sl_move(sl_at(base, na + nb - k), sl_at(base, na - k), k);
                na -= k;
                if (na == 0)
                    goto flush;
            }
            sl_put(base, na + nb - 1, t, nb - 1);
            nb--;
            if (nb == 1)
                goto copy_a;
            /* B elements not less than A's last go to the end. */
            if (gallop_left(s, base.k[na - 1], t.k, nb, nb - 1, &k))
                goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                sl_move(sl_at(base, na + nb - k), sl_at(t, nb - k), k);
                nb -= k;
                if (nb == 1)
                    goto copy_a;
                if (nb == 0) /* only with an inconsistent lt */
                    goto flush;
            }
            sl_put(base, na + nb - 1, base, na - 1);
            na--;
            if (na == 0)
                goto flush;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        mg++;
        s->min_gallop = mg;
    }

copy_a:
    /* One B element left, and it belongs before all of what remains of A. */
    sl_move(sl_at(base, 1), base, na);
    sl_put(base, 0, t, 0);
    return KR_SORT_OK;
fail:
    rc = KR_SORT_ERROR;
flush:
    /* The gap is base[na .. na+nb), exactly what is left of B. */
    sl_move(sl_at(base, na), t, nb);
    return rc;
}

/* Merges the top two runs of the stack. */
static int merge_top(Sorter *s)
{
    Run *ra = &s->runs[s->nruns - 2], *rb = &s->runs[s->nruns - 1];
    size_t sa = ra->start, na = ra->len, sb = rb->start, nb = rb->len;
    ra->len = na + nb;
    s->nruns--;

    const uint64_t *k = s->a.k;
    size_t skip;
    /* A's leading elements <= B[0] are already in place. */
    if (gallop_right(s, k[sb], k + sa, na, 0, &skip))
        return KR_SORT_ERROR;
    sa += skip;
    na -= skip;
    if (na == 0)
        return KR_SORT_OK;
    /* So are B's trailing elements >= A's last. */
    if (gallop_left(s, k[sa + na - 1], k + sb, nb, nb - 1, &nb))
        return KR_SORT_ERROR;
    if (nb == 0)
        return KR_SORT_OK;
    return na <= nb ? merge_lo(s, sa, na, nb) : merge_hi(s, sa, na, nb);
}

/* Pushes the run [start, start+len) after merging whatever powersort says
 * must be merged before it. */
static int push_run(Sorter *s, size_t start, size_t len)
{
    unsigned p = 0;
    if (s->nruns > 0) {
        const Run *top = &s->runs[s->nruns - 1];
        p = node_power(top->start, top->len, len, s->n);
        while (s->nruns > 1 && s->runs[s->nruns - 1].power > p) {
            int rc = merge_top(s);
            if (rc)
                return rc;
        }
    }
    /* Unreachable by the bound on powers; merging keeps it safe anyway. */
    while (s->nruns >= MAX_RUNS) {
        int rc = merge_top(s);
        if (rc)
            return rc;
    }
    s->runs[s->nruns].start = start;
    s->runs[s->nruns].len = len;
    s->runs[s->nruns].power = p;
    s->nruns++;
    return KR_SORT_OK;
}

static int sort_all(Sorter *s)
{
    size_t n = s->n, minrun = compute_minrun(n), lo = 0;
    while (lo < n) {
        size_t len;
        if (count_run(s, lo, &len))
            return KR_SORT_ERROR;
        if (len < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            if (binary_insertion(s, lo, lo + force, lo + len))
                return KR_SORT_ERROR;
            len = force;
        }
        int rc = push_run(s, lo, len);
        if (rc)
            return rc;
        lo += len;
    }
    while (s->nruns > 1) {
        int rc = merge_top(s);
        if (rc)
            return rc;
    }
    return KR_SORT_OK;
}

int kr_sort(uint64_t *items, size_t n, uint64_t *keys, KrSortLt lt, void *ctx, bool reverse)
{
    if (n < 2)
        return KR_SORT_OK;
    Slice a = keys ? (Slice){keys, items} : (Slice){items, NULL};
    /* Reversing first and last turns a stable ascending sort into a stable
     * descending one: equal elements are put in reverse order, kept so by
     * the sort, and restored by the final reversal. */
    if (reverse)
        sl_reverse(a, 0, n);

    /* The sorter is about 7 KB, which is fine on the stack, and keeps
     * short sorts free of malloc. */
    Sorter s;
    s.lt = lt;
    s.ctx = ctx;
    s.a = a;
    s.n = n;
    s.min_gallop = MIN_GALLOP;
    s.tmp.k = s.tmp_inline;
    s.tmp.v = keys ? s.tmp_inline + INLINE_TEMP : NULL;
    s.tmp_cap = INLINE_TEMP;
    s.nruns = 0;

    int rc = sort_all(&s);

    if (s.tmp.k != s.tmp_inline)
        free(s.tmp.k);
    if (reverse)
        sl_reverse(a, 0, n);
    return rc;
}
