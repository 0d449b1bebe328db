/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrMethodDef kr_list_methods[] = {{0}};
void kr_list_methods_fill(KrType *tp) { (void)tp; }

const KrTypeSpec kr_list_iterator_spec = {.name = "list_iterator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_list_reviterator_spec = {.name = "list_reverseiterator", .basicsize = sizeof(KrObject)};
