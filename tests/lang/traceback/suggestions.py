# lang: expect-stderr
# AttributeError "Did you mean" suggestions are part of the printed traceback.
class Account:
    def __init__(self):
        self.balance = 100

acct = Account()
print(acct.balance)
print(acct.balanse)
