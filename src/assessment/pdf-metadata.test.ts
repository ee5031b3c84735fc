import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setPdfInfo } from './pdf-metadata.ts';

/** A one-page PDF with a cross-reference table, as Chromium (Skia) writes them. */
function minimalPdf(): Buffer {
  const objects = [
    "<</Producer (Skia/PDF m156)\n/CreationDate (D:20261207235201+00'00')\n/ModDate (D:20261207235201+00'00')>>",
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [4 0 R] /Count 1>>',
    '<</Type /Page /Parent 3 0 R /MediaBox [0 0 612 792]>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 5\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

/** Reads the document information the last trailer points to, decoding its text strings. */
function readInfo(pdf: Buffer): Record<string, string> {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  assert.equal(text.slice(startxref, startxref + 4), 'xref', 'startxref points at the new section');
  const section = /xref\n(\d+) 1\n(\d{10}) 00000 n \n/.exec(text.slice(startxref))!;
  const [number, offset] = [section[1]!, Number(section[2])];
  assert.equal(text.slice(offset, offset + `${number} 0 obj`.length), `${number} 0 obj`, 'the section points at the object');
  const trailer = text.slice(text.lastIndexOf('trailer'));
  assert.match(trailer, new RegExp(`/Info ${number} 0 R`));
  const object = text.slice(offset, text.indexOf('endobj', offset));
  const info: Record<string, string> = {};
  for (const [, key, hex, literal] of object.matchAll(/\/(\w+)\s*(?:<([0-9A-F]+)>|\(([^)]*)\))/g)) {
    info[key!] = hex ? Buffer.from(hex.slice(4), 'hex').swap16().toString('utf16le') : literal!;
  }
  return info;
}

describe('setPdfInfo', () => {
  it('appends an information dictionary readers take, keeping the printed bytes and dates', () => {
    const printed = minimalPdf();
    const updated = setPdfInfo(printed, {
      title: 'Assessment – Fiscal Year 2004 (“draft”)',
      author: "President's Interagency Task Force",
      subject: 'Programs against trafficking in persons, FY2004',
      creator: 'ctip',
    });
    assert.deepEqual(updated.subarray(0, printed.length), printed);
    const info = readInfo(updated);
    assert.equal(info.Title, 'Assessment – Fiscal Year 2004 (“draft”)');
    assert.equal(info.Author, "President's Interagency Task Force");
    assert.equal(info.Subject, 'Programs against trafficking in persons, FY2004');
    assert.equal(info.Creator, 'ctip');
    assert.equal(info.CreationDate, "D:20261207235201+00'00'");
    assert.match(updated.toString('latin1'), /trailer\n<<\/Size 6\n\/Root 2 0 R\n\/Info 5 0 R\n\/Prev \d+>>/);
  });

  it('refuses a file that is not a PDF with a cross-reference table', () => {
    assert.throws(() => setPdfInfo(Buffer.from('not a pdf'), { title: 't', author: 'a', subject: 's', creator: 'c' }), /cross-reference/);
  });
});
