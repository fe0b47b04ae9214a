/** Session and per-user preference calls. */
import type { User } from '@caravan/core/user';
import { request } from './http-client.ts';

export function login(email: string, password: string): Promise<{ user: User }> {
  return request('POST', '/auth/login', { email, password });
}

export function logout(): Promise<void> {
  return request('POST', '/auth/logout');
}

export function getMe(): Promise<{ user: User }> {
  return request('GET', '/auth/me');
}

export function getPreference<T>(key: string): Promise<{ key: string; value: T | null }> {
  return request('GET', `/me/preferences/${encodeURIComponent(key)}`);
}

export function setPreference<T>(key: string, value: T): Promise<{ key: string; value: T }> {
  return request('PUT', `/me/preferences/${encodeURIComponent(key)}`, { value });
}
