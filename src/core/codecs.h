/* The encoders and decoders behind `_codecs`, on plain buffers.
 *
 * Text is an array of code points (uint32_t); the object model converts from
 * and to its 1/2/4-byte string storage.  Bytes are uint8_t buffers.  Output
 * goes into growable buffers that the caller owns and frees (also after a
 * failure, when they may hold partial output).
 *
 * Errors follow CPython: when a codec meets bad input it describes the
 * problem in a CodecError (the data of a UnicodeDecodeError or
 * UnicodeEncodeError) and calls the error handler, which either returns a
 * replacement and a resume position or refuses.  The built-in handlers
 * ('strict', 'ignore', ...) go through the same callback interface that
 * Python-level handlers registered with codecs.register_error will use. */
#ifndef KRAIT_CODECS_H
#define KRAIT_CODECS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CodecBytes {
    uint8_t *data;
    size_t len, cap;
} CodecBytes;

typedef struct CodecStr {
    uint32_t *data;
    size_t len, cap;
} CodecStr;

void codec_bytes_free(CodecBytes *b);
void codec_str_free(CodecStr *s);

/* What a call returns. */
typedef enum CodecStatus {
    CODEC_OK = 0,
    /* Raise the UnicodeDecodeError/UnicodeEncodeError in result->error. */
    CODEC_RAISE,
    /* A custom handler failed and has set its own exception already. */
    CODEC_HANDLER_FAILED,
    CODEC_NOMEM,
    /* Raise result->exc_kind with the message result->message. */
    CODEC_EXCEPTION,
} CodecStatus;

typedef enum CodecExcKind {
    CODEC_EXC_NONE = 0,
    CODEC_EXC_TYPE_ERROR,
    CODEC_EXC_VALUE_ERROR,
    CODEC_EXC_INDEX_ERROR,
} CodecExcKind;

/* The data of a UnicodeDecodeError (encode == false: `bytes` is the object)
 * or UnicodeEncodeError (encode == true: `cps` is the object).  Pointers
 * refer to the caller's input and to static strings. */
typedef struct CodecError {
    bool encode;
    const char *encoding;
    const uint8_t *bytes;
    size_t nbytes;
    const uint32_t *cps;
    size_t ncps;
    size_t start, end;
    const char *reason;
} CodecError;

/* What a handler hands back: text (str) or, for encoding only, bytes, and
 * the position to resume at; a negative position counts from the end of the
 * object, as in CPython.  The codec passes empty buffers and frees them. */
typedef struct CodecReplacement {
    CodecStr str;
    CodecBytes bytes;
    bool is_bytes;
    int64_t pos;
} CodecReplacement;

/* A handler returns CODEC_OK with *rep filled in, CODEC_RAISE to raise the
 * error it was given, CODEC_HANDLER_FAILED after setting its own exception,
 * or CODEC_NOMEM. */
typedef CodecStatus (*CodecHandlerFn)(void *ctx, const CodecError *err, CodecReplacement *rep);

typedef struct CodecHandler {
    CodecHandlerFn fn;
    void *ctx;
} CodecHandler;

/* The built-in handler called `name` ('strict', 'ignore', 'replace',
 * 'backslashreplace', 'surrogateescape', 'surrogatepass',
 * 'xmlcharrefreplace', 'namereplace' with unicode_name_of's names).  Returns
 * false for other names. */
bool codec_builtin_handler(const char *name, CodecHandler *out);

/* 'namereplace' with a caller-supplied cp -> name lookup, for tests and
 * other name sources (lookup must outlive the handler).  name() writes the
 * NUL-terminated name into buf and returns true, or returns false when the
 * character has none (then the handler falls back to \x, \u, \U escapes). */
typedef struct CodecNameLookup {
    bool (*name)(uint32_t cp, char *buf, size_t cap);
} CodecNameLookup;
CodecHandler codec_namereplace_handler(const CodecNameLookup *lookup);

/* Details of a call's outcome. */
typedef struct CodecResult {
    CodecError error;             /* CODEC_RAISE */
    CodecExcKind exc_kind;        /* CODEC_EXCEPTION */
    char message[128];            /* CODEC_EXCEPTION */
    size_t consumed;              /* decoders: input bytes consumed */
    /* Escape decoders: offset of the character after the backslash of the
     * first unrecognised escape (for the DeprecationWarning), or SIZE_MAX.
     * first_invalid_octal: same for an octal escape above 0o377. */
    size_t first_invalid_escape;
    size_t first_invalid_octal;
} CodecResult;

/* Formats the message of the exception `e` describes, exactly as
 * str(UnicodeDecodeError/UnicodeEncodeError) does.  Returns the length it
 * needs (as snprintf), writing at most cap bytes including the NUL. */
size_t codec_error_format(const CodecError *e, char *buf, size_t cap);

/* Length of the ASCII-only prefix of s (a fast word-at-a-time scan). */
size_t codec_ascii_prefix(const uint8_t *s, size_t n);

/* Decoders.  `final` false: an incomplete sequence at the end is left
 * unconsumed (result->consumed tells how much was used). */
CodecStatus codec_utf8_decode(const uint8_t *s, size_t n, CodecHandler h, bool final,
                              CodecStr *out, CodecResult *res);
CodecStatus codec_utf8_encode(const uint32_t *cps, size_t n, CodecHandler h,
                              CodecBytes *out, CodecResult *res);

/* byteorder as codecs.utf_16_ex_decode: *byteorder 0 reads a BOM if there is
 * one (and sets *byteorder to -1 little / 1 big when it finds one), else
 * native order; -1 little endian, 1 big endian.  byteorder may be NULL (0). */
CodecStatus codec_utf16_decode(const uint8_t *s, size_t n, CodecHandler h, int *byteorder,
                               bool final, CodecStr *out, CodecResult *res);
/* byteorder 0 writes a BOM and native order ('utf-16'); -1 'utf-16-le'; 1
 * 'utf-16-be'. */
CodecStatus codec_utf16_encode(const uint32_t *cps, size_t n, CodecHandler h, int byteorder,
                               CodecBytes *out, CodecResult *res);
CodecStatus codec_utf32_decode(const uint8_t *s, size_t n, CodecHandler h, int *byteorder,
                               bool final, CodecStr *out, CodecResult *res);
CodecStatus codec_utf32_encode(const uint32_t *cps, size_t n, CodecHandler h, int byteorder,
                               CodecBytes *out, CodecResult *res);

CodecStatus codec_latin1_decode(const uint8_t *s, size_t n, CodecHandler h, CodecStr *out,
                                CodecResult *res);
CodecStatus codec_latin1_encode(const uint32_t *cps, size_t n, CodecHandler h,
                                CodecBytes *out, CodecResult *res);
CodecStatus codec_ascii_decode(const uint8_t *s, size_t n, CodecHandler h, CodecStr *out,
                               CodecResult *res);
CodecStatus codec_ascii_encode(const uint32_t *cps, size_t n, CodecHandler h,
                               CodecBytes *out, CodecResult *res);

/* Charmap.  Decoding: table[b] is the code point of byte b, 0xFFFE for
 * undefined (as a str table shorter than 256 or holding U+FFFE does in
 * CPython); table NULL means latin-1.  Encoding: lookup appends the bytes of
 * cp to out and returns 1, returns 0 when cp is unmapped, -1 on no memory. */
CodecStatus codec_charmap_decode(const uint8_t *s, size_t n, CodecHandler h,
                                 const uint32_t *table, CodecStr *out, CodecResult *res);
typedef int (*CodecCharmapLookup)(void *ctx, uint32_t cp, CodecBytes *out);
CodecStatus codec_charmap_encode(const uint32_t *cps, size_t n, CodecHandler h,
                                 CodecCharmapLookup lookup, void *ctx, CodecBytes *out,
                                 CodecResult *res);
/* An encoding map built from a decoding table (codecs.charmap_build); use
 * codec_charmap_map_lookup with ctx = the map. */
typedef struct CodecCharmapMap {
    uint32_t cp[256];
    uint8_t byte[256];
    int n;
} CodecCharmapMap;
void codec_charmap_build(const uint32_t table[256], CodecCharmapMap *map);
int codec_charmap_map_lookup(void *map, uint32_t cp, CodecBytes *out);

/* unicode_escape and raw_unicode_escape. */
CodecStatus codec_unicode_escape_decode(const uint8_t *s, size_t n, CodecHandler h, bool final,
                                        CodecStr *out, CodecResult *res);
CodecStatus codec_raw_unicode_escape_decode(const uint8_t *s, size_t n, CodecHandler h,
                                            bool final, CodecStr *out, CodecResult *res);
CodecStatus codec_unicode_escape_encode(const uint32_t *cps, size_t n, CodecBytes *out);
CodecStatus codec_raw_unicode_escape_encode(const uint32_t *cps, size_t n, CodecBytes *out);

/* codecs.escape_decode: bytes escapes to bytes.  errors is NULL, "strict",
 * "ignore" or "replace"; bad input gives CODEC_EXCEPTION (ValueError). */
CodecStatus codec_escape_decode(const uint8_t *s, size_t n, const char *errors,
                                CodecBytes *out, CodecResult *res);

#endif
