/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_complex_spec = {.name = "complex", .basicsize = sizeof(KrObject)};
