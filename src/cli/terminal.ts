/**
 * Standard output and error without process.stdout and process.stderr: creating those streams
 * loads Node's stream modules (and net for a pipe), a tenth of a cold start, for one write.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

export type Channel = 'stdout' | 'stderr';

/** Whether standard output is a terminal. Pipes, files and /dev/null are told apart by stat alone. */
export function stdoutIsTerminal(): boolean {
  try {
    const out = fstatSync(1);
    if (!out.isCharacterDevice()) return false;
    const devNull = statSync('/dev/null', { throwIfNoEntry: false });
    if (devNull && devNull.rdev === out.rdev) return false;
  } catch {
    // No stat of fd 1 (closed, or a platform without it): the stream decides.
  }
  return process.stdout.isTTY === true;
}

/**
 * Writes all of `text` to the channel's file descriptor. When the reader went away (EPIPE, as
 * with `| head`), ends the process quietly with the exit code already set. A non-blocking
 * descriptor that is full (EAGAIN) gets the rest through the stream, which waits for it.
 */
export function writeAll(channel: Channel, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  const bytes = Buffer.from(text);
  let offset = 0;
  // Once a channel waits in its stream, later text queues behind it, in order.
  if (streamed.has(channel)) return viaStream(channel, bytes);
  try {
    while (offset < bytes.length) offset += writeSync(channel === 'stdout' ? 1 : 2, bytes, offset);
    return Promise.resolve();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (code !== 'EAGAIN') throw error;
  }
  streamed.add(channel);
  process[channel].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return viaStream(channel, bytes.subarray(offset));
}

const streamed = new Set<Channel>();

function viaStream(channel: Channel, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => process[channel].write(bytes, () => resolve()));
}
