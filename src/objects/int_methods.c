/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrMethodDef kr_int_methods[] = {{0}};
const KrGetSetDef kr_int_getsets[] = {{0}};
void kr_int_methods_fill(KrType *tp) { (void)tp; }

const KrTypeSpec kr_bool_spec = {.name = "bool", .basicsize = sizeof(KrObject)};
