#!/usr/bin/env python3
"""Time to the first complete frame in a real pseudo-terminal, and CPU used while idle.

Runs, in a pty of 80x24, interleaved so that machine noise hits all three alike:
  nhs    target/release/nhs-values (the built-in values, or --file), until its footer arrives;
  less   sh -c 'nhs-values print | less', until less shows its prompt under the first screen;
  floor  a minimal C program (compiled here into a temporary folder) that writes one screen
         of text and exits, until its last line arrives; `cat` of a screenful file when there
         is no C compiler.
Prints the medians and the ratios nhs/less and nhs/floor. Then starts the app once more, waits
for its first frame, sleeps, and reads the CPU ticks it used meanwhile from /proc (must be 0),
and its peak resident memory (VmHWM).

Python 3 standard library only. Usage:
  python3 benches/startup.py [--runs 20] [--file big.toml] [--binary target/release/nhs-values]
"""

import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import tempfile
import termios
import time

ROWS, COLUMNS = 24, 80
TIMEOUT = 60.0

# The footer's last hint: it is the bottom row, so the frame is complete once it has arrived.
NHS_MARKER = b"quit"
# less's prompt at the bottom of the first screen: a colon, then clear to the end of the line.
LESS_MARKER = b":\x1b[K"
FLOOR_MARKER = b"end of the floor screen"

FLOOR_C = r"""
#include <unistd.h>
int main(void) {
    static const char screen[] = %s;
    write(1, screen, sizeof screen - 1);
    return 0;
}
"""


def floor_screen():
    """One screen of text: 23 full lines and the marker."""
    line = ("The floor writes one screen of text and exits. " * 2)[: COLUMNS - 1]
    return "".join(line + "\r\n" for _ in range(ROWS - 1)) + FLOOR_MARKER.decode()


def build_floor(folder):
    """The floor program's command: a tiny C program if a compiler is here, else cat."""
    screen = floor_screen()
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler:
        literal = '"%s"' % screen.replace("\\", "\\\\").replace('"', '\\"').replace(
            "\r", "\\r"
        ).replace("\n", "\\n")
        source = os.path.join(folder, "floor.c")
        binary = os.path.join(folder, "floor")
        with open(source, "w") as out:
            out.write(FLOOR_C % literal)
        subprocess.run([compiler, "-O2", "-o", binary, source], check=True)
        return [binary], "a C program (cc -O2) that write()s one screen and exits"
    path = os.path.join(folder, "screen.txt")
    with open(path, "w") as out:
        out.write(screen)
    return ["cat", path], "cat of a one-screen file"


def spawn(argv, env):
    """Starts argv in a new pty of ROWS x COLUMNS; returns (pid, master fd)."""
    pid, master = pty.fork()
    if pid == 0:
        try:
            termios.tcsetwinsize(0, (ROWS, COLUMNS))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, master


def read_until(master, marker, deadline):
    """Reads from the pty until marker has arrived; returns the time it did, or None."""
    seen = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        seen += chunk
        if marker in seen[-(len(chunk) + len(marker)) :]:
            return time.monotonic()


def finish(pid, master, quit_key):
    """Makes the program leave (a key, then signals), drains the pty and reaps it."""
    if quit_key:
        try:
            os.write(master, quit_key)
        except OSError:
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    os.close(master)


def first_frame(argv, marker, quit_key, env):
    """Seconds from spawning argv to marker arriving on its terminal."""
    start = time.monotonic()
    pid, master = spawn(argv, env)
    arrived = read_until(master, marker, start + TIMEOUT)
    finish(pid, master, quit_key)
    if arrived is None:
        raise SystemExit("error: %s never showed %r" % (" ".join(argv), marker))
    return arrived - start


def ticks(pid):
    """utime + stime of a process, in clock ticks."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # Fields after the command: state is field 3, utime 14 and stime 15 (1-based).
    return int(fields[11]) + int(fields[12])


def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def idle(argv, env, seconds):
    """CPU ticks the app uses while idle after its first frame, and its peak RSS."""
    start = time.monotonic()
    pid, master = spawn(argv, env)
    if read_until(master, NHS_MARKER, start + TIMEOUT) is None:
        raise SystemExit("error: the app never showed its first frame")
    # Let the output of the first frame settle before counting.
    time.sleep(0.2)
    before = ticks(pid)
    time.sleep(seconds)
    used = ticks(pid) - before
    rss = peak_rss_kib(pid)
    finish(pid, master, b"q")
    return used, rss


def milliseconds(seconds):
    return "%.2f ms" % (seconds * 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--file", help="a values file to use instead of the built-in values")
    parser.add_argument("--binary", default="target/release/nhs-values")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds to watch idle CPU")
    options = parser.parse_args()

    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        raise SystemExit("error: no binary at %s; run `cargo build --release`" % binary)
    file_args = ["--file", os.path.abspath(options.file)] if options.file else []
    env = dict(os.environ, TERM="xterm-256color", LESS="", LESSHISTFILE="-")
    env.pop("NHS_VALUES_FILE", None)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)

    nhs = [binary] + file_args
    printed = " ".join([binary] + file_args + ["print"])
    less = ["sh", "-c", "%s | less" % printed]
    with tempfile.TemporaryDirectory() as folder:
        floor, floor_kind = build_floor(folder)
        times = {"nhs": [], "less": [], "floor": []}
        for _ in range(options.runs):
            times["nhs"].append(first_frame(nhs, NHS_MARKER, b"q", env))
            times["less"].append(first_frame(less, LESS_MARKER, b"q", env))
            times["floor"].append(first_frame(floor, FLOOR_MARKER, None, env))

    medians = {name: statistics.median(values) for name, values in times.items()}
    print("first frame at %dx%d, median of %d runs (min .. max)" % (COLUMNS, ROWS, options.runs))
    print("  values:  %s" % (options.file or "built-in"))
    print("  floor:   %s" % floor_kind)
    for name, label in [("nhs", "nhs-values"), ("less", "print | less"), ("floor", "floor")]:
        values = times[name]
        print(
            "  %-13s %10s   (%s .. %s)"
            % (label, milliseconds(medians[name]), milliseconds(min(values)), milliseconds(max(values)))
        )
    print("  ratio nhs/less:  %.2f" % (medians["nhs"] / medians["less"]))
    print("  ratio nhs/floor: %.2f" % (medians["nhs"] / medians["floor"]))

    used, rss = idle(nhs, env, options.idle)
    print("idle: %d CPU ticks in %g s after the first frame (%d ticks a second)"
          % (used, options.idle, os.sysconf("SC_CLK_TCK")))
    print("peak RSS of the interactive app: %s KiB" % rss)


if __name__ == "__main__":
    main()
