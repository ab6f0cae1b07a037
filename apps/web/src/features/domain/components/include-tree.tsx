import { useState } from 'react';
import type { AnalysisNodeView } from '../../../api/monitoring-types';

const STATUS_WORDS: Partial<Record<AnalysisNodeView['status'], string>> = {
  none: 'no SPF record',
  nxdomain: 'does not exist',
  multiple: 'several SPF records',
  syntax: 'syntax error',
  temperror: 'DNS error',
  loop: 'include loop',
  ignored: 'ignored (record has “all”)',
  'invalid-target': 'invalid name',
  unresolvable: 'decided at check time',
  truncated: 'not walked (tree too large)',
};

/**
 * What a node costs the record that names it: the include/redirect term itself (1) plus every
 * lookup inside its record; the root shows the total receivers count against the limit of 10.
 */
export function costLabel(node: Pick<AnalysisNodeView, 'via' | 'totalCost'>): string {
  const n = node.via === 'root' ? node.totalCost : 1 + node.totalCost;
  return node.via === 'root' ? `${n} lookup${n === 1 ? '' : 's'} in total` : `${n} lookup${n === 1 ? '' : 's'}`;
}

function costTitle(node: AnalysisNodeView): string {
  if (node.via === 'root') return `${node.ownCost} terms of this record query DNS; ${node.totalCost} lookups with everything included`;
  return `1 for the ${node.via} itself + ${node.totalCost} inside ${node.domain}`;
}

function Node({ node, depth, expandDepth }: { node: AnalysisNodeView; depth: number; expandDepth: number }) {
  const [open, setOpen] = useState(depth < expandDepth);
  const hasChildren = node.children.length > 0;
  const problem = node.status !== 'ok' ? STATUS_WORDS[node.status] ?? node.status : null;
  return (
    <li>
      <div className="tree-node">
        {hasChildren ? (
          <button type="button" className="tree-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.domain}`} onClick={() => setOpen(!open)}>
            {open ? '−' : '+'}
          </button>
        ) : (
          <span className="tree-spacer" aria-hidden="true" />
        )}
        <span className="mono break">{node.via === 'root' ? node.domain : node.term ?? `${node.via}:${node.domain}`}</span>
        <span className="cost" title={costTitle(node)}>
          {costLabel(node)}
        </span>
        {problem ? <span className="badge badge-broken">{problem}</span> : null}
      </div>
      {open ? (
        <div style={{ marginLeft: '1.9rem' }}>
          {node.record ? <div className="mono small muted break">{node.record}</div> : null}
          {node.errors.map((e) => (
            <div key={e.code} className="small error-text">
              {e.message}
            </div>
          ))}
          {hasChildren ? (
            <ul>
              {node.children.map((c, i) => (
                <Node key={`${c.domain}-${i}`} node={c} depth={depth + 1} expandDepth={expandDepth} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** The include tree with each record's lookup cost; the first levels open, the rest on demand. */
export function IncludeTree({ tree, expandDepth = 1 }: { tree: AnalysisNodeView; expandDepth?: number }) {
  return (
    <ul className="tree" aria-label="Include tree">
      <Node node={tree} depth={0} expandDepth={expandDepth} />
    </ul>
  );
}
