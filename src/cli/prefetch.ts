/**
 * Batch runs: a second thread reads and parses the files ahead (yaml, then the schema), while
 * this one loads, checks and reports. Each thread warms up different code, so two cores share
 * the work instead of both compiling all of it. Measured in bench/results.md.
 */
import { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import { displayPath } from '../lint.js';
import { prefetchFile, type Prefetched } from '../loader/parse-file.js';
import { PREFETCH_ARG } from './prefetch-limits.js';

export interface PrefetchRequest {
  files: { abs: string; file: string }[];
  maxFileSize?: number;
  /**
   * Who parses each file: 0 nobody yet, 1 the parsing thread, 2 this one. The last slot holds how
   * many files this thread has linted: the other one stays at most PARSE_AHEAD files ahead.
   */
  claims: Int32Array;
}

/** How far ahead this thread looks for a file to parse itself while the other one is busy. */
const STEAL_AHEAD = 4;
/** Parsed files waiting to be linted at most: their trees are kept in memory until then. */
export const PARSE_AHEAD = 64;

export class Prefetcher {
  readonly results = new Map<string, Prefetched>();
  /** Resolves once the thread has compiled its code (or failed to start). */
  readonly started: Promise<void>;
  private start: () => void = () => undefined;
  private readonly index = new Map<string, number>();
  /** Files the parsing thread has taken and not yet posted. */
  private readonly inFlight = new Map<string, { done: Promise<void>; settle: () => void }>();
  private readonly worker: Worker;

  constructor(entry: string, private readonly request: PrefetchRequest) {
    request.files.forEach((f, i) => {
      let settle = () => undefined as void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      this.index.set(f.abs, i);
      this.inFlight.set(f.abs, { done, settle });
    });
    this.started = new Promise((done) => (this.start = done));
    this.worker = new Worker(entry, { argv: [PREFETCH_ARG], workerData: request, stdout: true, stderr: true });
    this.worker.on('message', (message: { started?: true; abs: string; prefetched?: Prefetched }) => {
      if (message.started) return this.start();
      if (message.prefetched) this.results.set(message.abs, message.prefetched);
      this.settle(message.abs);
    });
    // Whatever goes wrong there, this thread reads and parses the rest itself.
    const giveUp = () => {
      this.start();
      for (const abs of [...this.inFlight.keys()]) this.settle(abs);
    };
    this.worker.on('error', giveUp);
    this.worker.on('exit', giveUp);
  }

  /**
   * Returns when these files are parsed ahead or left to the loader. A file the other thread has
   * not reached is left to the loader; while that thread parses one, this one parses the next.
   */
  async ready(files: string[]): Promise<void> {
    for (const abs of files) {
      const i = this.index.get(abs);
      if (i === undefined || !this.inFlight.has(abs)) continue;
      if (this.claim(i)) {
        this.settle(abs);
        continue;
      }
      while (this.inFlight.has(abs)) {
        const ahead = this.nextUnclaimed(i);
        if (ahead === undefined) await this.inFlight.get(abs)!.done;
        else {
          this.parseHere(ahead);
          // Lets the other thread's messages in.
          await new Promise((next) => setImmediate(next));
        }
      }
    }
  }

  /** These files are linted: their parsed trees can go, and the other thread may parse further. */
  release(files: string[]): void {
    for (const abs of files) this.results.delete(abs);
    const progress = this.request.files.length;
    const last = Math.max(-1, ...files.map((abs) => this.index.get(abs) ?? -1));
    if (last + 1 > Atomics.load(this.request.claims, progress)) {
      Atomics.store(this.request.claims, progress, last + 1);
      Atomics.notify(this.request.claims, progress);
    }
  }

  stop(): void {
    // Wakes the thread if it waits for this one, so that it can be stopped.
    const progress = this.request.files.length;
    Atomics.store(this.request.claims, progress, 0x7fffffff);
    Atomics.notify(this.request.claims, progress);
    void this.worker.terminate();
  }

  private claim(i: number): boolean {
    return Atomics.compareExchange(this.request.claims, i, 0, 2) === 0;
  }

  private nextUnclaimed(i: number): number | undefined {
    const end = Math.min(this.request.files.length, i + 1 + STEAL_AHEAD);
    for (let j = i + 1; j < end; j++) if (this.claim(j)) return j;
    return undefined;
  }

  private parseHere(i: number): void {
    const { abs, file } = this.request.files[i]!;
    const prefetched = prefetchFile(abs, file, this.request.maxFileSize);
    if (prefetched) this.results.set(abs, prefetched);
    this.settle(abs);
  }

  private settle(abs: string): void {
    const entry = this.inFlight.get(abs);
    this.inFlight.delete(abs);
    entry?.settle();
  }
}

/** The files of these projects, once each, under the names the loader shows them by (lintProjectDetailed). */
export function prefetchRequest(projects: string[][], cwd: string, maxFileSize?: number): PrefetchRequest {
  const byPath = new Map<string, string>();
  for (const f of projects.flat()) if (!byPath.has(resolve(cwd, f))) byPath.set(resolve(cwd, f), displayPath(f, cwd));
  const files = [...byPath].map(([abs, file]) => ({ abs, file }));
  const claims = new Int32Array(new SharedArrayBuffer(4 * (files.length + 1)));
  return maxFileSize === undefined ? { files, claims } : { files, maxFileSize, claims };
}
