/**
 * CPU time of the calling thread, by phase: what the build profile logs
 * (src/integrations/build-profile.ts) and the worker reports.
 */

/** One phase: wall-clock seconds, and this thread's user and system CPU seconds. */
export interface PhaseCpu {
  wall: number;
  user: number;
  system: number;
}

export interface CpuMark {
  /** performance.now(), ms. */
  wall: number;
  /** process.threadCpuUsage(), µs. */
  cpu: { user: number; system: number };
}

export const cpuMark = (): CpuMark => ({ wall: performance.now(), cpu: process.threadCpuUsage() });

export const cpuSince = (from: CpuMark, to: CpuMark = cpuMark()): PhaseCpu => ({
  wall: round((to.wall - from.wall) / 1000),
  user: round((to.cpu.user - from.cpu.user) / 1e6),
  system: round((to.cpu.system - from.cpu.system) / 1e6),
});

const round = (s: number) => Math.round(s * 100) / 100;
