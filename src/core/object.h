/* Heap objects, types and their slots (DESIGN.md §3, §4).
 *
 * Every heap value starts with a KrObject header: a reference count and its
 * type.  Container objects (those that can be part of a reference cycle:
 * lists, dicts, instances, functions, frames...) are allocated with a
 * KrGCHead in front of the header, which links them into the cycle
 * collector's generations; the type's KR_TPFLAG_GC says which kind an object
 * is.
 *
 * A type is itself an object (type's type is `type`).  Its behaviour is a
 * table of C slots for the hot protocols; for classes written in Python the
 * slots are filled with generic functions that look up the dunder method, so
 * `a + b` on two instances and on two ints goes through one dispatch.
 *
 * Conventions of every slot and every function that can fail:
 *   - a function returning KrValue returns KR_ERROR with the thread's
 *     exception set when it fails, and a new reference otherwise;
 *   - a function returning int returns -1 on failure (exception set), and
 *     0/1 (or a count) otherwise;
 *   - arguments are borrowed: the callee increments what it keeps.
 * The thread (KrThread) comes first in every call, as Lua passes
 * lua_State: there is no global state (DESIGN.md §1.4). */
#ifndef KRAIT_OBJECT_H
#define KRAIT_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "core/value.h"

typedef struct KrVM KrVM;
typedef struct KrThread KrThread;
typedef struct KrType KrType;

struct KrObject {
    intptr_t refcnt;
    KrType *type;
};

/* In front of every object whose type has KR_TPFLAG_GC. */
typedef struct KrGCHead {
    struct KrGCHead *next, *prev;   /* the generation list it is in */
    intptr_t gc_refs;               /* scratch count during a collection */
} KrGCHead;

static inline KrGCHead *kr_gc_head(KrObject *o) { return (KrGCHead *)o - 1; }
static inline KrObject *kr_gc_object(KrGCHead *g) { return (KrObject *)(g + 1); }

/* Binary operators, in the order of the AST's AstBinOp, so the compiler can
 * pass the AST operator through.  In-place forms are the same index in
 * KrType.inplace. */
typedef enum {
    KR_OP_ADD, KR_OP_SUB, KR_OP_MUL, KR_OP_MATMUL, KR_OP_TRUEDIV, KR_OP_MOD, KR_OP_POW,
    KR_OP_LSHIFT, KR_OP_RSHIFT, KR_OP_OR, KR_OP_XOR, KR_OP_AND, KR_OP_FLOORDIV,
    KR_BINOP_COUNT
} KrBinOp;

/* Rich comparisons, in the order of CPython's Py_LT..Py_GE. */
typedef enum { KR_LT, KR_LE, KR_EQ, KR_NE, KR_GT, KR_GE } KrCompareOp;

typedef KrValue (*KrUnaryFn)(KrThread *t, KrValue a);
typedef KrValue (*KrBinaryFn)(KrThread *t, KrValue a, KrValue b);
typedef KrValue (*KrTernaryFn)(KrThread *t, KrValue a, KrValue b, KrValue c);
typedef KrValue (*KrCompareFn)(KrThread *t, KrValue a, KrValue b, KrCompareOp op);
/* Calls pass positional arguments in args[0..nargs), then the values of the
 * keyword arguments named by `kwnames` (a tuple of str, or 0 for none). */
typedef KrValue (*KrCallFn)(KrThread *t, KrValue callable, const KrValue *args, size_t nargs,
                            KrValue kwnames);
typedef KrValue (*KrGetAttrFn)(KrThread *t, KrValue obj, KrValue name);
/* value == KR_ABSENT deletes. */
typedef int (*KrSetAttrFn)(KrThread *t, KrValue obj, KrValue name, KrValue value);
typedef int (*KrSetItemFn)(KrThread *t, KrValue obj, KrValue key, KrValue value);
typedef int (*KrInquiryFn)(KrThread *t, KrValue a);                 /* bool, contains */
typedef int (*KrContainsFn)(KrThread *t, KrValue container, KrValue item);
typedef int64_t (*KrLenFn)(KrThread *t, KrValue a);                 /* -1 on error */
typedef int64_t (*KrHashFn)(KrThread *t, KrValue a);                /* -1 on error */
typedef KrValue (*KrDescrGetFn)(KrThread *t, KrValue descr, KrValue obj, KrValue type);
typedef int (*KrDescrSetFn)(KrThread *t, KrValue descr, KrValue obj, KrValue value);
typedef KrValue (*KrNewFn)(KrThread *t, KrType *type, const KrValue *args, size_t nargs,
                           KrValue kwnames);
typedef int (*KrInitFn)(KrThread *t, KrValue self, const KrValue *args, size_t nargs,
                        KrValue kwnames);
typedef void (*KrDeallocFn)(KrThread *t, KrObject *o);
typedef void (*KrVisitFn)(KrObject *o, void *arg);
typedef void (*KrTraverseFn)(KrObject *o, KrVisitFn visit, void *arg);
typedef void (*KrClearFn)(KrThread *t, KrObject *o);

enum {
    KR_TPFLAG_GC = 1u << 0,          /* instances carry a KrGCHead */
    KR_TPFLAG_HEAPTYPE = 1u << 1,    /* created by a class statement or type() */
    KR_TPFLAG_BASETYPE = 1u << 2,    /* may be subclassed */
    KR_TPFLAG_READY = 1u << 3,       /* MRO and slots computed */
    KR_TPFLAG_DICT_IN_EXTRAS = 1u << 4, /* dictoffset is relative to kr_instance_extras()
                                          (a class added the dict), not to the object */
    /* Fast subclass tests of the built-in roots, inherited by subclasses. */
    KR_TPFLAG_INT_SUBCLASS = 1u << 8,
    KR_TPFLAG_FLOAT_SUBCLASS = 1u << 9,
    KR_TPFLAG_STR_SUBCLASS = 1u << 10,
    KR_TPFLAG_BYTES_SUBCLASS = 1u << 11,
    KR_TPFLAG_TUPLE_SUBCLASS = 1u << 12,
    KR_TPFLAG_LIST_SUBCLASS = 1u << 13,
    KR_TPFLAG_DICT_SUBCLASS = 1u << 14,
    KR_TPFLAG_TYPE_SUBCLASS = 1u << 15,
    KR_TPFLAG_EXC_SUBCLASS = 1u << 16,
};

struct KrType {
    KrObject ob;
    const char *name;           /* tp_name: "int", "collections.OrderedDict"... */
    uint32_t flags;
    uint32_t basicsize;         /* bytes of an instance, header included */
    uint32_t itemsize;          /* bytes per item of variable-size instances */
    KrType *base;               /* the solid base (__base__) */
    KrValue bases;              /* tuple: __bases__ */
    KrValue mro;                /* tuple: __mro__ */
    KrValue dict;               /* dict: the type's namespace */
    uint64_t version;           /* bumped when the namespace or MRO changes:
                                   guards the VM's attribute caches */
    uint32_t dictoffset;        /* byte offset of the instance __dict__ slot, or 0 */
    uint32_t weaklistoffset;    /* byte offset of the weak-reference list, or 0 */
    KrValue ht_name;            /* classes: __name__ (str); KR_ABSENT for built-ins */
    KrValue ht_qualname;        /* classes: __qualname__ */
    KrValue ht_slots;           /* classes: the __slots__ names (tuple) or KR_ABSENT */
    const struct KrTypeSpec *spec; /* built-in types: their description */
    KrType **subclasses;        /* direct subclasses (borrowed), for slot updates */
    size_t nsubclasses, subclasses_cap;

    KrDeallocFn dealloc;
    KrTraverseFn traverse;
    KrClearFn clear;
    KrNewFn new_;
    KrInitFn init;
    KrCallFn call;
    KrUnaryFn repr, str;
    KrHashFn hash;
    KrCompareFn compare;
    KrGetAttrFn getattr;        /* the whole of __getattribute__/__getattr__ */
    KrSetAttrFn setattr;
    KrDescrGetFn descr_get;
    KrDescrSetFn descr_set;
    KrUnaryFn iter, iternext;   /* iternext: KR_ABSENT (no exception) = exhausted */
    KrUnaryFn finalize;         /* __del__ (PEP 442), or NULL */
    /* Variable-size built-ins (tuple, str, bytes): the bytes an instance
     * of the built-in itself occupies, header and items included.  Classes
     * derived from them put their __dict__ and __slots__ after that. */
    size_t (*varsize)(KrObject *o);

    /* Numbers: binary[op](a, b) is called for either operand's type and
     * returns NotImplemented when it cannot handle the pair (CPython's
     * nb_add and friends); the dispatcher tries the reflected side. */
    KrBinaryFn binary[KR_BINOP_COUNT];
    KrBinaryFn inplace[KR_BINOP_COUNT];
    KrTernaryFn pow3;           /* pow(a, b, mod) */
    KrUnaryFn neg, pos, invert, abs;
    KrInquiryFn truth;          /* __bool__ */
    KrUnaryFn to_int, to_float, index;

    /* Containers. */
    KrLenFn len;
    KrBinaryFn getitem;
    KrSetItemFn setitem;        /* value KR_ABSENT deletes */
    KrContainsFn contains;

    KrValue weaklist;           /* weak references to this type (weakref.c) */
};

/* ---- reference counting ---- */

void kr_object_dealloc(KrThread *t, KrObject *o);

static inline KrValue kr_incref(KrValue v)
{
    if (kr_is_ptr(v))
        kr_as_ptr(v)->refcnt++;
    return v;
}

static inline void kr_decref(KrThread *t, KrValue v)
{
    if (kr_is_ptr(v)) {
        KrObject *o = kr_as_ptr(v);
        if (--o->refcnt == 0)
            kr_object_dealloc(t, o);
    }
}

/* For slots that may hold KR_ABSENT (or KR_ERROR): only pointers count. */
#define kr_xdecref kr_decref

#endif
