# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Design Patterns / Singleton" (__new__).
# Indentation restored; the code is otherwise verbatim.
class Config:
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance._settings = {}
        return cls._instance
    def set(self, key, value):
        self._settings[key] = value
    def get(self, key, default=None):
        return self._settings.get(key, default)
cfg1 = Config()
cfg1.set('debug', True)
cfg1.set('max_connections', 10)
cfg2 = Config()
print('Same instance?', cfg1 is cfg2)
print('debug from cfg2:', cfg2.get('debug'))
