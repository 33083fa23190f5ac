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
 * with `| head`), that channel's output is dropped from then on, quietly, and the run goes on:
 * a `--sarif-output` file, the lines on the other channel and the exit code still come.
 * A non-blocking descriptor that is full (EAGAIN) gets the rest through the stream, which waits
 * for it; so does every later text of that channel, to keep the order.
 */
export function writeAll(channel: Channel, text: string): Promise<void> {
  if (text === '' || gone.has(channel)) return Promise.resolve();
  const bytes = Buffer.from(text);
  // A Windows console reads raw bytes in its code page: the stream writes UTF-16 to it.
  if (streamed.has(channel) || process.platform === 'win32') return viaStream(channel, bytes);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(channel === 'stdout' ? 1 : 2, bytes, offset);
    return Promise.resolve();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') {
      gone.add(channel);
      return Promise.resolve();
    }
    if (code !== 'EAGAIN') throw error;
  }
  return viaStream(channel, bytes.subarray(offset));
}

const streamed = new Set<Channel>();
/** Channels whose reader went away. */
const gone = new Set<Channel>();

function viaStream(channel: Channel, bytes: Uint8Array): Promise<void> {
  const stream = process[channel];
  if (!streamed.has(channel)) {
    streamed.add(channel);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      gone.add(channel);
    });
  }
  // The callback comes with or without an error: a write to a reader that went away is done too.
  return new Promise((resolve) => stream.write(bytes, () => resolve()));
}
