def f():
    [x for x in w if {y: 1 async for y in z}]
