/** src/cli/terminal.ts: writing through the file descriptors, and the stream fallback for a full non-blocking pipe. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv } from './bin.js';

const terminal = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'terminal.js');

/** Runs `script` (ESM) in a child whose stdout the parent reads only after `delayMs`. */
function slowlyRead(script: string, delayMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
  const out: Buffer[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.pause();
  setTimeout(() => child.stdout.on('data', (d: Buffer) => out.push(d)).resume(), delayMs);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr })));
}

describe('writeAll', () => {
  it('keeps every byte, in order, when a non-blocking pipe fills up (EAGAIN)', async () => {
    // Creating process.stdout over a pipe makes the descriptor non-blocking: writeSync then meets EAGAIN.
    const script = `
      void process.stdout;
      const { writeAll } = await import(${JSON.stringify(terminal)});
      const parts = [];
      for (let i = 0; i < 4; i++) parts.push(writeAll('stdout', String(i).repeat(200000) + '\\n'));
      await Promise.all(parts);
    `;
    const run = await slowlyRead(script, 300);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe([0, 1, 2, 3].map((i) => String(i).repeat(200000) + '\n').join(''));
  }, 30_000);
});
