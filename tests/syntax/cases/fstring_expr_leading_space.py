x = f'{ a b}'
