import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClientResponse, CreateReportInput, ReportResponse } from '@spfwatch/contracts';
import { installFakeFetch, reply } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { GenerateReportForm } from './generate-report-form';

const counts = { total: 2, ok: 1, warning: 1, broken: 0, unknown: 0 };
const CLIENTS = [
  { id: 'c-acme', name: 'Acme', notes: null, domainCounts: counts },
  { id: 'c-globex', name: 'Globex', notes: null, domainCounts: counts },
] as unknown as ClientResponse[];

const REPORT: ReportResponse = {
  id: 'r1',
  clientId: 'c-globex',
  clientName: 'Globex',
  kind: 'on_demand',
  periodStart: '2026-02-28T23:00:00.000Z',
  periodEnd: '2026-03-05T10:00:00.000Z',
  timeZone: 'Europe/Paris',
  generatedAt: '2026-03-05T10:00:01.000Z',
  summary: { domains: 2, ok: 1, warning: 1, broken: 0, unknown: 0, changes: 1, alerts: 2, openIssues: 3 },
  pdfUrl: '/api/reports/r1.pdf',
  csvUrl: '/api/reports/r1.csv',
  pdfBytes: 12_345,
};

// 10:00 UTC on 5 March: the 5th in Paris.
const NOW = new Date('2026-03-05T10:00:00Z');

describe('GenerateReportForm', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  const fill = (label: RegExp | string, value: string): void => void fireEvent.change(screen.getByLabelText(label), { target: { value } });

  it('sends the chosen client and days, then offers the downloads', async () => {
    fake = installFakeFetch({ 'POST /api/reports': () => reply(201, REPORT) });
    renderWithProviders(<GenerateReportForm clients={CLIENTS} timeZone="Europe/Paris" now={NOW} />);
    // Defaults: the first client and the last 7 days, ending today in the organization's zone.
    expect(screen.getByLabelText('Client')).toHaveValue('c-acme');
    expect(screen.getByLabelText('First day')).toHaveValue('2026-02-27');
    expect(screen.getByLabelText(/Last day/)).toHaveValue('2026-03-05');
    expect(screen.getByText(/time zone \(Europe\/Paris\)/)).toBeInTheDocument();

    fill('Client', 'c-globex');
    fireEvent.click(screen.getByRole('button', { name: 'This month' }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));

    const done = await screen.findByTestId('generated-report');
    expect(fake.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ clientId: 'c-globex', from: '2026-03-01', to: '2026-03-05' } satisfies CreateReportInput]);
    expect(done).toHaveTextContent(/Generated the report for Globex/);
    expect(screen.getByRole('link', { name: /Download PDF/ })).toHaveAttribute('href', '/api/reports/r1.pdf');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/reports/r1.csv');
  });

  it('refuses a reversed or too long range without asking the API', async () => {
    fake = installFakeFetch({});
    renderWithProviders(<GenerateReportForm clients={CLIENTS} timeZone="UTC" now={NOW} />);
    fill('First day', '2026-03-05');
    fill(/Last day/, '2026-03-01');
    expect(screen.getByText('Must be on or after the first day.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Last day/)).toHaveAttribute('aria-invalid', 'true');
    fill('First day', '2024-01-01');
    fill(/Last day/, '2026-03-01');
    expect(screen.getByText(/at most 366 days \(this range has 791\)/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    fill('Client', '');
    expect(screen.getByText('Choose a client.')).toBeInTheDocument();
    expect(fake.calls).toEqual([]);
  });

  it('shows the API’s 400 details under their fields, and clears them on change', async () => {
    fake = installFakeFetch({
      'POST /api/reports': () =>
        reply(400, { error: 'validation_failed', message: 'from: Must be in the past', details: { issues: [{ path: 'from', message: 'Must be in the past' }] }, correlationId: 'req-1' }),
    });
    // The browser thinks it is the 5th; the API (the organization's clock) says the 5th has not started.
    renderWithProviders(<GenerateReportForm clients={CLIENTS} timeZone="UTC" now={NOW} />);
    fill('First day', '2026-03-05');
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    expect(await screen.findByText('Must be in the past')).toBeInTheDocument();
    expect(screen.getByLabelText('First day')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('First day')).toHaveAccessibleDescription('Must be in the past');
    fill('First day', '2026-03-04');
    await waitFor(() => expect(screen.queryByText('Must be in the past')).toBeNull());
  });

  it('shows another failure as an error with its reference', async () => {
    fake = installFakeFetch({ 'POST /api/reports': () => reply(503, { error: 'service_unavailable', message: 'The database is not reachable', correlationId: 'req-9' }) });
    renderWithProviders(<GenerateReportForm clients={CLIENTS} timeZone="UTC" now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/The report was not generated[\s\S]*The database is not reachable[\s\S]*req-9/);
  });
});
