/* KrValue: every Python value in one 64-bit word (DESIGN.md §3).
 *
 * NaN-boxing.  A float is its own IEEE-754 bits.  Everything else lives in
 * the negative quiet-NaN space, which no real double uses once NaNs are
 * canonicalised to KR_CANON_NAN on the way in:
 *
 *     top 16 bits   payload (low 48 bits)
 *     < 0xFFF9      a double (including +-inf and the one canonical NaN)
 *     0xFFF9        small int, 48-bit two's complement
 *     0xFFFA        special constants: None, False, True, NotImplemented,
 *                   Ellipsis, and the two internal markers below
 *     0xFFFC        pointer to a KrObject (x86-64/AArch64 user pointers fit
 *                   in 48 bits)
 *
 * Small ints and floats are immediates: no allocation, no refcount.  Ints
 * outside the 48-bit range are heap objects (KrLong, on GMP); instances of
 * int and float subclasses are heap objects too.  None/False/True are
 * immediates, so `x is None` and truth tests are one compare.
 *
 * Two markers are not Python values: a C function returns KR_ERROR to say
 * "an exception is set on the thread" (DESIGN.md §6: no longjmp), and
 * KR_ABSENT stands for "no value" (an unbound local, a missing argument,
 * the value passed to a setter to mean delete). */
#ifndef KRAIT_VALUE_H
#define KRAIT_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t KrValue;
typedef struct KrObject KrObject;

enum {
    KR_TAG_INT = 0xFFF9,
    KR_TAG_SPECIAL = 0xFFFA,
    KR_TAG_PTR = 0xFFFC,
};

#define KR_TAG_SHIFT 48
#define KR_PAYLOAD_MASK ((UINT64_C(1) << KR_TAG_SHIFT) - 1)
#define KR_MAKE(tag, payload) (((uint64_t)(tag) << KR_TAG_SHIFT) | ((uint64_t)(payload)&KR_PAYLOAD_MASK))

#define KR_NONE  KR_MAKE(KR_TAG_SPECIAL, 0)
#define KR_FALSE KR_MAKE(KR_TAG_SPECIAL, 2)
#define KR_TRUE  KR_MAKE(KR_TAG_SPECIAL, 3)
#define KR_NOTIMPLEMENTED KR_MAKE(KR_TAG_SPECIAL, 4)
#define KR_ELLIPSIS KR_MAKE(KR_TAG_SPECIAL, 5)
#define KR_ERROR KR_MAKE(KR_TAG_SPECIAL, 0xE)
#define KR_ABSENT KR_MAKE(KR_TAG_SPECIAL, 0xF)
#define KR_CANON_NAN UINT64_C(0x7FF8000000000000)

/* The 48-bit small-int range. */
#define KR_SMALLINT_MAX ((INT64_C(1) << 47) - 1)
#define KR_SMALLINT_MIN (-(INT64_C(1) << 47))

static inline unsigned kr_tag(KrValue v) { return (unsigned)(v >> KR_TAG_SHIFT); }

static inline bool kr_is_float(KrValue v) { return kr_tag(v) < KR_TAG_INT; }
static inline bool kr_is_smallint(KrValue v) { return kr_tag(v) == KR_TAG_INT; }
static inline bool kr_is_ptr(KrValue v) { return kr_tag(v) == KR_TAG_PTR; }
static inline bool kr_is_special(KrValue v) { return kr_tag(v) == KR_TAG_SPECIAL; }
static inline bool kr_is_none(KrValue v) { return v == KR_NONE; }
static inline bool kr_is_bool(KrValue v) { return v == KR_TRUE || v == KR_FALSE; }
static inline bool kr_is_error(KrValue v) { return v == KR_ERROR; }
static inline bool kr_is_absent(KrValue v) { return v == KR_ABSENT; }

static inline double kr_as_float(KrValue v)
{
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

static inline KrValue kr_float(double d)
{
    KrValue v;
    memcpy(&v, &d, sizeof v);
    /* Every NaN becomes the canonical one, so NaN payloads never look like
     * tagged values. */
    if ((v & UINT64_C(0x7FF0000000000000)) == UINT64_C(0x7FF0000000000000) &&
        (v & UINT64_C(0x000FFFFFFFFFFFFF)))
        v = KR_CANON_NAN;
    return v;
}

static inline bool kr_fits_smallint(int64_t i) { return i >= KR_SMALLINT_MIN && i <= KR_SMALLINT_MAX; }

/* Only for i with kr_fits_smallint(i). */
static inline KrValue kr_smallint(int64_t i) { return KR_MAKE(KR_TAG_INT, (uint64_t)i); }

static inline int64_t kr_as_smallint(KrValue v)
{
    /* Sign-extend the 48-bit payload. */
    return (int64_t)(v << (64 - KR_TAG_SHIFT)) >> (64 - KR_TAG_SHIFT);
}

static inline KrValue kr_bool(bool b) { return b ? KR_TRUE : KR_FALSE; }

static inline KrObject *kr_as_ptr(KrValue v) { return (KrObject *)(uintptr_t)(v & KR_PAYLOAD_MASK); }

static inline KrValue kr_ptr(const void *p) { return KR_MAKE(KR_TAG_PTR, (uintptr_t)p); }

#endif
