/* The built-in functions that need the interpreter itself: __build_class__,
 * __import__, exec, eval, compile, globals, locals, input; and the start-up
 * that assembles the builtins and sys modules. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "vm/code.h"

KrType *kr_calculate_metaclass(KrThread *t, KrType *meta, KrValue bases);
int kr_exceptions_add_to_builtins(KrThread *t, KrValue builtins_dict);

/* ---- __build_class__ ---- */

/* PEP 560: replace bases that are not classes by their __mro_entries__. */
static KrValue update_bases(KrThread *t, KrValue bases, bool *changed)
{
    *changed = false;
    KrValue out = KR_ABSENT;
    size_t n = kr_tuple_len(bases);
    for (size_t i = 0; i < n; i++) {
        KrValue b = kr_tuple_items(bases)[i];
        if (kr_has_flag(t, b, KR_TPFLAG_TYPE_SUBCLASS)) {
            if (out != KR_ABSENT && kr_list_append(t, out, b) < 0)
                goto fail;
            continue;
        }
        KrValue meth;
        int r = kr_lookup_attr(t, b, kr_name(t, dunder_mro_entries), &meth);
        if (r < 0)
            goto fail;
        if (r == 0) {
            if (out != KR_ABSENT && kr_list_append(t, out, b) < 0)
                goto fail;
            continue;
        }
        KrValue entries = kr_call1(t, meth, bases);
        kr_decref(t, meth);
        if (entries == KR_ERROR)
            goto fail;
        if (!kr_is_tuple(t, entries)) {
            kr_decref(t, entries);
            kr_raise_fmt(t, kr_exc_type(t, TypeError), "__mro_entries__ must return a tuple");
            goto fail;
        }
        if (out == KR_ABSENT) {
            out = kr_list_from(t, kr_tuple_items(bases), i);
            if (out == KR_ERROR) {
                kr_decref(t, entries);
                return KR_ERROR;
            }
        }
        *changed = true;
        int st = kr_list_extend(t, out, entries);
        kr_decref(t, entries);
        if (st < 0)
            goto fail;
    }
    if (out == KR_ABSENT)
        return kr_incref(bases);
    KrValue tu = kr_tuple_from(t, kr_as_list(out)->items, kr_as_list(out)->len);
    kr_decref(t, out);
    return tu;
fail:
    if (out != KR_ABSENT)
        kr_decref(t, out);
    return KR_ERROR;
}

static KrValue builtin_build_class(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    if (nargs < 2)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__build_class__: not enough arguments");
    KrValue func = args[0], name = args[1];
    if (kr_type(t, func) != kr_builtin_type(t, FUNCTION))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__build_class__: func must be a function");
    if (!kr_is_str(t, name))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "__build_class__: name is not a string");
    KrValue orig_bases = kr_tuple_from(t, args + 2, nargs - 2);
    if (orig_bases == KR_ERROR)
        return KR_ERROR;
    bool changed;
    KrValue bases = update_bases(t, orig_bases, &changed);
    KrValue meta = KR_ABSENT, kwdict = KR_ABSENT, ns = KR_ABSENT, cls = KR_ERROR;
    if (bases == KR_ERROR)
        goto done;
    /* Keywords: metaclass= is taken out; the rest go to the metaclass. */
    size_t nkw = kwnames ? kr_tuple_len(kwnames) : 0;
    kwdict = kr_dict_new(t);
    if (kwdict == KR_ERROR)
        goto done;
    for (size_t i = 0; i < nkw; i++) {
        KrValue k = kr_tuple_items(kwnames)[i];
        if (kr_str_equal_cstr(k, "metaclass"))
            meta = kr_incref(args[nargs + i]);
        else if (kr_dict_set(t, kwdict, k, args[nargs + i]) < 0)
            goto done;
    }
    bool is_class = false;
    if (meta == KR_ABSENT) {
        meta = kr_tuple_len(bases) ? kr_incref(kr_ptr(kr_type(t, kr_tuple_items(bases)[0])))
                                   : kr_incref(kr_ptr(kr_builtin_type(t, TYPE)));
        is_class = true;
    } else {
        is_class = kr_has_flag(t, meta, KR_TPFLAG_TYPE_SUBCLASS);
    }
    if (is_class) {
        KrType *winner = kr_calculate_metaclass(t, kr_as_type(meta), bases);
        if (!winner)
            goto done;
        kr_assign(t, &meta, kr_ptr(winner));
    }
    /* __prepare__ */
    KrValue prep;
    int pr = kr_lookup_attr(t, meta, kr_name(t, dunder_prepare), &prep);
    if (pr < 0)
        goto done;
    if (pr == 0) {
        ns = kr_dict_new(t);
    } else {
        KrValue pargs[2] = {name, bases};
        KrValue kwn = 0;
        KrValue *argv = NULL;
        size_t nk = kr_dict_len(kwdict);
        if (nk) {
            argv = malloc((2 + nk) * sizeof(KrValue));
            kwn = kr_tuple_new(t, nk);
            size_t pos = 0, i = 0;
            KrValue k, v;
            argv[0] = name;
            argv[1] = bases;
            while (kr_dict_next(kwdict, &pos, &k, &v)) {
                kr_tuple_items(kwn)[i] = kr_incref(k);
                argv[2 + i++] = v;
            }
            ns = kr_call(t, prep, argv, 2, kwn);
            free(argv);
            kr_decref(t, kwn);
        } else {
            ns = kr_call(t, prep, pargs, 2, 0);
        }
        kr_decref(t, prep);
    }
    if (ns == KR_ERROR)
        goto done;
    if (kr_type(t, ns)->getitem == NULL) {
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s.__prepare__() must return a mapping, not %T",
                     is_class ? kr_as_type(meta)->name : "<metaclass>", ns);
        goto done;
    }
    KrValue body = kr_eval_class_body(t, func, ns);
    if (body == KR_ERROR)
        goto done;
    if (changed && kr_setitem(t, ns, kr_name(t, dunder_orig_bases), orig_bases) < 0) {
        kr_decref(t, body);
        goto done;
    }
    /* meta(name, bases, ns, **kwds) */
    {
        size_t nk = kr_dict_len(kwdict);
        KrValue *argv = malloc((3 + nk) * sizeof(KrValue));
        KrValue kwn = nk ? kr_tuple_new(t, nk) : 0;
        argv[0] = name;
        argv[1] = bases;
        argv[2] = ns;
        size_t pos = 0, i = 0;
        KrValue k, v;
        while (kr_dict_next(kwdict, &pos, &k, &v)) {
            kr_tuple_items(kwn)[i] = kr_incref(k);
            argv[3 + i++] = v;
        }
        cls = kr_call(t, meta, argv, 3, kwn);
        free(argv);
        if (kwn)
            kr_decref(t, kwn);
    }
    /* The __class__ cell must end up holding the class. */
    if (cls != KR_ERROR && kr_type(t, body) == kr_builtin_type(t, CELL)) {
        KrValue held = ((KrCell *)kr_as_ptr(body))->value;
        if (held != cls) {
            if (held == KR_ABSENT)
                kr_raise_fmt(t, kr_exc_type(t, RuntimeError),
                             "__class__ not set defining %R as %R. Was __classcell__ propagated to type.__new__?",
                             name, cls);
            else
                kr_raise_fmt(t, kr_exc_type(t, TypeError), "__class__ set to %R defining %R as %R", held, name, cls);
            kr_decref(t, cls);
            cls = KR_ERROR;
        }
    }
    kr_decref(t, body);
done:
    kr_decref(t, orig_bases);
    kr_xdecref(t, bases);
    kr_xdecref(t, meta);
    kr_xdecref(t, kwdict);
    kr_xdecref(t, ns);
    return cls;
}

/* ---- globals(), locals() ---- */

/* A dict of a frame's local variables (a snapshot for functions). */
KrValue kr_frame_locals(KrThread *t, KrFrame *f)
{
    if (kr_is_ptr(f->locals))
        return kr_incref(f->locals);
    KrCode *co = f->code;
    if (co->uses_locals_dict)
        return kr_incref(f->globals);
    KrValue d = kr_dict_new(t);
    if (d == KR_ERROR)
        return d;
    for (int i = 0; i < co->nlocals; i++) {
        KrValue v = f->regs[i];
        bool is_cell = false;
        for (int c = 0; c < co->ncells; c++)
            if (co->cell_param[c] == i)
                is_cell = true;
        if (v == KR_ABSENT || is_cell)
            continue;
        if (kr_dict_set(t, d, kr_tuple_items(co->varnames)[i], v) < 0) {
            kr_decref(t, d);
            return KR_ERROR;
        }
    }
    for (int i = 0; i < co->ncells + co->nfrees; i++) {
        KrValue cell = f->regs[co->cell_base + i];
        if (!kr_is_ptr(cell))
            continue;
        KrValue v = ((KrCell *)kr_as_ptr(cell))->value;
        KrValue name = i < co->ncells ? kr_tuple_items(co->cellvars)[i] : kr_tuple_items(co->freevars)[i - co->ncells];
        if (v == KR_ABSENT)
            continue;
        if (kr_dict_set(t, d, name, v) < 0) {
            kr_decref(t, d);
            return KR_ERROR;
        }
    }
    return d;
}

/* The innermost Python frame (C functions have none). */
static KrFrame *python_frame(KrThread *t) { return t->frame; }

static KrValue builtin_globals(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args;
    if (kr_check_nargs(t, "globals", nargs, 0, 0) < 0 || kr_no_kwargs(t, "globals", kwnames) < 0)
        return KR_ERROR;
    KrFrame *f = python_frame(t);
    return f ? kr_incref(f->globals) : KR_NONE;
}

static KrValue builtin_locals(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self, (void)args;
    if (kr_check_nargs(t, "locals", nargs, 0, 0) < 0 || kr_no_kwargs(t, "locals", kwnames) < 0)
        return KR_ERROR;
    KrFrame *f = python_frame(t);
    return f ? kr_frame_locals(t, f) : KR_NONE;
}

/* ---- compile, exec, eval ---- */

static const char *source_text(KrThread *t, KrValue src, size_t *len, const char *fname)
{
    if (kr_is_str(t, src))
        return kr_str_utf8(t, src, len);
    if (kr_is_ptr(src) && (kr_type(t, src)->flags & KR_TPFLAG_BYTES_SUBCLASS)) {
        *len = kr_bytes_len(src);
        return (const char *)kr_bytes_data(src);
    }
    if (kr_type(t, src) == kr_builtin_type(t, BYTEARRAY)) {
        KrByteArray *b = (KrByteArray *)kr_as_ptr(src);
        *len = b->len;
        return b->len ? (const char *)b->data : "";
    }
    if (strcmp(fname, "compile") == 0)
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "compile() arg 1 must be a string, bytes or AST object");
    else
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "%s() arg 1 must be a string, bytes or code object", fname);
    return NULL;
}

/* The __future__ features of the calling Python code, which compile()
 * and exec() pass on to the code they compile. */
static int64_t caller_future_flags(KrThread *t)
{
    KrFrame *f = python_frame(t);
    return f ? (f->code->flags & CO_FUTURE_ANNOTATIONS) : 0;
}

static KrValue builtin_compile(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"};
    static const KrArgSpec spec = {"compile", names, 7, 0, 3, 6};
    KrValue a[7];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, a[2]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "compile() argument 'mode' must be str, not %T", a[2]);
    const char *mode = kr_as_str(a[2])->utf8;
    if (!mode || (strcmp(mode, "exec") && strcmp(mode, "eval") && strcmp(mode, "single")))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "compile() mode must be 'exec', 'eval' or 'single'");
    int64_t flags = 0;
    if (a[3] != KR_ABSENT && kr_as_ssize(t, a[3], &flags) < 0)
        return KR_ERROR;
    /* the bits compile() accepts: CO_NESTED (obsolete), PyCF_DONT_IMPLY_DEDENT,
     * PyCF_ONLY_AST, PyCF_TYPE_COMMENTS, PyCF_ALLOW_TOP_LEVEL_AWAIT,
     * PyCF_ALLOW_INCOMPLETE_INPUT and the CO_FUTURE_* features */
    if (flags & ~(int64_t)(0x10 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000 | 0x1fe0000))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "compile(): unrecognised flags");
    int64_t optimize = -1;
    if (a[5] != KR_ABSENT && kr_as_ssize(t, a[5], &optimize) < 0)
        return KR_ERROR;
    if (optimize < -1 || optimize > 2)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "compile(): invalid optimize value");
    if (flags & 0x400)
        return kr_raise_fmt(t, kr_exc_type(t, NotImplementedError), "compile() to an AST is not supported yet");
    int64_t future = flags & CO_FUTURE_ANNOTATIONS;
    if (a[4] == KR_ABSENT || !kr_truth(t, a[4]))
        future |= caller_future_flags(t);
    KrValue fname = a[1];
    if (!kr_is_str(t, fname)) {
        if (kr_is_ptr(fname) && (kr_type(t, fname)->flags & KR_TPFLAG_BYTES_SUBCLASS)) {
            fname = kr_str_from_utf8(t, (const char *)kr_bytes_data(fname), kr_bytes_len(fname));
            if (fname == KR_ERROR)
                return fname;
        } else {
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "expected str, bytes or os.PathLike object, not %T", fname);
        }
    } else {
        kr_incref(fname);
    }
    size_t len;
    const char *src = source_text(t, a[0], &len, "compile");
    KrValue r = KR_ERROR;
    if (src) {
        if (memchr(src, 0, len))
            r = kr_raise_fmt(t, kr_exc_type(t, ValueError), "source code string cannot contain null bytes");
        else
            r = kr_compile_source_flags(t, src, len, kr_as_str(fname)->utf8, mode, false, future);
    }
    kr_decref(t, fname);
    return r;
}

static KrValue exec_or_eval(KrThread *t, const KrValue *args, size_t nargs, KrValue kwnames, bool is_eval)
{
    const char *fname = is_eval ? "eval" : "exec";
    static const char *const names[] = {"source", "globals", "locals", "closure"};
    KrArgSpec spec = {fname, names, is_eval ? 3 : 4, 3, 1, 3};
    KrValue a[4];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    KrValue globals = a[1] == KR_ABSENT ? KR_NONE : a[1];
    KrValue locals = a[2] == KR_ABSENT ? KR_NONE : a[2];
    if (globals != KR_NONE && !kr_is_dict(t, globals))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError),
                            is_eval ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                    : "exec() globals must be a dict, not %T",
                            globals);
    if (locals != KR_NONE && !kr_type(t, locals)->getitem)
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "locals must be a mapping");
    KrFrame *f = python_frame(t);
    if (globals == KR_NONE) {
        if (!f)
            return kr_raise_fmt(t, kr_exc_type(t, SystemError), "%s(): no globals", fname);
        globals = f->globals;
        if (locals == KR_NONE) {
            locals = kr_frame_locals(t, f);
            if (locals == KR_ERROR)
                return locals;
        } else {
            kr_incref(locals);
        }
    } else {
        if (locals == KR_NONE)
            locals = globals;
        kr_incref(locals);
    }
    KrValue r = KR_ERROR;
    if (kr_dict_get(t, globals, kr_name(t, dunder_builtins)) == KR_ABSENT &&
        kr_dict_set(t, globals, kr_name(t, dunder_builtins), t->vm->builtins) < 0)
        goto done;
    KrValue code;
    if (kr_type(t, a[0]) == kr_builtin_type(t, CODE)) {
        code = kr_incref(a[0]);
    } else {
        size_t len;
        const char *src = source_text(t, a[0], &len, fname);
        if (!src)
            goto done;
        if (memchr(src, 0, len)) {
            kr_raise_fmt(t, kr_exc_type(t, ValueError), "source code string cannot contain null bytes");
            goto done;
        }
        /* eval() strips leading spaces and tabs. */
        if (is_eval)
            while (len && (*src == ' ' || *src == '\t'))
                src++, len--;
        code = kr_compile_source_flags(t, src, len, "<string>", is_eval ? "eval" : "exec", false,
                                       caller_future_flags(t));
        if (code == KR_ERROR)
            goto done;
    }
    if (kr_as_code(code)->nfrees > 0) {
        kr_decref(t, code);
        kr_raise_fmt(t, kr_exc_type(t, TypeError), "code object passed to %s() may not contain free variables", fname);
        goto done;
    }
    r = kr_eval_code(t, code, globals, locals);
    kr_decref(t, code);
    if (r != KR_ERROR && !is_eval) {
        kr_decref(t, r);
        r = KR_NONE;
    }
done:
    kr_decref(t, locals);
    return r;
}

static KrValue builtin_exec(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return exec_or_eval(t, args, nargs, kwnames, false);
}

static KrValue builtin_eval(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    return exec_or_eval(t, args, nargs, kwnames, true);
}

static KrValue builtin_import(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    static const KrArgSpec spec = {"__import__", names, 5, 0, 1, 5};
    KrValue a[5];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    if (!kr_is_str(t, a[0]))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "module name must be str, not %T", a[0]);
    int64_t level = 0;
    if (a[4] != KR_ABSENT && kr_as_ssize(t, a[4], &level) < 0)
        return KR_ERROR;
    if (level < 0)
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "level must be >= 0");
    KrValue globals = a[1] == KR_ABSENT ? KR_NONE : a[1];
    return kr_import_name(t, a[0], globals, a[3] == KR_ABSENT ? KR_NONE : a[3], (int)level);
}

static KrValue builtin_input(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)self;
    if (kr_no_kwargs(t, "input", kwnames) < 0 || kr_check_nargs(t, "input", nargs, 0, 1) < 0)
        return KR_ERROR;
    KrValue sysd = ((KrModule *)kr_as_ptr(t->vm->sys))->dict;
    KrValue out = kr_dict_get_cstr(t, sysd, "stdout");
    KrValue in = kr_dict_get_cstr(t, sysd, "stdin");
    if (out == KR_ABSENT || out == KR_ERROR || out == KR_NONE)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "input(): lost sys.stdout");
    if (in == KR_ABSENT || in == KR_ERROR || in == KR_NONE)
        return kr_raise_fmt(t, kr_exc_type(t, RuntimeError), "input(): lost sys.stdin");
    if (nargs) {
        KrValue p = kr_str(t, args[0]);
        if (p == KR_ERROR)
            return p;
        KrValue w = kr_call_method(t, out, kr_name(t, write), &p, 1);
        kr_decref(t, p);
        if (w == KR_ERROR)
            return w;
        kr_decref(t, w);
    }
    KrValue fl = kr_call_method(t, out, kr_name(t, flush), NULL, 0);
    if (fl == KR_ERROR)
        return fl;
    kr_decref(t, fl);
    KrValue line = kr_call_method(t, in, kr_name(t, readline), NULL, 0);
    if (line == KR_ERROR)
        return line;
    if (!kr_is_str(t, line)) {
        kr_decref(t, line);
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "object.readline() returned non-string");
    }
    KrStr *s = kr_as_str(line);
    if (s->len == 0) {
        kr_decref(t, line);
        return kr_raise_fmt(t, kr_exc_type(t, EOFError), "EOF when reading a line");
    }
    size_t n = s->len;
    if (kr_str_char(s, n - 1) == '\n')
        n--;
    KrValue r = kr_str_substr(t, line, 0, n);
    kr_decref(t, line);
    return r;
}

static const KrMethodDef vm_builtins[] = {
    {"__build_class__", builtin_build_class, KR_METH_KEYWORDS,
     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper function used by the class statement."},
    {"__import__", builtin_import, KR_METH_KEYWORDS, NULL},
    {"compile", builtin_compile, KR_METH_KEYWORDS, NULL},
    {"exec", builtin_exec, KR_METH_KEYWORDS, NULL},
    {"eval", builtin_eval, KR_METH_KEYWORDS, NULL},
    {"globals", builtin_globals, 0, NULL},
    {"locals", builtin_locals, 0, NULL},
    {"input", builtin_input, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* The names of the built-in types in the builtins module. */
static const struct {
    const char *name;
    KrTypeId id;
} builtin_type_names[] = {
    {"object", KR_T_OBJECT}, {"type", KR_T_TYPE}, {"int", KR_T_INT}, {"bool", KR_T_BOOL},
    {"float", KR_T_FLOAT}, {"complex", KR_T_COMPLEX}, {"str", KR_T_STR}, {"bytes", KR_T_BYTES},
    {"bytearray", KR_T_BYTEARRAY}, {"tuple", KR_T_TUPLE}, {"list", KR_T_LIST}, {"dict", KR_T_DICT},
    {"set", KR_T_SET}, {"frozenset", KR_T_FROZENSET}, {"range", KR_T_RANGE}, {"slice", KR_T_SLICE},
    {"enumerate", KR_T_ENUMERATE}, {"zip", KR_T_ZIP}, {"map", KR_T_MAP}, {"filter", KR_T_FILTER},
    {"reversed", KR_T_REVERSED}, {"property", KR_T_PROPERTY}, {"classmethod", KR_T_CLASSMETHOD},
    {"staticmethod", KR_T_STATICMETHOD}, {"super", KR_T_SUPER}, {"memoryview", KR_T_MEMORYVIEW},
};

int kr_runtime_init(KrThread *t)
{
    KrVM *vm = t->vm;
    vm->modules = kr_dict_new(t);
    if (vm->modules == KR_ERROR)
        return -1;
    KrValue b = kr_builtins_module_new(t);
    if (b == KR_ERROR)
        return -1;
    vm->builtins = b;
    vm->builtins_dict = ((KrModule *)kr_as_ptr(b))->dict;
    for (const KrMethodDef *d = vm_builtins; d->name; d++) {
        KrValue f = kr_builtin_function_new(t, d, b, kr_name(t, builtins));
        if (f == KR_ERROR || kr_module_add(t, b, d->name, f) < 0)
            return -1;
        kr_decref(t, f);
    }
    for (size_t i = 0; i < sizeof builtin_type_names / sizeof builtin_type_names[0]; i++)
        if (kr_module_add(t, b, builtin_type_names[i].name, kr_ptr(vm->types[builtin_type_names[i].id])) < 0)
            return -1;
    if (kr_exceptions_add_to_builtins(t, vm->builtins_dict) < 0)
        return -1;
    if (kr_dict_set(t, vm->modules, kr_name(t, builtins), b) < 0)
        return -1;
    KrValue sys = kr_sys_module_new(t);
    if (sys == KR_ERROR)
        return -1;
    vm->sys = sys;
    KrValue sysname = kr_str_intern_cstr(t, "sys");
    int r = kr_dict_set(t, vm->modules, sysname, sys);
    kr_decref(t, sysname);
    return r;
}
