# lang: expect-stderr
# A custom sys.excepthook replaces the traceback; the exit status is still 1.
import sys
def hook(exc_type, exc, tb):
    print(f'custom hook: {exc_type.__name__}: {exc}; frames: {tb.tb_frame.f_code.co_name}')
sys.excepthook = hook
print('about to fail')
raise KeyError('missing')
