import { parsePrometheusText } from '../testing/parse-prometheus-text';

const VALID = [
  '# HELP http_requests_total Requests, with a \\\\ and a \\n in the help.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="post",code="200"} 1027 1395066363000',
  'http_requests_total{method="post",code="400",path="a \\"quoted\\" \\\\ value\\n"} 3',
  '# A comment line',
  '# TYPE latency_seconds histogram',
  'latency_seconds_bucket{le="0.05"} 24054',
  'latency_seconds_bucket{le="0.1"} 33444',
  'latency_seconds_bucket{le="+Inf"} 144320',
  'latency_seconds_sum 53423',
  'latency_seconds_count 144320',
  '',
  'temperature -Inf',
  'ratio NaN',
  'mean Nan',
  '',
].join('\n');

describe('parsePrometheusText', () => {
  it('reads families, types, help, labels with their escapes, and values', () => {
    const families = parsePrometheusText(VALID);
    expect(families.get('http_requests_total')).toEqual({
      name: 'http_requests_total',
      type: 'counter',
      help: 'Requests, with a \\ and a \n in the help.',
      samples: [
        { name: 'http_requests_total', labels: { method: 'post', code: '200' }, value: 1027 },
        { name: 'http_requests_total', labels: { method: 'post', code: '400', path: 'a "quoted" \\ value\n' }, value: 3 },
      ],
    });
    expect(families.get('latency_seconds')?.samples.map((s) => s.value)).toEqual([24054, 33444, 144320, 53423, 144320]);
    expect(families.get('temperature')?.samples[0]?.value).toBe(-Infinity);
    expect(families.get('ratio')?.samples[0]?.value).toBeNaN();
    // As Prometheus reads floats (Go's ParseFloat), in any case: prom-client writes `Nan`.
    expect(families.get('mean')?.samples[0]?.value).toBeNaN();
  });

  it.each([
    ['no final line feed', 'x 1', /line feed/],
    ['a second HELP', '# HELP x one\n# HELP x two\n', /line 2: a second HELP/],
    ['a value that is not a number', 'x one\n', /line 1: not a sample/],
    ['an unquoted label value', 'x{a=b} 1\n', /bad labels/],
    ['an unknown escape in a label value', 'x{a="\\t"} 1\n', /bad labels/],
    ['a label given twice', 'x{a="1",a="2"} 1\n', /label a twice/],
    ['a series given twice', 'x{a="1"} 1\nx{a="1"} 2\n', /appears twice/],
    ['a TYPE after the samples', 'x 1\n# TYPE x counter\n', /after its samples/],
    ['an unknown type', '# TYPE x meter\n', /unknown type meter/],
    ['samples of one family apart', '# TYPE x gauge\nx{a="1"} 1\n# TYPE y gauge\ny 1\nx{a="2"} 1\n', /not contiguous/],
    ['a sample that is not of its histogram', '# TYPE h histogram\nh 1\n', /does not belong/],
    ['buckets that decrease', '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="2"} 4\nh_bucket{le="+Inf"} 5\nh_sum 1\nh_count 5\n', /not cumulative/],
    ['a +Inf bucket other than the count', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n', /\+Inf bucket/],
    ['a histogram without its count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\n', /_count or _sum missing/],
  ])('refuses %s', (_why, text, reason) => {
    expect(() => parsePrometheusText(text)).toThrow(reason);
  });
});
