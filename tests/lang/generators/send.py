# generator.send(): values flow into the generator.
def averager():
    total = count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count

avg = averager()
print(avg.send(None))
print(avg.send(10))
print(avg.send(20))
print(avg.send(60))

def g():
    x = yield 1
    print('received', x)
    y = yield x * 2
    print('received', y)
gen = g()
try:
    gen.send(5)
except TypeError as e:
    print(type(e).__name__, e)
print(next(gen))
print(gen.send(21))
try:
    gen.send('last')
except StopIteration as e:
    print('StopIteration', repr(e.value))

# send on an exhausted generator raises StopIteration again
try:
    gen.send(1)
except StopIteration as e:
    print('again StopIteration', e.args)

# a generator cannot resume itself
def selfish():
    yield me.send(None)
me = selfish()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
