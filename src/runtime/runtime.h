/* The runtime around the interpreter loop: threads' register stacks,
 * running code, the builtins and sys modules, imports, and printing
 * uncaught exceptions. */
#ifndef KRAIT_RUNTIME_H
#define KRAIT_RUNTIME_H

#include <stdio.h>

#include "objects/objects.h"
#include "runtime/cmdline.h"
#include "vm/code.h"

int kr_eval_thread_init(KrThread *t);
/* A new built-in C module `name` (_abc, _operator), registered in
 * sys.modules; KR_ABSENT when there is no such module. */
KrValue kr_builtin_module_create(KrThread *t, KrValue name);
void kr_eval_thread_free(KrThread *t);
KrThread *kr_thread_new(KrVM *vm);

/* Creates builtins and sys and registers them in sys.modules. */
int kr_runtime_init(KrThread *t);

/* Compiles source text to a code object (SyntaxError raised on errors).
 * mode: "exec", "eval" or "single". */
KrValue kr_compile_source(KrThread *t, const char *src, size_t len, const char *filename, const char *mode,
                          bool from_file);
/* ...with __future__ features in effect from the start: CO_FUTURE_* bits
 * (compile() and exec() inherit their caller's). */
KrValue kr_compile_source_flags(KrThread *t, const char *src, size_t len, const char *filename, const char *mode,
                                bool from_file, int64_t future_flags);

/* Runs a file as __main__ / a string as __main__; returns the exit status
 * (printing an uncaught exception as CPython does). */
int kr_run_main_file(KrThread *t, const char *path);
int kr_run_main_string(KrThread *t, const char *src);
/* python -m MODULE: runs the module's file as __main__ (a package's
 * __main__ submodule), with runpy's messages when it cannot. */
int kr_run_main_module(KrThread *t, const char *modname);
/* Runs stdin's text as the program "<stdin>". */
int kr_run_main_stdin(KrThread *t);
/* The interactive prompt on sys.stdin until end of input or SystemExit;
 * returns the exit status.  `startup` (PYTHONSTARTUP, or NULL) runs first. */
int kr_run_interactive(KrThread *t, bool banner, const char *startup);

/* Prints the pending exception (traceback and all) to sys.stderr and
 * clears it; SystemExit is the caller's business. */
void kr_print_exception(KrThread *t);
/* Prints an exception object with its traceback and chain. */
void kr_display_exception(KrThread *t, KrValue exc);
/* The same for sys.excepthook(type, exc, tb): tb becomes the exception's
 * traceback when it has none (CPython's PyErr_Display). */
void kr_display_exception_tb(KrThread *t, KrValue exc, KrValue tb);
/* Reports the thread's pending exception, which cannot propagate (raised
 * by __del__, a weakref callback, closing a generator as it is freed...),
 * and clears it: CPython's PyErr_WriteUnraisable.  `obj` is what raised it
 * (the __del__ function, the callback, the generator; KR_ABSENT for none);
 * `msg` replaces "Exception ignored in" when not NULL (for example
 * "Exception ignored in atexit callback").  Calls sys.unraisablehook with
 * an UnraisableHookArgs, the default printer when the hook is unset, None
 * or sys.__unraisablehook__ (runtime/unraisable.c). */
void kr_err_write_unraisable(KrThread *t, const char *msg, KrValue obj);
/* CPython's default sys.unraisablehook: "Exception ignored in: <obj repr>"
 * (err_msg instead of "Exception ignored in" when it is not None), the
 * traceback tb and the exception line. */
void kr_unraisable_default(KrThread *t, KrValue exc_type, KrValue exc, KrValue tb, KrValue err_msg, KrValue obj);
/* The same for an exception object alone (its type and traceback). */
void kr_write_unraisable(KrThread *t, KrValue exc, KrValue obj);
/* The cycle collector (runtime/gc.c). */
intptr_t kr_gc_collect(KrThread *t, int generation);
void kr_gc_collect_auto(KrThread *t);
void kr_gc_startup_done(KrVM *vm);
bool kr_gc_is_finalized(KrObject *o);
void kr_gc_set_finalized(KrObject *o);
/* During a collection: is o among the garbage found? */
bool kr_gc_is_garbage(KrObject *o);
KrValue kr_gc_module_new(KrThread *t);
/* Calls o's __del__ (type->finalize), reporting an exception as
 * unraisable; the caller holds a reference to o. */
void kr_call_finalizer(KrThread *t, KrObject *o);

/* Weak references (objects/weakref.c). */
void kr_weakref_clear_referent(KrThread *t, KrObject *o);
void kr_weakref_clear_for_gc(KrThread *t, KrObject *o, KrValue pending);
KrValue kr_weakref_call_callback(KrThread *t, KrValue ref);
KrValue kr_weakref_callback_of(KrValue ref);
KrValue kr_weakref_module_new(KrThread *t);

/* The "Did you mean" name for an AttributeError or NameError (a new
 * reference), or KR_ABSENT (runtime/suggestions.c). */
KrValue kr_suggestion_for(KrThread *t, KrValue exc);

/* The traceback machinery (objects/frame.c). */
int kr_traceback_add(KrThread *t, KrValue exc, KrFrame *f, size_t pc);
/* Adds the thread's running frame, at its current instruction. */
int kr_traceback_add_current(KrThread *t, KrValue exc);
KrValue kr_frame_object(KrThread *t, KrFrame *f);
/* Call after sys.settrace/setprofile: the interpreter switches to (or
 * from) its tracing dispatch table at the next instruction. */
void kr_eval_update_dispatch(KrThread *t);
/* One traceback entry: its tb_next (borrowed), code, line and position. */
int kr_traceback_entry(KrThread *t, KrValue tbv, KrValue *next, KrCode **code, int *lineno, KrPosition *pos);

/* Import (runtime/import.c). */
KrValue kr_import_name(KrThread *t, KrValue name, KrValue globals, KrValue fromlist, int level);
KrValue kr_import_module(KrThread *t, const char *name);
/* The spec of a module as -m finds it (parents imported), or KR_NONE. */
KrValue kr_find_spec(KrThread *t, KrValue fullname);

/* Module specs and loaders (runtime/loaders.c): a ModuleSpec, a
 * SourceFileLoader, and the built-in modules' __spec__/__loader__. */
KrValue kr_module_spec_new(KrThread *t, KrValue name, KrValue loader, const char *origin, bool has_location);
KrValue kr_source_loader_new(KrThread *t, KrValue name, KrValue path);
int kr_module_set_builtin_spec(KrThread *t, KrValue module);

/* The module for sys (runtime/sys.c). */
KrValue kr_sys_module_new(KrThread *t);
/* Sets sys.argv, orig_argv, flags, warnoptions, _xoptions, path and
 * executable from the command line (and the VM's flags). */
int kr_sys_set_cmdline(KrThread *t, const KrCmdline *cfg, int orig_argc, char **orig_argv);
void kr_sys_configure_streams(KrThread *t);

/* Generators (objects/genobject.c). */
KrValue kr_gen_new(KrThread *t, KrFunction *func, KrValue *regs, KrCode *code);

/* Runs a class body function with `ns` as its locals (__build_class__). */
KrValue kr_eval_class_body(KrThread *t, KrValue func, KrValue ns);

#endif
