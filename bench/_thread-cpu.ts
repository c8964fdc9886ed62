/**
 * Preload that prints, at exit, the CPU seconds of each of the process's busiest threads
 * (`node --import tsx --import ./bench/_thread-cpu.ts bench/sim.ts --child …`): the
 * simulator's event loop (main), its recording thread, and V8's helper threads (garbage
 * collection, compilation) apart, where process.cpuUsage() sums them all.
 *
 * Linux only: /proc/self/task/TID/stat, utime and stime (fields 14 and 15, clock ticks of
 * 10 ms: proc(5)), read every 200 ms, since a worker thread's entry is gone once it exits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

interface ThreadCpu {
  name: string;
  user: number;
  system: number;
}

if (isMainThread) {
  const seen = new Map<string, ThreadCpu>();
  const sample = () => {
    let tids: string[] = [];
    try {
      tids = readdirSync('/proc/self/task');
    } catch {
      return;
    }
    for (const tid of tids) {
      try {
        const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        const name = tid === String(process.pid) ? 'main' : `${s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'))} ${tid}`;
        seen.set(tid, { name, user: Number(f[11]) / 100, system: Number(f[12]) / 100 });
      } catch {
        // The thread ended between the listing and the read: its last sample stands.
      }
    }
  };
  setInterval(sample, 200).unref();
  process.on('exit', () => {
    sample();
    const rows = [...seen.values()].sort((a, b) => b.user + b.system - (a.user + a.system)).slice(0, 8);
    const all = [...seen.values()].reduce((s, r) => s + r.user + r.system, 0);
    process.stderr.write(
      `thread CPU (s, user + system; ${all.toFixed(1)} in all): ${rows
        .map((r) => `${r.name} ${(r.user + r.system).toFixed(1)} (${r.user.toFixed(1)} + ${r.system.toFixed(1)})`)
        .join(', ')}\n`,
    );
  });
}
