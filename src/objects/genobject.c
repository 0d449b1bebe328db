/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_generator_spec = {.name = "generator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_coroutine_spec = {.name = "coroutine", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_coroutine_wrapper_spec = {.name = "coroutine_wrapper", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_async_generator_spec = {.name = "async_generator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_async_gen_asend_spec = {.name = "async_generator_asend", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_async_gen_athrow_spec = {.name = "async_generator_athrow", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_async_gen_wrapped_value_spec = {.name = "async_generator_wrapped_value", .basicsize = sizeof(KrObject)};
