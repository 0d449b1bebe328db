# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Metaclasses" (SingletonMeta).
# NORMALISED (allowed by issue 3): the document prints id(db1) and id(db2)
# (4372219952); ids are addresses, so the last line prints whether they are
# equal instead.  Indentation restored; the code is otherwise verbatim.
class SingletonMeta(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class DatabaseConnection(metaclass=SingletonMeta):
    def __init__(self, host):
        self.host = host
        print(f' Creating connection to {host}')
db1 = DatabaseConnection('localhost')
db2 = DatabaseConnection('localhost')
print(f' Same object? {db1 is db2}')
print(f' id(db1) == id(db2): {id(db1) == id(db2)}')
