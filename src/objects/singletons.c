/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_none_spec = {.name = "NoneType", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_notimplemented_spec = {.name = "NotImplementedType", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_ellipsis_spec = {.name = "ellipsis", .basicsize = sizeof(KrObject)};
