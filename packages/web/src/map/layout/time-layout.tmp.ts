import { benchmarkDefinition } from '../../../e2e/map-performance.bench.ts';
import { definitionToFlow, layoutInput } from '../definition-to-flow.ts';
import { layOutMap } from './map-layout.ts';
const def = benchmarkDefinition('aud');
const options = {
  portLabels: { timeout: 'Timeout', other: 'Other', timeoutOrError: 'x' },
  edgeType: 'path',
  openEnds: true,
  labelRows: { plus: true },
} as never;
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const flow = definitionToFlow(def, options);
  const input = layoutInput(def, flow, { plus: true });
  const t1 = performance.now();
  layOutMap(input.boxes, input.edges);
  const t2 = performance.now();
  console.log(
    'flow+input',
    (t1 - t0).toFixed(1),
    'layout',
    (t2 - t1).toFixed(1),
    input.boxes.length,
    input.edges.length,
  );
}
