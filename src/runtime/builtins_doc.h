/* Docstrings of the builtins module functions, as python3.11 shows them.
 * Functions with a text signature carry it in front, in the form
 * "name(sig)\n--\n\n" that the built-in function type splits into
 * __text_signature__ and __doc__. */
#ifndef KRAIT_BUILTINS_DOC_H
#define KRAIT_BUILTINS_DOC_H

#define DOC_abs \
    "abs($module, x, /)\n" \
    "--\n" \
    "\n" \
    "Return the absolute value of the argument."

#define DOC_aiter \
    "aiter($module, async_iterable, /)\n" \
    "--\n" \
    "\n" \
    "Return an AsyncIterator for an AsyncIterable object."

#define DOC_all \
    "all($module, iterable, /)\n" \
    "--\n" \
    "\n" \
    "Return True if bool(x) is True for all values x in the iterable.\n" \
    "\n" \
    "If the iterable is empty, return True."

#define DOC_anext \
    "anext($module, aiterator, default=<unrepresentable>, /)\n" \
    "--\n" \
    "\n" \
    "async anext(aiterator[, default])\n" \
    "\n" \
    "Return the next item from the async iterator.  If default is given and the async\n" \
    "iterator is exhausted, it is returned instead of raising StopAsyncIteration."

#define DOC_any \
    "any($module, iterable, /)\n" \
    "--\n" \
    "\n" \
    "Return True if bool(x) is True for any x in the iterable.\n" \
    "\n" \
    "If the iterable is empty, return False."

#define DOC_ascii \
    "ascii($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return an ASCII-only representation of an object.\n" \
    "\n" \
    "As repr(), return a string containing a printable representation of an\n" \
    "object, but escape the non-ASCII characters in the string returned by\n" \
    "repr() using \\\\x, \\\\u or \\\\U escapes. This generates a string similar\n" \
    "to that returned by repr() in Python 2."

#define DOC_bin \
    "bin($module, number, /)\n" \
    "--\n" \
    "\n" \
    "Return the binary representation of an integer.\n" \
    "\n" \
    "   >>> bin(2796202)\n" \
    "   '0b1010101010101010101010'"

#define DOC_callable \
    "callable($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return whether the object is callable (i.e., some kind of function).\n" \
    "\n" \
    "Note that classes are callable, as are instances of classes with a\n" \
    "__call__() method."

#define DOC_chr \
    "chr($module, i, /)\n" \
    "--\n" \
    "\n" \
    "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."

#define DOC_delattr \
    "delattr($module, obj, name, /)\n" \
    "--\n" \
    "\n" \
    "Deletes the named attribute from the given object.\n" \
    "\n" \
    "delattr(x, 'y') is equivalent to ``del x.y``"

#define DOC_dir \
    "dir([object]) -> list of strings\n" \
    "\n" \
    "If called without an argument, return the names in the current scope.\n" \
    "Else, return an alphabetized list of names comprising (some of) the attributes\n" \
    "of the given object, and of attributes reachable from it.\n" \
    "If the object supplies a method named __dir__, it will be used; otherwise\n" \
    "the default dir() logic is used and returns:\n" \
    "  for a module object: the module's attributes.\n" \
    "  for a class object:  its attributes, and recursively the attributes\n" \
    "    of its bases.\n" \
    "  for any other object: its attributes, its class's attributes, and\n" \
    "    recursively the attributes of its class's base classes."

#define DOC_divmod \
    "divmod($module, x, y, /)\n" \
    "--\n" \
    "\n" \
    "Return the tuple (x//y, x%y).  Invariant: div*y + mod == x."

#define DOC_format \
    "format($module, value, format_spec='', /)\n" \
    "--\n" \
    "\n" \
    "Return value.__format__(format_spec)\n" \
    "\n" \
    "format_spec defaults to the empty string.\n" \
    "See the Format Specification Mini-Language section of help('FORMATTING') for\n" \
    "details."

#define DOC_getattr \
    "getattr(object, name[, default]) -> value\n" \
    "\n" \
    "Get a named attribute from an object; getattr(x, 'y') is equivalent to x.y.\n" \
    "When a default argument is given, it is returned when the attribute doesn't\n" \
    "exist; without it, an exception is raised in that case."

#define DOC_hasattr \
    "hasattr($module, obj, name, /)\n" \
    "--\n" \
    "\n" \
    "Return whether the object has an attribute with the given name.\n" \
    "\n" \
    "This is done by calling getattr(obj, name) and catching AttributeError."

#define DOC_hash \
    "hash($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return the hash value for the given object.\n" \
    "\n" \
    "Two objects that compare equal must also have the same hash value, but the\n" \
    "reverse is not necessarily true."

#define DOC_hex \
    "hex($module, number, /)\n" \
    "--\n" \
    "\n" \
    "Return the hexadecimal representation of an integer.\n" \
    "\n" \
    "   >>> hex(12648430)\n" \
    "   '0xc0ffee'"

#define DOC_id \
    "id($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return the identity of an object.\n" \
    "\n" \
    "This is guaranteed to be unique among simultaneously existing objects.\n" \
    "(CPython uses the object's memory address.)"

#define DOC_isinstance \
    "isinstance($module, obj, class_or_tuple, /)\n" \
    "--\n" \
    "\n" \
    "Return whether an object is an instance of a class or of a subclass thereof.\n" \
    "\n" \
    "A tuple, as in ``isinstance(x, (A, B, ...))``, may be given as the target to\n" \
    "check against. This is equivalent to ``isinstance(x, A) or isinstance(x, B)\n" \
    "or ...`` etc."

#define DOC_issubclass \
    "issubclass($module, cls, class_or_tuple, /)\n" \
    "--\n" \
    "\n" \
    "Return whether 'cls' is derived from another class or is the same class.\n" \
    "\n" \
    "A tuple, as in ``issubclass(x, (A, B, ...))``, may be given as the target to\n" \
    "check against. This is equivalent to ``issubclass(x, A) or issubclass(x, B)\n" \
    "or ...``."

#define DOC_iter \
    "iter(iterable) -> iterator\n" \
    "iter(callable, sentinel) -> iterator\n" \
    "\n" \
    "Get an iterator from an object.  In the first form, the argument must\n" \
    "supply its own iterator, or be a sequence.\n" \
    "In the second form, the callable is called until it returns the sentinel."

#define DOC_len \
    "len($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return the number of items in a container."

#define DOC_max \
    "max(iterable, *[, default=obj, key=func]) -> value\n" \
    "max(arg1, arg2, *args, *[, key=func]) -> value\n" \
    "\n" \
    "With a single iterable argument, return its biggest item. The\n" \
    "default keyword-only argument specifies an object to return if\n" \
    "the provided iterable is empty.\n" \
    "With two or more arguments, return the largest argument."

#define DOC_min \
    "min(iterable, *[, default=obj, key=func]) -> value\n" \
    "min(arg1, arg2, *args, *[, key=func]) -> value\n" \
    "\n" \
    "With a single iterable argument, return its smallest item. The\n" \
    "default keyword-only argument specifies an object to return if\n" \
    "the provided iterable is empty.\n" \
    "With two or more arguments, return the smallest argument."

#define DOC_next \
    "next(iterator[, default])\n" \
    "\n" \
    "Return the next item from the iterator. If default is given and the iterator\n" \
    "is exhausted, it is returned instead of raising StopIteration."

#define DOC_oct \
    "oct($module, number, /)\n" \
    "--\n" \
    "\n" \
    "Return the octal representation of an integer.\n" \
    "\n" \
    "   >>> oct(342391)\n" \
    "   '0o1234567'"

#define DOC_ord \
    "ord($module, c, /)\n" \
    "--\n" \
    "\n" \
    "Return the Unicode code point for a one-character string."

#define DOC_pow \
    "pow($module, /, base, exp, mod=None)\n" \
    "--\n" \
    "\n" \
    "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments\n" \
    "\n" \
    "Some types, such as ints, are able to use a more efficient algorithm when\n" \
    "invoked using the three argument form."

#define DOC_breakpoint \
    "breakpoint(*args, **kws)\n\nCall sys.breakpointhook(*args, **kws).  sys.breakpointhook() must accept\nwhatever arguments are passed.\n\nBy default, this drops you into the pdb debugger."

#define DOC_print \
    "print($module, /, *args, sep=' ', end='\\n', file=None, flush=False)\n" \
    "--\n" \
    "\n" \
    "Prints the values to a stream, or to sys.stdout by default.\n" \
    "\n" \
    "  sep\n" \
    "    string inserted between values, default a space.\n" \
    "  end\n" \
    "    string appended after the last value, default a newline.\n" \
    "  file\n" \
    "    a file-like object (stream); defaults to the current sys.stdout.\n" \
    "  flush\n" \
    "    whether to forcibly flush the stream."

#define DOC_repr \
    "repr($module, obj, /)\n" \
    "--\n" \
    "\n" \
    "Return the canonical string representation of the object.\n" \
    "\n" \
    "For many object types, including most builtins, eval(repr(obj)) == obj."

#define DOC_round \
    "round($module, /, number, ndigits=None)\n" \
    "--\n" \
    "\n" \
    "Round a number to a given precision in decimal digits.\n" \
    "\n" \
    "The return value is an integer if ndigits is omitted or None.  Otherwise\n" \
    "the return value has the same type as the number.  ndigits may be negative."

#define DOC_setattr \
    "setattr($module, obj, name, value, /)\n" \
    "--\n" \
    "\n" \
    "Sets the named attribute on the given object to the specified value.\n" \
    "\n" \
    "setattr(x, 'y', v) is equivalent to ``x.y = v``"

#define DOC_sorted \
    "sorted($module, iterable, /, *, key=None, reverse=False)\n" \
    "--\n" \
    "\n" \
    "Return a new list containing all items from the iterable in ascending order.\n" \
    "\n" \
    "A custom key function can be supplied to customize the sort order, and the\n" \
    "reverse flag can be set to request the result in descending order."

#define DOC_sum \
    "sum($module, iterable, /, start=0)\n" \
    "--\n" \
    "\n" \
    "Return the sum of a 'start' value (default: 0) plus an iterable of numbers\n" \
    "\n" \
    "When the iterable is empty, return the start value.\n" \
    "This function is intended specifically for use with numeric values and may\n" \
    "reject non-numeric types."

#define DOC_vars \
    "vars([object]) -> dictionary\n" \
    "\n" \
    "Without arguments, equivalent to locals().\n" \
    "With an argument, equivalent to object.__dict__."

#endif
