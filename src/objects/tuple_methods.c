/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrMethodDef kr_tuple_methods[] = {{0}};
void kr_tuple_methods_fill(KrType *tp) { (void)tp; }

const KrTypeSpec kr_tuple_iterator_spec = {.name = "tuple_iterator", .basicsize = sizeof(KrObject)};
