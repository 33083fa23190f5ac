// dist/THIRD-PARTY-NOTICES.txt: the licence of every package esbuild copied into the bundled CLI.
// MIT, ISC and BSD licences ask that their notice travel with copies of the code; minifying
// drops the packages' own files, so the build gathers them from esbuild's list of inputs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** node_modules/a/node_modules/@s/b/x.js -> node_modules/a/node_modules/@s/b (the package that owns the file). */
export function packageRoot(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at === -1) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? rest.slice(0, 2).join('/') : rest[0];
  return input.slice(0, at) + 'node_modules/' + name;
}

const LICENCE_FILE = /^licen[cs]e(\.(md|txt))?$/i;

function repositoryUrl(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The notices text for esbuild's metafile inputs, resolved against `repo`. Throws for a package without a licence file. */
export function thirdPartyNotices(metafile, repo, bundleName) {
  const roots = [...new Set(Object.keys(metafile.inputs).map(packageRoot).filter(Boolean))];
  const entries = roots.map((root) => {
    const dir = join(repo, root);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // Sorted: LICENSE before LICENSE.md when a package ships both.
    const file = readdirSync(dir).sort().find((name) => LICENCE_FILE.test(name));
    if (!file) throw new Error(`${pkg.name} is bundled into ${bundleName} but ships no licence file: its notice cannot go with it`);
    return { pkg, text: readFileSync(join(dir, file), 'utf8').trim() };
  });
  entries.sort((a, b) => (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0));
  const rule = '='.repeat(78);
  const sections = entries.map(({ pkg, text }) => {
    const url = repositoryUrl(pkg);
    const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see below');
    return [rule, `${pkg.name} ${pkg.version} (${licence})${url ? `\n${url}` : ''}`, '-'.repeat(78), text].join('\n');
  });
  return `Third-party software in ${bundleName}

The bundled command line contains code from the ${entries.length} packages below, copied by esbuild
at build time. Each is listed with its version and licence text.

${sections.join('\n\n')}
`;
}

export function writeThirdPartyNotices(metafile, repo, bundleName, out) {
  writeFileSync(out, thirdPartyNotices(metafile, repo, bundleName));
}
