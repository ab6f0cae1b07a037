import { NavLink, Navigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { CheckIpTool } from './components/check-ip-tool';
import { ExplainBounceTool } from './components/explain-bounce-tool';
import { RecordBuilderTool } from './components/record-builder-tool';

const TOOLS = [
  { id: 'check-ip', label: 'Check an IP', subtitle: 'Is this server allowed to send for this sender? The result, the term that decided it, and the Received-SPF header.' },
  { id: 'explain-bounce', label: 'Explain a bounce', subtitle: 'Paste a bounce: spfwatch finds the sending IP and sender, runs the check, and says which change fixes it.' },
  { id: 'record-builder', label: 'Record builder / what-if', subtitle: 'Build or edit a record and see its lookups, findings, services and which networks gain or lose authorisation.' },
] as const;

export default function ToolsPage() {
  const { tool } = useParams();
  const current = TOOLS.find((t) => t.id === tool);
  if (!current) return <Navigate to="/tools/check-ip" replace />;
  return (
    <>
      <PageHeader title="SPF tools" subtitle={current.subtitle} />
      <nav className="tabs" aria-label="Tools">
        {TOOLS.map((t) => (
          <NavLink key={t.id} to={`/tools/${t.id}`} className={({ isActive }) => (isActive ? 'tab active' : 'tab')}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      {current.id === 'check-ip' ? <CheckIpTool /> : current.id === 'explain-bounce' ? <ExplainBounceTool /> : <RecordBuilderTool />}
    </>
  );
}
