/**
 * Logs where a build's main thread spends its CPU, phase by phase, user and
 * system time apart (`process.threadCpuUsage`: this thread alone, not the
 * worker's or Pagefind's). The worker reports its own phases the same way
 * (article-files), and `npm run bench` adds each thread's and process's total
 * from /proc. The line it prints, `profile: {json}`, is what the bench reads.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { cpuSince, type CpuMark, cpuMark, type PhaseCpu } from '../lib/profile.ts';

/** The main thread's phases, named by the hook that ends each. */
export default function buildProfile(): AstroIntegration {
  const phases: Record<string, PhaseCpu> = {};
  // From the start of the process: Node, Astro and the config load are the first phase.
  let last: CpuMark = { wall: 0, cpu: { user: 0, system: 0 } };
  const end = (phase: string) => {
    const now = cpuMark();
    phases[phase] = cpuSince(last, now);
    last = now;
  };
  let command = '';
  return {
    name: 'kb-build-profile',
    hooks: {
      'astro:config:setup': ({ command: c }) => {
        command = c;
      },
      'astro:config:done': () => end('start-up'),
      'astro:build:start': () => end('content sync'),
      // Vite's bundle, then every page (a static build has no hook between them).
      'astro:build:generated': () => end('bundle and pages'),
      // Added last, so this runs after the other integrations' build:done (the worker's files move into place there).
      'astro:build:done': ({ logger }) => {
        if (command !== 'build') return;
        end('finish');
        report(logger, 'main thread', phases);
      },
    },
  };
}

export function report(logger: AstroIntegrationLogger, thread: string, phases: Record<string, PhaseCpu>) {
  const text = Object.entries(phases).map(([name, p]) => `${name} ${p.wall.toFixed(1)} s (user ${p.user.toFixed(1)}, sys ${p.system.toFixed(1)})`);
  logger.info(`${thread}: ${text.join('; ')}`);
  logger.info(`profile: ${JSON.stringify({ thread, phases })}`);
}
