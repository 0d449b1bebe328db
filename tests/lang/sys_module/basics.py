# sys attributes a program can rely on.
import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.version_info >= (3, 11), type(sys.version_info).__name__)
print(sys.version.startswith('3.11'), sys.hexversion >> 16 == 0x030B, sys.implementation.name in ('cpython', 'krait'))
print(sys.implementation.version[:2], type(sys.implementation.cache_tag).__name__ in ('str', 'NoneType'))
print(sys.platform, sys.byteorder, sys.maxsize == 2 ** 63 - 1, sys.maxunicode, sys.maxunicode == 0x10FFFF)
print(sys.int_info.bits_per_digit in (15, 30, 32, 64), sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(sys.hash_info.width, sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf, sys.hash_info.nan, sys.hash_info.imag)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.mant_dig)
print(type(sys.argv).__name__, sys.argv[0].endswith('basics.py'), len(sys.argv), type(sys.path).__name__, type(sys.modules).__name__)
print('sys' in sys.modules, 'builtins' in sys.modules, '__main__' in sys.modules, sys.modules['sys'] is sys)
print(isinstance(sys.executable, str), type(sys.flags).__name__, sys.flags.optimize, sys.flags.dont_write_bytecode, sys.flags.ignore_environment)
print(sys.flags.verbose, sys.flags.interactive, sys.flags.inspect, sys.flags.no_user_site in (0, 1), sys.flags.utf8_mode in (0, 1))
print(sys.stdout.encoding.lower().replace('-', ''), sys.stdin is sys.__stdin__, sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
print(sys.intern('hello') == 'hello', sys.intern('x' * 3) is sys.intern('xxx'))
try:
    sys.intern(5)
except TypeError as e:
    print(type(e).__name__ + ':', e)
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.displayhook is sys.__displayhook__, sys.excepthook is sys.__excepthook__)
print(type(sys.getsizeof(1)).__name__, sys.getsizeof([]) > 0, sys.getsizeof('abc') > sys.getsizeof(''), sys.getsizeof(object(), 'x') > 0)
print(sys.dont_write_bytecode, sys.path[0].endswith('sys_module'))
