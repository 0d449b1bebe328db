/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_slice_spec = {.name = "slice", .basicsize = sizeof(KrObject)};
