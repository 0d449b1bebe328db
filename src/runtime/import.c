/* Importing modules written in Python from sys.path (and packages from
 * their __path__), relative imports, and the built-in modules written in
 * C.  This is the import system's core as CPython's importlib._bootstrap
 * defines it, kept small: specs are simple namespaces and there are no
 * meta-path finders yet. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "vm/code.h"

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static KrValue module_not_found(KrThread *t, KrValue name)
{
    kr_raise_fmt(t, kr_exc_type(t, ModuleNotFoundError), "No module named %R", name);
    if (kr_is_exception(t, t->exc)) {
        KrValue e = kr_err_fetch(t);
        kr_setattr(t, e, kr_name(t, name), name);
        kr_err_clear(t);
        t->exc = e;
    }
    return KR_ERROR;
}

/* Runs a module's source file in a new module object registered in
 * sys.modules under `fullname`. */
static KrValue exec_module_file(KrThread *t, KrValue fullname, const char *path, bool is_package,
                                const char *pkgdir)
{
    size_t len;
    char *src = read_whole_file(path, &len);
    if (!src)
        return kr_raise_fmt(t, kr_exc_type(t, ImportError), "cannot read %s", path);
    KrValue m = kr_module_new(t, fullname);
    if (m == KR_ERROR) {
        free(src);
        return m;
    }
    KrValue d = ((KrModule *)kr_as_ptr(m))->dict;
    KrValue file = kr_str_from_cstr(t, path);
    KrValue pkg;
    if (is_package) {
        pkg = kr_incref(fullname);
    } else {
        KrStr *fn = kr_as_str(fullname);
        size_t dot = fn->len;
        while (dot > 0 && kr_str_char(fn, dot - 1) != '.')
            dot--;
        pkg = dot ? kr_str_substr(t, fullname, 0, dot - 1) : kr_incref(t->vm->empty_str);
    }
    int ok = 0;
    ok |= kr_dict_set(t, d, kr_name(t, dunder_file), file);
    ok |= kr_dict_set(t, d, kr_name(t, dunder_package), pkg);
    ok |= kr_dict_set(t, d, kr_name(t, dunder_builtins), t->vm->builtins);
    if (is_package) {
        KrValue p = kr_str_from_cstr(t, pkgdir);
        KrValue l = kr_list_from(t, &p, 1);
        ok |= kr_dict_set(t, d, kr_name(t, dunder_path), l);
        kr_decref(t, p);
        kr_decref(t, l);
    }
    /* __loader__ and __spec__ as importlib sets them for a source file. */
    KrValue loader = kr_source_loader_new(t, fullname, file);
    KrValue spec = loader == KR_ERROR ? KR_ERROR : kr_module_spec_new(t, fullname, loader, path, true);
    if (spec != KR_ERROR && is_package) {
        KrValue pv = kr_dict_get(t, d, kr_name(t, dunder_path));
        KrValue ssl = kr_str_intern_cstr(t, "submodule_search_locations");
        if (ssl == KR_ERROR || kr_setattr(t, spec, ssl, pv) < 0)
            ok = -1;
        kr_xdecref(t, ssl == KR_ERROR ? KR_NONE : ssl);
    }
    if (spec == KR_ERROR)
        ok = -1;
    else
        ok |= kr_dict_set(t, d, kr_name(t, dunder_loader), loader) | kr_dict_set(t, d, kr_name(t, dunder_spec), spec);
    kr_xdecref(t, loader == KR_ERROR ? KR_NONE : loader);
    kr_xdecref(t, spec == KR_ERROR ? KR_NONE : spec);
    kr_decref(t, file);
    kr_decref(t, pkg);
    if (ok || kr_dict_set(t, t->vm->modules, fullname, m) < 0) {
        free(src);
        kr_decref(t, m);
        return KR_ERROR;
    }
    KrValue code = kr_compile_source(t, src, len, path, "exec", true);
    free(src);
    KrValue r = code == KR_ERROR ? KR_ERROR : kr_eval_code(t, code, d, d);
    kr_xdecref(t, code);
    if (r == KR_ERROR) {
        KrValue e = kr_err_fetch(t);
        kr_dict_del(t, t->vm->modules, fullname);
        kr_err_clear(t);
        t->exc = e;
        kr_decref(t, m);
        return KR_ERROR;
    }
    kr_decref(t, r);
    kr_decref(t, m);
    /* The module in sys.modules may have been replaced while it ran. */
    KrValue final = kr_dict_get(t, t->vm->modules, fullname);
    if (final == KR_ABSENT || final == KR_ERROR)
        return kr_raise_fmt(t, kr_exc_type(t, ImportError), "Loaded module %U not found in sys.modules", fullname);
    return kr_incref(final);
}

/* Finds the file of the module whose last name component is `tail` in the
 * directories of `path` (a list): 1 with *file (and *pkgdir for a package,
 * else NULL) malloc'd, 0 when it is not there, -1 on error. */
static int locate(KrThread *t, KrValue tail, KrValue path, char **file, char **pkgdir)
{
    *file = *pkgdir = NULL;
    if (!kr_is_list(t, path))
        return 0;
    size_t tlen;
    const char *tname = kr_str_utf8(t, tail, &tlen);
    if (!tname)
        return -1;
    for (size_t i = 0; i < kr_as_list(path)->len; i++) {
        KrValue dir = kr_as_list(path)->items[i];
        if (!kr_is_str(t, dir))
            continue;
        size_t dlen;
        const char *d = kr_str_utf8(t, dir, &dlen);
        if (!d)
            return -1;
        /* '' is the current directory, and module files found through it
         * get absolute names, as importlib's FileFinder gives them. */
        char *cwd = dlen == 0 ? getcwd(NULL, 0) : NULL;
        if (dlen == 0)
            d = cwd ? cwd : ".";
        size_t n = strlen(d) + tlen + 32;
        char *buf = malloc(n), *init = malloc(n);
        if (!buf || !init) {
            free(buf);
            free(init);
            free(cwd);
            kr_no_memory(t);
            return -1;
        }
        snprintf(buf, n, "%s/%s", d, tname);
        snprintf(init, n, "%s/__init__.py", buf);
        free(cwd);
        if (is_dir(buf) && is_file(init)) {
            *file = init;
            *pkgdir = buf;
            return 1;
        }
        snprintf(buf, n, "%s/%s.py", d, tname);
        free(init);
        if (is_file(buf)) {
            *file = buf;
            return 1;
        }
        free(buf);
    }
    return 0;
}

/* Finds and loads `fullname` whose last component is `tail`, searching
 * the directories in `path` (a list). */
static KrValue find_and_load(KrThread *t, KrValue fullname, KrValue tail, KrValue path)
{
    char *file, *pkgdir;
    int found = locate(t, tail, path, &file, &pkgdir);
    if (found <= 0)
        return found < 0 ? KR_ERROR : module_not_found(t, fullname);
    KrValue r = exec_module_file(t, fullname, file, pkgdir != NULL, pkgdir);
    free(file);
    free(pkgdir);
    return r;
}

static KrValue sys_attr(KrThread *t, const char *name)
{
    return kr_dict_get_cstr(t, ((KrModule *)kr_as_ptr(t->vm->sys))->dict, name);
}

/* Modules written in C: made on first import and kept in sys.modules. */
static const struct {
    const char *name;
    KrValue (*make)(KrThread *t);
} c_modules[] = {
    {"gc", kr_gc_module_new},
    {"_weakref", kr_weakref_module_new},
};

static KrValue import_c_module(KrThread *t, KrValue fullname)
{
    for (size_t i = 0; i < sizeof c_modules / sizeof *c_modules; i++) {
        if (!kr_str_equal_cstr(fullname, c_modules[i].name))
            continue;
        KrValue m = c_modules[i].make(t);
        if (m == KR_ERROR)
            return m;
        if (kr_dict_set(t, t->vm->modules, fullname, m) < 0) {
            kr_decref(t, m);
            return KR_ERROR;
        }
        return m;
    }
    return KR_ABSENT;
}

/* Imports `fullname` (absolute), its parents first. */
static KrValue import_absolute(KrThread *t, KrValue fullname)
{
    KrValue m = kr_dict_get(t, t->vm->modules, fullname);
    if (m == KR_ERROR)
        return m;
    if (m != KR_ABSENT) {
        if (m == KR_NONE)
            return kr_raise_fmt(t, kr_exc_type(t, ModuleNotFoundError), "import of %U halted; None in sys.modules",
                                fullname);
        return kr_incref(m);
    }
    m = import_c_module(t, fullname);
    if (m != KR_ABSENT)
        return m;
    KrStr *fn = kr_as_str(fullname);
    size_t dot = fn->len;
    while (dot > 0 && kr_str_char(fn, dot - 1) != '.')
        dot--;
    KrValue path, parent = KR_ABSENT;
    KrValue tail;
    if (dot > 0) {
        KrValue pname = kr_str_substr(t, fullname, 0, dot - 1);
        if (pname == KR_ERROR)
            return pname;
        parent = import_absolute(t, pname);
        kr_decref(t, pname);
        if (parent == KR_ERROR)
            return parent;
        /* Importing the parent may have imported this module. */
        m = kr_dict_get(t, t->vm->modules, fullname);
        if (m != KR_ABSENT && m != KR_ERROR) {
            kr_decref(t, parent);
            return kr_incref(m);
        }
        int r = kr_lookup_attr(t, parent, kr_name(t, dunder_path), &path);
        if (r <= 0) {
            KrValue pn = kr_str_substr(t, fullname, 0, dot - 1);
            kr_decref(t, parent);
            if (r == 0)
                kr_raise_fmt(t, kr_exc_type(t, ModuleNotFoundError), "No module named %R; %R is not a package",
                             fullname, pn);
            kr_xdecref(t, pn);
            return KR_ERROR;
        }
        tail = kr_str_substr(t, fullname, dot, fn->len);
    } else {
        path = sys_attr(t, "path");
        if (path == KR_ABSENT || path == KR_ERROR)
            return kr_raise_fmt(t, kr_exc_type(t, ImportError), "sys.path must be a list of directory names");
        kr_incref(path);
        tail = kr_incref(fullname);
    }
    KrValue r = parent == KR_ABSENT ? kr_builtin_module_create(t, fullname) : KR_ABSENT;
    if (r == KR_ABSENT)
        r = find_and_load(t, fullname, tail, path);
    kr_decref(t, path);
    if (r != KR_ERROR && parent != KR_ABSENT) {
        /* The submodule becomes an attribute of its package. */
        if (kr_setattr(t, parent, tail, r) < 0) {
            kr_decref(t, r);
            r = KR_ERROR;
        }
    }
    kr_decref(t, tail);
    kr_xdecref(t, parent);
    return r;
}

/* The package a relative import starts from (importlib's _calc___package__). */
static KrValue calc_package(KrThread *t, KrValue globals)
{
    if (!kr_is_dict(t, globals))
        return kr_raise_fmt(t, kr_exc_type(t, KeyError), "'__name__' not in globals");
    KrValue pkg = kr_dict_get(t, globals, kr_name(t, dunder_package));
    if (pkg == KR_ERROR)
        return pkg;
    if (pkg != KR_ABSENT && pkg != KR_NONE) {
        if (!kr_is_str(t, pkg))
            return kr_raise_fmt(t, kr_exc_type(t, TypeError), "package must be a string");
        return kr_incref(pkg);
    }
    KrValue name = kr_dict_get(t, globals, kr_name(t, dunder_name));
    if (name == KR_ABSENT || name == KR_ERROR)
        return kr_raise_fmt(t, kr_exc_type(t, KeyError), "'__name__' not in globals");
    if (kr_dict_get(t, globals, kr_name(t, dunder_path)) != KR_ABSENT)
        return kr_incref(name);
    KrStr *n = kr_as_str(name);
    size_t dot = n->len;
    while (dot > 0 && kr_str_char(n, dot - 1) != '.')
        dot--;
    return dot ? kr_str_substr(t, name, 0, dot - 1) : kr_incref(t->vm->empty_str);
}

KrValue kr_import_name(KrThread *t, KrValue name, KrValue globals, KrValue fromlist, int level)
{
    KrValue fullname;
    if (level > 0) {
        KrValue pkg = calc_package(t, globals);
        if (pkg == KR_ERROR)
            return pkg;
        if (kr_as_str(pkg)->len == 0) {
            kr_decref(t, pkg);
            return kr_raise_fmt(t, kr_exc_type(t, ImportError), "attempted relative import with no known parent package");
        }
        KrStr *p = kr_as_str(pkg);
        size_t end = p->len;
        for (int i = 1; i < level; i++) {
            while (end > 0 && kr_str_char(p, end - 1) != '.')
                end--;
            if (end == 0) {
                kr_decref(t, pkg);
                return kr_raise_fmt(t, kr_exc_type(t, ImportError), "attempted relative import beyond top-level package");
            }
            end--;
        }
        KrValue base = kr_str_substr(t, pkg, 0, end);
        kr_decref(t, pkg);
        if (base == KR_ERROR)
            return base;
        if (kr_as_str(name)->len)
            fullname = kr_format(t, "%U.%U", base, name);
        else
            fullname = kr_incref(base);
        kr_decref(t, base);
    } else {
        if (kr_as_str(name)->len == 0)
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "Empty module name");
        fullname = kr_incref(name);
    }
    if (fullname == KR_ERROR)
        return fullname;
    KrValue m = import_absolute(t, fullname);
    if (m == KR_ERROR) {
        kr_decref(t, fullname);
        return m;
    }
    bool has_fromlist = fromlist != KR_NONE && fromlist != KR_ABSENT && kr_truth(t, fromlist) > 0;
    if (!has_fromlist) {
        kr_decref(t, fullname);
        /* `import a.b.c` binds a: return the top-level package. */
        KrStr *n = kr_as_str(name);
        size_t dot = 0;
        while (dot < n->len && kr_str_char(n, dot) != '.')
            dot++;
        if (level == 0 && dot < n->len) {
            KrValue top = kr_str_substr(t, name, 0, dot);
            KrValue tm = top == KR_ERROR ? KR_ERROR : kr_dict_get(t, t->vm->modules, top);
            kr_xdecref(t, top);
            kr_decref(t, m);
            if (tm == KR_ERROR || tm == KR_ABSENT)
                return tm == KR_ABSENT ? module_not_found(t, name) : tm;
            return kr_incref(tm);
        }
        return m;
    }
    /* from package import submodule: import the submodules named. */
    KrValue path;
    int r = kr_lookup_attr(t, m, kr_name(t, dunder_path), &path);
    if (r < 0) {
        kr_decref(t, fullname);
        kr_decref(t, m);
        return KR_ERROR;
    }
    if (r > 0) {
        kr_decref(t, path);
        KrValue items = kr_list_from_iterable(t, fromlist);
        for (size_t i = 0; items != KR_ERROR && i < kr_as_list(items)->len; i++) {
            KrValue item = kr_as_list(items)->items[i];
            if (!kr_is_str(t, item) || kr_str_equal_cstr(item, "*"))
                continue;
            KrValue have;
            int hr = kr_lookup_attr(t, m, item, &have);
            if (hr > 0) {
                kr_decref(t, have);
                continue;
            }
            if (hr < 0)
                break;
            KrValue sub = kr_format(t, "%U.%U", fullname, item);
            if (sub == KR_ERROR)
                break;
            KrValue sm = import_absolute(t, sub);
            if (sm == KR_ERROR) {
                if (kr_err_matches(t, kr_exc_type(t, ModuleNotFoundError)))
                    kr_err_clear(t);
            } else {
                kr_decref(t, sm);
            }
            kr_decref(t, sub);
            if (kr_err_occurred(t))
                break;
        }
        kr_xdecref(t, items);
        if (kr_err_occurred(t)) {
            kr_decref(t, fullname);
            kr_decref(t, m);
            return KR_ERROR;
        }
    }
    kr_decref(t, fullname);
    return m;
}

/* The spec of module `fullname` as runpy finds it for -m: its parent
 * packages are imported, the module itself is not.  KR_NONE when there is
 * no such module. */
KrValue kr_find_spec(KrThread *t, KrValue fullname)
{
    KrStr *fn = kr_as_str(fullname);
    size_t dot = fn->len;
    while (dot > 0 && kr_str_char(fn, dot - 1) != '.')
        dot--;
    KrValue path, tail;
    if (dot > 0) {
        KrValue pname = kr_str_substr(t, fullname, 0, dot - 1);
        if (pname == KR_ERROR)
            return pname;
        KrValue parent = import_absolute(t, pname);
        if (parent == KR_ERROR) {
            kr_decref(t, pname);
            return parent;
        }
        int r = kr_lookup_attr(t, parent, kr_name(t, dunder_path), &path);
        kr_decref(t, parent);
        if (r <= 0) {
            if (r == 0)
                kr_raise_fmt(t, kr_exc_type(t, ModuleNotFoundError), "__path__ attribute not found on %R while trying to find %R",
                             pname, fullname);
            kr_decref(t, pname);
            return KR_ERROR;
        }
        kr_decref(t, pname);
        tail = kr_str_substr(t, fullname, dot, fn->len);
    } else {
        path = sys_attr(t, "path");
        if (path == KR_ABSENT || path == KR_ERROR)
            return kr_raise_fmt(t, kr_exc_type(t, ImportError), "sys.path must be a list of directory names");
        kr_incref(path);
        tail = kr_incref(fullname);
    }
    char *file = NULL, *pkgdir = NULL;
    int found = tail == KR_ERROR ? -1 : locate(t, tail, path, &file, &pkgdir);
    kr_xdecref(t, tail == KR_ERROR ? KR_NONE : tail);
    kr_decref(t, path);
    if (found <= 0)
        return found < 0 ? KR_ERROR : KR_NONE;
    KrValue filev = kr_str_from_cstr(t, file);
    KrValue loader = filev == KR_ERROR ? KR_ERROR : kr_source_loader_new(t, fullname, filev);
    KrValue spec = loader == KR_ERROR ? KR_ERROR : kr_module_spec_new(t, fullname, loader, file, true);
    if (spec != KR_ERROR && pkgdir) {
        KrValue p = kr_str_from_cstr(t, pkgdir);
        KrValue l = p == KR_ERROR ? KR_ERROR : kr_list_from(t, &p, 1);
        KrValue ssl = kr_str_intern_cstr(t, "submodule_search_locations");
        if (l == KR_ERROR || ssl == KR_ERROR || kr_setattr(t, spec, ssl, l) < 0) {
            kr_decref(t, spec);
            spec = KR_ERROR;
        }
        kr_xdecref(t, p == KR_ERROR ? KR_NONE : p);
        kr_xdecref(t, l == KR_ERROR ? KR_NONE : l);
        kr_xdecref(t, ssl == KR_ERROR ? KR_NONE : ssl);
    }
    kr_xdecref(t, filev == KR_ERROR ? KR_NONE : filev);
    kr_xdecref(t, loader == KR_ERROR ? KR_NONE : loader);
    free(file);
    free(pkgdir);
    return spec;
}

KrValue kr_import_module(KrThread *t, const char *name)
{
    KrValue n = kr_str_from_cstr(t, name);
    if (n == KR_ERROR)
        return n;
    KrValue m = import_absolute(t, n);
    kr_decref(t, n);
    return m;
}
