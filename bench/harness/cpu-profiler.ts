import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** Takes CPU profiles of this process on demand, through the inspector (what `--cpu-prof` writes, for a chosen window). */
export interface CpuProfiler {
  start(intervalUs?: number): Promise<void>;
  /** Stops and writes the profile (Chrome DevTools' `.cpuprofile` format) to `file`. */
  stop(file: string): Promise<void>;
}

export function createCpuProfiler(): CpuProfiler {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  return {
    async start(intervalUs = 250) {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: intervalUs });
      await post('Profiler.start');
    },
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      await post('Profiler.disable');
    },
  };
}
