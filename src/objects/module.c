/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_module_spec = {.name = "module", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_namespace_spec = {.name = "types.SimpleNamespace", .basicsize = sizeof(KrObject)};
