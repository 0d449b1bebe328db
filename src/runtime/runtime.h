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
void kr_eval_thread_free(KrThread *t);
KrThread *kr_thread_new(KrVM *vm);

/* Creates builtins and sys and registers them in sys.modules. */
int kr_runtime_init(KrThread *t);

/* Compiles source text to a code object (SyntaxError raised on errors).
 * mode: "exec", "eval" or "single". */
KrValue kr_compile_source(KrThread *t, const char *src, size_t len, const char *filename, const char *mode,
                          bool from_file);

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
/* Reports an exception that cannot propagate (raised by __del__ of obj) as
 * CPython's default sys.unraisablehook: "Exception ignored in: <obj repr>"
 * and the traceback. */
void kr_write_unraisable(KrThread *t, KrValue exc, KrValue obj);
/* The "Did you mean" name for an AttributeError or NameError (a new
 * reference), or KR_ABSENT (runtime/suggestions.c). */
KrValue kr_suggestion_for(KrThread *t, KrValue exc);

/* The traceback machinery (objects/frame.c). */
int kr_traceback_add(KrThread *t, KrValue exc, KrFrame *f, size_t pc);
KrValue kr_frame_object(KrThread *t, KrFrame *f);
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
