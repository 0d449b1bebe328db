/* Raising exceptions from C, and the message formatter they use.
 *
 * The thread holds at most one exception being raised (t->exc); a C
 * function that fails sets it and returns KR_ERROR (or -1).  Exceptions are
 * always instances here: raising a class instantiates it at once, so the
 * VM never has to normalise lazily as CPython 3.11 did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

static void set_exception(KrThread *t, KrValue exc)
{
    KrValue old = t->exc;
    t->exc = exc;
    kr_xdecref(t, old);
    /* Implicit chaining: an exception raised while another is handled
     * gets it as __context__. */
    kr_err_set_context(t, exc);
}

void kr_err_set_context(KrThread *t, KrValue exc)
{
    KrValue handled = kr_topmost_exception(t);
    if (handled == KR_NONE || handled == exc || !kr_is_exception(t, exc))
        return;
    /* Avoid a cycle in the context chain (CPython's _PyErr_SetObject). */
    KrValue o = handled;
    while (kr_is_exception(t, o)) {
        KrValue ctx = kr_as_exception(o)->context;
        if (ctx == exc) {
            kr_exception_set_context(t, o, KR_NONE);
            break;
        }
        o = ctx;
    }
    if (kr_as_exception(exc)->context != handled)
        kr_exception_set_context(t, exc, handled);
}

KrValue kr_raise(KrThread *t, KrValue exc)
{
    if (kr_is_exception_class(t, exc)) {
        KrValue inst = kr_call0(t, exc);
        if (inst == KR_ERROR)
            return KR_ERROR;
        if (!kr_is_exception(t, inst)) {
            KrValue r = kr_raise_fmt(t, kr_exc_type(t, TypeError),
                                     "calling %R should have returned an instance of BaseException, not %T",
                                     exc, inst);
            kr_decref(t, inst);
            return r;
        }
        set_exception(t, inst);
        return KR_ERROR;
    }
    if (!kr_is_exception(t, exc))
        return kr_raise_fmt(t, kr_exc_type(t, TypeError), "exceptions must derive from BaseException");
    set_exception(t, kr_incref(exc));
    return KR_ERROR;
}

KrValue kr_raise_args(KrThread *t, KrType *type, KrValue args)
{
    KrValue inst = kr_exception_new(t, type, args);
    if (inst == KR_ERROR)
        return KR_ERROR;
    set_exception(t, inst);
    return KR_ERROR;
}

KrValue kr_raise_vfmt(KrThread *t, KrType *type, const char *fmt, va_list ap)
{
    KrValue msg = kr_vformat(t, fmt, ap);
    if (msg == KR_ERROR)
        return KR_ERROR;
    KrValue args = kr_tuple_from(t, &msg, 1);
    kr_decref(t, msg);
    if (args == KR_ERROR)
        return KR_ERROR;
    kr_raise_args(t, type, args);
    kr_decref(t, args);
    return KR_ERROR;
}

KrValue kr_raise_fmt(KrThread *t, KrType *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kr_raise_vfmt(t, type, fmt, ap);
    va_end(ap);
    return KR_ERROR;
}

int kr_raise_fmt_int(KrThread *t, KrType *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kr_raise_vfmt(t, type, fmt, ap);
    va_end(ap);
    return -1;
}

KrValue kr_no_memory(KrThread *t)
{
    KrValue exc = t->vm->memory_error;
    if (exc == KR_ABSENT || !exc) {
        /* Out of memory while the VM starts: nothing to raise yet. */
        fprintf(stderr, "krait: out of memory\n");
        abort();
    }
    set_exception(t, kr_incref(exc));
    return KR_ERROR;
}

bool kr_err_matches(KrThread *t, KrType *type)
{
    if (t->exc == KR_ABSENT)
        return false;
    return kr_type_check(t, t->exc, type);
}

KrValue kr_err_fetch(KrThread *t)
{
    KrValue e = t->exc;
    t->exc = KR_ABSENT;
    return e;
}

void kr_err_clear(KrThread *t)
{
    KrValue e = t->exc;
    t->exc = KR_ABSENT;
    kr_xdecref(t, e);
}

/* ---- the formatter ---- */

static int append_value_text(KrThread *t, KrStrBuilder *b, KrValue text)
{
    if (text == KR_ERROR)
        return -1;
    int r = kr_sb_append_str(t, b, text);
    kr_decref(t, text);
    return r;
}

/* UTF-8 C string, at most `prec` code points (negative: no limit). */
static int append_cstr(KrThread *t, KrStrBuilder *b, const char *s, long prec)
{
    size_t n = 0;
    if (prec < 0) {
        n = strlen(s);
    } else {
        long cps = 0;
        while (s[n] && cps < prec) {
            n++;
            while ((s[n] & 0xC0) == 0x80)
                n++;
            cps++;
        }
    }
    return kr_sb_append_utf8(t, b, s, n);
}

KrValue kr_vformat(KrThread *t, const char *fmt, va_list ap)
{
    KrStrBuilder b;
    kr_sb_init(&b);
    const char *p = fmt;
    while (*p) {
        const char *q = strchr(p, '%');
        if (!q) {
            if (kr_sb_append_utf8(t, &b, p, strlen(p)) < 0)
                goto fail;
            break;
        }
        if (q > p && kr_sb_append_utf8(t, &b, p, (size_t)(q - p)) < 0)
            goto fail;
        p = q + 1;
        /* flags, width and precision: kept for the printf conversions */
        char spec[32];
        size_t sn = 0;
        spec[sn++] = '%';
        long prec = -1;
        while (*p && strchr("-+ #0", *p) && sn < 8)
            spec[sn++] = *p++;
        while (*p >= '0' && *p <= '9' && sn < 16)
            spec[sn++] = *p++;
        if (*p == '.') {
            spec[sn++] = *p++;
            prec = 0;
            while (*p >= '0' && *p <= '9' && sn < 24) {
                prec = prec * 10 + (*p - '0');
                spec[sn++] = *p++;
            }
        }
        int longs = 0, size_t_mod = 0;
        while (*p == 'l') {
            longs++;
            p++;
        }
        if (*p == 'z') {
            size_t_mod = 1;
            p++;
        }
        char conv = *p ? *p++ : '\0';
        char buf[128];
        switch (conv) {
        case '%':
            if (kr_sb_append_char(t, &b, '%') < 0)
                goto fail;
            break;
        case 's':
            if (append_cstr(t, &b, va_arg(ap, const char *), prec) < 0)
                goto fail;
            break;
        case 'c':
            if (kr_sb_append_char(t, &b, (uint32_t)va_arg(ap, int)) < 0)
                goto fail;
            break;
        case 'd': case 'i': case 'u': case 'x': case 'X': {
            if (size_t_mod) {
                spec[sn++] = 'z';
            } else {
                for (int i = 0; i < longs && i < 2; i++)
                    spec[sn++] = 'l';
            }
            spec[sn++] = conv;
            spec[sn] = '\0';
            int n;
            if (size_t_mod) {
                if (conv == 'd' || conv == 'i')
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, ptrdiff_t));
                else
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, size_t));
            } else if (longs >= 2) {
                if (conv == 'd' || conv == 'i')
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, long long));
                else
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, unsigned long long));
            } else if (longs == 1) {
                if (conv == 'd' || conv == 'i')
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, long));
                else
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, unsigned long));
            } else {
                if (conv == 'd' || conv == 'i')
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, int));
                else
                    n = snprintf(buf, sizeof buf, spec, va_arg(ap, unsigned));
            }
            if (n < 0 || kr_sb_append_ascii(t, &b, buf, (size_t)n) < 0)
                goto fail;
            break;
        }
        case 'p': {
            int n = snprintf(buf, sizeof buf, "%p", va_arg(ap, void *));
            if (n < 0 || kr_sb_append_ascii(t, &b, buf, (size_t)n) < 0)
                goto fail;
            break;
        }
        case 'R':
            if (append_value_text(t, &b, kr_repr(t, va_arg(ap, KrValue))) < 0)
                goto fail;
            break;
        case 'S':
            if (append_value_text(t, &b, kr_str(t, va_arg(ap, KrValue))) < 0)
                goto fail;
            break;
        case 'T':
            if (append_cstr(t, &b, kr_typename_of(t, va_arg(ap, KrValue)), prec) < 0)
                goto fail;
            break;
        case 'N':
            if (append_cstr(t, &b, kr_type_name(va_arg(ap, KrType *)), prec) < 0)
                goto fail;
            break;
        case 'U': {
            KrValue s = va_arg(ap, KrValue);
            if (prec >= 0 && kr_as_str(s)->len > (size_t)prec) {
                KrStr *str = kr_as_str(s);
                for (long i = 0; i < prec; i++)
                    if (kr_sb_append_char(t, &b, kr_str_char(str, (size_t)i)) < 0)
                        goto fail;
            } else if (kr_sb_append_str(t, &b, s) < 0) {
                goto fail;
            }
            break;
        }
        default:
            /* An unknown conversion is a bug in the caller: show it. */
            if (kr_sb_append_ascii(t, &b, spec, sn) < 0)
                goto fail;
            if (conv && kr_sb_append_char(t, &b, (uint32_t)(unsigned char)conv) < 0)
                goto fail;
            break;
        }
    }
    return kr_sb_finish(t, &b);
fail:
    kr_sb_discard(&b);
    return KR_ERROR;
}

KrValue kr_format(KrThread *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    KrValue r = kr_vformat(t, fmt, ap);
    va_end(ap);
    return r;
}
