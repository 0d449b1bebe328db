# Argument-count and keyword errors of every bytes/bytearray method.
names = '''capitalize center count decode endswith expandtabs find fromhex hex index isalnum isalpha isascii isdigit islower isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill'''.split()
for cls in (bytes, bytearray):
  for n in names:
    f = getattr(cls(b'ab'), n)
    for args in [(), (1,)*5]:
        try: f(*args)
        except TypeError as e: print(cls.__name__, n, len(args), e)
        except Exception as e: pass
    try: eval(f"cls(b'ab').{n}(zz=1)")
    except TypeError as e: print(cls.__name__, n, 'kw', e)
    except Exception: pass
for n in 'append extend insert pop remove reverse clear copy __alloc__'.split():
    f = getattr(bytearray(b'ab'), n)
    for args in [(), (1,)*5]:
        try: f(*args)
        except TypeError as e: print(n, len(args), e)
        except Exception as e: pass
    try: eval(f"bytearray(b'ab').{n}(zz=1)")
    except TypeError as e: print(n, 'kw', e)
    except Exception: pass
