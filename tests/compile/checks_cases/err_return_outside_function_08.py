class C(x=1, x=(yield)):
    return
