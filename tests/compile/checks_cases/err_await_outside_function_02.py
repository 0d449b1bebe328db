def f():
    class C:
        await x
