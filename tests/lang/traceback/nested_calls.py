# lang: expect-stderr
# A traceback through several calls, with the 3.11 position markers.
def parse(record):
    return int(record['value'])

def load(records):
    return [parse(r) for r in records]

def main():
    data = [{'value': '1'}, {'value': 'two'}]
    results = load(data)
    return sum(results)

main()
