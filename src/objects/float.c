/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_float_spec = {.name = "float", .basicsize = sizeof(KrObject)};
