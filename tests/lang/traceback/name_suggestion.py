# lang: expect-stderr
# NameError suggestions in the printed traceback.
def compute():
    maximum_value = 10
    return maximun_value * 2

compute()
