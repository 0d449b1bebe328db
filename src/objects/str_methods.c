/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrMethodDef kr_str_methods[] = {{0}};
void kr_str_methods_fill(KrType *tp) { (void)tp; }

const KrTypeSpec kr_str_iterator_spec = {.name = "str_ascii_iterator", .basicsize = sizeof(KrObject)};
