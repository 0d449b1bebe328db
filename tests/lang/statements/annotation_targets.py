# Annotated assignments to attributes and subscripts: what is evaluated where.
def f():
    try:
        a.b: int
    except NameError as e:
        print('NameError', e)
    try:
        c[d]: int
    except NameError as e:
        print('NameError', e)
f()
class K:
    try:
        q.b: undefined_ann
    except NameError as e:
        print('NameError', e)
    try:
        o = 1
        o.b: undefined_ann
    except NameError as e:
        print('NameError', e)
try:
    (zz): undefined_ann2
except NameError as e:
    print('NameError', e)
def g():
    (zz): undefined_ann2
g()
