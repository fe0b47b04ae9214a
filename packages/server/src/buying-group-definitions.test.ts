import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const roles = [
  {
    name: 'Decision maker',
    weight: 100,
    membersRequired: 1,
    requiredForCompleteness: true,
    priority: 1,
  },
];
const stages = [
  { name: 'New', kind: 'entry' },
  { name: 'Won', kind: 'success' },
];

describe.each(testDialects)(
  'role templates, stage models and solution interests on %s',
  (dialect) => {
    let t: TestApp;
    let manager: Client;
    let viewer: Client;
    let count = 0;

    beforeAll(async () => {
      t = await startTestApp(dialect, inject('postgresUrl'));
      manager = (await t.signIn('manager')).client;
      viewer = (await t.signIn('viewer')).client;
    });
    afterAll(async () => t.close());

    const unique = (prefix: string) => `${prefix} ${++count}`;
    const template = async () => {
      const response = await manager.post('/role-templates', { name: unique('Template'), roles });
      expect(response.status).toBe(201);
      return response.body;
    };
    const model = async () => {
      const response = await manager.post('/stage-models', {
        name: unique('Model'),
        stages,
        transitions: [{ from: 'New', to: 'Won' }],
      });
      expect(response.status).toBe(201);
      return response.body;
    };

    it('creates, reads, lists, changes and deletes a role template', async () => {
      const created = await template();
      expect(created).toMatchObject({ description: '', roles });
      expect((await manager.get(`/role-templates/${created.id}`)).body).toEqual(created);
      const listed = await manager.get('/role-templates');
      expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(created.id);
      const patched = await manager.patch(`/role-templates/${created.id}`, {
        description: 'Sales',
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: created.name, description: 'Sales', roles });
      expect((await manager.delete(`/role-templates/${created.id}`)).status).toBe(204);
      const gone = await manager.get(`/role-templates/${created.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('ROLE_TEMPLATE_NOT_FOUND');
    });

    it('answers 409 ROLE_TEMPLATE_NAME_TAKEN for a name taken in another case', async () => {
      const created = await template();
      const again = await manager.post('/role-templates', {
        name: created.name.toUpperCase(),
        roles,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ROLE_TEMPLATE_NAME_TAKEN');
    });

    it('answers 400 VALIDATION_FAILED for duplicate role names and an unknown weight', async () => {
      const duplicate = await manager.post('/role-templates', {
        name: unique('Bad template'),
        roles: [...roles, { ...roles[0], name: 'decision MAKER' }],
      });
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error.code).toBe('VALIDATION_FAILED');
      const weight = await manager.post('/role-templates', {
        name: unique('Bad template'),
        roles: [{ ...roles[0], weight: 50 }],
      });
      expect(weight.status).toBe(400);
    });

    it('answers 400 for a stage model without exactly one entry stage or with unknown transition ends', async () => {
      const twoEntries = await manager.post('/stage-models', {
        name: unique('Bad model'),
        stages: [...stages, { name: 'Also new', kind: 'entry' }],
        transitions: [],
      });
      expect(twoEntries.status).toBe(400);
      expect(twoEntries.body.error.code).toBe('VALIDATION_FAILED');
      const unknown = await manager.post('/stage-models', {
        name: unique('Bad model'),
        stages,
        transitions: [{ from: 'New', to: 'Lost' }],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details[0].path).toBe('body.transitions.0');
    });

    it('checks a stage model patch merged with the stored model', async () => {
      const created = await model();
      const noEntry = await manager.patch(`/stage-models/${created.id}`, {
        stages: [{ name: 'Won', kind: 'success' }],
      });
      expect(noEntry.status).toBe(400);
      const renamed = await manager.patch(`/stage-models/${created.id}`, {
        name: unique('Renamed'),
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.transitions).toEqual([{ from: 'New', to: 'Won' }]);
    });

    it('creates a solution interest and refuses to delete its template and model (409 IN_USE)', async () => {
      const [tpl, mdl] = [await template(), await model()];
      const created = await manager.post('/solution-interests', {
        name: unique('Interest'),
        roleTemplateId: tpl.id,
        stageModelId: mdl.id,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ roleTemplateId: tpl.id, stageModelId: mdl.id });
      for (const url of [`/role-templates/${tpl.id}`, `/stage-models/${mdl.id}`]) {
        const refused = await manager.delete(url);
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('IN_USE');
      }
      expect((await manager.delete(`/solution-interests/${created.body.id}`)).status).toBe(204);
      expect((await manager.delete(`/role-templates/${tpl.id}`)).status).toBe(204);
      expect((await manager.delete(`/stage-models/${mdl.id}`)).status).toBe(204);
    });

    it('answers 404 naming the missing template or model of a solution interest', async () => {
      const mdl = await model();
      const missing = crypto.randomUUID();
      const noTemplate = await manager.post('/solution-interests', {
        name: unique('Interest'),
        roleTemplateId: missing,
        stageModelId: mdl.id,
      });
      expect(noTemplate.status).toBe(404);
      expect(noTemplate.body.error.code).toBe('ROLE_TEMPLATE_NOT_FOUND');
      const tpl = await template();
      const created = await manager.post('/solution-interests', {
        name: unique('Interest'),
        roleTemplateId: tpl.id,
        stageModelId: mdl.id,
      });
      const noModel = await manager.patch(`/solution-interests/${created.body.id}`, {
        stageModelId: missing,
      });
      expect(noModel.status).toBe(404);
      expect(noModel.body.error.code).toBe('STAGE_MODEL_NOT_FOUND');
      const taken = await manager.patch(`/solution-interests/${created.body.id}`, { name: '' });
      expect(taken.status).toBe(400);
    });

    it('lets viewers read but answers 403 FORBIDDEN to their changes', async () => {
      const [tpl, mdl] = [await template(), await model()];
      expect((await viewer.get(`/role-templates/${tpl.id}`)).status).toBe(200);
      expect((await viewer.get('/stage-models')).status).toBe(200);
      expect((await viewer.get('/solution-interests')).status).toBe(200);
      const refused = [
        await viewer.post('/role-templates', { name: unique('Viewer'), roles }),
        await viewer.patch(`/role-templates/${tpl.id}`, { description: 'x' }),
        await viewer.delete(`/role-templates/${tpl.id}`),
        await viewer.post('/stage-models', { name: unique('Viewer'), stages }),
        await viewer.post('/solution-interests', {
          name: unique('Viewer'),
          roleTemplateId: tpl.id,
          stageModelId: mdl.id,
        }),
      ];
      expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    });

    it('never answers 500 to malformed ids and bodies', async () => {
      const responses = [
        await manager.get('/role-templates/not-a-uuid'),
        await manager.get('/stage-models/42'),
        await manager.patch('/solution-interests/x', {}),
        await manager.post('/stage-models', { name: 7, stages: 'New' }),
        await manager.post('/role-templates', { name: 'x', roles: [{ name: 'r', autoAssign: 3 }] }),
        await manager.post('/solution-interests', { roleTemplateId: null }),
      ];
      for (const response of responses) {
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
    });
  },
);
