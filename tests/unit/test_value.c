/* Tests of the KrValue encoding (src/core/value.h): every kind of value
 * round-trips, and the kinds never overlap. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/value.h"

static int passed, failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond)                                                            \
            passed++;                                                        \
        else {                                                               \
            failed++;                                                        \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                    \
    } while (0)

/* Exactly one of the kind predicates holds. */
static int kinds(KrValue v)
{
    return kr_is_float(v) + kr_is_smallint(v) + kr_is_ptr(v) + kr_is_special(v);
}

static void test_floats(void)
{
    const double samples[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1e308, -1e308, 5e-324, -5e-324,
                              INFINITY, -INFINITY, 2.2250738585072014e-308};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        KrValue v = kr_float(samples[i]);
        CHECK(kr_is_float(v));
        CHECK(kinds(v) == 1);
        double back = kr_as_float(v);
        CHECK(back == samples[i] && signbit(back) == signbit(samples[i]));
    }
    /* Every NaN, whatever its sign and payload, is one float NaN. */
    const uint64_t nans[] = {UINT64_C(0x7FF8000000000000), UINT64_C(0xFFF8000000000000),
                             UINT64_C(0x7FF0000000000001), UINT64_C(0xFFFC000000001234),
                             UINT64_C(0xFFFFFFFFFFFFFFFF), UINT64_C(0xFFF9000000000000)};
    for (size_t i = 0; i < sizeof nans / sizeof nans[0]; i++) {
        double d;
        memcpy(&d, &nans[i], sizeof d);
        KrValue v = kr_float(d);
        CHECK(v == KR_CANON_NAN);
        CHECK(kr_is_float(v) && kinds(v) == 1);
        CHECK(isnan(kr_as_float(v)));
    }
}

static void test_smallints(void)
{
    const int64_t samples[] = {0, 1, -1, 42, -42, KR_SMALLINT_MAX, KR_SMALLINT_MIN,
                               KR_SMALLINT_MAX - 1, KR_SMALLINT_MIN + 1, INT32_MAX,
                               INT32_MIN, (INT64_C(1) << 40) + 12345};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        CHECK(kr_fits_smallint(samples[i]));
        KrValue v = kr_smallint(samples[i]);
        CHECK(kr_is_smallint(v) && kinds(v) == 1);
        CHECK(kr_as_smallint(v) == samples[i]);
    }
    CHECK(!kr_fits_smallint(KR_SMALLINT_MAX + 1));
    CHECK(!kr_fits_smallint(KR_SMALLINT_MIN - 1));
    CHECK(!kr_fits_smallint(INT64_MAX));
    CHECK(!kr_fits_smallint(INT64_MIN));
    /* Pseudo-random sweep of the whole range. */
    uint64_t x = UINT64_C(0x9E3779B97F4A7C15);
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int64_t n = (int64_t)(x >> 16) - (INT64_C(1) << 47);
        KrValue v = kr_smallint(n);
        if (kr_as_smallint(v) != n || !kr_is_smallint(v)) {
            CHECK(0);
            return;
        }
    }
    passed++;
}

static void test_specials_and_pointers(void)
{
    const KrValue specials[] = {KR_NONE, KR_FALSE, KR_TRUE, KR_NOTIMPLEMENTED, KR_ELLIPSIS,
                                KR_ERROR, KR_ABSENT};
    enum { NSPECIAL = sizeof specials / sizeof specials[0] };
    for (size_t i = 0; i < NSPECIAL; i++) {
        CHECK(kr_is_special(specials[i]) && kinds(specials[i]) == 1);
        for (size_t j = 0; j < NSPECIAL; j++)
            CHECK((i == j) == (specials[i] == specials[j]));
    }
    CHECK(kr_is_none(KR_NONE) && !kr_is_none(KR_FALSE));
    CHECK(kr_is_bool(KR_TRUE) && kr_is_bool(KR_FALSE) && !kr_is_bool(KR_NONE));
    CHECK(kr_bool(1) == KR_TRUE && kr_bool(0) == KR_FALSE);
    CHECK(kr_is_error(KR_ERROR) && !kr_is_error(KR_NONE));
    CHECK(kr_is_absent(KR_ABSENT) && !kr_is_absent(kr_float(0.0)));

    void *heap = malloc(64);
    int stack_obj;
    const void *ptrs[] = {heap, &stack_obj, (void *)test_floats};
    for (size_t i = 0; i < 3; i++) {
        KrValue v = kr_ptr(ptrs[i]);
        CHECK(kr_is_ptr(v) && kinds(v) == 1);
        CHECK((const void *)kr_as_ptr(v) == ptrs[i]);
    }
    free(heap);
}

int main(void)
{
    test_floats();
    test_smallints();
    test_specials_and_pointers();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
