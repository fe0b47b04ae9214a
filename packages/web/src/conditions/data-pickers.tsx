/**
 * Pickers over the B2B data that journeys and conditions point at: they show names and store ids.
 * Audiences, lists, journeys and external services are searched on the server; solution
 * interests, their roles and stages, and event types are short lists read once.
 */
import { Select, type ComboboxParsedItem } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listEventTypes } from '../api/b2b.api.ts';
import { getExternalService } from '../api/external-service-lookup.api.ts';
import { getJourney, listJourneys } from '../api/journeys.api.ts';
import {
  getAccountList,
  getAudience,
  listAccountLists,
  listAudiences,
  type AccountList,
  type ListKind,
} from '../api/segments.api.ts';
import {
  useRoleTemplates,
  useSolutionInterests,
  useStageModels,
} from '../buying-groups/use-buying-group-setup.ts';
import { listExternalServices } from '../external-services/external-services.api.ts';
import { eventCatalogue, groupedEvents } from './event-catalogue.ts';
import { SearchSelect, type PickerOption } from './search-select.tsx';

interface PickerProps {
  label: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  error?: ReactNode;
}

const pageSize = 50;

export function AudiencePicker(props: PickerProps) {
  const { t, i18n } = useTranslation();
  const option = (a: {
    id: string;
    name: string;
    status: string;
    memberCount: number;
  }): PickerOption => ({
    value: a.id,
    label: a.status === 'draft' ? `${a.name} (${t('pickers.draft')})` : a.name,
    // The live size beside the name: how many accounts would enter now.
    detail: t('mapText.accountCount', {
      count: a.memberCount,
      formatted: new Intl.NumberFormat(i18n.language).format(a.memberCount),
    }),
  });
  return (
    <SearchSelect
      {...props}
      queryKey={['audiences']}
      placeholder={t('pickers.search')}
      search={async (text) =>
        (await listAudiences({ search: text, limit: pageSize })).items.map(option)
      }
      resolve={async (id) => option(await getAudience(id))}
    />
  );
}

/** Account lists; `kind` keeps only static (or dynamic) lists, `liveOnly` only published ones. */
export function AccountListPicker(props: PickerProps & { kind?: ListKind; liveOnly?: boolean }) {
  const { t } = useTranslation();
  const { kind, liveOnly = false, ...rest } = props;
  const option = (l: AccountList): PickerOption => ({
    value: l.id,
    label: l.status === 'draft' ? `${l.name} (${t('pickers.draft')})` : l.name,
  });
  const fits = (l: AccountList) =>
    (kind === undefined || l.kind === kind) && (!liveOnly || l.status === 'live');
  return (
    <SearchSelect
      {...rest}
      queryKey={['account-lists', kind ?? 'any', liveOnly ? 'live' : 'all']}
      placeholder={t('pickers.search')}
      search={async (text) =>
        (await listAccountLists({ search: text, limit: pageSize })).items.filter(fits).map(option)
      }
      resolve={async (id) => option(await getAccountList(id))}
    />
  );
}

export function JourneyPicker(props: PickerProps & { excludeId?: string }) {
  const { t } = useTranslation();
  const { excludeId, ...rest } = props;
  return (
    <SearchSelect
      {...rest}
      queryKey={['journeys']}
      placeholder={t('pickers.search')}
      search={async (text) => {
        const page = await listJourneys({
          search: text,
          sort: { field: 'name', direction: 'asc' },
          limit: pageSize,
        });
        return page.items
          .filter((j) => j.id !== excludeId)
          .map((j) => ({ value: j.id, label: `${j.name} (${t(`status.${j.status}`)})` }));
      }}
      resolve={async (id) => {
        const j = await getJourney(id);
        return { value: j.id, label: `${j.name} (${t(`status.${j.status}`)})` };
      }}
    />
  );
}

export function ExternalServicePicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchSelect
      {...props}
      queryKey={['external-services']}
      placeholder={t('pickers.search')}
      search={async (text) =>
        (await listExternalServices({ search: text, limit: pageSize })).items.map((s) => ({
          value: s.id,
          label: s.name,
        }))
      }
      resolve={async (id) => {
        const s = await getExternalService(id);
        return { value: s.id, label: s.name };
      }}
    />
  );
}

/** A select over a short list that still shows a saved value the list no longer has. */
function ShortSelect(props: PickerProps & { data: PickerOption[]; disabled?: boolean }) {
  const { label, value, onChange, data, error, disabled } = props;
  const withValue =
    value !== undefined && !data.some((o) => o.value === value)
      ? [{ value, label: value }, ...data]
      : data;
  return (
    <Select
      label={label}
      searchable
      clearable
      disabled={disabled}
      error={error}
      data={withValue}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

export function SolutionInterestPicker(props: PickerProps) {
  const interests = useSolutionInterests();
  const data = (interests.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }));
  return <ShortSelect {...props} data={data} />;
}

/** The roles of the interest's role template. */
export function RolePicker(props: PickerProps & { solutionInterestId: string | undefined }) {
  const { solutionInterestId, ...rest } = props;
  const interests = useSolutionInterests();
  const templates = useRoleTemplates();
  const interest = interests.data?.items.find((i) => i.id === solutionInterestId);
  const template = templates.data?.items.find((tpl) => tpl.id === interest?.roleTemplateId);
  const data = (template?.roles ?? []).map((r) => ({ value: r.name, label: r.name }));
  return <ShortSelect {...rest} data={data} disabled={solutionInterestId === undefined} />;
}

/** The stages of the interest's stage model. */
export function StagePicker(props: PickerProps & { solutionInterestId: string | undefined }) {
  const { solutionInterestId, ...rest } = props;
  const interests = useSolutionInterests();
  const models = useStageModels();
  const interest = interests.data?.items.find((i) => i.id === solutionInterestId);
  const model = models.data?.items.find((m) => m.id === interest?.stageModelId);
  const data = (model?.stages ?? []).map((s) => ({ value: s.name, label: s.name }));
  return <ShortSelect {...rest} data={data} disabled={solutionInterestId === undefined} />;
}

/** Every event type (built-in and custom), read once and shared. */
export function useEventCatalogue(entity?: 'account' | 'person') {
  const types = useQuery({ queryKey: ['event-types'], queryFn: listEventTypes });
  return eventCatalogue(types.data?.items ?? [], entity);
}

/**
 * The event type, by its label ("Clicked a link in an email"), grouped (Email, Web and forms, your
 * event types …) and searchable by label or name. Types a source sends without a declaration are
 * declared under *Event types* first; a name already stored stays shown as it is.
 */
export function EventTypeInput(props: PickerProps & { entity?: 'account' | 'person' }) {
  const { label, value, onChange, error, entity } = props;
  const { t } = useTranslation();
  const catalogue = useEventCatalogue(entity);
  const types = useQuery({ queryKey: ['event-types'], queryFn: listEventTypes });
  const customLabel = new Map((types.data?.items ?? []).map((e) => [e.name, e.label]));
  const labelOf = (name: string) =>
    t(`mapText.events.${name}`, { defaultValue: customLabel.get(name) ?? name });
  const data = groupedEvents(catalogue).map(({ group, events }) => ({
    group: t(`mapText.eventGroups.${group}`),
    items: events.map((e) => ({ value: e.name, label: labelOf(e.name) })),
  }));
  if (value && !catalogue.some((e) => e.name === value)) {
    data.unshift({ group: t('mapText.eventGroups.custom'), items: [{ value, label: value }] });
  }
  return (
    <Select
      label={label}
      error={error}
      searchable
      nothingFoundMessage={t('mapText.noEventFound')}
      data={data}
      value={value ?? null}
      // Search finds a type by its label or by the name sources send.
      filter={({ options, search }) => {
        const needle = search.trim().toLowerCase();
        return options.flatMap((entry): ComboboxParsedItem[] => {
          if (!('group' in entry)) return [entry];
          const items = entry.items.filter(
            (o) =>
              needle === '' ||
              o.label.toLowerCase().includes(needle) ||
              o.value.toLowerCase().includes(needle),
          );
          return items.length === 0 ? [] : [{ ...entry, items }];
        });
      }}
      onChange={(name) => onChange(name ?? undefined)}
    />
  );
}
