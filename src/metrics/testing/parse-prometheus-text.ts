/** One sample line: a series (name and labels) and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family: its `# TYPE`, `# HELP` and samples, in the order they came. */
export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string | null;
  samples: Sample[];
}

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
/** A float as Prometheus reads it (Go's strconv.ParseFloat): NaN and Inf in any case (prom-client writes `Nan`). */
const VALUE = '(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[Nn][Aa][Nn]|[+-]?[Ii][Nn][Ff](?:[Ii][Nn][Ii][Tt][Yy])?)';
const SAMPLE = new RegExp(`^(${METRIC_NAME})(?:\\{(.*)\\})? (${VALUE})(?: (-?\\d+))?$`);
const LABEL = new RegExp(`^(${LABEL_NAME})="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`);
const SUFFIXES: Record<MetricFamily['type'], readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * Parses the Prometheus text exposition format 0.0.4 strictly, as a scraper would refuse
 * it: every line a `# HELP`, a `# TYPE` (at most one per family, before its samples), a
 * comment, a well-formed sample or empty (ignored); label values with only `\\`, `\"` and `\n` escapes; a
 * family's samples contiguous, named for its type, each series once; histogram buckets
 * cumulative, ending with `le="+Inf"` equal to `_count`. Throws naming the line.
 */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: MetricFamily | null = null;

  const familyOf = (name: string): MetricFamily => {
    const existing = families.get(name);
    if (existing) return existing;
    const created: MetricFamily = { name, type: 'untyped', help: null, samples: [] };
    families.set(name, created);
    return created;
  };
  const enter = (family: MetricFamily, line: number): void => {
    if (current === family) return;
    if (finished.has(family.name)) throw new Error(`line ${line}: samples of ${family.name} are not contiguous`);
    if (current) finished.add(current.name);
    current = family;
  };

  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      // The format ignores empty lines (prom-client puts one between families).
      if (raw === '') return;
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (meta) {
        const [, keyword, name, rest] = meta as unknown as [string, string, string, string];
        if (!new RegExp(`^${METRIC_NAME}$`).test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
        const family = familyOf(name);
        enter(family, line);
        if (keyword === 'HELP') {
          if (family.help !== null) throw new Error(`line ${line}: a second HELP for ${name}`);
          if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) throw new Error(`line ${line}: bad escape in HELP of ${name}`);
          family.help = rest.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
        } else {
          if (family.samples.length > 0 || family.type !== 'untyped') throw new Error(`line ${line}: TYPE of ${name} after its samples or repeated`);
          if (!(rest in SUFFIXES)) throw new Error(`line ${line}: unknown type ${rest}`);
          family.type = rest as MetricFamily['type'];
        }
        return;
      }
      if (raw.startsWith('#')) return;
      const match = SAMPLE.exec(raw);
      if (!match) throw new Error(`line ${line}: not a sample: ${raw}`);
      const [, name, labelText = '', valueText] = match as unknown as [string, string, string | undefined, string];
      const labels = parseLabels(labelText, line);
      const family = [...families.values()].find((f) => SUFFIXES[f.type].some((s) => name === f.name + s)) ?? familyOf(name);
      if (!SUFFIXES[family.type].some((s) => name === family.name + s)) throw new Error(`line ${line}: ${name} does not belong to ${family.type} ${family.name}`);
      enter(family, line);
      const key = `${name}{${Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
      if (series.has(key)) throw new Error(`line ${line}: series ${key} appears twice`);
      series.add(key);
      const value = /^nan$/i.test(valueText) ? NaN : /inf/i.test(valueText) ? (valueText.startsWith('-') ? -Infinity : Infinity) : Number(valueText);
      family.samples.push({ name, labels, value });
    });

  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest !== '') {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`line ${line}: bad labels at ${JSON.stringify(rest.slice(0, 40))}`);
    const [whole, name, value] = match as unknown as [string, string, string];
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    labels[name] = value.replace(/\\(\\|"|n)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest !== '') throw new Error(`line ${line}: labels must be separated by commas`);
  }
  return labels;
}

/** Per label set: buckets non-decreasing in `le`, the last `+Inf`, equal to `_count`. */
function checkHistogram(family: MetricFamily): void {
  const groups = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      group.buckets.push([le === '+Inf' ? Infinity : Number(le), sample.value]);
    } else if (sample.name.endsWith('_count')) group.count = sample.value;
    else group.sum = sample.value;
  }
  for (const [key, { buckets, count, sum }] of groups) {
    if (count === undefined || sum === undefined) throw new Error(`${family.name}${key}: _count or _sum missing`);
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i]![0] > buckets[i - 1]![0]) || buckets[i]![1] < buckets[i - 1]![1]) throw new Error(`${family.name}${key}: buckets are not cumulative in increasing le`);
    }
    const last = buckets[buckets.length - 1];
    if (!last || last[0] !== Infinity || last[1] !== count) throw new Error(`${family.name}${key}: the +Inf bucket must end the buckets and equal _count`);
  }
}
