/* Creating and destroying a VM: the built-in types in dependency order,
 * the interned names, the exception classes, the builtins and sys
 * modules.  The order matters because the type machinery is built with
 * itself: `object` and `type` are made by hand first, then str and dict
 * (which type dicts need), then every type's dict and MRO. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "runtime/runtime.h"

static const KrTypeSpec *const builtin_specs[KR_T_COUNT] = {
#define KR_BUILTIN_TYPE(id, spec, base) &spec,
#include "objects/types.def"
#undef KR_BUILTIN_TYPE
};

static const int builtin_bases[KR_T_COUNT] = {
#define KR_BUILTIN_TYPE(id, spec, base) KR_T_##base,
#include "objects/types.def"
#undef KR_BUILTIN_TYPE
};

static const char *const name_texts[KR_N_COUNT] = {
#define KR_NAME(id, text) text,
#include "objects/names.def"
#undef KR_NAME
};

int kr_type_ready_builtin(KrThread *t, KrType *tp);
int kr_type_ready_layout(KrThread *t, KrType *tp);
int kr_exceptions_init(KrThread *t);

static void fatal(const char *what)
{
    fprintf(stderr, "krait: fatal error during start-up: %s\n", what);
    exit(1);
}

static void gc_init(KrVM *vm)
{
    static const int thresholds[KR_GC_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < KR_GC_GENERATIONS; i++) {
        vm->gc[i].head.next = vm->gc[i].head.prev = &vm->gc[i].head;
        vm->gc[i].threshold = thresholds[i];
    }
    vm->gc_permanent.head.next = vm->gc_permanent.head.prev = &vm->gc_permanent.head;
    vm->gc_startup.next = vm->gc_startup.prev = &vm->gc_startup;
    vm->gc_enabled = true;
    vm->gc_collecting = true; /* no collection during start-up */
}

KrThread *kr_thread_new(KrVM *vm)
{
    KrThread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->vm = vm;
    t->exc = KR_ABSENT;
    t->exc_base.value = KR_NONE;
    t->exc_info = &t->exc_base;
    t->trace_func = t->profile_func = KR_NONE;
    t->dict = KR_ABSENT;
    t->sys_settings = KR_ABSENT;
    if (kr_eval_thread_init(t) < 0) {
        free(t);
        return NULL;
    }
    return t;
}

KrVM *kr_vm_new(void)
{
    KrVM *vm = calloc(1, sizeof *vm);
    if (!vm)
        return NULL;
    vm->recursion_limit = 1000;
    vm->max_str_digits = 4300;
    vm->memory_error = KR_ABSENT;
    vm->interned = vm->builtins = vm->builtins_dict = vm->sys = vm->modules = KR_ABSENT;
    vm->empty_tuple = vm->empty_str = KR_ABSENT;
    vm->argv = vm->orig_argv = vm->gc_garbage = vm->gc_callbacks = KR_ABSENT;
    gc_init(vm);
    KrThread *t = kr_thread_new(vm);
    if (!t)
        fatal("out of memory");
    vm->main_thread = t;

    /* object and type first, then the rest; then object and type become
     * instances of type. */
    for (int i = 0; i < KR_T_COUNT; i++) {
        KrType *base = i == KR_T_OBJECT ? NULL : vm->types[builtin_bases[i]];
        KrType *tp = kr_type_from_spec(t, builtin_specs[i], base, KR_ABSENT);
        if (!tp)
            fatal("cannot create the built-in types");
        vm->types[i] = tp;
        if (i == KR_T_TYPE) {
            vm->types[KR_T_OBJECT]->ob.type = tp;
            tp->ob.type = tp;
            kr_gc_track(t, &vm->types[KR_T_OBJECT]->ob);
            kr_gc_track(t, &tp->ob);
        }
    }
    /* The shared constants the types need before their dicts exist. */
    KrTuple *et = (KrTuple *)kr_alloc(t, vm->types[KR_T_TUPLE], sizeof(KrTuple));
    if (!et)
        fatal("out of memory");
    et->hash = -1;
    vm->empty_tuple = kr_ptr(et);
    vm->empty_str = kr_str_new_raw(t, 0, 1, true);
    for (int c = 0; c < 256; c++) {
        uint8_t ch = (uint8_t)c;
        KrValue s = kr_str_new_raw(t, 1, 1, c < 128);
        if (s == KR_ERROR)
            fatal("out of memory");
        memcpy(kr_str_data(kr_as_str(s)), &ch, 1);
        vm->latin1[c] = s;
    }
    vm->interned = kr_dict_new(t);
    if (vm->interned == KR_ERROR || vm->empty_str == KR_ERROR)
        fatal("out of memory");
    for (int i = 0; i < KR_N_COUNT; i++) {
        vm->names[i] = kr_str_intern_cstr(t, name_texts[i]);
        if (vm->names[i] == KR_ERROR)
            fatal("cannot intern names");
    }
    /* Every type's dict and MRO first: making method descriptors calls
     * types (staticmethod) that must already be usable. */
    for (int i = 0; i < KR_T_COUNT; i++)
        if (kr_type_ready_layout(t, vm->types[i]) < 0)
            fatal("cannot build the built-in types");
    /* The exception classes next: completing the other types may raise
     * (and swallow) AttributeErrors. */
    if (kr_exceptions_init(t) < 0)
        fatal("cannot create the exception classes");
    for (int i = 0; i < KR_T_COUNT; i++) {
        if (kr_type_ready_builtin(t, vm->types[i]) < 0)
            fatal("cannot build the built-in types");
    }
    if (kr_runtime_init(t) < 0) {
        kr_print_exception(t);
        fatal("cannot create the builtins and sys modules");
    }
    kr_gc_startup_done(vm);
    vm->gc_collecting = false;
    return vm;
}

void kr_vm_free(KrVM *vm)
{
    if (!vm)
        return;
    /* Modules go first (their globals hold most of a program's objects),
     * then the collector frees what formed cycles.  What start-up made
     * (types, builtins, sys) is still reclaimed by the process exit. */
    KrThread *t = vm->main_thread;
    if (t && kr_is_ptr(vm->modules)) {
        KrValue saved = t->exc;
        t->exc = KR_ABSENT;
        KrValue mods = vm->modules;
        size_t pos = 0;
        KrValue k, m;
        KrValue user = kr_list_new(t, 0);
        while (user != KR_ERROR && kr_dict_next(mods, &pos, &k, &m))
            if (m != vm->sys && m != vm->builtins && kr_list_append(t, user, k) < 0)
                kr_err_clear(t);
        if (user != KR_ERROR) {
            /* Newest first, as CPython's finalize_modules does. */
            KrList *l = kr_as_list(user);
            for (size_t i = l->len; i-- > 0;)
                if (kr_dict_del(t, mods, l->items[i]) < 0)
                    kr_err_clear(t);
            kr_decref(t, user);
        }
        kr_err_clear(t);
        kr_gc_collect(t, KR_GC_GENERATIONS - 1);
        vm->gc_enabled = false;
        t->exc = saved;
    }
    kr_eval_thread_free(vm->main_thread);
    free(vm->main_thread);
    kr_block_cache_clear(&vm->blocks);
    free(vm);
}
