// Prints the package.json given (argv[2]) with esbuild as its only devDependency: what the action
// installs to build and run the CLI (scripts/action/install.sh).
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const esbuild = manifest.devDependencies?.esbuild;
if (!esbuild) throw new Error('package.json has no esbuild devDependency: scripts/action/install.sh cannot build the CLI');
manifest.devDependencies = { esbuild };
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
