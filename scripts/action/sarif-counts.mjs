// Counts the unsuppressed results of a SARIF log by level: prints "errors warnings notes".
// The action uses it for the job summary only: whether the run fails is the CLI's exit code.
import { readFileSync } from 'node:fs';

const log = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const counts = { error: 0, warning: 0, note: 0 };
for (const run of log.runs ?? []) {
  for (const result of run.results ?? []) {
    if ((result.suppressions ?? []).length > 0) continue;
    // SARIF's default level is "warning" when a result names none.
    const level = result.level ?? 'warning';
    if (level in counts) counts[level]++;
  }
}
process.stdout.write(`${counts.error} ${counts.warning} ${counts.note}\n`);
