# A tiny round-robin scheduler driving coroutines with send(None).
class Yield:
    def __await__(self):
        yield

async def worker(name, n, log):
    total = 0
    for i in range(n):
        log.append(f'{name}{i}')
        total += i
        await Yield()
    return name, total

async def boss(log):
    results = []
    for name, n in [('x', 2), ('y', 1)]:
        results.append(await worker(name, n, log))
    return results

def schedule(coros):
    ready = list(coros)
    results = {}
    while ready:
        c = ready.pop(0)
        try:
            c.send(None)
        except StopIteration as e:
            results[c.__qualname__ + str(len(results))] = e.value
        else:
            ready.append(c)
    return results

log = []
res = schedule([worker('a', 3, log), worker('b', 2, log), boss(log)])
print(log)
for k, v in res.items():
    print(k, v)
