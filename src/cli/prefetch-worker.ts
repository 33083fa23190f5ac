/** The thread of src/cli/prefetch.ts: reads and parses each file in order and posts it. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { prefetchFile } from '../loader/parse-file.js';
import { PARSE_AHEAD, type PrefetchRequest } from './prefetch.js';

/** False when this is not such a thread (someone typed the argument): the CLI then runs as usual. */
export function runPrefetchWorker(): boolean {
  const port = parentPort;
  if (!port || isMainThread) return false;
  const request = workerData as PrefetchRequest;
  port.postMessage({ started: true });
  const progress = request.files.length;
  for (const [i, { abs, file }] of request.files.entries()) {
    // Taken by the lint while this thread was behind.
    if (Atomics.compareExchange(request.claims, i, 0, 1) !== 0) continue;
    // Far enough ahead: wait for the lint to catch up before holding more trees in memory.
    for (let linted = Atomics.load(request.claims, progress); i - linted >= PARSE_AHEAD; linted = Atomics.load(request.claims, progress)) {
      Atomics.wait(request.claims, progress, linted);
    }
    let prefetched;
    try {
      prefetched = prefetchFile(abs, file, request.maxFileSize);
    } catch {
      // The main thread parses it again and reports what happened.
    }
    port.postMessage(prefetched ? { abs, prefetched } : { abs });
  }
  return true;
}
