for s in ["", "a", "Z", "abc", "ABC", "MiXeD 123 !@#", "ß", "Straße", "ǅ", "ΣΑΣ", "iİ"]:
    print(repr(s.upper()), repr(s.lower()), type(s.upper()).__name__)
class S(str): pass
print(repr(S("abC").upper()), type(S("abC").upper()).__name__)
