/* Unicode character properties for str's methods and the unicodedata module,
 * as CPython 3.11 defines them (Unicode 14.0, whatever newer data the tables
 * were generated from: see tools/gen_unicode_props.c).
 *
 * Every lookup is O(1): a three-level trie gives a record index.  The
 * per-character predicates are inline so that loops such as str.isalpha()
 * pay no call; all take any uint32_t and answer "unassigned" (category Cn,
 * no properties) for values above U+10FFFF.
 *
 * Identifier properties (XID_Start/XID_Continue), lookup by name and NFKC
 * are in src/parse/unicode_db.h. */
#ifndef KRAIT_UNICODE_PROPS_H
#define KRAIT_UNICODE_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "unicode_prop_tables.h"

/* General categories, in the tables' order: the printable ones (L, M, N, P,
 * S) come before the separators and others (Z, C), which
 * unicode_isprintable relies on. */
typedef enum {
    UNICODE_Lu, UNICODE_Ll, UNICODE_Lt, UNICODE_Lm, UNICODE_Lo,
    UNICODE_Mn, UNICODE_Mc, UNICODE_Me,
    UNICODE_Nd, UNICODE_Nl, UNICODE_No,
    UNICODE_Pc, UNICODE_Pd, UNICODE_Ps, UNICODE_Pe, UNICODE_Pi, UNICODE_Pf, UNICODE_Po,
    UNICODE_Sm, UNICODE_Sc, UNICODE_Sk, UNICODE_So,
    UNICODE_Zs, UNICODE_Zl, UNICODE_Zp,
    UNICODE_Cc, UNICODE_Cf, UNICODE_Cs, UNICODE_Co, UNICODE_Cn,
} UnicodeCategory;

/* The case mappings: str.lower(), upper(), title() (per character) and
 * casefold(). */
typedef enum {
    UNICODE_LOWER = UPROP_LOWER,
    UNICODE_UPPER = UPROP_UPPER,
    UNICODE_TITLE = UPROP_TITLE,
    UNICODE_FOLD = UPROP_FOLD,
} UnicodeCase;

/* The most code points one character's full case mapping can produce. */
#define UNICODE_CASE_MAX UPROP_CASE_MAX
/* The most code points of one decomposition, and the longest string that
 * unicode_decomposition can write (with its NUL). */
#define UNICODE_DECOMP_MAX UPROP_DECOMP_MAX
#define UNICODE_DECOMP_STR_MAX (12 + 7 * UPROP_DECOMP_MAX)

/* The record of a code point; the tables' internals, for the inline
 * functions below. */
static inline const UPropRecord *unicode_record(uint32_t cp)
{
    if (cp >= 0x110000)
        cp = 0xFFFFF;   /* a noncharacter: stands for every unassigned one */
    uint32_t mid = uprop_props_top[cp >> (UPROP_PROPS_SHIFT1 + UPROP_PROPS_SHIFT2)];
    uint32_t leaf = uprop_props_mid[(mid << UPROP_PROPS_SHIFT1) +
                                    ((cp >> UPROP_PROPS_SHIFT2) & ((1u << UPROP_PROPS_SHIFT1) - 1))];
    return &uprop_records[uprop_props_leaf[(leaf << UPROP_PROPS_SHIFT2) +
                                           (cp & ((1u << UPROP_PROPS_SHIFT2) - 1))]];
}

static inline bool unicode_has_flag(uint32_t cp, unsigned flag)
{
    return (unicode_record(cp)->flags & flag) != 0;
}

/* ---- unicodedata ---- */

static inline UnicodeCategory unicode_category(uint32_t cp)
{
    return (UnicodeCategory)unicode_record(cp)->category;
}

/* "Lu", "Ll", ... */
static inline const char *unicode_category_name(UnicodeCategory c)
{
    return uprop_category_names[c];
}

/* unicodedata.bidirectional: "L", "R", ...; "" for unassigned code points. */
static inline const char *unicode_bidirectional(uint32_t cp)
{
    return uprop_bidi_names[unicode_record(cp)->bidi];
}

/* unicodedata.combining: the canonical combining class. */
static inline int unicode_combining(uint32_t cp)
{
    return unicode_record(cp)->combining;
}

/* unicodedata.east_asian_width: "F", "H", "W", "Na", "A" or "N" (F for
 * unassigned code points, as CPython says). */
static inline const char *unicode_east_asian_width(uint32_t cp)
{
    return uprop_eaw_names[unicode_record(cp)->eaw_mirrored & 0x7F];
}

/* unicodedata.mirrored. */
static inline bool unicode_mirrored(uint32_t cp)
{
    return (unicode_record(cp)->eaw_mirrored & 0x80) != 0;
}

/* unicodedata.decimal and .digit: the value 0..9, or -1 if none.  The
 * decimal value is also what int() and float() read non-ASCII digits by. */
static inline int unicode_decimal(uint32_t cp)
{
    int d = unicode_record(cp)->digits & 15;
    return d == 15 ? -1 : d;
}

static inline int unicode_digit(uint32_t cp)
{
    int d = unicode_record(cp)->digits >> 4;
    return d == 15 ? -1 : d;
}

/* unicodedata.numeric: true and the value (exactly CPython's double), or
 * false if the character has none. */
static inline bool unicode_numeric(uint32_t cp, double *value)
{
    unsigned i = unicode_record(cp)->numeric;
    *value = uprop_numeric[i];
    return i != 0;
}

/* unicodedata.decomposition: writes the string ("<compat> 0020 0308", or ""
 * for none; Hangul syllables have none here, as in CPython) into buf, which
 * should have room for UNICODE_DECOMP_STR_MAX bytes; returns its length
 * (the needed length if cap is too small, as snprintf does). */
size_t unicode_decomposition(uint32_t cp, char *buf, size_t cap);

/* The same decomposition as data: returns the number of code points written
 * to out (0 if none) and sets *tag to the tag, "" for a canonical one. */
int unicode_decomposition_raw(uint32_t cp, const char **tag, uint32_t out[UNICODE_DECOMP_MAX]);

/* ---- str predicates, one character each ---- */

static inline bool unicode_isalpha(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_ALPHA);
}

static inline bool unicode_isdecimal(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_DECIMAL);
}

static inline bool unicode_isdigit(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_DIGIT);
}

static inline bool unicode_isnumeric(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_NUMERIC);
}

static inline bool unicode_isalnum(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_ALPHA | UPROP_F_DECIMAL | UPROP_F_DIGIT |
                                    UPROP_F_NUMERIC);
}

/* Python's whitespace (str.isspace, str.split(), int() and float()
 * stripping): bidirectional class WS, B or S, or category Zs. */
static inline bool unicode_isspace(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_SPACE);
}

/* The Lowercase and Uppercase properties, and category Lt.  For one
 * character str.islower() is unicode_islower, str.isupper() is
 * unicode_isupper and str.istitle() is unicode_istitle || unicode_isupper;
 * for longer strings str.c applies CPython's rules over these. */
static inline bool unicode_islower(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_LOWER);
}

static inline bool unicode_isupper(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_UPPER);
}

static inline bool unicode_istitle(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_TITLE);
}

/* Cased and Case_Ignorable: str.title() lowercases a character that follows
 * a cased one, and the final-sigma rule (unicode_final_sigma) uses both. */
static inline bool unicode_iscased(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_CASED);
}

static inline bool unicode_iscase_ignorable(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_CASE_IGNORABLE);
}

/* Where str.splitlines() splits: \n \v \f \r \x1c \x1d \x1e \x85 U+2028
 * U+2029 (a \r\n pair is one break; that is the caller's). */
static inline bool unicode_islinebreak(uint32_t cp)
{
    return unicode_has_flag(cp, UPROP_F_LINEBREAK);
}

/* str.isprintable() of one character: every category but Z* and C*, and the
 * space.  The same answer as unicode_db.h's unicode_is_printable (the test
 * checks every code point), but O(1), derived from the category rather than
 * from a table of its own. */
static inline bool unicode_isprintable(uint32_t cp)
{
    return unicode_record(cp)->category < UNICODE_Zs || cp == ' ';
}

/* ---- case mappings ----
 *
 * How CPython 3.11's str methods combine them (checked against it):
 *   lower()      LOWER of each character; U+03A3 becomes U+03C2 where
 *                unicode_final_sigma says so ("AΣ".lower() == "aς").
 *   upper()      UPPER;  casefold()  FOLD.
 *   title()      TITLE of a character after a non-cased one (or at the
 *                start), else lower() as above; "cased" is unicode_iscased.
 *   capitalize() TITLE of the first character, lower() of the rest
 *                ("ǆAΣ".capitalize() == "ǅaς").
 *   swapcase()   lower() of unicode_isupper characters, UPPER of
 *                unicode_islower ones, others unchanged. */

/* The full mapping of kind (from SpecialCasing.txt and CaseFolding.txt,
 * unconditional entries only): writes 1..UNICODE_CASE_MAX code points to out
 * and returns how many.  A character without a mapping maps to itself.
 * Capital sigma's final form is context-dependent and not applied here: see
 * unicode_final_sigma. */
static inline int unicode_case_full(uint32_t cp, UnicodeCase kind, uint32_t out[UNICODE_CASE_MAX])
{
    const UPropCasing *c = &uprop_casing[unicode_record(cp)->casing];
    unsigned full = c->full[kind];
    if (full == 0) {
        out[0] = cp + (uint32_t)c->delta[kind];   /* modulo 2**32 */
        return 1;
    }
    int n = uprop_case_ext[full];
    for (int i = 0; i < n; i++)
        out[i] = uprop_case_ext[full + 1 + (unsigned)i];
    return n;
}

/* CPython's "simple" mappings (what _sre.unicode_tolower and
 * _sre.unicode_iscased use): the first code point of the full mapping. */
static inline uint32_t unicode_case_simple(uint32_t cp, UnicodeCase kind)
{
    /* Unsigned arithmetic: the delta is added modulo 2**32. */
    return cp + (uint32_t)uprop_casing[unicode_record(cp)->casing].delta[kind];
}

/* Whether the capital sigma (U+03A3) at index i of a string lowercases to
 * the final sigma U+03C2, as str.lower() and str.swapcase() do it: it must
 * follow a cased character and not precede one, skipping case-ignorable
 * characters in both directions.  s holds len code points of width bytes
 * each (1, 2 or 4: a str's storage). */
bool unicode_final_sigma(const void *s, int width, size_t len, size_t i);

#endif
