[x for x in (yield)] + [await z for z in w]
