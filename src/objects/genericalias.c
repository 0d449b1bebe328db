/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_generic_alias_spec = {.name = "types.GenericAlias", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_union_spec = {.name = "types.UnionType", .basicsize = sizeof(KrObject)};
