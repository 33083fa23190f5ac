/** Where output goes: standard output, a report file, standard error; and reading standard input. */
// fs.promises, not node:fs/promises: the getter loads it only when a file is written (-o), not at every start.
import { promises as fs } from 'node:fs';
import { UsageError } from './options.js';
import { writeAll } from './terminal.js';
import { printable } from '../reporters/printable.js';

export async function emit(text: string, output: string | undefined): Promise<void> {
  if (output) {
    try {
      await fs.writeFile(output, text);
    } catch (error) {
      throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return;
  }
  await writeAll('stdout', text);
}

/** A warning must never stop the lint: one that cannot be written (stderr closed or full) is dropped. */
export function warn(message: string): void {
  try {
    void writeAll('stderr', `compose-lint: ${printable(message)}\n`);
  } catch {
    // Nothing better to do with it.
  }
}

/** Standard input as UTF-8 text, refusing more than `maxBytes` as files are refused. */
export async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new UsageError(`standard input is larger than --max-file-size (${maxBytes} bytes)`);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError('standard input is not valid UTF-8');
  }
}
