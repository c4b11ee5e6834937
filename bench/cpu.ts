import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// CPU time of one Chromium, split by process kind, from Linux /proc. On a shared machine wall-clock
// load times swing with other tenants' work; the CPU a load costs the browser swings far less, and
// the split says where an extension's cost lands (the browser process routes webRequest events, the
// extension process runs the worker, renderers run pages and content scripts).

export const PROCESS_KINDS = ['browser', 'network', 'renderer', 'extension', 'gpu', 'other'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];
export type CpuByKind = Record<ProcessKind | 'total', number>;

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function kindOf(args: readonly string[]): ProcessKind {
  if (args.includes('--extension-process')) return 'extension';
  const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length);
  if (type === undefined) return 'browser';
  if (type === 'renderer') return 'renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility' && args.some((a) => a.includes('NetworkService'))) return 'network';
  return 'other';
}

const empty = (): CpuByKind => ({ browser: 0, network: 0, renderer: 0, extension: 0, gpu: 0, other: 0, total: 0 });

/**
 * CPU milliseconds used so far by the processes whose command line contains `marker` (every process
 * of a Chromium launched with a unique profile directory carries that directory), with the time of
 * children they have reaped, so a process that exits between two readings keeps its time (it moves
 * to its parent's kind). NaN everywhere without /proc.
 */
export function browserCpuMs(marker: string): CpuByKind {
  const out = empty();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    for (const k of Object.keys(out) as (keyof CpuByKind)[]) out[k] = NaN;
    return out;
  }
  const ms = 1000 / clockTicks();
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3; utime..cstime are 14..17.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const t = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * ms;
      // Chromium rewrites its process title, so arguments may be joined by spaces rather than NULs.
      out[kindOf(cmdline.split(/[\0 ]/))] += t;
      out.total += t;
    } catch {
      // exited meanwhile: its parent has its time once it reaps it
    }
  }
  return out;
}

/** `after - before`, kind by kind. */
export function cpuDelta(before: CpuByKind, after: CpuByKind): CpuByKind {
  const out = empty();
  for (const k of Object.keys(out) as (keyof CpuByKind)[]) out[k] = after[k] - before[k];
  return out;
}
