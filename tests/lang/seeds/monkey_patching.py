# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Monkey Patching".
# Indentation restored; the code is otherwise verbatim.
class Logger:
    def log(self, msg):
        print(f' LOG: {msg}')
def verbose_log(self, msg):
    print(f' [VERBOSE] {msg} (at module level)')
original_log = Logger.log
Logger.log = verbose_log # patch
logger = Logger()
logger.log('system started')
Logger.log = original_log # restore
logger.log('system ready')
