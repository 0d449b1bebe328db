/* gen_unicode_props: turns the Unicode Character Database text files
 * (Debian's unicode-data package) into the per-code-point property tables
 * behind src/core/unicode_props.c: what str's predicates and case mappings
 * and the unicodedata module need.
 *
 *   gen_unicode_props UCD_DIR OUT.c OUT.h
 *
 * Files read: DerivedAge.txt, UnicodeData.txt, DerivedCoreProperties.txt,
 * EastAsianWidth.txt, SpecialCasing.txt, CaseFolding.txt and
 * extracted/DerivedNumericValues.txt (which folds in the Unihan numeric
 * values, so the compressed Unihan files need not be read).
 *
 * Version.  As tools/gen_unicode.c does (see its header), every code point
 * that DerivedAge.txt dates after Unicode 14.0, CPython 3.11's version, is
 * treated as unassigned, whatever newer data is installed.  The changes
 * 15.0 made to older characters are undone by later_props below; those of
 * later versions are not known here (the generator warns when given such
 * data), and tests/unit/test_unicode_props.c, which compares every code
 * point with CPython 3.11, would show them.
 *
 * What CPython 3.11 derives from the data, and so what is stored here:
 *   - category, bidirectional class, combining class, mirrored, decimal,
 *     digit: UnicodeData.txt.  Unassigned code points are Cn with the empty
 *     bidirectional class and east asian width F (CPython's record 0).
 *   - east asian width: EastAsianWidth.txt for assigned code points, N when
 *     the file omits one.
 *   - numeric value: DerivedNumericValues.txt (UnicodeData field 8 plus
 *     Unihan's kPrimaryNumeric, kAccountingNumeric, kOtherNumeric).
 *   - flags: alpha = L*; decimal/digit/numeric = has that value; space =
 *     bidirectional WS, B or S, or category Zs; lower/upper = the derived
 *     Lowercase/Uppercase properties; title = Lt; cased, case-ignorable =
 *     the derived properties; line break = bidirectional B, Zl, Zp, or
 *     \v \f (which str.splitlines also splits at).
 *   - case mappings: the unconditional SpecialCasing.txt entries where there
 *     is one, else UnicodeData's simple mappings (an empty title mapping is
 *     the upper one); case folding is CaseFolding.txt's C and F entries, else
 *     the character itself.  CPython's "simple" mappings (which _sre uses)
 *     are the first code point of the full ones.
 *   - decomposition: UnicodeData field 5 as it is (tag and one step).
 *
 * Format.  Each code point maps to a record index through a three-level
 * trie (top[cp >> (S1+S2)] picks a middle block, which picks a leaf block,
 * which holds the index); blocks with the same contents are stored once and
 * the shifts are the ones that make the whole smallest.  Records are
 * deduplicated, so case mappings are stored as deltas (cp + delta is the
 * first code point of the mapping) in a separate deduplicated table, and
 * mappings of two or three code points point into a small pool.
 * Decompositions have their own trie, of offsets into a pool of 16-bit
 * words: a header (tag << 5 | count) then the code points, those above
 * U+FFFF as two words (high 16 bits first, always < 0x11, then the low 16).
 *
 * Output is written to temporary files and renamed at the end, so a failed
 * run never leaves a half-written table that make would consider fresh. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000u
#define MAX_CASE 3      /* longest full case mapping or folding */
#define MAX_DECOMP 18   /* longest single-step decomposition (U+FDFA) */

#define TARGET_MAJOR 14
#define TARGET_MINOR 0
#define TARGET_VERSION "14.0.0"
/* The newest data whose differences from TARGET_VERSION are all handled:
 * additions (by DerivedAge.txt) and the changes in later_props. */
#define KNOWN_MAJOR 15
#define KNOWN_MINOR 0

/* Properties that a version after TARGET_VERSION gave to characters that
 * are not newer themselves, to be taken away again.  15.0 made these
 * modifier letters Other_Lowercase, hence Lowercase and Cased. */
static const struct {
    uint32_t lo, hi;
    const char *prop;
    int major, minor;   /* the version that added it */
} later_props[] = {
    {0x10FC, 0x10FC, "Lowercase", 15, 0},
    {0x10FC, 0x10FC, "Cased", 15, 0},
    {0xA7F2, 0xA7F4, "Lowercase", 15, 0},
    {0xA7F2, 0xA7F4, "Cased", 15, 0},
    {0xAB69, 0xAB69, "Lowercase", 15, 0},
    {0xAB69, 0xAB69, "Cased", 15, 0},
};

/* Value orders shared with src/core/unicode_props.h (the enums there must
 * list the same names in the same order; the unit test checks every code
 * point's names against CPython, so a mismatch cannot pass). */
static const char *const category_names[] = {
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
    "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
};
enum { CAT_Lt = 2, CAT_Lo = 4, CAT_Zs = 22, CAT_Zl = 23, CAT_Zp = 24, CAT_Cn = 29 };

/* Index 0 is what CPython reports for unassigned code points. */
static const char *const bidi_names[] = {
    "", "L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS",
    "ON", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
};
enum { BIDI_B = 11, BIDI_S = 12, BIDI_WS = 13 };

/* Index 0 is what CPython reports for unassigned code points. */
static const char *const eaw_names[] = {"F", "H", "W", "Na", "A", "N"};
enum { EAW_N = 5 };

/* Index 0 is a canonical decomposition (no tag). */
static const char *const decomp_tags[] = {
    "", "<font>", "<noBreak>", "<initial>", "<medial>", "<final>", "<isolated>",
    "<circle>", "<super>", "<sub>", "<vertical>", "<wide>", "<narrow>", "<small>",
    "<square>", "<fraction>", "<compat>",
};

enum {
    F_ALPHA = 1 << 0,
    F_DECIMAL = 1 << 1,
    F_DIGIT = 1 << 2,
    F_NUMERIC = 1 << 3,
    F_SPACE = 1 << 4,
    F_LOWER = 1 << 5,
    F_UPPER = 1 << 6,
    F_TITLE = 1 << 7,
    F_CASED = 1 << 8,
    F_CASE_IGNORABLE = 1 << 9,
    F_LINEBREAK = 1 << 10,
};

/* The case mapping kinds, in the order of the casing table's columns. */
enum { LOWER, UPPER, TITLE, FOLD, NKIND };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    uint8_t n;
    uint32_t cp[MAX_CASE];
} Mapping;

typedef struct {
    bool later;       /* assigned after the target version: left out */
    bool assigned;
    uint8_t category, bidi, ccc, eaw;
    bool mirrored;
    int8_t decimal, digit;   /* -1: none */
    bool has_numeric;
    int64_t num, den;        /* the numeric value, num / den */
    uint16_t flags;
    uint32_t simple[3];      /* UnicodeData's upper, lower, title (cp if none) */
    bool special;            /* has an unconditional SpecialCasing entry */
    Mapping map[NKIND];
    uint8_t dtag, dn;
    uint32_t dcp[MAX_DECOMP];
} Char;

typedef struct {
    Char *c;
    char version[32];
    int major, minor;
    size_t nlater;
} Ucd;

typedef struct {
    FILE *c, *h;
    size_t bytes;   /* total size of the emitted tables */
} Out;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_unicode_props: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die("out of memory");
    return p;
}

/* ---- reading the UCD ---- */

typedef struct {
    FILE *f;
    const char *name;
    char *line;
    size_t cap;
    long lineno;
} Reader;

static void reader_open(Reader *r, const char *dir, const char *file)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s", dir, file);
    r->f = fopen(path, "r");
    if (!r->f)
        die("cannot open %s", path);
    free(path);
    r->name = file;
    r->line = NULL;
    r->cap = 0;
    r->lineno = 0;
}

static void reader_close(Reader *r)
{
    free(r->line);
    fclose(r->f);
}

/* Reads the next line with data, splits it at ';' into trimmed fields (in
 * place, comment removed) and returns the count; 0 at the end of the file. */
static int next_fields(Reader *r, char **field, int max)
{
    while (getline(&r->line, &r->cap, r->f) > 0) {
        r->lineno++;
        char *hash = strchr(r->line, '#');
        if (hash)
            *hash = '\0';
        int n = 0;
        char *p = r->line;
        for (;;) {
            char *semi = strchr(p, ';');
            if (semi)
                *semi = '\0';
            while (*p == ' ' || *p == '\t')
                p++;
            char *e = p + strlen(p);
            while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
                *--e = '\0';
            if (n < max)
                field[n++] = p;
            if (!semi)
                break;
            p = semi + 1;
        }
        if (n == 1 && field[0][0] == '\0')
            continue;
        return n;
    }
    return 0;
}

static uint32_t parse_hex(const Reader *r, const char *s, const char **end)
{
    uint32_t v = 0;
    int digits = 0;
    for (;; s++, digits++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else
            break;
        v = v * 16 + (uint32_t)d;
        if (v >= NCP)
            die("%s:%ld: code point out of range", r->name, r->lineno);
    }
    if (digits == 0)
        die("%s:%ld: expected hex digits at '%s'", r->name, r->lineno, s);
    if (end)
        *end = s;
    return v;
}

/* "XXXX" or "XXXX..YYYY". */
static void parse_range(const Reader *r, const char *s, uint32_t *lo, uint32_t *hi)
{
    const char *e;
    *lo = parse_hex(r, s, &e);
    *hi = *lo;
    if (e[0] == '.' && e[1] == '.')
        *hi = parse_hex(r, e + 2, &e);
    if (*e != '\0' || *hi < *lo)
        die("%s:%ld: bad code point range '%s'", r->name, r->lineno, s);
}

/* Space-separated hex code points; returns the count. */
static int parse_cps(const Reader *r, const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        if (n == max)
            die("%s:%ld: more than %d code points", r->name, r->lineno, max);
        out[n++] = parse_hex(r, s, &s);
    }
    return n;
}

static int find_name(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static bool parse_version(const char *s, int *major, int *minor)
{
    char *e;
    long a = strtol(s, &e, 10);
    if (e == s || *e != '.' || a < 1 || a > 999)
        return false;
    const char *m = e + 1;
    long b = strtol(m, &e, 10);
    if (e == m || (*e != '\0' && *e != '.') || b < 0 || b > 999)
        return false;
    *major = (int)a;
    *minor = (int)b;
    return true;
}

static int cmp_version(int major, int minor, int major2, int minor2)
{
    if (major != major2)
        return major < major2 ? -1 : 1;
    return minor < minor2 ? -1 : minor > minor2;
}

static void read_age(Ucd *u, const char *dir)
{
    /* The data's own version, from the first line "# DerivedAge-15.0.0.txt". */
    Reader r;
    reader_open(&r, dir, "DerivedAge.txt");
    char first[256] = "";
    if (!fgets(first, sizeof first, r.f) || strncmp(first, "# DerivedAge-", 13) != 0)
        die("DerivedAge.txt: cannot read the version from its first line");
    size_t n = strspn(first + 13, "0123456789.");
    while (n > 0 && first[13 + n - 1] == '.')
        n--;
    if (n == 0 || n >= sizeof u->version)
        die("DerivedAge.txt: cannot read the version from its first line");
    memcpy(u->version, first + 13, n);
    u->version[n] = '\0';
    if (!parse_version(u->version, &u->major, &u->minor))
        die("DerivedAge.txt: bad version %s", u->version);
    rewind(r.f);

    char *field[3];
    bool saw_target = false;
    int nf;
    while ((nf = next_fields(&r, field, 3)) > 0) {
        int major, minor;
        if (nf != 2 || !parse_version(field[1], &major, &minor))
            die("DerivedAge.txt:%ld: bad line", r.lineno);
        int c = cmp_version(major, minor, TARGET_MAJOR, TARGET_MINOR);
        saw_target |= c == 0;
        if (c <= 0)
            continue;
        uint32_t lo, hi;
        parse_range(&r, field[0], &lo, &hi);
        for (uint32_t cp = lo; cp <= hi; cp++) {
            if (!u->c[cp].later)
                u->nlater++;
            u->c[cp].later = true;
        }
    }
    reader_close(&r);
    if (!saw_target)
        die("Unicode %s data has no characters of %s, which CPython 3.11 needs",
            u->version, TARGET_VERSION);
    if (cmp_version(u->major, u->minor, KNOWN_MAJOR, KNOWN_MINOR) > 0)
        fprintf(stderr,
                "gen_unicode_props: warning: Unicode %s data is newer than %d.%d; characters\n"
                "  it adds are left out, but changes to older ones may not be undone (run\n"
                "  tests/unit/test_unicode_props to compare with CPython 3.11)\n",
                u->version, KNOWN_MAJOR, KNOWN_MINOR);
}

/* A decimal integer or fraction "a/b", as in UnicodeData field 8 and
 * DerivedNumericValues field 3. */
static void parse_rational(const Reader *r, const char *s, int64_t *num, int64_t *den)
{
    char *e;
    long long a = strtoll(s, &e, 10);
    long long b = 1;
    if (e == s)
        die("%s:%ld: bad number '%s'", r->name, r->lineno, s);
    if (*e == '/') {
        const char *d = e + 1;
        b = strtoll(d, &e, 10);
        if (e == d || b <= 0)
            die("%s:%ld: bad fraction '%s'", r->name, r->lineno, s);
    }
    if (*e != '\0')
        die("%s:%ld: bad number '%s'", r->name, r->lineno, s);
    *num = a;
    *den = b;
}

static int parse_digit(const Reader *r, const char *s)
{
    if (!*s)
        return -1;
    if (s[0] < '0' || s[0] > '9' || s[1] != '\0')
        die("%s:%ld: bad digit value '%s'", r->name, r->lineno, s);
    return s[0] - '0';
}

static void read_unicode_data(Ucd *u, const char *dir)
{
    Reader r;
    reader_open(&r, dir, "UnicodeData.txt");
    char *field[16];
    int nf;
    uint32_t range_first = 0;
    bool in_range = false;
    while ((nf = next_fields(&r, field, 16)) > 0) {
        if (nf != 15)
            die("UnicodeData.txt:%ld: expected 15 fields, got %d", r.lineno, nf);
        uint32_t cp, hi;
        parse_range(&r, field[0], &cp, &hi);
        const char *name = field[1];
        size_t nl = strlen(name);
        if (name[0] == '<' && nl > 8 && strcmp(name + nl - 8, ", First>") == 0) {
            range_first = cp;
            in_range = true;
            continue;
        }
        uint32_t lo = cp;
        if (name[0] == '<' && nl > 7 && strcmp(name + nl - 7, ", Last>") == 0) {
            if (!in_range)
                die("UnicodeData.txt:%ld: Last without First", r.lineno);
            lo = range_first;
            in_range = false;
        }

        Char proto;
        memset(&proto, 0, sizeof proto);
        proto.assigned = true;
        int cat = find_name(category_names, COUNT(category_names), field[2]);
        int bidi = find_name(bidi_names, COUNT(bidi_names), field[4]);
        if (cat < 0 || cat == CAT_Cn)
            die("UnicodeData.txt:%ld: bad category %s", r.lineno, field[2]);
        if (bidi <= 0)
            die("UnicodeData.txt:%ld: bad bidirectional class %s", r.lineno, field[4]);
        int ccc = atoi(field[3]);
        if (ccc < 0 || ccc > 254)
            die("UnicodeData.txt:%ld: bad combining class", r.lineno);
        proto.category = (uint8_t)cat;
        proto.bidi = (uint8_t)bidi;
        proto.ccc = (uint8_t)ccc;
        proto.eaw = EAW_N;
        proto.decimal = (int8_t)parse_digit(&r, field[6]);
        proto.digit = (int8_t)parse_digit(&r, field[7]);
        if (field[8][0]) {
            proto.has_numeric = true;
            parse_rational(&r, field[8], &proto.num, &proto.den);
        }
        if (strcmp(field[9], "Y") == 0)
            proto.mirrored = true;
        else if (strcmp(field[9], "N") != 0)
            die("UnicodeData.txt:%ld: bad mirrored field", r.lineno);

        if (field[5][0]) {
            if (lo != cp)
                die("UnicodeData.txt:%ld: decomposition on a range", r.lineno);
            const char *d = field[5];
            if (d[0] == '<') {
                const char *end = strchr(d, '>');
                if (!end)
                    die("UnicodeData.txt:%ld: bad decomposition tag", r.lineno);
                char tag[32];
                size_t tl = (size_t)(end - d) + 1;
                if (tl >= sizeof tag)
                    die("UnicodeData.txt:%ld: bad decomposition tag", r.lineno);
                memcpy(tag, d, tl);
                tag[tl] = '\0';
                int t = find_name(decomp_tags, COUNT(decomp_tags), tag);
                if (t <= 0)
                    die("UnicodeData.txt:%ld: unknown decomposition tag %s", r.lineno, tag);
                proto.dtag = (uint8_t)t;
                d = end + 1;
            }
            proto.dn = (uint8_t)parse_cps(&r, d, proto.dcp, MAX_DECOMP);
            if (proto.dn == 0)
                die("UnicodeData.txt:%ld: empty decomposition", r.lineno);
        }

        /* Simple mappings: upper, lower, title; an empty title mapping is
         * the upper one, an empty other is the character itself. */
        for (int k = 0; k < 3; k++) {
            const char *s = field[12 + k];
            if (s[0]) {
                if (lo != cp)
                    die("UnicodeData.txt:%ld: case mapping on a range", r.lineno);
                proto.simple[k] = parse_hex(&r, s, NULL);
            } else {
                proto.simple[k] = k == 2 ? proto.simple[0] : 0xFFFFFFFF;
            }
        }

        for (uint32_t c = lo; c <= cp; c++) {
            if (u->c[c].later)
                continue;
            u->c[c] = proto;
            for (int k = 0; k < 3; k++)
                if (u->c[c].simple[k] == 0xFFFFFFFF)
                    u->c[c].simple[k] = c;
        }
    }
    reader_close(&r);
}

/* Calls back for every (code point, value) of a two-field property file,
 * skipping code points left out as newer. */
typedef void PropFn(Ucd *u, uint32_t cp, const char *value, const Reader *r);

static int read_prop_file(Ucd *u, const char *dir, const char *file, PropFn *fn)
{
    Reader r;
    reader_open(&r, dir, file);
    char *field[4];
    int nf, lines = 0;
    while ((nf = next_fields(&r, field, 4)) > 0) {
        if (nf < 2)
            die("%s:%ld: expected two fields", file, r.lineno);
        uint32_t lo, hi;
        parse_range(&r, field[0], &lo, &hi);
        for (uint32_t c = lo; c <= hi; c++)
            if (!u->c[c].later)
                fn(u, c, field[1], &r);
        lines++;
    }
    reader_close(&r);
    return lines;
}

static void core_prop(Ucd *u, uint32_t cp, const char *value, const Reader *r)
{
    (void)r;
    for (size_t i = 0; i < COUNT(later_props); i++)
        if (cp >= later_props[i].lo && cp <= later_props[i].hi &&
            strcmp(value, later_props[i].prop) == 0 &&
            cmp_version(later_props[i].major, later_props[i].minor, u->major, u->minor) <= 0)
            return;
    if (strcmp(value, "Lowercase") == 0)
        u->c[cp].flags |= F_LOWER;
    else if (strcmp(value, "Uppercase") == 0)
        u->c[cp].flags |= F_UPPER;
    else if (strcmp(value, "Cased") == 0)
        u->c[cp].flags |= F_CASED;
    else if (strcmp(value, "Case_Ignorable") == 0)
        u->c[cp].flags |= F_CASE_IGNORABLE;
}

static void eaw_prop(Ucd *u, uint32_t cp, const char *value, const Reader *r)
{
    int w = find_name(eaw_names, COUNT(eaw_names), value);
    if (w < 0)
        die("%s:%ld: bad width %s", r->name, r->lineno, value);
    /* The file also gives defaults for unassigned code points (W in the
     * ideograph blocks), which CPython does not report. */
    if (u->c[cp].assigned)
        u->c[cp].eaw = (uint8_t)w;
}

static void read_numeric(Ucd *u, const char *dir)
{
    Reader r;
    reader_open(&r, dir, "extracted/DerivedNumericValues.txt");
    char *field[5];
    int nf;
    while ((nf = next_fields(&r, field, 5)) > 0) {
        if (nf < 4)
            die("DerivedNumericValues.txt:%ld: expected four fields", r.lineno);
        uint32_t lo, hi;
        parse_range(&r, field[0], &lo, &hi);
        int64_t num, den;
        parse_rational(&r, field[3], &num, &den);
        for (uint32_t c = lo; c <= hi; c++) {
            Char *ch = &u->c[c];
            if (ch->later)
                continue;
            if (!ch->assigned)
                die("DerivedNumericValues.txt: U+%04X is unassigned", c);
            if (ch->has_numeric && ch->num * den != num * ch->den)
                die("DerivedNumericValues.txt: U+%04X disagrees with UnicodeData.txt", c);
            ch->has_numeric = true;
            ch->num = num;
            ch->den = den;
        }
    }
    reader_close(&r);
}

static void read_special_casing(Ucd *u, const char *dir)
{
    Reader r;
    reader_open(&r, dir, "SpecialCasing.txt");
    char *field[6];
    int nf;
    while ((nf = next_fields(&r, field, 6)) > 0) {
        /* code; lower; title; upper; [condition;] — a trailing ';' makes
         * one more, empty, field. */
        if (nf < 4)
            die("SpecialCasing.txt:%ld: too few fields", r.lineno);
        if (nf >= 5 && field[4][0])
            continue;   /* conditional: str methods apply only final sigma, by hand */
        uint32_t cp = parse_hex(&r, field[0], NULL);
        Char *ch = &u->c[cp];
        if (ch->later)
            continue;
        if (!ch->assigned)
            die("SpecialCasing.txt: U+%04X is unassigned", cp);
        ch->special = true;
        static const int column[3] = {LOWER, TITLE, UPPER};
        for (int k = 0; k < 3; k++) {
            Mapping *m = &ch->map[column[k]];
            m->n = (uint8_t)parse_cps(&r, field[1 + k], m->cp, MAX_CASE);
            if (m->n == 0)
                die("SpecialCasing.txt:%ld: empty mapping", r.lineno);
        }
    }
    reader_close(&r);
}

static void read_case_folding(Ucd *u, const char *dir)
{
    Reader r;
    reader_open(&r, dir, "CaseFolding.txt");
    char *field[5];
    int nf;
    while ((nf = next_fields(&r, field, 5)) > 0) {
        if (nf < 3)
            die("CaseFolding.txt:%ld: too few fields", r.lineno);
        /* C and F make full case folding; S and T are the alternatives for
         * simple and Turkic folding. */
        if (strcmp(field[1], "C") != 0 && strcmp(field[1], "F") != 0)
            continue;
        uint32_t cp = parse_hex(&r, field[0], NULL);
        Char *ch = &u->c[cp];
        if (ch->later)
            continue;
        if (!ch->assigned)
            die("CaseFolding.txt: U+%04X is unassigned", cp);
        Mapping *m = &ch->map[FOLD];
        m->n = (uint8_t)parse_cps(&r, field[2], m->cp, MAX_CASE);
        if (m->n == 0)
            die("CaseFolding.txt:%ld: empty folding", r.lineno);
    }
    reader_close(&r);
}

/* Everything that is derived from what was read. */
static void derive(Ucd *u)
{
    for (uint32_t cp = 0; cp < NCP; cp++) {
        Char *ch = &u->c[cp];
        if (!ch->assigned) {
            /* CPython's record for unassigned code points (and for those
             * newer than 14.0): all zero except the Cn category. */
            Char later = {.later = ch->later};
            *ch = later;
            ch->category = CAT_Cn;
            ch->decimal = ch->digit = -1;
            for (int k = 0; k < 3; k++)
                ch->simple[k] = cp;
        }
        uint16_t f = ch->flags;
        if (ch->category <= CAT_Lo)
            f |= F_ALPHA;
        if (ch->decimal >= 0)
            f |= F_DECIMAL;
        if (ch->digit >= 0)
            f |= F_DIGIT;
        if (ch->has_numeric)
            f |= F_NUMERIC;
        if (ch->bidi == BIDI_WS || ch->bidi == BIDI_B || ch->bidi == BIDI_S ||
            ch->category == CAT_Zs)
            f |= F_SPACE;
        if (ch->category == CAT_Lt)
            f |= F_TITLE;
        if (ch->bidi == BIDI_B || ch->category == CAT_Zl || ch->category == CAT_Zp ||
            cp == 0x0B || cp == 0x0C)
            f |= F_LINEBREAK;
        ch->flags = f;

        if (!ch->special) {
            static const int from[3] = {UPPER, LOWER, TITLE};
            for (int k = 0; k < 3; k++) {
                ch->map[from[k]].n = 1;
                ch->map[from[k]].cp[0] = ch->simple[k];
            }
        }
        /* Without a CaseFolding.txt entry a character folds to itself, even
         * when it has a lower case mapping (the Cherokee capitals, which
         * fold to upper case). */
        if (ch->map[FOLD].n == 0) {
            ch->map[FOLD].n = 1;
            ch->map[FOLD].cp[0] = cp;
        }
        if (ch->decimal >= 0 && (ch->digit != ch->decimal || !ch->has_numeric ||
                                 ch->num != ch->decimal * ch->den))
            die("U+%04X: decimal value without the same digit and numeric value", cp);
        if (ch->digit >= 0 && (!ch->has_numeric || ch->num != ch->digit * ch->den))
            die("U+%04X: digit value without the same numeric value", cp);
    }
}

/* ---- emitting ---- */

static void emit_open(Out *o, const char *type, const char *name, size_t n, size_t size)
{
    fprintf(o->h, "extern const %s %s[%zu];\n", type, name, n);
    fprintf(o->c, "\nconst %s %s[%zu] = {", type, name, n);
    o->bytes += n * size;
}

/* An array of unsigned values in the narrowest of 8/16/32 bits; returns the
 * element type chosen. */
static const char *emit_uint(Out *o, const char *name, const uint32_t *v, size_t n)
{
    uint32_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > max)
            max = v[i];
    const char *type = max <= 0xFF ? "uint8_t" : max <= 0xFFFF ? "uint16_t" : "uint32_t";
    size_t size = max <= 0xFF ? 1 : max <= 0xFFFF ? 2 : 4;
    int per_line = max <= 0xFF ? 16 : max <= 0xFFFF ? 12 : 8;
    emit_open(o, type, name, n, size);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s%u,", i % (size_t)per_line ? "" : "\n", v[i]);
    fputs("\n};\n", o->c);
    return type;
}

static void emit_names(Out *o, const char *name, const char *const *names, size_t n)
{
    fprintf(o->h, "extern const char %s[%zu][4];\n", name, n);
    fprintf(o->c, "\nconst char %s[%zu][4] = {", name, n);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s\"%s\",", i % 12 ? "" : "\n", names[i]);
    fputs("\n};\n", o->c);
    o->bytes += n * 4;
}

static void emit_define(Out *o, const char *name, unsigned long v)
{
    fprintf(o->h, "#define %s %lu\n", name, v);
}

/* Interns fixed-size items: returns the index of item in a growing array of
 * distinct ones, through an open-addressing hash table. */
typedef struct {
    size_t size;          /* bytes per item */
    uint8_t *items;
    size_t n, cap;
    uint32_t *slot;       /* index + 1, 0 when empty */
    size_t nslot;
} Interner;

static uint64_t hash_bytes(const void *p, size_t n)
{
    /* FNV-1a, 64 bits. */
    const uint8_t *b = p;
    uint64_t h = 0xCBF29CE484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001B3u;
    return h;
}

static size_t intern(Interner *t, const void *item)
{
    if (2 * (t->n + 1) > t->nslot) {
        size_t ns = t->nslot ? 2 * t->nslot : 1024;
        uint32_t *slot = xcalloc(ns, sizeof *slot);
        for (size_t i = 0; i < t->n; i++) {
            size_t h = (size_t)hash_bytes(t->items + i * t->size, t->size) & (ns - 1);
            while (slot[h])
                h = (h + 1) & (ns - 1);
            slot[h] = (uint32_t)(i + 1);
        }
        free(t->slot);
        t->slot = slot;
        t->nslot = ns;
    }
    size_t h = (size_t)hash_bytes(item, t->size) & (t->nslot - 1);
    while (t->slot[h]) {
        size_t i = t->slot[h] - 1;
        if (memcmp(t->items + i * t->size, item, t->size) == 0)
            return i;
        h = (h + 1) & (t->nslot - 1);
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->items = xrealloc(t->items, t->cap * t->size);
    }
    memcpy(t->items + t->n * t->size, item, t->size);
    t->slot[h] = (uint32_t)(t->n + 1);
    return t->n++;
}

static void interner_free(Interner *t)
{
    free(t->items);
    free(t->slot);
}

static size_t width_of(uint32_t max)
{
    return max <= 0xFF ? 1 : max <= 0xFFFF ? 2 : 4;
}

/* A trie split: leaf blocks of 1 << s2 values, middle blocks of 1 << s1
 * leaf-block numbers, and a top array of middle-block numbers. */
typedef struct {
    int s1, s2;
    uint32_t *top, *mid, *leaf;
    size_t ntop, nmid, nleaf;   /* array lengths */
    size_t bytes;
} Trie;

static void trie_free(Trie *t)
{
    free(t->top);
    free(t->mid);
    free(t->leaf);
}

/* Splits v (NCP values) with the given shifts. */
static Trie trie_split(const uint32_t *v, int s1, int s2)
{
    Trie t = {.s1 = s1, .s2 = s2};
    size_t lsize = (size_t)1 << s2, msize = (size_t)1 << s1;
    size_t nlb = NCP >> s2;   /* leaf blocks before deduplication */
    Interner leaves = {.size = lsize * sizeof(uint32_t)};
    uint32_t *lidx = xrealloc(NULL, nlb * sizeof *lidx);
    for (size_t b = 0; b < nlb; b++)
        lidx[b] = (uint32_t)intern(&leaves, v + b * lsize);
    Interner mids = {.size = msize * sizeof(uint32_t)};
    t.ntop = nlb >> s1;
    t.top = xrealloc(NULL, t.ntop * sizeof *t.top);
    for (size_t b = 0; b < t.ntop; b++)
        t.top[b] = (uint32_t)intern(&mids, lidx + b * msize);
    t.nleaf = leaves.n * lsize;
    t.leaf = xrealloc(NULL, t.nleaf * sizeof *t.leaf);
    memcpy(t.leaf, leaves.items, t.nleaf * sizeof *t.leaf);
    t.nmid = mids.n * msize;
    t.mid = xrealloc(NULL, t.nmid * sizeof *t.mid);
    memcpy(t.mid, mids.items, t.nmid * sizeof *t.mid);
    interner_free(&leaves);
    interner_free(&mids);
    free(lidx);

    uint32_t vmax = 0;
    for (size_t i = 0; i < t.nleaf; i++)
        if (t.leaf[i] > vmax)
            vmax = t.leaf[i];
    t.bytes = t.ntop * width_of((uint32_t)(t.nmid / msize)) +
              t.nmid * width_of((uint32_t)(t.nleaf / lsize)) + t.nleaf * width_of(vmax);
    return t;
}

/* The smallest split; ties go to the one found first (smaller leaves). */
static Trie trie_best(const uint32_t *v)
{
    Trie best = {0};
    for (int s2 = 2; s2 <= 9; s2++) {
        for (int s1 = 1; s1 <= 9 && s1 + s2 <= 16; s1++) {
            Trie t = trie_split(v, s1, s2);
            if (!best.top || t.bytes < best.bytes) {
                trie_free(&best);
                best = t;
            } else {
                trie_free(&t);
            }
        }
    }
    return best;
}

static void emit_trie(Out *o, const char *prefix, const uint32_t *v)
{
    Trie t = trie_best(v);
    char name[96], up[64];
    size_t i;
    for (i = 0; prefix[i] && i + 1 < sizeof up; i++)
        up[i] = (char)(prefix[i] >= 'a' && prefix[i] <= 'z' ? prefix[i] - 'a' + 'A' : prefix[i]);
    up[i] = '\0';
    fprintf(o->h, "\n/* Trie %s: %zu + %zu + %zu entries. */\n", prefix, t.ntop, t.nmid, t.nleaf);
    snprintf(name, sizeof name, "%s_SHIFT1", up);
    emit_define(o, name, (unsigned long)t.s1);
    snprintf(name, sizeof name, "%s_SHIFT2", up);
    emit_define(o, name, (unsigned long)t.s2);
    snprintf(name, sizeof name, "%s_top", prefix);
    emit_uint(o, name, t.top, t.ntop);
    snprintf(name, sizeof name, "%s_mid", prefix);
    emit_uint(o, name, t.mid, t.nmid);
    snprintf(name, sizeof name, "%s_leaf", prefix);
    emit_uint(o, name, t.leaf, t.nleaf);
    trie_free(&t);
}

/* One record as stored (see UPropRecord in the header). */
typedef struct {
    uint16_t flags;
    uint16_t casing;
    uint8_t category, bidi, combining, eaw_mirrored;
    uint8_t digits;
    uint8_t numeric;
} Record;

typedef struct {
    int32_t delta[NKIND];
    uint16_t full[NKIND];
} Casing;

typedef struct {
    int64_t num, den;
} Rational;

static void emit_props(Out *o, const Ucd *u)
{
    Interner records = {.size = sizeof(Record)};
    Interner casings = {.size = sizeof(Casing)};
    Interner numerics = {.size = sizeof(Rational)};
    uint32_t *ext = NULL;   /* the case pool: n, then n code points */
    size_t next = 0;
    uint32_t *index = xrealloc(NULL, NCP * sizeof *index);

    /* Entry 0 of the numeric values and of the case pool stands for
     * "none", so that a zero field in a record or casing means no value. */
    Rational none = {0, 0};
    intern(&numerics, &none);
    ext = xrealloc(ext, sizeof *ext);
    ext[next++] = 0;

    for (uint32_t cp = 0; cp < NCP; cp++) {
        const Char *ch = &u->c[cp];
        Casing cs;
        memset(&cs, 0, sizeof cs);
        for (int k = 0; k < NKIND; k++) {
            const Mapping *m = &ch->map[k];
            cs.delta[k] = (int32_t)m->cp[0] - (int32_t)cp;
            if (m->n > 1) {
                /* Shared when the same sequence occurs again. */
                size_t at = 0;
                for (size_t i = 1; i < next && !at; i += 1 + ext[i]) {
                    if (ext[i] == m->n && memcmp(ext + i + 1, m->cp, m->n * sizeof *ext) == 0)
                        at = i;
                }
                if (!at) {
                    at = next;
                    ext = xrealloc(ext, (next + 1 + m->n) * sizeof *ext);
                    ext[next++] = m->n;
                    for (int j = 0; j < m->n; j++)
                        ext[next++] = m->cp[j];
                }
                if (at > 0xFFFF)
                    die("case pool too large");
                cs.full[k] = (uint16_t)at;
            }
        }
        Record rec;
        memset(&rec, 0, sizeof rec);
        rec.flags = ch->flags;
        size_t ci = intern(&casings, &cs);
        if (ci > 0xFFFF)
            die("too many distinct case mappings");
        rec.casing = (uint16_t)ci;
        rec.category = ch->category;
        rec.bidi = ch->bidi;
        rec.combining = ch->ccc;
        rec.eaw_mirrored = (uint8_t)(ch->eaw | (ch->mirrored ? 0x80 : 0));
        rec.digits = (uint8_t)((ch->decimal < 0 ? 15 : ch->decimal) |
                               (ch->digit < 0 ? 15 : ch->digit) << 4);
        if (ch->has_numeric) {
            Rational q = {ch->num, ch->den};
            size_t ni = intern(&numerics, &q);
            if (ni > 0xFF)
                die("too many distinct numeric values");
            rec.numeric = (uint8_t)ni;
        }
        index[cp] = (uint32_t)intern(&records, &rec);
    }
    if (records.n > 0xFFFF)
        die("too many distinct records");

    fputs("\n/* Per-code-point records, reached through the props trie. */\n"
          "typedef struct {\n"
          "    uint16_t flags;        /* UPROP_F_* */\n"
          "    uint16_t casing;       /* index in uprop_casing */\n"
          "    uint8_t category;      /* index in uprop_category_names */\n"
          "    uint8_t bidi;          /* index in uprop_bidi_names */\n"
          "    uint8_t combining;     /* canonical combining class */\n"
          "    uint8_t eaw_mirrored;  /* index in uprop_eaw_names | 0x80 if mirrored */\n"
          "    uint8_t digits;        /* decimal | digit << 4; 15 means none */\n"
          "    uint8_t numeric;       /* index in uprop_numeric; 0 means none */\n"
          "} UPropRecord;\n\n"
          "/* Case mappings: cp + delta[k] is the first code point of mapping k\n"
          " * (UPROP_LOWER...); when full[k] is not 0, uprop_case_ext[full[k]] is\n"
          " * its length and the code points follow. */\n"
          "typedef struct {\n"
          "    int32_t delta[4];\n"
          "    uint16_t full[4];\n"
          "} UPropCasing;\n\n", o->h);
    emit_define(o, "UPROP_F_ALPHA", F_ALPHA);
    emit_define(o, "UPROP_F_DECIMAL", F_DECIMAL);
    emit_define(o, "UPROP_F_DIGIT", F_DIGIT);
    emit_define(o, "UPROP_F_NUMERIC", F_NUMERIC);
    emit_define(o, "UPROP_F_SPACE", F_SPACE);
    emit_define(o, "UPROP_F_LOWER", F_LOWER);
    emit_define(o, "UPROP_F_UPPER", F_UPPER);
    emit_define(o, "UPROP_F_TITLE", F_TITLE);
    emit_define(o, "UPROP_F_CASED", F_CASED);
    emit_define(o, "UPROP_F_CASE_IGNORABLE", F_CASE_IGNORABLE);
    emit_define(o, "UPROP_F_LINEBREAK", F_LINEBREAK);
    emit_define(o, "UPROP_LOWER", LOWER);
    emit_define(o, "UPROP_UPPER", UPPER);
    emit_define(o, "UPROP_TITLE", TITLE);
    emit_define(o, "UPROP_FOLD", FOLD);
    emit_define(o, "UPROP_CATEGORY_COUNT", COUNT(category_names));
    emit_define(o, "UPROP_BIDI_COUNT", COUNT(bidi_names));
    emit_define(o, "UPROP_EAW_COUNT", COUNT(eaw_names));
    emit_define(o, "UPROP_CASE_MAX", MAX_CASE);

    emit_names(o, "uprop_category_names", category_names, COUNT(category_names));
    emit_names(o, "uprop_bidi_names", bidi_names, COUNT(bidi_names));
    emit_names(o, "uprop_eaw_names", eaw_names, COUNT(eaw_names));

    emit_open(o, "UPropRecord", "uprop_records", records.n, sizeof(Record));
    for (size_t i = 0; i < records.n; i++) {
        const Record *r = (const Record *)(records.items + i * sizeof(Record));
        fprintf(o->c, "\n{0x%X,%u,%u,%u,%u,0x%X,0x%X,%u},", r->flags, r->casing, r->category,
                r->bidi, r->combining, r->eaw_mirrored, r->digits, r->numeric);
    }
    fputs("\n};\n", o->c);

    emit_open(o, "UPropCasing", "uprop_casing", casings.n, sizeof(Casing));
    for (size_t i = 0; i < casings.n; i++) {
        const Casing *c = (const Casing *)(casings.items + i * sizeof(Casing));
        fprintf(o->c, "\n{{%d,%d,%d,%d},{%u,%u,%u,%u}},", c->delta[0], c->delta[1], c->delta[2],
                c->delta[3], c->full[0], c->full[1], c->full[2], c->full[3]);
    }
    fputs("\n};\n", o->c);

    emit_uint(o, "uprop_case_ext", ext, next);

    /* Numeric values as exact hexadecimal doubles, each the correctly
     * rounded quotient, as CPython's are. */
    emit_open(o, "double", "uprop_numeric", numerics.n, sizeof(double));
    for (size_t i = 0; i < numerics.n; i++) {
        const Rational *q = (const Rational *)(numerics.items + i * sizeof(Rational));
        double d = q->den ? (double)q->num / (double)q->den : 0.0;
        if (q->den && ((int64_t)(double)q->num != q->num || (int64_t)(double)q->den != q->den))
            die("numeric value %lld/%lld is not exact in a double", (long long)q->num,
                (long long)q->den);
        fprintf(o->c, "%s%a,", i % 4 ? " " : "\n", d);
    }
    fputs("\n};\n", o->c);

    emit_trie(o, "uprop_props", index);
    fprintf(stderr, "gen_unicode_props: %zu records, %zu casings, %zu numeric values\n",
            records.n, casings.n, numerics.n);

    interner_free(&records);
    interner_free(&casings);
    interner_free(&numerics);
    free(ext);
    free(index);
}

static void emit_decompositions(Out *o, const Ucd *u)
{
    uint32_t *index = xcalloc(NCP, sizeof *index);
    uint32_t *pool = xrealloc(NULL, sizeof *pool);
    size_t npool = 0;
    size_t max = 0, count = 0;
    pool[npool++] = 0;   /* offset 0 means "no decomposition" */
    for (uint32_t cp = 0; cp < NCP; cp++) {
        const Char *ch = &u->c[cp];
        if (!ch->dn)
            continue;
        count++;
        if (ch->dn > max)
            max = ch->dn;
        pool = xrealloc(pool, (npool + 1 + 2 * (size_t)ch->dn) * sizeof *pool);
        index[cp] = (uint32_t)npool;
        pool[npool++] = (uint32_t)ch->dtag << 5 | ch->dn;
        for (int k = 0; k < ch->dn; k++) {
            uint32_t c = ch->dcp[k];
            /* A word below 0x11 cannot be a code point of a decomposition
             * (they are all >= 0x20), so it marks the high half of one. */
            if (c < 0x20)
                die("U+%04X decomposes to a control character", cp);
            if (c > 0xFFFF)
                pool[npool++] = c >> 16;
            pool[npool++] = c & 0xFFFF;
        }
        if (npool > 0xFFFF)
            die("decomposition pool too large");
    }
    fputs("\n/* Decompositions (unicodedata.decomposition): see tools/gen_unicode_props.c. */\n",
          o->h);
    emit_define(o, "UPROP_DECOMP_MAX", (unsigned long)max);
    emit_define(o, "UPROP_DECOMP_TAG_COUNT", COUNT(decomp_tags));
    fprintf(o->h, "extern const char *const uprop_decomp_tags[%zu];\n", COUNT(decomp_tags));
    fprintf(o->c, "\nconst char *const uprop_decomp_tags[%zu] = {", COUNT(decomp_tags));
    for (size_t i = 0; i < COUNT(decomp_tags); i++)
        fprintf(o->c, "%s\"%s\",", i % 6 ? "" : "\n", decomp_tags[i]);
    fputs("\n};\n", o->c);
    emit_uint(o, "uprop_decomp_pool", pool, npool);
    emit_trie(o, "uprop_decomp", index);
    fprintf(stderr, "gen_unicode_props: %zu decompositions\n", count);
    free(index);
    free(pool);
}

/* Facts the tables' readers rely on: every code point has each mapping,
 * and unicode_isprintable's "category < Zs" holds only if the separators
 * and others (Z*, C*) come last in the category order. */
static void check_assumptions(const Ucd *u)
{
    for (uint32_t c = 0; c < NCP; c++) {
        const Char *ch = &u->c[c];
        for (int k = 0; k < NKIND; k++)
            if (ch->map[k].n == 0)
                die("U+%04X has no case mapping %d", c, k);
    }
    for (size_t i = 0; i < COUNT(category_names); i++) {
        bool other = category_names[i][0] == 'Z' || category_names[i][0] == 'C';
        if (other != (i >= CAT_Zs))
            die("category order: %s", category_names[i]);
    }
    if (strcmp(category_names[CAT_Lt], "Lt") != 0 || strcmp(category_names[CAT_Lo], "Lo") != 0 ||
        strcmp(category_names[CAT_Zl], "Zl") != 0 || strcmp(category_names[CAT_Zp], "Zp") != 0 ||
        strcmp(category_names[CAT_Cn], "Cn") != 0 || strcmp(bidi_names[BIDI_B], "B") != 0 ||
        strcmp(bidi_names[BIDI_S], "S") != 0 || strcmp(bidi_names[BIDI_WS], "WS") != 0 ||
        strcmp(eaw_names[EAW_N], "N") != 0)
        die("name tables and their index constants disagree");
}

static FILE *open_out(const char *path, char **tmp)
{
    size_t n = strlen(path) + 5;
    *tmp = xrealloc(NULL, n);
    snprintf(*tmp, n, "%s.tmp", path);
    FILE *f = fopen(*tmp, "w");
    if (!f)
        die("cannot write %s", *tmp);
    return f;
}

static void close_out(FILE *f, const char *tmp, const char *path)
{
    if (ferror(f) || fclose(f) != 0)
        die("error writing %s", tmp);
    if (rename(tmp, path) != 0)
        die("cannot rename %s to %s", tmp, path);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s UCD_DIR OUT.c OUT.h\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    Ucd u;
    memset(&u, 0, sizeof u);
    u.c = xcalloc(NCP, sizeof *u.c);

    read_age(&u, dir);
    read_unicode_data(&u, dir);
    if (read_prop_file(&u, dir, "DerivedCoreProperties.txt", core_prop) == 0)
        die("DerivedCoreProperties.txt is empty");
    if (read_prop_file(&u, dir, "EastAsianWidth.txt", eaw_prop) == 0)
        die("EastAsianWidth.txt is empty");
    read_numeric(&u, dir);
    read_special_casing(&u, dir);
    read_case_folding(&u, dir);
    derive(&u);
    check_assumptions(&u);

    const char *base = strrchr(argv[3], '/');
    base = base ? base + 1 : argv[3];
    char *tmp_c, *tmp_h;
    Out o = {open_out(argv[2], &tmp_c), open_out(argv[3], &tmp_h), 0};
    char banner[256];
    snprintf(banner, sizeof banner,
             "/* Generated by tools/gen_unicode_props.c from the Unicode %s data, as\n"
             " * Unicode %s (CPython 3.11's): %zu newer code points left out.\n"
             " * Do not edit. */\n",
             u.version, TARGET_VERSION, u.nlater);
    fprintf(o.h, "%s#ifndef KRAIT_UNICODE_PROP_TABLES_H\n#define KRAIT_UNICODE_PROP_TABLES_H\n\n"
                 "#include <stdint.h>\n\n"
                 "#define UPROP_UNICODE_VERSION \"%s\"\n#define UPROP_DATA_VERSION \"%s\"\n",
            banner, TARGET_VERSION, u.version);
    fprintf(o.c, "%s#include \"%s\"\n", banner, base);

    emit_props(&o, &u);
    emit_decompositions(&o, &u);

    fprintf(o.h, "\n/* All of the above: %zu bytes. */\n#define UPROP_TABLE_BYTES %zu\n\n#endif\n",
            o.bytes, o.bytes);
    fprintf(o.c, "\n/* Total table size: %zu bytes. */\n", o.bytes);
    fprintf(stderr, "gen_unicode_props: %zu bytes of tables\n", o.bytes);
    close_out(o.c, tmp_c, argv[2]);
    close_out(o.h, tmp_h, argv[3]);
    free(u.c);
    free(tmp_c);
    free(tmp_h);
    return 0;
}
