/* The out-of-line parts of unicode_props.h: decompositions and the
 * final-sigma rule.  The tables come from tools/gen_unicode_props.c, whose
 * header comment describes their formats. */
#include "unicode_props.h"

#include <stdio.h>

/* The decomposition pool offset of cp, 0 if none. */
static unsigned decomp_offset(uint32_t cp)
{
    if (cp >= 0x110000)
        return 0;
    uint32_t mid = uprop_decomp_top[cp >> (UPROP_DECOMP_SHIFT1 + UPROP_DECOMP_SHIFT2)];
    uint32_t leaf =
        uprop_decomp_mid[(mid << UPROP_DECOMP_SHIFT1) +
                         ((cp >> UPROP_DECOMP_SHIFT2) & ((1u << UPROP_DECOMP_SHIFT1) - 1))];
    return uprop_decomp_leaf[(leaf << UPROP_DECOMP_SHIFT2) +
                             (cp & ((1u << UPROP_DECOMP_SHIFT2) - 1))];
}

int unicode_decomposition_raw(uint32_t cp, const char **tag, uint32_t out[UNICODE_DECOMP_MAX])
{
    unsigned off = decomp_offset(cp);
    *tag = "";
    if (off == 0)
        return 0;
    const uint16_t *p = uprop_decomp_pool + off;
    unsigned head = *p++;
    int n = (int)(head & 31);
    *tag = uprop_decomp_tags[head >> 5];
    for (int i = 0; i < n; i++) {
        uint32_t w = *p++;
        /* Words below 0x20 are the high half of a code point above U+FFFF. */
        if (w < 0x20)
            w = w << 16 | *p++;
        out[i] = w;
    }
    return n;
}

size_t unicode_decomposition(uint32_t cp, char *buf, size_t cap)
{
    const char *tag;
    uint32_t d[UNICODE_DECOMP_MAX];
    int n = unicode_decomposition_raw(cp, &tag, d);
    char tmp[UNICODE_DECOMP_STR_MAX];
    size_t len = 0;
    if (tag[0])
        len += (size_t)snprintf(tmp + len, sizeof tmp - len, "%s", tag);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(tmp + len, sizeof tmp - len, "%s%04X", len ? " " : "",
                                (unsigned)d[i]);
    tmp[len] = '\0';
    if (cap > 0) {
        size_t k = len < cap ? len : cap - 1;
        for (size_t i = 0; i < k; i++)
            buf[i] = tmp[i];
        buf[k] = '\0';
    }
    return len;
}

static uint32_t code_point_at(const void *s, int width, size_t i)
{
    switch (width) {
    case 1:
        return ((const uint8_t *)s)[i];
    case 2:
        return ((const uint16_t *)s)[i];
    default:
        return ((const uint32_t *)s)[i];
    }
}

/* Unicode's Final_Sigma condition (chapter 3.13), as CPython applies it:
 * case-ignorable characters are skipped greedily, so one that is also cased
 * (U+02B0, say) never counts as the cased neighbour. */
bool unicode_final_sigma(const void *s, int width, size_t len, size_t i)
{
    size_t j = i;
    uint32_t c;
    do {
        if (j == 0)
            return false;
        c = code_point_at(s, width, --j);
    } while (unicode_iscase_ignorable(c));
    if (!unicode_iscased(c))
        return false;
    for (j = i + 1; j < len; j++) {
        c = code_point_at(s, width, j);
        if (!unicode_iscase_ignorable(c))
            return !unicode_iscased(c);
    }
    return true;
}
