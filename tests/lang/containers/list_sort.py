# list.sort and sorted(): stability, key, reverse, errors.
records = [('bob', 3), ('alice', 1), ('carol', 3), ('dave', 2), ('eve', 1), ('frank', 2)]
print(sorted(records, key=lambda r: r[1]))               # stable: original order within equal keys
print(sorted(records, key=lambda r: r[1], reverse=True)) # reverse keeps stability too
print(sorted(records), sorted(records, key=lambda r: (-r[1], r[0])))
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7]
nums.sort()
print(nums)
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums, nums.sort() is None)
print(sorted('hello'), sorted({3: 'a', 1: 'b'}), sorted((3, 1, 2)), sorted([]), sorted([1]), sorted([2.5, 1, True, 0.5]))
# a bigger stable sort
data = [(i * 7919 % 101, i) for i in range(200)]
s = sorted(data, key=lambda t: t[0])
print(all(s[i][0] < s[i + 1][0] or (s[i][0] == s[i + 1][0] and s[i][1] < s[i + 1][1]) for i in range(199)))
print(s[:5], s[-3:])
print(sorted(range(20), key=lambda x: x % 3))
for fn in (lambda: sorted([1, 'a']), lambda: [3, None].sort(), lambda: sorted([1], key=5), lambda: [].sort(key=len, cmp=None),
           lambda: sorted([{1}, {2}, 3])):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__ + ':', e)
# mutation during sort is detected
lst = [3, 2, 1]
def key(x):
    lst.append(x)
    return x
try:
    lst.sort(key=key)
except ValueError as e:
    print(type(e).__name__ + ':', e)
# key is called once per element
calls = []
sorted([3, 1, 2], key=lambda x: calls.append(x) or x)
print(calls)
# sort with an exception in the key leaves the list unchanged in content
items = [3, 1, 2]
try:
    items.sort(key=lambda x: 1 / (x - 2))
except ZeroDivisionError:
    print(sorted(items))
