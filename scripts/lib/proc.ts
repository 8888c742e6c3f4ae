/**
 * Runs a command and samples the memory of its whole process tree from /proc,
 * so a benchmark reports the peak resident size of the build, children included.
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
    const sample = () => {
      if (child.pid === undefined) return;
      const pids = descendants(child.pid);
      const sum = pids.reduce((s, p) => s + statusKb(p, 'VmRSS'), 0);
      for (const p of pids) {
        const hwm = statusKb(p, 'VmHWM');
        peakKb = Math.max(peakKb, hwm);
        if (hwm / 1024 > peakProcess.rssMb) peakProcess = { name: processName(p), rssMb: Math.round(hwm / 1024) };
      }
      peakKb = Math.max(peakKb, sum);
    };
    const timer = setInterval(sample, 200);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      log.end();
      resolve({ code: code ?? 1, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peakKb / 1024), peakProcess });
    });
  });
}
