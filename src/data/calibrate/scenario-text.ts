/**
 * A calibrated scenario as YAML a planner can read: block style for the structure, one line per
 * list of numbers and per distribution, and a header saying where every number came from.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';

export function scenarioYaml(scenario: Record<string, unknown>, header: readonly string[]): string {
  const doc = new Document(scenario);
  visit(doc, {
    Scalar(_, node) {
      // Clock times quoted: "07:00" must never read as a number (YAML 1.1's base 60).
      if (typeof node.value === 'string' && /^\d+:\d\d/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
    Seq(_, node) {
      // Numbers, or [value, cdf] pairs: one line.
      if (node.items.every((item) => isScalar(item) || (isSeq(item) && item.items.every(isScalar))))
        node.flow = true;
    },
    Map(_, node) {
      // A distribution ({ dist, … }) or a small leaf map: one line.
      if (
        node.items.every((pair) => isScalar(pair.value) || (isSeq(pair.value) && pair.value.flow === true))
      ) {
        if (node.items.length <= 4 || node.has('dist')) node.flow = true;
      }
      if (isMap(node) && node.has('dist')) node.flow = true;
    },
  });
  doc.commentBefore = header.map((line) => ` ${line}`.trimEnd()).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
