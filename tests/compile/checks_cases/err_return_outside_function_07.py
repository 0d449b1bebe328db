class C(x=(yield)):
    return
