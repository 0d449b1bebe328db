/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_bytearray_spec = {.name = "bytearray", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_bytearray_iterator_spec = {.name = "bytearray_iterator", .basicsize = sizeof(KrObject)};
