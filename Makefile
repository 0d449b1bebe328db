# Krait build.  `make` builds build/krait; `make test` runs every test;
# `make deps` installs the Debian packages the build and tests need.

CC      ?= gcc
OPT     ?= -O2
BUILD   ?= build
CFLAGS  ?= $(OPT) -g
# Flags the code needs whatever CFLAGS the caller chooses.
KR_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Iinclude -Isrc -Isrc/parse -I$(BUILD)/gen
LDLIBS  += -lgmp -lm

UNICODE_DIR ?= /usr/share/unicode

SRCS     := $(shell find src -name '*.c' | sort)
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
GEN_SRCS := $(BUILD)/gen/unicode_tables.c $(BUILD)/gen/unicode_prop_tables.c
OBJS     := $(patsubst %.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) $(BUILD)/obj/gen/unicode_tables.o \
            $(BUILD)/obj/gen/unicode_prop_tables.o

UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))
# Programs embedding Krait through include/krait.h only (tests/c).
C_TESTS    := $(patsubst tests/c/%.c,$(BUILD)/ctests/%,$(wildcard tests/c/*.c))

.PHONY: all test deps asan run bench clean unit-tests lang lib c-tests
all: $(BUILD)/krait

$(BUILD)/krait: $(BUILD)/obj/src/main.o $(LIB_OBJS)
	$(CC) $(CFLAGS) $(KR_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/unicode_tables.h $(BUILD)/gen/unicode_prop_tables.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KR_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/unicode_tables.o: $(BUILD)/gen/unicode_tables.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KR_CFLAGS) -c -o $@ $<

# The Unicode tables are generated from Debian's unicode-data package by a
# small C program of ours.
$(BUILD)/tools/gen_unicode: tools/gen_unicode.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

$(BUILD)/gen/unicode_tables.c $(BUILD)/gen/unicode_tables.h &: $(BUILD)/tools/gen_unicode
	@mkdir -p $(BUILD)/gen
	$(BUILD)/tools/gen_unicode $(UNICODE_DIR) $(BUILD)/gen/unicode_tables.c $(BUILD)/gen/unicode_tables.h

$(BUILD)/obj/gen/unicode_prop_tables.o: $(BUILD)/gen/unicode_prop_tables.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KR_CFLAGS) -c -o $@ $<

# Character properties for str and unicodedata, from the same data.
$(BUILD)/tools/gen_unicode_props: tools/gen_unicode_props.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

$(BUILD)/gen/unicode_prop_tables.c $(BUILD)/gen/unicode_prop_tables.h &: $(BUILD)/tools/gen_unicode_props
	@mkdir -p $(BUILD)/gen
	$(BUILD)/tools/gen_unicode_props $(UNICODE_DIR) $(BUILD)/gen/unicode_prop_tables.c $(BUILD)/gen/unicode_prop_tables.h

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KR_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $^ $(LDLIBS)

unit-tests: $(UNIT_TESTS)

# The embedding library: everything but the command's main().
lib: $(BUILD)/libkrait.a

$(BUILD)/libkrait.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Embedding tests see the public header only, as an embedder would.
$(BUILD)/ctests/%: tests/c/%.c tests/c/check.h include/krait.h $(BUILD)/libkrait.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -std=c11 -Wall -Wextra -Iinclude -DKRAIT_TEST_DATA='"$(CURDIR)/tests/c/data"' \
	  $(LDFLAGS) -pthread -o $@ $< $(BUILD)/libkrait.a $(LDLIBS)

c-tests: $(C_TESTS)

# A sanitizer build lives in its own directory so it never mixes with the
# optimised objects.
asan:
	$(MAKE) BUILD=build-asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" all unit-tests c-tests

deps:
	@sh tools/install-deps.sh

# `run` and `test` install the Debian packages first (quick when present), so
# a newcomer needs no other command.
test: deps
	@$(MAKE) --no-print-directory all unit-tests c-tests
	@BUILD=$(BUILD) sh tests/run.sh

# `make run FILE=prog.py` builds Krait and runs the program.
run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/krait $(FILE)

# Every Python program of tests/lang against python3.11's output, listing
# the failures (`make test` checks only the ratchet, tests/lang/passing.txt).
lang: all
	/usr/bin/python3.11 tests/lang/run.py $(BUILD)/krait

bench: all
	/usr/bin/python3.11 bench/parse_speed.py --krait $(BUILD)/krait
	/usr/bin/python3.11 bench/run.py --krait $(BUILD)/krait

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
