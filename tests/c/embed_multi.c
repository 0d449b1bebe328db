/* Several VMs in one process: each has its own globals, modules,
 * sys.modules, builtins and pending exception; VMs are created and
 * destroyed in a loop; two VMs run at once on two threads. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "krait.h"

static const char *eval_repr(krait_vm *vm, const char *expr)
{
    static char buf[1024];
    krait_value v, r;
    if (krait_eval(vm, expr, &v) != KRAIT_OK) {
        snprintf(buf, sizeof buf, "<error %s>", krait_error_text(vm));
        krait_error_clear(vm);
        return buf;
    }
    int st = krait_repr(vm, v, &r);
    krait_release(vm, v);
    const char *s = NULL;
    if (st == KRAIT_OK && krait_to_str(vm, r, &s, NULL) == KRAIT_OK)
        snprintf(buf, sizeof buf, "%s", s);
    else
        snprintf(buf, sizeof buf, "<repr failed>");
    krait_release(vm, r);
    krait_error_clear(vm);
    return buf;
}

/* tag() returns the VM's name given as userdata. */
static int c_tag(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    (void)argc, (void)argv;
    *result = krait_new_str(vm, userdata);
    return KRAIT_OK;
}

static const krait_function_def tag_defs[] = {{"tag", c_tag, NULL}, {NULL, NULL, NULL}};

static void test_two_vms(void)
{
    krait_vm *a = krait_vm_new(), *b = krait_vm_new();
    CHECK(a && b && a != b);
    if (!a || !b)
        return;

    /* Globals. */
    CHECK(krait_run_string(a, "x = 'a'\ndef who(): return x") == KRAIT_OK);
    CHECK(krait_run_string(b, "x = 'b'") == KRAIT_OK);
    CHECK_STR(eval_repr(a, "x, who()"), "('a', 'a')");
    CHECK_STR(eval_repr(b, "x"), "'b'");
    CHECK_STR(eval_repr(b, "who()"), "<error NameError: name 'who' is not defined>");

    /* C modules: registered in one VM only. */
    CHECK(krait_define_module(a, "tagger", tag_defs, "vm-a", NULL) == KRAIT_OK);
    CHECK_STR(eval_repr(a, "__import__('tagger').tag()"), "'vm-a'");
    CHECK_STR(eval_repr(b, "__import__('tagger')"), "<error ModuleNotFoundError: No module named 'tagger'>");
    CHECK(krait_define_module(b, "tagger", tag_defs, "vm-b", NULL) == KRAIT_OK);
    CHECK_STR(eval_repr(b, "__import__('tagger').tag()"), "'vm-b'");
    CHECK_STR(eval_repr(a, "__import__('tagger').tag()"), "'vm-a'");

    /* sys.modules, sys.path and sys itself. */
    CHECK(krait_run_string(a, "import sys\nsys.modules['planted'] = 'only in a'\nsys.path.append('/only/a')\n"
                              "sys.marker = 1") == KRAIT_OK);
    CHECK(krait_run_string(b, "import sys") == KRAIT_OK);
    CHECK_STR(eval_repr(a, "sys.modules.get('planted'), sys.path[-1], hasattr(sys, 'marker')"),
              "('only in a', '/only/a', True)");
    CHECK_STR(eval_repr(b, "sys.modules.get('planted'), '/only/a' in sys.path, hasattr(sys, 'marker')"),
              "(None, False, False)");
    CHECK_STR(eval_repr(b, "sys.modules['sys'] is sys"), "True");

    /* Python modules imported in each are separate objects with separate
     * state. */
    CHECK(krait_add_path(a, KRAIT_TEST_DATA) == KRAIT_OK);
    CHECK(krait_add_path(b, KRAIT_TEST_DATA) == KRAIT_OK);
    CHECK(krait_run_string(a, "import helper_mod\nhelper_mod.state = 'set in a'") == KRAIT_OK);
    CHECK(krait_run_string(b, "import helper_mod") == KRAIT_OK);
    CHECK_STR(eval_repr(a, "helper_mod.state"), "'set in a'");
    CHECK_STR(eval_repr(b, "hasattr(helper_mod, 'state'), helper_mod.triple(5)"), "(False, 15)");

    /* Builtins and built-in types belong to each VM. */
    CHECK(krait_run_string(a, "import builtins\nbuiltins.shared = 'a only'\nbuiltins.len = lambda o: -1") ==
          KRAIT_OK);
    CHECK_STR(eval_repr(a, "shared, len('abc')"), "('a only', -1)");
    CHECK_STR(eval_repr(b, "len('abc')"), "3");
    CHECK_STR(eval_repr(b, "shared"), "<error NameError: name 'shared' is not defined>");
    krait_value int_a, int_b;
    CHECK(krait_eval(a, "int", &int_a) == KRAIT_OK && krait_eval(b, "int", &int_b) == KRAIT_OK);
    CHECK(!krait_is(int_a, int_b));
    krait_release(a, int_a);
    krait_release(b, int_b);
    CHECK(krait_run_string(a, "class Point:\n    dims = 2") == KRAIT_OK);
    CHECK(krait_run_string(b, "class Point:\n    dims = 3") == KRAIT_OK);
    CHECK_STR(eval_repr(a, "Point.dims"), "2");
    CHECK_STR(eval_repr(b, "Point.dims"), "3");

    /* Recursion limits and pending exceptions are per VM. */
    CHECK(krait_run_string(a, "sys.setrecursionlimit(200)") == KRAIT_OK);
    CHECK_STR(eval_repr(b, "sys.getrecursionlimit()"), "1000");
    CHECK(krait_run_string(a, "raise OSError('in a')") == KRAIT_ERROR);
    CHECK(krait_has_error(a) && !krait_has_error(b));
    CHECK(krait_run_string(b, "y = 2") == KRAIT_OK);
    CHECK_STR(krait_error_text(a), "OSError: in a");
    CHECK(krait_error_text(b) == NULL);
    krait_error_clear(a);

    /* Destroying one leaves the other working. */
    krait_vm_free(a);
    CHECK_STR(eval_repr(b, "x, y, __import__('tagger').tag()"), "('b', 2, 'vm-b')");
    krait_vm_free(b);
}

/* One short life of a VM: returns the number of failed checks. */
static int one_life(int i)
{
    int failed_before = check_failed;
    krait_vm *vm = krait_vm_new();
    CHECK(vm != NULL);
    if (!vm)
        return 1;
    char name[32];
    snprintf(name, sizeof name, "vm-%d", i);
    CHECK(krait_define_module(vm, "tagger", tag_defs, name, NULL) == KRAIT_OK);
    krait_value n = krait_new_int(vm, i);
    CHECK(krait_set_global(vm, "i", n) == KRAIT_OK);
    krait_release(vm, n);
    CHECK(krait_run_string(vm, "import tagger\n"
                               "class C:\n"
                               "    def __init__(self, v): self.v = v\n"
                               "data = {k: C(k * i) for k in range(50)}\n"
                               "result = (tagger.tag(), sum(c.v for c in data.values()))\n") == KRAIT_OK);
    char want[64];
    snprintf(want, sizeof want, "('vm-%d', %d)", i, 1225 * i);
    CHECK_STR(eval_repr(vm, "result"), want);
    if (i % 3 == 0)
        CHECK(krait_run_string(vm, "raise ValueError('left pending at free')") == KRAIT_ERROR);
    krait_vm_free(vm);
    return check_failed - failed_before;
}

static void test_lifecycle_loop(void)
{
    int bad = 0;
    for (int i = 0; i < 40; i++)
        bad += one_life(i) != 0;
    CHECK(bad == 0);
    /* Several alive at once, freed in a different order than made. */
    krait_vm *vms[5];
    for (int i = 0; i < 5; i++) {
        vms[i] = krait_vm_new();
        CHECK(vms[i] != NULL);
        char src[64];
        snprintf(src, sizeof src, "n = %d", i * 11);
        CHECK(vms[i] && krait_run_string(vms[i], src) == KRAIT_OK);
    }
    for (int i = 0; i < 5; i += 2)
        krait_vm_free(vms[i]);
    CHECK_STR(eval_repr(vms[1], "n"), "11");
    CHECK_STR(eval_repr(vms[3], "n"), "33");
    krait_vm_free(vms[3]);
    krait_vm_free(vms[1]);
}

/* ---- two VMs on two threads at once ---- */

typedef struct Job {
    int seed;
    int64_t result;
    int status;
    int callbacks;
} Job;

static int c_bump(krait_vm *vm, void *userdata, size_t argc, const krait_value *argv, krait_value *result)
{
    Job *job = userdata;
    job->callbacks++;
    int64_t v = 0;
    if (argc != 1 || krait_to_int(vm, argv[0], &v) != KRAIT_OK)
        return KRAIT_ERROR;
    *result = krait_new_int(vm, v + job->seed);
    return KRAIT_OK;
}

static void *run_job(void *arg)
{
    Job *job = arg;
    krait_vm *vm = krait_vm_new();
    if (!vm) {
        job->status = -2;
        return NULL;
    }
    krait_value f = krait_new_function(vm, "bump", c_bump, job);
    krait_set_global(vm, "bump", f);
    krait_release(vm, f);
    job->status = krait_run_string(vm, "acc = 0\n"
                                       "for k in range(3000):\n"
                                       "    acc = (acc + bump(k) * 7) % 1000003\n"
                                       "words = sorted(str(k) for k in range(500))\n"
                                       "acc += len(''.join(words))\n");
    krait_value acc;
    if (job->status == KRAIT_OK && (job->status = krait_get_global(vm, "acc", &acc)) == KRAIT_OK) {
        job->status = krait_to_int(vm, acc, &job->result);
        krait_release(vm, acc);
    }
    krait_vm_free(vm);
    return NULL;
}

/* What run_job computes, in C. */
static int64_t expected_job(int seed)
{
    int64_t acc = 0;
    for (int64_t k = 0; k < 3000; k++)
        acc = (acc + (k + seed) * 7) % 1000003;
    return acc + 1390; /* the digits of 0..499 */
}

static void test_threads(void)
{
    Job jobs[2] = {{.seed = 5}, {.seed = 900}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&th[i], NULL, run_job, &jobs[i]) == 0);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 2; i++) {
        CHECK(jobs[i].status == KRAIT_OK);
        CHECK(jobs[i].callbacks == 3000);
        CHECK(jobs[i].result == expected_job(jobs[i].seed));
    }
}

int main(void)
{
    test_two_vms();
    test_lifecycle_loop();
    test_threads();
    return check_summary();
}
