# bench: exceptions raised and caught in a loop
# A small exception hierarchy, raise/except by base class, except tuples,
# try/finally, raise ... from, KeyError from dict lookups, a validation
# function that reports errors by raising.


class AppError(Exception):
    pass


class ValidationError(AppError):
    def __init__(self, field, value):
        super().__init__(f"bad {field}: {value}")
        self.field = field
        self.value = value


class NotFound(AppError):
    pass


def validate(rec):
    if rec["age"] < 0:
        raise ValidationError("age", rec["age"])
    if not rec["name"]:
        raise ValidationError("name", rec["name"])
    return rec["age"]


def lookup(table, key):
    try:
        return table[key]
    except KeyError as e:
        raise NotFound(key) from e


def main():
    table = {i: i * i for i in range(0, 1000, 3)}
    ok = bad = missing = finals = 0
    fields = {}
    for i in range(700000):
        rec = {"name": "" if i % 11 == 0 else "n", "age": i % 7 - 2}
        try:
            ok += validate(rec)
        except ValidationError as e:
            bad += 1
            fields[e.field] = fields.get(e.field, 0) + 1
        try:
            try:
                ok += lookup(table, i % 1000)
            finally:
                finals += 1
        except NotFound as e:
            if isinstance(e.__cause__, KeyError):
                missing += 1
        try:
            if i % 5 == 0:
                int("x")
            elif i % 5 == 1:
                [][i]
        except (ValueError, IndexError):
            bad += 1
    print(ok, bad, missing, finals, fields)


main()
