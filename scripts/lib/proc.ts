/**
 * Runs a command and samples its whole process tree from /proc: the peak
 * resident size (children included) and the CPU time of every thread, so a
 * benchmark can say which thread or process spent it.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

export interface RunResult {
  code: number;
  seconds: number;
  /** Peak resident memory in MB: the largest sampled sum over the tree, or a process's own high-water mark if larger. */
  peakRssMb: number;
  /** The largest high-water mark of any one process of the tree, with its name. */
  peakProcess: { name: string; rssMb: number };
  /** CPU seconds by thread role (threadRole), user and system apart, as /proc last saw each thread. */
  cpu: Record<string, { user: number; system: number }>;
}

/** Linux's clock ticks per second, in which /proc reports CPU time. */
const TICKS = 100;

/**
 * What a thread is, by its process's and its own name: the build's main
 * thread, its worker (named `kb-files`), Pagefind's process, V8's helpers
 * (garbage collection, compilation) and libuv's pool (file system calls).
 */
export function threadRole(processName: string, threadName: string): string {
  if (processName.startsWith('pagefind')) return 'pagefind';
  if (threadName === 'MainThread') return 'main thread';
  if (threadName === processName) return processName;
  if (threadName === 'kb-files') return 'worker';
  if (threadName.startsWith('V8') || threadName === 'DelayedTaskSche') return 'V8 helpers';
  if (threadName.startsWith('libuv')) return 'libuv pool';
  return 'other threads';
}

/** Each thread of a process: its name and CPU ticks so far. */
function threadTimes(pid: number): { tid: string; name: string; user: number; system: number }[] {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.push({ tid, name, user: Number(f[11]), system: Number(f[12]) });
      } catch {
        // The thread ended while we looked.
      }
    }
  } catch {
    // So did the process.
  }
  return out;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]!) ?? []));
  return out;
}

export function runMeasured(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const log = createWriteStream(logFile);
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    let peakKb = 0;
    let peakProcess = { name: '', rssMb: 0 };
    const threads = new Map<string, { role: string; user: number; system: number }>();
    const sample = () => {
      if (child.pid === undefined) return;
      const pids = descendants(child.pid);
      const sum = pids.reduce((s, p) => s + statusKb(p, 'VmRSS'), 0);
      for (const p of pids) {
        const name = processName(p);
        for (const t of threadTimes(p)) threads.set(`${p}/${t.tid}`, { role: threadRole(name, t.name), user: t.user, system: t.system });
        const hwm = statusKb(p, 'VmHWM');
        peakKb = Math.max(peakKb, hwm);
        if (hwm / 1024 > peakProcess.rssMb) peakProcess = { name, rssMb: Math.round(hwm / 1024) };
      }
      peakKb = Math.max(peakKb, sum);
    };
    const timer = setInterval(sample, 200);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      log.end();
      const cpu: RunResult['cpu'] = {};
      for (const { role, user, system } of threads.values()) {
        const c = (cpu[role] ??= { user: 0, system: 0 });
        c.user += user / TICKS;
        c.system += system / TICKS;
      }
      resolve({ code: code ?? 1, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peakKb / 1024), peakProcess, cpu });
    });
  });
}
