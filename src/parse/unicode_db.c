/* Unicode lookups for the front end, on top of the tables that
 * tools/gen_unicode.c generates (its header comment describes their formats).
 *
 * The behaviour follows CPython 3.11 rather than the letter of the Unicode
 * standard where the two differ, since Krait must accept and reject the same
 * programs: see unicode_lookup_name.  For the same reason the tables are
 * Unicode 14.0 (UNI_UNICODE_VERSION), CPython 3.11's version, whatever newer
 * data they were generated from: the generator leaves out every character
 * and alias added since, so nothing here needs to know about versions. */
#include "unicode_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unicode_tables.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- properties ---- */

/* The tables list the code points where membership flips, so a code point is
 * in the set when an odd number of entries are <= it. */
static bool in_flip_set(const uint32_t *v, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo & 1) != 0;
}

/* XID_Start proper: '_' is not in it, callers that lex identifiers add it.
 * The ASCII shortcuts here and the low-code-point ones in the NFKC code are
 * facts that tools/gen_unicode.c checks against the data it reads. */
bool unicode_is_xid_start(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) - 'a' < 26;
    return in_flip_set(uni_xid_start, COUNT(uni_xid_start), cp);
}

bool unicode_is_xid_continue(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) - 'a' < 26 || cp - '0' < 10 || cp == '_';
    return in_flip_set(uni_xid_continue, COUNT(uni_xid_continue), cp);
}

bool unicode_is_printable(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp < 0x7F;
    return in_flip_set(uni_printable, COUNT(uni_printable), cp);
}

/* ---- names ---- */

enum {
    S_BASE = 0xAC00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7,
    L_COUNT = 19, V_COUNT = 21, T_COUNT = 28,
    N_COUNT = V_COUNT * T_COUNT, S_COUNT = L_COUNT * N_COUNT,
};

/* Short names of the conjoining jamo (Jamo.txt), from which Hangul syllable
 * names are built; "" is the silent initial IEUNG and the absent final. */
static const char *const jamo_l[L_COUNT] = {
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
    "SS", "", "J", "JJ", "C", "K", "T", "P", "H",
};
static const char *const jamo_v[V_COUNT] = {
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
    "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I",
};
static const char *const jamo_t[T_COUNT] = {
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT",
    "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
};

/* Takes the longest jamo name that starts s, as CPython does: the three
 * columns use disjoint letters, so greedy matching never misparses a real
 * syllable name.  Returns the index, or -1. */
static int match_jamo(const char *const *table, int count, const char *s, size_t len,
                      size_t *used)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(table[i]);
        if (n <= len && (best < 0 || n > best_len) && memcmp(s, table[i], n) == 0) {
            best = i;
            best_len = n;
        }
    }
    *used = best_len;
    return best;
}

static bool lookup_hangul(const char *s, size_t len, uint32_t *cp)
{
    size_t used;
    int l = match_jamo(jamo_l, L_COUNT, s, len, &used);
    s += used, len -= used;
    int v = match_jamo(jamo_v, V_COUNT, s, len, &used);
    s += used, len -= used;
    int t = match_jamo(jamo_t, T_COUNT, s, len, &used);
    len -= used;
    if (l < 0 || v < 0 || t < 0 || len != 0)
        return false;
    *cp = S_BASE + ((uint32_t)l * V_COUNT + (uint32_t)v) * T_COUNT + (uint32_t)t;
    return true;
}

/* Four or five upper-case hex digits naming a code point in one of the
 * unified ideograph ranges (lower case is rejected, as in CPython). */
static bool lookup_cjk(const char *s, size_t len, uint32_t *cp)
{
    if (len != 4 && len != 5)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + (uint32_t)(c - 'A' + 10);
        else
            return false;
    }
    for (size_t i = 0; i < UNI_CJK_RANGES; i++) {
        if (v >= uni_cjk_ranges[2 * i] && v <= uni_cjk_ranges[2 * i + 1]) {
            *cp = v;
            return true;
        }
    }
    return false;
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;
    if (r != 0)
        return r;
    return alen < blen ? -1 : alen > blen;
}

/* Reads one front-coded lexicon word into buf (which holds the previous word
 * of the block); returns its length. */
static size_t read_word(const uint8_t **pp, char *buf)
{
    const uint8_t *p = *pp;
    size_t n = *p++;
    uint8_t c;
    do {
        c = *p++;
        buf[n++] = (char)(c & 0x7F);
    } while (!(c & 0x80));
    *pp = p;
    return n;
}

/* The lexicon id of an upper-case word or separator, or -1. */
static int find_word(const char *w, size_t wl)
{
    size_t lo = 0, hi = COUNT(uni_lex_block);
    char buf[UNI_LEX_MAX_WORD];
    /* Find the last block whose first word is <= w. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const uint8_t *p = uni_lex_data + uni_lex_block[mid];
        size_t n = read_word(&p, buf);
        if (compare_bytes(buf, n, w, wl) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    size_t first = (lo - 1) * UNI_LEX_BLOCK;
    size_t end = first + UNI_LEX_BLOCK < UNI_LEX_WORDS ? first + UNI_LEX_BLOCK : UNI_LEX_WORDS;
    const uint8_t *p = uni_lex_data + uni_lex_block[lo - 1];
    for (size_t i = first; i < end; i++) {
        size_t n = read_word(&p, buf);
        int r = compare_bytes(buf, n, w, wl);
        if (r == 0)
            return (int)i;
        if (r > 0)
            break;
    }
    return -1;
}

static bool is_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char to_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Splits an upper-cased name into word ids exactly as the generator split
 * the real names: runs of [A-Z0-9], and separator runs except a lone space
 * between two words.  Returns the count, or -1 if some piece is in no name. */
static int tokenize(const char *name, size_t len, uint16_t *ids)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        bool word = is_word_char(to_upper(name[i]));
        size_t j = i + 1;
        while (j < len && is_word_char(to_upper(name[j])) == word)
            j++;
        bool implied_space = !word && j - i == 1 && name[i] == ' ' && i > 0 && j < len;
        if (!implied_space) {
            char buf[UNI_LEX_MAX_WORD];
            if (n == UNI_NAME_MAX_TOKENS || j - i > UNI_LEX_MAX_WORD)
                return -1;
            for (size_t k = i; k < j; k++)
                buf[k - i] = to_upper(name[k]);
            int id = find_word(buf, j - i);
            if (id < 0)
                return -1;
            ids[n++] = (uint16_t)id;
        }
        i = j;
    }
    return n;
}

/* Decodes one name entry into seq (which holds the previous entry of the
 * block, whose first words are shared) and advances *cp by its delta. */
static const uint8_t *read_entry(const uint8_t *p, uint16_t *seq, int *len, uint32_t *cp)
{
    int shared = *p >> 4, fresh = *p & 15;
    p++;
    uint32_t z = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        b = *p++;
        z |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    /* zigzag: even is a forward step, odd a backward one */
    *cp = (z & 1) ? *cp - (z >> 1) - 1 : *cp + (z >> 1);
    for (int k = 0; k < fresh; k++) {
        uint8_t b0 = *p++;
        if (b0 < UNI_NAME_ONE_BYTE)
            seq[shared + k] = uni_name_one_byte[b0];
        else
            seq[shared + k] = (uint16_t)((unsigned)(b0 - UNI_NAME_ONE_BYTE) << 8 | *p++);
    }
    *len = shared + fresh;
    return p;
}

static int compare_seq(const uint16_t *a, int alen, const uint16_t *b, int blen)
{
    for (int i = 0; i < alen && i < blen; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return alen < blen ? -1 : alen > blen;
}

/* CPython 3.11 semantics: the algorithmic prefixes are matched case-
 * sensitively and, once matched, decide the answer on their own; every other
 * name (including aliases) is case-insensitive.  Named sequences are not
 * characters, so \N{} rejects them and so do we.  3.11 gives Tangut
 * ideographs no algorithmic name, so TANGUT IDEOGRAPH-XXXXX is rejected. */
bool unicode_lookup_name(const char *name, size_t len, uint32_t *cp)
{
    static const char hangul[] = "HANGUL SYLLABLE ";
    static const char cjk[] = "CJK UNIFIED IDEOGRAPH-";
    if (len >= sizeof hangul - 1 && memcmp(name, hangul, sizeof hangul - 1) == 0)
        return lookup_hangul(name + sizeof hangul - 1, len - (sizeof hangul - 1), cp);
    if (len >= sizeof cjk - 1 && memcmp(name, cjk, sizeof cjk - 1) == 0)
        return lookup_cjk(name + sizeof cjk - 1, len - (sizeof cjk - 1), cp);

    uint16_t q[UNI_NAME_MAX_TOKENS], seq[UNI_NAME_MAX_TOKENS];
    int qn = tokenize(name, len, q);
    if (qn <= 0)
        return false;

    /* Find the last block whose first name is <= the query. */
    size_t lo = 0, hi = COUNT(uni_name_block);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int n;
        uint32_t c = 0;
        read_entry(uni_name_data + uni_name_block[mid], seq, &n, &c);
        if (compare_seq(seq, n, q, qn) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    size_t first = (lo - 1) * UNI_NAME_BLOCK;
    size_t end = first + UNI_NAME_BLOCK < UNI_NAME_COUNT ? first + UNI_NAME_BLOCK
                                                         : UNI_NAME_COUNT;
    const uint8_t *p = uni_name_data + uni_name_block[lo - 1];
    uint32_t c = 0;
    for (size_t i = first; i < end; i++) {
        int n;
        p = read_entry(p, seq, &n, &c);
        int r = compare_seq(seq, n, q, qn);
        if (r == 0) {
            *cp = c;
            return true;
        }
        if (r > 0)
            break;
    }
    return false;
}

/* ---- code point -> name ---- */

_Static_assert(UNI_NAME_MAX_LEN < UNICODE_NAME_MAX, "UNICODE_NAME_MAX too small");

static uint32_t read_varint(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        b = *p++;
        v |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    *pp = p;
    return v;
}

/* Copies s into buf at *len as far as cap allows (keeping room for the
 * NUL), and counts it in *len either way. */
static void put_text(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len < cap) {
        size_t room = cap - *len - 1;
        memcpy(buf + *len, s, n < room ? n : room);
    }
    *len += n;
}

static size_t finish_text(char *buf, size_t cap, size_t len)
{
    if (cap > 0)
        buf[len < cap ? len : cap - 1] = '\0';
    return len;
}

/* The name block holding cp's name (aliases aside), or -1 when cp has
 * none, from the index described in tools/gen_unicode.c. */
static long name_block_of(uint32_t cp)
{
    size_t lo = 0, hi = COUNT(uni_name_rev_cp);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (uni_name_rev_cp[mid] <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    size_t first = (lo - 1) * UNI_NAME_REV_CHUNK;
    size_t end = first + UNI_NAME_REV_CHUNK < UNI_NAME_REV_COUNT
                     ? first + UNI_NAME_REV_CHUNK : UNI_NAME_REV_COUNT;
    const uint8_t *p = uni_name_rev_data + uni_name_rev_off[lo - 1];
    uint32_t c = uni_name_rev_cp[lo - 1] - 1, blk = 0;
    for (size_t i = first; i < end; i++) {
        uint32_t v = read_varint(&p);
        c += 1;
        if (v & 1)
            c += read_varint(&p) + 1;
        uint32_t z = v >> 1;
        blk = (z & 1) ? blk - (z >> 1) - 1 : blk + (z >> 1);
        if (c == cp)
            return (long)blk;
        if (c > cp)
            break;
    }
    return -1;
}

/* Spells out lexicon word id. */
static size_t word_text(uint16_t id, char *buf)
{
    const uint8_t *p = uni_lex_data + uni_lex_block[id / UNI_LEX_BLOCK];
    size_t n = 0;
    for (size_t i = id / UNI_LEX_BLOCK * UNI_LEX_BLOCK; i <= id; i++)
        n = read_word(&p, buf);
    return n;
}

static size_t name_hangul(uint32_t cp, char *buf, size_t cap)
{
    uint32_t s = cp - S_BASE;
    const char *parts[3] = {jamo_l[s / N_COUNT], jamo_v[s % N_COUNT / T_COUNT],
                            jamo_t[s % T_COUNT]};
    size_t len = 0;
    put_text(buf, cap, &len, "HANGUL SYLLABLE ", 16);
    for (int i = 0; i < 3; i++)
        put_text(buf, cap, &len, parts[i], strlen(parts[i]));
    return finish_text(buf, cap, len);
}

size_t unicode_name_of(uint32_t cp, char *buf, size_t cap)
{
    if (cp >= S_BASE && cp < S_BASE + S_COUNT)
        return name_hangul(cp, buf, cap);
    for (size_t i = 0; i < UNI_CJK_RANGES; i++) {
        if (cp >= uni_cjk_ranges[2 * i] && cp <= uni_cjk_ranges[2 * i + 1]) {
            char tmp[32];
            int n = snprintf(tmp, sizeof tmp, "CJK UNIFIED IDEOGRAPH-%04X", (unsigned)cp);
            size_t len = 0;
            put_text(buf, cap, &len, tmp, (size_t)n);
            return finish_text(buf, cap, len);
        }
    }
    long blk = name_block_of(cp);
    if (blk < 0)
        return 0;

    /* The first entry of the block with this code point is its name, unless
     * the generator listed the exact entry because an alias comes first. */
    size_t want = SIZE_MAX;
    uint64_t key = (uint64_t)cp << 32;
    size_t lo = 0, hi = COUNT(uni_name_rev_exact);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (uni_name_rev_exact[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (uni_name_rev_exact[lo] >> 32 == cp)
        want = (size_t)(uni_name_rev_exact[lo] & 0xFFFFFFFF);

    size_t first = (size_t)blk * UNI_NAME_BLOCK;
    size_t end = first + UNI_NAME_BLOCK < UNI_NAME_COUNT ? first + UNI_NAME_BLOCK
                                                         : UNI_NAME_COUNT;
    const uint8_t *p = uni_name_data + uni_name_block[blk];
    uint16_t seq[UNI_NAME_MAX_TOKENS];
    uint32_t c = 0;
    for (size_t i = first; i < end; i++) {
        int n;
        p = read_entry(p, seq, &n, &c);
        if (want == SIZE_MAX ? c != cp : i != want)
            continue;
        /* A space joins two words; separator tokens are spelt out. */
        size_t len = 0;
        bool prev_word = false;
        for (int k = 0; k < n; k++) {
            char w[UNI_LEX_MAX_WORD];
            size_t wl = word_text(seq[k], w);
            bool is_word = is_word_char(w[0]);
            if (is_word && prev_word)
                put_text(buf, cap, &len, " ", 1);
            put_text(buf, cap, &len, w, wl);
            prev_word = is_word;
        }
        return finish_text(buf, cap, len);
    }
    return 0;   /* not reached with consistent tables */
}

/* ---- NFKC ---- */

/* Bytes that are not valid UTF-8 travel through normalisation as these
 * pseudo code points (no class, no decomposition, never composed) and come
 * out unchanged, so a bad identifier is not silently altered. */
#define RAW_BYTE 0x110000u

static uint8_t combining_class(uint32_t cp)
{
    if (cp < 0x300 || cp >= RAW_BYTE)
        return 0;
    /* The last run starting at or before cp. */
    uint32_t key = cp << 8 | 0xFF;
    size_t lo = 0, hi = COUNT(uni_ccc_runs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (uni_ccc_runs[mid] <= key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint8_t)(uni_ccc_runs[lo - 1] & 0xFF);
}

/* Appends the full compatibility decomposition of cp to out (when out is
 * not NULL) and returns its length. */
static size_t decompose(uint32_t cp, uint32_t *out)
{
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        uint32_t s = cp - S_BASE, t = s % T_COUNT;
        if (out) {
            out[0] = L_BASE + s / N_COUNT;
            out[1] = V_BASE + s % N_COUNT / T_COUNT;
            if (t)
                out[2] = T_BASE + t;
        }
        return t ? 3 : 2;
    }
    if (cp >= 0xA0 && cp < RAW_BYTE) {
        size_t lo = 0, hi = COUNT(uni_decomp_cp);
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (uni_decomp_cp[mid] < cp)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < COUNT(uni_decomp_cp) && uni_decomp_cp[lo] == cp) {
            size_t n = 0;
            for (size_t i = uni_decomp_off[lo]; i < uni_decomp_off[lo + 1]; i++) {
                uint32_t u = uni_decomp_pool[i];
                if (u >= 0xD800 && u < 0xDC00) {
                    i++;
                    u = 0x10000 + ((u - 0xD800) << 10) + (uni_decomp_pool[i] - 0xDC00u);
                }
                if (out)
                    out[n] = u;
                n++;
            }
            return n;
        }
    }
    if (out)
        out[0] = cp;
    return 1;
}

static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE && b < V_BASE + V_COUNT)
        return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
    if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 &&
        b > T_BASE && b < T_BASE + T_COUNT)
        return a + (b - T_BASE);
    if (a >= RAW_BYTE || b >= RAW_BYTE)
        return 0;
    uint64_t key = (uint64_t)a << 21 | b;
    size_t lo = 0, hi = COUNT(uni_comp_pairs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (uni_comp_pairs[mid] >> 21 < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < COUNT(uni_comp_pairs) && uni_comp_pairs[lo] >> 21 == key)
        return (uint32_t)(uni_comp_pairs[lo] & 0x1FFFFF);
    return 0;
}

/* Decodes one UTF-8 character starting at s[*i], rejecting overlong forms,
 * surrogates and values past U+10FFFF. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    size_t k = *i;
    unsigned b = s[k];
    uint32_t cp;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
        *i = k + 1;
        return b;
    } else if (b >= 0xC2 && b <= 0xDF) {
        n = 1, cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 2, cp = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 3, cp = b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    } else {
        *i = k + 1;
        return RAW_BYTE + b;
    }
    if (len - k - 1 < n) {
        *i = k + 1;
        return RAW_BYTE + b;
    }
    for (size_t j = 1; j <= n; j++) {
        unsigned c = s[k + j];
        if (c < (j == 1 ? lo : 0x80) || c > (j == 1 ? hi : 0xBF)) {
            *i = k + 1;
            return RAW_BYTE + b;
        }
        cp = cp << 6 | (c & 0x3F);
    }
    *i = k + 1 + n;
    return cp;
}

static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 || cp >= RAW_BYTE ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static char *put_utf8(char *o, uint32_t cp)
{
    if (cp >= RAW_BYTE) {
        *o++ = (char)(cp - RAW_BYTE);
    } else if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Stable sort of one run of non-starters by combining class.  Runs are
 * nearly always a few marks long; a counting sort keeps a pathological run
 * of thousands of marks linear. */
static void order_run(uint32_t *cp, uint8_t *cc, size_t n, uint32_t *scratch)
{
    if (n <= 8) {
        for (size_t i = 1; i < n; i++) {
            uint32_t c = cp[i];
            uint8_t k = cc[i];
            size_t j = i;
            for (; j > 0 && cc[j - 1] > k; j--) {
                cp[j] = cp[j - 1];
                cc[j] = cc[j - 1];
            }
            cp[j] = c;
            cc[j] = k;
        }
        return;
    }
    size_t start[257] = {0};
    for (size_t i = 0; i < n; i++)
        start[cc[i] + 1]++;
    for (size_t k = 1; k < 257; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < n; i++)
        scratch[start[cc[i]]++] = cp[i];
    memcpy(cp, scratch, n * sizeof *cp);
    /* start[k] now ends bucket k, which is where bucket k+1 began. */
    size_t i = 0;
    for (size_t k = 0; k < 256; k++)
        while (i < start[k])
            cc[i++] = (uint8_t)k;
}

enum { NFKC_STACK = 128 };

size_t unicode_nfkc(const char *s, size_t len, char *out, size_t out_cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len && u[i] < 0x80)
        i++;
    if (i == len) {
        if (len <= out_cap && len > 0)
            memcpy(out, s, len);
        return len;
    }

    /* Pass 1 sizes the decomposition so the work buffer is allocated once. */
    size_t n = 0;
    for (i = 0; i < len;)
        n += decompose(next_cp(u, len, &i), NULL);

    uint32_t stack_cp[NFKC_STACK], stack_scratch[NFKC_STACK];
    uint8_t stack_cc[NFKC_STACK];
    uint32_t *cp = stack_cp, *scratch = stack_scratch;
    uint8_t *cc = stack_cc;
    void *heap = NULL;
    if (n > NFKC_STACK) {
        if (n > SIZE_MAX / (2 * sizeof(uint32_t) + 1) ||
            !(heap = malloc(n * (2 * sizeof(uint32_t) + 1)))) {
            fputs("krait: out of memory normalising an identifier\n", stderr);
            abort();
        }
        cp = heap;
        scratch = cp + n;
        cc = (uint8_t *)(scratch + n);
    }

    size_t m = 0;
    for (i = 0; i < len;)
        m += decompose(next_cp(u, len, &i), cp + m);
    for (size_t k = 0; k < n; k++)
        cc[k] = combining_class(cp[k]);

    /* Canonical ordering. */
    for (size_t k = 0; k < n;) {
        if (cc[k] == 0) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < n && cc[e] != 0)
            e++;
        order_run(cp + k, cc + k, e - k, scratch);
        k = e;
    }

    /* Canonical composition (UAX #15): a character joins the last starter
     * unless something between them is a starter or has a class at least
     * its own.  The run after the starter is sorted, so only its last
     * member needs checking. */
    size_t w = 0;
    size_t starter = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        uint32_t c = cp[k];
        uint8_t k_cc = cc[k];
        if (starter != SIZE_MAX) {
            bool adjacent = w == starter + 1;
            uint8_t last = cc[w - 1];
            if (adjacent || (last != 0 && last < k_cc)) {
                uint32_t comp = compose_pair(cp[starter], c);
                if (comp) {
                    cp[starter] = comp;
                    continue;
                }
            }
        }
        if (k_cc == 0)
            starter = w;
        cp[w] = c;
        cc[w] = k_cc;
        w++;
    }

    size_t need = 0;
    for (size_t k = 0; k < w; k++)
        need += utf8_len(cp[k]);
    if (need <= out_cap) {
        char *o = out;
        for (size_t k = 0; k < w; k++)
            o = put_utf8(o, cp[k]);
    }
    free(heap);
    return need;
}
