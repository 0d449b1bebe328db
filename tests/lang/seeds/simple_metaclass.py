# Seed: ../shared/seeds/002_1d035aae437031b5.txt, "Metaclasses" (MyMeta). Verbatim.
class MyMeta(type):
    def __new__(cls, name, bases, dct):
        print(f"Creating class: {name}")
        # Add a custom attribute to the class being created
        dct["custom_attribute"] = 100
        return super().__new__(cls, name, bases, dct)

class MyClass(metaclass=MyMeta):
    pass

print(MyClass.custom_attribute) # Output: 100
