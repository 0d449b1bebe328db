/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_builtin_function_spec = {.name = "builtin_function_or_method", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_method_spec = {.name = "method", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_method_descriptor_spec = {.name = "method_descriptor", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_classmethod_descriptor_spec = {.name = "classmethod_descriptor", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_wrapper_descriptor_spec = {.name = "wrapper_descriptor", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_method_wrapper_spec = {.name = "method-wrapper", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_getset_descriptor_spec = {.name = "getset_descriptor", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_member_descriptor_spec = {.name = "member_descriptor", .basicsize = sizeof(KrObject)};
