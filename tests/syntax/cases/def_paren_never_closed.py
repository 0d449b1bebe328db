def f((
