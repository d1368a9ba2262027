// The report's sys and user seconds: this process's CPU time, as ZeroVM reads its own.
export function processCpuTime(): { user: number; sys: number } {
  const u = process.cpuUsage();
  return { user: u.user / 1e6, sys: u.system / 1e6 };
}
