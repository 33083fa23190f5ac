/**
 * Reading compose files safely: only regular files, bounded in size, decoded
 * strictly. Pull requests can point a linter at FIFOs, devices or huge files.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readFileSync } from 'node:fs';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type ReadResult =
  /** `bom`: the bytes started with a UTF-8 byte order mark, which `text` leaves out. */
  | { ok: true; text: string; bom?: true }
  /** `line` and `column` when the problem has a position in the file (invalid UTF-8); `missing` when no file is there. */
  | { ok: false; message: string; line?: number; column?: number; missing?: true };

export async function readSourceFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openFailure(error, path);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, message: 'is a directory, not a compose file' };
    if (!stat.isFile()) return { ok: false, message: 'not a regular file (FIFO, socket or device); refusing to read it' };
    if (stat.size > maxBytes) {
      return { ok: false, message: `file is ${stat.size} bytes, over the limit of ${maxBytes} bytes (--max-file-size)` };
    }
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) {
      return { ok: false, message: `file grew over the limit of ${maxBytes} bytes while being read` };
    }
    return decodeSource(bytes);
  } catch (error) {
    return { ok: false, message: describeIoError(error) };
  } finally {
    await handle.close();
  }
}

/** The same checks, synchronously: the project loader follows extends/include references while it walks a tree. */
export function readSourceFileSync(path: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openFailure(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, message: 'is a directory, not a compose file' };
    if (!stat.isFile()) return { ok: false, message: 'not a regular file (FIFO, socket or device); refusing to read it' };
    if (stat.size > maxBytes) return { ok: false, message: `file is ${stat.size} bytes, over the limit of ${maxBytes} bytes (--max-file-size)` };
    const bytes = readFileSync(fd);
    if (bytes.length > maxBytes) return { ok: false, message: `file grew over the limit of ${maxBytes} bytes while being read` };
    return decodeSource(bytes);
  } catch (error) {
    return { ok: false, message: describeIoError(error) };
  } finally {
    closeSync(fd);
  }
}


/** Decodes UTF-8 (BOM stripped); refuses UTF-16/32, binary data and invalid UTF-8 with a precise reason. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: 'file is UTF-16 encoded (byte order mark found); Compose reads UTF-8: convert it, e.g. `iconv -f UTF-16 -t UTF-8`' };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = looksLikeUtf16(bytes);
    return {
      ok: false,
      message: utf16
        ? 'file looks UTF-16 encoded (no byte order mark); Compose reads UTF-8: convert it, e.g. `iconv -f UTF-16 -t UTF-8`'
        : `binary data: NUL byte at byte offset ${nul}; not a YAML text file`,
    };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  // Node's own check and decoding: a strict TextDecoder opens an ICU converter, a tenth of a
  // millisecond of every start. It dropped a second byte order mark too; so does this.
  if (isUtf8(body)) {
    const again = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
    const text = Buffer.from(body.buffer, body.byteOffset + again, body.length - again).toString('utf8');
    return start === 3 ? { ok: true, text, bom: true } : { ok: true, text };
  }
  const offset = firstInvalidUtf8(body) + start;
  const { line, column } = lineColumnOfByte(bytes, offset, start);
  return { ok: false, message: `invalid UTF-8 at byte offset ${offset} (line ${line}, column ${column})`, line, column };
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 512);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  const half = sample / 2;
  return oddNul > half * 0.6 || evenNul > half * 0.6;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineColumnOfByte(bytes: Uint8Array, offset: number, start: number): { line: number; column: number } {
  let line = 1;
  let lineStart = start;
  for (let i = start; i < offset; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  return { line, column: offset - lineStart + 1 };
}

/** As describeIoError, telling a dangling symbolic link (a compose file name found by a directory scan) from a missing file. */
function openFailure(error: unknown, path: string): ReadResult {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    try {
      if (lstatSync(path).isSymbolicLink()) return { ok: false, message: 'broken symbolic link: its target does not exist' };
    } catch {
      // Missing indeed.
    }
    return { ok: false, message: 'no such file', missing: true };
  }
  return { ok: false, message: describeIoError(error) };
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a compose file';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENXIO': return 'not a regular file (socket or device); refusing to read it';
    default: return error instanceof Error ? error.message : String(error);
  }
}
