/* Python int semantics on GMP, with no dependency on the object model.
 *
 * The int type (src/objects/int.c) keeps small ints as 48-bit immediates and
 * larger ones as heap objects holding an mpz_t.  This library supplies what
 * both need and GMP does not give directly with Python's rules: parsing as
 * int(str, base) does, formatting with the int<->str digit limit, floor
 * division, correctly rounded conversions to and from double, pow with a
 * modulus, shifts, to_bytes/from_bytes and Python's numeric hash.
 *
 * Conventions
 * - Functions that can fail return a BigintExc (BIGINT_OK == 0) and, when it
 *   is not BIGINT_OK and `err` is not NULL, fill *err with the exception
 *   class and CPython 3.11's exact message.  The caller raises it.
 * - mpz_t outputs are initialised by the caller (except BigintResult.big, see
 *   there) and may alias inputs unless a function says otherwise.  On error
 *   an output's value is unspecified but it stays a valid mpz_t.
 * - What GMP already does with Python's semantics is used directly by the
 *   caller: mpz_add, mpz_sub, mpz_neg, mpz_abs, mpz_cmp, and the bitwise
 *   mpz_and / mpz_ior / mpz_xor / mpz_com, which act on negative numbers as
 *   on infinite two's complement, exactly as Python's & | ^ ~ do.
 * - Results that grow (mul, pow, <<, parsing, from_bytes) are checked against
 *   BIGINT_MAX_BITS first and fail with MemoryError beyond it, because GMP
 *   aborts the process on sizes it cannot represent and we may not install
 *   our own GMP allocator (mp_set_memory_functions is process-global).  With
 *   every operand below that bound, add/sub/bitwise results cannot reach
 *   GMP's own limit, so they need no check.
 * - The int64 fast paths (bigint_i64_*) return true when the result fits and
 *   false when the caller must redo the operation with GMP. */
#ifndef KRAIT_BIGINT_H
#define KRAIT_BIGINT_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Errors ---------------------------------------------------------- */

typedef enum BigintExc {
    BIGINT_OK = 0,
    BIGINT_VALUE_ERROR,
    BIGINT_ZERO_DIVISION_ERROR,
    BIGINT_OVERFLOW_ERROR,
    BIGINT_TYPE_ERROR,
    BIGINT_MEMORY_ERROR,
} BigintExc;

/* Large enough for "invalid literal ...: " plus a 200-character repr of up
 * to 4 UTF-8 bytes per character. */
#define BIGINT_MSG_SIZE 1024

typedef struct BigintError {
    BigintExc exc;
    char msg[BIGINT_MSG_SIZE]; /* UTF-8, NUL-terminated; "" for MemoryError */
} BigintError;

/* Python's name of the exception class ("ValueError", ...). */
const char *bigint_exc_name(BigintExc exc);

/* CPython 3.11.2's messages, for callers that detect a condition themselves
 * (the int64 fast paths report only "does not fit"). */
#define BIGINT_MSG_FLOORDIV_BY_ZERO "integer division or modulo by zero" /* // and divmod */
#define BIGINT_MSG_MOD_BY_ZERO "integer modulo by zero"                  /* % */
#define BIGINT_MSG_TRUEDIV_BY_ZERO "division by zero"                    /* / */
#define BIGINT_MSG_TRUEDIV_OVERFLOW "integer division result too large for a float"
#define BIGINT_MSG_ZERO_NEG_POW "0.0 cannot be raised to a negative power" /* ZeroDivisionError */
#define BIGINT_MSG_POW_MOD_ZERO "pow() 3rd argument cannot be 0"
#define BIGINT_MSG_NOT_INVERTIBLE "base is not invertible for the given modulus"
#define BIGINT_MSG_NEGATIVE_SHIFT "negative shift count"
#define BIGINT_MSG_TOO_MANY_DIGITS "too many digits in integer"
#define BIGINT_MSG_TO_FLOAT_OVERFLOW "int too large to convert to float"
#define BIGINT_MSG_FLOAT_INF "cannot convert float infinity to integer" /* OverflowError */
#define BIGINT_MSG_FLOAT_NAN "cannot convert float NaN to integer"      /* ValueError */
#define BIGINT_MSG_RATIO_INF "cannot convert Infinity to integer ratio"  /* OverflowError */
#define BIGINT_MSG_RATIO_NAN "cannot convert NaN to integer ratio"       /* ValueError */
#define BIGINT_MSG_TOO_BIG "int too big to convert"                      /* OverflowError */
#define BIGINT_MSG_NEGATIVE_UNSIGNED "can't convert negative int to unsigned"
#define BIGINT_MSG_NEGATIVE_LENGTH "length argument must be non-negative"
#define BIGINT_MSG_BYTEORDER "byteorder must be either 'little' or 'big'"
#define BIGINT_MSG_BAD_BASE "int() base must be >= 2 and <= 36, or 0"
#define BIGINT_MSG_NON_STRING_BASE "int() can't convert non-string with explicit base" /* TypeError */
#define BIGINT_MSG_MAXDIGITS_RANGE "maxdigits must be 0 or larger than 640"  /* sys.set_int_max_str_digits */
#define BIGINT_MSG_INDEX_SIZE "cannot fit 'int' into an index-sized integer" /* IndexError or OverflowError */
#define BIGINT_MSG_TO_SSIZE_T "Python int too large to convert to C ssize_t" /* OverflowError */
#define BIGINT_MSG_TO_C_INT "Python int too large to convert to C int"
#define BIGINT_MSG_TO_C_LONG "Python int too large to convert to C long"

/* ---- Limits ---------------------------------------------------------- */

/* sys.int_info.default_max_str_digits and str_digits_check_threshold. */
#define BIGINT_DEFAULT_MAX_STR_DIGITS 4300
#define BIGINT_MAX_STR_DIGITS_THRESHOLD 640

/* Largest int we build, in bits (8 GiB).  GMP's hard limit is INT_MAX limbs
 * (2**37 bits with 64-bit limbs); staying at half of it leaves room for an
 * add or a bitwise op on two maximal operands. */
#define BIGINT_MAX_BITS (UINT64_C(1) << 36)

/* ---- Parsing: int(x, base) ------------------------------------------- */

/* What the Unicode database says about non-ASCII code points.  Both hooks
 * are optional; they are only called with cp >= 0x80.  Whitespace needs no
 * hook: Python's set of non-ASCII whitespace is small and fixed. */
typedef struct BigintUnicode {
    /* The decimal value (0..9) of a Unicode decimal digit (category Nd, as
     * unicodedata.decimal), or -1.  NULL: no non-ASCII digits. */
    int (*decimal)(uint32_t cp);
    /* str.isprintable() of one character, used for the repr() that error
     * messages show.  NULL: every non-ASCII character counts as printable. */
    bool (*is_printable)(uint32_t cp);
} BigintUnicode;

/* A parse result: the value in `small` when it fits in int64_t, else in
 * `big`, which the parser mpz_init's only in that case (then the caller owns
 * it and must mpz_clear it or swap it into an object). */
typedef struct BigintResult {
    bool is_big;
    int64_t small;
    mpz_t big;
} BigintResult;

/* int(s, base) for a str given as UTF-8 (lone surrogates encoded as 3-byte
 * sequences are accepted).  base is 0 or 2..36; max_str_digits is
 * sys.get_int_max_str_digits() (0: unlimited; bases that are powers of two
 * are never limited).  Follows CPython: Unicode whitespace around the
 * number, Unicode decimal digits anywhere ASCII digits may be (they become
 * ASCII digits first, so '\u0660x1' with base 0 is 1), one optional sign,
 * 0x/0o/0b prefixes, single underscores between digits and after a prefix,
 * and base 0's rule that a nonzero number may not start with 0.  The
 * invalid-literal message quotes repr(s) cut to 200 characters. */
BigintExc bigint_parse_str(const char *s, size_t len, int base, int max_str_digits,
                           const BigintUnicode *uni, BigintResult *out, BigintError *err);

/* int(b, base) for bytes/bytearray: ASCII only, and the message quotes the
 * bytes' repr (b'...') of at most their first 200 bytes. */
BigintExc bigint_parse_bytes(const char *s, size_t len, int base, int max_str_digits,
                             BigintResult *out, BigintError *err);

/* Python's str.isspace() for one code point (ASCII included). */
bool bigint_is_space(uint32_t cp);

/* ---- Formatting: str(), repr(), hex(), oct(), bin() ------------------ */

enum {
    BIGINT_FMT_PREFIX = 1, /* 0x / 0o / 0b after the sign, as hex() oct() bin() */
    BIGINT_FMT_UPPER = 2,  /* upper-case digits and prefix, as format(x, '#X') */
};

/* Bytes enough for bigint_format(a, base, any flags, ...), NUL included. */
size_t bigint_format_size(const mpz_t a, int base);

/* Writes a in base 2..36 into buf (bigint_format_size(a, base) bytes),
 * NUL-terminated, and stores the length (without NUL) in *len.  In base 10,
 * more than max_str_digits digits (sign not counted; 0: unlimited) is a
 * ValueError, checked before the conversion when the size already tells. */
BigintExc bigint_format(const mpz_t a, int base, unsigned flags, int max_str_digits, char *buf,
                        size_t *len, BigintError *err);

/* The same for an int64_t (never limited: it has at most 19 digits).
 * Returns the length. */
#define BIGINT_I64_FORMAT_SIZE 72
size_t bigint_i64_format(int64_t v, int base, unsigned flags, char buf[BIGINT_I64_FORMAT_SIZE]);

/* ---- Conversions ----------------------------------------------------- */

static inline bool bigint_fits_i64(const mpz_t a) { return mpz_fits_slong_p(a) != 0; }
static inline int64_t bigint_get_i64(const mpz_t a) { return (int64_t)mpz_get_si(a); }
static inline void bigint_set_i64(mpz_t r, int64_t v) { mpz_set_si(r, (long)v); }

/* float(a): correctly rounded (half to even), OverflowError beyond DBL_MAX. */
BigintExc bigint_to_double(const mpz_t a, double *out, BigintError *err);

/* a == m * 2**e with 0.5 <= |m| < 1, m correctly rounded (0 gives 0 and
 * e = 0), for ints of any size: what math.log, log2 and log10 need for ints
 * beyond the float range. */
double bigint_frexp(const mpz_t a, int64_t *e);

/* int.__sizeof__() as CPython 3.11 reports it on 64-bit builds, which
 * sys.getsizeof() returns for ints and bools: a 24-byte header and 4 bytes
 * per 30-bit digit, at least one (so 0 and True are 28). */
static inline uint64_t bigint_cpython_sizeof(uint64_t bit_length)
{
    uint64_t digits = (bit_length + 29) / 30;
    return 24 + 4 * (digits ? digits : 1);
}

typedef enum BigintRound {
    BIGINT_ROUND_TRUNC,     /* int(x), math.trunc */
    BIGINT_ROUND_FLOOR,     /* math.floor */
    BIGINT_ROUND_CEIL,      /* math.ceil */
    BIGINT_ROUND_HALF_EVEN, /* round(x) */
} BigintRound;

/* double -> int with the given rounding; inf is OverflowError, NaN is
 * ValueError, with the messages of int(). */
BigintExc bigint_from_double(mpz_t r, double d, BigintRound mode, BigintError *err);

/* The same into an int64_t: false when d is not finite or the result does
 * not fit (the caller then uses bigint_from_double, which reports errors). */
bool bigint_i64_from_double(double d, BigintRound mode, int64_t *out);

/* float.as_integer_ratio(): d == num/den exactly, den > 0 a power of two,
 * the fraction in lowest terms. */
BigintExc bigint_as_integer_ratio(mpz_t num, mpz_t den, double d, BigintError *err);

/* int.to_bytes(length, byteorder, signed=...) into buf[0..len).  Errors:
 * "can't convert negative int to unsigned", "int too big to convert".
 * (A negative length and a bad byteorder are the caller's, with
 * BIGINT_MSG_NEGATIVE_LENGTH and BIGINT_MSG_BYTEORDER.) */
BigintExc bigint_to_bytes(const mpz_t a, unsigned char *buf, size_t len, bool little, bool is_signed,
                          BigintError *err);

/* int.from_bytes(buf[0..len), byteorder, signed=...). */
BigintExc bigint_from_bytes(mpz_t r, const unsigned char *buf, size_t len, bool little, bool is_signed,
                            BigintError *err);

/* ---- Arithmetic ------------------------------------------------------- */

BigintExc bigint_mul(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err);

/* a // b, a % b, divmod(a, b): floor division, the remainder takes the
 * divisor's sign.  In divmod q and r must be different mpz_t. */
BigintExc bigint_floordiv(mpz_t q, const mpz_t a, const mpz_t b, BigintError *err);
BigintExc bigint_mod(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err);
BigintExc bigint_divmod(mpz_t q, mpz_t r, const mpz_t a, const mpz_t b, BigintError *err);

/* a / b correctly rounded to double whatever the sizes (subnormal results
 * too); 0 / negative is -0.0 as in CPython. */
BigintExc bigint_truediv(const mpz_t a, const mpz_t b, double *out, BigintError *err);

/* a ** b for b >= 0 (a negative b is a ValueError here: use
 * bigint_pow_float).  Results beyond BIGINT_MAX_BITS are MemoryError. */
BigintExc bigint_pow(mpz_t r, const mpz_t a, const mpz_t b, BigintError *err);

/* a ** b for b < 0, which Python computes as float(a) ** float(b):
 * OverflowError if either does not convert, ZeroDivisionError for 0. */
BigintExc bigint_pow_float(const mpz_t a, const mpz_t b, double *out, BigintError *err);

/* pow(a, b, m), b may be negative (then a must be invertible modulo m); the
 * result takes m's sign as a % m does. */
BigintExc bigint_powmod(mpz_t r, const mpz_t a, const mpz_t b, const mpz_t m, BigintError *err);

/* a << n and a >> n (floor).  A negative count is ValueError; a left shift
 * too large for CPython's int is OverflowError "too many digits in integer"
 * or MemoryError exactly where CPython 3.11 (64-bit, 30-bit digits) raises
 * each; a nonzero result beyond BIGINT_MAX_BITS is MemoryError. */
BigintExc bigint_lshift(mpz_t r, const mpz_t a, const mpz_t n, BigintError *err);
BigintExc bigint_rshift(mpz_t r, const mpz_t a, const mpz_t n, BigintError *err);
BigintExc bigint_lshift_i64(mpz_t r, const mpz_t a, int64_t n, BigintError *err);
BigintExc bigint_rshift_i64(mpz_t r, const mpz_t a, int64_t n, BigintError *err);

/* int.bit_length(), int.bit_count() (of abs(a)). */
uint64_t bigint_bit_length(const mpz_t a);
uint64_t bigint_bit_count(const mpz_t a);

/* round(a, ndigits) for an int: a itself when ndigits >= 0, else the
 * nearest multiple of 10**-ndigits, ties to even. */
BigintExc bigint_round(mpz_t r, const mpz_t a, int64_t ndigits, BigintError *err);

/* ---- Comparison with floats ------------------------------------------- */

/* Exact comparison of an int with a double, as Python's == < > between int
 * and float (no rounding of the int): -1, 0 or 1, or BIGINT_UNORDERED when
 * d is NaN (then every comparison is False and != is True). */
#define BIGINT_UNORDERED 2
int bigint_cmp_double(const mpz_t a, double d);
int bigint_i64_cmp_double(int64_t a, double d);

/* ---- Hashing ---------------------------------------------------------- */

/* sys.hash_info: modulus 2**61 - 1, inf 314159.  hash(n) == hash(float(n))
 * == hash(Fraction(n)) whenever they are equal numbers, and a hash of -1 is
 * -2 because -1 means "error" to CPython's C API. */
#define BIGINT_HASH_BITS 61
#define BIGINT_HASH_MODULUS ((UINT64_C(1) << BIGINT_HASH_BITS) - 1)
#define BIGINT_HASH_INF 314159

int64_t bigint_hash(const mpz_t a);
int64_t bigint_i64_hash(int64_t v);
/* The numeric hash of a float.  NaN gives 0 here: since 3.10 CPython hashes
 * a NaN by object identity, which only the caller can do. */
int64_t bigint_double_hash(double d);
/* hash(Fraction(num, den)) for a fraction in lowest terms with den > 0
 * (the terms matter: when den is a multiple of the modulus the hash is
 * +-BIGINT_HASH_INF, as in fractions.Fraction). */
int64_t bigint_fraction_hash(const mpz_t num, const mpz_t den);

/* ---- int64 fast paths ---------------------------------------------------
 * true: *r holds the exact result.  false: it does not fit in int64_t; redo
 * with GMP.  Division by zero is the caller's to check first (b != 0). */

static inline bool bigint_i64_add(int64_t a, int64_t b, int64_t *r) { return !__builtin_add_overflow(a, b, r); }
static inline bool bigint_i64_sub(int64_t a, int64_t b, int64_t *r) { return !__builtin_sub_overflow(a, b, r); }
static inline bool bigint_i64_mul(int64_t a, int64_t b, int64_t *r) { return !__builtin_mul_overflow(a, b, r); }
static inline bool bigint_i64_neg(int64_t a, int64_t *r) { return !__builtin_sub_overflow((int64_t)0, a, r); }

/* a // b (b != 0): only INT64_MIN // -1 does not fit. */
static inline bool bigint_i64_floordiv(int64_t a, int64_t b, int64_t *q)
{
    if (b == -1)
        return bigint_i64_neg(a, q);
    int64_t t = a / b;
    /* C truncates; floor differs when the remainder is nonzero and has the
     * other sign than the divisor. */
    if (a % b != 0 && ((a < 0) != (b < 0)))
        t -= 1;
    *q = t;
    return true;
}

/* a % b (b != 0): always fits.  b == -1 is kept apart because
 * INT64_MIN % -1 is undefined behaviour in C. */
static inline int64_t bigint_i64_mod(int64_t a, int64_t b)
{
    if (b == -1)
        return 0;
    int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0)))
        m += b;
    return m;
}

static inline bool bigint_i64_divmod(int64_t a, int64_t b, int64_t *q, int64_t *r)
{
    *r = bigint_i64_mod(a, b);
    return bigint_i64_floordiv(a, b, q);
}

/* a >> n for n >= 0, flooring. */
static inline int64_t bigint_i64_rshift(int64_t a, int64_t n)
{
    if (n > 63)
        n = 63;
    /* Spelled with unsigned ops so the sign fill does not depend on how the
     * compiler shifts negative numbers. */
    return a < 0 ? (int64_t)~(~(uint64_t)a >> n) : (int64_t)((uint64_t)a >> n);
}

/* a << n for n >= 0. */
bool bigint_i64_lshift(int64_t a, int64_t n, int64_t *r);
/* a ** b for b >= 0. */
bool bigint_i64_pow(int64_t a, int64_t b, int64_t *r);
/* a / b (b != 0), correctly rounded; never fails (|a / b| <= 2**63). */
double bigint_i64_truediv(int64_t a, int64_t b);

#endif
