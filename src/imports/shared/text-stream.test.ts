import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { isAppError } from '../../shared/errors.ts';
import { openTextStream } from './text-stream.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'ctip-text-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const filePath = path.join(folder, name);
  writeFileSync(filePath, bytes);
  return filePath;
}

async function readAll(filePath: string, maxLineChars?: number) {
  const source = await openTextStream(filePath, { maxLineChars });
  let text = '';
  for await (const chunk of source.chunks) text += chunk;
  return { source, text };
}

const sample = 'name,city\nCôte d’Ivoire Aid,Zürich\n';

describe('openTextStream', () => {
  it('reads UTF-8 with and without a BOM, the BOM not part of the text', async () => {
    const plain = await readAll(file('plain.csv', sample));
    const bom = await readAll(file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)])));
    assert.equal(plain.text, sample);
    assert.equal(bom.text, sample);
    assert.deepEqual([plain.source.encoding, plain.source.bom, bom.source.encoding, bom.source.bom], ['utf-8', false, 'utf-8', true]);
    assert.deepEqual(plain.source.problems, []);
  });

  it('reads UTF-16 LE and BE by their byte-order marks', async () => {
    const le = await readAll(file('le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sample, 'utf-16le')])));
    const be = await readAll(file('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')])));
    assert.deepEqual([le.source.encoding, le.text], ['utf-16le', sample]);
    assert.deepEqual([be.source.encoding, be.text], ['utf-16be', sample]);
  });

  it('reads invalid UTF-8 as Windows-1252 and warns with the first bad line', async () => {
    const { source, text } = await readAll(file('cp1252.csv', iconv.encode('name\nok\nCaf\u00e9 \u2013 Bogot\u00e1\n', 'windows-1252')));
    assert.equal(source.encoding, 'windows-1252');
    assert.equal(text, 'name\nok\nCaf\u00e9 \u2013 Bogot\u00e1\n');
    assert.match(source.problems[0]!.message, /not valid UTF-8 \(first invalid bytes on line 3\).*Windows-1252/);
  });

  it('keeps UTF-8 whose multi-byte characters straddle read chunks', async () => {
    const long = 'é'.repeat(1024 * 1024 + 1);
    const { source, text } = await readAll(file('straddle.csv', `${long}\n`), Infinity);
    assert.equal(source.encoding, 'utf-8');
    assert.equal(text.length, long.length + 1);
  });

  it('refuses missing, empty and binary files with INVALID_FILE', async () => {
    for (const filePath of [
      path.join(folder, 'nope.csv'),
      file('empty.csv', ''),
      file('blank.csv', '\n  \n'),
      file('bin.csv', Buffer.from([0x61, 0, 0x62, 0])),
    ]) {
      await assert.rejects(openTextStream(filePath), (error) => isAppError(error) && error.code === 'INVALID_FILE');
    }
  });

  it('stops a 50 MB single line at 10 Mi characters with the line number, memory bounded', async () => {
    const filePath = path.join(folder, 'huge.csv');
    const out = createWriteStream(filePath);
    out.write('header\nfirst row\n');
    const block = 'x'.repeat(1024 * 1024);
    for (let index = 0; index < 50; index += 1) out.write(block);
    await new Promise((resolve) => out.end(resolve));
    const before = process.memoryUsage().rss;
    await assert.rejects(
      readAll(filePath),
      (error) => isAppError(error) && error.code === 'INVALID_FILE' && /^line 3 is longer than 10 Mi characters/.test(error.message),
    );
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'memory stays bounded');
  });
});
