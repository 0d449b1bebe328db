/* A tiny harness for the embedding tests: CHECK counts, and the program
 * ends with check_summary()'s "N passed, M failed" line (tests/run.sh). */
#ifndef KRAIT_TEST_CHECK_H
#define KRAIT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

static int check_report(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        printf("FAIL %s:%d: %s\n", file, line, what);
        fflush(stdout);
    }
    return ok;
}

#define CHECK(cond) check_report((cond) ? 1 : 0, #cond, __FILE__, __LINE__)

/* Two C strings are equal (a NULL is shown as such on failure). */
#define CHECK_STR(got, want)                                                                              \
    do {                                                                                                  \
        const char *got_ = (got), *want_ = (want);                                                        \
        if (!check_report(got_ && want_ && strcmp(got_, want_) == 0, #got " == " #want, __FILE__, __LINE__)) \
            printf("  got:  %s\n  want: %s\n", got_ ? got_ : "(null)", want_ ? want_ : "(null)");        \
    } while (0)

static int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
