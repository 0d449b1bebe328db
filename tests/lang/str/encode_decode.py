# encode/decode for utf-8, ascii and latin-1 with the standard error handlers.
s = 'aé€😀\udcff'
for enc in ['utf-8', 'ascii', 'latin-1']:
    for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'surrogateescape', 'surrogatepass', 'namereplace']:
        try:
            print(enc, errors, s.encode(enc, errors))
        except UnicodeEncodeError as e:
            print(enc, errors, type(e).__name__ + ':', e)
data = b'a\xc3\xa9\xff\xe2\x82\xac\xed\xb3\xbf'
for enc in ['utf-8', 'ascii', 'latin-1']:
    for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape', 'surrogatepass']:
        try:
            print(enc, errors, ascii(data.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(enc, errors, type(e).__name__ + ':', e)
print('x'.encode(), 'é'.encode('UTF8'), 'é'.encode('utf_8'), 'é'.encode('Latin1'), 'é'.encode('iso-8859-1'), 'x'.encode('us-ascii'))
print(b'\xc3\xa9'.decode(), bytearray(b'\xe2\x82\xac').decode('utf-8'), b'\xe9'.decode('l1'))
print('\udcff'.encode('utf-8', 'surrogateescape'), b'\xff'.decode('utf-8', 'surrogateescape') == '\udcff')
for bad in [b'\xc3', b'\xc3\x28', b'\xe2\x82', b'\xf0\x9f\x98', b'\xf8', b'\xed\xa0\x80', b'\xc0\xaf', b'\xf4\x90\x80\x80']:
    try:
        bad.decode('utf-8')
    except UnicodeDecodeError as e:
        print(bad, e.start, e.end, e.reason)
try:
    'x'.encode('no-such-codec')
except LookupError as e:
    print(type(e).__name__ + ':', e)
try:
    'x'.encode('utf-8', 'no-such-handler')
    print('unused handler not checked')
    'é'.encode('ascii', 'no-such-handler')
except LookupError as e:
    print(type(e).__name__ + ':', e)
print(len('😀'.encode('utf-8')), 'ab'.encode().hex())
