/* Embedding through include/krait.h: running code, values both ways,
 * calling Python from C, and reading exceptions. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "krait.h"

/* The text of a str value (NULL when v is not one). */
static const char *text_of(krait_vm *vm, krait_value v)
{
    const char *s;
    return krait_to_str(vm, v, &s, NULL) == KRAIT_OK ? s : NULL;
}

/* repr(v) into a static buffer, for comparisons. */
static const char *repr_of(krait_vm *vm, krait_value v)
{
    static char buf[512];
    krait_value r;
    if (krait_repr(vm, v, &r) != KRAIT_OK)
        return NULL;
    const char *s = text_of(vm, r);
    snprintf(buf, sizeof buf, "%s", s ? s : "(not a str)");
    krait_release(vm, r);
    return buf;
}

static const char *eval_repr(krait_vm *vm, const char *expr)
{
    krait_value v;
    if (krait_eval(vm, expr, &v) != KRAIT_OK)
        return NULL;
    const char *r = repr_of(vm, v);
    krait_release(vm, v);
    return r;
}

static void test_run_and_globals(krait_vm *vm)
{
    CHECK(krait_run_string(vm, "x = 6\ndef mul(a, b):\n    return a * b\n") == KRAIT_OK);
    CHECK(krait_run_string(vm, "y = mul(x, 7)") == KRAIT_OK);
    krait_value y;
    int64_t i = 0;
    CHECK(krait_get_global(vm, "y", &y) == KRAIT_OK);
    CHECK(krait_to_int(vm, y, &i) == KRAIT_OK && i == 42);
    krait_release(vm, y);

    krait_value v = krait_new_str(vm, "from C");
    CHECK(krait_set_global(vm, "greeting", v) == KRAIT_OK);
    krait_release(vm, v);
    CHECK_STR(eval_repr(vm, "greeting.upper() + '!'"), "'FROM C!'");
    CHECK_STR(eval_repr(vm, "[k for k in ('x', 'y', 'nope') if k in globals()]"), "['x', 'y']");
    CHECK_STR(eval_repr(vm, "__name__"), "'__main__'");
    CHECK_STR(eval_repr(vm, "__import__('sys').modules['__main__'].x"), "6");

    /* A missing global is a NameError, like in Python. */
    krait_value missing = krait_new_int(vm, 1);
    CHECK(krait_get_global(vm, "no_such_name", &missing) == KRAIT_ERROR);
    CHECK(krait_is_null(missing));
    CHECK_STR(krait_error_text(vm), "NameError: name 'no_such_name' is not defined");
    krait_error_clear(vm);

    CHECK(krait_run_string(vm, "print('stdout works from an embedded VM')") == KRAIT_OK);
    const char *args[] = {"prog", "-v", "h\xc3\xa9"};
    CHECK(krait_set_argv(vm, 3, args) == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "__import__('sys').argv"), "['prog', '-v', 'hé']");
    CHECK_STR(krait_version(), "0.1");
}

static void test_ints_and_floats(krait_vm *vm)
{
    static const int64_t samples[] = {0, 1, -1, 42, (INT64_C(1) << 47) - 1, INT64_C(1) << 47, -(INT64_C(1) << 47) - 1,
                                      INT64_MAX, INT64_MIN};
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
        krait_value v = krait_new_int(vm, samples[k]);
        CHECK(krait_kind_of(vm, v) == KRAIT_KIND_INT);
        CHECK(krait_set_global(vm, "n", v) == KRAIT_OK);
        krait_value back;
        int64_t i = 12345;
        CHECK(krait_eval(vm, "n - 1 + 1", &back) == KRAIT_OK);
        CHECK(krait_to_int(vm, back, &i) == KRAIT_OK && i == samples[k]);
        char want[32];
        snprintf(want, sizeof want, "%lld", (long long)samples[k]);
        CHECK_STR(repr_of(vm, back), want);
        krait_release(vm, back);
        krait_release(vm, v);
    }
    krait_value big;
    int64_t i = 7;
    CHECK(krait_eval(vm, "2 ** 70", &big) == KRAIT_OK);
    CHECK(krait_to_int(vm, big, &i) == KRAIT_ERROR);
    CHECK(krait_error_matches(vm, "OverflowError"));
    krait_error_clear(vm);
    double d = 0;
    CHECK(krait_to_float(vm, big, &d) == KRAIT_OK && d == 1180591620717411303424.0);
    krait_release(vm, big);

    krait_value t = krait_bool(1);
    CHECK(krait_kind_of(vm, t) == KRAIT_KIND_BOOL);
    CHECK(krait_to_int(vm, t, &i) == KRAIT_OK && i == 1);
    CHECK_STR(repr_of(vm, t), "True");
    krait_value none = krait_none();
    CHECK(krait_kind_of(vm, none) == KRAIT_KIND_NONE);
    CHECK_STR(repr_of(vm, none), "None");

    static const double floats[] = {0.0, -0.0, 0.1, 1e300, -2.5, 1.0 / 3};
    for (size_t k = 0; k < sizeof floats / sizeof *floats; k++) {
        krait_value v = krait_new_float(vm, floats[k]);
        CHECK(krait_kind_of(vm, v) == KRAIT_KIND_FLOAT);
        CHECK(krait_set_global(vm, "f", v) == KRAIT_OK);
        krait_value back;
        CHECK(krait_eval(vm, "f * 1.0", &back) == KRAIT_OK);
        CHECK(krait_to_float(vm, back, &d) == KRAIT_OK && d == floats[k] && signbit(d) == signbit(floats[k]));
        krait_release(vm, back);
        krait_release(vm, v);
    }
    CHECK_STR(eval_repr(vm, "f"), "0.3333333333333333");
    krait_value inf = krait_new_float(vm, INFINITY);
    CHECK_STR(repr_of(vm, inf), "inf");
    krait_release(vm, inf);
    /* An int reads as a float; a str does not. */
    krait_value seven = krait_new_int(vm, 7);
    CHECK(krait_to_float(vm, seven, &d) == KRAIT_OK && d == 7.0);
    krait_release(vm, seven);
    krait_value s = krait_new_str(vm, "1.5");
    CHECK(krait_to_float(vm, s, &d) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: must be real number, not str");
    krait_error_clear(vm);
    CHECK(krait_to_int(vm, s, &i) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: 'str' object cannot be interpreted as an integer");
    krait_error_clear(vm);
    int truth = -1;
    CHECK(krait_to_bool(vm, s, &truth) == KRAIT_OK && truth == 1);
    krait_release(vm, s);
}

static void test_strings(krait_vm *vm)
{
    const char *samples[] = {"", "plain ascii", "caf\xc3\xa9", "\xe2\x82\xac 20", "clef \xf0\x9d\x84\x9e"};
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
        krait_value v = krait_new_str(vm, samples[k]);
        CHECK(krait_kind_of(vm, v) == KRAIT_KIND_STR);
        CHECK(krait_set_global(vm, "s", v) == KRAIT_OK);
        krait_value back;
        CHECK(krait_eval(vm, "''.join(reversed(s))[::-1]", &back) == KRAIT_OK);
        size_t len = 99;
        const char *u = NULL;
        CHECK(krait_to_str(vm, back, &u, &len) == KRAIT_OK);
        CHECK_STR(u, samples[k]);
        CHECK(len == strlen(samples[k]));
        krait_release(vm, back);
        krait_release(vm, v);
    }
    CHECK_STR(eval_repr(vm, "len(s), ord(s[-1])"), "(6, 119070)");

    /* Embedded NUL characters survive with the length-counted forms. */
    krait_value nul = krait_new_strn(vm, "a\0b", 3);
    size_t len = 0;
    const char *u;
    CHECK(krait_to_str(vm, nul, &u, &len) == KRAIT_OK && len == 3 && memcmp(u, "a\0b", 3) == 0);
    CHECK(krait_len(vm, nul, &len) == KRAIT_OK && len == 3);
    CHECK_STR(repr_of(vm, nul), "'a\\x00b'");
    krait_release(vm, nul);

    krait_value bad = krait_new_str(vm, "bad \xff byte");
    CHECK(krait_is_null(bad));
    CHECK(krait_error_matches(vm, "UnicodeDecodeError"));
    CHECK(krait_error_matches(vm, "ValueError"));
    krait_error_clear(vm);

    krait_value ten = krait_new_int(vm, 10);
    CHECK(krait_to_str(vm, ten, &u, NULL) == KRAIT_ERROR && u == NULL);
    CHECK_STR(krait_error_text(vm), "TypeError: expected str, got int");
    krait_error_clear(vm);
    krait_value s;
    CHECK(krait_str(vm, ten, &s) == KRAIT_OK);
    CHECK_STR(text_of(vm, s), "10");
    krait_release(vm, s);
    krait_release(vm, ten);

    krait_value b = krait_new_bytes(vm, "\x00\x01hi", 4);
    CHECK(krait_kind_of(vm, b) == KRAIT_KIND_BYTES);
    CHECK_STR(repr_of(vm, b), "b'\\x00\\x01hi'");
    const void *data;
    CHECK(krait_to_bytes(vm, b, &data, &len) == KRAIT_OK && len == 4 && memcmp(data, "\x00\x01hi", 4) == 0);
    krait_release(vm, b);
}

static void test_lists_and_tuples(krait_vm *vm)
{
    krait_value list = krait_new_list(vm);
    CHECK(krait_kind_of(vm, list) == KRAIT_KIND_LIST);
    for (int k = 1; k <= 4; k++) {
        krait_value v = krait_new_int(vm, k * k);
        CHECK(krait_list_append(vm, list, v) == KRAIT_OK);
        krait_release(vm, v);
    }
    krait_value word = krait_new_str(vm, "five");
    CHECK(krait_list_append(vm, list, word) == KRAIT_OK);
    CHECK(krait_list_set(vm, list, 0, word) == KRAIT_OK);
    krait_release(vm, word);
    CHECK_STR(repr_of(vm, list), "['five', 4, 9, 16, 'five']");
    CHECK(krait_set_global(vm, "lst", list) == KRAIT_OK);
    CHECK(krait_run_string(vm, "lst.append(sum(x for x in lst if isinstance(x, int)))") == KRAIT_OK);
    size_t len = 0;
    CHECK(krait_len(vm, list, &len) == KRAIT_OK && len == 6);
    krait_value last;
    int64_t i = 0;
    CHECK(krait_list_get(vm, list, 5, &last) == KRAIT_OK);
    CHECK(krait_to_int(vm, last, &i) == KRAIT_OK && i == 29);
    krait_release(vm, last);
    CHECK(krait_list_get(vm, list, 6, &last) == KRAIT_ERROR && krait_is_null(last));
    CHECK_STR(krait_error_text(vm), "IndexError: list index out of range");
    krait_error_clear(vm);
    CHECK(krait_list_set(vm, list, 6, list) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "IndexError: list assignment index out of range");
    krait_error_clear(vm);
    krait_release(vm, list);

    /* A list made by Python, read from C. */
    krait_value squares;
    CHECK(krait_eval(vm, "[n * n for n in range(5)]", &squares) == KRAIT_OK);
    CHECK(krait_len(vm, squares, &len) == KRAIT_OK && len == 5);
    int64_t sum = 0;
    for (size_t k = 0; k < len; k++) {
        krait_value item;
        CHECK(krait_list_get(vm, squares, k, &item) == KRAIT_OK);
        CHECK(krait_to_int(vm, item, &i) == KRAIT_OK);
        sum += i;
        krait_release(vm, item);
    }
    CHECK(sum == 30);
    krait_value zero = krait_new_int(vm, 0);
    CHECK(krait_list_append(vm, zero, squares) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: krait_list_append: expected list, got int");
    krait_error_clear(vm);
    krait_release(vm, zero);
    krait_release(vm, squares);

    krait_value items[3] = {krait_new_int(vm, 1), krait_new_str(vm, "two"), krait_none()};
    krait_value tuple = krait_new_tuple(vm, 3, items);
    for (int k = 0; k < 3; k++)
        krait_release(vm, items[k]);
    CHECK(krait_kind_of(vm, tuple) == KRAIT_KIND_TUPLE);
    CHECK_STR(repr_of(vm, tuple), "(1, 'two', None)");
    krait_value second;
    CHECK(krait_list_get(vm, tuple, 1, &second) == KRAIT_OK);
    CHECK_STR(text_of(vm, second), "two");
    krait_release(vm, second);
    CHECK(krait_list_get(vm, tuple, 3, &second) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "IndexError: tuple index out of range");
    krait_error_clear(vm);
    krait_release(vm, tuple);
    krait_value empty = krait_new_tuple(vm, 0, NULL);
    CHECK_STR(repr_of(vm, empty), "()");
    krait_release(vm, empty);
}

static void test_dicts(krait_vm *vm)
{
    krait_value d = krait_new_dict(vm);
    CHECK(krait_kind_of(vm, d) == KRAIT_KIND_DICT);
    krait_value one = krait_new_int(vm, 1), pi = krait_new_float(vm, 3.25);
    CHECK(krait_dict_set_str(vm, d, "one", one) == KRAIT_OK);
    CHECK(krait_dict_set(vm, d, one, pi) == KRAIT_OK);
    krait_value inner = krait_new_list(vm);
    CHECK(krait_dict_set_str(vm, d, "list", inner) == KRAIT_OK);
    krait_release(vm, inner);
    CHECK_STR(repr_of(vm, d), "{'one': 1, 1: 3.25, 'list': []}");
    CHECK(krait_set_global(vm, "cfg", d) == KRAIT_OK);
    CHECK(krait_run_string(vm, "cfg['list'].append(cfg['one'] + cfg[1])\ncfg['new'] = 'from python'") == KRAIT_OK);
    krait_value v;
    CHECK(krait_dict_get_str(vm, d, "new", &v) == KRAIT_OK);
    CHECK_STR(text_of(vm, v), "from python");
    krait_release(vm, v);
    CHECK(krait_dict_get(vm, d, pi, &v) == KRAIT_MISSING && krait_is_null(v) && !krait_has_error(vm));
    CHECK(krait_dict_get_str(vm, d, "nope", &v) == KRAIT_MISSING && !krait_has_error(vm));
    /* Unhashable keys are an error, not a miss. */
    krait_value l = krait_new_list(vm);
    CHECK(krait_dict_get(vm, d, l, &v) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: unhashable type: 'list'");
    krait_error_clear(vm);
    CHECK(krait_dict_set(vm, d, l, one) == KRAIT_ERROR);
    krait_error_clear(vm);
    krait_release(vm, l);

    /* Walking in insertion order. */
    size_t pos = 0;
    krait_value key, value;
    char seen[256] = "";
    while (krait_dict_next(vm, d, &pos, &key, &value) == KRAIT_OK) {
        const char *kr = repr_of(vm, key);
        strncat(seen, kr ? kr : "?", sizeof seen - strlen(seen) - 1);
        strncat(seen, "=", sizeof seen - strlen(seen) - 1);
        const char *vr = repr_of(vm, value);
        strncat(seen, vr ? vr : "?", sizeof seen - strlen(seen) - 1);
        strncat(seen, ";", sizeof seen - strlen(seen) - 1);
        krait_release(vm, key);
        krait_release(vm, value);
    }
    CHECK(!krait_has_error(vm));
    CHECK_STR(seen, "'one'=1;1=3.25;'list'=[4.25];'new'='from python';");
    krait_release(vm, one);
    krait_release(vm, pi);
    krait_release(vm, d);

    /* Generic item and attribute access. */
    krait_value counts;
    CHECK(krait_eval(vm, "{'a': 1, 'b': 2}", &counts) == KRAIT_OK);
    krait_value a = krait_new_str(vm, "a"), z = krait_new_str(vm, "z");
    CHECK(krait_getitem(vm, counts, a, &v) == KRAIT_OK);
    CHECK_STR(repr_of(vm, v), "1");
    CHECK(krait_setitem(vm, counts, z, v) == KRAIT_OK);
    krait_release(vm, v);
    CHECK(krait_getitem(vm, counts, counts, &v) == KRAIT_ERROR);
    krait_error_clear(vm);
    krait_value k2 = krait_new_str(vm, "q");
    CHECK(krait_getitem(vm, counts, k2, &v) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "KeyError: 'q'");
    krait_error_clear(vm);
    CHECK_STR(repr_of(vm, counts), "{'a': 1, 'b': 2, 'z': 1}");
    krait_value keys;
    CHECK(krait_getattr(vm, counts, "keys", &keys) == KRAIT_OK);
    krait_value view;
    CHECK(krait_call(vm, keys, 0, NULL, &view) == KRAIT_OK);
    CHECK_STR(repr_of(vm, view), "dict_keys(['a', 'b', 'z'])");
    krait_release(vm, view);
    krait_release(vm, keys);
    CHECK(krait_getattr(vm, counts, "nothing", &v) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AttributeError: 'dict' object has no attribute 'nothing'");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "class Box: pass\nbox = Box()") == KRAIT_OK);
    krait_value box;
    CHECK(krait_get_global(vm, "box", &box) == KRAIT_OK);
    CHECK(krait_kind_of(vm, box) == KRAIT_KIND_OTHER);
    CHECK(krait_setattr(vm, box, "content", counts) == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "box.content['b']"), "2");
    krait_release(vm, box);
    krait_release(vm, k2);
    krait_release(vm, a);
    krait_release(vm, z);
    krait_release(vm, counts);
}

static void test_calls(krait_vm *vm)
{
    CHECK(krait_run_string(vm, "def describe(a, b=2, *rest, sep='-', **kw):\n"
                               "    return sep.join(map(str, (a, b) + rest)) + ('|' + repr(sorted(kw.items())) if kw else '')\n") ==
          KRAIT_OK);
    krait_value fn;
    CHECK(krait_get_global(vm, "describe", &fn) == KRAIT_OK);
    krait_value args[4] = {krait_new_int(vm, 1), krait_new_str(vm, "x"), krait_new_float(vm, 2.5), krait_none()};
    krait_value r;
    CHECK(krait_call(vm, fn, 1, args, &r) == KRAIT_OK);
    CHECK_STR(text_of(vm, r), "1-2");
    krait_release(vm, r);
    CHECK(krait_call(vm, fn, 4, args, &r) == KRAIT_OK);
    CHECK_STR(text_of(vm, r), "1-x-2.5-None");
    krait_release(vm, r);

    krait_value kw = krait_new_dict(vm), sep = krait_new_str(vm, "+");
    krait_dict_set_str(vm, kw, "sep", sep);
    krait_dict_set_str(vm, kw, "extra", args[0]);
    CHECK(krait_call_kw(vm, fn, 2, args, kw, &r) == KRAIT_OK);
    CHECK_STR(text_of(vm, r), "1+x|[('extra', 1)]");
    krait_release(vm, r);
    CHECK(krait_call_kw(vm, fn, 0, NULL, kw, &r) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: describe() missing 1 required positional argument: 'a'");
    krait_error_clear(vm);
    CHECK(krait_call_kw(vm, fn, 1, args, sep, &r) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: krait_call_kw: kwargs must be a dict, not str");
    krait_error_clear(vm);
    krait_release(vm, kw);
    krait_release(vm, sep);

    /* Many arguments (past the small-array path). */
    krait_value many[12];
    for (int k = 0; k < 12; k++)
        many[k] = krait_new_int(vm, k);
    CHECK(krait_call(vm, fn, 12, many, &r) == KRAIT_OK);
    CHECK_STR(text_of(vm, r), "0-1-2-3-4-5-6-7-8-9-10-11");
    krait_release(vm, r);
    for (int k = 0; k < 12; k++)
        krait_release(vm, many[k]);

    /* A null argument is refused with SystemError. */
    krait_value holes[2] = {args[0], KRAIT_NULL};
    CHECK(krait_call(vm, fn, 2, holes, &r) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "SystemError: krait_call: argument is KRAIT_NULL");
    krait_error_clear(vm);
    CHECK(krait_call(vm, args[0], 0, NULL, &r) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: 'int' object is not callable");
    krait_error_clear(vm);

    CHECK(krait_call_method(vm, args[1], "upper", 0, NULL, &r) == KRAIT_OK);
    CHECK_STR(text_of(vm, r), "X");
    krait_release(vm, r);
    CHECK(krait_call_method(vm, args[1], "center", 2, (krait_value[]){krait_new_int(vm, 5), args[1]}, &r) ==
          KRAIT_OK);
    CHECK_STR(text_of(vm, r), "xxxxx");
    krait_release(vm, r);
    CHECK(krait_call_method(vm, args[1], "nope", 0, NULL, &r) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AttributeError: 'str' object has no attribute 'nope'");
    krait_error_clear(vm);
    for (int k = 0; k < 4; k++)
        krait_release(vm, args[k]);
    krait_release(vm, fn);

    /* Calling a builtin and a lambda made by eval. */
    krait_value lam;
    CHECK(krait_eval(vm, "lambda *a: max(a) if a else None", &lam) == KRAIT_OK);
    CHECK(krait_call(vm, lam, 0, NULL, &r) == KRAIT_OK && krait_kind_of(vm, r) == KRAIT_KIND_NONE);
    CHECK(krait_is(r, krait_none()));
    krait_release(vm, r);
    krait_release(vm, lam);

    /* A NULL out-parameter drops the result. */
    CHECK(krait_run_string(vm, "dropped = []") == KRAIT_OK);
    krait_value appender;
    CHECK(krait_eval(vm, "dropped.append", &appender) == KRAIT_OK);
    krait_value item = krait_new_str(vm, "kept by the list");
    CHECK(krait_call(vm, appender, 1, &item, NULL) == KRAIT_OK);
    CHECK(krait_eval(vm, "dropped.append(len(dropped))", NULL) == KRAIT_OK);
    CHECK(krait_call(vm, appender, 0, NULL, NULL) == KRAIT_ERROR);
    krait_error_clear(vm);
    CHECK_STR(eval_repr(vm, "dropped"), "['kept by the list', 1]");
    krait_release(vm, item);
    krait_release(vm, appender);

    /* krait_dup gives a second reference to the same object. */
    krait_value l1 = krait_new_list(vm);
    krait_value l2 = krait_dup(vm, l1);
    CHECK(krait_is(l1, l2));
    krait_release(vm, l1);
    CHECK(krait_list_append(vm, l2, l2) == KRAIT_OK);
    CHECK_STR(repr_of(vm, l2), "[[...]]");
    CHECK(krait_list_set(vm, l2, 0, krait_none()) == KRAIT_OK);
    krait_release(vm, l2);
    krait_release(vm, KRAIT_NULL);
    krait_value zeroed = {0};
    CHECK(krait_is_null(zeroed) && krait_kind_of(vm, zeroed) == KRAIT_KIND_NULL);
}

static void test_exceptions(krait_vm *vm)
{
    CHECK(!krait_has_error(vm));
    CHECK(krait_error_text(vm) == NULL && krait_error_traceback(vm) == NULL);
    CHECK(krait_is_null(krait_error_fetch(vm)));
    CHECK(krait_run_string(vm, "1 / 0") == KRAIT_ERROR);
    CHECK(krait_has_error(vm));
    CHECK_STR(krait_error_text(vm), "ZeroDivisionError: division by zero");
    CHECK_STR(krait_error_traceback(vm), "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 1, in <module>\n"
                                         "ZeroDivisionError: division by zero\n");
    CHECK(krait_error_matches(vm, "ZeroDivisionError"));
    CHECK(krait_error_matches(vm, "ArithmeticError"));
    CHECK(krait_error_matches(vm, "Exception"));
    CHECK(!krait_error_matches(vm, "KeyError"));
    CHECK(!krait_error_matches(vm, "NoSuchClass"));
    CHECK(!krait_error_matches(vm, "len"));
    /* Rule 4: nothing runs while the exception is pending. */
    CHECK(krait_run_string(vm, "ran = True") == KRAIT_ERROR);
    CHECK(krait_is_null(krait_new_int(vm, 5)));
    CHECK_STR(krait_error_text(vm), "ZeroDivisionError: division by zero");
    krait_value exc = krait_error_fetch(vm);
    CHECK(!krait_has_error(vm));
    CHECK(krait_kind_of(vm, exc) == KRAIT_KIND_OTHER);
    krait_value args;
    CHECK(krait_getattr(vm, exc, "args", &args) == KRAIT_OK);
    CHECK_STR(repr_of(vm, args), "('division by zero',)");
    krait_release(vm, args);
    CHECK(krait_run_string(vm, "ran = 'ran' in globals()") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "ran"), "False");
    /* Raised again from C, it is the same object. */
    CHECK(krait_raise_value(vm, exc) == KRAIT_ERROR);
    krait_value again = krait_error_fetch(vm);
    CHECK(krait_is(exc, again));
    krait_release(vm, again);
    krait_release(vm, exc);

    /* Chained exceptions and classes of __main__ and of modules. */
    CHECK(krait_run_string(vm, "class AppError(Exception):\n"
                               "    pass\n"
                               "def load(key):\n"
                               "    try:\n"
                               "        return {}[key]\n"
                               "    except KeyError as e:\n"
                               "        raise AppError(f'cannot load {key}') from e\n") == KRAIT_OK);
    CHECK(krait_run_string(vm, "load('cfg')") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AppError: cannot load cfg");
    CHECK(krait_error_matches(vm, "__main__.AppError"));
    CHECK(krait_error_matches(vm, "Exception"));
    CHECK_STR(krait_error_traceback(vm), "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 5, in load\n"
                                         "KeyError: 'cfg'\n"
                                         "\n"
                                         "The above exception was the direct cause of the following exception:\n"
                                         "\n"
                                         "Traceback (most recent call last):\n"
                                         "  File \"<string>\", line 1, in <module>\n"
                                         "  File \"<string>\", line 7, in load\n"
                                         "AppError: cannot load cfg\n");
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "import sys\nraise sys.modules['__main__'].AppError()") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AppError");
    krait_error_clear(vm);

    /* SyntaxError from source text, and SystemExit is just an exception. */
    CHECK(krait_run_string(vm, "x = = 1") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "SyntaxError: invalid syntax (<string>, line 1)");
    krait_error_clear(vm);
    krait_value r;
    CHECK(krait_eval(vm, "x = 1", &r) == KRAIT_ERROR && krait_is_null(r));
    CHECK(krait_error_matches(vm, "SyntaxError"));
    krait_error_clear(vm);
    CHECK(krait_run_string(vm, "raise SystemExit(3)") == KRAIT_ERROR);
    CHECK(krait_error_matches(vm, "SystemExit"));
    CHECK_STR(krait_error_text(vm), "SystemExit: 3");
    krait_error_clear(vm);

    /* Raising from C with a formatted message. */
    CHECK(krait_raise(vm, "ValueError", "bad value %d in %s", 7, "slot") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "ValueError: bad value 7 in slot");
    krait_error_clear(vm);
    char longmsg[600];
    memset(longmsg, 'z', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = '\0';
    CHECK(krait_raise(vm, "KeyError", "%s", longmsg) == KRAIT_ERROR);
    const char *t = krait_error_text(vm);
    CHECK(t && strlen(t) == strlen("KeyError: ''") + 599);
    krait_error_clear(vm);
    CHECK(krait_raise(vm, "__main__.AppError", "from C") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AppError: from C");
    krait_error_clear(vm);
    CHECK(krait_raise(vm, "len", "not a class") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: krait_raise: len is not an exception class");
    krait_error_clear(vm);
    CHECK(krait_raise(vm, "NoSuchError", "x") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "AttributeError: module 'builtins' has no attribute 'NoSuchError'");
    krait_error_clear(vm);
    CHECK(krait_raise(vm, "nomodule.Error", "x") == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "ImportError: krait: no module 'nomodule' in sys.modules");
    krait_error_clear(vm);
    krait_value notexc = krait_new_int(vm, 3);
    CHECK(krait_raise_value(vm, notexc) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "TypeError: exceptions must derive from BaseException");
    krait_error_clear(vm);
    krait_release(vm, notexc);

    /* krait_error_print goes through sys.stderr; catch it there. */
    CHECK(krait_run_string(vm, "import sys\n"
                               "class Grab:\n"
                               "    def __init__(self): self.parts = []\n"
                               "    def write(self, s): self.parts.append(s)\n"
                               "    def flush(self): pass\n"
                               "saved, sys.stderr = sys.stderr, Grab()\n") == KRAIT_OK);
    CHECK(krait_run_string(vm, "raise KeyError('printed')") == KRAIT_ERROR);
    krait_error_print(vm);
    CHECK(!krait_has_error(vm));
    CHECK(krait_run_string(vm, "grabbed, sys.stderr = ''.join(sys.stderr.parts), saved") == KRAIT_OK);
    CHECK_STR(eval_repr(vm, "grabbed"), "'Traceback (most recent call last):\\n  File \"<string>\", line 1, in "
                                        "<module>\\nKeyError: \\'printed\\'\\n'");
    CHECK_STR(eval_repr(vm, "sys.last_value.args"), "('printed',)");
}

static void test_files_and_imports(krait_vm *vm)
{
    const char *dir = KRAIT_TEST_DATA;
    char path[1024];
    CHECK(krait_add_path(vm, dir) == KRAIT_OK);
    krait_value first;
    CHECK(krait_eval(vm, "__import__('sys').path[0]", &first) == KRAIT_OK);
    CHECK_STR(text_of(vm, first), dir);
    krait_release(vm, first);
    snprintf(path, sizeof path, "%s/script.py", dir);
    CHECK(krait_run_file(vm, path) == KRAIT_OK);
    krait_value v;
    CHECK(krait_get_global(vm, "loaded_from", &v) == KRAIT_OK);
    CHECK_STR(text_of(vm, v), path);
    krait_release(vm, v);
    CHECK_STR(eval_repr(vm, "total"), "42");
    krait_value area;
    CHECK(krait_get_global(vm, "area", &area) == KRAIT_OK);
    krait_value args[2] = {krait_new_int(vm, 3), krait_new_int(vm, 4)};
    krait_value kw = krait_new_dict(vm);
    krait_dict_set_str(vm, kw, "scale", args[0]);
    CHECK(krait_call_kw(vm, area, 2, args, kw, &v) == KRAIT_OK);
    CHECK_STR(repr_of(vm, v), "36");
    krait_release(vm, v);
    krait_release(vm, kw);
    krait_release(vm, area);

    /* import, and an exception from a module file with its source lines. */
    krait_value mod;
    CHECK(krait_import(vm, "helper_mod", &mod) == KRAIT_OK);
    krait_value triple, fail;
    CHECK(krait_getattr(vm, mod, "triple", &triple) == KRAIT_OK);
    CHECK(krait_call(vm, triple, 1, args, &v) == KRAIT_OK);
    CHECK_STR(repr_of(vm, v), "9");
    krait_release(vm, v);
    CHECK(krait_getattr(vm, mod, "fail", &fail) == KRAIT_OK);
    krait_value msg = krait_new_str(vm, "boom");
    CHECK(krait_call(vm, fail, 1, &msg, &v) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "ValueError: boom");
    char want[2048];
    snprintf(want, sizeof want,
             "Traceback (most recent call last):\n"
             "  File \"%s/helper_mod.py\", line 6, in fail\n"
             "    raise ValueError(msg)\n"
             "ValueError: boom\n",
             dir);
    CHECK_STR(krait_error_traceback(vm), want);
    krait_error_clear(vm);
    krait_release(vm, msg);
    krait_release(vm, fail);
    krait_release(vm, triple);
    krait_release(vm, mod);
    krait_release(vm, args[0]);
    krait_release(vm, args[1]);

    /* A dotted name gives the submodule, not the package. */
    CHECK(krait_import(vm, "cpkg.leaf", &mod) == KRAIT_OK);
    CHECK(krait_getattr(vm, mod, "NAME", &v) == KRAIT_OK);
    CHECK_STR(text_of(vm, v), "leaf");
    krait_release(vm, v);
    krait_release(vm, mod);
    CHECK_STR(eval_repr(vm, "__import__('sys').modules['cpkg'].leaf.NAME"), "'leaf'");
    CHECK(krait_import(vm, "no_such_module_here", &mod) == KRAIT_ERROR && krait_is_null(mod));
    CHECK_STR(krait_error_text(vm), "ModuleNotFoundError: No module named 'no_such_module_here'");
    krait_error_clear(vm);
    CHECK(krait_run_file(vm, "/nonexistent/dir/prog.py") == KRAIT_ERROR);
    CHECK(krait_error_matches(vm, "FileNotFoundError"));
    CHECK_STR(krait_error_text(vm), "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/dir/prog.py'");
    krait_error_clear(vm);
    snprintf(path, sizeof path, "%s/bad_syntax.py", dir);
    CHECK(krait_run_file(vm, path) == KRAIT_ERROR);
    CHECK_STR(krait_error_text(vm), "SyntaxError: invalid syntax (bad_syntax.py, line 2)");
    krait_error_clear(vm);
}

int main(void)
{
    krait_vm *vm = krait_vm_new();
    CHECK(vm != NULL);
    if (!vm)
        return check_summary();
    test_run_and_globals(vm);
    test_ints_and_floats(vm);
    test_strings(vm);
    test_lists_and_tuples(vm);
    test_dicts(vm);
    test_calls(vm);
    test_exceptions(vm);
    test_files_and_imports(vm);
    CHECK(!krait_has_error(vm));
    if (krait_has_error(vm))
        printf("pending: %s\n", krait_error_traceback(vm));
    krait_vm_free(vm);
    krait_vm_free(NULL);
    return check_summary();
}
