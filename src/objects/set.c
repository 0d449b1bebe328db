/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_set_spec = {.name = "set", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_frozenset_spec = {.name = "frozenset", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_set_iterator_spec = {.name = "set_iterator", .basicsize = sizeof(KrObject)};
