import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FleetSummary } from '@spfwatch/contracts';

function colour(bucket: string): string {
  if (bucket === '11+') return '#b42318';
  const n = Number(bucket);
  return n >= 10 ? '#d97706' : n >= 8 ? '#e0a800' : '#0b6e4f';
}

/** Checked domains by DNS lookup count; 8–10 amber (near the limit), over 10 red (permerror). */
export default function LookupHistogramChart({ histogram }: { histogram: FleetSummary['lookupHistogram'] }) {
  const total = histogram.reduce((n, b) => n + b.count, 0);
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart-box" role="img" aria-label={`Lookup counts of ${total} checked domains: ${histogram.filter((b) => b.count > 0).map((b) => `${b.count} with ${b.bucket}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={histogram} margin={{ top: 8, right: 8, bottom: 4, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="bucket" tickLine={false} interval={0} fontSize={12} />
            <YAxis allowDecimals={false} tickLine={false} fontSize={12} />
            <Tooltip formatter={(value) => [`${value} domains`, 'Count']} labelFormatter={(label) => `${label} lookups`} />
            <Bar dataKey="count" isAnimationActive={false}>
              {histogram.map((b) => (
                <Cell key={b.bucket} fill={colour(b.bucket)} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">DNS lookups per domain (receivers allow 10).</figcaption>
    </figure>
  );
}
