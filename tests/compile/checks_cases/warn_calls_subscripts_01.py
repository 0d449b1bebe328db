def f(x):
    None(); ...(); True(); 1.5(); 1j(); "s"(); b"b"(); (1,)(); [1](); [i for i in x]()
    {1: 2}(); {1}(); {i for i in x}(); {i: 1 for i in x}(); (i for i in x)(); f"a{x}"(); (lambda: 1)(); (-1)(); (1+2)(); x()
    None[0]; ...[0]; True[0]; 1.5[0]; 1j[0]; "s"[0]; {1}[0]; {i for i in x}[0]; (i for i in x)[0]; (lambda: 1)[0]; (-1)[0]; [1][0]; {1:2}[0]
    (1,)["a"]; [1][1.5]; "s"[None]; b"b"[(1,)]; f"{x}"[[1]]; [1][True]; [1][1:2]; [1][x]; [1][{}]; [1][lambda: 1]; [1][-1.0]; [1][1,2]; [i for i in x][""]; (1,)[f"{x}"]
    [1][""] = 1; del [1][""]; [1][""] += 1; x = 1(2)
    x is -1.5; x is ~1; x is not 1 - 2; x is 1 / 0; x is "a" - 1; x is not (not 1); x is __debug__; x is b"a" + b"b"; x is "%s" % 1; x is (1, (2, 3)); x is (1, [2]); x is 2 ** 3
    assert (1, 2), "m"; assert (x, ), "m"; assert ((1,), )
