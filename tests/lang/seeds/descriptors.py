# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Descriptors" (PositiveNumber).
# Indentation restored; the code is otherwise verbatim.
class PositiveNumber:
    def __set_name__(self, owner, name):
        self.name = name
        self.private_name = f'_{name}'
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private_name, None)
    def __set__(self, obj, value):
        if not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f'{self.name} must be a positive number, got {value}')
        setattr(obj, self.private_name, value)
class Product:
    price = PositiveNumber()
    quantity = PositiveNumber()
    def __init__(self, name, price, quantity):
        self.name = name
        self.price = price
        self.quantity = quantity
p = Product('Widget', 9.99, 5)
print(f'Product: {p.name}, Price: ${p.price}, Qty: {p.quantity}, Total: ${p.price * p.quantity:.2f}')
try:
    p.price = -5
except ValueError as e:
    print(f'Caught: {e}')
