// Bundles the CLI into dist/compose-lint.mjs with esbuild: one file to read and compile instead
// of ~150 modules plus yaml's and commander's CommonJS trees, which is most of a cold start.
// Modules the code imports dynamically (reporters, picture renderers) become lazy chunks in
// dist/chunks/. @viz-js/viz (large, only for SVG) and eslint-formatter-friendly (required at
// run time through createRequire) stay in node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundle() {
  // Chunk names carry content hashes: drop the previous build's.
  rmSync(join(repo, 'dist/chunks'), { recursive: true, force: true });
  return build({
    absWorkingDir: repo,
    entryPoints: { 'compose-lint': 'src/cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The ESM builds of dependencies, where they ship one (yaml's node build is ~80 CommonJS files).
    mainFields: ['module', 'main'],
    external: ['@viz-js/viz', 'eslint-formatter-friendly'],
    // Bundled CommonJS (commander, ajv's runtime helpers) calls require() for Node built-ins.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
