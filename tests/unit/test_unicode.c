/* Unit test of src/parse/unicode_db.c against CPython 3.11.
 *
 *   test_unicode [VECTORS]
 *
 * VECTORS defaults to tests/unit/data/unicode_vectors.txt (from the current
 * directory, else relative to the binary in build/tests/), written by
 * tests/unit/data/gen_unicode_vectors.py (its header tells how to regenerate
 * it, and how to make the much larger file that lists every name).  The
 * vectors hold CPython's answers; properties and single-character NFKC are
 * swept over every code point.  The tables are cut back to CPython 3.11's
 * Unicode 14.0 from whatever newer data they were generated from, and every
 * answer must agree with CPython exactly; the version the vector file names
 * must be the one the tables claim.
 *
 * unicode_name_of is swept over every code point: which code points have a
 * name is checked exactly, each name must look up back to its code point,
 * and each block of 256 code points must match the checksum of CPython's
 * names for it (a mismatch names the block; the sampled 'W' lines, and the
 * comparison with the installed database below, name the code point, and
 * the --all vectors give every name).
 *
 * When the Unicode Character Database is installed (/usr/share/unicode) every
 * name and alias in it, and every Hangul syllable name built from Jamo.txt, is
 * looked up too: the names that the vectors list as errors (those CPython
 * does not know, being newer) must be rejected, and all others found. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unicode_db.h"
#include "unicode_tables.h"

#define NCP 0x110000u
#define UCD_DIR "/usr/share/unicode"

typedef struct {
    long passed, failed;
    int shown;
    bool version_seen;  /* the vector file named its Unicode version */
    uint8_t *prop;      /* per code point: bits PROP_* as CPython says */
    uint8_t *listed;    /* per code point: has a 'D' line */
    uint32_t crc_table[256];
    uint32_t *name_crc; /* per block: CPython's checksum of its names ('M') */
    char **rejected;    /* the names of 'X' lines, sorted once read */
    size_t nrejected, caprejected;
} T;

enum { PROP_S = 1, PROP_C = 2, PROP_P = 4, PROP_NAMED = 8 };
#define NBLOCK (NCP >> 8)

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

/* unicode_name_of(cp) must be exactly want. */
static void check_name_of(T *t, uint32_t cp, const char *want)
{
    char buf[UNICODE_NAME_MAX];
    size_t n = unicode_name_of(cp, buf, sizeof buf);
    check(t, n == strlen(want) && n < sizeof buf && strcmp(buf, want) == 0,
          "name of U+%04X is '%s', not '%s'", cp, n && n < sizeof buf ? buf : "", want);
}

static void check_cp(T *t, bool ok, uint32_t cp, const char *what)
{
    check(t, ok, "%s of U+%04X", what, cp);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remembers a name CPython rejects; false if out of memory. */
static bool add_rejected(T *t, const char *name)
{
    if (t->nrejected == t->caprejected) {
        size_t cap = t->caprejected ? 2 * t->caprejected : 256;
        char **v = realloc(t->rejected, cap * sizeof *v);
        if (!v)
            return false;
        t->rejected = v;
        t->caprejected = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return false;
    t->rejected[t->nrejected++] = copy;
    return true;
}

static bool is_rejected(const T *t, const char *name)
{
    return t->nrejected &&
           bsearch(&name, t->rejected, t->nrejected, sizeof *t->rejected, cmp_str) != NULL;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Hex code points separated by spaces, up to '>' or the end, as UTF-8. */
static size_t hex_to_utf8(const char **pp, char *out, size_t cap)
{
    const char *p = *pp;
    size_t n = 0;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p || *p == '>' || *p == '\n')
            break;
        char *end;
        unsigned long cp = strtoul(p, &end, 16);
        if (end == p || n + 4 > cap)
            break;
        n += put_utf8(out + n, (uint32_t)cp);
        p = end;
    }
    *pp = p;
    return n;
}

static void show_bytes(char *dst, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    dst[0] = '\0';
    for (size_t i = 0; i < n && o + 4 < cap; i++)
        o += (size_t)snprintf(dst + o, cap - o, "%02X ", (unsigned char)s[i]);
}

static void check_nfkc(T *t, const char *in, size_t inlen, const char *want, size_t wantlen,
                       uint32_t single)
{
    char got[1024];
    size_t n = unicode_nfkc(in, inlen, got, sizeof got);
    bool ok = n == wantlen && memcmp(got, want, n) == 0;
    if (single != NCP) {
        check_cp(t, ok, single, "NFKC");
        return;
    }
    if (!ok) {
        char a[200], b[200], c[200];
        show_bytes(a, sizeof a, in, inlen);
        show_bytes(b, sizeof b, want, wantlen);
        show_bytes(c, sizeof c, got, n < sizeof got ? n : sizeof got);
        check(t, false, "NFKC of [%s]: want [%s] got [%s]", a, b, c);
    } else {
        check(t, true, "");
    }
}

static void check_name(T *t, const char *name, bool want_ok, uint32_t want)
{
    uint32_t cp = 0xFFFFFFFF;
    bool ok = unicode_lookup_name(name, strlen(name), &cp);
    if (want_ok)
        check(t, ok && cp == want, "\\N{%s}: want U+%04X, got %s U+%04X", name, want,
              ok ? "" : "nothing,", cp);
    else
        check(t, !ok, "\\N{%s}: want an error, got U+%04X", name, cp);
}

static FILE *open_vectors(int argc, char **argv, const char **path, char *buf, size_t cap)
{
    if (argc > 1) {
        *path = argv[1];
        return fopen(argv[1], "r");
    }
    *path = "tests/unit/data/unicode_vectors.txt";
    FILE *f = fopen(*path, "r");
    if (f)
        return f;
    /* Run from elsewhere: the binary is build/tests/test_unicode. */
    const char *slash = strrchr(argv[0], '/');
    if (!slash)
        return NULL;
    snprintf(buf, cap, "%.*s/../../tests/unit/data/unicode_vectors.txt",
             (int)(slash - argv[0]), argv[0]);
    *path = buf;
    return fopen(buf, "r");
}

/* Returns the number of vector lines. */
static long read_vectors(T *t, FILE *f)
{
    long lines = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (line[0] == '#') {
            /* "# (unicodedata 14.0.0); see ..." */
            const char *v = strstr(line, "(unicodedata ");
            if (v) {
                v += strlen("(unicodedata ");
                size_t n = strcspn(v, ")");
                t->version_seen = true;
                check(t, n == strlen(UNI_UNICODE_VERSION) &&
                             memcmp(v, UNI_UNICODE_VERSION, n) == 0,
                      "the vectors are for Unicode %.*s, the tables for %s", (int)n, v,
                      UNI_UNICODE_VERSION);
            }
            continue;
        }
        if (len < 2)
            continue;
        lines++;
        char tag = line[0];
        const char *p = line + 2;
        char *end;
        switch (tag) {
        case 'S': case 'C': case 'P': case 'A': {
            unsigned long lo = strtoul(p, &end, 16);
            unsigned long hi = strtoul(end, &end, 16);
            if (hi >= NCP || lo > hi) {
                check(t, false, "bad vector line: %s", line);
                break;
            }
            for (unsigned long c = lo; c <= hi; c++)
                t->prop[c] |= tag == 'S'   ? PROP_S
                              : tag == 'C' ? PROP_C
                              : tag == 'P' ? PROP_P
                                           : PROP_NAMED;
            break;
        }
        case 'W': {
            unsigned long cp = strtoul(p, &end, 16);
            check_name(t, end + 1, true, (uint32_t)cp);
            check_name_of(t, (uint32_t)cp, end + 1);
            break;
        }
        case 'M': {
            unsigned long blk = strtoul(p, &end, 16);
            unsigned long crc = strtoul(end, NULL, 16);
            if (blk >= NBLOCK) {
                check(t, false, "bad vector line: %s", line);
                break;
            }
            t->name_crc[blk] = (uint32_t)crc;
            break;
        }
        case 'N': {
            unsigned long cp = strtoul(p, &end, 16);
            check_name(t, end + 1, true, (uint32_t)cp);
            break;
        }
        case 'X':
            check_name(t, p, false, 0);
            check(t, add_rejected(t, p), "out of memory");
            break;
        case 'D': {
            unsigned long cp = strtoul(p, &end, 16);
            const char *q = end;
            char in[4], want[512];
            size_t inlen = put_utf8(in, (uint32_t)cp);
            size_t wantlen = hex_to_utf8(&q, want, sizeof want);
            t->listed[cp] = 1;
            check_nfkc(t, in, inlen, want, wantlen, (uint32_t)cp);
            break;
        }
        case 'K': {
            char in[512], want[512];
            size_t inlen = hex_to_utf8(&p, in, sizeof in);
            if (*p != '>') {
                check(t, false, "bad vector line: %s", line);
                break;
            }
            p++;
            size_t wantlen = hex_to_utf8(&p, want, sizeof want);
            check_nfkc(t, in, inlen, want, wantlen, NCP);
            break;
        }
        default:
            check(t, false, "bad vector line: %s", line);
        }
    }
    free(line);
    if (t->nrejected)
        qsort(t->rejected, t->nrejected, sizeof *t->rejected, cmp_str);
    return lines;
}

/* One code point of the name sweep; crc accumulates its block's names. */
static void sweep_name(T *t, uint32_t c, uint32_t *crc)
{
    char buf[UNICODE_NAME_MAX + 8];
    size_t n = unicode_name_of(c, buf, UNICODE_NAME_MAX);
    check(t, (n != 0) == !!(t->prop[c] & PROP_NAMED), "U+%04X %s", c,
          n ? "has a name, but CPython gives it none" : "has no name, but CPython has one");
    if (n != 0) {
        uint32_t back = NCP;
        bool fits = n < UNICODE_NAME_MAX && strlen(buf) == n;
        check(t, fits && unicode_lookup_name(buf, n, &back) && back == c,
              "name of U+%04X, '%s', does not look up to it", c, fits ? buf : "");
        char line[UNICODE_NAME_MAX + 16];
        int k = snprintf(line, sizeof line, "%04X %s\n", (unsigned)c, fits ? buf : "");
        *crc = crc_update(t->crc_table, *crc, line, (size_t)k);
    }
    if ((c & 0xFF) == 0xFF) {
        check(t, *crc == t->name_crc[c >> 8],
              "the names of block %04X-%04X differ from CPython's", c - 0xFF, c);
        *crc = 0;
    }
}

static void sweep(T *t)
{
    uint32_t crc = 0;
    for (uint32_t c = 0; c < NCP; c++) {
        check_cp(t, unicode_is_xid_start(c) == !!(t->prop[c] & PROP_S), c, "XID_Start");
        check_cp(t, unicode_is_xid_continue(c) == !!(t->prop[c] & PROP_C), c, "XID_Continue");
        check_cp(t, unicode_is_printable(c) == !!(t->prop[c] & PROP_P), c, "isprintable");
        sweep_name(t, c, &crc);
        if ((c >= 0xD800 && c < 0xE000) || t->listed[c])
            continue;
        char in[4];
        size_t n = put_utf8(in, c);
        check_nfkc(t, in, n, in, n, c);
    }
}

/* A name from the installed database: found, unless the vectors say that
 * CPython rejects it.  Returns whether it was expected to be found. */
static bool check_ucd_name(T *t, const char *name, uint32_t cp)
{
    bool known = !is_rejected(t, name);
    check_name(t, name, known, cp);
    return known;
}

/* Every name and alias the installed database lists. */
static void check_ucd_names(T *t)
{
    FILE *f = fopen(UCD_DIR "/UnicodeData.txt", "r");
    FILE *g = fopen(UCD_DIR "/NameAliases.txt", "r");
    if (!f || !g) {
        printf("note: %s not readable, names checked from the vectors only\n", UCD_DIR);
        if (f)
            fclose(f);
        if (g)
            fclose(g);
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    long n = 0, newer = 0;
    while (getline(&line, &cap, f) > 0) {
        char *semi = strchr(line, ';');
        if (!semi || semi[1] == '<')
            continue;
        char *name = semi + 1, *e = strchr(name, ';');
        if (!e)
            continue;
        *e = '\0';
        uint32_t cp = (uint32_t)strtoul(line, NULL, 16);
        if (check_ucd_name(t, name, cp)) {
            n++;
            check_name_of(t, cp, name);
        } else {
            newer++;
        }
    }
    while (getline(&line, &cap, g) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *semi = strchr(line, ';');
        if (!semi)
            continue;
        char *name = semi + 1, *e = strchr(name, ';');
        if (!e)
            continue;
        *e = '\0';
        if (check_ucd_name(t, name, (uint32_t)strtoul(line, NULL, 16)))
            n++;
        else
            newer++;
    }
    free(line);
    fclose(f);
    fclose(g);
    check(t, n > 30000, "only %ld names in %s", n, UCD_DIR);
    printf("%s: %ld names and aliases found, %ld newer ones rejected\n", UCD_DIR, n, newer);
}

/* Hangul syllable names from Jamo.txt's short names, independently of the
 * tables in unicode_db.c. */
static void check_hangul_names(T *t)
{
    FILE *f = fopen(UCD_DIR "/Jamo.txt", "r");
    if (!f)
        return;
    char l[19][8] = {{0}}, v[21][8] = {{0}}, tt[28][8] = {{0}};
    int seen = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        unsigned long cp = strtoul(line, NULL, 16);
        char *semi = strchr(line, ';');
        if (!semi)
            continue;
        char name[8] = "";
        sscanf(semi + 1, " %7[A-Z]", name);
        char *dst = NULL;
        if (cp >= 0x1100 && cp < 0x1100 + 19)
            dst = l[cp - 0x1100];
        else if (cp >= 0x1161 && cp < 0x1161 + 21)
            dst = v[cp - 0x1161];
        else if (cp >= 0x11A8 && cp < 0x11A8 + 27)
            dst = tt[cp - 0x11A7];
        if (dst) {
            snprintf(dst, 8, "%s", name);
            seen++;
        }
    }
    free(line);
    fclose(f);
    check(t, seen == 19 + 21 + 27, "Jamo.txt: %d jamo", seen);
    for (int i = 0; i < 19; i++)
        for (int j = 0; j < 21; j++)
            for (int k = 0; k < 28; k++) {
                char name[40] = "HANGUL SYLLABLE ";
                strcat(strcat(strcat(name, l[i]), v[j]), tt[k]);
                check_name(t, name, true, 0xAC00 + (uint32_t)((i * 21 + j) * 28 + k));
            }
}

/* What the vectors cannot express: buffer handling and malformed input. */
static void check_api(T *t)
{
    char buf[16];
    memset(buf, '#', sizeof buf);
    check(t, unicode_nfkc("abc", 3, buf, 3) == 3 && memcmp(buf, "abc#", 4) == 0,
          "ASCII is copied unchanged");
    check(t, unicode_nfkc("abc", 3, NULL, 0) == 3, "ASCII size query");
    check(t, unicode_nfkc("", 0, NULL, 0) == 0, "empty input");

    /* "\uFB01x" (LATIN SMALL LIGATURE FI) becomes "fix". */
    memset(buf, '#', sizeof buf);
    check(t, unicode_nfkc("\xEF\xAC\x81x", 4, NULL, 0) == 3, "size query with NULL");
    check(t, unicode_nfkc("\xEF\xAC\x81x", 4, buf, 2) == 3 && buf[0] == '#',
          "a short buffer is left alone and the size returned");
    check(t, unicode_nfkc("\xEF\xAC\x81x", 4, buf, 3) == 3 && memcmp(buf, "fix#", 4) == 0,
          "exact fit");

    /* Malformed UTF-8 comes through byte for byte. */
    static const char *const bad[] = {
        "\xFF", "a\xC3", "\xC3(", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\x80\xCC\x81",
        "e\xCC\x81\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = strlen(bad[i]);
        memset(buf, 0, sizeof buf);
        size_t got = unicode_nfkc(bad[i], n, buf, sizeof buf);
        bool ok = i + 1 < sizeof bad / sizeof bad[0]
                      ? got == n && memcmp(buf, bad[i], n) == 0
                      : got == 3 && memcmp(buf, "\xC3\xA9\xFF", 3) == 0;
        check(t, ok, "malformed UTF-8 case %zu", i);
    }

    /* Long inputs leave the stack buffer; a long run of marks is reordered
     * stably: 'a' + (U+0316 U+0301 U+0334) * 100 is U+00E1, then the 100
     * class-1 marks, the 100 class-220 ones, and the other 99 acutes. */
    size_t n = 1 + 300 * 2;
    char *in = malloc(n), *want = malloc(n), *got = malloc(n + 8);
    if (!in || !want || !got) {
        check(t, false, "out of memory");
        return;
    }
    in[0] = 'a';
    static const char marks[3][2] = {{'\xCC', '\x96'}, {'\xCC', '\x81'}, {'\xCC', '\xB4'}};
    for (int i = 0; i < 300; i++)
        memcpy(in + 1 + 2 * i, marks[i % 3], 2);
    size_t w = 0;
    memcpy(want, "\xC3\xA1", 2);
    w = 2;
    for (int i = 0; i < 100; i++, w += 2)
        memcpy(want + w, marks[2], 2);
    for (int i = 0; i < 100; i++, w += 2)
        memcpy(want + w, marks[0], 2);
    for (int i = 0; i < 99; i++, w += 2)
        memcpy(want + w, marks[1], 2);
    size_t gl = unicode_nfkc(in, n, got, n + 8);
    check(t, gl == w && memcmp(got, want, w) == 0, "long run of combining marks");
    for (int i = 0; i < 200; i++)
        memcpy(in + 3 * i, "\xEF\xAC\x81", 3);
    gl = unicode_nfkc(in, 600, got, n + 8);
    bool ok = gl == 400;
    for (int i = 0; i < 200 && ok; i++)
        ok = got[2 * i] == 'f' && got[2 * i + 1] == 'i';
    check(t, ok, "long input of ligatures");
    free(in);
    free(want);
    free(got);

    /* name_of: no names for controls and the like, the buffer is never
     * overrun, and the length is returned whatever cap is. */
    static const uint32_t unnamed[] = {0, 0x1F, 0x7F, 0x9F, 0xD800, 0xDFFF, 0xE000,
                                       0xFFFF, 0x10FFFF, 0x110000, 0xFFFFFFFF};
    for (size_t i = 0; i < sizeof unnamed / sizeof unnamed[0]; i++)
        check(t, unicode_name_of(unnamed[i], buf, sizeof buf) == 0, "U+%04X has no name",
              unnamed[i]);
    check(t, unicode_name_of(0x41, NULL, 0) == 22, "name size query");
    memset(buf, '#', sizeof buf);
    check(t, unicode_name_of(0x41, buf, 6) == 22 && memcmp(buf, "LATIN\0#", 7) == 0,
          "a short buffer gets a truncated name");
    check(t, unicode_name_of(0xAC01, buf, 6) == 19 && memcmp(buf, "HANGU\0#", 7) == 0,
          "a short buffer gets a truncated Hangul name");
    check(t, unicode_name_of(0x4E00, buf, 6) == 26 && memcmp(buf, "CJK U\0#", 7) == 0,
          "a short buffer gets a truncated CJK name");
    check(t, unicode_name_of(0x20, buf, 6) == 5 && strcmp(buf, "SPACE") == 0, "exact fit");

    /* Names are taken by length, not up to a NUL. */
    uint32_t cp = 0;
    check(t, unicode_lookup_name("SPACEX", 5, &cp) && cp == 0x20, "name by length");
    check(t, !unicode_lookup_name("SPACE\0", 6, &cp), "embedded NUL");
    check(t, unicode_lookup_name("HANGUL SYLLABLE GAGX", 19, &cp) && cp == 0xAC01,
          "Hangul name by length");
    check(t, unicode_lookup_name("CJK UNIFIED IDEOGRAPH-4E00X", 26, &cp) && cp == 0x4E00,
          "CJK name by length");
}

int main(int argc, char **argv)
{
    T t = {0};
    t.prop = calloc(NCP, 1);
    t.listed = calloc(NCP, 1);
    t.name_crc = calloc(NBLOCK, sizeof *t.name_crc);
    crc_init(t.crc_table);
    if (!t.prop || !t.listed || !t.name_crc) {
        puts("out of memory");
        return 1;
    }
    printf("tables: Unicode %s (from %s data), %d bytes\n", UNI_UNICODE_VERSION,
           UNI_DATA_VERSION, (int)UNI_TABLE_BYTES);

    const char *path;
    char pathbuf[4096];
    FILE *f = open_vectors(argc, argv, &path, pathbuf, sizeof pathbuf);
    check(&t, f != NULL, "cannot open %s", path);
    if (f) {
        long lines = read_vectors(&t, f);
        fclose(f);
        check(&t, lines > 5000, "%s has only %ld vectors", path, lines);
        check(&t, t.version_seen, "%s does not name its Unicode version", path);
        sweep(&t);
    }
    check_ucd_names(&t);
    check_hangul_names(&t);
    check_api(&t);

    printf("%ld passed, %ld failed\n", t.passed, t.failed);
    for (size_t i = 0; i < t.nrejected; i++)
        free(t.rejected[i]);
    free(t.rejected);
    free(t.prop);
    free(t.listed);
    free(t.name_crc);
    return t.failed ? 1 : 0;
}
