/* Code objects: what the compiler produces for a module, class body,
 * function or comprehension.  Python sees CPython's co_* attributes,
 * co_lines() and co_positions() (over Krait's instructions, each counted as
 * two bytes the way CPython counts its code units, so tb_lasti // 2 and
 * f_lasti // 2 index co_positions()), equality and hashing, and replace().
 *
 * replace() may change what does not change how the instructions run:
 * names, file name, line number, constants and names of the same number
 * and kind.  Krait refuses (ValueError) a replacement that would make the
 * instructions read registers or constants that do not exist, since
 * CPython's bytecode is not Krait's. */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "vm/code.h"

KrValue kr_code_new(KrThread *t)
{
    KrCode *co = (KrCode *)kr_alloc(t, kr_builtin_type(t, CODE), sizeof(KrCode));
    if (!co)
        return KR_ERROR;
    co->consts = co->names = co->varnames = co->cellvars = co->freevars = KR_NONE;
    co->filename = co->name = co->qualname = KR_NONE;
    return kr_ptr(co);
}

static void code_dealloc(KrThread *t, KrObject *o)
{
    KrCode *co = (KrCode *)o;
    kr_gc_untrack(t, o);
    free(co->instrs);
    free(co->positions);
    free(co->exc_table);
    free(co->cell_param);
    kr_clear(t, &co->consts);
    kr_clear(t, &co->names);
    kr_clear(t, &co->varnames);
    kr_clear(t, &co->cellvars);
    kr_clear(t, &co->freevars);
    kr_clear(t, &co->filename);
    kr_clear(t, &co->name);
    kr_clear(t, &co->qualname);
    kr_free_object(t, o);
}

static void code_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrCode *co = (KrCode *)o;
    if (kr_is_ptr(co->consts))
        visit(kr_as_ptr(co->consts), arg);
}

static KrValue code_repr(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    return kr_format(t, "<code object %U at %p, file \"%U\", line %d>", co->name, (void *)co, co->filename,
                     co->firstlineno);
}

#define CODE_GET(field)                                                          \
    static KrValue code_get_##field(KrThread *t, KrValue self)                   \
    {                                                                            \
        (void)t;                                                                 \
        return kr_incref(kr_as_code(self)->field);                               \
    }
CODE_GET(consts)
CODE_GET(names)
CODE_GET(varnames)
CODE_GET(cellvars)
CODE_GET(freevars)
CODE_GET(filename)
CODE_GET(name)
CODE_GET(qualname)
#undef CODE_GET

#define CODE_INT(field)                                                          \
    static KrValue code_get_##field(KrThread *t, KrValue self)                   \
    {                                                                            \
        return kr_int_from_i64(t, kr_as_code(self)->field);                     \
    }
CODE_INT(argcount)
CODE_INT(posonlyargcount)
CODE_INT(kwonlyargcount)
CODE_INT(flags)
CODE_INT(firstlineno)
CODE_INT(nlocals)
#undef CODE_INT

static KrValue code_get_stacksize(KrThread *t, KrValue self)
{
    return kr_int_from_i64(t, kr_as_code(self)->nregs);
}

static KrValue code_get_code(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    return kr_bytes_new(t, co->instrs, co->ninstrs * sizeof(KrInstr));
}

/* co_linetable: the instruction positions, four little-endian 32-bit
 * ints each.  Not CPython's encoding (nothing decodes it), but equal
 * exactly when the positions are. */
static KrValue code_get_linetable(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    size_t n = co->ninstrs * 16;
    KrValue b = kr_bytes_new(t, NULL, n);
    if (b == KR_ERROR)
        return b;
    unsigned char *p = kr_bytes_data(b);
    for (size_t i = 0; i < co->ninstrs; i++) {
        const int v[4] = {co->positions[i].lineno, co->positions[i].end_lineno, co->positions[i].col,
                          co->positions[i].end_col};
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 4; j++)
                *p++ = (unsigned char)((uint32_t)v[k] >> (8 * j));
    }
    return b;
}

/* co_exceptiontable: the entries, in the same spirit. */
static KrValue code_get_exceptiontable(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    size_t n = co->nexc * 14;
    KrValue b = kr_bytes_new(t, NULL, n);
    if (b == KR_ERROR)
        return b;
    unsigned char *p = kr_bytes_data(b);
    for (size_t i = 0; i < co->nexc; i++) {
        const uint32_t v[3] = {co->exc_table[i].start, co->exc_table[i].end, co->exc_table[i].handler};
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 4; j++)
                *p++ = (unsigned char)(v[k] >> (8 * j));
        *p++ = (unsigned char)co->exc_table[i].reg;
        *p++ = (unsigned char)(co->exc_table[i].reg >> 8);
    }
    return b;
}

/* co_lnotab (deprecated in 3.11): CPython's older format, pairs of byte
 * offset and line increments, from the same line ranges as co_lines(). */
static KrValue code_lines_list(KrThread *t, KrCode *co);

static KrValue code_get_lnotab(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    KrValue lines = code_lines_list(t, co);
    if (lines == KR_ERROR)
        return lines;
    KrList *l = kr_as_list(lines);
    unsigned char *buf = malloc(l->len * 16 + 1);
    if (!buf) {
        kr_decref(t, lines);
        return kr_no_memory(t);
    }
    size_t n = 0;
    int64_t addr = 0, line = co->firstlineno;
    for (size_t i = 0; i < l->len; i++) {
        KrValue *it = kr_tuple_items(l->items[i]);
        if (it[2] == KR_NONE)
            continue;
        int64_t start = kr_as_smallint(it[0]), ln = kr_as_smallint(it[2]);
        int64_t da = start - addr, dl = ln - line;
        while (da > 255) {
            buf[n++] = 255, buf[n++] = 0;
            da -= 255;
        }
        while (dl > 127 || dl < -128) {
            int64_t step = dl > 0 ? 127 : -128;
            buf[n++] = (unsigned char)da, buf[n++] = (unsigned char)(int8_t)step;
            da = 0;
            dl -= step;
        }
        if (n + 2 > l->len * 16)
            break;
        buf[n++] = (unsigned char)da, buf[n++] = (unsigned char)(int8_t)dl;
        addr = start;
        line = ln;
    }
    kr_decref(t, lines);
    KrValue r = kr_bytes_new(t, buf, n);
    free(buf);
    return r;
}

static const KrGetSetDef code_getsets[] = {
    {"co_consts", code_get_consts, NULL, NULL},
    {"co_names", code_get_names, NULL, NULL},
    {"co_varnames", code_get_varnames, NULL, NULL},
    {"co_cellvars", code_get_cellvars, NULL, NULL},
    {"co_freevars", code_get_freevars, NULL, NULL},
    {"co_filename", code_get_filename, NULL, NULL},
    {"co_name", code_get_name, NULL, NULL},
    {"co_qualname", code_get_qualname, NULL, NULL},
    {"co_argcount", code_get_argcount, NULL, NULL},
    {"co_posonlyargcount", code_get_posonlyargcount, NULL, NULL},
    {"co_kwonlyargcount", code_get_kwonlyargcount, NULL, NULL},
    {"co_flags", code_get_flags, NULL, NULL},
    {"co_firstlineno", code_get_firstlineno, NULL, NULL},
    {"co_nlocals", code_get_nlocals, NULL, NULL},
    {"co_stacksize", code_get_stacksize, NULL, NULL},
    {"co_code", code_get_code, NULL, NULL},
    {"co_linetable", code_get_linetable, NULL, NULL},
    {"co_exceptiontable", code_get_exceptiontable, NULL, NULL},
    {"co_lnotab", code_get_lnotab, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ---- co_lines() and co_positions() ---- */

/* Both iterate over a list of tuples made up front: code objects are
 * small and the iterators are rarely used. */
typedef struct KrCodeIter {
    KrObject ob;
    KrValue items;              /* a list */
    size_t next;
} KrCodeIter;

static void code_iter_dealloc(KrThread *t, KrObject *o)
{
    kr_gc_untrack(t, o);
    kr_clear(t, &((KrCodeIter *)o)->items);
    kr_free_object(t, o);
}

static void code_iter_traverse(KrObject *o, KrVisitFn visit, void *arg)
{
    KrCodeIter *it = (KrCodeIter *)o;
    if (kr_is_ptr(it->items))
        visit(kr_as_ptr(it->items), arg);
}

static KrValue code_iter_self(KrThread *t, KrValue self)
{
    (void)t;
    return kr_incref(self);
}

static KrValue code_iter_next(KrThread *t, KrValue self)
{
    (void)t;
    KrCodeIter *it = (KrCodeIter *)kr_as_ptr(self);
    KrList *l = kr_as_list(it->items);
    if (it->next >= l->len)
        return KR_ABSENT;
    return kr_incref(l->items[it->next++]);
}

static void code_iter_fill(KrType *tp)
{
    tp->dealloc = code_iter_dealloc;
    tp->traverse = code_iter_traverse;
    tp->iter = code_iter_self;
    tp->iternext = code_iter_next;
}

const KrTypeSpec kr_line_iterator_spec = {
    .name = "line_iterator",
    .basicsize = sizeof(KrCodeIter),
    .flags = KR_TPFLAG_GC,
    .fill = code_iter_fill,
};

const KrTypeSpec kr_positions_iterator_spec = {
    .name = "positions_iterator",
    .basicsize = sizeof(KrCodeIter),
    .flags = KR_TPFLAG_GC,
    .fill = code_iter_fill,
};

static KrValue code_iter_new(KrThread *t, KrType *type, KrValue items)
{
    if (items == KR_ERROR)
        return items;
    KrCodeIter *it = (KrCodeIter *)kr_alloc(t, type, sizeof(KrCodeIter));
    if (!it) {
        kr_decref(t, items);
        return KR_ERROR;
    }
    it->items = items;
    it->next = 0;
    return kr_ptr(it);
}

/* Line 0 marks instructions the compiler made up (an unreachable implicit
 * return): CPython has no line for those. */
static KrValue line_or_none(int line) { return line <= 0 ? KR_NONE : kr_smallint(line); }
static KrValue col_or_none(int col) { return col < 0 ? KR_NONE : kr_smallint(col); }

/* (start, end, line) for each run of instructions on one line, in bytes
 * (two per instruction); line None where an instruction has none. */
static KrValue code_lines_list(KrThread *t, KrCode *co)
{
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    size_t i = 0;
    while (i < co->ninstrs) {
        int line = co->positions[i].lineno;
        size_t j = i + 1;
        while (j < co->ninstrs && co->positions[j].lineno == line)
            j++;
        KrValue tup = kr_tuple_pack(t, 3, kr_smallint((int64_t)i * 2), kr_smallint((int64_t)j * 2), line_or_none(line));
        if (tup == KR_ERROR || kr_list_append(t, list, tup) < 0) {
            kr_decref(t, tup);
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_decref(t, tup);
        i = j;
    }
    return list;
}

static KrValue code_co_lines(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "co_lines", nargs, 0, 0) < 0)
        return KR_ERROR;
    return code_iter_new(t, kr_builtin_type(t, LINE_ITERATOR), code_lines_list(t, kr_as_code(self)));
}

/* (lineno, end_lineno, col_offset, end_col_offset) per instruction. */
static KrValue code_co_positions(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    (void)args, (void)kwnames;
    if (kr_check_nargs(t, "co_positions", nargs, 0, 0) < 0)
        return KR_ERROR;
    KrCode *co = kr_as_code(self);
    KrValue list = kr_list_new(t, 0);
    if (list == KR_ERROR)
        return list;
    for (size_t i = 0; i < co->ninstrs; i++) {
        KrPosition p = co->positions[i];
        bool known = p.lineno > 0;
        KrValue tup = kr_tuple_pack(t, 4, line_or_none(p.lineno), known ? line_or_none(p.end_lineno) : KR_NONE,
                                    known ? col_or_none(p.col) : KR_NONE, known ? col_or_none(p.end_col) : KR_NONE);
        if (tup == KR_ERROR || kr_list_append(t, list, tup) < 0) {
            kr_decref(t, tup);
            kr_decref(t, list);
            return KR_ERROR;
        }
        kr_decref(t, tup);
    }
    return code_iter_new(t, kr_builtin_type(t, POSITIONS_ITERATOR), list);
}

/* ---- equality and hashing ---- */

/* Constants compare as CPython's _PyCode_ConstantKey makes them: of the
 * same type, floats by their bits (0.0 is not -0.0), tuples item by item. */
static int const_equal(KrThread *t, KrValue a, KrValue b)
{
    if (a == b)
        return 1;
    if (kr_type(t, a) != kr_type(t, b))
        return 0;
    if (kr_is_float(a) || kr_is_float(b))
        return 0; /* different bits (the same bits are the same value) */
    if (kr_type(t, a) == kr_builtin_type(t, TUPLE)) {
        size_t n = kr_tuple_len(a);
        if (n != kr_tuple_len(b))
            return 0;
        for (size_t i = 0; i < n; i++) {
            int r = const_equal(t, kr_tuple_items(a)[i], kr_tuple_items(b)[i]);
            if (r <= 0)
                return r;
        }
        return 1;
    }
    return kr_richcompare_bool(t, a, b, KR_EQ);
}

static int tuple_consts_equal(KrThread *t, KrValue a, KrValue b)
{
    if (!kr_is_tuple(t, a) || !kr_is_tuple(t, b))
        return a == b;
    size_t n = kr_tuple_len(a);
    if (n != kr_tuple_len(b))
        return 0;
    for (size_t i = 0; i < n; i++) {
        int r = const_equal(t, kr_tuple_items(a)[i], kr_tuple_items(b)[i]);
        if (r <= 0)
            return r;
    }
    return 1;
}

/* What 3.11 compares: not the file name nor the qualified name. */
static int code_equal(KrThread *t, KrCode *a, KrCode *b)
{
    if (a->argcount != b->argcount || a->posonlyargcount != b->posonlyargcount ||
        a->kwonlyargcount != b->kwonlyargcount || a->flags != b->flags || a->firstlineno != b->firstlineno ||
        a->ninstrs != b->ninstrs || a->nexc != b->nexc || a->nregs != b->nregs ||
        memcmp(a->instrs, b->instrs, a->ninstrs * sizeof(KrInstr)) != 0 ||
        memcmp(a->positions, b->positions, a->ninstrs * sizeof(KrPosition)) != 0)
        return 0;
    for (size_t i = 0; i < a->nexc; i++)
        if (a->exc_table[i].start != b->exc_table[i].start || a->exc_table[i].end != b->exc_table[i].end ||
            a->exc_table[i].handler != b->exc_table[i].handler || a->exc_table[i].reg != b->exc_table[i].reg)
            return 0;
    int r = kr_richcompare_bool(t, a->name, b->name, KR_EQ);
    const KrValue pairs[][2] = {{a->names, b->names}, {a->varnames, b->varnames}, {a->cellvars, b->cellvars},
                                {a->freevars, b->freevars}};
    for (size_t i = 0; r > 0 && i < sizeof pairs / sizeof pairs[0]; i++)
        r = kr_richcompare_bool(t, pairs[i][0], pairs[i][1], KR_EQ);
    if (r > 0)
        r = tuple_consts_equal(t, a->consts, b->consts);
    return r;
}

static KrValue code_compare(KrThread *t, KrValue a, KrValue b, KrCompareOp op)
{
    KrType *ct = kr_builtin_type(t, CODE);
    if ((op != KR_EQ && op != KR_NE) || kr_type(t, a) != ct || kr_type(t, b) != ct)
        return KR_NOTIMPLEMENTED;
    int r = code_equal(t, kr_as_code(a), kr_as_code(b));
    if (r < 0)
        return KR_ERROR;
    return kr_bool((r > 0) == (op == KR_EQ));
}

static int64_t code_hash(KrThread *t, KrValue self)
{
    KrCode *co = kr_as_code(self);
    int64_t h = kr_hash(t, co->name);
    if (h == -1)
        return -1;
    uint64_t x = (uint64_t)h;
    const int64_t parts[] = {co->argcount, co->posonlyargcount, co->kwonlyargcount, co->flags,
                             co->firstlineno, (int64_t)co->ninstrs};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        x = (x ^ (uint64_t)parts[i]) * UINT64_C(1000003);
    return x == (uint64_t)-1 ? -2 : (int64_t)x;
}

/* ---- replace() ---- */

enum {
    R_ARGCOUNT, R_POSONLY, R_KWONLY, R_NLOCALS, R_STACKSIZE, R_FLAGS, R_FIRSTLINENO, R_CODE, R_CONSTS,
    R_NAMES, R_VARNAMES, R_FREEVARS, R_CELLVARS, R_FILENAME, R_NAME, R_QUALNAME, R_LINETABLE,
    R_EXCEPTIONTABLE, R_COUNT
};

static const char *const replace_names[R_COUNT] = {
    "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags",
    "co_firstlineno", "co_code", "co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars",
    "co_filename", "co_name", "co_qualname", "co_linetable", "co_exceptiontable",
};

/* Flags that decide how a call runs the code: Krait keeps them. */
#define CODE_FIXED_FLAGS (CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

static int replace_int(KrThread *t, int i, KrValue v, int *out)
{
    int64_t n;
    if (!kr_is_int(t, v))
        return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "'%T' object cannot be interpreted as an integer", v);
    if (kr_int_as_i64(t, v, &n) < 0 || n > INT32_MAX || n < INT32_MIN) {
        kr_err_clear(t);
        return kr_raise_fmt_int(t, kr_exc_type(t, OverflowError), "Python int too large to convert to C int");
    }
    (void)i;
    *out = (int)n;
    return 0;
}

static int replace_type_error(KrThread *t, int i, const char *want, KrValue v)
{
    return kr_raise_fmt_int(t, kr_exc_type(t, TypeError), "replace() argument '%s' must be %s, not %s",
                            replace_names[i], want, v == KR_NONE ? "None" : kr_type(t, v)->name);
}

static int krait_refuses(KrThread *t, int i)
{
    return kr_raise_fmt_int(t, kr_exc_type(t, ValueError), "code.replace(): Krait cannot change %s",
                            replace_names[i]);
}

/* A tuple of exact strs, as long as the code needs. */
static int replace_names_tuple(KrThread *t, int i, KrValue v, KrValue old)
{
    if (!kr_is_tuple(t, v))
        return replace_type_error(t, i, "tuple", v);
    if (kr_tuple_len(v) != kr_tuple_len(old))
        return krait_refuses(t, i);
    for (size_t k = 0; k < kr_tuple_len(v); k++)
        if (!kr_is_exact_str(t, kr_tuple_items(v)[k]))
            return kr_raise_fmt_int(t, kr_exc_type(t, SystemError), "non-string found in code slot");
    return 0;
}

/* Constants the instructions rely on (code objects of nested functions,
 * tuples of keyword names...) must keep their type; plain values may
 * change freely. */
static bool const_is_plain(KrThread *t, KrValue v)
{
    if (!kr_is_ptr(v))
        return true;
    KrType *tp = kr_type(t, v);
    return tp == kr_builtin_type(t, STR) || tp == kr_builtin_type(t, BYTES) || tp == kr_builtin_type(t, INT) ||
           tp == kr_builtin_type(t, FLOAT) || tp == kr_builtin_type(t, COMPLEX);
}

static int replace_consts(KrThread *t, KrValue v, KrValue old)
{
    if (!kr_is_tuple(t, v))
        return replace_type_error(t, R_CONSTS, "tuple", v);
    if (kr_tuple_len(v) != kr_tuple_len(old))
        return krait_refuses(t, R_CONSTS);
    for (size_t k = 0; k < kr_tuple_len(v); k++) {
        KrValue o = kr_tuple_items(old)[k], n = kr_tuple_items(v)[k];
        if (!const_is_plain(t, o) && kr_type(t, o) != kr_type(t, n))
            return krait_refuses(t, R_CONSTS);
    }
    return 0;
}

static void *dup_array(const void *p, size_t n)
{
    if (n == 0)
        return NULL;
    void *q = malloc(n);
    if (q)
        memcpy(q, p, n);
    return q;
}

static KrValue code_replace(KrThread *t, KrValue self, const KrValue *args, size_t nargs, KrValue kwnames)
{
    static const KrArgSpec spec = {"replace", replace_names, R_COUNT, 0, 0, 0};
    KrValue a[R_COUNT];
    if (kr_parse_args(t, &spec, args, nargs, kwnames, a) < 0)
        return KR_ERROR;
    KrCode *co = kr_as_code(self);
    int ints[R_CODE];
    const int cur[R_CODE] = {co->argcount, co->posonlyargcount, co->kwonlyargcount, co->nlocals,
                             co->nregs,    co->flags,           co->firstlineno};
    for (int i = 0; i < R_CODE; i++) {
        ints[i] = cur[i];
        if (a[i] != KR_ABSENT && replace_int(t, i, a[i], &ints[i]) < 0)
            return KR_ERROR;
    }
    for (int i = R_ARGCOUNT; i <= R_STACKSIZE; i++)
        if (ints[i] != cur[i])
            return kr_raise_fmt(t, kr_exc_type(t, ValueError), "code.replace(): Krait cannot change %s",
                                replace_names[i]);
    if ((ints[R_FLAGS] & CODE_FIXED_FLAGS) != (co->flags & CODE_FIXED_FLAGS))
        return kr_raise_fmt(t, kr_exc_type(t, ValueError), "code.replace(): Krait cannot change %s",
                            replace_names[R_FLAGS]);
    if (a[R_CODE] != KR_ABSENT) {
        KrValue b = a[R_CODE];
        if (!kr_is_ptr(b) || !(kr_type(t, b)->flags & KR_TPFLAG_BYTES_SUBCLASS))
            return replace_type_error(t, R_CODE, "bytes", b), KR_ERROR;
        if (kr_bytes_len(b) != co->ninstrs * sizeof(KrInstr) ||
            memcmp(kr_bytes_data(b), co->instrs, kr_bytes_len(b)) != 0)
            return krait_refuses(t, R_CODE), KR_ERROR;
    }
    for (int i = R_LINETABLE; i <= R_EXCEPTIONTABLE; i++)
        if (a[i] != KR_ABSENT && (!kr_is_ptr(a[i]) || !(kr_type(t, a[i])->flags & KR_TPFLAG_BYTES_SUBCLASS)))
            return replace_type_error(t, i, "bytes", a[i]), KR_ERROR;
    if (a[R_CONSTS] != KR_ABSENT && replace_consts(t, a[R_CONSTS], co->consts) < 0)
        return KR_ERROR;
    const KrValue olds[] = {co->names, co->varnames, co->freevars, co->cellvars};
    for (int i = R_NAMES; i <= R_CELLVARS; i++)
        if (a[i] != KR_ABSENT && replace_names_tuple(t, i, a[i], olds[i - R_NAMES]) < 0)
            return KR_ERROR;
    for (int i = R_FILENAME; i <= R_QUALNAME; i++)
        if (a[i] != KR_ABSENT && !kr_is_str(t, a[i]))
            return replace_type_error(t, i, "str", a[i]), KR_ERROR;

    KrValue nv = kr_code_new(t);
    if (nv == KR_ERROR)
        return nv;
    KrCode *n = kr_as_code(nv);
    n->ninstrs = co->ninstrs;
    n->nexc = co->nexc;
    n->instrs = dup_array(co->instrs, co->ninstrs * sizeof(KrInstr));
    n->positions = dup_array(co->positions, co->ninstrs * sizeof(KrPosition));
    n->exc_table = dup_array(co->exc_table, co->nexc * sizeof(KrExcEntry));
    n->cell_param = dup_array(co->cell_param, (size_t)co->ncells * sizeof(int));
    if ((co->ninstrs && (!n->instrs || !n->positions)) || (co->nexc && !n->exc_table) ||
        (co->ncells && !n->cell_param)) {
        kr_decref(t, nv);
        return kr_no_memory(t);
    }
    n->argcount = co->argcount;
    n->posonlyargcount = co->posonlyargcount;
    n->kwonlyargcount = co->kwonlyargcount;
    n->nlocals = co->nlocals;
    n->nregs = co->nregs;
    n->flags = ints[R_FLAGS];
    n->firstlineno = ints[R_FIRSTLINENO];
    n->cell_base = co->cell_base;
    n->ncells = co->ncells;
    n->nfrees = co->nfrees;
    n->uses_locals_dict = co->uses_locals_dict;
    KrValue *dst[] = {&n->consts, &n->names, &n->varnames, &n->freevars, &n->cellvars,
                      &n->filename, &n->name, &n->qualname};
    const KrValue src[] = {co->consts, co->names, co->varnames, co->freevars, co->cellvars,
                           co->filename, co->name, co->qualname};
    for (int i = R_CONSTS; i <= R_QUALNAME; i++) {
        KrValue v = a[i] != KR_ABSENT ? a[i] : src[i - R_CONSTS];
        KrValue *d = dst[i - R_CONSTS];
        if (i >= R_NAMES && i <= R_CELLVARS && a[i] != KR_ABSENT) {
            /* The interpreter's attribute caches key on interned names. */
            KrValue tup = kr_tuple_new(t, kr_tuple_len(v));
            if (tup == KR_ERROR) {
                kr_decref(t, nv);
                return tup;
            }
            for (size_t k = 0; k < kr_tuple_len(v); k++) {
                KrValue s = kr_str_intern(t, kr_tuple_items(v)[k]);
                if (s == KR_ERROR) {
                    kr_decref(t, tup);
                    kr_decref(t, nv);
                    return s;
                }
                kr_tuple_items(tup)[k] = s;
            }
            *d = tup;
        } else {
            *d = kr_incref(v);
        }
    }
    return nv;
}

static const KrMethodDef code_methods[] = {
    {"replace", code_replace, KR_METH_KEYWORDS, "replace($self, /, *, co_argcount=-1, ...)\n--\n\nReturn a copy of the code object with new values for the specified fields."},
    {"co_lines", code_co_lines, 0, NULL},
    {"co_positions", code_co_positions, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static void code_fill(KrType *tp)
{
    tp->dealloc = code_dealloc;
    tp->traverse = code_traverse;
    tp->repr = code_repr;
    tp->compare = code_compare;
    tp->hash = code_hash;
}

const KrTypeSpec kr_code_spec = {
    .name = "code",
    .basicsize = sizeof(KrCode),
    .flags = KR_TPFLAG_GC,
    .methods = code_methods,
    .getsets = code_getsets,
    .fill = code_fill,
};
