import { describe, expect, it } from 'vitest';
import { facts, now, person } from '../conditions/facts.test-support.ts';
import type { BuyingGroup, BuyingGroupMember } from './buying-group.ts';
import {
  applyAutoAssignment,
  assignMember,
  autoAssignRoles,
  mayReplace,
  removeMember,
} from './role-assignment.ts';
import type { TemplateRole } from './role-template.ts';

const jobTitle = (value: string): TemplateRole['autoAssign'] => ({
  match: 'all',
  rules: [{ kind: 'person', attribute: 'jobTitle', operator: 'contains', value }],
});

const template = {
  roles: [
    {
      name: 'Influencer',
      weight: 40,
      membersRequired: 2,
      requiredForCompleteness: true,
      priority: 2,
      autoAssign: jobTitle('engineer'),
    },
    {
      name: 'Decision maker',
      weight: 100,
      membersRequired: 1,
      requiredForCompleteness: true,
      priority: 1,
      autoAssign: jobTitle('chief'),
    },
    {
      name: 'Champion',
      weight: 80,
      membersRequired: 1,
      requiredForCompleteness: false,
      priority: 3,
    },
  ],
} satisfies { roles: TemplateRole[] };

describe('assignment precedence', () => {
  it('lets manual beat journey beat automatic, and equal sources replace', () => {
    expect(mayReplace('manual', 'automatic')).toBe(false);
    expect(mayReplace('journey', 'automatic')).toBe(false);
    expect(mayReplace('manual', 'journey')).toBe(false);
    expect(mayReplace('automatic', 'journey')).toBe(true);
    expect(mayReplace('journey', 'manual')).toBe(true);
    expect(mayReplace('automatic', 'automatic')).toBe(true);
  });

  it('keeps a manual role when an automatic assignment arrives', () => {
    const members: BuyingGroupMember[] = [{ personId: 'ann', role: 'Champion', source: 'manual' }];
    expect(
      assignMember(members, { personId: 'ann', role: 'Influencer', source: 'automatic' }),
    ).toEqual({
      members,
      outcome: 'kept',
    });
  });

  it('adds a new member and replaces a lower-precedence role', () => {
    const members: BuyingGroupMember[] = [
      { personId: 'ann', role: 'Influencer', source: 'automatic' },
    ];
    const replaced = assignMember(members, {
      personId: 'ann',
      role: 'Champion',
      source: 'journey',
    });
    expect(replaced).toEqual({
      members: [{ personId: 'ann', role: 'Champion', source: 'journey' }],
      outcome: 'replaced',
    });
    const added = assignMember(members, { personId: 'bob', role: 'Champion', source: 'automatic' });
    expect(added.outcome).toBe('added');
    expect(added.members).toHaveLength(2);
  });

  it('does not let an automatic run remove a manual member', () => {
    const members: BuyingGroupMember[] = [{ personId: 'ann', role: 'Champion', source: 'manual' }];
    expect(removeMember(members, 'ann', 'automatic').removed).toBe(false);
    expect(removeMember(members, 'ann', 'manual')).toEqual({ members: [], removed: true });
  });
});

describe('autoAssignRoles', () => {
  const people = facts({
    people: [
      person('cto', { jobTitle: 'Chief Technology Engineer' }),
      person('dev', { jobTitle: 'Software Engineer' }),
      person('ceo', { jobTitle: 'Chief Executive' }),
      person('pm', { jobTitle: 'Product Manager' }),
    ],
  });

  it('gives each person the highest-priority role whose condition they match', () => {
    expect(autoAssignRoles(template, people, now)).toEqual([
      { personId: 'cto', role: 'Decision maker' },
      { personId: 'dev', role: 'Influencer' },
      { personId: 'ceo', role: 'Decision maker' },
    ]);
  });

  it('fills the group without overwriting manual roles and recomputes completeness', () => {
    const group: BuyingGroup = {
      id: 'bg',
      solutionInterestId: 'crm',
      accountId: 'acme',
      stage: 'New',
      status: null,
      members: [{ personId: 'cto', role: 'Champion', source: 'manual' }],
      completenessScore: 0,
      engagementScore: 0,
    };
    const updated = applyAutoAssignment(group, template, people, now);
    expect(updated.members).toEqual([
      { personId: 'cto', role: 'Champion', source: 'manual' },
      { personId: 'dev', role: 'Influencer', source: 'automatic' },
      { personId: 'ceo', role: 'Decision maker', source: 'automatic' },
    ]);
    // Decision maker 1/1, Influencer 1/2 → (1 + 0.5) / 2 = 75%
    expect(updated.completenessScore).toBe(75);
  });
});
