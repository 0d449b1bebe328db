/* gen_unicode: turns the Unicode Character Database text files (Debian's
 * unicode-data package) into the C tables behind src/parse/unicode_db.c.
 *
 *   gen_unicode UCD_DIR OUT.c OUT.h
 *
 * Files read: DerivedAge.txt, UnicodeData.txt, NameAliases.txt,
 * DerivedCoreProperties.txt, CompositionExclusions.txt and (for a
 * cross-check) DerivedNormalizationProps.txt.
 *
 * Version.  Krait must accept and reject the programs CPython 3.11 does, and
 * 3.11's unicodedata is Unicode 14.0.0, while the installed data is usually
 * newer (15.0.0 on Debian 12).  Every code point that DerivedAge.txt dates
 * after 14.0 is therefore treated as unassigned: no name, no properties
 * (so not printable and not in XID_Start/XID_Continue), no decomposition,
 * combining class 0; the CJK ideograph ranges are cut to their 14.0 extent.
 * NameAliases.txt gives no ages, so the few aliases that later versions gave
 * to older characters are listed in later_aliases below.  Changes that a
 * version after 15.0 might make to the properties of older characters are
 * not undone; the generator warns when given such data, and
 * tests/unit/test_unicode.c, which compares with CPython 3.11 itself,
 * would show them.
 *
 * The formats are chosen for size, since the raw name list alone is ~900 KB:
 *
 * Names.  Each name is split into words (runs of [A-Z0-9]) and separator
 * runs; a single space between two words is implied and not stored, so every
 * name becomes a short sequence of word ids.  Word ids are ranks in the sorted
 * lexicon, which is front-coded (a shared-prefix byte, then the remaining
 * characters, the last with bit 7 set) in blocks of LEX_BLOCK words so that
 * a word is found by binary search over block heads and a short scan.  Names
 * are sorted by their word-id sequence and front-coded the same way, in
 * blocks of NAME_BLOCK: per entry a header byte (shared words << 4 | new
 * words), the code point as a zigzag varint delta from the previous entry of
 * the block, then the new words, the most frequent as one byte and the rest
 * as two.  Lookup therefore maps the query's words to ids and binary-searches
 * id sequences; no name is ever rebuilt as text.
 *
 * Code point -> name (unicodedata.name) reuses those entries rather than
 * storing the names again: it only needs to know which name block holds a
 * code point's name, since the block's entries carry their code points.
 * The named code points (aliases excluded) are listed in code point order,
 * in chunks of REV_CHUNK with each chunk's first code point and offset
 * stored separately; per entry one varint holds the zigzag delta of the
 * name block from the previous entry's, shifted left once, with the low bit
 * set when the code point does not follow the previous one, in which case
 * a varint (gap - 1) follows.  Block numbers of neighbouring code points
 * are close, so most entries are one byte.  Where an alias of the same code
 * point comes first in that block, the scan would find the alias, so those
 * few code points are listed in uni_name_rev_exact with their exact entry
 * index (cp << 32 | index).
 *
 * Properties (XID_Start, XID_Continue, printable) are sorted lists of the
 * code points where membership flips.  Canonical combining classes are a
 * sorted list of (start << 8 | class) runs.  Full NFKD decompositions are
 * precomputed (recursively, so lookup is one step) and stored in UTF-16 in
 * one pool; composition pairs are packed first << 42 | second << 21 | result.
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
#define MAX_DECOMP 32   /* longest full decomposition is 18 (U+FDFA) */
#define MAX_TOKENS 15   /* an entry header keeps token counts in a nibble */
#define LEX_BLOCK 8
#define NAME_BLOCK 32
#define REV_CHUNK 64

/* The Unicode version of CPython 3.11's unicodedata, which the tables
 * reproduce. */
#define TARGET_MAJOR 14
#define TARGET_MINOR 0
#define TARGET_VERSION "14.0.0"
/* The newest data whose differences from TARGET_VERSION are all handled:
 * additions (by DerivedAge.txt) and the aliases in later_aliases. */
#define KNOWN_MAJOR 15
#define KNOWN_MINOR 0

/* Aliases given after TARGET_VERSION to characters that are not newer
 * themselves (NameAliases.txt has no ages; these three are the 15.0.0
 * additions). */
static const struct {
    uint32_t cp;
    const char *alias;
    int major, minor;   /* the version that added it */
} later_aliases[] = {
    {0x0019, "EM", 15, 0},
    {0x0616, "ARABIC SMALL HIGH LIGATURE ALEF WITH YEH BARREE", 15, 0},
    {0x1BBD, "SUNDANESE LETTER ARCHAIC I", 15, 0},
};

enum {
    F_XID_START = 1,
    F_XID_CONTINUE = 2,
    F_PRINTABLE = 4,
    F_EXCLUDED = 8,       /* Full_Composition_Exclusion as we derive it */
    F_EXCLUDED_FILE = 16, /* as DerivedNormalizationProps.txt lists it */
    F_LATER = 32,         /* assigned after TARGET_VERSION: left out */
};

/* Hangul syllable arithmetic (Unicode chapter 3.12). */
enum {
    S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7,
    L_COUNT = 19, V_COUNT = 21, T_COUNT = 28,
    N_COUNT = V_COUNT * T_COUNT, S_COUNT = L_COUNT * N_COUNT,
};

typedef struct {
    uint32_t cp;
    bool compat;
    int n;
    uint32_t d[MAX_DECOMP];
} Decomp;

typedef struct {
    char *text;
    uint32_t cp;
    bool alias;     /* from NameAliases.txt: found by \N{}, never named */
    int ntok;
    char *tok[MAX_TOKENS];
    uint16_t id[MAX_TOKENS];
} Name;

typedef struct {
    uint8_t *ccc;
    uint8_t *flags;
    Decomp *dec;
    size_t ndec, capdec;
    Name *names;
    size_t nnames, capnames;
    uint32_t cjk[64][2];
    int ncjk;
    char version[32];   /* of the data read */
    int major, minor;   /* the same, as numbers */
    size_t nlater;      /* code points left out as newer than the target */
    size_t nlater_aliases;
} Ucd;

typedef struct {
    FILE *c, *h;
    size_t bytes;   /* total size of the emitted tables */
} Out;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_unicode: ", stderr);
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

static char *xstrndup(const char *s, size_t n)
{
    char *r = xrealloc(NULL, n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static FILE *open_ucd(const char *dir, const char *file, bool required)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (!f && required)
        die("cannot open %s", path);
    free(path);
    return f;
}

/* Splits a UCD line (comment removed) at ';' into trimmed fields, in place. */
static int split_fields(char *line, char **field, int max)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    int n = 0;
    char *p = line;
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
        return 0;
    return n;
}

static uint32_t parse_hex(const char *s, const char **end)
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
            die("code point out of range near '%s'", s);
    }
    if (digits == 0)
        die("expected hex digits at '%s'", s);
    if (end)
        *end = s;
    return v;
}

/* "XXXX" or "XXXX..YYYY". */
static void parse_range(const char *s, uint32_t *lo, uint32_t *hi)
{
    const char *e;
    *lo = parse_hex(s, &e);
    *hi = *lo;
    if (e[0] == '.' && e[1] == '.')
        *hi = parse_hex(e + 2, &e);
    if (*e != '\0' || *hi < *lo)
        die("bad code point range '%s'", s);
}

static bool later(const Ucd *u, uint32_t cp)
{
    return (u->flags[cp] & F_LATER) != 0;
}

/* Sets flag on every code point whose field 1 is prop, except those left
 * out as newer than the target version. */
static void read_property(Ucd *u, const char *dir, const char *file,
                          const char *prop, uint8_t flag, bool required)
{
    FILE *f = open_ucd(dir, file, required);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    int hits = 0;
    while (getline(&line, &cap, f) > 0) {
        char *field[4];
        int n = split_fields(line, field, 4);
        if (n < 2 || strcmp(field[1], prop) != 0)
            continue;
        uint32_t lo, hi;
        parse_range(field[0], &lo, &hi);
        for (uint32_t c = lo; c <= hi; c++)
            if (!later(u, c))
                u->flags[c] |= flag;
        hits++;
    }
    free(line);
    fclose(f);
    if (hits == 0)
        die("%s: no %s entries", file, prop);
}

/* The version in a UCD file's first line, "# Stem-15.0.0.txt", into buf;
 * "unknown" if the line has another form. */
static void file_version(const char *dir, const char *file, char *buf, size_t cap)
{
    snprintf(buf, cap, "unknown");
    FILE *f = open_ucd(dir, file, true);
    char line[256];
    if (fgets(line, sizeof line, f)) {
        size_t stem = strcspn(file, ".");
        const char *p = strstr(line, "# ");
        if (p && strncmp(p + 2, file, stem) == 0 && p[2 + stem] == '-') {
            p += 3 + stem;
            size_t n = strspn(p, "0123456789.");
            while (n > 0 && p[n - 1] == '.')
                n--;
            if (n > 0 && n < cap) {
                memcpy(buf, p, n);
                buf[n] = '\0';
            }
        }
    }
    fclose(f);
}

/* "15.0" or "15.0.0" into major and minor; false if it is neither. */
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

/* Marks F_LATER every code point that DerivedAge.txt dates after the target
 * version, and records the data's own version. */
static void read_age(Ucd *u, const char *dir)
{
    file_version(dir, "DerivedAge.txt", u->version, sizeof u->version);
    if (!parse_version(u->version, &u->major, &u->minor))
        die("DerivedAge.txt: cannot read the version from its first line");
    FILE *f = open_ucd(dir, "DerivedAge.txt", true);
    char *line = NULL;
    size_t cap = 0;
    bool saw_target = false;
    while (getline(&line, &cap, f) > 0) {
        char *field[3];
        int n = split_fields(line, field, 3);
        if (n == 0)
            continue;
        int major, minor;
        if (n != 2 || !parse_version(field[1], &major, &minor))
            die("DerivedAge.txt: bad line for %s", field[0]);
        int c = cmp_version(major, minor, TARGET_MAJOR, TARGET_MINOR);
        if (cmp_version(major, minor, u->major, u->minor) > 0)
            die("DerivedAge.txt: age %s is newer than the file", field[1]);
        saw_target |= c == 0;
        if (c <= 0)
            continue;
        uint32_t lo, hi;
        parse_range(field[0], &lo, &hi);
        for (uint32_t cp = lo; cp <= hi; cp++) {
            if (!later(u, cp))
                u->nlater++;
            u->flags[cp] |= F_LATER;
        }
    }
    free(line);
    fclose(f);
    if (!saw_target)
        die("Unicode %s data has no characters of %s, which CPython 3.11 needs",
            u->version, TARGET_VERSION);
    if (cmp_version(u->major, u->minor, KNOWN_MAJOR, KNOWN_MINOR) > 0)
        fprintf(stderr,
                "gen_unicode: warning: Unicode %s data is newer than %d.%d; characters it\n"
                "  adds are left out, but changes to older ones are not undone (run\n"
                "  tests/unit/test_unicode to compare with CPython 3.11)\n",
                u->version, KNOWN_MAJOR, KNOWN_MINOR);
}

static void add_name(Ucd *u, const char *text, uint32_t cp, bool alias)
{
    if (u->nnames == u->capnames) {
        u->capnames = u->capnames ? 2 * u->capnames : 4096;
        u->names = xrealloc(u->names, u->capnames * sizeof *u->names);
    }
    Name *nm = &u->names[u->nnames++];
    memset(nm, 0, sizeof *nm);
    nm->text = xstrndup(text, strlen(text));
    nm->cp = cp;
    nm->alias = alias;
}

static bool is_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Must split exactly like unicode_db.c's tokenize(): words, and separator
 * runs other than a lone space between two words. */
static void tokenize(Name *nm)
{
    const char *s = nm->text;
    size_t len = strlen(s), i = 0;
    nm->ntok = 0;
    while (i < len) {
        size_t j = i;
        bool word = is_word_char(s[i]);
        while (j < len && is_word_char(s[j]) == word)
            j++;
        bool implied_space = !word && j - i == 1 && s[i] == ' ' && i > 0 && j < len;
        if (!implied_space) {
            if (nm->ntok == MAX_TOKENS)
                die("name '%s' has too many words", s);
            nm->tok[nm->ntok++] = xstrndup(s + i, j - i);
        }
        i = j;
    }
    if (nm->ntok == 0)
        die("empty name");
}

static void read_unicode_data(Ucd *u, const char *dir)
{
    FILE *f = open_ucd(dir, "UnicodeData.txt", true);
    char *line = NULL;
    size_t cap = 0;
    uint32_t range_first = 0;
    bool in_range = false;
    while (getline(&line, &cap, f) > 0) {
        char *field[16];
        int n = split_fields(line, field, 16);
        if (n == 0)
            continue;
        if (n != 15)
            die("UnicodeData.txt: expected 15 fields, got %d", n);
        uint32_t cp, hi;
        parse_range(field[0], &cp, &hi);
        const char *name = field[1], *gc = field[2];
        int ccc = atoi(field[3]);
        if (ccc < 0 || ccc > 254)
            die("bad combining class for %04X", cp);
        /* Python's str.isprintable: every category but C* and Z*, plus the
         * space character. */
        bool printable = cp == 0x20 || (gc[0] != 'C' && gc[0] != 'Z');

        size_t nl = strlen(name);
        if (name[0] == '<' && nl > 8 && strcmp(name + nl - 8, ", First>") == 0) {
            range_first = cp;
            in_range = true;
            continue;
        }
        uint32_t lo = cp;
        if (name[0] == '<' && nl > 7 && strcmp(name + nl - 7, ", Last>") == 0) {
            if (!in_range)
                die("UnicodeData.txt: Last without First at %04X", cp);
            lo = range_first;
            in_range = false;
            /* Each stretch of the range that the target version has is a
             * range of names CJK UNIFIED IDEOGRAPH-XXXX. */
            bool cjk = strncmp(name, "<CJK Ideograph", 14) == 0;
            for (uint32_t c = lo; cjk && c <= cp;) {
                while (c <= cp && later(u, c))
                    c++;
                uint32_t first = c;
                while (c <= cp && !later(u, c))
                    c++;
                if (c == first)
                    break;
                if (u->ncjk == (int)(sizeof u->cjk / sizeof u->cjk[0]))
                    die("too many CJK ranges");
                u->cjk[u->ncjk][0] = first;
                u->cjk[u->ncjk][1] = c - 1;
                u->ncjk++;
            }
        } else if (in_range) {
            die("UnicodeData.txt: First without Last before %04X", cp);
        }
        if (lo == cp && later(u, cp))
            continue;
        for (uint32_t c = lo; c <= cp; c++) {
            if (later(u, c))
                continue;
            u->ccc[c] = (uint8_t)ccc;
            if (printable)
                u->flags[c] |= F_PRINTABLE;
        }
        if (name[0] != '<')
            add_name(u, name, cp, false);

        const char *d = field[5];
        if (*d) {
            if (lo != cp)
                die("decomposition on a range at %04X", cp);
            if (u->ndec == u->capdec) {
                u->capdec = u->capdec ? 2 * u->capdec : 1024;
                u->dec = xrealloc(u->dec, u->capdec * sizeof *u->dec);
            }
            Decomp *dc = &u->dec[u->ndec++];
            dc->cp = cp;
            dc->compat = false;
            dc->n = 0;
            if (*d == '<') {
                dc->compat = true;
                d = strchr(d, '>');
                if (!d)
                    die("bad decomposition tag at %04X", cp);
                d++;
            }
            for (;;) {
                while (*d == ' ')
                    d++;
                if (!*d)
                    break;
                if (dc->n == MAX_DECOMP)
                    die("decomposition too long at %04X", cp);
                dc->d[dc->n++] = parse_hex(d, &d);
            }
            if (dc->n == 0)
                die("empty decomposition at %04X", cp);
        }
    }
    free(line);
    fclose(f);
    if (u->ncjk == 0)
        die("UnicodeData.txt: no CJK ideograph ranges");
}

static void read_aliases(Ucd *u, const char *dir)
{
    char version[32];
    int major = 0, minor = 0;
    file_version(dir, "NameAliases.txt", version, sizeof version);
    if (!parse_version(version, &major, &minor))
        die("NameAliases.txt: cannot read the version from its first line");
    bool seen[sizeof later_aliases / sizeof later_aliases[0]] = {false};
    FILE *f = open_ucd(dir, "NameAliases.txt", true);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        char *field[4];
        int n = split_fields(line, field, 4);
        if (n == 0)
            continue;
        if (n != 3)
            die("NameAliases.txt: expected 3 fields");
        uint32_t cp, hi;
        parse_range(field[0], &cp, &hi);
        bool drop = later(u, cp);
        for (size_t i = 0; i < sizeof later_aliases / sizeof later_aliases[0]; i++) {
            if (later_aliases[i].cp == cp && strcmp(later_aliases[i].alias, field[1]) == 0) {
                seen[i] = true;
                drop = true;
            }
        }
        if (drop) {
            u->nlater_aliases++;
            continue;
        }
        /* \N{...} accepts aliases of every type (correction, control,
         * alternate, figment, abbreviation). */
        add_name(u, field[1], cp, true);
    }
    free(line);
    fclose(f);
    /* A listed alias that the file should have but lacks means the list or
     * the reading of the file is wrong. */
    for (size_t i = 0; i < sizeof later_aliases / sizeof later_aliases[0]; i++)
        if (!seen[i] && cmp_version(major, minor, later_aliases[i].major,
                                    later_aliases[i].minor) >= 0)
            die("NameAliases.txt %s lacks %04X;%s", version, later_aliases[i].cp,
                later_aliases[i].alias);
}

static const Decomp *find_decomp(const Ucd *u, uint32_t cp)
{
    size_t lo = 0, hi = u->ndec;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u->dec[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < u->ndec && u->dec[lo].cp == cp ? &u->dec[lo] : NULL;
}

static void full_decomp(const Ucd *u, uint32_t cp, uint32_t *out, int *n)
{
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        uint32_t s = cp - S_BASE;
        uint32_t parts[3] = {L_BASE + s / N_COUNT, V_BASE + s % N_COUNT / T_COUNT,
                             T_BASE + s % T_COUNT};
        int k = parts[2] == T_BASE ? 2 : 3;
        for (int i = 0; i < k; i++) {
            if (*n == MAX_DECOMP)
                die("full decomposition too long");
            out[(*n)++] = parts[i];
        }
        return;
    }
    const Decomp *d = find_decomp(u, cp);
    if (!d) {
        if (*n == MAX_DECOMP)
            die("full decomposition too long");
        out[(*n)++] = cp;
        return;
    }
    for (int i = 0; i < d->n; i++)
        full_decomp(u, d->d[i], out, n);
}

/* Full_Composition_Exclusion is derived (UAX #15): the script-specific and
 * post-composition-version exclusions, singletons, and non-starter
 * decompositions.  Deriving it and checking against the file catches a
 * misread of either. */
static void derive_exclusions(Ucd *u, const char *dir)
{
    FILE *f = open_ucd(dir, "CompositionExclusions.txt", true);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        char *field[2];
        if (split_fields(line, field, 2) == 0)
            continue;
        uint32_t lo, hi;
        parse_range(field[0], &lo, &hi);
        for (uint32_t c = lo; c <= hi; c++)
            if (!later(u, c))
                u->flags[c] |= F_EXCLUDED;
    }
    free(line);
    fclose(f);
    for (size_t i = 0; i < u->ndec; i++) {
        const Decomp *d = &u->dec[i];
        if (d->compat)
            continue;
        if (d->n == 1 || u->ccc[d->cp] != 0 || u->ccc[d->d[0]] != 0)
            u->flags[d->cp] |= F_EXCLUDED;
    }
    FILE *g = open_ucd(dir, "DerivedNormalizationProps.txt", false);
    if (!g)
        return;
    fclose(g);
    read_property(u, dir, "DerivedNormalizationProps.txt", "Full_Composition_Exclusion",
                  F_EXCLUDED_FILE, true);
    for (uint32_t c = 0; c < NCP; c++)
        if (!(u->flags[c] & F_EXCLUDED) != !(u->flags[c] & F_EXCLUDED_FILE))
            die("Full_Composition_Exclusion mismatch at %04X", c);
}

/* ---- output helpers ---- */

static void emit_open(Out *o, const char *type, const char *name, size_t n, size_t elem)
{
    fprintf(o->h, "extern const %s %s[%zu];\n", type, name, n);
    fprintf(o->c, "\nconst %s %s[%zu] = {", type, name, n);
    o->bytes += n * elem;
}

static void emit_u8(Out *o, const char *name, const uint8_t *v, size_t n)
{
    emit_open(o, "uint8_t", name, n, 1);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s%u,", i % 20 ? "" : "\n", v[i]);
    fputs("\n};\n", o->c);
}

static void emit_u16(Out *o, const char *name, const uint16_t *v, size_t n)
{
    emit_open(o, "uint16_t", name, n, 2);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s%u,", i % 12 ? "" : "\n", v[i]);
    fputs("\n};\n", o->c);
}

static void emit_u32(Out *o, const char *name, const uint32_t *v, size_t n)
{
    emit_open(o, "uint32_t", name, n, 4);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s0x%X,", i % 8 ? "" : "\n", v[i]);
    fputs("\n};\n", o->c);
}

static void emit_u64(Out *o, const char *name, const uint64_t *v, size_t n)
{
    emit_open(o, "uint64_t", name, n, 8);
    for (size_t i = 0; i < n; i++)
        fprintf(o->c, "%s0x%llXu,", i % 4 ? "" : "\n", (unsigned long long)v[i]);
    fputs("\n};\n", o->c);
}

/* Offsets into the big byte streams: 16 bits when they fit. */
static void emit_offsets(Out *o, const char *name, const uint32_t *v, size_t n)
{
    uint32_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > max)
            max = v[i];
    if (max > 0xFFFF) {
        emit_u32(o, name, v, n);
        return;
    }
    uint16_t *w = xrealloc(NULL, n * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[i] = (uint16_t)v[i];
    emit_u16(o, name, w, n);
    free(w);
}

static void emit_define(Out *o, const char *name, unsigned long v)
{
    fprintf(o->h, "#define %s %lu\n", name, v);
}

/* A growable byte buffer. */
typedef struct {
    uint8_t *p;
    size_t n, cap;
} Bytes;

static void put(Bytes *b, uint8_t v)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 65536;
        b->p = xrealloc(b->p, b->cap);
    }
    b->p[b->n++] = v;
}

/* Flip points of a per-code-point flag: membership is "an odd number of
 * entries are <= cp". */
static void emit_flag_bounds(Out *o, const Ucd *u, uint8_t flag, const char *name)
{
    uint32_t *v = NULL;
    size_t n = 0;
    bool prev = false;
    for (uint32_t c = 0; c < NCP; c++) {
        bool cur = (u->flags[c] & flag) != 0;
        if (cur != prev) {
            v = xrealloc(v, (n + 1) * sizeof *v);
            v[n++] = c;
            prev = cur;
        }
    }
    emit_u32(o, name, v, n);
    free(v);
}

/* ---- names ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_name(const void *a, const void *b)
{
    const Name *x = a, *y = b;
    for (int i = 0; i < x->ntok && i < y->ntok; i++)
        if (x->id[i] != y->id[i])
            return x->id[i] < y->id[i] ? -1 : 1;
    if (x->ntok != y->ntok)
        return x->ntok < y->ntok ? -1 : 1;
    return 0;
}

typedef struct {
    uint32_t count;
    uint16_t id;
} WordFreq;

static int cmp_freq(const void *a, const void *b)
{
    const WordFreq *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void put_varint(Bytes *b, uint32_t v)
{
    while (v >= 0x80) {
        put(b, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    put(b, (uint8_t)v);
}

typedef struct {
    uint32_t cp;
    uint32_t index;   /* in the sorted name list */
} RevEntry;

static int cmp_rev(const void *a, const void *b)
{
    const RevEntry *x = a, *y = b;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* The code point -> name index described in the header comment; u->names
 * must be in their final (stored) order. */
static void emit_name_index(Out *o, const Ucd *u)
{
    RevEntry *rev = xrealloc(NULL, u->nnames * sizeof *rev);
    size_t n = 0, max_len = 0;
    for (size_t i = 0; i < u->nnames; i++) {
        if (u->names[i].alias)
            continue;
        rev[n++] = (RevEntry){u->names[i].cp, (uint32_t)i};
        size_t len = strlen(u->names[i].text);
        if (len > max_len)
            max_len = len;
    }
    qsort(rev, n, sizeof *rev, cmp_rev);
    for (size_t i = 1; i < n; i++)
        if (rev[i - 1].cp == rev[i].cp)
            die("two names for %04X", rev[i].cp);

    uint64_t *exact = xrealloc(NULL, (n + 1) * sizeof *exact);
    size_t nexact = 0;
    for (size_t i = 0; i < n; i++) {
        size_t first = rev[i].index / NAME_BLOCK * NAME_BLOCK;
        for (size_t k = first; k < rev[i].index; k++)
            if (u->names[k].cp == rev[i].cp) {
                exact[nexact++] = (uint64_t)rev[i].cp << 32 | rev[i].index;
                break;
            }
    }
    /* C has no empty arrays; the sentinel sorts after every real entry. */
    exact[nexact] = UINT64_MAX;

    Bytes d = {0};
    size_t nchunk = (n + REV_CHUNK - 1) / REV_CHUNK;
    uint32_t *chunk_cp = xrealloc(NULL, nchunk * sizeof *chunk_cp);
    uint32_t *chunk_off = xrealloc(NULL, nchunk * sizeof *chunk_off);
    uint32_t prev_cp = 0, prev_blk = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t blk = rev[i].index / NAME_BLOCK;
        if (i % REV_CHUNK == 0) {
            chunk_cp[i / REV_CHUNK] = rev[i].cp;
            chunk_off[i / REV_CHUNK] = (uint32_t)d.n;
            prev_cp = rev[i].cp - 1;
            prev_blk = 0;
        }
        int64_t delta = (int64_t)blk - prev_blk;
        uint32_t z = delta >= 0 ? (uint32_t)(2 * delta) : (uint32_t)(-2 * delta - 1);
        uint32_t gap = rev[i].cp - prev_cp - 1;
        put_varint(&d, z << 1 | (gap != 0));
        if (gap != 0)
            put_varint(&d, gap - 1);
        prev_cp = rev[i].cp;
        prev_blk = blk;
    }

    size_t before = o->bytes;
    fputs("\n/* Code point -> name: see tools/gen_unicode.c for the format. */\n", o->h);
    emit_define(o, "UNI_NAME_REV_COUNT", (unsigned long)n);
    emit_define(o, "UNI_NAME_REV_CHUNK", REV_CHUNK);
    emit_define(o, "UNI_NAME_MAX_LEN", (unsigned long)max_len);
    emit_u32(o, "uni_name_rev_cp", chunk_cp, nchunk);
    emit_offsets(o, "uni_name_rev_off", chunk_off, nchunk);
    emit_u8(o, "uni_name_rev_data", d.p, d.n);
    emit_u64(o, "uni_name_rev_exact", exact, nexact + 1);
    fprintf(o->h, "/* The code point -> name index: %zu bytes (%zu exact entries). */\n",
            o->bytes - before, nexact);

    free(d.p);
    free(chunk_cp);
    free(chunk_off);
    free(exact);
    free(rev);
}

static void emit_names(Out *o, Ucd *u)
{
    /* Lexicon. */
    size_t ntoks = 0;
    for (size_t i = 0; i < u->nnames; i++) {
        tokenize(&u->names[i]);
        ntoks += (size_t)u->names[i].ntok;
    }
    char **words = xrealloc(NULL, ntoks * sizeof *words);
    size_t nw = 0;
    for (size_t i = 0; i < u->nnames; i++)
        for (int k = 0; k < u->names[i].ntok; k++)
            words[nw++] = u->names[i].tok[k];
    qsort(words, nw, sizeof *words, cmp_str);
    size_t nlex = 0;
    size_t max_word = 0;
    for (size_t i = 0; i < nw; i++)
        if (nlex == 0 || strcmp(words[nlex - 1], words[i]) != 0)
            words[nlex++] = words[i];
    if (nlex > 0xFFFF)
        die("too many distinct words");

    Bytes lex = {0};
    size_t nlexblk = (nlex + LEX_BLOCK - 1) / LEX_BLOCK;
    uint32_t *lexblk = xrealloc(NULL, nlexblk * sizeof *lexblk);
    for (size_t i = 0; i < nlex; i++) {
        const char *w = words[i];
        size_t wl = strlen(w), shared = 0;
        if (wl > max_word)
            max_word = wl;
        if (i % LEX_BLOCK == 0) {
            lexblk[i / LEX_BLOCK] = (uint32_t)lex.n;
        } else {
            const char *p = words[i - 1];
            while (p[shared] && p[shared] == w[shared])
                shared++;
        }
        if (shared >= wl || shared > 255)
            die("lexicon front coding failed at '%s'", w);
        put(&lex, (uint8_t)shared);
        for (size_t k = shared; k < wl; k++) {
            if ((unsigned char)w[k] >= 0x80)
                die("non-ASCII name");
            put(&lex, (uint8_t)(w[k] | (k + 1 == wl ? 0x80 : 0)));
        }
    }

    for (size_t i = 0; i < u->nnames; i++) {
        Name *nm = &u->names[i];
        for (int k = 0; k < nm->ntok; k++) {
            char **hit = bsearch(&nm->tok[k], words, nlex, sizeof *words, cmp_str);
            nm->id[k] = (uint16_t)(hit - words);
        }
    }
    qsort(u->names, u->nnames, sizeof *u->names, cmp_name);
    for (size_t i = 1; i < u->nnames; i++)
        if (cmp_name(&u->names[i - 1], &u->names[i]) == 0)
            die("duplicate name '%s'", u->names[i].text);

    /* Shared-prefix lengths, then word frequencies among what is stored. */
    int *shared = xrealloc(NULL, u->nnames * sizeof *shared);
    WordFreq *freq = xrealloc(NULL, nlex * sizeof *freq);
    for (size_t i = 0; i < nlex; i++)
        freq[i] = (WordFreq){0, (uint16_t)i};
    for (size_t i = 0; i < u->nnames; i++) {
        const Name *nm = &u->names[i];
        int s = 0;
        if (i % NAME_BLOCK != 0) {
            const Name *pv = &u->names[i - 1];
            while (s < nm->ntok && s < pv->ntok && nm->id[s] == pv->id[s])
                s++;
        }
        if (s == nm->ntok)
            die("name '%s' is a prefix of the one before", nm->text);
        shared[i] = s;
        for (int k = s; k < nm->ntok; k++)
            freq[nm->id[k]].count++;
    }
    qsort(freq, nlex, sizeof *freq, cmp_freq);
    /* Lead bytes >= k start two-byte codes; keep just enough of them. */
    size_t two = (nlex + 255) / 256;
    size_t k1 = 256 - two;
    uint16_t *onebyte = xrealloc(NULL, k1 * sizeof *onebyte);
    int *code = xrealloc(NULL, nlex * sizeof *code);
    for (size_t i = 0; i < nlex; i++)
        code[i] = -1;
    for (size_t i = 0; i < k1; i++) {
        onebyte[i] = i < nlex ? freq[i].id : 0;
        if (i < nlex)
            code[freq[i].id] = (int)i;
    }

    Bytes nd = {0};
    size_t nblk = (u->nnames + NAME_BLOCK - 1) / NAME_BLOCK;
    uint32_t *blk = xrealloc(NULL, nblk * sizeof *blk);
    uint32_t prev_cp = 0;
    for (size_t i = 0; i < u->nnames; i++) {
        const Name *nm = &u->names[i];
        if (i % NAME_BLOCK == 0) {
            blk[i / NAME_BLOCK] = (uint32_t)nd.n;
            prev_cp = 0;
        }
        int s = shared[i], fresh = nm->ntok - s;
        put(&nd, (uint8_t)(s << 4 | fresh));
        int64_t delta = (int64_t)nm->cp - prev_cp;
        put_varint(&nd, delta >= 0 ? (uint32_t)(2 * delta) : (uint32_t)(-2 * delta - 1));
        prev_cp = nm->cp;
        for (int k = s; k < nm->ntok; k++) {
            uint16_t id = nm->id[k];
            if (code[id] >= 0) {
                put(&nd, (uint8_t)code[id]);
            } else {
                put(&nd, (uint8_t)(k1 + (id >> 8)));
                put(&nd, (uint8_t)(id & 0xFF));
            }
        }
    }

    fputs("\n/* Character names: see tools/gen_unicode.c for the format. */\n", o->h);
    emit_define(o, "UNI_LEX_WORDS", (unsigned long)nlex);
    emit_define(o, "UNI_LEX_BLOCK", LEX_BLOCK);
    emit_define(o, "UNI_LEX_MAX_WORD", (unsigned long)max_word);
    emit_define(o, "UNI_NAME_COUNT", (unsigned long)u->nnames);
    emit_define(o, "UNI_NAME_BLOCK", NAME_BLOCK);
    emit_define(o, "UNI_NAME_MAX_TOKENS", MAX_TOKENS);
    emit_define(o, "UNI_NAME_ONE_BYTE", (unsigned long)k1);
    emit_u8(o, "uni_lex_data", lex.p, lex.n);
    emit_offsets(o, "uni_lex_block", lexblk, nlexblk);
    emit_u16(o, "uni_name_one_byte", onebyte, k1);
    emit_u8(o, "uni_name_data", nd.p, nd.n);
    emit_offsets(o, "uni_name_block", blk, nblk);

    emit_name_index(o, u);

    free(lex.p);
    free(nd.p);
    free(lexblk);
    free(blk);
    free(onebyte);
    free(code);
    free(freq);
    free(shared);
    free(words);
}

/* ---- normalisation ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void emit_normalization(Out *o, const Ucd *u)
{
    /* Combining classes as runs. */
    uint32_t *runs = NULL;
    size_t nruns = 0;
    for (uint32_t c = 0; c < NCP; c++) {
        if (c == 0 || u->ccc[c] != u->ccc[c - 1]) {
            runs = xrealloc(runs, (nruns + 1) * sizeof *runs);
            runs[nruns++] = c << 8 | u->ccc[c];
        }
    }

    /* Full compatibility decompositions, UTF-16 encoded. */
    uint32_t *keys = xrealloc(NULL, u->ndec * sizeof *keys);
    uint16_t *offs = xrealloc(NULL, (u->ndec + 1) * sizeof *offs);
    uint16_t *pool = NULL;
    size_t npool = 0;
    size_t max_len = 0;
    for (size_t i = 0; i < u->ndec; i++) {
        uint32_t full[MAX_DECOMP];
        int n = 0;
        full_decomp(u, u->dec[i].cp, full, &n);
        if ((size_t)n > max_len)
            max_len = (size_t)n;
        keys[i] = u->dec[i].cp;
        offs[i] = (uint16_t)npool;
        pool = xrealloc(pool, (npool + 2 * (size_t)n) * sizeof *pool);
        for (int k = 0; k < n; k++) {
            uint32_t c = full[k];
            if (c >= 0xD800 && c < 0xE000)
                die("surrogate in a decomposition");
            if (c < 0x10000) {
                pool[npool++] = (uint16_t)c;
            } else {
                pool[npool++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
                pool[npool++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
            }
        }
        if (npool > 0xFFFF)
            die("decomposition pool too large");
    }
    offs[u->ndec] = (uint16_t)npool;

    /* Primary composites. */
    uint64_t *pairs = NULL;
    size_t npairs = 0;
    for (size_t i = 0; i < u->ndec; i++) {
        const Decomp *d = &u->dec[i];
        if (d->compat || d->n != 2 || (u->flags[d->cp] & F_EXCLUDED))
            continue;
        pairs = xrealloc(pairs, (npairs + 1) * sizeof *pairs);
        pairs[npairs++] = (uint64_t)d->d[0] << 42 | (uint64_t)d->d[1] << 21 | d->cp;
    }
    qsort(pairs, npairs, sizeof *pairs, cmp_u64);
    for (size_t i = 1; i < npairs; i++)
        if (pairs[i] >> 21 == pairs[i - 1] >> 21)
            die("two primary composites for one pair");

    fputs("\n/* Normalisation data. */\n", o->h);
    emit_define(o, "UNI_DECOMP_MAX", (unsigned long)max_len);
    emit_u32(o, "uni_ccc_runs", runs, nruns);
    emit_u32(o, "uni_decomp_cp", keys, u->ndec);
    emit_u16(o, "uni_decomp_off", offs, u->ndec + 1);
    emit_u16(o, "uni_decomp_pool", pool, npool);
    emit_u64(o, "uni_comp_pairs", pairs, npairs);
    free(runs);
    free(keys);
    free(offs);
    free(pool);
    free(pairs);
}

/* unicode_db.c answers ASCII and the low code points without the tables;
 * Unicode's stability policies make these facts permanent, but a misread
 * file should still fail here rather than pass silently there. */
static void check_fast_paths(const Ucd *u)
{
    for (uint32_t c = 0; c < 0x80; c++) {
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        bool digit = c >= '0' && c <= '9';
        if (!(u->flags[c] & F_XID_START) != !alpha ||
            !(u->flags[c] & F_XID_CONTINUE) != !(alpha || digit || c == '_') ||
            !(u->flags[c] & F_PRINTABLE) != !(c >= 0x20 && c < 0x7F))
            die("unexpected ASCII properties at %02X", c);
    }
    for (uint32_t c = 0; c < 0x300; c++)
        if (u->ccc[c] != 0)
            die("combining class below U+0300");
    if (u->ndec == 0 || u->dec[0].cp < 0xA0)
        die("decomposition below U+00A0");
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
    u.ccc = xrealloc(NULL, NCP);
    u.flags = xrealloc(NULL, NCP);
    memset(u.ccc, 0, NCP);
    memset(u.flags, 0, NCP);

    read_age(&u, dir);
    read_unicode_data(&u, dir);
    read_aliases(&u, dir);
    read_property(&u, dir, "DerivedCoreProperties.txt", "XID_Start", F_XID_START, true);
    read_property(&u, dir, "DerivedCoreProperties.txt", "XID_Continue", F_XID_CONTINUE, true);
    derive_exclusions(&u, dir);
    check_fast_paths(&u);

    const char *base = strrchr(argv[3], '/');
    base = base ? base + 1 : argv[3];
    char *tmp_c, *tmp_h;
    Out o = {open_out(argv[2], &tmp_c), open_out(argv[3], &tmp_h), 0};
    char banner[256];
    snprintf(banner, sizeof banner,
             "/* Generated by tools/gen_unicode.c from the Unicode %s data, as Unicode\n"
             " * %s (CPython 3.11's): %zu newer code points and %zu aliases left out.\n"
             " * Do not edit. */\n",
             u.version, TARGET_VERSION, u.nlater, u.nlater_aliases);
    fprintf(o.h, "%s#ifndef KRAIT_UNICODE_TABLES_H\n#define KRAIT_UNICODE_TABLES_H\n\n"
                 "#include <stdint.h>\n\n"
                 "/* The version the tables follow, and that of the data they came from. */\n"
                 "#define UNI_UNICODE_VERSION \"%s\"\n#define UNI_DATA_VERSION \"%s\"\n",
            banner, TARGET_VERSION, u.version);
    fprintf(o.c, "%s#include \"%s\"\n", banner, base);

    emit_names(&o, &u);

    fputs("\n/* Ranges named CJK UNIFIED IDEOGRAPH-XXXX, as {first, last}. */\n", o.h);
    emit_define(&o, "UNI_CJK_RANGES", (unsigned long)u.ncjk);
    uint32_t cjk[128];
    for (int i = 0; i < u.ncjk; i++) {
        cjk[2 * i] = u.cjk[i][0];
        cjk[2 * i + 1] = u.cjk[i][1];
    }
    emit_u32(&o, "uni_cjk_ranges", cjk, 2 * (size_t)u.ncjk);

    fputs("\n/* Properties: sorted code points where membership flips. */\n", o.h);
    emit_flag_bounds(&o, &u, F_XID_START, "uni_xid_start");
    emit_flag_bounds(&o, &u, F_XID_CONTINUE, "uni_xid_continue");
    emit_flag_bounds(&o, &u, F_PRINTABLE, "uni_printable");

    emit_normalization(&o, &u);

    fprintf(o.h, "\n/* All of the above: %zu bytes. */\n#define UNI_TABLE_BYTES %zu\n\n#endif\n",
            o.bytes, o.bytes);
    fprintf(o.c, "\n/* Total table size: %zu bytes. */\n", o.bytes);
    close_out(o.c, tmp_c, argv[2]);
    close_out(o.h, tmp_h, argv[3]);

    for (size_t i = 0; i < u.nnames; i++) {
        for (int k = 0; k < u.names[i].ntok; k++)
            free(u.names[i].tok[k]);
        free(u.names[i].text);
    }
    free(u.names);
    free(u.dec);
    free(u.ccc);
    free(u.flags);
    free(tmp_c);
    free(tmp_h);
    return 0;
}
