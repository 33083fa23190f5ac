/** Encodings: BOM, CRLF (exact columns), UTF-16 detection, invalid UTF-8 offsets, tabs, NUL bytes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintText } from '../src/lint.js';
import { decodeSource, firstInvalidUtf8 } from '../src/loader/read.js';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

async function lintBytes(bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'cl-enc-'));
  writeFileSync(join(dir, 'compose.yaml'), bytes);
  return (await lintFiles(['compose.yaml'], { cwd: dir })).results[0]!;
}
const privileged = (r: { findings: { ruleId: string; line: number; column: number; endColumn: number }[] }) =>
  r.findings.filter((f) => f.ruleId === 'no-privileged').map((f) => `${f.line}:${f.column}-${f.endColumn}`);

describe('encodings', () => {
  it('reads UTF-8 with and without a BOM, with the same positions', async () => {
    const plain = await lintBytes(Buffer.from(COMPOSE));
    const bom = await lintBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(COMPOSE)]));
    expect(privileged(plain)).toEqual(['4:17-21']);
    expect(privileged(bom)).toEqual(['4:17-21']);
    expect(bom.error).toBeUndefined();
  });

  it('keeps columns exact with CRLF line endings, and with non-ASCII text before the finding', () => {
    expect(privileged(lintText(COMPOSE.replace(/\n/g, '\r\n'), 'compose.yaml'))).toEqual(['4:17-21']);
    expect(privileged(lintText('services:\r\n  wéb:\r\n    image: nginx:1.27 # ünïcode\r\n    labels: {a: "日本"}\r\n    privileged: true\r\n', 'compose.yaml'))).toEqual(['5:17-21']);
  });

  it('detects UTF-16 with and without a byte order mark', async () => {
    const le = Buffer.from(COMPOSE, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le, be]) {
      const result = await lintBytes(bytes);
      expect(result.error?.message).toMatch(/UTF-16 encoded.*convert it/);
      expect(result.findings).toEqual([]);
    }
  });

  it('reports invalid UTF-8 with its byte offset, line and column, also as the file error position', async () => {
    const bytes = Buffer.concat([Buffer.from('services:\n  web:\n    image: ng'), Buffer.from([0xc3, 0x28]), Buffer.from('inx\n')]);
    expect(decodeSource(bytes)).toEqual({ ok: false, message: 'invalid UTF-8 at byte offset 30 (line 3, column 14)', line: 3, column: 14 });
    expect((await lintBytes(bytes)).error).toEqual({ file: 'compose.yaml', message: 'invalid UTF-8 at byte offset 30 (line 3, column 14)', line: 3, column: 14 });
    // Overlong forms, surrogates and truncated sequences are invalid too.
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from('héllo ✓ 𝄞'))).toBe(Buffer.byteLength('héllo ✓ 𝄞'));
  });

  it('refuses binary data with the offset of its first NUL byte', () => {
    expect(decodeSource(Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02, 0xff, 0x41, 0x42, 0x43]))).toEqual({ ok: false, message: 'binary data: NUL byte at byte offset 3; not a YAML text file' });
  });

  it('reports tabs in indentation as the YAML error they are, located', () => {
    const findings = lintText('services:\n\tweb:\n\t\timage: nginx\n', 'compose.yaml').findings.filter((f) => f.ruleId === 'yaml-syntax');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toContain('2:1 tab character used for indentation; YAML allows only spaces');
  });
});
