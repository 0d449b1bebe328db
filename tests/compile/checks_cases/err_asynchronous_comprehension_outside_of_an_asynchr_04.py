[await z for z in (yield)]
