# async with: __aenter__ / __aexit__ at the language level.
class Step:
    def __await__(self):
        yield

class Resource:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    async def __aenter__(self):
        print('enter', self.name)
        await Step()
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        await Step()
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.suppress

def run(coro):
    steps = 0
    while True:
        try:
            coro.send(None)
            steps += 1
        except StopIteration as e:
            return steps, e.value

async def main():
    async with Resource('a') as a, Resource('b') as b:
        print('body', a, b)
    async with Resource('quiet', suppress=True):
        raise KeyError('swallowed')
    try:
        async with Resource('loud'):
            raise ValueError('escapes')
    except ValueError as e:
        print('caught', e)
    return 'ok'

print(run(main()))

class Sync:
    def __enter__(self): return self
    def __exit__(self, *a): pass

async def wrong():
    async with Sync():
        pass
try:
    run(wrong())
except TypeError as e:
    print(type(e).__name__, e)

async def wrong2():
    with Resource('x'):
        pass
try:
    run(wrong2())
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)

class BadEnter:
    def __aenter__(self): return 1
    def __aexit__(self, *a): return 1
async def wrong3():
    async with BadEnter():
        pass
try:
    run(wrong3())
except TypeError as e:
    print(type(e).__name__, e)
