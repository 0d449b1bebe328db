x = [y for y in z if (await w)]
