import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from '@caravan/core/b2b/custom-attribute';
import { accountFieldsOf, domainOf, personFieldsOf } from './segment-traits.ts';

const definitions: AttributeDefinition[] = [
  { entity: 'person', name: 'plan', label: 'Plan', type: 'text' },
];

describe('Segment traits', () => {
  it('splits the name trait into first and last name when they are not sent apart', () => {
    expect(personFieldsOf({ name: 'Peter Gibbons' }, [])).toMatchObject({
      firstName: 'Peter',
      lastName: 'Gibbons',
    });
    expect(personFieldsOf({ name: 'Cher' }, [])).toMatchObject({ firstName: 'Cher' });
    const given = personFieldsOf({ name: 'Peter Gibbons', first_name: 'Pete' }, []);
    expect([given.firstName, given.lastName]).toEqual(['Pete', undefined]);
  });

  it('keeps only traits that are reserved or declared as custom attributes', () => {
    const fields = personFieldsOf(
      { email: 'p@x.example', plan: 'premium', logins: 5 },
      definitions,
    );
    expect(fields).toEqual({ email: 'p@x.example', attributes: { plan: 'premium' } });
  });

  it('leaves out a phone that cannot be texted rather than failing the call', () => {
    expect(personFieldsOf({ phone: '555-1234' }, []).mobilePhone).toBeUndefined();
    expect(personFieldsOf({ phone: '+46701234567' }, []).mobilePhone).toBe('+46701234567');
  });

  it('takes the account domain from the website trait without scheme, www or path', () => {
    expect(domainOf('https://www.initech.example/about')).toBe('initech.example');
    expect(domainOf('initech.example')).toBe('initech.example');
    expect(accountFieldsOf({ website: 'http://initech.example', employees: 3.5 }, [])).toEqual({
      domain: 'initech.example',
      attributes: {},
    });
  });

  it('coerces employees sent as a string (the spec types it so) and numeric custom attributes', () => {
    expect(accountFieldsOf({ employees: '1200' }, []).employees).toBe(1200);
    expect(accountFieldsOf({ employees: '1,200' }, []).employees).toBe(1200);
    expect(accountFieldsOf({ employees: 'many' }, []).employees).toBeUndefined();
    const seats: AttributeDefinition = {
      entity: 'person',
      name: 'seats',
      label: 'Seats',
      type: 'number',
    };
    expect(personFieldsOf({ seats: '12' }, [seats]).attributes).toEqual({ seats: 12 });
  });
});
