#!/bin/sh
# Compiles the complete example of docs/EMBEDDING.md against the library
# and checks that it prints what the page says it prints.
#   sh tests/c/doc_example.sh [BUILD]   (BUILD defaults to build)
# Extra link flags (e.g. -fsanitize=address for build-asan) come from
# EMBED_LDFLAGS.
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# The fenced block that follows a marker comment.
block() {
    awk -v marker="$1" '
        $0 == marker { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }
    ' docs/EMBEDDING.md
}

block '<!-- example.c -->' >"$tmp/example.c"
block '<!-- example output -->' >"$tmp/want"
if [ ! -s "$tmp/example.c" ] || [ ! -s "$tmp/want" ]; then
    echo "docs/EMBEDDING.md: example or its output not found"
    echo "0 passed, 1 failed"
    exit 1
fi
case "$BUILD" in *asan*) EMBED_LDFLAGS=${EMBED_LDFLAGS:--fsanitize=address,undefined} ;; esac
if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror -Iinclude -o "$tmp/example" "$tmp/example.c" \
        "$BUILD/libkrait.a" $EMBED_LDFLAGS -lgmp -lm; then
    echo "the example does not compile"
    echo "0 passed, 1 failed"
    exit 1
fi
"$tmp/example" >"$tmp/got" 2>&1
status=$?
if [ "$status" -ne 0 ] || ! cmp -s "$tmp/got" "$tmp/want"; then
    echo "the example's output (exit status $status) differs from the page:"
    diff "$tmp/want" "$tmp/got"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "1 passed, 0 failed"
