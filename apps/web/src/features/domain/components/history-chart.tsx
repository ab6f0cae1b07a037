import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryMarker, HistoryPoint } from '../utils/history-series';

const STATUS_COLOUR: Record<string, string> = { ok: '#1d7a46', warning: '#d99a00', broken: '#b42318', unknown: '#6b7280' };
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const TWO_DAYS = 2 * 86_400_000;

interface Props {
  points: HistoryPoint[];
  markers: HistoryMarker[];
  errors: Array<{ t: number; kind: string }>;
}

/** Lookup count over time (step line), status at each change (coloured dots), DNS errors (red marks at the bottom). */
export default function HistoryChart({ points, markers, errors }: Props) {
  const max = Math.max(11, ...points.map((p) => p.lookupCount)) + 1;
  const changes = points.filter((p) => p.change || p === points[0]);
  const errorDots = errors.map((e) => ({ t: e.t, y: 0, kind: e.kind }));
  // Hours when the history spans less than two days, dates otherwise.
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const tick = span < TWO_DAYS ? time : day;
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart-box" role="img" aria-label={`Lookup count history: ${points.length === 0 ? 'no data' : `${changes.length} states, now ${points[points.length - 1]!.lookupCount} lookups`}${errors.length ? `, ${errors.length} DNS errors` : ''}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 10, right: 16, bottom: 4, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => tick.format(t)} fontSize={12} allowDuplicatedCategory={false} />
            <YAxis dataKey="lookupCount" domain={[0, max]} allowDecimals={false} fontSize={12} />
            <Tooltip
              labelFormatter={(t) => full.format(Number(t))}
              formatter={(value, name, item) => {
                const payload = (item as { payload?: HistoryPoint & { kind?: string } }).payload;
                if (payload?.kind) return [payload.kind, 'DNS error'];
                return [`${value} (${payload?.status ?? ''})`, name === 'lookupCount' ? 'Lookups' : String(name)];
              }}
            />
            <ReferenceLine y={10} stroke="#b42318" strokeDasharray="4 4" label={{ value: 'limit 10', position: 'insideTopRight', fontSize: 11, fill: '#b42318' }} />
            <ReferenceLine y={8} stroke="#d99a00" strokeDasharray="2 4" />
            {markers.map((m) => (
              <ReferenceLine key={m.snapshotId} x={m.t} stroke="#1a5fd0" strokeOpacity={0.5} />
            ))}
            <Line data={points} dataKey="lookupCount" type="stepAfter" stroke="#13212b" strokeWidth={2} dot={false} isAnimationActive={false} name="lookupCount" />
            <Scatter data={changes} dataKey="lookupCount" isAnimationActive={false} shape={(props: { cx?: number; cy?: number; payload?: HistoryPoint }) => <circle cx={props.cx} cy={props.cy} r={5} fill={STATUS_COLOUR[props.payload?.status ?? 'unknown']} stroke="#fff" strokeWidth={1.5} />} />
            {errorDots.length > 0 ? (
              <Scatter data={errorDots} dataKey="y" isAnimationActive={false} shape={(props: { cx?: number; cy?: number }) => <rect x={(props.cx ?? 0) - 3} y={(props.cy ?? 0) - 8} width={6} height={8} fill="#b42318" />} />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">
        Lookups over time. Dots: a new state (colour = status); blue lines: changes; red marks: checks that hit DNS errors.
      </figcaption>
    </figure>
  );
}
