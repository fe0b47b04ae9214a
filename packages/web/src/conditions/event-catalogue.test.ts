import { describe, expect, it } from 'vitest';
import { eventCatalogue, eventFields } from './event-catalogue.ts';

const webinar = {
  name: 'webinar.attended',
  label: 'Webinar attended',
  entity: 'person' as const,
  fields: [{ name: 'webinarId', label: 'Webinar', type: 'text' as const }],
};

describe('the event catalogue', () => {
  it('offers account events for account listeners and people events (with custom ones) for people', () => {
    const accounts = eventCatalogue([webinar], 'account').map((e) => e.name);
    const people = eventCatalogue([webinar], 'person').map((e) => e.name);
    expect(accounts).toContain('interestingMoment');
    expect(accounts).not.toContain('webinar.attended');
    expect(people).toContain('emailOpened');
    expect(people.at(-1)).toBe('webinar.attended');
  });

  it('suggests the fields of the chosen type and none for an unknown one', () => {
    const catalogue = eventCatalogue([webinar]);
    expect(eventFields(catalogue, 'webinar.attended')).toEqual(['webinarId']);
    expect(eventFields(catalogue, 'interestingMoment')).toEqual(['momentType', 'description']);
    expect(eventFields(catalogue, 'nope')).toEqual([]);
  });
});
