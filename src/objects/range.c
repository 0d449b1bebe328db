/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_range_spec = {.name = "range", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_range_iterator_spec = {.name = "range_iterator", .basicsize = sizeof(KrObject)};
