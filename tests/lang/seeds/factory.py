# Seed: ../shared/seeds/003_dad2aca2bafa6638.txt, "Factory Pattern".
# The document shows only NotificationFactory; the Notification classes it
# uses are not shown.  The four classes below are written for this test so
# that the program prints what the document shows (EMAIL:/SMS:/SLACK: #).
# The factory and the loop are verbatim (indentation restored).
class Notification:
    prefix = ''
    def send(self, message: str) -> str:
        return f'{self.prefix}: {message}'

class EmailNotification(Notification):
    prefix = 'EMAIL'

class SMSNotification(Notification):
    prefix = 'SMS'

class SlackNotification(Notification):
    def send(self, message: str) -> str:
        return f'SLACK: #{message}'

class NotificationFactory:
    _registry = {
        'email': EmailNotification,
        'sms': SMSNotification,
        'slack': SlackNotification,
    }
    @classmethod
    def create(cls, channel: str) -> Notification:
        if channel not in cls._registry:
            raise ValueError(f'Unknown channel: {channel}')
        return cls._registry[channel]()
for channel in ['email', 'sms', 'slack']:
    notifier = NotificationFactory.create(channel)
    print(notifier.send('Deployment complete'))
