# __set_name__ is called on class attributes when the class is created.
class Field:
    def __set_name__(self, owner, name):
        print('__set_name__', owner.__name__, name)
        self.owner, self.name = owner, name

class Model:
    first = Field()
    second = Field()
    alias = first                  # called again with the other name
    not_a_field = 3

print(Model.first.name, Model.second.owner.__name__, Model.alias is Model.first)

# assigning later does not call it
Model.third = Field()
print(hasattr(Model.third, 'name'))

# it comes from the type, not the instance
class Obj:
    pass
o = Obj()
o.__set_name__ = lambda *a: print('instance attribute, ignored')
class Holder:
    thing = o
print('done')

# errors in __set_name__ are wrapped in RuntimeError in 3.11
class Faulty:
    def __set_name__(self, owner, name):
        raise ValueError('bad field')
try:
    class Broken:
        f = Faulty()
except Exception as e:
    print(type(e).__name__, e, '| cause:', repr(e.__cause__))

# works with type() too, and happens before __init_subclass__
class Base:
    def __init_subclass__(cls):
        print('__init_subclass__ of', cls.__name__)
Dyn = type('Dyn', (Base,), {'f': Field()})
print(Dyn.f.name)
