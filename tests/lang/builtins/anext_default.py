# anext(aiterator, default): the awaitable turns StopAsyncIteration into the default.
async def agen():
    yield 'a'
    yield 'b'
def drive(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return 'StopAsyncIteration'
g = agen()
aw = anext(g, 'dflt')
print(type(aw).__name__, aw.__await__() is aw, iter(aw) is aw)
print(drive(aw), drive(anext(g, 'dflt')), drive(anext(g, 'dflt')), drive(anext(g, [1, 2])), drive(anext(g)))
class AIter:
    def __aiter__(self):
        return self
    async def __anext__(self):
        raise StopAsyncIteration
print(drive(anext(AIter(), None)), drive(anext(AIter(), [1])))
async def main():
    ag = agen()
    return [await anext(ag, 0), await anext(ag, 0), await anext(ag, 0), await anext(ag, 'end')]
print(drive(main()))
class Failing:
    def __aiter__(self):
        return self
    async def __anext__(self):
        raise KeyError('inner')
try:
    drive(anext(Failing(), 0))
except KeyError as e:
    print(type(e).__name__ + ':', e)
# next() on the awaitable steps it like send(None)
aw = anext(AIter(), 'via next')
try:
    next(aw)
except StopIteration as e:
    print('StopIteration', e.value)
class NotAwaitable:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 5
try:
    drive(anext(NotAwaitable(), 0))
except TypeError as e:
    print(type(e).__name__ + ':', e)
g2 = agen()
aw = anext(g2, 'x')
try:
    aw.throw(ValueError('thrown'))
except ValueError as e:
    print(type(e).__name__ + ':', e)
