# throw() and close() on coroutines; cr_await and cr_running.
class Pause:
    def __await__(self):
        yield 'paused'

async def task():
    try:
        await Pause()
        print('resumed normally')
    except ValueError as e:
        print('task caught', e)
        await Pause()
        return 'after error'
    finally:
        print('task finally')

t = task()
print(t.send(None))
print(t.cr_await is not None, t.cr_running)
print(t.throw(ValueError('injected')))
try:
    t.send(None)
except StopIteration as e:
    print('returned', e.value)

t2 = task()
t2.send(None)
t2.close()
print('closed', t2.cr_frame)

t3 = task()
try:
    t3.throw(KeyError('before start'))
except KeyError as e:
    print('unstarted coroutine raised', repr(e))

async def nested():
    return await task()
n = nested()
print(n.send(None))
print(n.throw(ValueError('deep')))
n.close()
print('done', n.cr_frame)
