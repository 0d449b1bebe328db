/* Placeholder: the type is declared so the VM can build its type table. */
#include "objects/objects.h"

const KrMethodDef kr_dict_methods[] = {{0}};
void kr_dict_methods_fill(KrType *tp) { (void)tp; }

const KrTypeSpec kr_dict_keys_spec = {.name = "dict_keys", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_dict_values_spec = {.name = "dict_values", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_dict_items_spec = {.name = "dict_items", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_dict_keyiterator_spec = {.name = "dict_keyiterator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_dict_valueiterator_spec = {.name = "dict_valueiterator", .basicsize = sizeof(KrObject)};
const KrTypeSpec kr_dict_itemiterator_spec = {.name = "dict_itemiterator", .basicsize = sizeof(KrObject)};
