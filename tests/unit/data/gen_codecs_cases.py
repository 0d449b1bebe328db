#!/usr/bin/python3.11
"""Writes codecs_cases.h for tests/unit/test_codecs.c from CPython 3.11.

Run with Debian's /usr/bin/python3.11 (the reference):
    /usr/bin/python3.11 tests/unit/data/gen_codecs_cases.py > tests/unit/data/codecs_cases.h

Each case is one call of a _codecs function with one error handler, and what
CPython returns: the output and consumed count, or the exception's data
(kind, encoding, start, end, reason, message).  The handler 'rec' is a custom
handler that records each call, so every error range a codec reports is
checked, not only the first."""
import codecs, random, sys, warnings

warnings.simplefilter('ignore')
rnd = random.Random(4)
calls = []

def rec(e):
    calls.append('%d-%d:%s' % (e.start, e.end, e.reason))
    return ('#' if isinstance(e, UnicodeEncodeError) else '\ufffd', e.end)

codecs.register_error('rec', rec)

HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape',
            'surrogatepass', 'xmlcharrefreplace', 'namereplace', 'rec']

# A charmap table with undefined slots (U+FFFE) and a duplicate.
TABLE = ''.join(chr(i) if i < 0x80 else ('\ufffe' if i % 7 == 0 else chr(0x400 + i))
                for i in range(256))
TABLE = TABLE[:0x41] + 'a' + TABLE[0x42:]
EMAP = codecs.charmap_build(TABLE)

DECODERS = {
    'utf_8': lambda d, e, f: codecs.utf_8_decode(d, e, f),
    'utf_16': lambda d, e, f: codecs.utf_16_ex_decode(d, e, 0, f),
    'utf_16_le': lambda d, e, f: codecs.utf_16_le_decode(d, e, f),
    'utf_16_be': lambda d, e, f: codecs.utf_16_be_decode(d, e, f),
    'utf_32': lambda d, e, f: codecs.utf_32_ex_decode(d, e, 0, f),
    'utf_32_le': lambda d, e, f: codecs.utf_32_le_decode(d, e, f),
    'utf_32_be': lambda d, e, f: codecs.utf_32_be_decode(d, e, f),
    'latin_1': lambda d, e, f: codecs.latin_1_decode(d, e),
    'ascii': lambda d, e, f: codecs.ascii_decode(d, e),
    'charmap': lambda d, e, f: codecs.charmap_decode(d, e, TABLE),
    'unicode_escape': lambda d, e, f: codecs.unicode_escape_decode(d, e, f),
    'raw_unicode_escape': lambda d, e, f: codecs.raw_unicode_escape_decode(d, e, f),
    'escape': lambda d, e, f: codecs.escape_decode(d, e),
}
ENCODERS = {
    'utf_8': lambda s, e: codecs.utf_8_encode(s, e),
    'utf_16': lambda s, e: codecs.utf_16_encode(s, e),
    'utf_16_le': lambda s, e: codecs.utf_16_le_encode(s, e),
    'utf_16_be': lambda s, e: codecs.utf_16_be_encode(s, e),
    'utf_32': lambda s, e: codecs.utf_32_encode(s, e),
    'utf_32_le': lambda s, e: codecs.utf_32_le_encode(s, e),
    'utf_32_be': lambda s, e: codecs.utf_32_be_encode(s, e),
    'latin_1': lambda s, e: codecs.latin_1_encode(s, e),
    'ascii': lambda s, e: codecs.ascii_encode(s, e),
    'charmap': lambda s, e: codecs.charmap_encode(s, e, EMAP),
    'unicode_escape': lambda s, e: codecs.unicode_escape_encode(s, e),
    'raw_unicode_escape': lambda s, e: codecs.raw_unicode_escape_encode(s, e),
}

def cbytes(b):
    return '"' + ''.join('\\x%02x' % c for c in b) + '"'

def cstr(s):
    out = []
    for ch in s:
        o = ord(ch)
        out.append(ch if 0x20 <= o < 0x7f and ch not in '"\\?' else '\\x%02x""' % o)
    return '"' + ''.join(out) + '"'

def ccps(s):
    return '(const uint32_t[]){%s0}' % ''.join('%d,' % ord(c) for c in s)

def run(f):
    calls.clear()
    try:
        r = f()
        return ('ok', r)
    except (UnicodeDecodeError, UnicodeEncodeError) as x:
        return ('raise', x)
    except (TypeError, ValueError, IndexError) as x:
        return ('exc', x)

lines = []
def emit(codec, encode, errors, final, inp, outcome):
    kind, r = outcome
    if encode:
        in_c = '%s, %d' % (ccps(inp), len(inp))
    else:
        in_c = '%s, %d' % (cbytes(inp), len(inp))
    out_c, consumed, reason, start, end, enc, msg = '0, 0', 0, '""', 0, 0, '""', '""'
    if kind == 'ok':
        val, consumed = r[0], r[1]
        if isinstance(val, str):
            out_c = '%s, %d' % (ccps(val), len(val))
        else:
            out_c = '%s, %d' % (cbytes(val), len(val))
    elif kind == 'raise':
        reason, start, end, enc = cstr(r.reason), r.start, r.end, cstr(r.encoding)
        msg = cstr(str(r))
    else:
        msg = cstr('%s: %s' % (type(r).__name__, r))
    lines.append('{"%s", %d, "%s", %d, %s, %d, %s, %d, %s, %d, %d, %s, %s, %s},'
                 % (codec, encode, errors, final, in_c, {'ok': 0, 'raise': 1, 'exc': 2}[kind],
                    out_c, consumed, reason, start, end, enc, msg, cstr(';'.join(calls))))

BYTE_POOL = [0x00, 0x41, 0x5c, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f,
             0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff, 0xfe, 0xd8, 0xdc, 0x11, 0x10, 0x61]
ESC_POOL = list(b'\\\\\\xuUN{}0178abfntrvq\'"\n') + [0x30, 0x39, 0x41, 0x46, 0x80, 0xff]

def rand_bytes(pool):
    n = rnd.randrange(0, 12)
    return bytes(rnd.choice(pool) if rnd.random() < 0.8 else rnd.randrange(256) for _ in range(n))

CP_POOL = [0x41, 0x7f, 0x80, 0xff, 0x100, 0x7ff, 0x800, 0x20ac, 0xd7ff, 0xd800, 0xdbff,
           0xdc00, 0xdc80, 0xdcff, 0xdfff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff,
           0x5c, 0x0a, 0x09, 0x00, 0x27, 0x22, 0x410 + 0x83, 0x400 + 0x90]

def rand_str():
    n = rnd.randrange(0, 8)
    return ''.join(chr(rnd.choice(CP_POOL) if rnd.random() < 0.8 else rnd.randrange(0x110000))
                   for _ in range(n))

EDGE_BYTES = [b'', b'a', b'\xff', b'\x80\x81', b'\xc2', b'\xc2\x41', b'\xe2\x82', b'\xe2\x82\xac',
              b'\xe0\x80\x80', b'\xed\xa0\x80', b'\xed\xa0', b'\xed\xbf\xbf', b'\xf0\x90\x80',
              b'\xf0\x90\x80\x80', b'\xf4\x90\x80\x80', b'\xf4\x8f\xbf\xbf', b'\xf8\x88',
              b'\xff\xfe', b'\xfe\xff', b'\xff', b'\xff\xfea\x00', b'\xfe\xff\x00a',
              b'\x00\xd8', b'\x00\xd8\x00', b'\x00\xd8\x00\xdc', b'\x00\xdc', b'\xd8\x00\xdc\x00',
              b'\xff\xfe\x00\x00', b'\x00\x00\xfe\xff', b'\x00\x00\x11\x00', b'\x00\xd8\x00\x00',
              b'\x00\x00\xd8\x00', b'abc\x00', b'hello world, this is ascii\xe2\x82\xac!',
              b'\\', b'\\x', b'\\x4', b'\\x41', b'\\x4g', b'\\u12', b'\\u1234', b'\\U0010ffff',
              b'\\U00110000', b'\\N', b'\\N{', b'\\N{DIGIT ONE}', b'\\N{foo}', b'\\N{}', b'\\Nx',
              b'\\q', b'\\777', b'\\101\\7', b'a\\\nb', b'\\\\u1234', b'\\\\\\u1234', b'\\\\',
              b'\\\\\\', b'\\U12', b'\\N{LATIN SMALL LETTER A', b'\\x\\x', b'a\\']
EDGE_STRS = ['', 'a', '\x80', '\xff', '\u0100', '\ud800', '\udc80', '\udcff', '\ud800\udc00',
             'a\ud800\udfffb', '\U0001f600', '\u20ac', 'a\\b\n\t\r\x00\x7f', '\U0010ffff',
             '\ud83d\ude00', 'x\udc80\udc81y', '\x80\x81\u0480\x41']

for codec, dec in DECODERS.items():
    ins = EDGE_BYTES + [rand_bytes(ESC_POOL if 'escape' in codec else BYTE_POOL)
                        for _ in range(60)]
    for d in ins:
        for errors in HANDLERS:
            if codec == 'escape' and errors not in ('strict', 'ignore', 'replace'):
                continue
            for final in (True, False):
                if not final and codec in ('latin_1', 'ascii', 'charmap', 'escape'):
                    continue
                emit(codec, 0, errors, final, d, run(lambda: dec(d, errors, final)))
for codec, enc in ENCODERS.items():
    for s in EDGE_STRS + [rand_str() for _ in range(60)]:
        for errors in HANDLERS:
            if 'escape' in codec and errors != 'strict':
                continue
            emit(codec, 1, errors, 1, s, run(lambda: enc(s, errors)))

# namereplace over characters with and without names: algorithmic names
# (Hangul, CJK, including the ends of the ranges and ideographs newer than
# Unicode 14.0), characters with aliases, controls, noncharacters, private
# use, Tangut (no name in 3.11) and characters added after 14.0.  Not
# U+F0000..U+F03CC: there CPython's namereplace gives the names of aliases
# and named sequences (its database's internal numbering leaks through),
# which Krait does not reproduce.
NAME_POOL = [0x00, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0xad, 0xe9, 0xff, 0x100, 0x1a2, 0x20ac,
             0x200b, 0xfeff, 0xfffd, 0xfdd0, 0xffff, 0xe000, 0xfffff, 0x10ffff, 0xd800,
             0xdfff, 0xac00, 0xd7a3, 0xd7a4, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0x20000,
             0x2a6df, 0x2a6e0, 0x2ebe0, 0x30000, 0x3134a, 0x3134b, 0x31350, 0xf900,
             0x17000, 0x18b00, 0x1b170, 0x1d0c5, 0x1f600, 0x1f6dd, 0x1fae8, 0x0f68,
             0x1180, 0xfe00, 0xe0100, 0x1d400, 0x0e3f, 0x2028, 0x1cf50, 0x11f00]

for codec, enc in ENCODERS.items():
    if 'escape' in codec:
        continue
    for _ in range(25):
        s = ''.join(chr(rnd.choice(NAME_POOL) if rnd.random() < 0.85
                        else rnd.randrange(0x110000)) for _ in range(rnd.randrange(1, 6)))
        emit(codec, 1, 'namereplace', 1, s, run(lambda: enc(s, 'namereplace')))

print('/* Generated by gen_codecs_cases.py from CPython %s; do not edit. */'
      % sys.version.split()[0])
print('static const uint32_t charmap_table[256] = {%s};'
      % ','.join('%d' % ord(c) for c in TABLE))
print('static const CodecCase codec_cases[] = {')
print('\n'.join(lines))
print('};')
