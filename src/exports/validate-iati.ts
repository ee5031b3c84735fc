import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParseOption, XmlBufferInputProvider, XmlDocument, xmlRegisterInputProvider, XsdValidator, XmlLibError } from 'libxml2-wasm';

const schemaFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'iati-schema');
const schemaFiles = ['iati-activities-schema.xsd', 'iati-common.xsd', 'xml.xsd'] as const;
// A private scheme: the includes of the schema resolve to these buffers and nothing else, and
// other libxml2 users in the process (an IATI importer) keep their own providers.
const schemaBase = 'ctip-iati-schema:///';

/** No entity substitution, no DTD loading, no network: the export is text from our own writer. */
const safeParseOptions = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

let validator: XsdValidator | undefined;

/** The compiled 2.03 activity schema, built once per process (compiling takes a moment). */
function loadValidator(): XsdValidator {
  if (validator) return validator;
  const buffers = Object.fromEntries(schemaFiles.map((file) => [`${schemaBase}${file}`, readFileSync(path.join(schemaFolder, file))]));
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers));
  const schema = XmlDocument.fromBuffer(buffers[`${schemaBase}iati-activities-schema.xsd`]!, {
    url: `${schemaBase}iati-activities-schema.xsd`,
    option: safeParseOptions,
  });
  try {
    validator = XsdValidator.fromDoc(schema);
  } finally {
    schema.dispose();
  }
  return validator;
}

function describeError(error: unknown): string[] {
  if (error instanceof XmlLibError) return error.details.map((detail) => `line ${detail.line}: ${detail.message.trim()}`);
  return [error instanceof Error ? error.message.trim() : String(error)];
}

/**
 * Validates an IATI activity file against the official 2.03 schema (a copy in iati-schema/).
 * Malformed XML is reported as invalid, with libxml2's message, rather than thrown.
 */
export function validateIatiXml(xml: string): { valid: boolean; errors: string[] } {
  const schemaValidator = loadValidator();
  let document: XmlDocument;
  try {
    document = XmlDocument.fromString(xml, { option: safeParseOptions });
  } catch (error) {
    return { valid: false, errors: describeError(error) };
  }
  try {
    schemaValidator.validate(document);
    return { valid: true, errors: [] };
  } catch (error) {
    return { valid: false, errors: describeError(error) };
  } finally {
    document.dispose();
  }
}
