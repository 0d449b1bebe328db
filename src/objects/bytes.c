/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_bytes_spec = {.name = "bytes", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_bytes_iterator_spec = {.name = "bytes_iterator", .basicsize = sizeof(KrObject)};
