/**
 * The demo accounts and people, generated from a seed: the same realistic-looking dataset on every
 * machine, without a dependency. `demo-b2b-data.ts` loads it.
 */
import type { AccountUpsert } from '@caravan/storage/account-upsert.repository';
import type { PersonUpsert } from '@caravan/storage/person-upsert.repository';

export const day = 24 * 60 * 60 * 1000;

/** mulberry32: a tiny seeded PRNG, enough for demo data and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** `name|SIC code|name suffixes|revenue per employee in kUSD` */
export const industries = [
  'Software|7372|Software,Labs,Cloud|250',
  'Finance|6022|Bank,Capital,Finans|400',
  'Manufacturing|3559|Industries,Works,Machinery|220',
  'Healthcare|8062|Health,Medical,Care|150',
  'Retail|5311|Retail,Stores,Market|180',
  'Energy|4911|Energy,Power,Kraft|600',
  'Telecommunications|4813|Telecom,Networks,Mobile|350',
  'Logistics|4731|Logistics,Freight,Shipping|160',
  'Education|8221|Learning,Academy,Education|90',
  'Media|2711|Media,Studios,Publishing|200',
].map((line) => {
  const [name = '', sicCode = '', suffixes = '', revenue = ''] = line.split('|');
  return {
    name,
    sicCode,
    suffixes: suffixes.split(','),
    revenuePerEmployee: Number(revenue) * 1000,
  };
});

export const nordics = ['Sweden', 'Norway', 'Denmark', 'Finland'];
/** `name|top-level domain|mobile prefix|cities` */
const countries = [
  'Sweden|se|+467|Stockholm,Gothenburg,Malmö',
  'Norway|no|+474|Oslo,Bergen,Trondheim',
  'Denmark|dk|+452|Copenhagen,Aarhus',
  'Finland|fi|+35840|Helsinki,Espoo,Tampere',
  'Germany|de|+49151|Berlin,Munich,Hamburg',
  'United Kingdom|co.uk|+447|London,Manchester,Leeds',
  'France|fr|+336|Paris,Lyon,Toulouse',
  'Netherlands|nl|+316|Amsterdam,Rotterdam,Utrecht',
  'Spain|es|+346|Madrid,Barcelona,Valencia',
  'United States|com|+1415|New York,Austin,Chicago',
].map((line) => {
  const [name = '', tld = '', dial = '', cities = ''] = line.split('|');
  return { name, tld, dial, cities: cities.split(',') };
});
type Country = (typeof countries)[number];

export const words = (text: string): string[] => text.split(',').map((w) => w.trim());
const namePrefixes = words(
  'Aurora, Nordvik, Bluefjord, Helix, Granite, Lumen, Vantage, Cobalt, Polaris, Kestrel, ' +
    'Meridian, Solstice, Tundra, Orchid, Beacon, Silverline, Northwind, Quarry, Evergreen, ' +
    'Alder, Summit, Harbor, Falcon, Juniper, Crescent, Ironbark, Sable, Zenith, Riverside, ' +
    'Copperfield, Stellar, Waypoint',
);
const firstNames = words(
  'Anna, Erik, Sofia, Lars, Ingrid, Mikko, Freja, Jonas, Emma, Lukas, Clara, Oliver, Chloé, ' +
    'Hugo, Lucía, Mateo, Sanne, Daan, Grace, James, Priya, Noah, Maja, Elias, Aino, Leon, Mia, ' +
    'Thomas, Sara, David',
);
const lastNames = words(
  'Lindqvist, Hansen, Nielsen, Virtanen, Müller, Schmidt, Dubois, Martin, García, López, ' +
    'de Vries, Jansen, Smith, Johnson, Berg, Korhonen, Weber, Bernard, Fernández, Bakker, ' +
    'Brown, Patel, Andersson, Olsen',
);
/** Job titles and the role each one usually has at its account; the first four are executives. */
const positions = words(
  'CMO:Decision maker, CTO:Decision maker, CFO:Budget holder, CISO:Decision maker, ' +
    'IT Director:Influencer, Head of Procurement:Procurement, Finance Manager:Budget holder, ' +
    'Marketing Manager:Influencer, Data Analyst:User, Security Engineer:User, ' +
    'Software Engineer:User',
).map((pair) => {
  const [title = '', role = ''] = pair.split(':');
  return { title, role };
});

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

interface DemoPerson {
  row: PersonUpsert;
  role: string;
  accountIndex: number;
}

export interface DemoDataset {
  accounts: AccountUpsert[];
  people: DemoPerson[];
}

function demoAccount(random: Random, index: number, names: Set<string>): AccountUpsert {
  const industry = industries[index % industries.length] as (typeof industries)[number];
  const country = pick(random, countries);
  let name = `${pick(random, namePrefixes)} ${pick(random, industry.suffixes)}`;
  for (let n = 2; names.has(name); n += 1) name = `${name.replace(/ \d+$/, '')} ${n}`;
  names.add(name);
  // Skewed towards small companies, with about a third above 1,000 employees.
  const employees = Math.round(10 ** (1.3 + 3.2 * random() ** 1.2));
  const revenue = employees * industry.revenuePerEmployee * (0.6 + random() * 0.8);
  return {
    id: crypto.randomUUID(),
    name,
    domain: `${slug(name)}.${country.tld}`,
    industry: industry.name,
    annualRevenue: Math.round(revenue / 1000) * 1000,
    employees,
    city: pick(random, country.cities),
    state: country.name === 'United States' ? pick(random, ['NY', 'TX', 'IL']) : null,
    country: country.name,
    sicCode: industry.sicCode,
    externalId: `demo-account-${String(index + 1).padStart(3, '0')}`,
  };
}

function demoPeople(random: Random, account: AccountUpsert, accountIndex: number): DemoPerson[] {
  const country = countries.find((c) => c.name === account.country) as Country;
  const count = between(random, 2, 6);
  const people: DemoPerson[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    // The first person is always an executive, so most accounts have a decision maker.
    const position = i === 0 ? pick(random, positions.slice(0, 4)) : pick(random, positions);
    const firstName = pick(random, firstNames);
    const lastName = pick(random, lastNames);
    let local = `${slug(firstName)}.${slug(lastName)}`;
    if (emails.has(local)) local = `${local}${i}`;
    emails.add(local);
    const phone = random() < 0.6 ? `${country.dial}${between(random, 1_000_000, 9_999_999)}` : null;
    people.push({
      accountIndex,
      role: position.role,
      row: {
        id: crypto.randomUUID(),
        email: `${local}@${account.domain ?? 'example.com'}`,
        mobilePhone: phone,
        firstName,
        lastName,
        jobTitle: position.title,
        city: account.city ?? null,
        country: account.country ?? null,
        emailConsent: random() < 0.1 ? 'optedOut' : 'optedIn',
        smsConsent: phone !== null && random() < 0.45 ? 'optedIn' : 'optedOut',
        externalId: `${account.externalId ?? ''}-person-${i + 1}`,
      },
    });
  }
  return people;
}

/** The whole dataset from the seed; nothing here touches the database. */
export function demoB2bDataset(seed = 20260301, accountCount = 300): DemoDataset {
  const random = seededRandom(seed);
  const names = new Set<string>();
  const accounts = Array.from({ length: accountCount }, (_, i) => demoAccount(random, i, names));
  const people = accounts.flatMap((account, i) => demoPeople(random, account, i));
  return { accounts, people };
}
