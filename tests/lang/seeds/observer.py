# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Observer Pattern".
# Indentation restored; the code is otherwise verbatim.
class EventEmitter:
    def __init__(self):
        self._listeners = {}
    def on(self, event, callback):
        if event not in self._listeners:
            self._listeners[event] = []
        self._listeners[event].append(callback)
    def emit(self, event, *args, **kwargs):
        for callback in self._listeners.get(event, []):
            callback(*args, **kwargs)
emitter = EventEmitter()
emitter.on('user_login', lambda user: print(f' Logger: {user} logged in'))
emitter.on('user_login', lambda user: print(f' Analytics: track login for {user}'))
emitter.on('purchase', lambda item, price: print(f' Invoice: {item} at ${price}'))
emitter.emit('user_login', 'Alice')
emitter.emit('purchase', 'Widget', 29.99)
