# Evaluation order in calls: function, then arguments left to right.
def t(label, value=None):
    print('eval', label)
    return value if value is not None else label

def f(*a, **k):
    return a, k

print(t('func', f)(t('a'), *t('star', [1]), t('b'), k=t('kw'), **t('dstar', {'m': 1})))

class O:
    def __getattr__(self, name):
        print('getattr', name)
        return f
o = O()
print(o.meth(t('arg')))

# default arguments and annotations are evaluated at def time, left to right
def g(a: t('ann_a') = t('def_a'), *, b: t('ann_b') = t('def_b')) -> t('ret'):
    pass
print(g.__defaults__, g.__kwdefaults__)
print(g.__annotations__)

# the callee is evaluated before the arguments, even if an argument rebinds it
def first(): return 'first'
def second(): return 'second'
name = first
def rebind():
    global name
    name = second
    return 0
print(name(*(() if rebind() else ())))
print(name())
