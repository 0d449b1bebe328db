/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_super_spec = {.name = "super", .basicsize = sizeof(KrObject)};
