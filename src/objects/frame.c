/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_frame_spec = {.name = "frame", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_traceback_spec = {.name = "traceback", .basicsize = sizeof(KrObject)};
