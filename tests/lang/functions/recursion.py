# Recursion: direct, mutual, through closures and methods.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(50) // fact(48))

def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(100), is_odd(7), is_even(501))

def make_fib():
    memo = {}
    def fib(n):
        if n < 2:
            return n
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib, memo
fib, memo = make_fib()
print(fib(90), len(memo))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))

def depth(n):
    return n if n == 0 else depth(n - 1) + 1
print(depth(900))

class Tree:
    def __init__(self, *kids):
        self.kids = kids
    def size(self):
        return 1 + sum(k.size() for k in self.kids)
    def height(self):
        return 1 + max((k.height() for k in self.kids), default=0)
t = Tree(Tree(Tree(), Tree(Tree())), Tree())
print(t.size(), t.height())

def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves
print(len(hanoi(10, 'A', 'C', 'B', [])), hanoi(2, 'A', 'C', 'B', []))

def perms(items):
    if len(items) <= 1:
        return [items]
    return [[x] + p for i, x in enumerate(items) for p in perms(items[:i] + items[i + 1:])]
print(perms([1, 2, 3]))
fact_lambda = lambda n: 1 if n == 0 else n * fact_lambda(n - 1)
print(fact_lambda(10))
