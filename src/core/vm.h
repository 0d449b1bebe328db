/* The interpreter and its threads (DESIGN.md §1.4).
 *
 * A KrVM is one Python interpreter: its built-in types, its exception
 * classes, its interned strings, sys.modules, the builtins module, the
 * cycle collector's generations.  A KrThread is one OS thread running in
 * it: the exception being raised, the exceptions being handled, the
 * register stack and the frames.  Every function that can run Python code
 * or raise takes the KrThread first; nothing lives in C globals, so two VMs
 * in one process never see each other. */
#ifndef KRAIT_VM_H
#define KRAIT_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/object.h"
#include "core/blockcache.h"

/* Built-in types the C code reaches by id.  types.def lists them in an
 * order where every base comes before its subclasses. */
typedef enum {
#define KR_BUILTIN_TYPE(id, spec, base) KR_T_##id,
#include "objects/types.def"
#undef KR_BUILTIN_TYPE
    KR_T_COUNT
} KrTypeId;

/* Built-in exception classes, by id (objects/exceptions.def). */
typedef enum {
#define KR_EXCEPTION(name, base, layout) KR_E_##name,
#include "objects/exceptions.def"
#undef KR_EXCEPTION
    KR_E_COUNT
} KrExcId;

/* Identifiers the C code uses as attribute names, interned once per VM
 * (objects/names.def): kr_name(t, __init__) is the str "__init__". */
typedef enum {
#define KR_NAME(id, text) KR_N_##id,
#include "objects/names.def"
#undef KR_NAME
    KR_N_COUNT
} KrNameId;

typedef struct KrFrame KrFrame;

/* The cycle collector's generations (CPython's thresholds 700, 10, 10). */
typedef struct KrGCGen {
    KrGCHead head;          /* list sentinel */
    int threshold;
    int count;
} KrGCGen;

#define KR_GC_GENERATIONS 3

struct KrVM {
    KrType *types[KR_T_COUNT];
    KrType *exceptions[KR_E_COUNT];
    KrValue names[KR_N_COUNT];

    KrValue interned;        /* dict str -> same str: the interned strings */
    KrValue builtins;        /* the builtins module */
    KrValue builtins_dict;   /* its namespace */
    KrValue sys;             /* the sys module */
    KrValue modules;         /* sys.modules */
    KrValue empty_tuple, empty_str;
    KrValue latin1[256];     /* the one-character strs U+0000..U+00FF */

    KrGCGen gc[KR_GC_GENERATIONS];
    KrGCGen gc_permanent;    /* gc.freeze() */
    KrGCHead gc_startup;     /* start-up's objects: never collected */
    bool gc_enabled, gc_collecting;
    int gc_debug;            /* gc.set_debug() flags */
    /* Full collections wait until a quarter of the oldest generation is new
     * (CPython's long_lived_pending / long_lived_total): keeps building a
     * large structure linear. */
    intptr_t gc_long_lived_total, gc_long_lived_pending;
    struct { intptr_t collections, collected; } gc_stats[KR_GC_GENERATIONS];
    KrValue gc_garbage, gc_callbacks;

    KrBlockCache blocks;     /* freed small objects, for reuse */

    KrValue memory_error;    /* preallocated MemoryError instance */
    int recursion_limit;     /* sys.getrecursionlimit() */
    int max_str_digits;      /* sys.get_int_max_str_digits() */
    int64_t abc_invalidation_counter;   /* _abc.get_cache_token(): bumped by ABC registrations */
    uint64_t next_type_version;

    /* Attribute lookups along MROs, cached by (type version, interned
     * name): a type's version changes whenever its MRO's namespaces do. */
    struct KrMethodCacheEntry {
        uint64_t version;
        KrValue name;
        KrValue value;          /* borrowed from the type's dict, or KR_ABSENT */
    } method_cache[4096];

    KrThread *main_thread;
    /* Command-line state sys needs (argv, flags) is set by the embedder. */
    KrValue argv, orig_argv;
    int flag_optimize, flag_verbose, flag_inspect, flag_dont_write_bytecode;
    int flag_no_user_site, flag_no_site, flag_ignore_environment, flag_safe_path;
    int flag_bytes_warning, flag_quiet, flag_isolated, flag_utf8_mode, flag_unbuffered;
    int flag_skip_first_line;   /* -x: the main file's first line is not Python */
};

/* The exceptions being handled (sys.exc_info()): a stack, one entry per
 * active `except` block or generator frame. */
typedef struct KrExcState {
    KrValue value;           /* the exception, or KR_NONE */
    struct KrExcState *prev;
} KrExcState;

struct KrThread {
    KrVM *vm;
    KrValue exc;             /* the exception being raised, or KR_ABSENT */
    KrExcState *exc_info;    /* top of the handled-exception stack */
    KrExcState exc_base;     /* bottom entry: KR_NONE */

    /* The register stack: frames are windows into one array. */
    KrValue *stack;
    KrValue *stack_end;
    KrValue *stack_top;      /* first register past the innermost frame */
    KrFrame *frames;         /* frame headers, one per running frame */
    KrFrame *frames_end;
    KrFrame *frame;          /* the innermost running frame, or NULL */
    int depth;               /* Python frames on this thread */
    int c_depth;             /* nested C calls that may recurse (repr, eq...) */
    int dealloc_depth;       /* nested deallocations running in C */
    KrObject *dealloc_pending; /* objects whose deallocation was put off
                                  because the nesting was too deep */

    KrValue trace_func, profile_func;
    /* The interpreter's dispatch table: the plain one, or while a trace or
     * profile function is set the one whose every entry first goes
     * through the tracing hook (eval.c). */
    const void *const *dispatch;
    const void *const *dispatch_plain, *const *dispatch_trace; /* the two tables */
    bool in_trace_hook;      /* a trace/profile function is running: not traced */
    KrValue dict;            /* thread-local scratch for the runtime */
    KrValue sys_settings;    /* dict of this thread's sys settings (asyncgen
                                hooks, switch interval), made on first use */
};

/* The exception being handled, as sys.exception() sees it: the top entry
 * that has one (a generator without its own sees its caller's), or
 * KR_NONE. */
static inline KrValue kr_topmost_exception(KrThread *t)
{
    for (KrExcState *s = t->exc_info; s; s = s->prev)
        if (s->value != KR_NONE && s->value != KR_ABSENT)
            return s->value;
    return KR_NONE;
}

KrVM *kr_vm_new(void);
void kr_vm_free(KrVM *vm);

/* The built-in type `id` / exception class / interned name of t's VM. */
#define kr_builtin_type(t, id) ((t)->vm->types[KR_T_##id])
#define kr_exc_type(t, name) ((t)->vm->exceptions[KR_E_##name])
#define kr_name(t, id) ((t)->vm->names[KR_N_##id])

#endif
