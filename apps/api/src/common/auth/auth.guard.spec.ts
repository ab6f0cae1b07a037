import { decide } from './auth.guard';
import type { RoutePolicy } from './decorators';

const policy = (overrides: Partial<RoutePolicy> = {}): RoutePolicy => ({ public: false, minRole: 'member', clientScoped: false, sessionOnly: false, ...overrides });
const staff = (role: 'owner' | 'admin' | 'member', via: 'session' | 'token' = 'session') => ({ role, clientIds: null, via });
const viewer = { role: 'client_viewer' as const, clientIds: ['c1'], via: 'session' as const };

describe('decide (the role rule)', () => {
  it('lets a role in when it is at least the route minimum', () => {
    expect(decide(policy(), staff('member'))).toBe('allow');
    expect(decide(policy({ minRole: 'admin' }), staff('member'))).toBe('forbidden');
    expect(decide(policy({ minRole: 'admin' }), staff('admin'))).toBe('allow');
    expect(decide(policy({ minRole: 'admin' }), staff('owner'))).toBe('allow');
    expect(decide(policy({ minRole: 'owner' }), staff('admin'))).toBe('forbidden');
  });

  it('hides every route that is not client-scoped from client viewers and client-scoped tokens', () => {
    expect(decide(policy(), viewer)).toBe('hidden');
    expect(decide(policy({ clientScoped: true }), viewer)).toBe('allow');
    expect(decide(policy({ clientScoped: true }), { ...viewer, via: 'token' })).toBe('allow');
    // A client list always means client-scoped, whatever the role says.
    expect(decide(policy(), { role: 'admin', clientIds: [], via: 'token' })).toBe('hidden');
  });

  it('refuses API tokens on session-only routes', () => {
    expect(decide(policy({ sessionOnly: true, minRole: 'admin' }), staff('admin', 'token'))).toBe('forbidden');
    expect(decide(policy({ sessionOnly: true, minRole: 'admin' }), staff('admin'))).toBe('allow');
  });
});
