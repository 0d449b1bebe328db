/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_function_spec = {.name = "function", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_code_spec = {.name = "code", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_cell_spec = {.name = "cell", .basicsize = sizeof(KrObject)};
