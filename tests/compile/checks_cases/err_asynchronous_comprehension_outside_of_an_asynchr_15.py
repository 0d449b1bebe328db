def f():
    return {y: await w for y in z}
