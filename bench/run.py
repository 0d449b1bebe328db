#!/usr/bin/python3.11
"""Speed and memory: the programs in bench/ under Krait and CPython 3.11.

Runs every program of bench/ (the .py files whose first line is
`# bench: DESCRIPTION`) under /usr/bin/python3.11 and build/krait, side by
side in one run: --rounds rounds, each running every program once under each
interpreter, the two alternating which goes first.  For each program it
reports the best (lowest) wall time of the rounds, or the median with
--stat median, the peak resident set size, and the ratio Krait/CPython
(below 1 means Krait is faster), then the geometric mean of the ratios.

Krait's output (stdout and exit status) must equal CPython's: a difference is
a failure, never a time.  When Krait cannot run a program yet (non-zero exit
or a time-out), the row says so and the program is left out of the mean.

Also measured: start-up (`-c pass`) time and peak memory of both.

How:
  - wall time: time.perf_counter() from spawning the process until the kernel
    reports its exit (through a pidfd, so there is no polling delay);
  - peak RSS: GNU time's %M (/usr/bin/time, Debian package `time`).  A
    child's ru_maxrss also counts the address space its exec replaced, which
    for a child spawned from this Python process is this process's (~10 MB
    or more), so it cannot be measured from here; under /usr/bin/time that
    floor is about 0.5 MB (the runner prints what /bin/true shows);
  - both interpreters get this process's environment minus every PYTHON*
    variable (this machine sets PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED;
    users' start-up has bytecode caching on and stdout buffered);
  - the working directory is the repository root, stdin is /dev/null.
"""

import argparse
import datetime
import json
import math
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GNU_TIME = "/usr/bin/time"
MARKER = "# bench:"

# Issue 3's first speed gate.
GATE_GEOMEAN = 1 / 1.3  # Krait at least 1.3x faster in geometric mean
GATE_WORST = 1.0  # and no slower than CPython on any program
DESIGN_RANGE = (0.5, 2.0)  # seconds a program should take on CPython


# --- running one process ---------------------------------------------------

class Result:
    """One run: exit status (None when killed), wall and CPU seconds, peak
    RSS in KB (None when not measured), stdout and stderr bytes, the signal
    that killed the process, and whether that was the time-out."""

    def __init__(self, code, wall, cpu, rss_kb, out, err, signum=None, timed_out=False):
        self.code = code
        self.wall = wall
        self.cpu = cpu
        self.rss_kb = rss_kb
        self.out = out
        self.err = err
        self.signum = signum
        self.timed_out = timed_out

    @property
    def ok(self):
        return self.code == 0 and not self.timed_out


def run_once(argv, env, timeout, measure_rss):
    """Runs argv to completion and returns a Result."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", prefix="bench-rss-") as rss:
        cmd = list(argv)
        if measure_rss:
            # -q: no "Command exited with non-zero status" line.
            cmd = [GNU_TIME, "-q", "-f", "%x %M", "-o", rss.name, *cmd]
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                             env=env, cwd=REPO, start_new_session=True)
        fd = os.pidfd_open(p.pid)
        try:
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            timed_out = not poller.poll(timeout * 1000)
            wall = time.perf_counter() - t0
            if timed_out:
                # The process group leader is not reaped yet, so its id (and
                # the group's) cannot have been reused.
                os.killpg(p.pid, signal.SIGKILL)
        finally:
            os.close(fd)
        _, wstatus, ru = os.wait4(p.pid, 0)
        status = p.returncode = os.waitstatus_to_exitcode(wstatus)
        # CPU time of the process and its children (GNU time's own share is
        # about a millisecond).
        cpu = ru.ru_utime + ru.ru_stime
        out.seek(0)
        err.seek(0)
        code, signum, rss_kb = status, None, None
        if status < 0:
            code, signum = None, -status
        if measure_rss:
            # The last line is "%x %M".  GNU time exits with the command's
            # status, or 128 + N when signal N killed it (and %x is then 0).
            lines = rss.read().splitlines()
            last = lines[-1].split() if lines else []
            if len(last) == 2 and all(f.lstrip("-").isdigit() for f in last):
                rss_kb = int(last[1])
                if status > 128 and int(last[0]) != status:
                    code, signum = None, status - 128
        return Result(code, wall, cpu, rss_kb, out.read(), err.read(), signum, timed_out)


def describe_failure(res, timeout):
    """The reason a run failed, in one line."""
    if res.timed_out:
        return f"timed out after {timeout:g} s"
    lines = [ln.strip() for ln in res.err.decode("utf-8", "replace").splitlines() if ln.strip()]
    first = lines[0] if lines else "no error output"
    # A traceback's first line says nothing; its last names the exception.
    if first.startswith("Traceback") and len(lines) > 1:
        first = lines[-1]
    if len(first) > 100:
        first = first[:97] + "..."
    if res.code is None:
        return f"killed by signal {res.signum}: {first}"
    return f"exit {res.code}: {first}"


def first_difference(a, b):
    """Line number and the two lines where outputs a and b first differ."""
    la = a.decode("utf-8", "replace").splitlines()
    lb = b.decode("utf-8", "replace").splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<end of output>"
        y = lb[i] if i < len(lb) else "<end of output>"
        if x != y:
            return i + 1, x, y
    return None, "", ""  # differ only in a trailing newline


# --- the suite -------------------------------------------------------------

def find_programs(patterns):
    progs = []
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(HERE, name)
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        if not first.startswith(MARKER):
            continue
        short = name[:-3]
        if patterns and not any(p in short for p in patterns):
            continue
        progs.append({"name": short, "path": path,
                      "description": first[len(MARKER):].strip()})
    return progs


def clean_env():
    env = dict(os.environ)
    removed = sorted(k for k in env if k.startswith("PYTHON"))
    for k in removed:
        del env[k]
    return env, removed


def summarize(times, stat):
    if not times:
        return None
    return min(times) if stat == "min" else statistics.median(times)


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def bench_programs(progs, args, env):
    """Runs the rounds; returns one record per program."""
    recs = []
    for p in progs:
        recs.append({"name": p["name"], "description": p["description"],
                     "cpython": {"times": [], "cpu": [], "rss_kb": [], "status": "ok",
                                 "message": ""},
                     "krait": {"times": [], "cpu": [], "rss_kb": [], "status": "ok",
                               "message": ""},
                     "expected": None})
    for rnd in range(args.rounds):
        for i, (p, rec) in enumerate(zip(progs, recs)):
            order = ["cpython", "krait"] if (rnd + i) % 2 == 0 else ["krait", "cpython"]
            for who in order:
                side = rec[who]
                if side["status"] != "ok":
                    continue  # failed in an earlier round: not run again
                exe = args.python if who == "cpython" else args.krait
                res = run_once([exe, p["path"]], env, args.timeout, args.rss)
                fail_status = "failed" if who == "cpython" else "not yet"
                if not res.ok:
                    side["status"] = "timed out" if res.timed_out else fail_status
                    side["message"] = describe_failure(res, args.timeout)
                    continue
                if who == "cpython":
                    if rec["expected"] is None:
                        rec["expected"] = res.out
                    elif res.out != rec["expected"]:
                        side["status"] = "failed"
                        side["message"] = "output differs between rounds (not deterministic)"
                        continue
                else:
                    rec.setdefault("krait_out", res.out)
                    if res.out != rec["krait_out"]:
                        side["status"] = "mismatch"
                        side["message"] = "output differs between rounds"
                        continue
                side["times"].append(res.wall)
                side["cpu"].append(res.cpu)
                if res.rss_kb is not None:
                    side["rss_kb"].append(res.rss_kb)
            if args.verbose:
                def show(side):
                    return f"{side['times'][-1]:.3f} s" if side["status"] == "ok" else side["status"]
                print(f"  round {rnd + 1} {p['name']}: cpython {show(rec['cpython'])}, "
                      f"krait {show(rec['krait'])}", file=sys.stderr)
    # Compare outputs once every round has run.
    for rec in recs:
        k = rec["krait"]
        if k["status"] == "ok" and rec["cpython"]["status"] == "ok" and rec["expected"] is not None:
            got = rec.get("krait_out")
            if got != rec["expected"]:
                line, want, have = first_difference(rec["expected"], got)
                k["status"] = "mismatch"
                k["message"] = (f"output differs at line {line}: CPython {want!r}, Krait {have!r}"
                                if line else "output differs in trailing newline")
        rec.pop("krait_out", None)
        rec.pop("expected", None)
        for who in ("cpython", "krait"):
            side = rec[who]
            side["best"] = min(side["times"]) if side["times"] else None
            side["median"] = statistics.median(side["times"]) if side["times"] else None
            side["value"] = summarize(side["times"], args.stat)
            side["peak_rss_kb"] = max(side["rss_kb"]) if side["rss_kb"] else None
            if side["status"] != "ok":
                side["value"] = None
        c, k = rec["cpython"], rec["krait"]
        rec["ratio"] = (k["value"] / c["value"]
                        if c["value"] and k["value"] is not None else None)
    return recs


def bench_startup(args, env):
    """`-c pass`: --startup-runs timed runs per interpreter per round,
    interleaved, then three runs each under GNU time for peak memory."""
    out = {}
    for who, exe in (("cpython", args.python), ("krait", args.krait)):
        out[who] = {"times": [], "rss_kb": [], "status": "ok", "message": ""}
    for rnd in range(args.rounds):
        for j in range(args.startup_runs):
            order = ("cpython", "krait") if (rnd + j) % 2 == 0 else ("krait", "cpython")
            for who in order:
                side = out[who]
                if side["status"] != "ok":
                    continue
                exe = args.python if who == "cpython" else args.krait
                res = run_once([exe, "-c", "pass"], env, args.timeout, False)
                if not res.ok or res.out:
                    side["status"] = "failed" if who == "cpython" else "not yet"
                    side["message"] = (describe_failure(res, args.timeout) if not res.ok
                                       else "`-c pass` printed something")
                    continue
                side["times"].append(res.wall)
    if args.rss:
        for _ in range(3):
            for who, exe in (("cpython", args.python), ("krait", args.krait)):
                if out[who]["status"] == "ok":
                    res = run_once([exe, "-c", "pass"], env, args.timeout, True)
                    if res.ok and res.rss_kb is not None:
                        out[who]["rss_kb"].append(res.rss_kb)
    for side in out.values():
        side["best"] = min(side["times"]) if side["times"] else None
        side["median"] = statistics.median(side["times"]) if side["times"] else None
        side["value"] = summarize(side["times"], args.stat) if side["status"] == "ok" else None
        side["peak_rss_kb"] = max(side["rss_kb"]) if side["rss_kb"] else None
    return out


def rss_floor(env):
    """Peak RSS GNU time reports for /bin/true: an upper bound on the least
    it can report (a static do-nothing program shows about 0.5 MB)."""
    res = run_once(["/bin/true"], env, 10, True)
    return res.rss_kb


# --- reporting -------------------------------------------------------------

def fmt_s(x):
    return "-" if x is None else f"{x:.3f}"


def fmt_mb(kb):
    return "-" if kb is None else f"{kb / 1024:.1f}"


def fmt_ratio(x):
    return "-" if x is None else f"{x:.2f}"


def krait_cell(side):
    if side["status"] == "not yet":
        return f"krait: not yet ({side['message']})"
    if side["status"] == "mismatch":
        return f"krait: MISMATCH ({side['message']})"
    if side["status"] == "timed out":
        return f"krait: not yet ({side['message']})"
    return None


def table_rows(recs, startup):
    """(cells, note) per row; note replaces the Krait columns when set."""
    rows = []
    for rec in recs:
        c, k = rec["cpython"], rec["krait"]
        if c["status"] != "ok":
            note = f"CPython FAILED ({c['message']})"
        else:
            note = krait_cell(k)
        rows.append(([rec["name"], fmt_s(c["value"]), fmt_mb(c["peak_rss_kb"]),
                      fmt_s(k["value"]), fmt_mb(k["peak_rss_kb"]), fmt_ratio(rec["ratio"])], note))
    if startup:
        c, k = startup["cpython"], startup["krait"]
        ratio = k["value"] / c["value"] if c["value"] and k["value"] is not None else None
        note = (f"CPython FAILED ({c['message']})" if c["status"] != "ok" else krait_cell(k))
        rows.append((["-c pass (start-up)", fmt_s(c["value"]), fmt_mb(c["peak_rss_kb"]),
                      fmt_s(k["value"]), fmt_mb(k["peak_rss_kb"]), fmt_ratio(ratio)], note))
    return rows


HEADERS = ["program", "CPython s", "CPython MB", "Krait s", "Krait MB", "Krait/CPython"]


def print_text(rows):
    widths = [max(len(HEADERS[i]), *(len(r[0][i]) for r in rows)) for i in range(len(HEADERS))]
    line = "  ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i])
                     for i, h in enumerate(HEADERS))
    print(line)
    print("-" * len(line))
    for cells, note in rows:
        if note:
            left = "  ".join([cells[0].ljust(widths[0]), cells[1].rjust(widths[1]),
                              cells[2].rjust(widths[2])])
            print(f"{left}  {note}")
        else:
            print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                            for i, c in enumerate(cells)))


def print_markdown(rows):
    print("| " + " | ".join(HEADERS) + " |")
    print("| --- |" + " ---: |" * (len(HEADERS) - 1))
    for cells, note in rows:
        if note:
            note = note.replace("|", "\\|")
            print(f"| {cells[0]} | {cells[1]} | {cells[2]} | {note} | | |")
        else:
            print("| " + " | ".join(cells) + " |")


def gate_verdict(recs, startup, partial):
    """Issue 3's gate: a list of (ok, text) and the overall verdict."""
    checks = []
    ran = [r for r in recs if r["ratio"] is not None]
    missing = [r["name"] for r in recs if r["ratio"] is None]
    if missing:
        names = ", ".join(missing) if len(missing) <= 5 else "see the table"
        checks.append((False, f"Krait runs every program: no, {len(missing)} of {len(recs)} not "
                              f"run or wrong ({names})"))
    else:
        checks.append((True, f"Krait runs every program: yes ({len(recs)})"))
    if ran:
        worst = max(ran, key=lambda r: r["ratio"])
        checks.append((worst["ratio"] <= GATE_WORST,
                       f"no slower than CPython on any: worst {worst['name']} at "
                       f"{worst['ratio']:.2f} (needs <= {GATE_WORST:.2f})"))
        g = geomean([r["ratio"] for r in ran])
        checks.append((g <= GATE_GEOMEAN,
                       f"geometric mean {g:.3f} = {1 / g:.2f}x faster (needs <= "
                       f"{GATE_GEOMEAN:.3f}, i.e. >= 1.3x faster)"))
    else:
        checks.append((False, "no slower than CPython on any / 1.3x geometric mean: "
                              "nothing to compare yet"))
    if startup:
        c, k = startup["cpython"]["peak_rss_kb"], startup["krait"]["peak_rss_kb"]
        if c is not None and k is not None and startup["krait"]["status"] == "ok":
            checks.append((k < c, f"`krait -c pass` peak RSS {fmt_mb(k)} MB below CPython's "
                                  f"{fmt_mb(c)} MB: {'yes' if k < c else 'no'}"))
        else:
            checks.append((False, "`krait -c pass` peak RSS below CPython's: not measured"
                                  + (" (krait -c not yet)" if startup["krait"]["status"] != "ok"
                                     else "")))
    else:
        checks.append((False, "`krait -c pass` peak RSS: not measured (--no-startup)"))
    met = all(ok for ok, _ in checks) and not partial
    return checks, met


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Run with /usr/bin/python3.11 from anywhere; `make bench` runs it.")
    ap.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    ap.add_argument("--stat", choices=("min", "median"), default="min",
                    help="figure per program over the rounds: min = best of (default), median")
    ap.add_argument("--filter", action="append", default=[], metavar="TEXT",
                    help="only programs whose name contains TEXT (repeatable)")
    ap.add_argument("--krait", default=os.path.join(REPO, "build", "krait"),
                    help="Krait executable (default build/krait)")
    ap.add_argument("--python", default="/usr/bin/python3.11",
                    help="CPython executable (default /usr/bin/python3.11)")
    ap.add_argument("--json", metavar="OUT", help="also write every measurement to OUT")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per run (default 120)")
    ap.add_argument("--startup-runs", type=int, default=10,
                    help="`-c pass` runs per interpreter per round (default 10)")
    ap.add_argument("--no-startup", action="store_true", help="skip the `-c pass` measurement")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 unless issue 3's gate is met (default: only on failures)")
    ap.add_argument("--list", action="store_true", help="list the programs and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every run on stderr")
    args = ap.parse_args()

    progs = find_programs(args.filter)
    if args.list:
        for p in progs:
            print(f"{p['name']:<16} {p['description']}")
        return 0
    if not progs:
        sys.exit("bench/run.py: no program matches " + " ".join(args.filter))
    if args.rounds < 1:
        sys.exit("bench/run.py: --rounds must be at least 1")
    for exe in (args.python, args.krait):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench/run.py: not an executable: {exe}")
    args.krait = os.path.abspath(args.krait)
    args.rss = os.access(GNU_TIME, os.X_OK)

    env, removed = clean_env()
    version = subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"],
                             env=env, capture_output=True, text=True).stdout.strip()
    load0 = os.getloadavg()
    stat_name = "best" if args.stat == "min" else "median"
    print(f"bench: {len(progs)} programs, {args.rounds} rounds interleaved, {stat_name} of "
          f"{args.rounds} wall times; CPython {version} ({args.python}), Krait {args.krait}")
    print(f"environment: {', '.join(removed) if removed else 'no PYTHON* variables'} "
          f"{'unset' if removed else 'set'} for both interpreters; "
          f"{os.cpu_count()} CPUs, load average {load0[0]:.2f}")
    floor = None
    if args.rss:
        floor = rss_floor(env)
        print(f"peak RSS: GNU time %M (/bin/true shows {fmt_mb(floor)} MB)")
    else:
        print(f"peak RSS: not measured, {GNU_TIME} is missing (apt-get install time)")
    sys.stdout.flush()

    t_start = time.time()
    recs = bench_programs(progs, args, env)
    startup = None if args.no_startup else bench_startup(args, env)
    load1 = os.getloadavg()

    print()
    rows = table_rows(recs, startup)
    if args.markdown:
        print_markdown(rows)
    else:
        print_text(rows)
    ran = [r["ratio"] for r in recs if r["ratio"] is not None]
    g = geomean(ran)
    print()
    if g is None:
        print(f"geometric mean of Krait/CPython: - (Krait ran 0 of {len(recs)} programs)")
    else:
        print(f"geometric mean of Krait/CPython over {len(ran)} of {len(recs)} programs: "
              f"{g:.3f} (Krait {1 / g:.2f}x {'faster' if g < 1 else 'as fast'})")
    partial = bool(args.filter) or args.no_startup
    checks, met = gate_verdict(recs, startup, partial)
    print("gate (issue 3): " + ("MET" if met else "not met")
          + (" [partial run: --filter/--no-startup]" if partial else ""))
    for ok, text in checks:
        print(f"  [{'x' if ok else ' '}] {text}")
    odd = [r["name"] for r in recs if r["cpython"]["value"] is not None
           and not DESIGN_RANGE[0] <= r["cpython"]["value"] <= DESIGN_RANGE[1]]
    if odd:
        print(f"note: outside the suite's {DESIGN_RANGE[0]}-{DESIGN_RANGE[1]} s design range on "
              f"CPython: {', '.join(odd)}")
    print(f"load average {load0[0]:.2f} at start, {load1[0]:.2f} at end; "
          f"{time.time() - t_start:.0f} s")

    failures = [r for r in recs if r["cpython"]["status"] != "ok"
                or r["krait"]["status"] == "mismatch"]
    if startup and startup["cpython"]["status"] != "ok":
        failures.append(startup)

    if args.json:
        doc = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "python": args.python, "python_version": version, "krait": args.krait,
            "rounds": args.rounds, "statistic": args.stat, "cpus": os.cpu_count(),
            "loadavg_start": load0, "loadavg_end": load1,
            "env_unset": removed, "rss_method": "GNU time %M" if args.rss else None,
            "rss_floor_kb": floor, "programs": recs, "geomean": g, "startup": startup,
            "gate": {"met": met, "checks": [{"ok": ok, "text": t} for ok, t in checks]},
        }
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
    if failures:
        print(f"FAILED: {len(failures)} (see rows marked FAILED or MISMATCH)")
        return 1
    if args.strict and not met:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
