# The math module: results, domain and range errors, argument checks.
import math
def show(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
show(lambda: math.sqrt(-1)); show(lambda: math.sqrt('x')); show(lambda: math.exp(1000)); show(lambda: math.log(0))
show(lambda: math.log(10**400)); show(lambda: math.log(8, 2)); show(lambda: math.log2(1024)); show(lambda: math.log10(10**50))
show(lambda: math.floor(2.5)); show(lambda: math.ceil(-2.5)); show(lambda: math.floor(True)); show(lambda: math.floor('x'))
show(lambda: math.trunc(3)); show(lambda: math.gcd(12, -18, 30)); show(lambda: math.gcd()); show(lambda: math.factorial(20))
show(lambda: math.factorial(-1)); show(lambda: math.factorial(2.0)); show(lambda: math.isqrt(10**20+5)); show(lambda: math.isqrt(-1))
show(lambda: math.prod([1,2,3], start=2)); show(lambda: math.fsum([0.1]*10)); show(lambda: math.isclose(1, 1.0000000001))
show(lambda: math.modf(-2.5)); show(lambda: math.frexp(8.0)); show(lambda: math.ldexp(1.0, 3)); show(lambda: math.hypot(3, 4))
show(lambda: math.pow(0, -1)); show(lambda: math.fmod(7, 3)); show(lambda: (math.pi, math.e, math.tau, math.inf, math.nan))
show(lambda: math.sin(math.inf)); show(lambda: math.atan2(1, 1)); show(lambda: math.copysign(1, -0.0)); show(lambda: math.degrees(math.pi))
show(lambda: math.isnan(math.nan)); show(lambda: math.floor(10**30)); show(lambda: math.acos(2)); show(lambda: math.sqrt(1, 2))
show(lambda: math.isqrt(0)); show(lambda: math.isqrt(15)); show(lambda: math.isqrt(16)); show(lambda: math.floor(math.inf)); show(lambda: math.floor(math.nan))
