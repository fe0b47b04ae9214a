/** *Merge paths*: which open paths below the split lead into the merge, as check boxes. */
import { Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { portLabel } from '../definition-to-flow.ts';
import { mergeCandidates, setMergeInputs, type PathPlace } from '../definition-edits.ts';
import type { FormProps } from './form-props.ts';
import { nodeTitleText } from '../node-text.ts';

export function MergeForm({ node, definition, run }: FormProps<'merge'>) {
  const { t } = useTranslation();
  const candidates = mergeCandidates(definition, node.id);
  const key = (p: PathPlace) => `${p.from}\u0000${p.port}`;
  const merged = candidates.filter((p) =>
    definition.edges.some((e) => e.from === p.from && e.port === p.port && e.to === node.id),
  );
  const labels = {
    timeout: t('edges.timeout'),
    other: t('edges.other'),
    timeoutOrError: t('edges.timeoutOrError'),
  };
  const describe = (place: PathPlace) => {
    const from = definition.nodes.find((n) => n.id === place.from);
    if (!from) return place.port;
    const label = portLabel(from, place.port, labels);
    return label === '' ? nodeTitleText(t, from) : `${nodeTitleText(t, from)}: ${label}`;
  };
  if (candidates.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('editor.merge.none')}
      </Text>
    );
  }
  return (
    <Checkbox.Group
      label={t('editor.merge.paths')}
      value={merged.map(key)}
      onChange={(values) =>
        run((def) =>
          setMergeInputs(
            def,
            node.id,
            candidates.filter((p) => values.includes(key(p))),
          ),
        )
      }
    >
      <Stack gap={6} mt={6}>
        {candidates.map((place) => (
          <Checkbox key={key(place)} value={key(place)} label={describe(place)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
