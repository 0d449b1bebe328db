/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_property_spec = {.name = "property", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_classmethod_spec = {.name = "classmethod", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_staticmethod_spec = {.name = "staticmethod", .basicsize = sizeof(KrObject)};
