import { MAX_ECHOED_INPUT, parseImport, splitTags } from './parse-import';

describe('parseImport', () => {
  describe('CSV with a header row', () => {
    it('reads client, domain and tags by column name, whatever their order', () => {
      const parsed = parseImport('tags,domain,client\nvip;eu,example.com,Acme\n,example.org,Globex\n');
      expect(parsed.format).toBe('csv-with-header');
      expect(parsed.lines).toEqual([
        { line: 2, input: 'vip;eu,example.com,Acme', domain: 'example.com', client: 'Acme', tags: ['vip', 'eu'] },
        { line: 3, input: ',example.org,Globex', domain: 'example.org', client: 'Globex', tags: [] },
      ]);
    });

    it('ignores unknown columns, so an export file reads back', () => {
      const parsed = parseImport('client,domain,tags,status,lookup_count\nAcme,example.com,vip,ok,3\n');
      expect(parsed.lines).toEqual([{ line: 2, input: 'Acme,example.com,vip,ok,3', domain: 'example.com', client: 'Acme', tags: ['vip'] }]);
    });

    it('accepts a header without a client column (the default client applies)', () => {
      const parsed = parseImport('Domain\nexample.com\n');
      expect(parsed.format).toBe('csv-with-header');
      expect(parsed.lines).toEqual([{ line: 2, input: 'example.com', domain: 'example.com', tags: [] }]);
    });

    it('keeps commas inside quoted fields and unescapes doubled quotes', () => {
      const parsed = parseImport('client,domain,tags\n"Acme, Inc.",example.com,"a|b"\n"The ""Best"" Co",example.net,\n');
      expect(parsed.lines.map((l) => [l.client, l.domain, l.tags])).toEqual([
        ['Acme, Inc.', 'example.com', ['a', 'b']],
        ['The "Best" Co', 'example.net', []],
      ]);
    });

    it('drops a UTF-8 BOM (Excel writes one) so the header is recognised', () => {
      const parsed = parseImport('\uFEFFclient,domain\nAcme,example.com\n');
      expect(parsed.format).toBe('csv-with-header');
      expect(parsed.lines).toEqual([{ line: 2, input: 'Acme,example.com', client: 'Acme', domain: 'example.com', tags: [] }]);
    });

    it('reports an empty domain cell', () => {
      const parsed = parseImport('client,domain\nAcme,\n');
      expect(parsed.lines).toEqual([{ line: 2, input: 'Acme,', client: 'Acme', tags: [], error: 'the domain column is empty' }]);
    });
  });

  describe('pasted text', () => {
    it('reads one domain per line, skipping blank lines and # comments, with the right line numbers', () => {
      const parsed = parseImport('# our domains\nexample.com\n\n   \n  # indented comment\nexample.org\r\nexample.net');
      expect(parsed.format).toBe('lines');
      expect(parsed.lines).toEqual([
        { line: 2, input: 'example.com', domain: 'example.com', tags: [] },
        { line: 6, input: 'example.org', domain: 'example.org', tags: [] },
        { line: 7, input: 'example.net', domain: 'example.net', tags: [] },
      ]);
    });

    it('reads client,domain and client,domain,tags lines, trimmed', () => {
      const parsed = parseImport(' Acme , example.com \nGlobex,example.org, vip ; eu |x\n');
      expect(parsed.lines).toEqual([
        { line: 1, input: ' Acme , example.com ', client: 'Acme', domain: 'example.com', tags: [] },
        { line: 2, input: 'Globex,example.org, vip ; eu |x', client: 'Globex', domain: 'example.org', tags: ['vip', 'eu', 'x'] },
      ]);
    });

    it('reads tab-separated lines pasted from a spreadsheet', () => {
      const parsed = parseImport('Acme\texample.com\tvip\n');
      expect(parsed.lines).toEqual([{ line: 1, input: 'Acme\texample.com\tvip', client: 'Acme', domain: 'example.com', tags: ['vip'] }]);
    });

    it('keeps IDN domains as typed (normalisation is the planner’s job)', () => {
      expect(parseImport('bücher.example\n').lines[0]).toMatchObject({ domain: 'bücher.example' });
    });

    it('rejects lines with too many fields, naming the count', () => {
      const parsed = parseImport('Acme, Inc.,example.com,vip\n');
      expect(parsed.lines).toEqual([
        expect.objectContaining({ line: 1, error: expect.stringContaining('found 4 fields') }),
      ]);
    });

    it('a # inside a line is not a comment', () => {
      expect(parseImport('Acme,example.com,#1\n').lines[0]).toMatchObject({ domain: 'example.com', tags: ['#1'] });
    });
  });

  describe('unreadable records', () => {
    it('reports a stray quote as an invalid line and reads the following lines', () => {
      const parsed = parseImport('example.com\n"Acme" Inc,example.org\nexample.net\n');
      expect(parsed.lines).toEqual([
        { line: 1, input: 'example.com', domain: 'example.com', tags: [] },
        { line: 2, input: '"Acme" Inc,example.org', tags: [], error: expect.stringContaining('quoted field is followed by other characters') },
        { line: 3, input: 'example.net', domain: 'example.net', tags: [] },
      ]);
    });

    it('reports an unclosed quote on the line where it opened and reads on from the next line', () => {
      const parsed = parseImport('example.com\n# note\n"Acme,example.org\nexample.net\n');
      expect(parsed.lines).toEqual([
        { line: 1, input: 'example.com', domain: 'example.com', tags: [] },
        { line: 3, input: '"Acme,example.org', tags: [], error: expect.stringContaining('opened on line 3 is never closed') },
        { line: 4, input: 'example.net', domain: 'example.net', tags: [] },
      ]);
    });

    it('reports a quote inside an unquoted field and goes on', () => {
      const parsed = parseImport('Ac"me,x.org\nlast.org\n');
      expect(parsed.lines).toEqual([
        { line: 1, input: 'Ac"me,x.org', tags: [], error: expect.stringContaining('could not be read as CSV') },
        { line: 2, input: 'last.org', domain: 'last.org', tags: [] },
      ]);
    });

    it('many bad lines in a row are each reported', () => {
      const text = Array.from({ length: 50 }, (_, i) => `"a${i}" x,example${i}.com`).join('\n');
      const parsed = parseImport(`${text}\nok.example\n`);
      expect(parsed.lines).toHaveLength(51);
      expect(parsed.lines.slice(0, 50).every((l, i) => l.line === i + 1 && l.error !== undefined)).toBe(true);
      expect(parsed.lines[50]).toEqual({ line: 51, input: 'ok.example', domain: 'ok.example', tags: [] });
    });

    it('numbers a record whose quoted field spans lines by its first line', () => {
      const parsed = parseImport('client,domain\n"Acme\nEurope",example.com\nGlobex,example.org\n');
      expect(parsed.lines).toEqual([
        { line: 2, input: '"Acme\nEurope",example.com', client: 'Acme\nEurope', domain: 'example.com', tags: [] },
        { line: 4, input: 'Globex,example.org', client: 'Globex', domain: 'example.org', tags: [] },
      ]);
    });

    it('shortens a huge echoed input', () => {
      const parsed = parseImport(`"${'x'.repeat(2000)}"${'y'.repeat(10)}`);
      expect(parsed.lines[0]!.input.length).toBe(MAX_ECHOED_INPUT + 1);
    });
  });

  it('an empty text has no lines', () => {
    expect(parseImport('')).toEqual({ format: 'lines', lines: [] });
    expect(parseImport('\n# only a comment\n\n')).toEqual({ format: 'lines', lines: [] });
  });
});

describe('splitTags', () => {
  it('splits on ; and |, trims and drops empty tags', () => {
    expect(splitTags(' a ; b|c ;; ')).toEqual(['a', 'b', 'c']);
    expect(splitTags(undefined)).toEqual([]);
    expect(splitTags('')).toEqual([]);
  });
});
