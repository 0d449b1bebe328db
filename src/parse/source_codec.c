/* Source decoding (see source_codec.h for what CPython does and how it
 * differs between running a file and compile()).
 *
 * How `python3.11 FILE` reads a file, worked out by running it on crafted
 * files (those of tests/unit/data/decoding/gen_cases.py, which
 * tests/unit/test_source_decoding.c checks Krait against):
 *
 *  - Lines are read one at a time, "\r\n" and "\r" read as "\n".  Lines 1
 *    and 2 are looked at for a coding declaration as they come in, and a
 *    line read while no encoding is known (no BOM, no declaration yet) must
 *    be UTF-8: the first byte of the first invalid sequence (the strict
 *    decoder's: overlong forms and surrogates count) is named in
 *    "Non-UTF-8 code starting with '\xNN' in file F on line N ...".  So line
 *    1 is checked even when line 2 declares an encoding, and the line with
 *    the declaration is not.  The check happens when the tokenizer reads
 *    the line: an error on an earlier line wins, and the parser, which on
 *    a syntax error goes on tokenizing to the end, gives way to it.
 *  - A declaration naming "utf-8" (CPython's own normalisation of the name:
 *    "utf-8", "utf_8", "UTF-8-sig"...) and a BOM change nothing but that no
 *    line is checked any more: bad bytes in comments pass, in strings and
 *    names they are the parser's "(unicode error) ...".
 *  - Any other declared name is looked up as a codec when its line is read
 *    ("encoding problem: NAME" if there is none, or it is not a text
 *    codec), and the rest of the file is read through
 *    io.open(fd, encoding=NAME): its file offset is put one byte back (on
 *    the newline of the declaration line), and one readline() skips the
 *    rest of that line.  TextIOWrapper reads and decodes 8192 bytes at a
 *    time, so a decoding error in that first chunk is also "encoding
 *    problem: NAME", even far below the declaration, while one in a later
 *    chunk surfaces when the tokenizer reads the first line that needs the
 *    chunk: "(unicode error) 'charmap' codec can't decode byte 0x81 in
 *    position P: ..." (P counted from the chunk's start) at the last line
 *    read, with no column.  Lines up to the declaration are not decoded at
 *    all (they can only hold comments).  Newlines are found in the decoded
 *    text, and a NUL there is a character like any other.
 *
 * compile() instead turns newlines, strips a BOM and decodes the whole text
 * with the declared codec, positions in errors counting from the start of
 * that text; undeclared UTF-8 is not checked here. */
#include "source_codec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser.h"

/* io.TextIOWrapper's _CHUNK_SIZE: how many bytes it reads and decodes at a
 * time. */
enum { TEXTIO_CHUNK = 8192 };

/* ---- UTF-8 ---- */

int source_utf8_decode(const unsigned char *s, const unsigned char *end, uint32_t *cp,
                       int *bad, const char **why)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v;
    unsigned lo = 0x80, hi = 0xBF;   /* the range allowed for the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;   /* overlong */
        else if (c == 0xED)
            hi = 0x9F;   /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;   /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;   /* beyond U+10FFFF */
    } else {
        *bad = 1;
        *why = "invalid start byte";
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if (s + i >= end) {
            *bad = (int)(end - s);
            *why = "unexpected end of data";
            return 0;
        }
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
            *bad = i;
            *why = "invalid continuation byte";
            return 0;
        }
        v = v << 6 | (b & 0x3F);
    }
    *cp = v;
    return n;
}

static char *put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) {
        *o++ = (char)c;
    } else if (c < 0x800) {
        *o++ = (char)(0xC0 | c >> 6);
        *o++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *o++ = (char)(0xE0 | c >> 12);
        *o++ = (char)(0x80 | (c >> 6 & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (char)(0xF0 | c >> 18);
        *o++ = (char)(0x80 | (c >> 12 & 0x3F));
        *o++ = (char)(0x80 | (c >> 6 & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    }
    return o;
}

/* The first byte of [s, end) that starts an invalid UTF-8 sequence, or
 * NULL.  ASCII is skipped eight bytes at a time: this runs over every
 * source file without a declaration. */
static const char *find_invalid_utf8(const char *s, const char *end)
{
    const unsigned char *p = (const unsigned char *)s, *e = (const unsigned char *)end;
    for (;;) {
        while (e - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            p += 8;
        }
        while (p < e && *p < 0x80)
            p++;
        if (p >= e)
            return NULL;
        uint32_t cp;
        int bad;
        const char *why;
        int n = source_utf8_decode(p, e, &cp, &bad, &why);
        if (n == 0)
            return (const char *)p;
        p += n;
    }
}

/* ---- Errors ---- */

static int verror(SyntaxErrorInfo *e, SyntaxErrorKind kind, int lineno, int col,
                  int end_lineno, int end_col, const char *fmt, va_list ap)
{
    memset(e, 0, sizeof *e);
    e->kind = kind;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->lineno = lineno;
    e->col_offset = col;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col;
    return -1;
}

/* An error CPython raises with no position (lineno None, offset -1): only
 * its message is printed. */
static int no_location(SyntaxErrorInfo *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(e, SYNERR_SYNTAX, 0, -2, 0, 0, fmt, ap);
    va_end(ap);
    return -1;
}

static int nomem(SyntaxErrorInfo *e)
{
    memset(e, 0, sizeof *e);
    e->kind = SYNERR_NOMEM;
    e->col_offset = -2;
    return -1;
}

/* ---- Lines ---- */

/* Copies the source into out, turning "\r\n" and "\r" into "\n" and adding a
 * final newline when missing.  A NUL byte drops the rest of its physical line
 * and joins the next line on: Debian's python3.11 reads a file with fgets()
 * and finds the end of what it read with strchr(), so that is what it does
 * with `python3.11 FILE` (compile() refuses NUL bytes outright).  Returns the
 * length written. */
static size_t copy_lines(char *out, const char *s, size_t len)
{
    const char *end = s + len;
    char *o = out;
    if (!memchr(s, '\r', len) && !memchr(s, '\0', len)) {   /* the usual case */
        memcpy(o, s, len);
        o += len;
        s = end;
    }
    while (s < end) {
        char c = *s++;
        if (c == '\r') {
            *o++ = '\n';
            if (s < end && *s == '\n')
                s++;
        } else if (c == '\0') {
            while (s < end && *s != '\n' && *s != '\r')
                s++;
            if (s < end)
                s += (*s == '\r' && s + 1 < end && s[1] == '\n') ? 2 : 1;
        } else {
            *o++ = c;
        }
    }
    if (o > out && o[-1] != '\n')
        *o++ = '\n';
    *o = '\0';
    return (size_t)(o - out);
}

/* The offset in the raw source just after the newline that ends the
 * copy_lines() line `lines` (the end of the source if there is none): where
 * CPython's file position is once it has read those lines. */
static size_t raw_lines_end(const char *s, size_t len, int lines)
{
    size_t i = 0;
    int n = 0;
    while (i < len && n < lines) {
        char c = s[i++];
        if (c == '\r') {
            if (i < len && s[i] == '\n')
                i++;
            n++;
        } else if (c == '\n') {
            n++;
        } else if (c == '\0') {
            /* copy_lines() joins the next physical line on */
            while (i < len && s[i] != '\n' && s[i] != '\r')
                i++;
            if (i < len)
                i += (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
        }
    }
    return i;
}

/* The start of line `lineno` (1-based) of a newline-terminated text, or
 * its end. */
static const char *line_start(const char *buf, const char *end, int lineno)
{
    const char *p = buf;
    for (int n = 1; n < lineno && p < end; n++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    return p;
}

static int line_of(const char *buf, const char *p)
{
    int n = 1;
    for (const char *q = buf; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
        n++;
    return n;
}

/* ---- PEP 263 declarations ---- */

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

/* Finds a PEP 263 declaration in the line [s, s + size): a comment line
 * holding "coding", then ':' or '=', blanks, and a name of letters, digits,
 * '-', '_' and '.'.  An empty name lets the search go on along the line.
 * The line is followed by a newline in the buffer, which stops the scans
 * that may run past `size` as CPython's do. */
static bool find_coding_spec(const char *s, long size, const char **name, size_t *name_len)
{
    long i = 0;
    for (; i < size - 6; i++) {
        if (s[i] == '#')
            break;
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
            return false;
    }
    for (; i < size - 6; i++) {
        if (memcmp(s + i, "coding", 6) != 0 || (s[i + 6] != ':' && s[i + 6] != '='))
            continue;
        const char *q = s + i + 7;
        while (*q == ' ' || *q == '\t')
            q++;
        const char *begin = q;
        while (is_name_char(*q))
            q++;
        if (q > begin) {
            *name = begin;
            *name_len = (size_t)(q - begin);
            return true;
        }
    }
    return false;
}

/* Only blanks, or a comment: a declaration may then follow on line 2. */
static bool is_blank_or_comment(const char *s, long size)
{
    for (long i = 0; i < size; i++) {
        if (s[i] == '#' || s[i] == '\n')
            return true;
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
            return false;
    }
    return true;
}

/* Finds the declared encoding of the (newline-normalised) text, if any;
 * *line is 1 or 2. */
static bool declared_encoding(const char *buf, const char *end, const char **name,
                              size_t *len, int *line)
{
    const char *nl1 = memchr(buf, '\n', (size_t)(end - buf));
    if (!nl1)
        return false;
    /* CPython measures line 1 without its newline and line 2 with it. */
    *line = 1;
    if (find_coding_spec(buf, nl1 - buf, name, len))
        return true;
    if (!is_blank_or_comment(buf, nl1 - buf))
        return false;
    const char *nl2 = memchr(nl1 + 1, '\n', (size_t)(end - nl1 - 1));
    *line = 2;
    return nl2 && find_coding_spec(nl1 + 1, nl2 - nl1, name, len);
}

/* CPython's tokenizer normalises a declared name itself before anything
 * else (the first 12 characters, lower-cased, '_' read as '-'): the usual
 * spellings of UTF-8 and Latin-1 become "utf-8" and "iso-8859-1", which
 * appear so in its messages.  Returns that name, or NULL when the name
 * stays as written. */
static const char *normal_name(const char *name, size_t len)
{
    char buf[13];
    size_t n = 0;
    for (; n < 12 && n < len; n++) {
        char c = name[n];
        buf[n] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    buf[n] = '\0';
    if (strcmp(buf, "utf-8") == 0 || strncmp(buf, "utf-8-", 6) == 0)
        return "utf-8";
    if (strcmp(buf, "latin-1") == 0 || strcmp(buf, "iso-8859-1") == 0 ||
        strcmp(buf, "iso-latin-1") == 0 || strncmp(buf, "latin-1-", 8) == 0 ||
        strncmp(buf, "iso-8859-1-", 11) == 0 || strncmp(buf, "iso-latin-1-", 12) == 0)
        return "iso-8859-1";
    return NULL;
}

/* ---- Codec lookup ---- */

enum { CODEC_NAME_MAX = 64 };

/* codecs.lookup()'s normalisation: lower-case, each run of characters other
 * than letters, digits and '.' turned into one '_' (none at the start or
 * the end).  encodings.normalize_encoding() then changes nothing more.
 * Returns false when the name is too long to be any codec's. */
static bool normalize_name(const char *name, size_t len, char *out)
{
    size_t n = 0;
    bool gap = false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
            if (n + 2 >= CODEC_NAME_MAX)
                return false;
            if (gap && n > 0)
                out[n++] = '_';
            out[n++] = c;
            gap = false;
        } else {
            gap = true;
        }
    }
    out[n] = '\0';
    return true;
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* The built-in codecs and their aliases in 3.11's encodings/aliases.py, so
 * that the common names need no file to be read. */
static SourceCodecKind builtin_lookup(const char *norm)
{
    static const char *const utf8[] = {
        "cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", NULL,
    };
    static const char *const latin1[] = {
        "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1", "iso_8859_1",
        "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1", NULL,
    };
    static const char *const ascii[] = {
        "646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii",
        "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii", NULL,
    };
    char alt[CODEC_NAME_MAX];
    size_t n = strlen(norm);
    for (size_t i = 0; i <= n; i++)
        alt[i] = norm[i] == '.' ? '_' : norm[i];
    /* The aliases first, as the name itself then as with '.' read as '_';
     * then the module name, which never holds a '.'. */
    if (in_list(norm, utf8) || in_list(alt, utf8) || strcmp(norm, "utf_8") == 0 ||
        strcmp(norm, "utf_8_sig") == 0)
        return CODEC_UTF8;
    if (in_list(norm, latin1) || in_list(alt, latin1) || strcmp(norm, "latin_1") == 0)
        return CODEC_LATIN1;
    if (in_list(norm, ascii) || in_list(alt, ascii) || strcmp(norm, "ascii") == 0)
        return CODEC_ASCII;
    return CODEC_UNKNOWN;
}

/* Reads a whole file into malloc'ed memory; NULL if it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = cap < ((size_t)1 << 26) ? realloc(buf, cap * 2) : NULL;
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Parses a module of the encodings package.  Such a module declares no
 * encoding; one that declares another than the built-in ones is refused,
 * so that decoding it can never need to look up a codec in turn.  Returns
 * its Module node, or NULL. */
static AstNode *parse_codec_module(Arena *arena, const char *stdlib_dir, const char *module)
{
    char path[4096];
    int w = snprintf(path, sizeof path, "%s/encodings/%s.py", stdlib_dir, module);
    if (w < 0 || (size_t)w >= sizeof path)
        return NULL;
    size_t len;
    char *src = read_file(path, &len);
    if (!src)
        return NULL;
    AstNode *tree = NULL;
    char *head = arena_alloc(arena, (len < 512 ? len : 512) + 2);
    if (head) {
        size_t n = copy_lines(head, src, len < 512 ? len : 512);
        const char *name;
        size_t name_len;
        int line;
        char norm[CODEC_NAME_MAX];
        bool foreign = declared_encoding(head, head + n, &name, &name_len, &line) &&
                       !normal_name(name, name_len) &&
                       !(normalize_name(name, name_len, norm) &&
                         builtin_lookup(norm) != CODEC_UNKNOWN);
        if (!foreign) {
            SyntaxErrorInfo err;
            tree = parse_source(arena, src, len, path, PARSE_EXEC, &err, NULL);
        }
    }
    free(src);
    return tree;
}

static bool module_exists(const char *stdlib_dir, const char *module)
{
    char path[4096];
    int w = snprintf(path, sizeof path, "%s/encodings/%s.py", stdlib_dir, module);
    if (w < 0 || (size_t)w >= sizeof path)
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fclose(f);
    return true;
}

static bool is_name(const AstNode *e, const char *id)
{
    return e && e->kind == AST_Name && strcmp(e->v.Name.id, id) == 0;
}

static bool is_str(const AstNode *e)
{
    return e && e->kind == AST_Constant && e->v.Constant.value.kind == AST_CONST_STR;
}

/* The value assigned to `name` by a module-level `name = ...`, or NULL. */
static const AstNode *module_assignment(const AstNode *mod, const char *name)
{
    const AstSeq *body = mod->v.Module.body;
    const AstNode *found = NULL;
    for (int i = 0; body && i < body->n; i++) {
        const AstNode *s = body->items[i];
        if (s->kind == AST_Assign && s->v.Assign.targets->n == 1 &&
            is_name(s->v.Assign.targets->items[0], name))
            found = s->v.Assign.value;   /* the last assignment wins */
    }
    return found;
}

/* aliases.get(key) from encodings/aliases.py, into out; false if absent. */
static bool alias_of(const AstNode *aliases, const char *key, char *out)
{
    if (!aliases || aliases->kind != AST_Dict)
        return false;
    const AstSeq *keys = aliases->v.Dict.keys, *values = aliases->v.Dict.values;
    bool found = false;
    size_t klen = strlen(key);
    for (int i = 0; keys && i < keys->n; i++) {
        const AstNode *k = keys->items[i], *v = values->items[i];
        /* A later duplicate key wins, as in a dict display. */
        if (is_str(k) && k->v.Constant.value.len == klen &&
            memcmp(k->v.Constant.value.u.s, key, klen) == 0) {
            found = is_str(v) && v->v.Constant.value.len < CODEC_NAME_MAX &&
                    memchr(v->v.Constant.value.u.s, '\0', v->v.Constant.value.len) == NULL;
            if (found) {
                memcpy(out, v->v.Constant.value.u.s, v->v.Constant.value.len);
                out[v->v.Constant.value.len] = '\0';
            }
        }
    }
    return found && out[0] != '\0';
}

/* The module-level `def getregentry`, or NULL: a module without one is not
 * a codec. */
static const AstNode *find_getregentry(const AstNode *mod)
{
    const AstSeq *body = mod->v.Module.body;
    for (int i = 0; body && i < body->n; i++) {
        const AstNode *s = body->items[i];
        if (s->kind == AST_FunctionDef && strcmp(s->v.FunctionDef.name, "getregentry") == 0)
            return s;
    }
    return NULL;
}

/* Does getregentry() pass _is_text_encoding=False to CodecInfo? */
static bool is_non_text_codec(const AstNode *getregentry)
{
    const AstSeq *body = getregentry->v.FunctionDef.body;
    for (int i = 0; body && i < body->n; i++) {
        const AstNode *s = body->items[i];
        const AstNode *call = s->kind == AST_Return ? s->v.Return.value : NULL;
        if (!call || call->kind != AST_Call)
            continue;
        const AstSeq *kws = call->v.Call.keywords;
        for (int j = 0; kws && j < kws->n; j++) {
            const AstNode *kw = kws->items[j];
            const AstNode *v = kw->v.keyword.value;
            if (kw->v.keyword.arg && strcmp(kw->v.keyword.arg, "_is_text_encoding") == 0 &&
                v->kind == AST_Constant && v->v.Constant.value.kind == AST_CONST_FALSE)
                return true;
        }
    }
    return false;
}

/* Appends the characters of a string expression (a constant, or constants
 * joined with '+') to the table; returns false for anything else. */
static bool table_chars(const AstNode *e, uint32_t *table, int *n, int depth)
{
    if (depth > 64)
        return false;
    if (e->kind == AST_BinOp && e->v.BinOp.op == AST_Add)
        return table_chars(e->v.BinOp.left, table, n, depth + 1) &&
               table_chars(e->v.BinOp.right, table, n, depth + 1);
    if (!is_str(e))
        return false;
    /* The constant is UTF-8, lone surrogates encoded as 3-byte sequences;
     * decoded leniently so that those come out as themselves. */
    const unsigned char *s = (const unsigned char *)e->v.Constant.value.u.s;
    const unsigned char *end = s + e->v.Constant.value.len;
    while (s < end) {
        uint32_t c = *s;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (end - s < len)
            return false;
        if (len > 1) {
            c &= 0x7F >> len;
            for (int i = 1; i < len; i++)
                c = c << 6 | (s[i] & 0x3F);
        }
        s += len;
        if (*n < 256)
            table[*n] = c;
        ++*n;
    }
    return true;
}

void source_codec_lookup(SourceCodec *codec, const char *name, size_t len,
                         const char *stdlib_dir)
{
    memset(codec, 0, sizeof *codec);
    codec->kind = CODEC_UNKNOWN;
    char norm[CODEC_NAME_MAX];
    if (!normalize_name(name, len, norm))
        return;
    if ((codec->kind = builtin_lookup(norm)) != CODEC_UNKNOWN || !stdlib_dir)
        return;

    /* encodings.search_function(): the alias of the name (or of the name
     * with '.' read as '_'), then the name itself, as module names; the
     * first that imports is the codec module. */
    Arena arena;
    arena_init(&arena);
    char alias[CODEC_NAME_MAX] = "";
    AstNode *aliases_mod = parse_codec_module(&arena, stdlib_dir, "aliases");
    if (aliases_mod) {
        const AstNode *aliases = module_assignment(aliases_mod, "aliases");
        char alt[CODEC_NAME_MAX];
        size_t n = strlen(norm);
        for (size_t i = 0; i <= n; i++)
            alt[i] = norm[i] == '.' ? '_' : norm[i];
        if (!alias_of(aliases, norm, alias))
            alias_of(aliases, alt, alias);
    }
    const char *candidates[2] = {alias[0] ? alias : norm, alias[0] ? norm : NULL};
    const char *module = NULL;
    for (int i = 0; i < 2 && candidates[i]; i++) {
        const char *m = candidates[i];
        if (!m[0] || strchr(m, '.'))
            continue;
        /* mbcs and oem import functions only Windows has. */
        if (strcmp(m, "mbcs") == 0 || strcmp(m, "oem") == 0)
            continue;
        if (module_exists(stdlib_dir, m)) {
            module = m;
            break;
        }
    }
    if (!module)
        goto done;
    if (strcmp(module, "utf_8") == 0 || strcmp(module, "utf_8_sig") == 0) {
        codec->kind = CODEC_UTF8;
        goto done;
    }
    if (strcmp(module, "latin_1") == 0 || strcmp(module, "charmap") == 0) {
        /* The charmap codec with no mapping decodes as Latin-1. */
        codec->kind = CODEC_LATIN1;
        goto done;
    }
    if (strcmp(module, "ascii") == 0) {
        codec->kind = CODEC_ASCII;
        goto done;
    }
    AstNode *mod = parse_codec_module(&arena, stdlib_dir, module);
    if (!mod) {
        /* A module that does not parse fails to import. */
        goto done;
    }
    const AstNode *reg = find_getregentry(mod);
    if (!reg)
        goto done;
    if (strcmp(module, "undefined") == 0) {
        codec->kind = CODEC_FAILS;
        goto done;
    }
    if (is_non_text_codec(reg)) {
        codec->kind = CODEC_NOT_TEXT;
        goto done;
    }
    const AstNode *table = module_assignment(mod, "decoding_table");
    int n = 0;
    for (int i = 0; i < 256; i++)
        codec->table[i] = CODEC_UNDEFINED;
    if (table && table_chars(table, codec->table, &n, 0))
        codec->kind = CODEC_CHARMAP;
    else
        codec->kind = CODEC_UNSUPPORTED;
done:
    arena_free(&arena);
}

/* ---- Decoders ---- */

/* The codec's error for the bytes [pos, pos + bad) of its input, as str()
 * of Python's UnicodeDecodeError words it. */
static void decode_error_message(char *msg, size_t cap, const char *codec,
                                 const unsigned char *input, size_t pos, int bad, const char *why)
{
    if (bad == 1)
        snprintf(msg, cap, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec,
                 input[pos], pos, why);
    else
        snprintf(msg, cap, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec, pos,
                 pos + (size_t)bad - 1, why);
}

/* Decodes the input [s, s + n) to UTF-8 at *o, advancing it.  With `final`
 * false a UTF-8 sequence cut by the end of the input is left undecoded,
 * and its length returned in *left (an incremental decoder keeps it for
 * the next input).  Returns 0, or -1 with the codec's message in msg. */
static int decode_bytes(const SourceCodec *codec, const unsigned char *s, size_t n, bool final,
                        char **o, size_t *left, char *msg, size_t cap)
{
    char *out = *o;
    *left = 0;
    size_t i = 0;
    switch (codec->kind) {
    case CODEC_UTF8:
        while (i < n) {
            if (s[i] < 0x80) {
                *out++ = (char)s[i++];
                continue;
            }
            uint32_t cp;
            int bad;
            const char *why;
            int len = source_utf8_decode(s + i, s + n, &cp, &bad, &why);
            if (len == 0) {
                if (!final && i + (size_t)bad == n && strcmp(why, "unexpected end of data") == 0) {
                    *left = n - i;
                    break;
                }
                decode_error_message(msg, cap, "utf-8", s, i, bad, why);
                *o = out;
                return -1;
            }
            memcpy(out, s + i, (size_t)len);
            out += len;
            i += (size_t)len;
        }
        break;
    case CODEC_LATIN1:
        for (; i < n; i++)
            out = put_utf8(out, s[i]);
        break;
    case CODEC_ASCII:
        for (; i < n; i++) {
            if (s[i] >= 0x80) {
                decode_error_message(msg, cap, "ascii", s, i, 1, "ordinal not in range(128)");
                *o = out;
                return -1;
            }
            *out++ = (char)s[i];
        }
        break;
    case CODEC_CHARMAP:
        for (; i < n; i++) {
            uint32_t c = codec->table[s[i]];
            if (c == CODEC_UNDEFINED) {
                decode_error_message(msg, cap, "charmap", s, i, 1,
                                     "character maps to <undefined>");
                *o = out;
                return -1;
            }
            out = put_utf8(out, c);
        }
        break;
    default:
        break;
    }
    *o = out;
    return 0;
}

/* The most UTF-8 bytes n input bytes can decode to. */
static size_t decoded_max(const SourceCodec *codec, size_t n)
{
    return codec->kind == CODEC_CHARMAP ? 4 * n : codec->kind == CODEC_LATIN1 ? 2 * n : n;
}

/* Decodes the bytes from the declaration line's last byte to the end of
 * the file as TextIOWrapper would: TEXTIO_CHUNK bytes at a time, stopping
 * at the first chunk that fails.  Writes the text of the chunks before it
 * to out and returns its end; *failed tells whether a chunk failed, msg
 * then holding the codec's message. */
static char *decode_chunks(const SourceCodec *codec, const unsigned char *s, size_t n,
                           char *out, bool *failed, char *msg, size_t cap)
{
    unsigned char carry[4 + TEXTIO_CHUNK];
    size_t kept = 0;   /* bytes of a cut UTF-8 sequence carried to the next chunk */
    *failed = false;
    for (size_t at = 0;;) {
        size_t len = n - at < TEXTIO_CHUNK ? n - at : TEXTIO_CHUNK;
        bool final = len == 0;   /* read() returned nothing: the end */
        memcpy(carry + kept, s + at, len);
        char *o = out;
        size_t left;
        if (decode_bytes(codec, carry, kept + len, final, &o, &left, msg, cap) < 0) {
            *failed = true;
            return out;   /* nothing of a failed chunk is read */
        }
        out = o;
        memmove(carry, carry + kept + len - left, left);
        kept = left;
        at += len;
        if (final)
            return out;
    }
}

/* ---- Decoding a source ---- */

/* The name of the file as CPython names a script it runs: the path joined
 * to the current directory, not normalised. */
static void script_path(char *out, size_t cap, const char *filename)
{
    char cwd[4096];
    if (filename[0] == '/' || filename[0] == '<' || !getcwd(cwd, sizeof cwd))
        snprintf(out, cap, "%s", filename);
    else
        snprintf(out, cap, "%s/%s", cwd, filename);
}

static int non_utf8(SyntaxErrorInfo *e, const char *filename, unsigned char byte, int lineno)
{
    char path[4096 + 256];
    script_path(path, sizeof path, filename);
    return no_location(e,
                       "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no "
                       "encoding declared; see https://peps.python.org/pep-0263/ for details",
                       byte, path, lineno);
}

/* Sets out->pending to an error, a copy of *e in the arena. */
static int set_pending(SourceText *out, Arena *arena, const SyntaxErrorInfo *e, int line,
                       SyntaxErrorInfo *err)
{
    SyntaxErrorInfo *p = arena_alloc(arena, sizeof *p);
    if (!p)
        return nomem(err);
    *p = *e;
    out->pending = p;
    out->pending_line = line;
    out->pending_at = line_start(out->buf, out->buf_end, line);
    return 0;
}

/* Running a file: lines [from, to) of the text (1-based, to 0 for all) are
 * read with no encoding known, so must be UTF-8.  An error on line 1 is
 * raised at once (no token comes before it), one on a later line waits
 * for the tokenizer to read that line. */
static int check_utf8_lines(SourceText *out, int from, int to, const char *filename,
                            Arena *arena, SyntaxErrorInfo *err)
{
    const char *s = line_start(out->buf, out->buf_end, from);
    const char *e = to ? line_start(s, out->buf_end, to - from + 1) : out->buf_end;
    const char *bad = find_invalid_utf8(s, e);
    if (!bad)
        return 0;
    int line = line_of(out->buf, bad);
    SyntaxErrorInfo pending;
    non_utf8(&pending, filename, (unsigned char)*bad, line);
    if (line == 1) {
        *err = pending;
        return -1;
    }
    return set_pending(out, arena, &pending, line, err);
}

/* Splits decoded text into lines as TextIOWrapper's readline() does in
 * universal-newlines mode, writing them to o with "\n" endings.  Returns
 * the number of complete lines; with `more` (the text is not all there is
 * to read), a '\r' at its very end may start "\r\n" and does not end a line
 * yet, and the unfinished last line is not written. */
static int universal_lines(const char *s, const char *end, bool more, char **o)
{
    char *out = *o;
    int lines = 0;
    char *line_out = out;
    for (const char *p = s; p < end; p++) {
        char c = *p;
        if (c == '\r') {
            if (p + 1 == end && more)
                break;
            if (p + 1 < end && p[1] == '\n')
                p++;
            c = '\n';
        }
        *out++ = c;
        if (c == '\n') {
            lines++;
            line_out = out;
        }
    }
    if (more)
        out = line_out;   /* the unfinished line is not read */
    *o = out;
    return lines;
}

/* Running a file whose declared codec (not UTF-8 by CPython's own reading
 * of the name) reads what follows the declaration on line `decl_line`. */
static int decode_file_codec(SourceText *out, const char *src, size_t len, int decl_line,
                             const char *shown, const SourceCodec *codec, Arena *arena,
                             SyntaxErrorInfo *err)
{
    /* Lines up to the declaration, as read without decoding. */
    const char *head_end = line_start(out->buf, out->buf_end, decl_line + 1);
    size_t head = (size_t)(head_end - out->buf);
    /* io.open() reads from the last byte CPython's file position passed. */
    size_t pos = raw_lines_end(src, len, decl_line);
    size_t from = pos > 0 ? pos - 1 : 0;
    const unsigned char *tail = (const unsigned char *)src + from;
    size_t tail_len = len - from;

    if (tail_len > ((size_t)-1 >> 3) - 16)
        return nomem(err);
    char *dec = arena_alloc(arena, decoded_max(codec, tail_len) + 1);
    if (!dec)
        return nomem(err);
    bool failed;
    char msg[sizeof err->msg - 32];
    char *dec_end = decode_chunks(codec, tail, tail_len, dec, &failed, msg, sizeof msg);

    char *buf = arena_alloc(arena, head + (size_t)(dec_end - dec) + 3);
    if (!buf)
        return nomem(err);
    memcpy(buf, out->buf, head);
    char *o = buf + head;
    /* The first line read is the rest of the declaration line: dropped. */
    char *first = o;
    int lines = universal_lines(dec, dec_end, failed, &o);
    char *nl = memchr(first, '\n', (size_t)(o - first));
    if (failed && lines == 0)
        /* That first readline() is io.open()'s: its failure is the
         * tokenizer's "encoding problem". */
        return no_location(err, "encoding problem: %s", shown);
    if (nl) {
        memmove(first, nl + 1, (size_t)(o - nl - 1));
        o -= nl + 1 - first;
    } else {
        o = first;   /* the declaration line was the last */
    }
    if (failed) {
        /* Reading line decl_line + lines needs the chunk that failed:
         * CPython's tokenizer reports it at the line it read last, with no
         * column.  A blank line stands in for the rest. */
        int read_last = decl_line + lines - 1;
        *o++ = '\n';
        *o = '\0';
        out->buf = buf;
        out->buf_end = o;
        SyntaxErrorInfo e;
        memset(&e, 0, sizeof e);
        e.kind = SYNERR_SYNTAX;
        snprintf(e.msg, sizeof e.msg, "(unicode error) %s", msg);
        e.lineno = e.end_lineno = read_last;
        e.col_offset = -1;
        e.end_col_offset = -2;
        return set_pending(out, arena, &e, read_last + 1, err);
    }
    if (o > buf && o[-1] != '\n')
        *o++ = '\n';
    *o = '\0';
    out->buf = buf;
    out->buf_end = o;
    return 0;
}

/* compile(): the whole (newline-normalised) text decoded at once. */
static int decode_string_codec(SourceText *out, const SourceCodec *codec, Arena *arena,
                               SyntaxErrorInfo *err)
{
    size_t n = (size_t)(out->buf_end - out->buf);
    if (codec->kind == CODEC_UTF8) {
        /* Only checked: the text stays as it is. */
        const char *bad = find_invalid_utf8(out->buf, out->buf_end);
        if (!bad)
            return 0;
        uint32_t cp;
        int nbad;
        const char *why;
        source_utf8_decode((const unsigned char *)bad, (const unsigned char *)out->buf_end, &cp,
                           &nbad, &why);
        char msg[sizeof err->msg];
        decode_error_message(msg, sizeof msg, "utf-8", (const unsigned char *)out->buf,
                             (size_t)(bad - out->buf), nbad, why);
        return no_location(err, "%s", msg);
    }
    if (n > ((size_t)-1 >> 3) - 16)
        return nomem(err);
    char *buf = arena_alloc(arena, decoded_max(codec, n) + 1);
    if (!buf)
        return nomem(err);
    char *o = buf;
    size_t left;
    char msg[sizeof err->msg];
    if (decode_bytes(codec, (const unsigned char *)out->buf, n, true, &o, &left, msg,
                     sizeof msg) < 0)
        return no_location(err, "%s", msg);
    *o = '\0';
    out->buf = buf;
    out->buf_end = o;
    return 0;
}

int source_decode(SourceText *out, const char *src, size_t len, const char *filename,
                  const SourceOptions *opts, Arena *arena, SyntaxErrorInfo *err)
{
    memset(out, 0, sizeof *out);
    bool file = opts->origin == SOURCE_FROM_FILE;
    static const char bom[] = "\xEF\xBB\xBF";
    bool has_bom = len >= 3 && memcmp(src, bom, 3) == 0;
    if (has_bom) {
        src += 3;
        len -= 3;
    }
    if (len > ((size_t)-1 >> 2) - 4)
        return nomem(err);
    char *buf = arena_alloc(arena, len + 2);
    if (!buf)
        return nomem(err);
    size_t n = copy_lines(buf, src, len);
    out->buf = buf;
    out->buf_end = buf + n;

    const char *name;
    size_t name_len;
    int decl_line;
    if (!declared_encoding(buf, buf + n, &name, &name_len, &decl_line)) {
        out->has_encoding = has_bom;
        if (has_bom) {
            SourceCodec *kept = arena_alloc(arena, sizeof *kept);
            if (!kept)
                return nomem(err);
            kept->kind = CODEC_UTF8;
            out->codec = kept;
        }
        /* With neither BOM nor declaration every line must be UTF-8. */
        return file && !has_bom ? check_utf8_lines(out, 1, 0, filename, arena, err) : 0;
    }
    /* Line 1 is read, and checked, before line 2 is looked at. */
    if (file && !has_bom && decl_line == 2 && check_utf8_lines(out, 1, 2, filename, arena, err) < 0)
        return -1;
    const char *normal = normal_name(name, name_len);
    char shown[CODEC_NAME_MAX + 8];
    snprintf(shown, sizeof shown, "%.*s", normal ? (int)strlen(normal) : (int)name_len,
             normal ? normal : name);
    /* With a BOM CPython compares the names, not the codecs: "utf8" is
     * refused. */
    if (has_bom && !(normal && strcmp(normal, "utf-8") == 0))
        return no_location(err, "encoding problem: %s with BOM", shown);
    out->has_encoding = true;
    SourceCodec *kept = arena_alloc(arena, sizeof *kept);
    if (!kept)
        return nomem(err);
    kept->kind = CODEC_UTF8;
    out->codec = kept;
    if (normal && strcmp(normal, "utf-8") == 0)
        return 0;

    SourceCodec codec;
    if (normal)
        codec.kind = CODEC_LATIN1;   /* "iso-8859-1" */
    else
        source_codec_lookup(&codec, name, name_len, opts->stdlib_dir);
    *kept = codec;
    switch (codec.kind) {
    case CODEC_UNSUPPORTED:
        return no_location(err, "encoding problem: %s (not supported by Krait)", shown);
    case CODEC_UNKNOWN:
    case CODEC_NOT_TEXT:
    case CODEC_FAILS:
        if (file)
            return no_location(err, "encoding problem: %s", shown);
        if (codec.kind == CODEC_UNKNOWN)
            return no_location(err, "unknown encoding: %s", shown);
        if (codec.kind == CODEC_NOT_TEXT)
            return no_location(err,
                               "'%s' is not a text encoding; use codecs.decode() to handle "
                               "arbitrary codecs", shown);
        return no_location(err, "decoding with '%s' codec failed (UnicodeError: undefined "
                           "encoding)", shown);
    default:
        break;
    }
    if (file)
        return decode_file_codec(out, src, len, decl_line, shown, &codec, arena, err);
    return decode_string_codec(out, &codec, arena, err);
}
