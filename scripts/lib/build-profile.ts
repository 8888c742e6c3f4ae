/**
 * The build's CPU profile as `npm run bench` prints it: the phases the build
 * logs for its main thread and its worker (`profile: {json}` lines, from
 * src/integrations/build-profile.ts), and the totals /proc saw for every
 * thread and process (proc.ts), Pagefind's among them.
 */
import type { PhaseCpu } from '../../src/lib/profile.ts';
import type { RunResult } from './proc.ts';

export interface ThreadProfile {
  thread: string;
  phases: Record<string, PhaseCpu>;
}

/** The `profile: {json}` lines of a build log. */
export function parseProfiles(log: string): ThreadProfile[] {
  const out: ThreadProfile[] = [];
  for (const m of log.matchAll(/profile: (\{.*\})\s*$/gm)) {
    try {
      out.push(JSON.parse(m[1]!) as ThreadProfile);
    } catch {
      // A line cut short: the table goes without it.
    }
  }
  return out;
}

const s = (n: number) => n.toFixed(1);

/** A Markdown table: one row per phase, then one per thread role's total. */
export function formatProfile(profiles: readonly ThreadProfile[], cpu: RunResult['cpu']): string[] {
  const rows = ['| thread / process | phase | wall s | user s | sys s |', '|---|---|---|---|---|'];
  for (const { thread, phases } of profiles) {
    for (const [phase, p] of Object.entries(phases)) rows.push(`| ${thread} | ${phase} | ${s(p.wall)} | ${s(p.user)} | ${s(p.system)} |`);
  }
  let user = 0;
  let system = 0;
  for (const [role, c] of Object.entries(cpu).sort(([, a], [, b]) => b.user + b.system - a.user - a.system)) {
    rows.push(`| ${role} | total | | ${s(c.user)} | ${s(c.system)} |`);
    user += c.user;
    system += c.system;
  }
  rows.push(`| all | total | | ${s(user)} | ${s(system)} |`);
  return rows;
}
