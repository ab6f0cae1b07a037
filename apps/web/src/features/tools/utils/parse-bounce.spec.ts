import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from './parse-bounce';

const seed = (name: string): string => readFileSync(join(__dirname, '../../../test/fixtures/bounces', name), 'utf8');

describe('parseBounce on the seed bounces', () => {
  it('seed 000 (Google Apps relay, "550 5.7.1 Command rejected"): sent through Google, the bracketed IP is the receiver’s, asks for IP and sender', () => {
    const facts = parseBounce(seed('seed-000-google-apps-550-5.7.1.txt'));
    expect(facts.smtpCode).toBe('550');
    expect(facts.statusCode).toBe('5.7.1');
    expect(facts.receiver).toBe('mail.example.com');
    expect(facts.sendingService).toMatchObject({ id: 'google-workspace' });
    expect(facts.ip).toBeNull();
    expect(facts.domain).toBeNull();
    expect(facts.missing).toEqual(['ip', 'sender']);
    // The receiver's address is masked too, but that is not the one SPF checked.
    expect(facts.redacted).not.toContain('ip');
    expect(facts.quotedRecords).toContain('v=spf1 mx include:spf.mailjet.com -all');
    expect(facts.mentionsSpf).toBe(true);
  });

  it('seed 001 (Exchange NDR with an openspf why link): IP, envelope sender and receiver from the link', () => {
    const facts = parseBounce(seed('seed-001-exchange-openspf-why.txt'));
    expect(facts.ip).toBe('69.84.129.239');
    expect(facts.ipGuessed).toBe(false);
    expect(facts.ipSource).toMatch(/why/);
    expect(facts.sender).toBe('al@topel.com');
    expect(facts.domain).toBe('topel.com');
    expect(facts.senderFromHeader).toBe(false);
    expect(facts.receiver).toBe('mailin1-trm.thomsonreuters.com');
    expect(facts.smtpCode).toBe('551');
    expect(facts.statusCode).toBe('5.0.0');
    expect(facts.missing).toEqual([]);
  });

  it('seed 002 ("553 - Rejected", From: header, a CIDR field): sender from the From: header, the lone IP offered as a guess, ip4: terms ignored', () => {
    const facts = parseBounce(seed('seed-002-553-rejected-from-header.txt'));
    expect(facts.smtpCode).toBe('553');
    expect(facts.sender).toBe('info@townofsmyrna.org');
    expect(facts.domain).toBe('townofsmyrna.org');
    expect(facts.senderFromHeader).toBe(true);
    expect(facts.ip).toBe('38.106.5.33');
    expect(facts.ipGuessed).toBe(true);
    expect(facts.quotedRecords).toContain('v=spf1 mx a ip4:38.106.5.33/32 ~all');
  });

  it('seed 003 ("550 [ipaddress] is not allowed to send mail from [domain name]"): recognises the format, sees the placeholders, asks', () => {
    const facts = parseBounce(seed('seed-003-not-allowed-placeholders.txt'));
    expect(facts.smtpCode).toBe('550');
    expect(facts.ip).toBeNull();
    expect(facts.domain).toBeNull();
    expect(facts.redacted).toEqual(expect.arrayContaining(['ip', 'sender']));
    expect(facts.missing).toEqual(['ip', 'sender']);
    // Example records in the article are not the sender's IPs.
    expect(facts.ipCandidates.map((c) => c.ip)).not.toContain('192.0.2.0');
    expect(facts.mentionsSpf).toBe(true);
  });

  it('the same format with real values gives both', () => {
    const facts = parseBounce('550 5.7.1 [203.0.113.9] is not allowed to send mail from shop.example.org. Please see http://www.openspf.net/Why');
    expect(facts.ip).toBe('203.0.113.9');
    expect(facts.domain).toBe('shop.example.org');
    expect(facts.sender).toBeNull();
    expect(facts.missing).toEqual([]);
  });

  it('seed 004 (Postfix log, Gmail "550-5.7.26"): Gmail’s MX IP is the receiver, the own server is Postfix, IP and sender are redacted', () => {
    const facts = parseBounce(seed('seed-004-postfix-gmail-5.7.26.txt'));
    expect(facts.smtpCode).toBe('550');
    expect(facts.statusCode).toBe('5.7.26');
    expect(facts.codeMeaning).toMatch(/neither SPF nor DKIM/);
    expect(facts.receiver).toBe('gmail-smtp-in.l.google.com');
    expect(facts.ipCandidates).toContainEqual(expect.objectContaining({ ip: '172.217.197.26', role: 'receiver' }));
    expect(facts.ip).toBeNull();
    expect(facts.ownServer).toBe('Postfix');
    expect(facts.redacted).toEqual(expect.arrayContaining(['ip', 'sender']));
    expect(facts.missing).toEqual(['ip', 'sender']);
  });
});

describe('parseBounce on other common formats', () => {
  it('Gmail 5.7.26 DMARC wording names the domain', () => {
    const facts = parseBounce(
      "550-5.7.26 Unauthenticated email from acme.example is not accepted due to domain's\n550-5.7.26 DMARC policy. Please contact the administrator of acme.example domain",
    );
    expect(facts.domain).toBe('acme.example');
    expect(facts.statusCode).toBe('5.7.26');
  });

  it('Received-SPF and Authentication-Results headers give the IP and the envelope sender', () => {
    const facts = parseBounce(
      [
        'Received-SPF: fail (google.com: domain of news@shop.example.com does not designate 198.51.100.7 as permitted sender) client-ip=198.51.100.7;',
        'Authentication-Results: mx.google.com; spf=fail (google.com: domain of news@shop.example.com does not designate 198.51.100.7 as permitted sender) smtp.mailfrom=news@shop.example.com',
      ].join('\n'),
    );
    expect(facts.ip).toBe('198.51.100.7');
    expect(facts.sender).toBe('news@shop.example.com');
    expect(facts.ipSource).toBe('the Received-SPF header');
  });

  it('an Exchange Online NDR: sent through Microsoft 365, receiver from "Remote Server returned", IPv6 client', () => {
    const facts = parseBounce(
      [
        'Delivery has failed to these recipients or groups:',
        'bob@partner.example',
        'Diagnostic information for administrators:',
        'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
        "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
        'Original message headers:',
        'Received: from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:11::5) by mx.partner.example',
        'Return-Path: <alice@agency.example>',
        'From: Alice <alice@agency.example>',
      ].join('\n'),
    );
    expect(facts.sendingService).toMatchObject({ id: 'microsoft-365' });
    expect(facts.statusCode).toBe('5.7.23');
    expect(facts.codeMeaning).toMatch(/SPF/);
    expect(facts.sender).toBe('alice@agency.example');
    expect(facts.senderSource).toBe('the Return-Path header');
    expect(facts.ip).toBe('2603:10a6:20b:11::5');
  });

  it('the bounce’s own daemon address is never taken for the sender', () => {
    const facts = parseBounce('From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n550 5.7.1 rejected');
    expect(facts.sender).toBeNull();
    expect(facts.missing).toContain('sender');
  });

  it('empty or unrelated text finds nothing and asks for both', () => {
    expect(parseBounce('').missing).toEqual(['ip', 'sender']);
    const facts = parseBounce('Hi, my emails keep bouncing, please help');
    expect(facts.mentionsSpf).toBe(false);
    expect(facts.missing).toEqual(['ip', 'sender']);
  });

  it('several unattributed IPs are offered, none chosen', () => {
    const facts = parseBounce('tried 203.0.113.1 and then 203.0.113.2, both bounced');
    expect(facts.ip).toBeNull();
    expect(facts.ipCandidates.map((c) => c.ip)).toEqual(['203.0.113.1', '203.0.113.2']);
  });
});
