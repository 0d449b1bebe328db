/* Unit tests for src/core/codecs.c.
 *
 * The cases are in data/codecs_cases.h, generated from CPython 3.11.2 by
 * data/gen_codecs_cases.py: every codec x error handler, both directions,
 * with the output and consumed count or the exception's data and message.
 * The 'rec' handler is a custom one that records each call, so every error
 * range a codec reports is compared, not only the first.
 *
 *   build/tests/test_codecs            the cases
 *   build/tests/test_codecs --bench    also times ASCII UTF-8 decoding */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codecs.h"

typedef struct CodecCase {
    const char *codec;
    int encode;
    const char *errors;
    int final;
    const void *in;
    size_t in_len;
    int kind; /* 0 ok, 1 Unicode error, 2 other exception */
    const void *out;
    size_t out_len;
    size_t consumed;
    const char *reason;
    size_t start, end;
    const char *encoding;
    const char *message;
    const char *calls;
} CodecCase;

#include "data/codecs_cases.h"

/* The custom handler 'rec' of the generator: records each call and
 * replaces with '#' (encode) or U+FFFD (decode). */
typedef struct Recorder {
    char log[600];
} Recorder;

static CodecStatus rec_handler(void *ctx, const CodecError *e, CodecReplacement *rep)
{
    Recorder *r = ctx;
    size_t l = strlen(r->log);
    snprintf(r->log + l, sizeof r->log - l, "%s%zu-%zu:%s", l ? ";" : "", e->start, e->end,
             e->reason);
    rep->str.data = malloc(sizeof(uint32_t));
    if (!rep->str.data)
        return CODEC_NOMEM;
    rep->str.data[0] = e->encode ? '#' : 0xFFFD;
    rep->str.len = rep->str.cap = 1;
    rep->pos = (int64_t)e->end;
    return CODEC_OK;
}

static const char *exc_name(CodecExcKind k)
{
    switch (k) {
    case CODEC_EXC_TYPE_ERROR: return "TypeError";
    case CODEC_EXC_VALUE_ERROR: return "ValueError";
    case CODEC_EXC_INDEX_ERROR: return "IndexError";
    default: return "?";
    }
}

static CodecStatus run_case(const CodecCase *c, CodecHandler h, CodecStr *so, CodecBytes *bo,
                            CodecResult *res)
{
    const char *k = c->codec;
    if (c->encode) {
        const uint32_t *s = c->in;
        size_t n = c->in_len;
        CodecCharmapMap map;
        if (!strcmp(k, "utf_8")) return codec_utf8_encode(s, n, h, bo, res);
        if (!strcmp(k, "utf_16")) return codec_utf16_encode(s, n, h, 0, bo, res);
        if (!strcmp(k, "utf_16_le")) return codec_utf16_encode(s, n, h, -1, bo, res);
        if (!strcmp(k, "utf_16_be")) return codec_utf16_encode(s, n, h, 1, bo, res);
        if (!strcmp(k, "utf_32")) return codec_utf32_encode(s, n, h, 0, bo, res);
        if (!strcmp(k, "utf_32_le")) return codec_utf32_encode(s, n, h, -1, bo, res);
        if (!strcmp(k, "utf_32_be")) return codec_utf32_encode(s, n, h, 1, bo, res);
        if (!strcmp(k, "latin_1")) return codec_latin1_encode(s, n, h, bo, res);
        if (!strcmp(k, "ascii")) return codec_ascii_encode(s, n, h, bo, res);
        if (!strcmp(k, "charmap")) {
            codec_charmap_build(charmap_table, &map);
            return codec_charmap_encode(s, n, h, codec_charmap_map_lookup, &map, bo, res);
        }
        memset(res, 0, sizeof *res);
        if (!strcmp(k, "unicode_escape")) return codec_unicode_escape_encode(s, n, bo);
        if (!strcmp(k, "raw_unicode_escape")) return codec_raw_unicode_escape_encode(s, n, bo);
    } else {
        const uint8_t *s = c->in;
        size_t n = c->in_len;
        bool f = c->final;
        int bo0 = 0, le = -1, be = 1;
        if (!strcmp(k, "utf_8")) return codec_utf8_decode(s, n, h, f, so, res);
        if (!strcmp(k, "utf_16")) return codec_utf16_decode(s, n, h, &bo0, f, so, res);
        if (!strcmp(k, "utf_16_le")) return codec_utf16_decode(s, n, h, &le, f, so, res);
        if (!strcmp(k, "utf_16_be")) return codec_utf16_decode(s, n, h, &be, f, so, res);
        if (!strcmp(k, "utf_32")) return codec_utf32_decode(s, n, h, &bo0, f, so, res);
        if (!strcmp(k, "utf_32_le")) return codec_utf32_decode(s, n, h, &le, f, so, res);
        if (!strcmp(k, "utf_32_be")) return codec_utf32_decode(s, n, h, &be, f, so, res);
        if (!strcmp(k, "latin_1")) return codec_latin1_decode(s, n, h, so, res);
        if (!strcmp(k, "ascii")) return codec_ascii_decode(s, n, h, so, res);
        if (!strcmp(k, "charmap")) return codec_charmap_decode(s, n, h, charmap_table, so, res);
        if (!strcmp(k, "unicode_escape"))
            return codec_unicode_escape_decode(s, n, h, f, so, res);
        if (!strcmp(k, "raw_unicode_escape"))
            return codec_raw_unicode_escape_decode(s, n, h, f, so, res);
        if (!strcmp(k, "escape")) return codec_escape_decode(s, n, c->errors, bo, res);
    }
    fprintf(stderr, "unknown codec %s\n", k);
    exit(2);
}

static bool check(const CodecCase *c, int idx)
{
    Recorder rec = {{0}};
    CodecHandler h;
    if (!strcmp(c->errors, "rec")) {
        h.fn = rec_handler;
        h.ctx = &rec;
    } else if (!codec_builtin_handler(c->errors, &h)) {
        fprintf(stderr, "unknown handler %s\n", c->errors);
        exit(2);
    }
    CodecStr so = {0};
    CodecBytes bo = {0};
    CodecResult res;
    CodecStatus st = run_case(c, h, &so, &bo, &res);
    char why[1024] = "";
    char msg[400];
    bool out_is_str = !c->encode && strcmp(c->codec, "escape");
    if (c->kind == 0) {
        if (st != CODEC_OK)
            snprintf(why, sizeof why, "status %d, want ok", (int)st);
        else if (out_is_str ? (so.len != c->out_len ||
                               (so.len && memcmp(so.data, c->out, so.len * 4)))
                            : (bo.len != c->out_len ||
                               (bo.len && memcmp(bo.data, c->out, bo.len))))
            snprintf(why, sizeof why, "output differs (len %zu, want %zu)",
                     out_is_str ? so.len : bo.len, c->out_len);
        else if (!c->encode && res.consumed != c->consumed)
            snprintf(why, sizeof why, "consumed %zu, want %zu", res.consumed, c->consumed);
    } else if (c->kind == 1) {
        if (st != CODEC_RAISE)
            snprintf(why, sizeof why, "status %d, want raise", (int)st);
        else {
            codec_error_format(&res.error, msg, sizeof msg);
            if (res.error.start != c->start || res.error.end != c->end ||
                strcmp(res.error.reason, c->reason) || strcmp(res.error.encoding, c->encoding) ||
                strcmp(msg, c->message))
                snprintf(why, sizeof why, "raised %s", msg);
        }
    } else {
        if (st != CODEC_EXCEPTION)
            snprintf(why, sizeof why, "status %d, want exception", (int)st);
        else {
            snprintf(msg, sizeof msg, "%s: %s", exc_name(res.exc_kind), res.message);
            if (strcmp(msg, c->message))
                snprintf(why, sizeof why, "raised %s", msg);
        }
    }
    if (!why[0] && strcmp(rec.log, c->calls))
        snprintf(why, sizeof why, "handler calls \"%s\"", rec.log);
    codec_str_free(&so);
    codec_bytes_free(&bo);
    if (why[0]) {
        fprintf(stderr, "FAIL #%d %s %s errors=%s final=%d: %s\n    want: %s %s\n", idx,
                c->codec, c->encode ? "encode" : "decode", c->errors, c->final, why,
                c->message, c->calls);
        return false;
    }
    return true;
}

static int passed, failed;

static void expect(bool ok, const char *what)
{
    if (ok)
        passed++;
    else {
        failed++;
        fprintf(stderr, "FAIL %s\n", what);
    }
}

/* Checks beyond the generated data: namereplace with a name lookup, the
 * handler's resume position rules, the message formats. */
static bool test_name(uint32_t cp, char *buf, size_t cap)
{
    if (cp != 0x20ac)
        return false;
    snprintf(buf, cap, "EURO SIGN");
    return true;
}

static CodecStatus back_one(void *ctx, const CodecError *e, CodecReplacement *rep)
{
    (void)ctx;
    rep->pos = (int64_t)e->nbytes + 5;
    return CODEC_OK;
}

static void extra_tests(void)
{
    CodecNameLookup lk = {test_name};
    CodecHandler nr = codec_namereplace_handler(&lk);
    uint32_t s[] = {'a', 0x20ac, 0x1f600};
    CodecBytes b = {0};
    CodecResult res;
    expect(codec_ascii_encode(s, 3, nr, &b, &res) == CODEC_OK && b.len == 24 &&
               !memcmp(b.data, "a\\N{EURO SIGN}\\U0001f600", 24),
           "namereplace");
    codec_bytes_free(&b);

    CodecHandler bad = {back_one, NULL};
    CodecStr o = {0};
    expect(codec_utf8_decode((const uint8_t *)"\xff", 1, bad, true, &o, &res) ==
                   CODEC_EXCEPTION && res.exc_kind == CODEC_EXC_INDEX_ERROR &&
               !strcmp(res.message, "position 6 from error handler out of bounds"),
           "handler position out of bounds");
    codec_str_free(&o);

    char msg[200];
    CodecError e = {true, "ascii", NULL, 0, s, 3, 1, 3, "ordinal not in range(128)"};
    codec_error_format(&e, msg, sizeof msg);
    expect(!strcmp(msg, "'ascii' codec can't encode characters in position 1-2: ordinal not "
                        "in range(128)"),
           "format encode range");
}

static void bench(void)
{
    size_t n = 64 << 20;
    uint8_t *buf = malloc(n);
    if (!buf)
        return;
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(' ' + i % 90);
    CodecHandler h;
    codec_builtin_handler("strict", &h);
    CodecStr o = {0};
    CodecResult res;
    struct timespec t0, t1;
    codec_utf8_decode(buf, n, h, true, &o, &res); /* warm the output buffer */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int reps = 10;
    for (int r = 0; r < reps; r++) {
        o.len = 0;
        codec_utf8_decode(buf, n, h, true, &o, &res);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("utf-8 decode, ASCII: %.2f GB/s of input\n", (double)n * reps / sec / 1e9);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t k = 0;
    for (int r = 0; r < reps; r++)
        k += codec_ascii_prefix(buf, n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("ascii prefix scan: %.2f GB/s (%zu)\n", (double)n * reps / sec / 1e9, k);
    codec_str_free(&o);
    free(buf);
}

int main(int argc, char **argv)
{
    size_t ncases = sizeof codec_cases / sizeof codec_cases[0];
    for (size_t i = 0; i < ncases; i++) {
        if (check(&codec_cases[i], (int)i))
            passed++;
        else
            failed++;
    }
    extra_tests();
    if (argc > 1 && !strcmp(argv[1], "--bench"))
        bench();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
