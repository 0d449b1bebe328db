/* Struct sequences: tuples whose items also have names (sys.version_info,
 * sys.flags, os.stat_result, time.struct_time).
 *
 * An instance is a tuple of the first `n_in_sequence` fields; the fields
 * after those (named only, like os.stat_result.st_atime as a float) live
 * in the same allocation after the visible items, so indexing, len(),
 * hashing and comparison see only the sequence part, as in CPython.
 *
 * A C module describes each type once with a constant KrStructSeqDesc and
 * makes the type per VM with kr_structseq_new_type(). */
#ifndef KRAIT_OBJECTS_STRUCTSEQ_H
#define KRAIT_OBJECTS_STRUCTSEQ_H

#include "objects/objects.h"

typedef struct KrStructSeqField {
    const char *name; /* kr_structseq_unnamed for a field without a name */
    const char *doc;
} KrStructSeqField;

/* Marks a field that is part of the sequence but has no attribute name. */
extern const char kr_structseq_unnamed[];

typedef struct KrStructSeqDesc {
    KrTypeSpec spec;                /* first, so the type's spec leads back here;
                                       fill it with KR_STRUCTSEQ_SPEC */
    const KrStructSeqField *fields; /* terminated by a NULL name */
    int n_in_sequence;              /* the fields visible as items */
    bool constructible;             /* T(sequence, dict=None) allowed; otherwise
                                       "cannot create 'T' instances" (sys.flags) */
} KrStructSeqDesc;

extern const KrMethodDef kr_structseq_methods[];
void kr_structseq_fill(KrType *tp);

/* The KrTypeSpec part of a descriptor; NAME is the dotted tp_name
 * ("sys.version_info"). */
#define KR_STRUCTSEQ_SPEC(NAME, DOC)                                                       \
    {                                                                                      \
        .name = (NAME), .basicsize = sizeof(KrTuple), .itemsize = sizeof(KrValue),         \
        .flags = KR_TPFLAG_GC | KR_TPFLAG_TUPLE_SUBCLASS, .methods = kr_structseq_methods, \
        .fill = kr_structseq_fill, .doc = (DOC),                                           \
    }

/* Makes the type described by desc (a new reference), or NULL with an
 * exception set. */
KrType *kr_structseq_new_type(KrThread *t, const KrStructSeqDesc *desc);

/* An instance of `type` whose fields are vals[0 .. n_fields): the
 * references in vals are stolen, and when one of them is KR_ERROR the
 * others are released and KR_ERROR is returned (so callers can pass the
 * results of constructors directly). */
KrValue kr_structseq_make(KrThread *t, KrType *type, KrValue *vals);

/* Is `v` an instance of a struct sequence type? */
bool kr_is_structseq(KrThread *t, KrValue v);

#endif
