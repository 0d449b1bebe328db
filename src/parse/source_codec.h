/* Source decoding: from the bytes of a source file to the UTF-8 text the
 * tokenizer reads, as CPython 3.11 decodes them (BOM, PEP 263 coding
 * declaration, codecs), with its errors.
 *
 * CPython decodes a file differently depending on how it got the bytes, and
 * says different things when that fails:
 *  - running a file (`python3.11 FILE`) reads it line by line: lines with
 *    no declared encoding must be UTF-8 ("Non-UTF-8 code starting with ..."
 *    when the tokenizer reads the line), a declared codec reads the rest of
 *    the file through io.TextIOWrapper, 8 KiB at a time, and a failure is
 *    "encoding problem: NAME" or, in a later chunk, "(unicode error) ...";
 *  - compile() and ast.parse() of bytes (and so importlib) decode the whole
 *    text at once, leave undeclared UTF-8 to the tokenizer and parser, and
 *    report "unknown encoding: NAME" and the codec's own message.
 *
 * Codecs: UTF-8, Latin-1 and ASCII are built in.  Every other codec is
 * looked up at run time in the standard library, as Python's encodings
 * package does it: the name is normalised, mapped through the `aliases` dict
 * of encodings/aliases.py, and found as the module encodings/NAME.py; a
 * module holding a `decoding_table` string is a charmap codec, decoded here
 * with that table.  Both files are read with Krait's own parser. */
#ifndef KRAIT_SOURCE_CODEC_H
#define KRAIT_SOURCE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "syntax_error.h"

/* Where Debian installs the standard library whose codecs Krait uses. */
#define SOURCE_DEFAULT_STDLIB_DIR "/usr/lib/python3.11"

/* How the source bytes were obtained (see the top of this file). */
typedef enum {
    SOURCE_FROM_FILE,      /* `python3.11 FILE` */
    SOURCE_FROM_STRING,    /* compile(), ast.parse(), importlib */
} SourceOrigin;

typedef struct SourceOptions {
    SourceOrigin origin;
    /* The standard library directory whose encodings package supplies the
     * codecs beyond the built-in ones; NULL for the built-in ones only. */
    const char *stdlib_dir;
} SourceOptions;

/* The decoded text. */
typedef struct SourceText {
    /* UTF-8, every line ending turned into "\n", ending in "\n" unless
     * empty, NUL-terminated; arena-owned. */
    const char *buf, *buf_end;
    /* A BOM or a coding declaration named the encoding (CPython's
     * tok->encoding is set). */
    bool has_encoding;
    /* The codec of that encoding (arena-owned), NULL when has_encoding is
     * false: CPython decodes with it again the source line it shows for a
     * parser error (see syntax_error.c). */
    const struct SourceCodec *codec;
    /* An error CPython meets only when its tokenizer comes to read line
     * `pending_line` (1-based), whose first byte in buf is `pending_at`:
     * undecodable bytes on that line, or in the chunk of the file that line
     * needs.  NULL when the whole text decoded.  Lines before it are in buf
     * as decoded; what buf holds from pending_at on stands in for the rest. */
    const SyntaxErrorInfo *pending;
    int pending_line;
    const char *pending_at;
} SourceText;

/* Decodes the raw bytes of a source file.  `filename` is used in messages
 * (running a file, CPython names it by its absolute path, so a relative
 * name is joined to the current directory there).  Returns 0, or -1 with
 * *err filled in for an error CPython raises before any token is read (a
 * bad or unknown encoding, undecodable bytes on line 1 or in the first
 * chunk, out of memory). */
int source_decode(SourceText *out, const char *src, size_t len, const char *filename,
                  const SourceOptions *opts, Arena *arena, SyntaxErrorInfo *err);

/* ---- Codecs ---- */

typedef enum {
    CODEC_UNKNOWN,       /* Python has no codec of that name (LookupError) */
    CODEC_NOT_TEXT,      /* a bytes-to-bytes or str-to-str codec (base64, rot13 ...) */
    CODEC_FAILS,         /* the 'undefined' codec: decoding always raises */
    CODEC_UNSUPPORTED,   /* a codec implemented in C that Krait lacks (CJK, UTF-16 ...) */
    CODEC_UTF8,
    CODEC_LATIN1,
    CODEC_ASCII,
    CODEC_CHARMAP,       /* a single-byte table codec from the stdlib */
} SourceCodecKind;

enum { CODEC_UNDEFINED = 0xFFFE };   /* a charmap table's "no character" */

typedef struct SourceCodec {
    SourceCodecKind kind;
    /* CODEC_CHARMAP: the character of each byte, CODEC_UNDEFINED where the
     * table has none. */
    uint32_t table[256];
} SourceCodec;

/* Finds the codec named by [name, name + len) as codecs.lookup() would.
 * A codec module that cannot be read or parsed (for whatever reason, lack
 * of memory included) counts as absent, as one that fails to import does
 * for Python. */
void source_codec_lookup(SourceCodec *codec, const char *name, size_t len,
                         const char *stdlib_dir);

/* Decodes the UTF-8 sequence at s (< end) as CPython's strict decoder does.
 * Returns its length and sets *cp, or returns 0 for an invalid sequence with
 * *bad set to the number of bytes the decoder blames and *why to its
 * reason ("unexpected end of data" when the text ends inside a sequence
 * that is valid so far). */
int source_utf8_decode(const unsigned char *s, const unsigned char *end, uint32_t *cp,
                       int *bad, const char **why);

#endif
