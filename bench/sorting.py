# bench: sorting with key functions
# list.sort and sorted() with key= (lambdas, a named function, tuples for
# multi-key order), reverse=True, stability, min/max with key.


class Employee:
    def __init__(self, name, dept, salary, age):
        self.name = name
        self.dept = dept
        self.salary = salary
        self.age = age


def by_dept_then_salary(e):
    return (e.dept, -e.salary, e.name)


def make(n):
    seed = 2024
    depts = ["eng", "ops", "sales", "hr", "legal", "support", "research"]
    out = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(Employee(f"emp{seed % 100000:05d}", depts[seed % 7],
                            30000 + (seed >> 8) % 90000, 20 + (seed >> 4) % 45))
    return out


def main():
    people = make(60000)
    check = 0
    for r in range(4):
        s1 = sorted(people, key=lambda e: e.salary)
        s2 = sorted(people, key=by_dept_then_salary)
        s3 = sorted(people, key=lambda e: (e.age, e.name), reverse=True)
        names = sorted(e.name for e in people)
        nums = [e.salary * 31 % 1000 for e in people]
        nums.sort()
        nums.sort(reverse=True)
        stable = sorted(s1, key=lambda e: e.dept)
        oldest = max(people, key=lambda e: (e.age, e.salary))
        check = (check * 31 + s1[0].salary + s1[-1].salary + s2[0].salary
                 + s3[0].age + len(names[0]) + nums[0] + oldest.salary
                 + stable[0].salary + stable[-1].salary) % 1000000007
    print(check, s2[0].dept, s2[0].name, s3[0].name, names[:2])


main()
