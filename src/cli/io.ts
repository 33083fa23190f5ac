/** Where output goes: standard output, a report file, standard error; and reading standard input. */
import { writeFile } from 'node:fs/promises';
import { UsageError } from './options.js';

export async function emit(text: string, output: string | undefined): Promise<void> {
  if (output) {
    try {
      await writeFile(output, text);
    } catch (error) {
      throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return;
  }
  await write(process.stdout, text);
}

/** Resolves once the text is handed to the stream, so that the exit code is set after the output. */
export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve) => {
    // An error (EPIPE when the reader went away) is handled by main.ts; the promise must not hang on it.
    stream.write(text, () => resolve());
  });
}

export function warn(message: string): void {
  process.stderr.write(`compose-lint: ${message}\n`);
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
