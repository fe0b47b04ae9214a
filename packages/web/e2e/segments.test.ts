/**
 * Audiences, account lists and buying groups, driven in Chromium against the real server.
 * Controls are found by role and accessible name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
});

afterAll(async () => session?.close());

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

const button = (name: string) => page.getByRole('button', { name, exact: true });
const dialog = (name: string) => page.getByRole('dialog', { name });
const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
const navigation = () => page.getByRole('navigation', { name: 'Navigation' });

const softwareCondition = {
  match: 'all',
  rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }],
};

describe('segment pages', () => {
  it('creates the audience "Software", shows the live count and lists its member', async () => {
    await api('POST', '/accounts', { name: 'Codeworks', industry: 'Software' });
    await api('POST', '/accounts', { name: 'Steel Mill', industry: 'Manufacturing' });
    await page.goto('/journeys');
    await navigation().getByRole('link', { name: 'Audiences' }).click();
    await heading('Audiences').waitFor();

    await button('Create audience').click();
    await heading('New audience').waitFor();
    await page.getByLabel('Name').fill('Software');
    // The JSON is behind a switch; marketers build rules without it.
    expect(await page.getByLabel('Condition (JSON)').count()).toBe(0);
    await page.getByRole('switch', { name: 'Show the condition as JSON' }).check({ force: true });
    const condition = page.getByLabel('Condition (JSON)');
    await condition.fill('{ "match": "all", "rules": [ { "kind": "account" ');
    await page.getByText('This is not a valid condition').waitFor();
    await condition.fill(JSON.stringify(softwareCondition, null, 2));
    await page.getByText('1 account matches').waitFor();
    await button('Create').click();

    await heading('Software').waitFor();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('link', { name: 'Codeworks' }).waitFor();
    expect(await members.textContent()).not.toContain('Steel Mill');
    await page.screenshot({ path: `${shots}/segments-audience.png`, fullPage: true });

    await navigation().getByRole('link', { name: 'Audiences' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Software' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('1');
  });

  it('creates a static account list and adds an account to it by search', async () => {
    await api('POST', '/accounts', { name: 'Northwind Traders' });
    await page.goto('/account-lists');
    await heading('Account lists').waitFor();
    await button('Create account list').click();
    const create = dialog('Create account list');
    await create.getByLabel('Name').fill('Key accounts');
    await create.getByRole('button', { name: 'Create' }).click();
    await heading('Key accounts').waitFor();

    await page.getByRole('combobox', { name: 'Account (search by name)' }).fill('northw');
    await page.getByRole('option', { name: /Northwind Traders/ }).click();
    await button('Add account').click();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('link', { name: 'Northwind Traders' }).waitFor();

    await button('Publish').click();
    await page.getByText('Live', { exact: true }).waitFor();
    const lists = await api<{ items: { name: string; status: string; memberCount: number }[] }>(
      'GET',
      '/account-lists',
    );
    expect(lists.items).toEqual([
      expect.objectContaining({ name: 'Key accounts', status: 'live', memberCount: 1 }),
    ]);
    await page.screenshot({ path: `${shots}/segments-account-list.png`, fullPage: true });

    await button('Remove Northwind Traders').click();
    await page.getByText('No members yet').waitFor();
  });

  it('lists buying groups by solution interest and shows a group with its members', async () => {
    const template = await api<{ id: string }>('POST', '/role-templates', {
      name: 'Enterprise deal',
      roles: [
        {
          name: 'Decision maker',
          weight: 100,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 1,
        },
      ],
    });
    const model = await api<{ id: string }>('POST', '/stage-models', {
      name: 'Sales funnel',
      stages: [
        { name: 'Awareness', kind: 'entry' },
        { name: 'Won', kind: 'success' },
      ],
      transitions: [{ from: 'Awareness', to: 'Won' }],
    });
    const interest = await api<{ id: string }>('POST', '/solution-interests', {
      name: 'Analytics suite',
      roleTemplateId: template.id,
      stageModelId: model.id,
    });
    const account = await api<{ id: string }>('POST', '/accounts', { name: 'Globex' });
    const person = await api<{ id: string }>('POST', '/people', {
      email: 'hank@globex.example',
      firstName: 'Hank',
      lastName: 'Scorpio',
    });
    await api('PUT', `/accounts/${account.id}/people/${person.id}`, { role: null });
    const created = await api<{ created: { id: string }[] }>(
      'POST',
      `/solution-interests/${interest.id}/buying-groups`,
      { accountIds: [account.id] },
    );
    const groupId = created.created[0]?.id ?? '';
    await api('PUT', `/buying-groups/${groupId}/members/${person.id}`, { role: 'Decision maker' });

    await page.goto('/solution-interests');
    const interests = page.getByRole('table', { name: 'Solution interests' });
    const row = interests.getByRole('row').filter({ hasText: 'Analytics suite' });
    await row.getByRole('link', { name: 'Enterprise deal' }).waitFor();
    await row.getByRole('link', { name: 'Buying groups' }).click();

    const groups = page.getByRole('table', { name: 'Buying groups' });
    const group = groups.getByRole('row').filter({ hasText: 'Globex' });
    await group.waitFor();
    expect(await group.textContent()).toContain('Awareness');
    expect(await group.textContent()).toContain('100 %');
    await group.getByRole('link', { name: 'Open' }).click();

    await heading('Buying group: Analytics suite').waitFor();
    const members = page.getByRole('table', { name: 'Members' });
    const member = members.getByRole('row').filter({ hasText: 'Hank Scorpio' });
    await member.waitFor();
    expect(await member.textContent()).toContain('Decision maker');
    expect(await member.textContent()).toContain('Manual');
    await page.screenshot({ path: `${shots}/segments-buying-group.png`, fullPage: true });

    await page.goto('/role-templates');
    const roles = page.getByRole('table', { name: 'Enterprise deal' });
    expect(await roles.textContent()).toContain('Vital');
    await page.goto('/stage-models');
    const stages = page.getByRole('table', { name: 'Sales funnel' });
    expect(await stages.getByRole('row').filter({ hasText: 'Awareness' }).textContent()).toContain(
      'Won',
    );
  });
});
