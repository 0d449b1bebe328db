/* The parts of the Unicode database the front end needs, generated at build
 * time from Debian's unicode-data package (UnicodeData.txt and friends). */
#ifndef KRAIT_UNICODE_DB_H
#define KRAIT_UNICODE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Looks up a character by name as \N{...} does (case-insensitive, including
 * name aliases, Hangul syllables and CJK unified ideographs).  Returns true
 * and sets *cp when found. */
bool unicode_lookup_name(const char *name, size_t len, uint32_t *cp);

/* The name unicodedata.name() gives cp (Unicode 14.0, as CPython 3.11):
 * never an alias, algorithmic for Hangul syllables and CJK unified
 * ideographs, and none for control characters, surrogates, private use,
 * unassigned code points and others without a name, for which it returns 0.
 * Otherwise returns the name's length; the name and a NUL are written to
 * buf when they fit in cap (UNICODE_NAME_MAX always suffices). */
#define UNICODE_NAME_MAX 96
size_t unicode_name_of(uint32_t cp, char *buf, size_t cap);

/* XID_Start / XID_Continue, for identifiers (PEP 3131). */
bool unicode_is_xid_start(uint32_t cp);
bool unicode_is_xid_continue(uint32_t cp);

/* str.isprintable() of one character, for repr(). */
bool unicode_is_printable(uint32_t cp);

/* NFKC-normalises a UTF-8 identifier (as CPython does to every non-ASCII
 * identifier).  Writes into out (capacity out_cap) and returns the length, or
 * returns the needed length if it is larger than out_cap. */
size_t unicode_nfkc(const char *s, size_t len, char *out, size_t out_cap);

#endif
