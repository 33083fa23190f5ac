/** Long-syntax port findings point at the value at fault, with its full range; the picture and the fixer still find the port. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { buildPicture, pictureFromText } from '../src/picture/index.js';

const text = `services:
  db:
    image: postgres:16
    ports:
      - target: 5432
        published: 5432
        host_ip: 0.0.0.0
      - target: 5433
        published: "5433"
  web:
    image: example/web:1.0
    ports:
      - target: 80
        published: 80
      - target: 8080
    networks: [back]
networks:
  back:
    internal: true
`;

const located = (ruleId: string) =>
  lintText(text, 'compose.yaml', { preset: 'strict' }).findings.filter((f) => f.ruleId === ruleId).map((f) => [f.line, f.column, f.endLine, f.endColumn]);

describe('long-syntax port locations', () => {
  it('point at host_ip when the address is at fault, else at published, with end positions', () => {
    expect(located('no-public-datastore-port')).toEqual([[7, 18, 7, 25], [9, 20, 9, 26]]);
  });

  it('point at published for the host port, at target when nothing is published', () => {
    expect(located('no-privileged-host-port')).toEqual([[14, 20, 14, 22]]);
    expect(located('no-ports-on-internal-network')).toEqual([[14, 20, 14, 22], [15, 17, 15, 21]]);
  });

  it('still mark the right port on the picture', () => {
    const loaded = pictureFromText(text.replace('  back:\n    internal: true\n', '  back: {}\n'), 'compose.yaml', { projectDir: '/tmp' });
    if (!loaded.ok) throw new Error(loaded.message);
    const only = loaded.findings.filter((f) => f.ruleId === 'no-public-datastore-port').slice(0, 1);
    const port = buildPicture({ ...loaded, findings: only }).edges.find((e) => e.kind === 'port' && e.to === 'service:db')!;
    expect(port.lines.map((l) => [l.text, l.marks.map((m) => m.ruleId)])).toEqual([
      ['0.0.0.0:5432 -> 5432/tcp', ['no-public-datastore-port']],
      ['0.0.0.0:5433 -> 5433/tcp', []],
    ]);
  });
});
