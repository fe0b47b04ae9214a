import { describe, expect, it } from 'vitest';
import { formToPersonPatch, personToForm } from './person-fields.ts';

describe('person form', () => {
  it('round-trips a person and clears emptied boxes to null', () => {
    const form = personToForm({ email: 'ada@example.com', firstName: 'Ada', jobTitle: null });
    expect(form.jobTitle).toBe('');
    const patch = formToPersonPatch({ ...form, firstName: '  ', lastName: ' Byron ' });
    expect(patch).toMatchObject({ email: 'ada@example.com', firstName: null, lastName: 'Byron' });
  });

  it('keeps stored attributes out of the patch until one is edited', () => {
    const form = personToForm({ email: 'ada@example.com', attributes: { newsletter: true } });
    expect(formToPersonPatch(form)).not.toHaveProperty('attributes');
    const edited = { ...form, attributes: { ...form.attributes, edits: { newsletter: false } } };
    expect(formToPersonPatch(edited).attributes).toEqual({ newsletter: false });
  });
});
