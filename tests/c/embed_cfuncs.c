/* C functions callable from Python: a module defined in C before it is
 * imported, userdata, values in and out, exceptions raised in C and
 * caught in Python, exceptions raised in Python passing through C. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "krait.h"

static const char *text_of(krait_vm *vm, krait_value v)
{
    const char *s;
    return krait_to_str(vm, v, &s, NULL) == KRAIT_OK ? s : NULL;
}

static const char *eval_repr(krait_vm *vm, const char *expr)
{
    static char buf[1024];
    krait_value v, r;
    if (krait_eval(vm, expr, &v) != KRAIT_OK)
        return NULL;
    int st = krait_repr(vm, v, &r);
    krait_release(vm, v);
    if (st != KRAIT_OK)
        return NULL;
    snprintf(buf, sizeof buf, "%s", text_of(vm, r));
    krait_release(vm, r);
    return buf;
}

/* What the module's functions share through userdata. */
typedef struct Counter {
    int calls;
    int64_t total;
} Counter;

/* add(a, b, ...) -> sum of ints */
static int c_add(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    Counter *c = userdata;
    c->calls++;
    int64_t sum = 0;
    for (size_t i = 0; i < argc; i++) {
        int64_t v;
        if (krait_to_int(vm, argv[i], &v) != KRAIT_OK)
            return KRAIT_ERROR;
        sum += v;
    }
    c->total += sum;
    *result = krait_new_int(vm, sum);
    return krait_is_null(*result) ? KRAIT_ERROR : KRAIT_OK;
}

/* stats(list_of_numbers) -> {'n': ..., 'mean': ..., 'max': ...} */
static int c_stats(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    ((Counter *)userdata)->calls++;
    if (argc != 1)
        return krait_raise(vm, "TypeError", "stats() takes exactly one argument (%zu given)", argc);
    size_t n;
    if (krait_len(vm, argv[0], &n) != KRAIT_OK)
        return KRAIT_ERROR;
    if (n == 0)
        return krait_raise(vm, "ValueError", "stats() of an empty sequence");
    double sum = 0, max = 0;
    for (size_t i = 0; i < n; i++) {
        krait_value item;
        double d;
        if (krait_list_get(vm, argv[0], i, &item) != KRAIT_OK)
            return KRAIT_ERROR;
        int st = krait_to_float(vm, item, &d);
        krait_release(vm, item);
        if (st != KRAIT_OK)
            return KRAIT_ERROR;
        sum += d;
        if (i == 0 || d > max)
            max = d;
    }
    krait_value d = krait_new_dict(vm);
    krait_value vn = krait_new_int(vm, (int64_t)n), vmean = krait_new_float(vm, sum / (double)n),
                vmax = krait_new_float(vm, max);
    int st = krait_dict_set_str(vm, d, "n", vn) | krait_dict_set_str(vm, d, "mean", vmean) |
             krait_dict_set_str(vm, d, "max", vmax);
    krait_release(vm, vn);
    krait_release(vm, vmean);
    krait_release(vm, vmax);
    if (st != KRAIT_OK) {
        krait_release(vm, d);
        return KRAIT_ERROR;
    }
    *result = d;
    return KRAIT_OK;
}

/* greet(name) -> 'Hello, NAME!' (str in, str out) */
static int c_greet(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata;
    const char *name;
    size_t len;
    if (argc != 1 || krait_to_str(vm, argv[0], &name, &len) != KRAIT_OK) {
        krait_error_clear(vm);
        return krait_raise(vm, "TypeError", "greet() wants one str");
    }
    char buf[256];
    snprintf(buf, sizeof buf, "Hello, %s!", name);
    *result = krait_new_str(vm, buf);
    return krait_is_null(*result) ? KRAIT_ERROR : KRAIT_OK;
}

/* apply(f, *args) -> f(*args): Python called back from C; its exceptions
 * pass through unchanged. */
static int c_apply(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata;
    if (argc < 1)
        return krait_raise(vm, "TypeError", "apply() needs a callable");
    return krait_call(vm, argv[0], argc - 1, argv + 1, result);
}

/* safe_apply(f, x) -> f(x), or the error text when f raises: C catching a
 * Python exception and carrying on. */
static int c_safe_apply(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata;
    if (argc != 2)
        return krait_raise(vm, "TypeError", "safe_apply(f, x)");
    if (krait_call(vm, argv[0], 1, argv + 1, result) == KRAIT_OK)
        return KRAIT_OK;
    char text[256];
    snprintf(text, sizeof text, "caught %s", krait_error_text(vm));
    krait_error_clear(vm);
    *result = krait_new_str(vm, text);
    return KRAIT_OK;
}

/* fail(kind) raises a C-chosen exception class. */
static int c_fail(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata, (void)result;
    const char *kind = "RuntimeError";
    if (argc > 0 && krait_to_str(vm, argv[0], &kind, NULL) != KRAIT_OK)
        return KRAIT_ERROR;
    return krait_raise(vm, kind, "raised in C as %s", kind);
}

/* Misbehaving functions: the VM turns these into SystemError. */
static int c_error_without_exception(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv,
                                     krait_value *result)
{
    (void)vm, (void)userdata, (void)argc, (void)argv, (void)result;
    return KRAIT_ERROR;
}

static int c_result_with_exception(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv,
                                   krait_value *result)
{
    (void)userdata, (void)argc, (void)argv;
    *result = krait_new_list(vm);
    krait_raise(vm, "ValueError", "oops");
    return KRAIT_OK;
}

/* nothing() returns None by leaving *result alone. */
static int c_nothing(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)vm, (void)userdata, (void)argc, (void)argv, (void)result;
    return KRAIT_OK;
}

/* make_list(n) -> [0, 1, ..., n-1] */
static int c_make_list(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata;
    int64_t n;
    if (argc != 1 || krait_to_int(vm, argv[0], &n) != KRAIT_OK)
        return krait_has_error(vm) ? KRAIT_ERROR : krait_raise(vm, "TypeError", "make_list(n)");
    krait_value l = krait_new_list(vm);
    for (int64_t i = 0; i < n && !krait_is_null(l); i++) {
        krait_value v = krait_new_int(vm, i);
        if (krait_list_append(vm, l, v) != KRAIT_OK) {
            krait_release(vm, l);
            l = KRAIT_NULL;
        }
        krait_release(vm, v);
    }
    *result = l;
    return krait_is_null(l) ? KRAIT_ERROR : KRAIT_OK;
}

/* run(src) runs source in __main__ from inside a C function, and
 * evaluate(expr) evaluates there: the VM re-entered from C. */
static int c_run(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata, (void)result;
    const char *src;
    if (argc != 1 || krait_to_str(vm, argv[0], &src, NULL) != KRAIT_OK)
        return krait_has_error(vm) ? KRAIT_ERROR : krait_raise(vm, "TypeError", "run(src)");
    return krait_run_string(vm, src);
}

static int c_evaluate(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)userdata;
    const char *src;
    if (argc != 1 || krait_to_str(vm, argv[0], &src, NULL) != KRAIT_OK)
        return krait_has_error(vm) ? KRAIT_ERROR : krait_raise(vm, "TypeError", "evaluate(expr)");
    return krait_eval(vm, src, result);
}

static const krait_function_def fastmath_defs[] = {
    {"run", c_run, NULL},
    {"evaluate", c_evaluate, NULL},
    {"add", c_add, "add(*ints) -> int\n\nThe sum of the arguments."},
    {"stats", c_stats, NULL},
    {"greet", c_greet, NULL},
    {"apply", c_apply, NULL},
    {"safe_apply", c_safe_apply, NULL},
    {"fail", c_fail, NULL},
    {"broken", c_error_without_exception, NULL},
    {"leaky", c_result_with_exception, NULL},
    {"nothing", c_nothing, NULL},
    {"make_list", c_make_list, NULL},
    {NULL, NULL, NULL},
};

static void test_module(krait_vm *vm, Counter *counter)
{
    krait_value mod;
    CHECK(krait_define_module(vm, "fastmath", fastmath_defs, counter, &mod) == KRAIT_OK);
    krait_value pi = krait_new_float(vm, 3.5);
    CHECK(krait_setattr(vm, mod, "HALF_SEVEN", pi) == KRAIT_OK);
    krait_release(vm, pi);
    krait_release(vm, mod);

    CHECK(krait_run_string(vm, "import fastmath\n"
                               "from fastmath import add, stats\n"
                               "r1 = add(1, 2, 3)\n"
                               "r2 = fastmath.add()\n"
                               "r3 = stats([1, 2.5, 8, -3])\n"
                               "r4 = fastmath.greet('Krait')\n"
                               "r5 = fastmath.HALF_SEVEN * 2\n"
                               "r6 = fastmath.nothing()\n"
                               "r7 = fastmath.make_list(4)\n") == KRAIT_OK);
    if (krait_has_error(vm)) {
        printf("%s", krait_error_traceback(vm));
        krait_error_clear(vm);
    }
    CHECK_STR(eval_repr(vm, "r1, r2"), "(6, 0)");
    CHECK_STR(eval_repr(vm, "r3"), "{'n': 4, 'mean': 2.125, 'max': 8.0}");
    CHECK_STR(eval_repr(vm, "r4, r5, r6, r7"), "('Hello, Krait!', 7.0, None, [0, 1, 2, 3])");
    CHECK(counter->calls == 3 && counter->total == 6);
    CHECK_STR(eval_repr(vm, "add(2**40, 2**40, 2**40)"), "3298534883328");
    CHECK(counter->total == 6 + 3 * (INT64_C(1) << 40));

    /* They look like CPython's built-in functions. */
    CHECK_STR(eval_repr(vm, "add"), "<built-in function add>");
    CHECK_STR(eval_repr(vm, "add.__name__, add.__qualname__, add.__module__"), "('add', 'add', 'fastmath')");
    CHECK_STR(eval_repr(vm, "add.__doc__"), "'add(*ints) -> int\\n\\nThe sum of the arguments.'");
    CHECK_STR(eval_repr(vm, "stats.__doc__"), "None");
    CHECK_STR(eval_repr(vm, "type(add).__name__, callable(add)"), "('builtin_function_or_method', True)");
    CHECK_STR(eval_repr(vm, "fastmath"), "<module 'fastmath' (built-in)>");
    CHECK_STR(eval_repr(vm, "sorted(k for k in dir(fastmath) if not k.startswith('_'))"),
              "['HALF_SEVEN', 'add', 'apply', 'broken', 'evaluate', 'fail', 'greet', 'leaky', 'make_list', "
              "'nothing', 'run', 'safe_apply', 'stats']");
    CHECK_STR(eval_repr(vm, "__import__('sys').modules['fastmath'] is fastmath"), "True");
    CHECK_STR(eval_repr(vm, "fastmath.__spec__.name, fastmath.__spec__.origin, fastmath.__name__"),
              "('fastmath', 'built-in', 'fastmath')");
    CHECK_STR(eval_repr(vm, "list(map(add, [1, 2], [10, 20]))"), "[11, 22]");
    CHECK_STR(eval_repr(vm, "sorted([3, 1, 2], key=fastmath.add)"), "[1, 2, 3]");

    /* Called from C as well. */
    krait_value add;
    CHECK(krait_get_global(vm, "add", &add) == KRAIT_OK);
    krait_value two = krait_new_int(vm, 2), r;
    CHECK(krait_call(vm, add, 1, &two, &r) == KRAIT_OK);
    int64_t i = 0;
    CHECK(krait_to_int(vm, r, &i) == KRAIT_OK && i == 2);
    krait_release(vm, r);
    krait_release(vm, two);
    krait_release(vm, add);
}

static void test_exceptions_both_ways(krait_vm *vm)
{
    /* C raises, Python catches. */
    CHECK(krait_run_string(vm, "import fastmath\n"
                               "caught = []\n"
                               "for kind in ['ValueError', 'KeyError', 'ZeroDivisionError']:\n"
                               "    try:\n"
                               "        fastmath.fail(kind)\n"
                               "    except (ValueError, LookupError, ArithmeticError) as e:\n"
                               "        caught.append((type(e).__name__, str(e)))\n"
                               "try:\n"
                               "    fastmath.stats([])\n"
                               "except ValueError as e:\n"
                               "    caught.append(str(e))\n"
                               "try:\n"
                               "    fastmath.add(1, 'two')\n"
                               "except TypeError as e:\n"
                               "    caught.append(str(e))\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "caught"),
              "[('ValueError', 'raised in C as ValueError'), ('KeyError', \"'raised in C as KeyError'\"), "
              "('ZeroDivisionError', 'raised in C as ZeroDivisionError'), 'stats() of an empty sequence', "
              "\"'str' object cannot be interpreted as an integer\"]");

    /* A class defined in Python, raised from C by its dotted name. */
    CHECK(krait_run_string(vm, "class Custom(Exception):\n"
                               "    pass\n"
                               "try:\n"
                               "    fastmath.fail('__main__.Custom')\n"
                               "except Custom as e:\n"
                               "    custom = repr(e)\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "custom"), "\"Custom('raised in C as __main__.Custom')\"");

    /* Uncaught: the traceback shows the Python frames around the C call. */
    CHECK(krait_run_string(vm, "def outer():\n"
                               "    return fastmath.fail('IndexError')\n"
                               "outer()\n") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "IndexError: raised in C as IndexError");
    CHECK_STR(krait_error_traceback(vm), "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 3, in <module>\n"
                                         "  File \"<string>\", line 2, in outer\n"
                                         "IndexError: raised in C as IndexError\n");
    krait_error_clear(vm);

    /* Python raises inside a callback that C called; it passes through C
     * back to Python. */
    CHECK(krait_run_string(vm, "def bad(x):\n"
                               "    raise KeyError(x)\n"
                               "try:\n"
                               "    fastmath.apply(bad, 'k1')\n"
                               "except KeyError as e:\n"
                               "    through = ('caught', e.args)\n"
                               "ok = fastmath.apply(lambda a, b: a * b, 6, 7)\n"
                               "nested = fastmath.apply(fastmath.apply, fastmath.add, 1, 2)\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "through, ok, nested"), "(('caught', ('k1',)), 42, 3)");
    CHECK(krait_run_string(vm, "fastmath.apply(bad, 'k2')") == KRAIT_ERROR);
    CHECK_STR(krait_error_traceback(vm), "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 1, in <module>\n"
                                         "  File \"<string>\", line 2, in bad\n"
                                         "KeyError: 'k2'\n");
    krait_error_clear(vm);

    /* C handles the Python exception itself and returns normally. */
    CHECK_STR(eval_repr(vm, "fastmath.safe_apply(bad, 'k3'), fastmath.safe_apply(abs, -4)"),
              "(\"caught KeyError: 'k3'\", 4)");

    /* An exception raised in C while Python handles another gets it as
     * __context__. */
    CHECK(krait_run_string(vm, "try:\n"
                               "    try:\n"
                               "        1 / 0\n"
                               "    except ZeroDivisionError:\n"
                               "        fastmath.fail('ValueError')\n"
                               "except ValueError as e:\n"
                               "    ctx = type(e.__context__).__name__\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "ctx"), "'ZeroDivisionError'");

    /* Re-entering the VM from a C function. */
    CHECK(krait_run_string(vm, "def inner():\n"
                               "    fastmath.run('reentered = fastmath.evaluate(\"6 * 7\")')\n"
                               "    return reentered + 1\n"
                               "outer_result = inner()\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "outer_result, fastmath.evaluate('[1] * 2')"), "(43, [1, 1])");
    CHECK(krait_run_string(vm, "fastmath.run('raise KeyError(5)')") == KRAIT_ERROR);
    CHECK_STR(krait_error_traceback(vm), "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 1, in <module>\n"
                                         "  File \"<string>\", line 1, in <module>\n"
                                         "KeyError: 5\n");
    krait_error_clear(vm);

    /* Unbounded recursion through C ends in RecursionError, not a crash. */
    CHECK(krait_run_string(vm, "def down(n):\n"
                               "    return fastmath.apply(down, n + 1)\n"
                               "try:\n"
                               "    down(0)\n"
                               "except RecursionError as e:\n"
                               "    rec = str(e)\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "rec"), "'maximum recursion depth exceeded'");
    CHECK(krait_run_string(vm, "def deep(n):\n"
                               "    return n if n == 0 else fastmath.apply(deep, n - 1) + 1\n"
                               "depth = deep(300)\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "depth"), "300");

    /* Misuse of the API becomes SystemError, never a crash. */
    CHECK(krait_run_string(vm, "fastmath.broken()") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "SystemError: <built-in function broken> returned NULL without setting an exception");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "fastmath.leaky()") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "SystemError: <built-in function leaky> returned a result with an exception set");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "fastmath.add(1, x=2)") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: add() takes no keyword arguments");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "fastmath.greet(5)") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: greet() wants one str");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "fastmath.fail(3)") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: expected str, got int");
    krait_error_clear(vm);
}

static int64_t scale_factor = 10;

static int c_scale(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    int64_t x;
    if (argc != 1 || krait_to_int(vm, argv[0], &x) != KRAIT_OK)
        return krait_has_error(vm) ? KRAIT_ERROR : krait_raise(vm, "TypeError", "scale(x)");
    *result = krait_new_int(vm, x * *(int64_t *)userdata);
    return KRAIT_OK;
}

static void test_standalone_functions(krait_vm *vm)
{
    krait_value f = krait_new_function(vm, "scale", c_scale, &scale_factor);
    CHECK(!krait_is_null(f));
    CHECK(krait_set_global(vm, "scale", f) == KRAIT_OK);
    krait_release(vm, f);
    CHECK_STR(eval_repr(vm, "[scale(i) for i in range(4)]"), "[0, 10, 20, 30]");
    scale_factor = 3;
    CHECK_STR(eval_repr(vm, "scale(5), scale.__name__, scale.__module__, scale"),
              "(15, 'scale', None, <built-in function scale>)");
    /* Passed to Python code as a value and stored. */
    CHECK(krait_run_string(vm, "class Holder:\n"
                               "    def __init__(self, fn): self.fn = fn\n"
                               "    def run(self, x): return self.fn(x) + 1\n"
                               "h = Holder(scale)\n"
                               "del scale\n") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "h.run(2)"), "7");
    CHECK(krait_is_null(krait_new_function(vm, NULL, c_scale, NULL)));
    CHECK(krait_error_matches(vm, "SystemError"));
    krait_error_clear(vm);

    /* A module registered again replaces the old one. */
    static const krait_function_def defs[] = {{"scale", c_scale, "scale(x)"}, {NULL, NULL, NULL}};
    static int64_t two = 2;
    CHECK(krait_define_module(vm, "fastmath", defs, &two, NULL) == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "__import__('fastmath').scale(21), hasattr(__import__('fastmath'), 'add')"),
              "(42, False)");
    CHECK_STR(eval_repr(vm, "fastmath.add(1, 1)"), "2");
}

int main(void)
{
    krait_vm *vm = krait_vm_new();
    CHECK(vm != NULL);
    if (!vm)
        return check_summary();
    Counter counter = {0, 0};
    test_module(vm, &counter);
    test_exceptions_both_ways(vm);
    test_standalone_functions(vm);
    CHECK(!krait_has_error(vm));
    krait_vm_free(vm);
    return check_summary();
}
