import { expect, it } from 'vitest';
import { resolverRole } from './resolver-role.js';

it('tells clients, forwarding resolvers and resolvers seen alone apart', () => {
  expect(resolverRole({ resolverClients: 0, iterative: false })).toBe('client');
  expect(resolverRole({ resolverClients: 1, iterative: false })).toBe('client');
  expect(resolverRole({ resolverClients: 40, iterative: true })).toBe('forwarder');
  expect(resolverRole({ resolverClients: 0, iterative: true })).toBe('resolver-only');
});
