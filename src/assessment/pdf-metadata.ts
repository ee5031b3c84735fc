/**
 * Sets a PDF's document information (title, author, subject, creator) after Chromium printed it:
 * printToPDF takes the title from the page and nothing else. The new information dictionary is
 * appended as an incremental update (ISO 32000-1, 7.5.6): the printed bytes stay as they are, a
 * new object, cross-reference section and trailer follow, and readers take the last trailer.
 */
export type PdfInfo = { title: string; author: string; subject: string; creator: string };

/** A text string as UTF-16BE with its byte-order mark, in hex: any character, nothing to escape. */
function pdfText(value: string): string {
  const bytes = Buffer.from(`\uFEFF${value}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}

/** The value of `/Key` in the last trailer, or undefined. */
function trailerValue(trailer: string, key: string): string | undefined {
  return new RegExp(`/${key}\\s+(\\d+(?:\\s+\\d+\\s+R)?)`).exec(trailer)?.[1];
}

/** A date value (D:…) of the previous information dictionary, kept so the dates stay the printer's. */
function previousDate(pdf: string, infoReference: string | undefined, key: string): string | undefined {
  if (!infoReference) return undefined;
  const objectNumber = infoReference.split(/\s+/)[0];
  const object = new RegExp(`(?:^|\\s)${objectNumber}\\s+0\\s+obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(pdf)?.[1];
  return object && new RegExp(`/${key}\\s*(\\(D:[^)]*\\))`).exec(object)?.[1];
}

export function setPdfInfo(pdf: Buffer, info: PdfInfo): Buffer {
  // Latin-1 keeps one character per byte, so string offsets are byte offsets.
  const text = pdf.toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailerStart = text.lastIndexOf('trailer');
  if (!startxref || trailerStart < 0) throw new Error('not a PDF with a cross-reference table: its information cannot be set');
  const trailer = text.slice(trailerStart, startxref.index);
  const size = Number(trailerValue(trailer, 'Size'));
  const root = trailerValue(trailer, 'Root');
  if (!Number.isInteger(size) || !root) throw new Error('the PDF trailer has no /Size or /Root');
  const dates = ['CreationDate', 'ModDate']
    .map((key) => [key, previousDate(text, trailerValue(trailer, 'Info'), key)] as const)
    .filter(([, value]) => value)
    .map(([key, value]) => `/${key} ${value}`);
  const separator = text.endsWith('\n') ? '' : '\n';
  const objectOffset = pdf.length + separator.length;
  const object = `${size} 0 obj\n<</Title ${pdfText(info.title)}\n/Author ${pdfText(info.author)}\n/Subject ${pdfText(info.subject)}\n/Creator ${pdfText(info.creator)}\n/Producer ${pdfText('ctip, printed by Chromium (Skia/PDF)')}${dates.length ? `\n${dates.join('\n')}` : ''}>>\nendobj\n`;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const update =
    `${separator}${object}xref\n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size + 1}\n/Root ${root}\n/Info ${size} 0 R\n/Prev ${startxref[1]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
