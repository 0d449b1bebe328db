def run():
    return 'run called'
if __name__ == '__main__':
    print('never printed when imported')
else:
    print('_mainguard imported as', __name__)
