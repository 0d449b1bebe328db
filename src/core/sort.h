/* The sorting engine under list.sort and sorted().
 *
 * A stable, adaptive merge sort with the behaviour of CPython's list.sort
 * (the algorithm Tim Peters describes in listsort.txt): natural runs,
 * strictly descending runs reversed in place, short runs extended to
 * `minrun` by binary insertion, runs merged in the order of the powersort
 * policy (as CPython 3.11), merges that gallop when one side keeps winning.
 * n-1 comparisons on sorted or strictly reverse-sorted input, O(n log n)
 * in the worst case, close to log2(n!) comparisons on random input.
 *
 * The engine knows nothing about objects: it moves 64-bit words and asks
 * a callback whether one is less than another.  The callback may fail (a
 * Python __lt__ can raise); the sort then stops at once and returns
 * KR_SORT_ERROR with `items` (and `keys`) still a permutation of the input:
 * every element is present exactly once, which matters because the list
 * owns one reference to each.  The callback may also be inconsistent (an
 * __lt__ that is not a total order, or that answers at random): the result
 * is then some permutation, never a crash.
 *
 * Only `<` is ever asked, as in CPython, so the same __lt__ calls happen
 * with the same operand order. */
#ifndef KRAIT_SORT_H
#define KRAIT_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    KR_SORT_OK = 0,
    KR_SORT_ERROR = -1, /* lt returned -1; its exception stands */
    KR_SORT_NOMEM = -2, /* the merge buffer could not be allocated */
};

/* Returns 1 if a < b, 0 if not, -1 on error. */
typedef int (*KrSortLt)(void *ctx, uint64_t a, uint64_t b);

/* Sorts items[0..n) in place, stably.
 *
 * keys: NULL to compare the items themselves; otherwise keys[i] is the
 * sort key of items[i] (list.sort(key=f) computes them first) and the two
 * arrays are permuted together, only keys being compared.
 *
 * reverse: sort descending, keeping equal elements in their original
 * order, as sort(reverse=True) does.  It is done as CPython does it:
 * reverse, sort ascending, reverse again, the last step also on failure.
 *
 * Returns KR_SORT_OK, KR_SORT_ERROR or KR_SORT_NOMEM; on either failure
 * the arrays hold a permutation of their input. */
int kr_sort(uint64_t *items, size_t n, uint64_t *keys, KrSortLt lt, void *ctx, bool reverse);

#endif
