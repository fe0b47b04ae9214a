/**
 * The names the map's summaries need: every audience, list, email, SMS, journey, solution
 * interest and external service the definition refers to is read once by id (cached by React
 * Query, so a map of 150 nodes sending the same email asks once), attribute labels from the
 * declarations, event labels from the translations or the custom type's label.
 */
import type { Condition } from '@caravan/core/conditions/condition';
import type { JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { listAttributeDefinitions } from '../api/attribute-definitions.api.ts';
import { listEventTypes } from '../api/b2b.api.ts';
import { listSolutionInterests } from '../api/buying-groups.api.ts';
import { getEmail, getSms } from '../api/content.api.ts';
import { getExternalService } from '../api/external-service-lookup.api.ts';
import { getJourney } from '../api/journeys.api.ts';
import { getAccountList, getAudience } from '../api/segments.api.ts';
import type { MapNames } from './node-text.ts';

type RefKind = 'audience' | 'accountList' | 'email' | 'sms' | 'journey' | 'service';

interface Named {
  name: string;
  size?: number;
}

const readers: Record<RefKind, (id: string) => Promise<Named>> = {
  audience: async (id) => {
    const a = await getAudience(id);
    return { name: a.name, size: a.memberCount };
  },
  accountList: async (id) => {
    const l = await getAccountList(id);
    return { name: l.name, size: l.memberCount };
  },
  email: async (id) => ({ name: (await getEmail(id)).name }),
  sms: async (id) => ({ name: (await getSms(id)).name }),
  journey: async (id) => ({ name: (await getJourney(id)).name }),
  service: async (id) => ({ name: (await getExternalService(id)).name }),
};

function conditionRefs(condition: Condition | undefined, add: (kind: RefKind, id: string) => void) {
  for (const rule of condition?.rules ?? []) {
    if (rule.kind === 'listMembership') add('accountList', rule.listId);
  }
}

function nodeRefs(node: JourneyNode, add: (kind: RefKind, id?: string) => void): void {
  switch (node.type) {
    case 'audience':
      add(
        node.settings.source === 'accountList' ? 'accountList' : 'audience',
        node.settings.sourceId,
      );
      return;
    case 'action': {
      const action = node.settings.action;
      if (!action) return;
      if (action.type === 'sendEmail') add('email', action.emailId);
      if (action.type === 'sendSms') add('sms', action.smsId);
      if (action.type === 'addToJourney' || action.type === 'removeFromJourney') {
        add('journey', action.journeyId);
      }
      if (action.type === 'addToAccountList' || action.type === 'removeFromAccountList') {
        add('accountList', action.listId);
      }
      return;
    }
    case 'split':
      for (const path of node.settings.paths) conditionRefs(path.condition, add);
      return;
    case 'externalAction':
    case 'externalSplit':
      add('service', node.settings.serviceId);
      return;
    case 'event':
    case 'variantSplit':
    case 'merge':
    case 'wait':
      return;
  }
}

/** Every id the definition refers to, with what it is. */
export function referencesOf(definition: JourneyDefinition): [RefKind, string][] {
  const refs = new Map<string, RefKind>();
  const add = (kind: RefKind, id?: string) => {
    if (id) refs.set(id, kind);
  };
  for (const node of definition.nodes) nodeRefs(node, add);
  return [...refs].map(([id, kind]) => [kind, id]);
}

export function useMapNames(definition: JourneyDefinition, journeyId?: string): MapNames {
  const { t } = useTranslation();
  const refs = useMemo(() => referencesOf(definition), [definition]);
  const results = useQueries({
    queries: refs.map(([kind, id]) => ({
      queryKey: ['map-names', kind, id],
      queryFn: () => readers[kind](id),
      staleTime: 30_000,
    })),
  });
  const attributes = useQuery({
    queryKey: ['attribute-definitions'],
    queryFn: () => listAttributeDefinitions(),
  });
  const eventTypes = useQuery({ queryKey: ['event-types'], queryFn: listEventTypes });
  const interests = useQuery({ queryKey: ['solution-interests'], queryFn: listSolutionInterests });
  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo((): MapNames => {
    const names = new Map<string, Named>();
    refs.forEach(([, id], i) => {
      const data = results[i]?.data;
      if (data) names.set(id, data);
    });
    for (const interest of interests.data?.items ?? []) names.set(interest.id, interest);
    // Constraints name nodes of this journey ("in email"): the email's name, else the title.
    for (const node of definition.nodes) {
      if (node.type !== 'action' || node.settings.action?.type !== 'sendEmail') continue;
      const emailId = node.settings.action.emailId;
      const email = emailId ? names.get(emailId) : undefined;
      names.set(node.id, { name: email?.name ?? t('mapText.actionTitles.sendEmail') });
    }
    const labels = new Map((attributes.data?.items ?? []).map((d) => [d.name, d.label] as const));
    const customEvents = new Map((eventTypes.data?.items ?? []).map((e) => [e.name, e.label]));
    return {
      name: (id) => (id === journeyId ? t('mapText.thisJourney') : names.get(id)?.name),
      size: (id) => names.get(id)?.size,
      attribute: (name) => t(`data.account.${name}`, { defaultValue: labels.get(name) ?? name }),
      event: (name) =>
        t(`mapText.events.${name}`, { defaultValue: customEvents.get(name) ?? name }),
    };
    // `results` changes identity every render; `dataKey` says when its data changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey, refs, definition, attributes.data, eventTypes.data, interests.data, t, journeyId]);
}
