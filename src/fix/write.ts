/** The atomic write of a fixed file (I/O only: the fixing itself is pure, in apply.ts). */
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes through a temporary file and a rename, keeping the file's permissions. A symlink is
 * written through: the temporary file goes beside its target and replaces the target, so the
 * link stays a link (renaming onto the link itself would replace it with a regular file).
 * A file with hard links is rewritten in place: a rename would leave its other names on the old text.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const info = await stat(target);
  if (info.nlink > 1) return writeFile(target, text);
  const mode = info.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { mode, flag: 'wx' });
    await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
