/* The table that ties dunder methods to C slots, shared by type.c (which
 * fills the slots of classes from their dunders, and exposes the slots of
 * built-in types as dunders) and descr.c (whose wrapper descriptors call a
 * built-in slot when Python code calls int.__add__ or list.__len__). */
#ifndef KRAIT_TYPESLOTS_H
#define KRAIT_TYPESLOTS_H

#include "objects/objects.h"

typedef enum {
    SLOT_REPR, SLOT_STR, SLOT_HASH, SLOT_CALL, SLOT_ITER, SLOT_NEXT, SLOT_INIT,
    SLOT_GETATTRIBUTE, SLOT_GETATTR, SLOT_SETATTR, SLOT_DELATTR,
    SLOT_GET, SLOT_SET, SLOT_DELETE,
    SLOT_COMPARE,       /* op: KrCompareOp */
    SLOT_BINARY,        /* op: KrBinOp; self is the left operand */
    SLOT_RBINARY,       /* op: KrBinOp; self is the right operand */
    SLOT_INPLACE,       /* op: KrBinOp */
    SLOT_NEG, SLOT_POS, SLOT_INVERT, SLOT_ABS, SLOT_BOOL, SLOT_INT, SLOT_FLOAT, SLOT_INDEX,
    SLOT_LEN, SLOT_GETITEM, SLOT_SETITEM, SLOT_DELITEM, SLOT_CONTAINS, SLOT_DEL,
} SlotKind;

typedef struct SlotDef {
    KrNameId name;
    SlotKind kind;
    int op;
} SlotDef;

extern const SlotDef kr_slotdefs[];
extern const size_t kr_nslotdefs;

/* A wrapper descriptor: `owner`'s C slot seen as a Python method. */
typedef struct KrWrapperDescr {
    KrObject ob;
    KrType *owner;
    const SlotDef *slot;
} KrWrapperDescr;

KrValue kr_wrapper_descr_new(KrThread *t, KrType *owner, const SlotDef *slot);
/* Calls owner's slot for `self` with the arguments of the dunder. */
KrValue kr_wrapper_call(KrThread *t, KrType *owner, const SlotDef *slot, KrValue self, const KrValue *args,
                        size_t nargs, KrValue kwnames);

/* T.__new__ of a built-in type: a built-in function bound to T that calls
 * T's new_ slot for the class given as first argument. */
KrValue kr_new_wrapper_new(KrThread *t, KrType *type);
KrValue kr_method_descr_new(KrThread *t, KrType *owner, const KrMethodDef *def);
KrValue kr_getset_descr_new(KrThread *t, KrType *owner, const KrGetSetDef *def);
KrValue kr_member_descr_new(KrThread *t, KrType *owner, KrValue name, size_t offset);

#endif
