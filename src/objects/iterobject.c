/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_enumerate_spec = {.name = "enumerate", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_zip_spec = {.name = "zip", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_map_spec = {.name = "map", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_filter_spec = {.name = "filter", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_reversed_spec = {.name = "reversed", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_seq_iterator_spec = {.name = "iterator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_callable_iterator_spec = {.name = "callable_iterator", .basicsize = sizeof(KrObject)};
