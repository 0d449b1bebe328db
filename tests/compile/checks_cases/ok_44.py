((x, [y async for y in z]) for x in w)
