/**
 * A listener's constraints as a marketer means them: for email events *In email* (an email this
 * journey sends, by the email's name), *Link* (a link of that email) and *In journey* (this journey
 * or any), stored as the `nodeId` / `url` / `journeyId` constraints the engine matches; any other
 * property (a form's name, a custom event's field) in the general constraint rows below.
 */
import type { EventConstraint } from '@caravan/core/conditions/condition';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getEmail } from '../../api/content.api.ts';
import { SavedConstraintsEditor } from '../../conditions/constraints-editor.tsx';
import { useJourneyId } from '../journey-id.context.ts';
import { useMapNames } from '../use-map-names.ts';

/** The properties the friendly rows stand for. */
const handled = ['nodeId', 'url', 'journeyId', 'outboxId'];

/** The distinct http(s) links of an email's HTML, in order. */
export function linksOf(html: string): string[] {
  const links = [...html.matchAll(/href\s*=\s*["'](https?:\/\/[^"']+)["']/gi)].map((m) => m[1]!);
  return [...new Set(links)];
}

interface Props {
  definition: JourneyDefinition;
  event: string | undefined;
  fields: readonly string[];
  value: EventConstraint[] | undefined;
  onChange: (constraints: EventConstraint[] | undefined) => void;
}

export function ListenerConstraints({ definition, event, fields, value, onChange }: Props) {
  const { t } = useTranslation();
  const journeyId = useJourneyId();
  const names = useMapNames(definition, journeyId);
  const all = value ?? [];
  const friendly = all.filter((c) => handled.includes(c.field));
  const others = all.filter((c) => !handled.includes(c.field));
  const get = (field: string) => {
    const found = friendly.find((c) => c.field === field && c.operator === 'is');
    return typeof found?.values[0] === 'string' ? found.values[0] : undefined;
  };
  const save = (nextFriendly: EventConstraint[], nextOthers: EventConstraint[]) => {
    const next = [...nextFriendly, ...nextOthers];
    onChange(next.length === 0 ? undefined : next);
  };
  const setFields = (set: Record<string, string | undefined>) => {
    const kept = friendly.filter((c) => !(c.field in set));
    const added = Object.entries(set).flatMap(([field, v]) =>
      v === undefined ? [] : [{ field, operator: 'is' as const, values: [v] }],
    );
    save([...kept, ...added], others);
  };

  const emailEvent = fields.includes('nodeId');
  const nodeId = get('nodeId');
  const emailNodes = definition.nodes.flatMap((n) =>
    n.type === 'action' && n.settings.action?.type === 'sendEmail'
      ? [{ node: n.id, emailId: n.settings.action.emailId }]
      : [],
  );
  const chosenEmail = emailNodes.find((e) => e.node === nodeId)?.emailId;
  const email = useQuery({
    queryKey: ['emails', chosenEmail],
    queryFn: () => getEmail(chosenEmail!),
    enabled: chosenEmail !== undefined && fields.includes('url'),
  });
  const links = linksOf(email.data?.html ?? '');
  const url = get('url');
  const inJourney = get('journeyId');

  return (
    <Stack gap="xs">
      {emailEvent && (
        <>
          <Select
            label={t('mapText.listener.inEmail')}
            placeholder={t('mapText.listener.anyEmail')}
            clearable
            data={emailNodes.map((e) => ({
              value: e.node,
              label: names.name(e.node) ?? e.node,
            }))}
            value={nodeId ?? null}
            onChange={(picked) =>
              setFields(
                picked
                  ? { nodeId: picked, url: undefined, journeyId: journeyId ?? inJourney }
                  : { nodeId: undefined, url: undefined },
              )
            }
            nothingFoundMessage={t('mapText.listener.noEmails')}
          />
          {fields.includes('url') && (
            <Select
              label={t('mapText.listener.link')}
              placeholder={t('mapText.listener.anyLink')}
              clearable
              searchable
              disabled={nodeId === undefined}
              data={[...new Set([...links, ...(url ? [url] : [])])]}
              value={url ?? null}
              onChange={(picked) => setFields({ url: picked ?? undefined })}
            />
          )}
          <Select
            label={t('mapText.listener.inJourney')}
            allowDeselect={false}
            data={[
              { value: 'any', label: t('mapText.listener.anyJourney') },
              ...(journeyId
                ? [{ value: journeyId, label: t('mapText.listener.thisJourney') }]
                : []),
              ...(inJourney && inJourney !== journeyId
                ? [{ value: inJourney, label: names.name(inJourney) ?? inJourney }]
                : []),
            ]}
            value={inJourney ?? 'any'}
            onChange={(picked) =>
              setFields({ journeyId: picked === 'any' || picked === null ? undefined : picked })
            }
          />
        </>
      )}
      <SavedConstraintsEditor
        key={event ?? ''}
        fields={fields.filter((f) => !handled.includes(f))}
        value={others.length === 0 ? undefined : others}
        onChange={(next) => save(friendly, next ?? [])}
      />
    </Stack>
  );
}
