/* numfmt: turning numbers into text the way CPython 3.11 does.
 *
 * A self-contained library under the object model: plain C values in, bytes
 * out.  It covers
 *   - float repr/str (shortest round-trip digits, Python's layout rules);
 *   - PyOS_double_to_string-style conversions ('e' 'f' 'g' 'r', flags);
 *   - the format-spec mini-language of format()/str.format()/f-strings:
 *     parsing, and formatting floats, ints (int64, GMP or decimal text) and
 *     strings with it, with CPython's error messages;
 *   - %-formatting of numbers (printf-style conversions);
 *   - round(x, n), float.hex() and float.fromhex().
 *
 * Decimal conversions are exact: shortest digits come from the Schubfach
 * algorithm (Giulietti, "The Schubfach way to render doubles", 2020),
 * fixed-precision digits are correctly rounded (half-even on the exact binary
 * value) using exact integer arithmetic when the shortest digits cannot
 * decide.  Nothing depends on the C library's printf; strtod is used only
 * by numfmt_round to read its result back (glibc's is correctly rounded in
 * the default rounding mode, which Python programs cannot change).
 *
 * Text is UTF-8.  Widths and precisions count code points, so a fill
 * character or a padded string may be any code point.  Strings handed in may
 * hold surrogates encoded as 3-byte sequences; they are counted, not checked.
 *
 * Errors: functions that can fail return a NumfmtStatus.  On failure the
 * output buffer holds the exception message (without the exception type)
 * in place of whatever it held, e.g. NUMFMT_VALUE_ERROR with "Format
 * specifier missing precision".  No function keeps state between calls;
 * all are safe to call from any thread.
 */
#ifndef KRAIT_NUMFMT_H
#define KRAIT_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

/* ------------------------------------------------------------------ */
/* Output buffer                                                      */
/* ------------------------------------------------------------------ */

/* A growable byte string, always NUL-terminated.  Starts in its own small
 * array and moves to the heap (malloc) when it outgrows it, so the common
 * short results never allocate; it must therefore not be copied by value
 * while in use.  numbuf_free releases the heap part. */
typedef struct NumBuf {
    char *data;
    size_t len, cap;
    char small[80];
} NumBuf;

void numbuf_init(NumBuf *b);
void numbuf_free(NumBuf *b);
/* Empties the buffer, keeping its storage. */
void numbuf_clear(NumBuf *b);
/* Appends n bytes; false when out of memory. */
bool numbuf_append(NumBuf *b, const char *s, size_t n);

typedef enum NumfmtStatus {
    NUMFMT_OK = 0,
    NUMFMT_VALUE_ERROR,    /* ValueError(message in the buffer) */
    NUMFMT_OVERFLOW_ERROR, /* OverflowError(message in the buffer) */
    NUMFMT_MEMORY_ERROR,   /* MemoryError (buffer empty) */
} NumfmtStatus;

/* ------------------------------------------------------------------ */
/* Float to text                                                      */
/* ------------------------------------------------------------------ */

/* Enough for every numfmt_repr / numfmt_float_hex result and its NUL. */
#define NUMFMT_REPR_MAX 32

/* repr(x) == str(x): shortest digits that read back as x, positional when
 * the decimal exponent is in [-4, 16), else scientific ("1e+16", "1e-05"),
 * "inf", "-inf", "nan", "-0.0".  Writes a NUL-terminated string into out
 * and returns its length.  Never allocates; this is the hot path of print. */
size_t numfmt_repr(double x, char *out);

/* Flags for numfmt_dtoa (the meaning of CPython's Py_DTSF_* flags). */
enum {
    NUMFMT_F_SIGN = 1,      /* always write a sign: "+1.5" */
    NUMFMT_F_ADD_DOT_0 = 2, /* integral positional results get ".0" */
    NUMFMT_F_ALT = 4,       /* '#': keep the point and trailing zeros */
    NUMFMT_F_NO_NEG_0 = 8,  /* 'z': a result that rounds to zero has no '-' */
};

/* Appends x formatted like CPython's PyOS_double_to_string:
 *   code 'e' 'E'  scientific with `precision` digits after the point;
 *   code 'f' 'F'  positional with `precision` digits after the point;
 *   code 'g' 'G'  `precision` significant digits (0 counts as 1), scientific
 *                 when the exponent is < -4 or >= precision, trailing zeros
 *                 removed unless NUMFMT_F_ALT;
 *   code 'r'      shortest round-trip digits, repr's layout (precision
 *                 ignored).
 * Upper-case codes give "E", "INF", "NAN".  precision must be in
 * [0, INT32_MAX].  Returns NUMFMT_OK or NUMFMT_MEMORY_ERROR. */
NumfmtStatus numfmt_dtoa(NumBuf *out, double x, char code, int64_t precision, unsigned flags);

/* ------------------------------------------------------------------ */
/* The format-spec mini-language                                      */
/* ------------------------------------------------------------------ */

/* Locale data for the 'n' type (as localeconv() gives them).  NULL in
 * NumfmtSpec.locale means the C locale: '.' and no grouping. */
typedef struct NumfmtLocale {
    const char *decimal_point; /* UTF-8 */
    const char *thousands_sep; /* UTF-8 */
    const char *grouping;      /* group sizes, last one repeats; CHAR_MAX ends grouping */
} NumfmtLocale;

/* [[fill]align][sign][z][#][0][width][grouping][.precision][type] */
typedef struct NumfmtSpec {
    uint32_t fill;       /* code point; ' ' unless given */
    bool fill_given;     /* fill was written explicitly */
    char align;          /* '<' '>' '^' '=' or 0 when not given */
    char sign;           /* '+' '-' ' ' or 0 when not given */
    bool no_neg_zero;    /* 'z' */
    bool alternate;      /* '#' */
    bool zero_pad;       /* '0' before the width */
    char grouping;       /* ',' '_' or 0 */
    int64_t width;       /* -1 when not given */
    int64_t precision;   /* -1 when not given */
    uint32_t type;       /* code point; the caller's default when not given */
    const NumfmtLocale *locale; /* for 'n'; set by the caller, NULL after parsing */
} NumfmtSpec;

/* Parses a format spec (UTF-8, n bytes).  default_type is what an absent
 * type means: 's' for str, 'd' for int, 0 for float (CPython checks the
 * grouping option against it, so format('x', ',') says "Cannot specify ','
 * with 's'.").  type_name is the object's type name, used in the message
 * "Invalid format specifier '...' for object of type '...'".  On error
 * returns NUMFMT_VALUE_ERROR with the message in *err. */
NumfmtStatus numfmt_parse_spec(NumfmtSpec *spec, const char *s, size_t n, uint32_t default_type,
                               const char *type_name, NumBuf *err);

/* format(x, spec) for a float.  Types: e E f F g G n % and 0 (none).  type_name
 * is for "Unknown format code 'x' for object of type 'float'".  Appends to
 * *out; on error *out holds the message instead. */
NumfmtStatus numfmt_format_double(NumBuf *out, const NumfmtSpec *spec, double x, const char *type_name);

/* format(v, spec) for an int.  Types: b c d o x X n and 0 (none, as 'd'),
 * and e E f F g G % which convert v to float first (correctly rounded;
 * "int too large to convert to float" when it cannot).  'c' checks
 * range(0x110000).  The int64 and GMP forms give the same results; the
 * decimal-text form takes an optional '-' and then ASCII digits (leading
 * zeros are harmless).  CPython's 4300-digit limit on int<->str
 * conversion is the caller's to check. */
NumfmtStatus numfmt_format_i64(NumBuf *out, const NumfmtSpec *spec, int64_t v, const char *type_name);
NumfmtStatus numfmt_format_mpz(NumBuf *out, const NumfmtSpec *spec, mpz_srcptr v, const char *type_name);
NumfmtStatus numfmt_format_int_text(NumBuf *out, const NumfmtSpec *spec, const char *dec, size_t n,
                                    const char *type_name);

/* format(s, spec) for a str: type 's' or 0; precision truncates, width pads,
 * both in code points.  s is UTF-8 of `nbytes` bytes and `ncp` code points. */
NumfmtStatus numfmt_format_str(NumBuf *out, const NumfmtSpec *spec, const char *s, size_t nbytes, size_t ncp,
                               const char *type_name);

/* Appends s (UTF-8, ncp code points) padded with `fill` to `width` code
 * points: align '<' (pad right), '>' (pad left) or '^' (centre, the extra
 * one on the right).  For %s-style padding and the like. */
NumfmtStatus numfmt_pad(NumBuf *out, const char *s, size_t nbytes, size_t ncp, int64_t width, char align,
                        uint32_t fill);

/* ------------------------------------------------------------------ */
/* printf-style (%) formatting of numbers                             */
/* ------------------------------------------------------------------ */

/* One conversion: %[(key)][flags][width][.precision][length]type */
typedef struct NumfmtPercent {
    bool left;          /* '-' */
    bool plus;          /* '+' */
    bool space;         /* ' ' */
    bool alternate;     /* '#' */
    bool zero;          /* '0' */
    bool width_star;    /* width was '*': the caller takes it from the args */
    bool precision_star;
    int64_t width;      /* -1 when absent */
    int64_t precision;  /* -1 when absent */
    size_t key_start, key_len; /* the mapping key's bytes, when has_key */
    bool has_key;
    uint32_t type;      /* the conversion character (code point) */
    size_t type_pos;    /* its byte offset in s (for the caller's
                           "unsupported format character" message) */
} NumfmtPercent;

/* Parses the conversion that starts just after a '%' at byte offset `pos`
 * of s (UTF-8, n bytes).  Sets *end to the byte after the conversion
 * character.  Errors (ValueError): "incomplete format", "incomplete
 * format key", "width too big", "precision too big".  The conversion
 * character is not validated: the caller knows its set (s r a c % d ...)
 * and reports "unsupported format character ...".  A '*' width or
 * precision is left to the caller to fill in (a negative '*' width means
 * '-' and its absolute value). */
NumfmtStatus numfmt_parse_percent(NumfmtPercent *p, const char *s, size_t n, size_t pos, size_t *end,
                                  NumBuf *err);

/* %e %E %f %F %g %G of a float, and %d %i %u %o %x %X of an int. */
NumfmtStatus numfmt_percent_double(NumBuf *out, const NumfmtPercent *p, double x);
NumfmtStatus numfmt_percent_i64(NumBuf *out, const NumfmtPercent *p, int64_t v);
NumfmtStatus numfmt_percent_mpz(NumBuf *out, const NumfmtPercent *p, mpz_srcptr v);

/* ------------------------------------------------------------------ */
/* round(), float.hex(), float.fromhex(), int -> float                */
/* ------------------------------------------------------------------ */

/* round(x, ndigits) for a float: x rounded half-even at 10**-ndigits on
 * its exact value (round(2.675, 2) == 2.67, round(1234.5, -2) == 1200.0).
 * NaN and infinities come back unchanged.  OverflowError "rounded value
 * too large to represent" when the result does not fit. */
NumfmtStatus numfmt_round(double x, int64_t ndigits, double *result, NumBuf *err);

/* round(x) without ndigits: the nearest integer, ties to even, as a double
 * (the caller turns it into an int; x must be finite). */
double numfmt_round_half_even(double x);

/* float.hex(): "0x1.8000000000000p+0", "-0x0.0p+0", "inf", "nan"...
 * Writes a NUL-terminated string (at most NUMFMT_REPR_MAX bytes) and
 * returns its length. */
size_t numfmt_float_hex(double x, char *out);

/* float.fromhex(s): ValueError "invalid hexadecimal floating-point
 * string", OverflowError "hexadecimal value too large to represent as a
 * float".  Correctly rounded, half-even, subnormals included. */
NumfmtStatus numfmt_float_fromhex(const char *s, size_t n, double *result, NumBuf *err);

/* float(v) for a GMP int, correctly rounded (half-even) as CPython's
 * int.__float__; OverflowError "int too large to convert to float". */
NumfmtStatus numfmt_mpz_to_double(mpz_srcptr v, double *result, NumBuf *err);

#endif
