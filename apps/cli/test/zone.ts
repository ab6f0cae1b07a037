import type { Zone } from '@spfwatch/dns-fixture';

/**
 * The DNS the integration tests run against, served on 127.0.0.1 by @spfwatch/dns-fixture.
 * Provider records are shaped like the real ones (Google's include chain, Mailgun) so that the
 * analyser recognises the services; addresses outside them are documentation ranges.
 */
export const ZONE: Zone = {
  ttl: 300,
  records: {
    // pass via include: 209.85.128.0/17 sits two includes down.
    'pass.example': { TXT: 'v=spf1 ip4:198.51.100.0/24 include:_spf.google.com -all' },
    '_spf.google.com': { TXT: 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all' },
    '_netblocks.google.com': { TXT: 'v=spf1 ip4:209.85.128.0/17 ip4:35.190.247.0/24 ~all' },
    '_netblocks2.google.com': { TXT: 'v=spf1 ip6:2001:4860:4000::/36 ~all' },
    '_netblocks3.google.com': { TXT: 'v=spf1 ip4:172.217.0.0/19 ~all' },
    'mailgun.org': { TXT: 'v=spf1 ip4:69.72.32.0/20 ~all' },

    // fail with exp=: ten networks through two services, so the reason says "…and 2 more".
    'fail.example': {
      TXT: 'v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/25 ip4:198.51.100.128/25 ip6:2001:db8::/32 ip4:203.0.113.128/25 include:_spf.google.com include:mailgun.org exp=explain.fail.example -all',
    },
    'explain.fail.example': { TXT: '%{i} is not allowed to send mail for %{d}; see https://fail.example/spf' },

    // The HELO identity (empty MAIL FROM): "a" of the HELO name.
    'mx.helo.example': { TXT: 'v=spf1 a -all', A: '192.0.2.25' },

    // Lint findings of every severity, and a record with none.
    'lint.example': { TXT: 'v=spf1 ip4:192.0.2.1 ip4:192.0.2.1 ptr ?all' },
    'clean.example': { TXT: 'v=spf1 ip4:203.0.113.0/24 -all' },

    // An include of a name that does not exist: permerror for receivers, an error node in the tree.
    'broken.example': { TXT: 'v=spf1 ip4:192.0.2.0/24 include:missing.example -all' },

    // Answers slowly: batch lines checking it finish after the lines that follow them.
    'slow.example': { TXT: 'v=spf1 ip4:192.0.2.0/24 exp=explain.fail.example -all', behaviour: { delayMs: 150 } },

    // Never answers: with --timeout-ms 200 the check ends in temperror.
    'timeout.example': { behaviour: 'timeout' },
  },
};

