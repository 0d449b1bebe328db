# bench: float arithmetic: an n-body gravity simulation
# A made-up cluster of bodies on a deterministic spiral, integrated with
# a kick-drift step; float +, -, *, / and ** on lists of floats.


def make_bodies(n):
    bodies = []
    for i in range(n):
        r = 1.0 + 0.37 * i
        # Points on a rough spiral, no trigonometry needed.
        x = r * (1.0 - 0.11 * (i % 5))
        y = r * (0.2 * (i % 3) - 0.3)
        z = 0.05 * (i - n / 2.0)
        vx = -y * 0.08
        vy = x * 0.08
        vz = 0.01 * ((i * 7) % 3 - 1)
        m = 0.5 + 0.1 * ((i * 3) % 4)
        bodies.append([x, y, z, vx, vy, vz, m])
    return bodies


def advance(bodies, dt, steps):
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            xi, yi, zi, mi = bi[0], bi[1], bi[2], bi[6]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = xi - bj[0]
                dy = yi - bj[1]
                dz = zi - bj[2]
                d2 = dx * dx + dy * dy + dz * dz + 0.01
                mag = dt / (d2 * d2 ** 0.5)
                mj = bj[6]
                bi[3] -= dx * mj * mag
                bi[4] -= dy * mj * mag
                bi[5] -= dz * mj * mag
                bj[3] += dx * mi * mag
                bj[4] += dy * mi * mag
                bj[5] += dz * mi * mag
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        b = bodies[i]
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
        for j in range(i + 1, n):
            c = bodies[j]
            dx = b[0] - c[0]
            dy = b[1] - c[1]
            dz = b[2] - c[2]
            e -= b[6] * c[6] / (dx * dx + dy * dy + dz * dz + 0.01) ** 0.5
    return e


def main():
    bodies = make_bodies(8)
    print("energy before %.9f" % energy(bodies))
    advance(bodies, 0.001, 70000)
    print("energy after  %.9f" % energy(bodies))
    print("body 0 at %.6f %.6f %.6f" % (bodies[0][0], bodies[0][1], bodies[0][2]))


main()
