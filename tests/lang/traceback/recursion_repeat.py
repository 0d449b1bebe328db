# lang: expect-stderr
# Deep recursion: the repeated frames are collapsed.
def down(n):
    return down(n + 1)

down(0)
