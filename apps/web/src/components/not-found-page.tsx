import { Link } from 'react-router';
import { EmptyState } from './states';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>
        There is nothing at this address. <Link to="/">Back to the fleet</Link>.
      </p>
    </EmptyState>
  );
}
