import type { DomainStatusValue, FleetSort, SortOrder } from '@spfwatch/contracts';
import type { FleetDomainsQueryParams } from '../api/get-fleet-domains';

export const FLEET_PAGE_SIZE = 50;

const STATUSES: readonly DomainStatusValue[] = ['ok', 'warning', 'broken', 'unknown'];
const SORTS: readonly FleetSort[] = ['name', 'lookupCount', 'lastChangedAt', 'status'];

/** The table's state lives in the URL (?q=&status=&client=&service=&tag=&sort=&order=&page=) so views can be shared. */
export interface FleetView {
  search: string;
  status: DomainStatusValue | '';
  clientId: string;
  service: string;
  tag: string;
  sort: FleetSort;
  order: SortOrder;
  page: number;
}

export const DEFAULT_VIEW: FleetView = { search: '', status: '', clientId: '', service: '', tag: '', sort: 'name', order: 'asc', page: 1 };

export function viewFromSearchParams(params: URLSearchParams): FleetView {
  const status = params.get('status') ?? '';
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page'));
  return {
    search: params.get('q') ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as DomainStatusValue) : '',
    clientId: params.get('client') ?? '',
    service: params.get('service') ?? '',
    tag: params.get('tag') ?? '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as FleetSort) : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function viewToSearchParams(view: FleetView): URLSearchParams {
  const out = new URLSearchParams();
  if (view.search) out.set('q', view.search);
  if (view.status) out.set('status', view.status);
  if (view.clientId) out.set('client', view.clientId);
  if (view.service) out.set('service', view.service);
  if (view.tag) out.set('tag', view.tag);
  if (view.sort !== 'name') out.set('sort', view.sort);
  if (view.order !== 'asc') out.set('order', view.order);
  if (view.page > 1) out.set('page', String(view.page));
  return out;
}

export function viewToQuery(view: FleetView): FleetDomainsQueryParams {
  return {
    ...(view.search.trim() ? { search: view.search.trim() } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.clientId ? { clientId: view.clientId } : {}),
    ...(view.service ? { service: view.service } : {}),
    ...(view.tag.trim() ? { tag: view.tag.trim() } : {}),
    sort: view.sort,
    order: view.order,
    page: view.page,
    pageSize: FLEET_PAGE_SIZE,
  };
}

/** Clicking a column: same column flips the order; a new column starts with its natural order. */
export function nextSort(view: FleetView, sort: FleetSort): Pick<FleetView, 'sort' | 'order' | 'page'> {
  if (view.sort === sort) return { sort, order: view.order === 'asc' ? 'desc' : 'asc', page: 1 };
  // Most lookups and most recent changes are what people look for first.
  return { sort, order: sort === 'lookupCount' || sort === 'lastChangedAt' ? 'desc' : 'asc', page: 1 };
}

export function hasFilters(view: FleetView): boolean {
  return Boolean(view.search || view.status || view.clientId || view.service || view.tag);
}
