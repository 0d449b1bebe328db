# OSError: errno/strerror/filename and the errno-to-subclass mapping.
e = OSError(2, 'No such file or directory', 'missing.txt')
print(type(e).__name__, e.errno, e.strerror, e.filename, e.filename2)
print(str(e))
print(repr(e), e.args)

# Linux errno values (the errno module is not needed for the mapping)
for code, num in [('EPERM', 1), ('ENOENT', 2), ('ESRCH', 3), ('EINTR', 4), ('ECHILD', 10),
                  ('EAGAIN', 11), ('EACCES', 13), ('EEXIST', 17), ('ENOTDIR', 20),
                  ('EISDIR', 21), ('EINVAL', 22), ('EPIPE', 32), ('ECONNABORTED', 103),
                  ('ECONNRESET', 104), ('ESHUTDOWN', 108), ('ETIMEDOUT', 110),
                  ('ECONNREFUSED', 111), ('EALREADY', 114), ('EINPROGRESS', 115)]:
    print(code, num, type(OSError(num, 'msg')).__name__)

two = OSError(1, 'Operation not permitted', 'a', None, 'b')
print(type(two).__name__, str(two), two.filename2)
print(str(OSError('just a message')), OSError('x').errno)
print(str(OSError(1, 2, 3, 4, 5, 6)), OSError(1, 2, 3, 4, 5, 6).args)

# subclasses constructed directly keep their class
f = FileNotFoundError(13, 'odd')
print(type(f).__name__, f.errno)
print(str(FileExistsError('plain')))

# BlockingIOError has characters_written
b = BlockingIOError(11, 'would block', 5)
print(b.characters_written, b.filename)
try:
    BlockingIOError(11, 'x').characters_written
except AttributeError as err:
    print(type(err).__name__, err)

# subclasses of OSError are not remapped
class MyOSError(OSError):
    pass
print(type(MyOSError(2, 'x')).__name__)

print(issubclass(ConnectionRefusedError, ConnectionError), issubclass(TimeoutError, OSError))
