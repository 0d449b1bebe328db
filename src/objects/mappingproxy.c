/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_mappingproxy_spec = {.name = "mappingproxy", .basicsize = sizeof(KrObject)};
