/* What str_methods.c and str_format.c share: the entry points of str's
 * formatting (printf-style %, str.format, format_map, __format__) and the
 * lossless UTF-8 conversions numfmt's text interface needs. */
#ifndef KRAIT_STR_FORMAT_H
#define KRAIT_STR_FORMAT_H

#include "objects/objects.h"

/* fmt % args (str.__mod__). */
KrValue kr_str_percent_format(KrThread *t, KrValue fmt, KrValue args);

/* str.format(*args, **kwargs), str.format_map(mapping), str.__format__(spec). */
KrValue str_method_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);
KrValue str_method_format_map(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);
KrValue str_method_dunder_format(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames);

/* The UTF-8 of a str in which lone surrogates are 3-byte sequences (what
 * numfmt accepts); malloc'd, NUL-terminated; NULL with MemoryError set. */
char *str_utf8_lossless(KrThread *t, KrValue s, size_t *len);
/* The str of such UTF-8 text. */
KrValue str_from_utf8_lossless(KrThread *t, const char *s, size_t n);

/* The name CPython's argument clinic shows for a value of the wrong type:
 * "None" for None, else the type's name. */
const char *str_clinic_type_name(KrThread *t, KrValue v);

#endif
