# lang: expect-stderr
# Lone surrogates written to the standard streams: stdout turns U+DC80..U+DCFF back into bytes
# (surrogateescape) and refuses other surrogates; stderr writes backslash escapes.
import sys
sys.stdout.write('a\udc80b\n'); sys.stderr.write('x\ud800y\udc80\n')
try: sys.stdout.write('q\ud800')
except UnicodeEncodeError as e: print(repr(e), e.args, e.start, e.reason)
print('é\udcff', 'ok')
