# bench: method calls on instances
# Bound-method calls with positional and keyword arguments, methods that
# call other methods, an inherited method, a super() call, an overridden
# method chosen per instance.


class Counter:
    def __init__(self, start):
        self.value = start

    def step(self, k):
        self.value = (self.value + k) % 1000003
        return self.value

    def twice(self, k):
        self.step(k)
        return self.step(k + 1)

    def scaled(self, k, factor=2):
        return self.step(k * factor)

    def kind(self):
        return 1


class Doubling(Counter):
    def step(self, k):
        return super().step(2 * k)

    def kind(self):
        return 2


class Account:
    def __init__(self):
        self.balance = 0
        self.ops = 0

    def deposit(self, amount):
        self.balance += amount
        self.ops += 1

    def withdraw(self, amount):
        if amount > self.balance:
            return False
        self.balance -= amount
        self.ops += 1
        return True

    def apply(self, amount):
        if amount >= 0:
            self.deposit(amount)
        else:
            self.withdraw(-amount)


def main():
    counters = [Counter(1), Doubling(2), Counter(3), Doubling(4)]
    total = 0
    for i in range(1100000):
        c = counters[i & 3]
        total += c.twice(i) + c.scaled(i, factor=3) + c.kind()
    acct = Account()
    for i in range(2700000):
        acct.apply((i * 37) % 101 - 50)
    print("counters", [c.value for c in counters], total % 1000000007)
    print("account", acct.balance, acct.ops)


main()
