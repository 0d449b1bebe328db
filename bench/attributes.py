# bench: attribute reads and writes
# Instance attributes read, written and augmented in a loop; class
# attributes read through instances; attributes of a module-level object.


class Particle:
    gravity = 3
    limit = 10000

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.vx = 1
        self.vy = 0
        self.hits = 0


class Config:
    pass


config = Config()
config.width = 997
config.height = 991


def simulate(particles, steps):
    for _ in range(steps):
        for p in particles:
            p.vy += p.gravity
            p.x += p.vx
            p.y += p.vy
            if p.y > p.limit:
                p.y = p.limit - (p.y - p.limit)
                p.vy = -p.vy // 2
                p.hits += 1
            if p.x >= config.width:
                p.x -= config.width
            p.vx = (p.vx + p.hits) % 7 + 1


def main():
    particles = [Particle(i * 13 % 997, i * 7 % 991) for i in range(100)]
    simulate(particles, 55000)
    sx = sum(p.x for p in particles)
    sy = sum(p.y for p in particles)
    hits = sum(p.hits for p in particles)
    print("x", sx, "y", sy, "hits", hits)


main()
