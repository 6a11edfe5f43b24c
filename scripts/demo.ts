// Prints what the product would do with one missed call: the gate's first decision and the
// simulated sequence, the same policy code the n8n nodes and the designer run.
import { fourTouch } from '../shared/templates';
import { simulateSequence } from '../shared/simulate';

const at = Date.parse('2026-12-01T20:45:00-05:00');
const sim = simulateSequence(fourTouch, { to: '+13055550123', at });
for (const t of sim.touches) {
  const shift = t.allowedLocal && t.allowedLocal !== t.plannedLocal ? ` → ${t.allowedLocal}` : '';
  const why = t.verdict === 'send' ? '' : `  [${t.reasons.map((r) => r.code).join(', ')}]`;
  console.log(`${t.stepId.padEnd(14)} ${t.channel.padEnd(14)} ${t.verdict.padEnd(7)} ${t.plannedLocal}${shift}${why}`);
}
