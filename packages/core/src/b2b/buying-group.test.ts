import { describe, expect, it } from 'vitest';
import { completenessScore, missingRoles, withMembers, type BuyingGroup } from './buying-group.ts';
import type { TemplateRole } from './role-template.ts';
import { RoleTemplate, roleWeightLabels } from './role-template.ts';

function role(name: string, membersRequired: number, requiredForCompleteness = true): TemplateRole {
  return { name, weight: 60, membersRequired, requiredForCompleteness, priority: 1 };
}

const member = (personId: string, roleName: string) => ({ personId, role: roleName });

describe('completenessScore (SPEC §5)', () => {
  const template = {
    roles: [
      role('Decision maker', 1),
      role('Influencer', 2),
      role('Champion', 1),
      role('User', 3, false),
    ],
  };

  it('is 100 when every required role has its members', () => {
    const members = [
      member('a', 'Decision maker'),
      member('b', 'Influencer'),
      member('c', 'Influencer'),
      member('d', 'Champion'),
    ];
    expect(completenessScore(template, members)).toBe(100);
  });

  it('averages min(assigned / required, 1) over the required roles: (1 + 1/2 + 0) / 3 = 50%', () => {
    expect(
      completenessScore(template, [member('a', 'Decision maker'), member('b', 'Influencer')]),
    ).toBe(50);
  });

  it('caps a role at its requirement: extra members do not make up for an empty role', () => {
    const members = [
      member('a', 'Decision maker'),
      member('b', 'Decision maker'),
      member('c', 'Decision maker'),
    ];
    // (1 + 0 + 0) / 3 = 33.3…% → 33
    expect(completenessScore(template, members)).toBe(33);
  });

  it('rounds to a whole percentage: (2/3 + 1 + 1) / 3 = 88.9% → 89', () => {
    const twoOfThree = { roles: [role('A', 3), role('B', 1), role('C', 1)] };
    // (2/3 + 1 + 1) / 3 = 88.9% → 89
    expect(
      completenessScore(twoOfThree, [
        member('a', 'A'),
        member('b', 'A'),
        member('c', 'B'),
        member('d', 'C'),
      ]),
    ).toBe(89);
  });

  it('ignores roles not required for completeness and roles not in the template', () => {
    expect(completenessScore(template, [member('a', 'User'), member('b', 'Janitor')])).toBe(0);
  });

  it('counts a person once per role', () => {
    const members = [member('b', 'Influencer'), member('b', 'Influencer')];
    // (0 + 1/2 + 0) / 3 = 16.7% → 17
    expect(completenessScore(template, members)).toBe(17);
  });

  it('is 0 when the template requires no role for completeness', () => {
    expect(completenessScore({ roles: [role('User', 1, false)] }, [member('a', 'User')])).toBe(0);
  });
});

describe('RoleTemplate', () => {
  it('names the weights trivial, low, medium, high and vital', () => {
    expect([20, 40, 60, 80, 100].map((w) => roleWeightLabels[w as 20])).toEqual([
      'trivial',
      'low',
      'medium',
      'high',
      'vital',
    ]);
  });

  it('refuses other weights, zero required members and duplicate role names', () => {
    const base = { id: 't', name: 'T' };
    expect(
      RoleTemplate.safeParse({ ...base, roles: [{ ...role('A', 1), weight: 50 }] }).success,
    ).toBe(false);
    expect(RoleTemplate.safeParse({ ...base, roles: [role('A', 0)] }).success).toBe(false);
    expect(RoleTemplate.safeParse({ ...base, roles: [role('A', 1), role('a', 1)] }).success).toBe(
      false,
    );
    expect(RoleTemplate.safeParse({ ...base, roles: [role('A', 1)] }).success).toBe(true);
  });
});

describe('withMembers', () => {
  it('recomputes the completeness score whenever the members change', () => {
    const template = { roles: [role('Decision maker', 1), role('Influencer', 2)] };
    const group: BuyingGroup = {
      id: 'bg',
      solutionInterestId: 'crm',
      accountId: 'acme',
      stage: 'New',
      status: null,
      members: [],
      completenessScore: 0,
      engagementScore: 12,
    };
    const filled = withMembers(group, template, [
      { personId: 'a', role: 'Decision maker', source: 'manual' },
      { personId: 'b', role: 'Influencer', source: 'journey' },
    ]);
    expect(filled.completenessScore).toBe(75);
    expect(withMembers(filled, template, []).completenessScore).toBe(0);
    expect(filled.engagementScore).toBe(12);
  });
});

describe('missingRoles', () => {
  const template = {
    roles: [
      role('Decision maker', 1),
      role('Influencer', 2),
      role('Champion', 1),
      role('User', 3, false),
    ],
  };

  it('names every required role of an empty group with the members it needs, in template order', () => {
    expect(missingRoles(template, [])).toEqual([
      { name: 'Decision maker', missing: 1 },
      { name: 'Influencer', missing: 2 },
      { name: 'Champion', missing: 1 },
    ]);
  });

  it('leaves out filled roles and roles not required for completeness, and counts distinct people', () => {
    const members = [
      member('a', 'Decision maker'),
      member('b', 'Influencer'),
      member('b', 'Influencer'),
      member('c', 'Unknown role'),
    ];
    expect(missingRoles(template, members)).toEqual([
      { name: 'Influencer', missing: 1 },
      { name: 'Champion', missing: 1 },
    ]);
  });

  it('is empty when the group is complete', () => {
    const members = [
      member('a', 'Decision maker'),
      member('b', 'Influencer'),
      member('c', 'Influencer'),
      member('d', 'Champion'),
    ];
    expect(missingRoles(template, members)).toEqual([]);
    expect(completenessScore(template, members)).toBe(100);
  });
});
