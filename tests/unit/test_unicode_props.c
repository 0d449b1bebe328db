/* Unit test of src/core/unicode_props.h against CPython 3.11.
 *
 *   test_unicode_props [VECTORS]
 *   test_unicode_props --dump BLOCK PROPERTY
 *
 * VECTORS defaults to tests/unit/data/unicode_props_vectors.txt (from the
 * current directory, else relative to the binary in build/tests/), written by
 * tests/unit/data/gen_unicode_props_vectors.py, whose docstring describes
 * it: CRC-32s of CPython's answers for 28 properties of every code point,
 * per property and per block of 256 code points.  This test writes the same
 * text values from Krait's tables and checksums them the same way, so a
 * single wrong value names its block and its property; --dump prints the
 * values of one block as the script's --dump does, to diff the two.
 *
 * Then: isprintable against unicode_db.h's table for every code point, the
 * final-sigma rule over strings of each width, values above U+10FFFF, and
 * spot checks of well-known answers (which also keep the test meaningful if
 * the vectors were regenerated from a broken reference). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unicode_props.h"
#include "unicode_db.h"

#define NCP 0x110000u
#define NBLOCK (NCP >> 8)
#define SIGMA 0x3A3u
#define FINAL_SIGMA 0x3C2u

typedef struct {
    long passed, failed;
    int shown;
    uint32_t crc_table[256];
} T;

static void check(T *t, bool ok, const char *fmt, ...)
{
    if (ok) {
        t->passed++;
        return;
    }
    t->failed++;
    if (t->shown++ < 40) {
        va_list ap;
        va_start(ap, fmt);
        fputs("FAIL: ", stdout);
        vprintf(fmt, ap);
        fputc('\n', stdout);
        va_end(ap);
    }
}

/* zlib's CRC-32 (reflected, polynomial 0xEDB88320), as Python's zlib.crc32. */
static void crc_init(uint32_t table[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc_update(const uint32_t table[256], uint32_t crc, const char *s, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ (uint8_t)s[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* ---- the text of each property, exactly as the script writes it ---- */

typedef struct {
    char *p;
    size_t n, cap;
} Buf;

/* Appends n bytes; the sweep formats ~30 million values, so it avoids
 * printf. */
static void put_bytes(Buf *b, const char *s, size_t n)
{
    if (b->cap - b->n < n + 1) {
        b->cap = 2 * b->cap + n + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void put_str(Buf *b, const char *s)
{
    put_bytes(b, s, strlen(s));
}

static void put_int(Buf *b, long v)
{
    char tmp[24];
    put_bytes(b, tmp, (size_t)snprintf(tmp, sizeof tmp, "%ld", v));
}

static void put_bool(Buf *b, bool v)
{
    put_bytes(b, v ? "1" : "0", 1);
}

/* Hex with at least min digits, as Python's "%0*X" or "%0*x". */
static void put_hex(Buf *b, uint64_t v, int min, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = digits[v & 15];
        v >>= 4;
    } while (v || n < min);
    char out[16];
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    put_bytes(b, out, (size_t)n);
}

static void put_mapping(Buf *b, uint32_t cp, const uint32_t *m, int n)
{
    if (n == 1 && m[0] == cp) {
        put_str(b, "=");
        return;
    }
    for (int i = 0; i < n; i++) {
        if (i)
            put_str(b, " ");
        put_hex(b, m[i], 1, true);
    }
}

static void put_case(Buf *b, uint32_t cp, UnicodeCase kind)
{
    uint32_t m[UNICODE_CASE_MAX];
    int n = unicode_case_full(cp, kind, m);
    put_mapping(b, cp, m, n);
}

static bool sigma_at(const uint32_t *s, size_t len, size_t i)
{
    return unicode_final_sigma(s, 4, len, i);
}

enum {
    P_CATEGORY, P_BIDI, P_COMBINING, P_EAW, P_MIRRORED, P_DECIMAL, P_DIGIT, P_NUMERIC,
    P_DECOMPOSITION, P_LOWER, P_UPPER, P_TITLE, P_CASEFOLD, P_ISALPHA, P_ISDECIMAL,
    P_ISDIGIT, P_ISNUMERIC, P_ISALNUM, P_ISSPACE, P_ISLOWER, P_ISUPPER, P_ISTITLE,
    P_ISPRINTABLE, P_LINEBREAK, P_CASED, P_CASE_IGNORABLE, P_SIGMA, P_SRE, NPROP
};

/* In the script's order (PROPS in gen_unicode_props_vectors.py). */
static const char *const prop_names[NPROP] = {
    "category", "bidirectional", "combining", "east_asian_width", "mirrored", "decimal",
    "digit", "numeric", "decomposition", "lower", "upper", "title", "casefold", "isalpha",
    "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "islower", "isupper",
    "istitle", "isprintable", "linebreak", "cased", "case_ignorable", "sigma", "sre",
};

/* Appends property p of cp and a newline. */
static void put_prop(Buf *b, int p, uint32_t cp)
{
    switch (p) {
    case P_CATEGORY:
        put_str(b, unicode_category_name(unicode_category(cp)));
        break;
    case P_BIDI:
        put_str(b, unicode_bidirectional(cp));
        break;
    case P_COMBINING:
        put_int(b, unicode_combining(cp));
        break;
    case P_EAW:
        put_str(b, unicode_east_asian_width(cp));
        break;
    case P_MIRRORED:
        put_bool(b, unicode_mirrored(cp));
        break;
    case P_DECIMAL:
        put_int(b, unicode_decimal(cp));
        break;
    case P_DIGIT:
        put_int(b, unicode_digit(cp));
        break;
    case P_NUMERIC: {
        double v;
        if (unicode_numeric(cp, &v)) {
            uint64_t bits;
            memcpy(&bits, &v, sizeof bits);
            put_hex(b, bits, 16, false);
        } else {
            put_str(b, "-");
        }
        break;
    }
    case P_DECOMPOSITION: {
        char d[UNICODE_DECOMP_STR_MAX];
        unicode_decomposition(cp, d, sizeof d);
        put_str(b, d);
        break;
    }
    case P_LOWER:
        put_case(b, cp, UNICODE_LOWER);
        break;
    case P_UPPER:
        put_case(b, cp, UNICODE_UPPER);
        break;
    case P_TITLE:
        put_case(b, cp, UNICODE_TITLE);
        break;
    case P_CASEFOLD:
        put_case(b, cp, UNICODE_FOLD);
        break;
    case P_ISALPHA:
        put_bool(b, unicode_isalpha(cp));
        break;
    case P_ISDECIMAL:
        put_bool(b, unicode_isdecimal(cp));
        break;
    case P_ISDIGIT:
        put_bool(b, unicode_isdigit(cp));
        break;
    case P_ISNUMERIC:
        put_bool(b, unicode_isnumeric(cp));
        break;
    case P_ISALNUM:
        put_bool(b, unicode_isalnum(cp));
        break;
    case P_ISSPACE:
        put_bool(b, unicode_isspace(cp));
        break;
    case P_ISLOWER:
        /* CPython's str.islower of one character. */
        put_bool(b, unicode_islower(cp));
        break;
    case P_ISUPPER:
        put_bool(b, unicode_isupper(cp));
        break;
    case P_ISTITLE:
        put_bool(b, unicode_istitle(cp) || unicode_isupper(cp));
        break;
    case P_ISPRINTABLE:
        put_bool(b, unicode_isprintable(cp));
        break;
    case P_LINEBREAK:
        put_bool(b, unicode_islinebreak(cp));
        break;
    case P_CASED:
        put_bool(b, unicode_iscased(cp));
        break;
    case P_CASE_IGNORABLE:
        put_bool(b, unicode_iscase_ignorable(cp));
        break;
    case P_SIGMA: {
        const uint32_t a[2] = {cp, SIGMA}, c[3] = {'A', SIGMA, cp}, d[3] = {'A', cp, SIGMA};
        put_bool(b, sigma_at(a, 2, 1));
        put_bool(b, sigma_at(c, 3, 1));
        put_bool(b, sigma_at(d, 3, 2));
        break;
    }
    case P_SRE: {
        uint32_t lo = unicode_case_simple(cp, UNICODE_LOWER);
        uint32_t up = unicode_case_simple(cp, UNICODE_UPPER);
        put_mapping(b, cp, &lo, 1);
        put_str(b, lo != cp || up != cp ? " 1" : " 0");
        break;
    }
    default:
        abort();
    }
    put_str(b, "\n");
}

static int find_prop(const char *name)
{
    for (int p = 0; p < NPROP; p++)
        if (strcmp(prop_names[p], name) == 0)
            return p;
    return -1;
}

/* ---- the sweep against the vectors ---- */

typedef struct {
    bool version_seen;
    bool prop_seen[NPROP];
    uint32_t prop_crc[NPROP];
    bool block_seen[NBLOCK];
    uint32_t block_crc[NBLOCK];
} Vectors;

static FILE *open_vectors(int argc, char **argv, const char **path, char *buf, size_t cap)
{
    if (argc > 1) {
        *path = argv[1];
        return fopen(argv[1], "r");
    }
    *path = "tests/unit/data/unicode_props_vectors.txt";
    FILE *f = fopen(*path, "r");
    if (f)
        return f;
    /* Run from elsewhere: the binary is build/tests/test_unicode_props. */
    const char *slash = strrchr(argv[0], '/');
    if (!slash)
        return NULL;
    snprintf(buf, cap, "%.*s/../../tests/unit/data/unicode_props_vectors.txt",
             (int)(slash - argv[0]), argv[0]);
    *path = buf;
    return fopen(buf, "r");
}

static void read_vectors(T *t, FILE *f, Vectors *v)
{
    char line[512];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char name[64], version[32];
        unsigned first, count, crc;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "U %31s", version) == 1) {
            v->version_seen = true;
            check(t, strcmp(version, UPROP_UNICODE_VERSION) == 0,
                  "vectors are Unicode %s, tables are %s", version, UPROP_UNICODE_VERSION);
        } else if (sscanf(line, "P %63s %x", name, &crc) == 2) {
            int p = find_prop(name);
            check(t, p >= 0, "line %ld: unknown property %s", lineno, name);
            if (p >= 0) {
                v->prop_seen[p] = true;
                v->prop_crc[p] = crc;
            }
        } else if (sscanf(line, "B %x %x %x", &first, &count, &crc) == 3 && first < NBLOCK &&
                   count <= NBLOCK - first) {
            for (unsigned b = first; b < first + count; b++) {
                v->block_seen[b] = true;
                v->block_crc[b] = crc;
            }
        } else {
            check(t, false, "line %ld of the vectors is malformed", lineno);
        }
    }
}

static void sweep(T *t, const Vectors *v)
{
    uint32_t prop_crc[NPROP] = {0};
    Buf b = {0};
    long bad_blocks = 0;
    for (uint32_t block = 0; block < NBLOCK; block++) {
        uint32_t crc = 0;
        for (int p = 0; p < NPROP; p++) {
            b.n = 0;
            for (uint32_t cp = block << 8; cp < (block + 1) << 8; cp++)
                put_prop(&b, p, cp);
            prop_crc[p] = crc_update(t->crc_table, prop_crc[p], b.p, b.n);
            crc = crc_update(t->crc_table, crc, b.p, b.n);
        }
        if (!v->block_seen[block]) {
            check(t, false, "the vectors have no checksum for block %X", block);
        } else {
            bool ok = crc == v->block_crc[block];
            bad_blocks += !ok;
            check(t, ok, "block %X (U+%04X..U+%04X) differs from CPython in some property",
                  block, block << 8, (block << 8) + 255);
        }
    }
    for (int p = 0; p < NPROP; p++) {
        check(t, v->prop_seen[p], "the vectors have no checksum for %s", prop_names[p]);
        if (v->prop_seen[p])
            check(t, prop_crc[p] == v->prop_crc[p], "property %s differs from CPython",
                  prop_names[p]);
    }
    if (bad_blocks)
        printf("To see the values: diff the output of\n"
               "  /usr/bin/python3.11 tests/unit/data/gen_unicode_props_vectors.py --dump BLOCK PROPERTY\n"
               "  build/tests/test_unicode_props --dump BLOCK PROPERTY\n");
    printf("compared %d properties of %u code points in %u blocks\n", NPROP, NCP, NBLOCK);
    free(b.p);
}

static int dump(const char *block_s, const char *name)
{
    char *end;
    unsigned long block = strtoul(block_s, &end, 16);
    int p = find_prop(name);
    if (*end || block >= NBLOCK || p < 0) {
        fprintf(stderr, "usage: test_unicode_props --dump BLOCK(hex) PROPERTY\n");
        return 2;
    }
    Buf b = {0};
    for (uint32_t cp = (uint32_t)block << 8; cp < (uint32_t)(block + 1) << 8; cp++) {
        b.n = 0;
        put_prop(&b, p, cp);
        printf("U+%04X %s", cp, b.p);
    }
    free(b.p);
    return 0;
}

/* ---- checks beyond the vectors ---- */

static void check_printable(T *t)
{
    long bad = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (unicode_isprintable(cp) != unicode_is_printable(cp)) {
            bad++;
            check(t, false, "isprintable of U+%04X differs from unicode_db's", cp);
        }
    }
    check(t, bad == 0, "isprintable agrees with unicode_db on every code point");
}

/* The final-sigma rule over strings of each storage width. */
static void check_final_sigma(T *t)
{
    /* "ΑΣ ΣΑ Σ" and friends, in UCS-4 and UCS-2. */
    static const struct {
        uint32_t s[8];
        size_t len, i;
        bool want;
    } cases[] = {
        {{'A', SIGMA}, 2, 1, true},
        {{SIGMA}, 1, 0, false},
        {{SIGMA, 'A'}, 2, 0, false},
        {{'A', SIGMA, 'A'}, 3, 1, false},
        {{'A', SIGMA, ' '}, 3, 1, true},
        {{'A', '\'', SIGMA}, 3, 2, true},            /* ' is case-ignorable */
        {{'A', SIGMA, '\'', 'b'}, 4, 1, false},
        {{'A', SIGMA, '\'', '.'}, 4, 1, true},
        {{'.', SIGMA}, 2, 1, false},
        {{0x2B0, SIGMA}, 2, 1, false},               /* cased but skipped */
        {{'a', 0x2B0, SIGMA}, 3, 2, true},
        {{'a', SIGMA, 0x2B0}, 3, 1, true},
        {{0x10400, SIGMA}, 2, 1, true},              /* DESERET CAPITAL LONG I */
        {{'1', SIGMA}, 2, 1, false},
        {{'A', SIGMA, 0x10428}, 3, 1, false},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bool got = unicode_final_sigma(cases[k].s, 4, cases[k].len, cases[k].i);
        check(t, got == cases[k].want, "final sigma case %zu (UCS-4)", k);
        uint16_t s2[8];
        bool narrow = true;
        for (size_t j = 0; j < cases[k].len; j++) {
            narrow &= cases[k].s[j] < 0x10000;
            s2[j] = (uint16_t)cases[k].s[j];
        }
        if (narrow)
            check(t, unicode_final_sigma(s2, 2, cases[k].len, cases[k].i) == cases[k].want,
                  "final sigma case %zu (UCS-2)", k);
    }
    /* Latin-1 strings hold no sigma, but the rule reads them all the same. */
    const uint8_t s1[] = {'a', 'x', '.', 0xC0, 0xAD};   /* U+00AD is case-ignorable */
    check(t, unicode_final_sigma(s1, 1, 3, 1), "final sigma, Latin-1, before '.' at the end");
    check(t, !unicode_final_sigma(s1, 1, 5, 2), "final sigma, Latin-1, before U+00C0");
    check(t, unicode_final_sigma(s1, 1, 5, 4), "final sigma, Latin-1, after U+00C0");
    check(t, !unicode_final_sigma(s1, 1, 5, 0), "final sigma at index 0");
}

static void expect_case(T *t, uint32_t cp, UnicodeCase kind, const char *want)
{
    Buf b = {0};
    put_case(&b, cp, kind);
    check(t, strcmp(b.p, want) == 0, "case %d of U+%04X: want %s, got %s", (int)kind, cp, want,
          b.p);
    free(b.p);
}

static void check_spots(T *t)
{
    double v;
    check(t, unicode_category(0x41) == UNICODE_Lu, "category of A");
    check(t, strcmp(unicode_category_name(unicode_category(0x378)), "Cn") == 0, "U+0378 is Cn");
    check(t, strcmp(unicode_category_name(UNICODE_Zs), "Zs") == 0, "enum order (Zs)");
    check(t, strcmp(unicode_category_name(UNICODE_Cn), "Cn") == 0, "enum order (Cn)");
    check(t, strcmp(unicode_bidirectional(0x5D0), "R") == 0, "bidirectional of alef");
    check(t, strcmp(unicode_bidirectional(0x378), "") == 0, "bidirectional of unassigned");
    check(t, unicode_combining(0x301) == 230, "combining of U+0301");
    check(t, strcmp(unicode_east_asian_width(0x4E00), "W") == 0, "width of U+4E00");
    check(t, strcmp(unicode_east_asian_width(0xFF21), "F") == 0, "width of U+FF21");
    check(t, unicode_mirrored('(') && !unicode_mirrored('a'), "mirrored");
    check(t, unicode_decimal(0x663) == 3 && unicode_digit(0x663) == 3, "ARABIC-INDIC THREE");
    check(t, unicode_decimal(0xB2) == -1 && unicode_digit(0xB2) == 2, "superscript two");
    check(t, unicode_numeric(0x2153, &v) && v == 1.0 / 3.0, "numeric of 1/3");
    check(t, unicode_numeric(0x5146, &v) && v == 1e12, "numeric of U+5146");
    check(t, unicode_numeric(0xF33, &v) && v == -0.5, "numeric of U+0F33");
    check(t, !unicode_numeric('a', &v), "numeric of a");
    check(t, unicode_isnumeric(0x4E00) && !unicode_isdigit(0x4E00), "U+4E00 is numeric only");
    check(t, unicode_isspace(0x1C) && unicode_isspace(0x3000) && !unicode_isspace(0x200B),
          "isspace");
    check(t, unicode_isalnum(0xB2) && !unicode_isalnum('_'), "isalnum");
    check(t, unicode_islinebreak(0x0B) && unicode_islinebreak(0x2028) && !unicode_islinebreak(0x1F),
          "linebreak");
    expect_case(t, 0xDF, UNICODE_UPPER, "53 53");
    expect_case(t, 0xDF, UNICODE_TITLE, "53 73");
    expect_case(t, 0xDF, UNICODE_FOLD, "73 73");
    expect_case(t, 0xDF, UNICODE_LOWER, "=");
    expect_case(t, 0x130, UNICODE_LOWER, "69 307");
    expect_case(t, 0xFB03, UNICODE_UPPER, "46 46 49");
    expect_case(t, 0x1C5, UNICODE_TITLE, "=");
    expect_case(t, 0x1C4, UNICODE_TITLE, "1C5");
    expect_case(t, SIGMA, UNICODE_LOWER, "3C3");
    expect_case(t, FINAL_SIGMA, UNICODE_FOLD, "3C3");
    expect_case(t, 0x13A0, UNICODE_LOWER, "AB70");
    expect_case(t, 0x13F8, UNICODE_FOLD, "13F0");
    check(t, unicode_case_simple(0xDF, UNICODE_UPPER) == 'S', "simple upper of sharp s");
    check(t, unicode_case_simple(0x130, UNICODE_LOWER) == 'i', "simple lower of U+0130");

    char d[UNICODE_DECOMP_STR_MAX];
    check(t, unicode_decomposition(0xE9, d, sizeof d) == 9 && strcmp(d, "0065 0301") == 0,
          "decomposition of e acute");
    check(t, unicode_decomposition(0xAC00, d, sizeof d) == 0 && d[0] == '\0',
          "Hangul syllables have no decomposition string");
    size_t n = unicode_decomposition(0xFDFA, d, sizeof d);
    check(t, n < sizeof d && strncmp(d, "<isolated> 0635 0644 0649 0020", 30) == 0,
          "decomposition of U+FDFA");
    char small[8];
    check(t, unicode_decomposition(0xFDFA, small, sizeof small) == n &&
                 strcmp(small, "<isolat") == 0,
          "decomposition into a short buffer");
    check(t, unicode_decomposition(0xFDFA, NULL, 0) == n, "decomposition length only");
    const char *tag;
    uint32_t raw[UNICODE_DECOMP_MAX];
    check(t, unicode_decomposition_raw(0x1D400, &tag, raw) == 1 && strcmp(tag, "<font>") == 0 &&
                 raw[0] == 'A',
          "raw decomposition of U+1D400");
    check(t, unicode_decomposition_raw(0x2F800, &tag, raw) == 1 && tag[0] == '\0' &&
                 raw[0] == 0x4E3D,
          "raw decomposition of U+2F800");
    check(t, unicode_decomposition_raw(0x1D15E, &tag, raw) == 2 && raw[0] == 0x1D157 &&
                 raw[1] == 0x1D165,
          "raw decomposition of U+1D15E (above U+FFFF)");

    /* Values that are not code points answer as unassigned ones. */
    static const uint32_t wild[] = {0x110000, 0x1FFFFF, 0x7FFFFFFF, 0xFFFFFFFF};
    for (size_t k = 0; k < sizeof wild / sizeof wild[0]; k++) {
        uint32_t c = wild[k], m[UNICODE_CASE_MAX];
        bool ok = unicode_category(c) == UNICODE_Cn && !unicode_isprintable(c) &&
                  !unicode_isalnum(c) && !unicode_isspace(c) &&
                  unicode_case_full(c, UNICODE_UPPER, m) == 1 && m[0] == c &&
                  unicode_case_simple(c, UNICODE_LOWER) == c &&
                  unicode_decomposition(c, d, sizeof d) == 0 && unicode_decimal(c) == -1;
        check(t, ok, "value %X above the code points", c);
    }
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--dump") == 0)
        return dump(argv[2], argv[3]);
    static T t;
    crc_init(t.crc_table);
    printf("tables: Unicode %s (from %s data), %d bytes\n", UPROP_UNICODE_VERSION,
           UPROP_DATA_VERSION, (int)UPROP_TABLE_BYTES);

    const char *path;
    char pathbuf[4096];
    FILE *f = open_vectors(argc, argv, &path, pathbuf, sizeof pathbuf);
    check(&t, f != NULL, "cannot open %s", path);
    if (f) {
        Vectors *v = calloc(1, sizeof *v);
        if (!v) {
            puts("out of memory");
            return 1;
        }
        read_vectors(&t, f, v);
        fclose(f);
        check(&t, v->version_seen, "%s does not name its Unicode version", path);
        sweep(&t, v);
        free(v);
    }
    check_printable(&t);
    check_final_sigma(&t);
    check_spots(&t);

    printf("%ld passed, %ld failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
