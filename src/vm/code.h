/* Code objects, functions, frames and generators: what the compiler
 * produces and the interpreter runs (DESIGN.md §6, docs/CORE.md). */
#ifndef KRAIT_CODE_H
#define KRAIT_CODE_H

#include "objects/objects.h"

typedef enum {
#define OP(name, fmt, doc) OP_##name,
#include "vm/opcodes.def"
#undef OP
    OP_COUNT
} KrOpcode;

typedef uint64_t KrInstr;

#define INSTR_OP(i) ((unsigned)((i) & 0xFF))
#define INSTR_A(i) ((unsigned)(((i) >> 8) & 0xFFFF))
#define INSTR_B(i) ((unsigned)(((i) >> 24) & 0xFFFF))
#define INSTR_C(i) ((unsigned)(((i) >> 40) & 0xFFFF))
#define INSTR_X(i) ((unsigned)((i) >> 56))
#define INSTR_J(i) ((unsigned)(((i) >> 24) & 0xFFFFFFFF))
#define MAKE_INSTR(op, a, b, c, x)                                                                \
    ((KrInstr)(op) | (KrInstr)((a)&0xFFFF) << 8 | (KrInstr)((b)&0xFFFF) << 24 |                 \
     (KrInstr)((c)&0xFFFF) << 40 | (KrInstr)((x)&0xFF) << 56)

/* In BINARY, INPLACE and COMPARE: operand c names a constant, K[c], not a
 * register (x & 0x7F is the operator). */
#define KR_X_CONST 0x80

/* Comparison kinds of COMPARE beyond the six rich comparisons. */
enum { CMP_IS = 6, CMP_IS_NOT, CMP_IN, CMP_NOT_IN };
/* UNARY kinds. */
enum { UNARY_NEG, UNARY_POS, UNARY_INVERT };

/* Code flags (CPython's CO_* values, as inspect shows them). */
enum {
    CO_OPTIMIZED = 0x1, CO_NEWLOCALS = 0x2, CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8,
    CO_NESTED = 0x10, CO_GENERATOR = 0x20, CO_NOFREE = 0x40, CO_COROUTINE = 0x80,
    CO_ITERABLE_COROUTINE = 0x100, CO_ASYNC_GENERATOR = 0x200,
    CO_FUTURE_ANNOTATIONS = 0x1000000,
};

/* An exception-table entry: instructions [start, end) are protected by the
 * handler at `handler`, which finds the exception in register `reg`. */
typedef struct KrExcEntry {
    uint32_t start, end, handler;
    uint16_t reg;
} KrExcEntry;

/* The source span of one instruction (for tracebacks). */
typedef struct KrPosition {
    int lineno, end_lineno, col, end_col;
} KrPosition;

typedef struct KrCode {
    KrObject ob;
    KrInstr *instrs;
    size_t ninstrs;
    KrPosition *positions;      /* one per instruction */
    KrExcEntry *exc_table;      /* innermost handler first */
    size_t nexc;
    KrValue consts;             /* tuple */
    KrValue names;              /* tuple of interned strs */
    KrValue varnames;           /* co_varnames: parameters, then locals */
    KrValue cellvars, freevars; /* tuples of str */
    KrValue filename, name, qualname;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;
    int firstlineno;
    int nlocals;                /* len(varnames): registers 0..nlocals-1 */
    int cell_base;              /* cells live in registers cell_base... */
    int ncells, nfrees;         /* ...cellvars first, then freevars */
    int *cell_param;            /* per cellvar: the parameter it starts from, or -1 */
    int nregs;                  /* frame size */
    bool uses_locals_dict;      /* module / class body / exec code: names in a mapping */
} KrCode;

typedef struct KrFunction {
    KrObject ob;
    KrValue code;               /* a KrCode */
    KrValue globals, builtins;  /* dicts */
    KrValue name, qualname, module, doc;
    KrValue defaults;           /* tuple or KR_NONE */
    KrValue kwdefaults;         /* dict or KR_NONE */
    KrValue closure;            /* tuple of cells or KR_NONE */
    KrValue annotations;        /* dict or KR_NONE */
    KrValue dict;               /* __dict__ (KR_ABSENT until used) */
    KrValue weaklist;
} KrFunction;

/* A frame being run: a window of the thread's register stack plus this
 * header.  Frames of generators are copied into the generator object
 * between runs. */
struct KrFrame {
    KrFrame *prev;
    KrCode *code;               /* borrowed from func (or owned for module code) */
    KrValue func;               /* the function, or KR_ABSENT for module/exec code */
    KrValue *regs;
    const KrInstr *ip;          /* next instruction */
    KrValue globals, builtins, locals; /* borrowed while running */
    uint32_t ret_reg;           /* the caller's register that gets the result */
    bool entry;                 /* returning from it leaves the eval loop */
    bool owns_func;             /* holds a reference to func (a bound method's function) */
    KrValue frame_obj;          /* the Python frame object, made on demand */
    struct KrGen *gen;          /* the generator this frame belongs to, or NULL */
};

static inline KrCode *kr_as_code(KrValue v) { return (KrCode *)kr_as_ptr(v); }
static inline KrFunction *kr_as_function(KrValue v) { return (KrFunction *)kr_as_ptr(v); }

/* Generators, coroutines and async generators. */
typedef struct KrGen {
    KrObject ob;
    KrValue func;               /* keeps code, globals and builtins alive */
    KrCode *code;
    KrValue globals, builtins;
    KrValue *regs;              /* the saved registers (code->nregs) */
    size_t ip;                  /* index of the next instruction */
    uint32_t yield_reg;         /* where the sent value goes on resume */
    bool started, running, finished;
    KrValue name, qualname;
    KrValue handled;            /* the generator's handled exception while suspended */
    KrValue weaklist;
    KrValue frame_obj;
    KrValue yield_from;         /* the iterator being delegated to, or KR_ABSENT */
    /* async generators */
    bool ag_hooks_inited, ag_closed, ag_running_async;
    KrValue ag_finalizer;
    KrValue origin;
} KrGen;

KrValue kr_code_new(KrThread *t);
KrValue kr_function_new(KrThread *t, KrValue code, KrValue globals, KrValue qualname);

/* Runs module-level code (or exec code) in the given namespaces. */
KrValue kr_eval_code(KrThread *t, KrValue code, KrValue globals, KrValue locals);
/* Calls a Python function (the function type's call slot). */
KrValue kr_function_call(KrThread *t, KrValue func, const KrValue *args, size_t nargs, KrValue kwnames);
/* Resumes a generator: send(value) (value KR_ABSENT on the first run),
 * or throw(exc) when exc != KR_ABSENT.  Returns the yielded value, or
 * KR_ABSENT with *returned set to the return value when the generator
 * finished, or KR_ERROR. */
KrValue kr_gen_resume(KrThread *t, KrGen *gen, KrValue value, KrValue exc, KrValue *returned);

#endif
