/**
 * Credentials in the `o` driver option of a local-driver volume. Docker hands `o` as it is to
 * mount(2), not to mount(8) or mount.cifs: the kernel's CIFS/SMB client reads the password from
 * `password=`, `pass=` and `password2=` (the next password, while one is rotated), and a doubled
 * comma is a comma inside a value (`password=a,,b` is `a,b`). NFS and bind mounts take no password.
 * `credentials=/path` (mount.cifs reads the file) holds none.
 */

/** Where a credential is in the options text, end exclusive, and the option that holds it. */
export interface MountCredential {
  option: string;
  start: number;
  end: number;
}

const PASSWORD_OPTIONS = new Set(['password', 'pass', 'password2']);
/** mount.cifs also takes `user=name%password`; the kernel would take it all as the name, but the password is written. */
const USER_OPTIONS = new Set(['user', 'username']);

/** Every literal password of a mount option text, with its offsets. */
export function mountPasswords(options: string): MountCredential[] {
  const out: MountCredential[] = [];
  for (let start = 0; start < options.length; ) {
    let end = start;
    // A doubled comma is part of the value; a single one ends the option.
    while (end < options.length && !(options[end] === ',' && options[end + 1] !== ',')) end += options[end] === ',' ? 2 : 1;
    const eq = options.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const option = options.slice(start, eq).trim().toLowerCase();
      let from = eq + 1;
      if (USER_OPTIONS.has(option)) {
        const percent = options.indexOf('%', from);
        from = percent !== -1 && percent < end ? percent + 1 : end;
      } else if (!PASSWORD_OPTIONS.has(option)) {
        from = end;
      }
      if (end > from) out.push({ option, start: from, end });
    }
    start = end + 1;
  }
  return out;
}
