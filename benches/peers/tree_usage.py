"""Runs a command and samples its whole process tree (a browser's processes
included) every 0.2 s: peak of the summed PSS (shared pages counted once
across the tree, which RSS would count in every process) and peak summed RSS,
and the CPU time each process had used when last seen. Prints one line:
wall_s cpu_s peak_pss_mb peak_rss_mb (the command's output goes to its own
streams). CPU of a process that lived less than a sample is missed, so CPU
is a slight undercount."""
import os, subprocess, sys, time

TICK = os.sysconf("SC_CLK_TCK")

def children_of():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(pid))
        except OSError:
            pass
    return kids

def tree(root):
    kids, out, todo = children_of(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out

def usage(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK
        pss = rss = 0
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
        return cpu, pss, rss
    except OSError:
        return None

start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:])
cpu_seen, peak_pss, peak_rss = {}, 0, 0
while proc.poll() is None:
    pss_sum = rss_sum = 0
    for pid in tree(proc.pid):
        got = usage(pid)
        if got:
            cpu_seen[pid] = max(cpu_seen.get(pid, 0), got[0])
            pss_sum += got[1]
            rss_sum += got[2]
    peak_pss, peak_rss = max(peak_pss, pss_sum), max(peak_rss, rss_sum)
    time.sleep(0.2)
wall = time.monotonic() - start
# The command itself, once reaped: its own CPU and its waited-for children's.
own = os.times()
cpu = sum(cpu_seen.values())
cpu = max(cpu, own.children_user + own.children_system)
print(f"{wall:.2f} {cpu:.2f} {peak_pss / 1024:.0f} {peak_rss / 1024:.0f}")
sys.exit(proc.returncode)
