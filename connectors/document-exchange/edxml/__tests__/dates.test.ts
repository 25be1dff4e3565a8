import { formatEdxmlDate } from '../format-edxml-date';
import { formatEdxmlTimestamp } from '../format-edxml-timestamp';
import { parseEdxmlDate } from '../parse-edxml-date';
import { parseEdxmlTimestamp } from '../parse-edxml-timestamp';

describe('parseEdxmlDate', () => {
  it.each([
    ['2019/01/16', '2019-01-16'],
    ['2019-01-16', '2019-01-16'],
    ['2019/1/6', '2019-01-06'],
    ['16/01/2019', '2019-01-16'],
    ['6/1/2019', '2019-01-06'],
    ['2018/09/28 00:00:00', '2018-09-28'],
    ['2018-09-28T10:00:00+07:00', '2018-09-28'],
    ['  2024/02/29\t', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseEdxmlDate(text)).toBe(iso);
  });

  it.each(['2014/02/30', '2023/02/29', '2019/13/01', '2019/00/10', '19/01/16', '16.01.2019', 'hôm nay', ''])('refuses %j', (text) => {
    expect(parseEdxmlDate(text)).toBeUndefined();
  });
});

describe('parseEdxmlTimestamp', () => {
  it.each([
    ['2015/09/20 11:08:36', '2015-09-20T11:08:36+07:00'],
    ['2015-09-20 11:08:36', '2015-09-20T11:08:36+07:00'],
    ['2015/09/20T11:08:36', '2015-09-20T11:08:36+07:00'],
    ['20/09/2015 11:08:36', '2015-09-20T11:08:36+07:00'],
    ['2015/09/20 11:08', '2015-09-20T11:08:00+07:00'],
    ['2015/09/20 9:08:36', '2015-09-20T09:08:36+07:00'],
    ['2015/09/20', '2015-09-20T00:00:00+07:00'],
    ['2015/09/20 11:08:36.987', '2015-09-20T11:08:36+07:00'],
    ['2015-09-20T04:08:36Z', '2015-09-20T11:08:36+07:00'],
    ['2015-09-20T20:08:36Z', '2015-09-21T03:08:36+07:00'],
    ['2015-09-20T11:08:36+07:00', '2015-09-20T11:08:36+07:00'],
    ['2015-09-20T06:08:36+02:00', '2015-09-20T11:08:36+07:00'],
    ['2015-12-31T23:30:00-05:00', '2016-01-01T11:30:00+07:00'],
    ['2015-09-20T11:08:36+0700', '2015-09-20T11:08:36+07:00'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseEdxmlTimestamp(text)).toBe(iso);
  });

  it.each(['2015/09/20 24:00:00', '2015/09/20 11:60:00', '2015/02/30 11:08:36', '2015/09/20 11:08:36 ICT', 'yesterday', ''])('refuses %j', (text) => {
    expect(parseEdxmlTimestamp(text)).toBeUndefined();
  });
});

describe('formatEdxmlDate', () => {
  it('writes an ISO date as yyyy/MM/dd', () => {
    expect(formatEdxmlDate('2019-01-16')).toBe('2019/01/16');
  });

  it.each(['2019/01/16', '2019-1-16', '2019-02-30', '2019-01-16T00:00:00+07:00', ''])('refuses %j, which is not an ISO calendar date', (text) => {
    expect(formatEdxmlDate(text)).toBeUndefined();
  });
});

describe('formatEdxmlTimestamp', () => {
  it.each([
    ['2015-09-20T11:08:36+07:00', '2015/09/20 11:08:36'],
    ['2015-09-20T04:08:36Z', '2015/09/20 11:08:36'],
    ['2015-09-20T04:08:36.750Z', '2015/09/20 11:08:36'],
    ['2015-12-31T23:30:00-05:00', '2016/01/01 11:30:00'],
  ])('writes %s as %s in Vietnam time', (iso, text) => {
    expect(formatEdxmlTimestamp(iso)).toBe(text);
  });

  it.each(['2015-09-20T11:08:36', '2015/09/20 11:08:36', '2015-09-20', '2015-02-30T00:00:00Z'])('refuses %j, which has no zone or is not ISO', (text) => {
    expect(formatEdxmlTimestamp(text)).toBeUndefined();
  });

  it('round trips with parseEdxmlTimestamp', () => {
    const iso = '2024-02-29T23:59:59+07:00';
    expect(parseEdxmlTimestamp(formatEdxmlTimestamp(iso) as string)).toBe(iso);
  });
});
