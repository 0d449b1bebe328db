/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrTypeSpec kr_weakref_spec = {.name = "weakref.ReferenceType", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_weakproxy_spec = {.name = "weakref.ProxyType", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_weakcallableproxy_spec = {.name = "weakref.CallableProxyType", .basicsize = sizeof(KrObject)};
