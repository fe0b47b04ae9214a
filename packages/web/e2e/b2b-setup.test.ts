/**
 * Buying-group setup through the forms, driven in Chromium against the real server: a stage
 * model, a role template and a solution interest created in their dialogs, a buying group's
 * missing roles named, a member assigned by hand and the stage moved, custom attributes edited on
 * an account and a person, and the engagement weights stored. Controls are found by role and
 * accessible name.
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
const fact = (name: string) => page.getByRole('group', { name, exact: true });

/** A text box by its accessible name (a required field's asterisk is not part of it). */
const textbox = (scope: Page | ReturnType<Page['getByRole']>, name: string) =>
  scope.getByRole('textbox', { name, exact: true });

/** Opens a Mantine select by its label and picks an option. */
async function choose(scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('buying-group setup forms', () => {
  let interestId = '';

  it('creates a stage model with its stages and allowed transitions', async () => {
    await page.goto('/stage-models');
    await heading('Stage models').waitFor();
    await button('Create stage model').click();
    const create = dialog('Create stage model');
    await textbox(create, 'Name').fill('Deal stages');
    await textbox(create, 'Name of stage 1').fill('Lead');
    await create.getByRole('button', { name: 'Add stage' }).click();
    await textbox(create, 'Name of stage 2').fill('Qualified');
    await create.getByRole('button', { name: 'Add stage' }).click();
    await textbox(create, 'Name of stage 3').fill('Won');
    await choose(create, 'Kind of stage 3', 'Success');
    await create.getByRole('button', { name: 'Add transition' }).click();
    await choose(create, 'From (transition 1)', 'Lead');
    await choose(create, 'To (transition 1)', 'Qualified');
    await create.getByRole('button', { name: 'Add transition' }).click();
    await choose(create, 'From (transition 2)', 'Qualified');
    await choose(create, 'To (transition 2)', 'Qualified');
    await create.getByText('A transition cannot lead to the stage it starts from.').waitFor();
    await choose(create, 'To (transition 2)', 'Won');
    await page.screenshot({ path: `${shots}/b2b-stage-model-dialog.png`, fullPage: true });
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });

    const stages = page.getByRole('table', { name: 'Deal stages' });
    const lead = stages.getByRole('row').filter({ hasText: 'Lead' });
    await lead.waitFor();
    expect(await lead.textContent()).toContain('Qualified');
    const won = stages.getByRole('row', { name: /^Won / });
    expect(await won.textContent()).toContain('Success');
  });

  it('creates a role template with a vital and a trivial role', async () => {
    await page.goto('/role-templates');
    await heading('Role templates').waitFor();
    await button('Create role template').click();
    const create = dialog('Create role template');
    await textbox(create, 'Name').fill('Committee');
    const first = create.getByRole('group', { name: 'Role 1', exact: true });
    await textbox(first, 'Role name').fill('Champion');
    await choose(first, 'Weight', 'Vital (100)');
    await create.getByRole('button', { name: 'Add role' }).click();
    const second = create.getByRole('group', { name: 'Role 2', exact: true });
    await textbox(second, 'Role name').fill('champion');
    await create.getByText('Role names must differ (ignoring case).').waitFor();
    await textbox(second, 'Role name').fill('Economic buyer');
    await choose(second, 'Weight', 'Trivial (20)');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });

    const roles = page.getByRole('table', { name: 'Committee' });
    const champion = roles.getByRole('row').filter({ hasText: 'Champion' });
    await champion.waitFor();
    expect(await champion.textContent()).toContain('Vital');
    expect(
      await roles.getByRole('row').filter({ hasText: 'Economic buyer' }).textContent(),
    ).toContain('Trivial');
  });

  it('creates a solution interest on them and refuses to delete the model it uses', async () => {
    await page.goto('/solution-interests');
    await heading('Solution interests').waitFor();
    await button('Create solution interest').click();
    const create = dialog('Create solution interest');
    await textbox(create, 'Name').fill('Data platform');
    await create.getByLabel('Description').fill('Warehouse and pipelines');
    await choose(create, 'Role template', 'Committee');
    await choose(create, 'Stage model', 'Deal stages');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });
    const row = page
      .getByRole('table', { name: 'Solution interests' })
      .getByRole('row')
      .filter({ hasText: 'Data platform' });
    await row.getByRole('link', { name: 'Committee' }).waitFor();
    expect(await row.textContent()).toContain('Deal stages');
    const interests = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/solution-interests',
    );
    interestId = interests.items.find((i) => i.name === 'Data platform')?.id ?? '';
    expect(interestId).not.toBe('');

    await page.goto('/stage-models');
    await button('Delete Deal stages').click();
    const remove = dialog('Delete stage model');
    await remove.getByRole('button', { name: 'Delete' }).click();
    await remove.getByRole('alert').waitFor();
    expect(await remove.getByRole('alert').textContent()).toMatch(/use/i);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('table', { name: 'Deal stages' }).waitFor();
  });

  it('assigns a person of the account by hand, moves the stage and sets the status', async () => {
    const account = await api<{ id: string }>('POST', '/accounts', { name: 'Initech' });
    for (const [email, firstName, lastName] of [
      ['peter@initech.example', 'Peter', 'Gibbons'],
      ['joanna@initech.example', 'Joanna', 'Smith'],
    ] as const) {
      const person = await api<{ id: string }>('POST', '/people', { email, firstName, lastName });
      await api('PUT', `/accounts/${account.id}/people/${person.id}`, { role: null });
    }
    const created = await api<{ created: { id: string }[] }>(
      'POST',
      `/solution-interests/${interestId}/buying-groups`,
      { accountIds: [account.id] },
    );
    await page.goto(`/buying-groups/${created.created[0]?.id ?? ''}`);
    await heading('Buying group: Data platform').waitFor();
    await page.getByText('No members yet').waitFor();
    // The roles the group still lacks are named, with how many people each needs.
    const missing = page.getByRole('region', { name: 'Missing roles' });
    await missing.getByRole('listitem').first().waitFor();
    expect(await missing.getByRole('listitem').allTextContents()).toEqual([
      'Champion: 1 member needed',
      'Economic buyer: 1 member needed',
    ]);

    await choose(page, 'Person of the account', 'Peter Gibbons');
    await choose(page, 'Role to assign', 'Champion');
    await button('Assign role').click();
    const members = page.getByRole('table', { name: 'Members' });
    const peter = members.getByRole('row').filter({ hasText: 'Peter Gibbons' });
    await peter.waitFor();
    expect(await peter.textContent()).toContain('Champion');
    expect(await peter.textContent()).toContain('Manual');
    // Both roles count for completeness and one of two is filled.
    await fact('Completeness').getByText('50 %').waitFor();
    await missing.getByRole('listitem').filter({ hasText: 'Champion' }).waitFor({
      state: 'detached',
    });
    expect(await missing.getByRole('listitem').allTextContents()).toEqual([
      'Economic buyer: 1 member needed',
    ]);

    // Only the stage the model allows from Lead is offered.
    await page.getByRole('combobox', { name: 'Move to stage', exact: true }).click();
    await page.getByRole('option', { name: 'Qualified' }).waitFor();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Qualified']);
    await page.getByRole('option', { name: 'Qualified' }).click();
    await button('Change stage').click();
    await fact('Stage').getByText('Qualified').waitFor();
    await page.getByRole('combobox', { name: 'Move to stage', exact: true }).click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Won']);
    await page.keyboard.press('Escape');

    await page.getByLabel('Group status', { exact: true }).fill('Budget approved');
    await button('Save status').click();
    await fact('Status').getByText('Budget approved').waitFor();
    await page.screenshot({ path: `${shots}/b2b-buying-group-edits.png`, fullPage: true });

    await button('Remove Peter Gibbons').click();
    await page.getByText('No members yet').waitFor();
    await fact('Completeness').getByText('0 %').waitFor();
  });

  it('creates the buying groups of an audience in the dialog and follows the job to its result', async () => {
    for (const name of ['Hooli', 'Pied Piper'])
      await api('POST', '/accounts', { name, industry: 'Compression' });
    const audience = await api<{ id: string }>('POST', '/audiences', {
      name: 'Compression companies',
      condition: {
        match: 'all',
        rules: [
          { kind: 'account', attribute: 'industry', operator: 'equals', value: 'Compression' },
        ],
      },
    });
    await api('POST', `/audiences/${audience.id}/evaluate`);
    await page.goto(`/buying-groups?solutionInterest=${interestId}`);
    await button('Create buying groups').click();
    const create = dialog('Create buying groups');
    await create.getByRole('combobox', { name: 'Audience', exact: true }).fill('Compression');
    await page.getByRole('option', { name: 'Compression companies', exact: true }).click();
    await create.getByRole('button', { name: 'Start' }).click();
    await create.getByText('2 created; 0 accounts already had a group.').waitFor();
    await create.getByText('2 of 2 accounts processed').waitFor();
    expect(
      await create
        .getByRole('progressbar', { name: 'Progress of the creation' })
        .getAttribute('aria-valuenow'),
    ).toBe('100');
    await page.screenshot({ path: `${shots}/b2b-create-groups.png` });
    await create.getByRole('button', { name: 'Close' }).click();
    const table = page.getByRole('table', { name: 'Buying groups' });
    await table.getByRole('row', { name: /Pied Piper/ }).waitFor();
    await table.getByRole('row', { name: /Hooli/ }).waitFor();
  });
});

describe('custom attributes and engagement weights', () => {
  it('edits declared custom attributes of an account and a person', async () => {
    await api('POST', '/attribute-definitions', {
      entity: 'account',
      name: 'seats',
      label: 'Seats',
      type: 'number',
    });
    await api('POST', '/attribute-definitions', {
      entity: 'account',
      name: 'renewal',
      label: 'Renewal date',
      type: 'date',
    });
    await api('POST', '/attribute-definitions', {
      entity: 'person',
      name: 'newsletter',
      label: 'Newsletter',
      type: 'boolean',
    });
    const account = await api<{ id: string }>('POST', '/accounts', {
      name: 'Hooli',
      attributes: { seats: 40 },
    });
    await page.goto(`/accounts/${account.id}`);
    await heading('Hooli').waitFor();
    expect(await page.getByLabel('Seats', { exact: true }).inputValue()).toBe('40');
    await button('Edit').click();
    await page.getByLabel('Seats', { exact: true }).fill('55');
    await page.getByLabel('Renewal date', { exact: true }).fill('2027-01-31');
    await button('Save').click();
    await button('Edit').waitFor();
    const saved = await api<{ attributes: Record<string, unknown> }>(
      'GET',
      `/accounts/${account.id}`,
    );
    expect(saved.attributes).toEqual({ seats: 55, renewal: '2027-01-31' });

    const person = await api<{ id: string }>('POST', '/people', { email: 'gavin@hooli.example' });
    await page.goto(`/people/${person.id}`);
    await button('Edit').click();
    await choose(page, 'Newsletter', 'Yes');
    await button('Save').click();
    await button('Edit').waitFor();
    const stored = await api<{ attributes: Record<string, unknown> }>(
      'GET',
      `/people/${person.id}`,
    );
    expect(stored.attributes).toEqual({ newsletter: true });
  });

  it('stores engagement weights from the buying groups page', async () => {
    await page.goto('/buying-groups');
    const weights = page.getByRole('table', { name: 'Engagement weights' });
    await weights.getByLabel('Activity type 1').waitFor();
    await button('Add activity type').click();
    const rows = await weights.getByRole('row').count();
    const n = rows - 1;
    await weights.getByLabel(`Activity type ${n}`, { exact: true }).fill('demoBooked');
    await weights.getByLabel(`Points of activity ${n}`, { exact: true }).fill('25');
    await weights.getByLabel(`Daily cap of activity ${n}`, { exact: true }).fill('25');
    await page.getByLabel('Saturation (raw points for a score of 100)').fill('120');
    await button('Save weights').click();
    await page.getByText('Weights saved. Scores follow at the next recompute.').waitFor();
    const stored = await api<{ weights: Record<string, unknown>; saturation: number }>(
      'GET',
      '/buying-groups/engagement/weights',
    );
    expect(stored.saturation).toBe(120);
    expect(stored.weights.demoBooked).toEqual({ points: 25, dailyCap: 25 });
    expect(stored.weights.formFilledOut).toEqual({ points: 10, dailyCap: 20 });
    await button('Recompute scores now').click();
    // Initech's group and those the job created from the audience above.
    await page.getByText(/^Recomputed \d+ groups; \d+ changed\.$/).waitFor();
  });
});
