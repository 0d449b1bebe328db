#!/usr/bin/python3.11
"""Generates the data of tests/unit/test_source_decoding.c from CPython 3.11.

Run with Debian's /usr/bin/python3.11 from anywhere:

    /usr/bin/python3.11 tests/unit/data/decoding/gen_cases.py

It writes, in this directory:

files/NAME.py   the source files of FILE_CASES (bytes as listed below);
files/NAME.exp  for a file python3.11 rejects: its stderr from running
                `python3.11 NAME.py` in files/, the directory of the file
                (which CPython prints as part of the absolute path) replaced
                by @DIR@;
files/NAME.ast  for a file python3.11 runs: ast.dump(ast.parse(bytes),
                include_attributes=True), having checked that running it
                prints nothing (the cases only assign); where running the
                file reads other text than ast.parse would, the case gives
                the bytes that ast.parse reads the same way;
cases.h         the list of those files, COMPILE_CASES (compile() of bytes:
                the decoded text, or the error message, which has no
                position), and CODEC_CASES: for many codec names, what
                codecs.lookup() finds (no codec, a non-text codec, the
                'undefined' codec, UTF-8, Latin-1, ASCII, a table codec or
                another one) and, for table codecs, an FNV-1a hash of the
                character of each byte (what bytes([i]).decode(name) gives,
                0xFFFFFFFF where it fails).

Nothing in these files is written by hand.
"""
import ast
import codecs
import glob
import importlib
import os
import re
import shutil
import subprocess
import sys

assert sys.version_info[:3] == (3, 11, 2), "expected values come from Debian's 3.11.2"

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
PYTHON = sys.executable

# A line of 65 bytes, to fill files up to the 8192-byte chunks in which
# io.TextIOWrapper decodes what follows a coding declaration.
PAD = b"# padding padding padding padding padding padding padding padding\n"


def fill_to(head, offset):
    """PAD lines after head while the text stays below `offset` bytes."""
    body = b""
    while len(head) + len(body) + len(PAD) <= offset:
        body += PAD
    return head + body


CP = b"# coding: cp1252\n"
# The chunks start one byte before the line after the declaration.
CHUNK1 = len(CP) - 1 + 8192          # offset of the second chunk in the file

FILE_CASES = [
    # --- No declaration: every line must be UTF-8 ("Non-UTF-8 code").
    ("nonutf8_comment", b"x = 1 # \xf6\n"),
    ("nonutf8_string_line2", b'x = 1\ny = "\xf6"\n'),
    ("nonutf8_first_bad_byte", b'x = 1\n# ok\ny = "a\xc3\xa9\xf6\xe9"\n'),
    ("nonutf8_overlong", b"# \xc0\x80\n"),
    ("nonutf8_overlong_e0", b"# \xe0\x80\x80\n"),
    ("nonutf8_surrogate", b"# \xed\xa0\x80\n"),
    ("nonutf8_f5", b"# \xf5\x80\x80\x80\n"),
    ("nonutf8_beyond_max", b"# \xf4\x90\x80\x80\n"),
    ("nonutf8_cut_at_newline", b"# \xe2\x82\n"),
    ("nonutf8_cut_before_ascii", b"# \xe2\x82x\n"),
    ("nonutf8_continuation", b"# \x80\n"),
    ("nonutf8_ff", b"\xff\n"),
    ("nonutf8_last_line_no_newline", b"x = 1\n# \xf6"),
    ("nonutf8_crlf", b"x = 1\r\ny = 2\r\n# \xf6\r\n"),
    ("nonutf8_after_blank_lines", b"x = 1\n    \n\t\n# \xf6\n"),
    ("nonutf8_in_indentation", b"x = 1\n\n\n   \xf6\n"),
    ("nonutf8_after_dedent", b"if 1:\n  x = 1\n\xf6\n"),
    ("nonutf8_in_brackets", b"x = (\n1 +\n# \xf6\n"),
    ("nonutf8_in_triple_quoted", b'x = """\n\xf6"""\n'),
    ("nonutf8_after_continuation", b"x = 1 \\\n\xf6\n"),
    ("nonutf8_in_continued_string", b"x = 'a\\\n\xf6'\n"),
    ("nonutf8_after_token_error", b"x = $\n# \xf6\n"),
    ("nonutf8_after_parser_error", b"def f(:\n  pass\n# \xf6\n"),
    ("nonutf8_after_parser_error_same_line", b"x = = 1 # \xf6\n"),
    ("nonutf8_beats_never_closed", b"x = (\n1 $\n# \xf6\n"),
    ("nonutf8_beats_unclosed_bracket", b"x = [1, 2\ny = 3\n# \xf6\n"),
    ("nonutf8_beats_unterminated_triple", b'x = """\n' + b"a\n" * 5 + b"\xf6\n"),
    ("nonutf8_after_missing_block", b"try:\n    pass\n\xf6\n"),
    ("nonutf8_unexpected_indent_wins", b"x = 1\n  y = 2\n# \xf6\n"),
    ("nonutf8_unterminated_string_wins", b"x = 'abc\n\xf6\n"),
    ("nonutf8_dedent_error_wins", b"if 1:\n    x = 1\n  y = 2\n\xf6\n"),
    ("nonutf8_bad_number_wins", b"x = 0x\n\xf6\n"),
    ("nonutf8_unmatched_wins", b"x = 1)\n\xf6\n"),
    ("nonutf8_continuation_error_wins", b"x = 1 \\ \n\xf6\n"),
    # The NUL byte drops the rest of its line (ast.parse is given the rest).
    ("nonutf8_after_nul", b"x = 1\x00\xf6\n", b"x = 1\n"),
    ("nonutf8_line1_before_declaration", b"# \xf6\n# coding: latin-1\n"),
    ("nonutf8_line2_before_declaration", b"#!/usr/bin/python\n# \xe9\n# coding: latin-1\n"),
    ("nonutf8_line1_before_utf8_declaration", b"#!/usr/bin/python \xf6\n# coding: utf-8\n"),
    ("valid_utf8_4byte", b"# \xf0\x9f\x98\x80 \xc2\xa0 \xef\xbf\xbf \xf4\x8f\xbf\xbf\nx = 1\n"),
    # --- A BOM or a "utf-8" declaration: no line is checked.
    ("utf8_declared_comment", b"# coding: utf-8\nx = 1 # \xf6\n"),
    ("utf8_declared_line2_after_line1_ok", b"#!/usr/bin/python\n# coding: utf-8 \xf6\nx = '\xc3\xa9'\n"),
    ("bom_comment", b"\xef\xbb\xbfx = 1 # \xf6\n"),
    ("bom_then_error", b"\xef\xbb\xbfx = 1 # \xf6\ny = $\n"),
    ("utf_8_sig_declared", b"# coding: utf-8-sig\nx = 1\n"),
    ("utf8_upper_declared", b"# coding: UTF-8\nx = 1\n"),
    # --- Declared names.
    ("bad_name", b"# coding: foobar\nx = 1\n"),
    ("bad_name_uft8", b"# -*- coding: uft-8 -*-\nx = 1\n"),
    ("bom_utf8_name", b"\xef\xbb\xbf# coding: utf8\nx = 1\n"),
    ("bom_latin1", b"\xef\xbb\xbf# coding: latin-1\n"),
    ("name_with_dot", b"# coding: latin-1.x\nx = 1\n"),
    ("name_cp_dash", b"# coding: cp-1252\nx = 1\n"),
    ("name_not_text", b"# coding: rot13\nx = 1\n"),
    ("name_hex", b"# coding: hex\nx = 1\n"),
    ("name_aliases_module", b"# coding: aliases\nx = 1\n"),
    ("name_mbcs", b"# coding: mbcs\nx = 1\n"),
    ("name_undefined", b"# coding: undefined\nx = 1\n"),
    ("name_utf8_sig_unknown", b"# coding: utf8-sig\nx = 1\n"),
    ("name_charmap", b'# coding: charmap\nx = "\xe9"\n'),
    ("name_iso_latin_1_x", b'# coding: iso-latin-1-x\nx = "\xe9"\n'),
    # --- Codecs.
    ("latin1", b'# coding: latin-1\nx = "\xe9"\n\xe9t\xe9 = 1\n'),
    ("latin1_crlf_cr", b'# coding: latin-1\r\nx = "\xe9"\ry = 2\r\n'),
    ("latin1_no_final_newline", b"# coding: latin-1"),
    ("latin1_nul_line", b"# coding: latin-1\nx = 1\n\x00\ny = 2\n"),
    ("latin1_line2", b'#!/usr/bin/python\n# -*- coding: iso-8859-1 -*-\n\xe9 = "\xff"\n'),
    ("ascii_ok", b"# coding: ascii\nx = 1\n"),
    ("ascii_bad", b'# coding: ascii\nx = "\xe9"\n'),
    ("utf8_codec_bad_comment", b"# coding: utf8\nx = 1 # \xf6\n"),
    ("utf8_codec_ok", b'# coding: utf8\nx = "\xc3\xa9"\n'),
    ("utf8_codec_cut_at_end", b'# coding: utf8\nx = "\xc3\xa9"\ny = 1\nx = 1\xc3'),
    ("cp1252", b'# coding: cp1252\nx = "\x80\x85\x9f"\n'),
    ("cp1252_undefined", b'# coding: cp1252\nx = "\x81"\n'),
    ("koi8_r", b"# coding: koi8-r\n\xc1\xc2 = '\xd0\xd2\xc9\xd7\xc5\xd4'\n"),
    ("koi8_u_line2", b"#!python\n# vim: set fileencoding=koi8_u :\nx = '\xa4\xa6\xa7'\n"),
    ("iso8859_15", b'# coding: iso-8859-15\nx = "\xa4"\n'),
    ("mac_roman", b"# coding: mac-roman\nx = '\x80\xa5'\n"),
    ("cp437", b"# coding: cp437\nx = '\xb0\xb1\xb2'\n"),
    # In cp037 the newline ending the declaration is no newline: the first
    # readline() skips the whole next line (ast.parse is given the rest).
    ("cp037_swallows_line", b"# coding: cp037\n" + "x = 1\ny = 'abc'\n".encode("cp037"),
     b"# coding: utf-8\ny = 'abc'\n"),
    ("cp037_error", b"# coding: cp037\n" + "x = 1\n".encode("cp037") + b"\x25print('a')\n"),
    # --- Undecodable bytes in a later chunk: "(unicode error)" at the last
    # line read, when the tokenizer reads the line that needs the chunk.
    ("chunk_cp1252", fill_to(CP, CHUNK1 + 300) + b'y = "\x81"\n' + PAD * 3),
    ("chunk_ascii", fill_to(b"# coding: ascii\n", CHUNK1 + 100) + b'y = "\xe9"\n'),
    ("chunk_utf8_codec", fill_to(b"# coding: utf8\n", CHUNK1 + 10) + b'y = "\xff"\n'),
    ("chunk_in_string", fill_to(CP, CHUNK1 - 400) + b'x = """\n' + PAD * 10 + b'"""\ny = "\x81"\n'),
    ("chunk_in_brackets", fill_to(CP, CHUNK1 - 400) + b"x = (1 +\n" + b"2 +\n" * 120 + b"\x81)\n"),
    ("chunk_line2_declaration", fill_to(b"#!/usr/bin/env python\n# coding: cp1252\n", CHUNK1 + 100)
     + b'y = "\x81"\n'),
    ("chunk_crlf", fill_to(b"# coding: cp1252\r\n", CHUNK1 + 100).replace(b"\n", b"\r\n")
     + b'y = "\x81"\r\n'),
    # A '\r' as the last byte of the first chunk may start "\r\n": the line
    # it ends needs the next chunk.
    ("chunk_cr_at_end", fill_to(CP, CHUNK1 - 70) + b"#" * (CHUNK1 - 1 - len(fill_to(CP, CHUNK1 - 70)))
     + b"\ry = 1\n" + b'z = "\x81"\n'),
    ("chunk_crlf_at_end", fill_to(CP, CHUNK1 - 70) + b"#" * (CHUNK1 - 1 - len(fill_to(CP, CHUNK1 - 70)))
     + b"\r\ny = 1\n" + b'z = "\x81"\n'),
    ("chunk_lf_at_end", fill_to(CP, CHUNK1 - 70) + b"#" * (CHUNK1 - 1 - len(fill_to(CP, CHUNK1 - 70)))
     + b"\ny = 1\n" + b'z = "\x81"\n'),
    ("chunk_first_line", fill_to(CP, CHUNK1 - 70) + b"#" * (CHUNK1 - len(fill_to(CP, CHUNK1 - 70)))
     + b'\nz = "\x81"\n'),
    # A UTF-8 character cut by the chunk boundary is carried over.
    ("chunk_utf8_codec_cut_char", fill_to(b"# coding: utf8\n", CHUNK1 - 70)
     + b"#" * (CHUNK1 - 1 - len(fill_to(b"# coding: utf8\n", CHUNK1 - 70))) + b"\xc3\xa9\n"
     + b'x = "\xc3\xa9"\n'),
    ("chunk_ok", fill_to(CP, CHUNK1 + 10) + b'y = "\x80"\n'),
]

COMPILE_CASES = [
    b'# coding: cp1252\nx = "\x81"\n',
    b'# coding: cp1252\r\nx = "\x80"\r\n',
    b'# coding: ascii\nx = "\xe9"\n',
    b"# coding: foobar\n",
    b"# coding: rot13\nx=1\n",
    b"# coding: undefined\nx=1\n",
    b"# coding: utf8\nx = 1 # \xff\n",
    b"\xef\xbb\xbf# coding: latin-1\n",
    b"# coding: koi8-r\nx = '\xc1'\n",
    b"#!/usr/bin/python\n# coding: mac-roman\nx = '\x80'\n",
    b"# coding: latin-1\nx = 1\n",
    b"x = 1 # \xff\n",
]

CODEC_NAMES_EXTRA = [
    "KOI8-R", "koi8_r", "Latin-1", "latin.1", "LATIN1", "utf8_sig", "utf-8-sig", "UTF8",
    "cp-1252", "CP1252", "windows-1252", "ISO_8859-15", "iso8859_15", "iso-8859-15",
    "mac-roman", "macroman", "MacRoman", "mac_roman", "u8", "tis-620", "tis620", "hz",
    "base64", "rot13", "rot-13", "hex", "zip", "undefined", "mbcs", "dbcs", "oem",
    "aliases", "charmap", "", "-", "..", "utf..8", "utf-16", "utf_32_le", "shift_jis",
    "x-mac-japanese", "euc-jp", "idna", "punycode", "unicode_escape", "raw_unicode_escape",
    "utf-7", "cp65001", "ansi_x3.4_1968", "ANSI_X3.4-1968", "iso_646.irv:1991", "646",
    "us-ascii", "__init__", "init", "normalize_encoding", "codecs", "cp_1252", "8859",
    "latin_1", "iso_ir_100", "csISOLatin1", "l1", "cp819", "kz_1048", "ptcp154", "cp273",
    "hp_roman8", "roman8", "koi8_t", "mac_latin2", "maccentraleurope", "palmos", "cp1125",
    "ruscii", "866u", "iso-ir-144", "cyrillic", "greek", "hebrew", "arabic", "thai",
    "a" * 70, "utf_8", "ascii", "latin", "iso8859", "utf",
]

KIND = {
    "utf_8": "CODEC_UTF8", "utf_8_sig": "CODEC_UTF8", "latin_1": "CODEC_LATIN1",
    "charmap": "CODEC_LATIN1", "ascii": "CODEC_ASCII", "undefined": "CODEC_FAILS",
}


def cstr(b):
    out = ['"']
    prev_hex = False
    for c in b:
        ch = chr(c)
        if ch in '"\\':
            out.append("\\" + ch)
            prev_hex = False
        elif 32 <= c < 127 and not (prev_hex and ch in "0123456789abcdefABCDEF"):
            out.append(ch)
            prev_hex = False
        else:
            out.append("\\x%02x" % c)
            prev_hex = True
    out.append('"')
    return "".join(out)


def fnv(values):
    h = 0xcbf29ce484222325
    for v in values:
        for k in range(4):
            h ^= (v >> (8 * k)) & 0xFF
            h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def codec_case(name):
    try:
        info = codecs.lookup(name)
    except LookupError:
        return "CODEC_UNKNOWN", 0
    if not info._is_text_encoding:
        return "CODEC_NOT_TEXT", 0
    module = info.incrementaldecoder.__module__.rsplit(".", 1)[-1]
    if module in KIND:
        return KIND[module], 0
    mod = importlib.import_module("encodings." + module)
    if isinstance(getattr(mod, "decoding_table", None), str):
        chars = []
        for i in range(256):
            try:
                s = bytes([i]).decode(name)
                assert len(s) == 1
                chars.append(ord(s))
            except UnicodeDecodeError:
                chars.append(0xFFFFFFFF)
        return "CODEC_CHARMAP", fnv(chars)
    return "CODEC_UNSUPPORTED", 0


def run_file(name):
    r = subprocess.run([PYTHON, "-E", "-X", "utf8", name + ".py"], cwd=FILES,
                       capture_output=True, timeout=30)
    d = os.path.realpath(FILES).encode()
    return r.returncode, r.stdout, r.stderr.replace(d + b"/", b"@DIR@/")


def compile_result(src):
    """('ok', decoded text) or ('error', message) for compile(src)."""
    try:
        compile(src, "<test>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        assert not e.lineno, (src, e)
        return "error", e.msg.encode()
    enc = "utf-8"
    text = src
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines = text.split(b"\n")
    m = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
    for i, line in enumerate(lines[:2]):
        g = m.match(line)
        if g:
            enc = g.group(1).decode()
            break
        if not re.match(rb"^[ \t\f]*(#.*)?$", line):
            break
    out = text.decode(enc, "surrogateescape") if codecs.lookup(enc).name == "utf-8" else text.decode(enc)
    out = out.encode("utf-8", "surrogateescape")
    if out and not out.endswith(b"\n"):
        out += b"\n"
    return "ok", out


def main():
    if os.path.isdir(FILES):
        shutil.rmtree(FILES)
    os.makedirs(FILES)
    names = [c[0] for c in FILE_CASES]
    assert len(set(names)) == len(names)
    rows = []
    for name, src, *same in FILE_CASES:
        with open(os.path.join(FILES, name + ".py"), "wb") as f:
            f.write(src)
        rc, out, err = run_file(name)
        if rc == 0:
            assert out == b"" and err == b"", (name, out, err)
            tree = ast.dump(ast.parse(same[0] if same else src), include_attributes=True) + "\n"
            with open(os.path.join(FILES, name + ".ast"), "w", encoding="utf-8") as f:
                f.write(tree)
            rows.append((name, "true"))
        else:
            assert rc == 1 and out == b"", (name, rc, out, err)
            with open(os.path.join(FILES, name + ".exp"), "wb") as f:
                f.write(err)
            rows.append((name, "false"))

    names = sorted(set(CODEC_NAMES_EXTRA) | set(importlib.import_module("encodings.aliases").aliases)
                   | {os.path.basename(p)[:-3]
                      for p in glob.glob(os.path.join(sys.prefix, "lib", "python3.11", "encodings", "*.py"))})
    out = [
        "/* Generated by gen_cases.py from CPython %s; do not edit. */" % sys.version.split()[0],
        "",
        "/* Files under files/: NAME.py, with NAME.ast (runs) or NAME.exp (rejected). */",
        "static const struct { const char *name; bool runs; } file_cases[] = {",
    ]
    out += ["    {%s, %s}," % (cstr(n.encode()), ok) for n, ok in rows]
    out += ["};", "",
            "/* compile() of bytes: the decoded text, or the SyntaxError's message. */",
            "static const struct { const char *src; size_t len; bool ok; const char *out; size_t out_len; } compile_cases[] = {"]
    for src in COMPILE_CASES:
        kind, res = compile_result(src)
        out.append("    {%s, %d, %s, %s, %d}," % (cstr(src), len(src), "true" if kind == "ok" else "false",
                                                cstr(res), len(res)))
    out += ["};", "",
            "/* codecs.lookup(name): the kind of codec, and for table codecs the FNV-1a hash",
            " * of its 256 characters (each as 4 little-endian bytes, 0xFFFFFFFF undefined). */",
            "static const struct { const char *name; SourceCodecKind kind; uint64_t hash; } codec_cases[] = {"]
    for n in names:
        kind, h = codec_case(n)
        out.append("    {%s, %s, UINT64_C(0x%016x)}," % (cstr(n.encode()), kind, h))
    out.append("};")
    with open(os.path.join(HERE, "cases.h"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("gen_cases: %d files, %d compile cases, %d codec names" % (len(rows), len(COMPILE_CASES), len(names)))


main()
