# Seed: ../shared/seeds/002_1d035aae437031b5.txt, "Type Hints" snippet. Verbatim.
# It prints nothing: the test checks that it runs cleanly (empty output, status 0).
def greet(name: str) -> str:
    return f"Hello, {name}"

pi: float = 3.14159
