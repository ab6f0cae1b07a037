import { parse, type CsvError } from 'csv-parse/sync';

/** One data line of an import, before any rule is applied (no normalisation, no lookups). */
export interface ParsedImportLine {
  /** 1-based line of the text where the record starts. */
  line: number;
  /** The record's text as given (several lines when a quoted field spans lines; shortened when huge). */
  input: string;
  /** Trimmed client name; undefined when the line has no client (the import's default applies). */
  client?: string;
  /** Trimmed domain as typed; undefined when the line could not be read. */
  domain?: string;
  /** Tags as typed (split on `;` or `|`, trimmed, empty ones dropped). */
  tags: string[];
  /** Why the line could not be read (CSV syntax, too many fields, no domain). */
  error?: string;
}

export interface ParsedImport {
  format: 'csv-with-header' | 'lines';
  lines: ParsedImportLine[];
}

/** Longest `input` echoed back per line: a runaway quoted field must not blow up the report. */
export const MAX_ECHOED_INPUT = 500;

const HEADER_ALIASES: Record<string, 'client' | 'domain' | 'tags'> = {
  client: 'client',
  domain: 'domain',
  tags: 'tags',
  tag: 'tags',
};

interface RawRecord {
  kind: 'record';
  fields: string[];
  startLine: number;
  endLine: number;
}
interface RawError {
  kind: 'error';
  message: string;
  startLine: number;
  endLine: number;
}

/**
 * Reads an import: CSV with a header row naming a `domain` column (plus optional `client` and
 * `tags`; other columns such as those of the export are ignored), or pasted text with one
 * `domain`, `client,domain` or `client,domain,tags` per line. Fields are separated by commas or
 * tabs (a paste from a spreadsheet), may be quoted, and are trimmed. Blank lines and lines
 * starting with `#` are ignored; a UTF-8 BOM is dropped. A record csv-parse cannot read (e.g.
 * a stray quote) becomes an invalid line with the parser's reason; the rest is still read.
 */
export function parseImport(text: string): ParsedImport {
  // Line endings are unified first (a paste may mix them) so csv-parse and the line numbers agree.
  const sourceLines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const raw = readRecords(sourceLines);

  const first = raw[0]?.kind === 'record' ? raw[0] : undefined;
  const header = first ? headerColumns(first.fields) : null;
  const lines: ParsedImportLine[] = [];
  for (const r of raw) {
    if (header && r === first) continue;
    const input = echo(sourceLines, r.startLine, r.endLine);
    if (r.kind === 'error') {
      lines.push({ line: r.startLine, input, tags: [], error: r.message });
      continue;
    }
    lines.push({ line: r.startLine, input, ...(header ? fromHeaderRow(r.fields, header) : fromPlainRow(r.fields)) });
  }
  return { format: header ? 'csv-with-header' : 'lines', lines };
}

/** Splits a tags field on `;` or `|` (commas separate fields, so they never separate tags). */
export function splitTags(field: string | undefined): string[] {
  if (!field) return [];
  return field
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * Lines csv-parse reads at a time. A record never spans a window's end unnoticed: the only record
 * that can span lines is a quoted field, and one cut by the window's end shows up as an unclosed
 * quote, which is then read again from its own first line. A quoted field longer than a window
 * is reported as unclosed. Windows keep each restart after an error cheap: 20,000 good lines parse
 * in about 0.3 s, 20,000 lines that are each a CSV error in about 2 s (a new parser per error).
 */
const WINDOW_LINES = 200;

/**
 * Runs csv-parse over the text, window by window, turning unreadable records into errors.
 * csv-parse stops reading after some errors (a character after a closing quote, when trimming)
 * and reads everything after an unclosed quote as one field; so after an error, reading resumes
 * on the line after the one where the bad record starts.
 */
function readRecords(sourceLines: string[]): Array<RawRecord | RawError> {
  const out: Array<RawRecord | RawError> = [];
  let offset = 0;
  while (offset < sourceLines.length) {
    const end = Math.min(sourceLines.length, offset + WINDOW_LINES);
    const events = parseWindow(sourceLines, offset, end);
    const last = events[events.length - 1];
    if (last === undefined) {
      offset = end;
      continue;
    }
    if (last.kind === 'error' && last.unclosedQuote && end < sourceLines.length && events.length > 1) {
      // The quote may close in the next window: read it again from its first line.
      events.pop();
      out.push(...events);
      offset = events[events.length - 1]!.endLine;
      continue;
    }
    out.push(...events);
    offset = last.kind === 'error' ? Math.max(last.endLine, offset + 1) : end;
  }
  return out.map((e) => (e.kind === 'error' ? { kind: 'error', message: e.message, startLine: e.startLine, endLine: e.endLine } : e));
}

type WindowEvent = RawRecord | (RawError & { unclosedQuote: boolean });

/** csv-parse over lines [from, to) (0-based, to excluded); events carry 1-based absolute lines. */
function parseWindow(sourceLines: string[], from: number, to: number): WindowEvent[] {
  const events: WindowEvent[] = [];
  let previousEnd = from;
  parse(sourceLines.slice(from, to).join('\n'), {
    delimiter: [',', '\t'],
    comment: '#',
    comment_no_infix: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    on_record: (fields: string[], context) => {
      const endLine = from + context.lines;
      // A quoted field may span lines: the record starts as many lines above its end.
      const embedded = fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
      events.push({ kind: 'record', fields, startLine: endLine - embedded, endLine });
      previousEnd = endLine;
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      const unclosedQuote = error?.code === 'CSV_QUOTE_NOT_CLOSED';
      const errorLine = typeof error?.lines === 'number' ? error.lines : 1;
      const startLine = firstContentLine(sourceLines, previousEnd + 1, Math.min(from + errorLine, to));
      // The error covers its first line only: reading resumes on the next one, so every line
      // after a broken record still gets its own verdict.
      events.push({ kind: 'error', message: describeCsvError(error, startLine), startLine, endLine: startLine, unclosedQuote });
      previousEnd = startLine;
      return undefined;
    },
  });
  return events;
}

/** The first line in [from, to] that is neither blank nor a comment (what the parser skipped). */
function firstContentLine(sourceLines: string[], from: number, to: number): number {
  for (let n = from; n < to; n++) {
    const t = (sourceLines[n - 1] ?? '').trim();
    if (t !== '' && !t.startsWith('#') && !/^[,\t\s]*$/.test(t)) return n;
  }
  return to;
}

function describeCsvError(error: CsvError | undefined, startLine: number): string {
  if (!error) return 'this line could not be read as CSV';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quote opened on line ${startLine} is never closed (double a quote that belongs to the text: "")`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field is followed by other characters before the next comma (put the whole field in quotes, and double any quote inside it)';
    default:
      return `this line could not be read as CSV: ${error.message}`;
  }
}

function echo(sourceLines: string[], startLine: number, endLine: number): string {
  const text = sourceLines.slice(startLine - 1, endLine).join('\n');
  return text.length > MAX_ECHOED_INPUT ? `${text.slice(0, MAX_ECHOED_INPUT)}…` : text;
}

type Header = { domain: number; client?: number; tags?: number };

/** A first row naming a `domain` column is a header; other names in it are ignored. */
function headerColumns(fields: string[]): Header | null {
  const found: Partial<Record<'client' | 'domain' | 'tags', number>> = {};
  fields.forEach((f, i) => {
    const key = HEADER_ALIASES[f.trim().toLowerCase()];
    if (key !== undefined && found[key] === undefined) found[key] = i;
  });
  if (found.domain === undefined) return null;
  return {
    domain: found.domain,
    ...(found.client !== undefined ? { client: found.client } : {}),
    ...(found.tags !== undefined ? { tags: found.tags } : {}),
  };
}

type Row = Omit<ParsedImportLine, 'line' | 'input'>;

function fromHeaderRow(fields: string[], header: Header): Row {
  const domain = fields[header.domain] ?? '';
  const client = header.client !== undefined ? fields[header.client] : undefined;
  const tags = splitTags(header.tags !== undefined ? fields[header.tags] : undefined);
  if (domain === '') return { tags, ...(client ? { client } : {}), error: 'the domain column is empty' };
  return { domain, tags, ...(client ? { client } : {}) };
}

function fromPlainRow(fields: string[]): Row {
  switch (fields.length) {
    case 1:
      return { domain: fields[0]!, tags: [] };
    case 2:
    case 3: {
      const [client, domain, tags] = fields as [string, string, string | undefined];
      if (domain === '') return { tags: [], ...(client ? { client } : {}), error: 'the domain (second field) is empty' };
      return { domain, tags: splitTags(tags), ...(client ? { client } : {}) };
    }
    default:
      return {
        tags: [],
        error: `expected "domain", "client,domain" or "client,domain,tags" but found ${fields.length} fields (quote a client name that contains a comma)`,
      };
  }
}
